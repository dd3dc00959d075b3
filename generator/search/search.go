// Package search builds the site's full-text search index: a compact
// inverted index written as scripts (assets/search-index.js, and on a large
// site more parts beside it, see PartDocs) so that the search box works
// offline and from file://, where fetching JSON is not allowed.
package search

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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

// Index is the serialised index, or one part of it (see PartDocs):
// documents and, for each term, the documents containing it as [doc,
// weight] pairs. Document numbers count from the part's first document.
type Index struct {
	Version int `json:"v"`
	// Part is this part's number; the first (0) is written at IndexPath
	// and, when there are more, says how many (Parts).
	Part  int                `json:"-"`
	Parts int                `json:"parts,omitempty"`
	Docs  []Doc              `json:"docs"`
	Terms map[string][]int32 `json:"terms"` // term -> flattened [doc, weight, doc, weight, ...]
}

// maxBodyTerms bounds how many distinct body terms one page contributes,
// so a huge page cannot bloat the index.
const maxBodyTerms = 2000

// Build indexes every HTML page that is not marked NoSearch, in parts of
// perPart documents (PartDocs, unless a test wants small parts), the
// parts on every core. Within a part each page's terms are merged as soon
// as they are found, so a part holds one page's entry at a time.
func Build(ctx context.Context, pages []*site.Page, perPart int) ([]*Index, error) {
	var indexed []*site.Page
	for _, p := range pages {
		if Indexed(p) {
			indexed = append(indexed, p)
		}
	}
	parts := make([]*Index, partCount(len(indexed), perPart))
	// A part's terms, document after document, are megabytes that finish
	// is done with once it returns: the next part reuses them rather than
	// growing its own again by doubling.
	var spare sync.Pool
	err := site.Parallel(ctx, len(parts), func(i int) error {
		var (
			ix indexer
			a  assembler
		)
		if pairs, ok := spare.Get().(*[]idWeight); ok {
			a.pairs = (*pairs)[:0]
		}
		for _, p := range indexed[min(i*perPart, len(indexed)):min((i+1)*perPart, len(indexed))] {
			doc, terms, _ := ix.index(p)
			a.add(doc, terms)
		}
		parts[i] = a.finish(ix.terms.terms, i, len(parts))
		spare.Put(&a.pairs)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return parts, nil
}

// An Entry is one page's part of the index: its document and the weight
// of each of its terms. A caller that indexes the same site again after
// an edit keeps the entries and redoes only the edited pages' (NewEntry).
type Entry struct {
	Doc   Doc
	terms []termWeight // each term once, in no particular order
}

type termWeight struct {
	term   string
	weight int32
}

// Entries returns the entries of the pages Build indexes, in page order.
func Entries(pages []*site.Page) []Entry {
	var (
		ix  indexer // shared: each distinct term is allocated once
		out []Entry
	)
	for _, p := range pages {
		if e, ok := ix.entry(p); ok {
			out = append(out, e)
		}
	}
	return out
}

// NewEntry indexes one page; ok is false for a page Build leaves out.
func NewEntry(p *site.Page) (e Entry, ok bool) {
	var ix indexer
	return ix.entry(p)
}

// Indexed reports whether Build indexes p: HTML pages not marked
// NoSearch, the 404 page aside.
func Indexed(p *site.Page) bool { return !p.NoSearch && p.Template != "" && p.Path != "404.html" }

// Assemble builds the index of entries, in parts of perPart documents; a
// document's number in the whole index is its place in entries.
func Assemble(entries []Entry, perPart int) []*Index {
	parts := make([]*Index, partCount(len(entries), perPart))
	for i := range parts {
		parts[i] = AssemblePart(entries, i, perPart)
	}
	return parts
}

// AssemblePart builds part i of the index Assemble builds of entries.
func AssemblePart(entries []Entry, i, perPart int) *Index {
	in := entries[min(i*perPart, len(entries)):min((i+1)*perPart, len(entries))]
	return assemblePart(in, i, partCount(len(entries), perPart))
}

// assemblePart builds part i of n of an index from that part's entries; a
// document's number is its place in entries.
func assemblePart(entries []Entry, i, n int) *Index {
	pairs := 0
	for _, e := range entries {
		pairs += len(e.terms)
	}
	a := assembler{
		docs:     make([]Doc, 0, len(entries)),
		docTerms: make([]int32, 0, len(entries)),
		pairs:    make([]idWeight, 0, pairs),
	}
	ids := map[string]int32{}
	var (
		terms []string // by id
		page  []idWeight
	)
	for _, e := range entries {
		page = page[:0]
		for _, tw := range e.terms {
			id, ok := ids[tw.term]
			if !ok {
				id = int32(len(terms))
				ids[tw.term] = id
				terms = append(terms, tw.term)
			}
			page = append(page, idWeight{id, tw.weight})
		}
		a.add(e.Doc, page)
	}
	return a.finish(terms, i, n)
}

// An idWeight is a term, by its number, and its weight in one page.
type idWeight struct {
	id, weight int32
}

// An indexer finds the terms of pages and weights them. It numbers every
// term it meets and keeps it, so that a term seen before, on this page or
// an earlier one, costs a table lookup and no allocation.
type indexer struct {
	scan  termScanner
	terms termTable
	// seen[id] says where the term is in page if its page is the
	// current one; pages are numbered from 1, so the zero value is
	// "not in this page".
	seen   []termSlot
	pageNo int32
	page   []idWeight // the current page's terms
}

type termSlot struct {
	pageNo int32
	at     int32 // index in indexer.page
}

// entry returns p's Entry.
func (ix *indexer) entry(p *site.Page) (Entry, bool) {
	doc, page, ok := ix.index(p)
	if !ok {
		return Entry{}, false
	}
	terms := make([]termWeight, len(page))
	for i, iw := range page {
		terms[i] = termWeight{ix.terms.terms[iw.id], iw.weight}
	}
	return Entry{Doc: doc, terms: terms}, true
}

// index returns p's document and its terms' ids and weights; the terms
// are valid until the next call.
func (ix *indexer) index(p *site.Page) (Doc, []idWeight, bool) {
	if !Indexed(p) {
		return Doc{}, nil, false
	}
	ix.pageNo++
	ix.page = ix.page[:0]
	// The body comes first, so that maxBodyTerms counts its terms alone;
	// a term keeps the highest weight of the fields it is in.
	ix.add(p.Text, weightBody, maxBodyTerms)
	ix.add(p.Words, weightBody, maxBodyTerms)
	ix.add(p.Description, weightHeading, 0)
	for _, h := range p.TOC {
		ix.add(h.Text, weightHeading, 0)
	}
	ix.add(p.Badge, weightBadge, 0)
	ix.add(p.Kind, weightBadge, 0)
	for _, tag := range p.Tags {
		ix.add(tag, weightTag, 0) // as if joined by spaces, which split terms anyway
	}
	ix.add(p.Title, weightTitle, 0)
	doc := Doc{Title: p.Title, Path: p.Path, Kind: p.Kind, Badge: p.Badge, Snippet: snippet(p)}
	return doc, ix.page, true
}

// add gives the terms of text weight w at least. A positive limit bounds
// how many terms new to the page text adds: the rest of text is ignored.
func (ix *indexer) add(text string, w int32, limit int) {
	n := 0
	ix.scan.reset(text)
	for ix.scan.next() {
		id, slot := ix.terms.find(ix.scan.term, ix.scan.hash)
		known := id >= 0
		if known {
			if s := ix.seen[id]; s.pageNo == ix.pageNo {
				if iw := &ix.page[s.at]; iw.weight < w {
					iw.weight = w
				}
				continue
			}
		}
		n++
		if limit > 0 && n > limit {
			return
		}
		if !known {
			id = ix.terms.add(ix.scan.term, ix.scan.hash, slot)
			ix.seen = append(ix.seen, termSlot{})
		}
		ix.seen[id] = termSlot{pageNo: ix.pageNo, at: int32(len(ix.page))}
		ix.page = append(ix.page, idWeight{id, w})
	}
}

// An assembler collects the terms of documents and turns them into an
// Index's postings, laid out in one array.
type assembler struct {
	docs     []Doc
	pairs    []idWeight // every document's terms, document after document
	docTerms []int32    // how many of pairs each document has
	docFreq  []int32    // by term id: how many documents have the term
}

// add appends a document and its terms, given by id.
func (a *assembler) add(doc Doc, terms []idWeight) {
	a.docs = append(a.docs, doc)
	a.docTerms = append(a.docTerms, int32(len(terms)))
	a.pairs = append(a.pairs, terms...)
	for _, iw := range terms {
		for int(iw.id) >= len(a.docFreq) {
			a.docFreq = append(a.docFreq, 0)
		}
		a.docFreq[iw.id]++
	}
}

// finish returns part i of parts of the index; terms names the term ids
// given to add.
func (a *assembler) finish(terms []string, i, parts int) *Index {
	// next[id] is where the term's next posting goes in postings.
	next := make([]int32, len(a.docFreq))
	var n int32
	for id, df := range a.docFreq {
		next[id] = n
		n += 2 * df
	}
	postings := make([]int32, n)
	p := 0
	for doc, count := range a.docTerms {
		for _, iw := range a.pairs[p : p+int(count)] {
			at := next[iw.id]
			postings[at] = int32(doc)
			postings[at+1] = iw.weight
			next[iw.id] = at + 2
		}
		p += int(count)
	}
	idx := &Index{Version: 1, Part: i, Docs: a.docs, Terms: make(map[string][]int32, len(a.docFreq))}
	if i == 0 && parts > 1 {
		idx.Parts = parts
	}
	if idx.Docs == nil {
		idx.Docs = []Doc{}
	}
	for id, df := range a.docFreq {
		if df > 0 {
			end := next[id]
			idx.Terms[terms[id]] = postings[end-2*df : end : end] // capped: appending copies
		}
	}
	return idx
}

// Script returns the index part as a script: the first assigns
// window.ALMANAC_SEARCH, the others window.ALMANAC_SEARCH_PARTS[Part]. The
// part is in JSON, written byte for byte as encoding/json would (keys
// sorted, <, > and & escaped, so content cannot end the script), only
// faster.
func (idx *Index) Script() ([]byte, error) {
	// Estimate the size, to allocate the script once: a term's postings
	// are in document order, so the last document number is the longest.
	keys := make([]string, 0, len(idx.Terms))
	size := 64
	for t, post := range idx.Terms {
		keys = append(keys, t)
		size += len(t) + 5
		if n := len(post); n >= 2 {
			size += n/2*(intLen(post[n-2])+len(",1,")) + 1
		}
	}
	slices.Sort(keys)
	for _, d := range idx.Docs {
		size += len(d.Title) + len(d.Path) + len(d.Kind) + len(d.Badge) + len(d.Snippet) + len(`{"t":"","u":"","k":"","b":"","s":""},`)
	}
	size += size / 32 // for escapes and two-digit weights

	b := make([]byte, 0, size)
	if idx.Part == 0 {
		b = append(b, `window.ALMANAC_SEARCH=`...)
	} else {
		b = append(b, `(window.ALMANAC_SEARCH_PARTS=window.ALMANAC_SEARCH_PARTS||{})[`...)
		b = strconv.AppendInt(b, int64(idx.Part), 10)
		b = append(b, `]=`...)
	}
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, int64(idx.Version), 10)
	if idx.Parts != 0 {
		b = append(b, `,"parts":`...)
		b = strconv.AppendInt(b, int64(idx.Parts), 10)
	}
	b = append(b, `,"docs":`...)
	if idx.Docs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, d := range idx.Docs {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"t":`...)
			b = appendJSONString(b, d.Title)
			b = append(b, `,"u":`...)
			b = appendJSONString(b, d.Path)
			b = append(b, `,"k":`...)
			b = appendJSONString(b, d.Kind)
			if d.Badge != "" {
				b = append(b, `,"b":`...)
				b = appendJSONString(b, d.Badge)
			}
			if d.Snippet != "" {
				b = append(b, `,"s":`...)
				b = appendJSONString(b, d.Snippet)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"terms":`...)
	if idx.Terms == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, t := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, t)
			b = append(b, ':')
			post := idx.Terms[t]
			if post == nil {
				b = append(b, "null"...)
				continue
			}
			b = appendInts(b, post)
		}
		b = append(b, '}')
	}
	b = append(b, "};\n"...)
	return b, nil
}

// intLen returns the length of v in decimal.
func intLen(v int32) int {
	if v < 0 {
		return 1 + intLen64(-int64(v))
	}
	return intLen64(int64(v))
}

func intLen64(u int64) int {
	// Postings' numbers are small: test the likely lengths first.
	switch {
	case u < 10:
		return 1
	case u < 100:
		return 2
	case u < 1000:
		return 3
	case u < 10000:
		return 4
	}
	n := 5
	for u /= 100000; u > 0; u /= 10 {
		n++
	}
	return n
}

// appendInts appends vs as a JSON array.
func appendInts(b []byte, vs []int32) []byte {
	const maxLen = len("-2147483648,")
	b = append(b, '[')
	for j := 0; j < len(vs); {
		// Make room for a chunk of the longest numbers, then write them
		// in place: a chunk, not all of vs, so the estimate Script made
		// of the size holds.
		chunk := vs[j:min(len(vs), j+64)]
		b = slices.Grow(b, len(chunk)*maxLen)
		n := len(b)
		b = b[:cap(b)]
		for _, v := range chunk {
			if j > 0 {
				b[n] = ','
				n++
			}
			j++
			if 0 <= v && v < 10 {
				b[n] = byte('0' + v)
				n++
				continue
			}
			n += putInt(b[n:], v)
		}
		b = b[:n]
	}
	return append(b, ']')
}

// putInt writes v in decimal at the start of b, returning its length.
func putInt(b []byte, v int32) int {
	n := intLen(v)
	u := uint32(v)
	if v < 0 {
		b[0] = '-'
		u = -u
	}
	i := n - 1
	for u >= 10 {
		q := u / 10
		b[i] = byte('0' + u - 10*q)
		u = q
		i--
	}
	b[i] = byte('0' + u)
	return n
}

// appendJSONString appends s as a JSON string the way encoding/json
// writes it with HTML escaping: <, >, &, U+2028 and U+2029 escaped,
// invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// snippetRunes is how many characters of a page a result shows.
const snippetRunes = 160

func snippet(p *site.Page) string {
	s := p.Description
	if s == "" {
		s = leadingWords(p.Text, snippetRunes+1) // enough to know whether to cut
	}
	if s == "" {
		s = leadingWords(p.Words, snippetRunes+1)
	}
	if utf8.RuneCountInString(s) > snippetRunes {
		// As string([]rune(s)[:snippetRunes]): invalid UTF-8 becomes U+FFFD.
		b := make([]byte, 0, min(len(s), snippetRunes*utf8.UTFMax)+len("…"))
		n := 0
		for _, r := range s {
			if n == snippetRunes {
				break
			}
			b = utf8.AppendRune(b, r)
			n++
		}
		s = string(append(b, "…"...))
	}
	return s
}

// leadingWords returns strings.Join(strings.Fields(text), " ") or, if
// that is longer, as many of its first words as make it atLeast runes
// long: the snippet does not need the rest of a long page.
func leadingWords(text string, atLeast int) string {
	var b strings.Builder
	n := 0 // runes in b
	for f := range strings.FieldsSeq(text) {
		if n >= atLeast {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(f)
		n += utf8.RuneCountInString(f)
	}
	return b.String()
}

// Tokens splits text into lower-case search terms of two or more
// characters. The browser script tokenises queries the same way.
func Tokens(text string) []string {
	// Lower-case every term into one string, then cut it up: two
	// allocations rather than one a term.
	var (
		s    termScanner
		buf  []byte
		ends []int
	)
	s.reset(text)
	for s.next() {
		buf = append(buf, s.term...)
		ends = append(ends, len(buf))
	}
	if len(ends) == 0 {
		return nil
	}
	all := string(buf)
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end
	}
	return out
}

// Lookup runs a query against the index the way the browser script does:
// every query term must match a term (the last as a prefix); documents are
// ranked by summed weight. It exists so tests can check the index.
func (idx *Index) Lookup(query string) []Doc {
	scores := idx.scores(query)
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

// scores returns the summed weight of each document matching query.
func (idx *Index) scores(query string) map[int32]int32 {
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
	return scores
}
