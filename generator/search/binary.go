package search

import (
	"errors"
	"slices"

	"github.com/almanac-handbook/almanac/generator/binrec"
)

// binaryMagic starts the binary form of an Index; it changes with the form.
const binaryMagic = "almanac-search-index-2\n"

// MarshalBinary encodes the index compactly, for a build to keep it (see
// Replace): terms in order, each with its postings, document numbers as
// differences from the one before.
func (idx *Index) MarshalBinary() ([]byte, error) {
	total := 0
	terms := make([]string, 0, len(idx.Terms))
	for t, post := range idx.Terms {
		terms = append(terms, t)
		total += len(post)
	}
	slices.Sort(terms)
	w := binrec.Writer{B: make([]byte, 0, len(binaryMagic)+16+len(idx.Docs)*64+len(terms)*12+total*2)}
	w.B = append(w.B, binaryMagic...)
	w.Uvarint(uint64(idx.Version))
	w.Uvarint(uint64(idx.Part))
	w.Uvarint(uint64(idx.Parts))
	w.Uvarint(uint64(len(idx.Docs)))
	for _, d := range idx.Docs {
		for _, s := range [...]string{d.Title, d.Path, d.Kind, d.Badge, d.Snippet} {
			w.Str(s)
		}
	}
	w.Uvarint(uint64(len(terms)))
	w.Uvarint(uint64(total))
	for _, t := range terms {
		post := idx.Terms[t]
		w.Str(t)
		w.Uvarint(uint64(len(post) / 2))
		prev := int32(0)
		for i := 0; i+1 < len(post); i += 2 {
			w.Varint(int64(post[i] - prev))
			w.Varint(int64(post[i+1]))
			prev = post[i]
		}
	}
	return w.B, nil
}

var errBadIndex = errors.New("search: corrupt binary index")

// maxParts bounds the part numbers UnmarshalBinary accepts, far above any
// site's (a million pages make 500 parts).
const maxParts = 1 << 20

// UnmarshalBinary decodes what MarshalBinary encoded. Every term's postings
// are slices of one array, as Assemble makes them.
func (idx *Index) UnmarshalBinary(b []byte) error {
	if len(b) < len(binaryMagic) || string(b[:len(binaryMagic)]) != binaryMagic {
		return errBadIndex
	}
	d := binrec.NewReader(b[len(binaryMagic):], errBadIndex)
	version := d.Uvarint()
	part, parts := d.Uvarint(), d.Uvarint()
	if part > maxParts || parts > maxParts {
		return errBadIndex
	}
	ndocs := d.Count(5)
	docs := make([]Doc, 0, ndocs)
	for range ndocs {
		docs = append(docs, Doc{Title: d.Str(), Path: d.Str(), Kind: d.Str(), Badge: d.Str(), Snippet: d.Str()})
	}
	nterms := d.Count(2)
	total := d.Count(1)
	terms := make(map[string][]int32, nterms)
	all := make([]int32, 0, total)
	for range nterms {
		t := d.Str()
		n := d.Count(2)
		if d.Err() != nil || len(all)+2*n > total {
			return errBadIndex
		}
		start := len(all)
		prev := int64(0)
		for range n {
			doc := prev + d.Varint()
			w := d.Varint()
			if doc < 0 || doc >= int64(ndocs) || w != int64(int32(w)) {
				return errBadIndex
			}
			all = append(all, int32(doc), int32(w))
			prev = doc
		}
		terms[t] = all[start:len(all):len(all)]
	}
	if d.Err() != nil || d.Len() != 0 {
		return errBadIndex
	}
	*idx = Index{Version: int(version), Part: int(part), Parts: int(parts), Docs: docs, Terms: terms}
	return nil
}
