package search

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"github.com/almanac-handbook/almanac/generator/binrec"
)

// PartDocs is how many documents one part of the index holds in a build
// (tests make smaller parts, to have several of them). A large
// site's index is split into parts, each a script of its own (PartPath),
// so that an edit to one page writes its part again, a few megabytes,
// instead of the whole index (57 MB at 50,000 pages). The browser loads
// every part on first use and ranks documents across them as it would in
// one index: a document's terms are all in its own part.
const PartDocs = 2000

// PartPath returns where part i of the index is written: the first at
// IndexPath, which says how many there are, and the others beside it.
func PartPath(i int) string {
	if i == 0 {
		return IndexPath
	}
	return "assets/search-index-" + strconv.Itoa(i) + ".js"
}

// PartOf returns the part that holds document doc of the whole index, in
// parts of perPart documents, and doc's number in that part.
func PartOf(doc, perPart int) (part, docInPart int) { return doc / perPart, doc % perPart }

// partCount returns how many parts an index of n documents has: one at
// least, so that an empty site still has a (empty) index.
func partCount(n, perPart int) int { return max(1, (n+perPart-1)/perPart) }

// The parts' binary forms (MarshalBinary) go together in one file, in
// order, each behind its length, so that a build that edits a few pages
// decodes and encodes again only their parts.
const partsMagic = "almanac-search-parts-1\n"

var errBadParts = errors.New("search: corrupt list of index parts")

// JoinParts puts the binary forms of an index's parts together.
func JoinParts(parts [][]byte) []byte {
	size := len(partsMagic) + 8
	for _, p := range parts {
		size += len(p) + 8
	}
	w := binrec.Writer{B: make([]byte, 0, size)}
	w.B = append(w.B, partsMagic...)
	w.Uvarint(uint64(len(parts)))
	for _, p := range parts {
		w.Bytes(p)
	}
	return w.B
}

// SplitParts undoes JoinParts; the parts share b's bytes.
func SplitParts(b []byte) ([][]byte, error) {
	if len(b) < len(partsMagic) || string(b[:len(partsMagic)]) != partsMagic {
		return nil, errBadParts
	}
	d := binrec.NewReader(b[len(partsMagic):], errBadParts)
	n := d.Count(1)
	parts := make([][]byte, 0, n)
	for range n {
		parts = append(parts, d.Bytes())
	}
	if d.Err() != nil || d.Len() != 0 {
		return nil, errBadParts
	}
	return parts, nil
}

// LookupParts runs a query against an index in parts the way the browser
// script does: each part ranks its documents as Lookup does, and the
// results merge by weight, then by document order across parts (a
// document's part and its number in it). It exists so tests can check
// that parts rank as one index would.
func LookupParts(parts []*Index, query string) []Doc {
	type hit struct {
		part, doc int
		weight    int32
	}
	var hits []hit
	for pi, idx := range parts {
		scores := idx.scores(query)
		for doc, w := range scores {
			hits = append(hits, hit{pi, int(doc), w})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.weight != b.weight {
			return cmp.Compare(b.weight, a.weight)
		}
		return cmp.Or(cmp.Compare(a.part, b.part), cmp.Compare(a.doc, b.doc))
	})
	out := make([]Doc, len(hits))
	for i, h := range hits {
		out[i] = parts[h.part].Docs[h.doc]
	}
	return out
}
