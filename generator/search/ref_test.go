package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/almanac-handbook/almanac/generator/site"
)

// This file keeps the first implementation of the index, which used
// strings.ToLower, strings.FieldsFunc, a map per page and json.Marshal, as
// the oracle the faster one must match byte for byte.

func refTokens(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(f)) >= 2 && len(f) <= 40 {
			out = append(out, f)
		}
	}
	return out
}

// refEntry is an Entry as the first implementation made it.
type refEntry struct {
	Doc   Doc
	terms map[string]int32
}

func refNewEntry(p *site.Page) (e refEntry, ok bool) {
	if !Indexed(p) {
		return refEntry{}, false
	}
	e.Doc = Doc{Title: p.Title, Path: p.Path, Kind: p.Kind, Badge: p.Badge, Snippet: refSnippet(p)}
	weights := map[string]int32{}
	add := func(text string, w int32, limit int) {
		n := 0
		for _, t := range refTokens(text) {
			if weights[t] < w {
				if _, seen := weights[t]; !seen {
					n++
					if limit > 0 && n > limit {
						return
					}
				}
				weights[t] = w
			}
		}
	}
	add(p.Text, weightBody, maxBodyTerms)
	add(p.Words, weightBody, maxBodyTerms)
	add(p.Description, weightHeading, 0)
	for _, h := range p.TOC {
		add(h.Text, weightHeading, 0)
	}
	add(p.Badge, weightBadge, 0)
	add(p.Kind, weightBadge, 0)
	add(strings.Join(p.Tags, " "), weightTag, 0)
	add(p.Title, weightTitle, 0)
	e.terms = weights
	return e, true
}

func refBuild(pages []*site.Page) *Index {
	idx := &Index{Version: 1, Terms: map[string][]int32{}, Docs: make([]Doc, 0)}
	for _, p := range pages {
		if e, ok := refNewEntry(p); ok {
			id := int32(len(idx.Docs))
			idx.Docs = append(idx.Docs, e.Doc)
			for t, w := range e.terms {
				idx.Terms[t] = append(idx.Terms[t], id, w)
			}
		}
	}
	return idx
}

func refScript(idx *Index) ([]byte, error) {
	b, err := json.Marshal(idx)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("window.ALMANAC_SEARCH=")
	buf.Write(b)
	buf.WriteString(";\n")
	return buf.Bytes(), nil
}

func refSnippet(p *site.Page) string {
	s := p.Description
	if s == "" {
		s = strings.Join(strings.Fields(p.Text), " ")
	}
	if s == "" {
		s = strings.Join(strings.Fields(p.Words), " ")
	}
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}
