// Package search builds the site's full-text search index: a compact
// inverted index written as a script (assets/search-index.js) so that the
// search box works offline and from file://, where fetching JSON is not
// allowed.
package search

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"unicode"

	"github.com/almanac-handbook/almanac/generator/site"
)

// IndexPath is where the index is written.
const IndexPath = "assets/search-index.js"

// Field weights: a match in a title counts more than one in the body.
const (
	weightTitle   = 10
	weightTag     = 6
	weightHeading = 4
	weightBadge   = 3
	weightBody    = 1
)

// Doc is one search result candidate.
type Doc struct {
	Title   string `json:"t"`
	Path    string `json:"u"`
	Kind    string `json:"k"`
	Badge   string `json:"b,omitempty"`
	Snippet string `json:"s,omitempty"`
}

// Index is the serialised index: documents and, for each term, the
// documents containing it as [doc, weight] pairs.
type Index struct {
	Version int                `json:"v"`
	Docs    []Doc              `json:"docs"`
	Terms   map[string][]int32 `json:"terms"` // term -> flattened [doc, weight, doc, weight, ...]
}

// maxBodyTerms bounds how many distinct body terms one page contributes,
// so a huge page cannot bloat the index.
const maxBodyTerms = 2000

// Build indexes every HTML page that is not marked NoSearch. Each page's
// entry is merged into the index as soon as it is made, so only one is
// held at a time.
func Build(pages []*site.Page) *Index {
	idx := newIndex(0)
	for _, p := range pages {
		if e, ok := NewEntry(p); ok {
			idx.add(e)
		}
	}
	return idx
}

// An Entry is one page's part of the index: its document and the weight
// of each of its terms. A caller that indexes the same site again after
// an edit keeps the entries and redoes only the edited pages' (NewEntry).
type Entry struct {
	Doc   Doc
	terms map[string]int32
}

// Entries returns the entries of the pages Build indexes, in page order.
func Entries(pages []*site.Page) []Entry {
	var out []Entry
	for _, p := range pages {
		if e, ok := NewEntry(p); ok {
			out = append(out, e)
		}
	}
	return out
}

// NewEntry indexes one page; ok is false for a page Build leaves out.
func NewEntry(p *site.Page) (e Entry, ok bool) {
	if !Indexed(p) {
		return Entry{}, false
	}
	e.Doc = Doc{Title: p.Title, Path: p.Path, Kind: p.Kind, Badge: p.Badge, Snippet: snippet(p)}
	weights := map[string]int32{}
	add := func(text string, w int32, limit int) {
		n := 0
		for _, t := range Tokens(text) {
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

// Indexed reports whether Build indexes p: HTML pages not marked
// NoSearch, the 404 page aside.
func Indexed(p *site.Page) bool { return !p.NoSearch && p.Template != "" && p.Path != "404.html" }

// Assemble builds the index of entries; a document's id is its place in
// entries.
func Assemble(entries []Entry) *Index {
	idx := newIndex(len(entries))
	for _, e := range entries {
		idx.add(e)
	}
	return idx
}

func newIndex(docs int) *Index {
	return &Index{Version: 1, Terms: map[string][]int32{}, Docs: make([]Doc, 0, docs)}
}

// add appends e's document and its postings.
func (idx *Index) add(e Entry) {
	id := int32(len(idx.Docs))
	idx.Docs = append(idx.Docs, e.Doc)
	for t, w := range e.terms {
		idx.Terms[t] = append(idx.Terms[t], id, w)
	}
}

// Script returns the index as a script assigning window.ALMANAC_SEARCH.
// encoding/json escapes <, > and &, so content cannot end the script.
func (idx *Index) Script() ([]byte, error) {
	// Marshal sorts map keys, so the output is deterministic.
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

func snippet(p *site.Page) string {
	s := p.Description
	if s == "" {
		s = strings.Join(strings.Fields(p.Text), " ")
	}
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}

// Tokens splits text into lower-case search terms of two or more
// characters. The browser script tokenises queries the same way.
func Tokens(text string) []string {
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

// Lookup runs a query against the index the way the browser script does:
// every query term must match a term (the last as a prefix); documents are
// ranked by summed weight. It exists so tests can check the index.
func (idx *Index) Lookup(query string) []Doc {
	q := Tokens(query)
	if len(q) == 0 {
		return nil
	}
	var terms []string
	for t := range idx.Terms {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	scores := map[int32]int32{}
	for i, qt := range q {
		cur := map[int32]int32{}
		for _, t := range terms {
			if t == qt || (i == len(q)-1 && strings.HasPrefix(t, qt)) {
				post := idx.Terms[t]
				for j := 0; j+1 < len(post); j += 2 {
					cur[post[j]] += post[j+1]
				}
			}
		}
		if i == 0 {
			scores = cur
			continue
		}
		for d := range scores {
			if w, ok := cur[d]; ok {
				scores[d] += w
			} else {
				delete(scores, d)
			}
		}
	}
	ids := make([]int32, 0, len(scores))
	for d := range scores {
		ids = append(ids, d)
	}
	sort.Slice(ids, func(i, j int) bool {
		if scores[ids[i]] != scores[ids[j]] {
			return scores[ids[i]] > scores[ids[j]]
		}
		return ids[i] < ids[j]
	})
	out := make([]Doc, len(ids))
	for i, d := range ids {
		out[i] = idx.Docs[d]
	}
	return out
}
