package search

import (
	"encoding/binary"
	"errors"
	"slices"
)

// binaryMagic starts the binary form of an Index; it changes with the form.
const binaryMagic = "almanac-search-index-1\n"

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
	b := make([]byte, 0, len(binaryMagic)+16+len(idx.Docs)*64+len(terms)*12+total*2)
	b = append(b, binaryMagic...)
	b = binary.AppendUvarint(b, uint64(idx.Version))
	b = binary.AppendUvarint(b, uint64(len(idx.Docs)))
	for _, d := range idx.Docs {
		for _, s := range [...]string{d.Title, d.Path, d.Kind, d.Badge, d.Snippet} {
			b = appendString(b, s)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	b = binary.AppendUvarint(b, uint64(total))
	for _, t := range terms {
		post := idx.Terms[t]
		b = appendString(b, t)
		b = binary.AppendUvarint(b, uint64(len(post)/2))
		prev := int32(0)
		for i := 0; i+1 < len(post); i += 2 {
			b = binary.AppendVarint(b, int64(post[i]-prev))
			b = binary.AppendVarint(b, int64(post[i+1]))
			prev = post[i]
		}
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errBadIndex = errors.New("search: corrupt binary index")

// UnmarshalBinary decodes what MarshalBinary encoded. Every term's postings
// are slices of one array, as Assemble makes them.
func (idx *Index) UnmarshalBinary(b []byte) error {
	d := decoder{b: b}
	if len(b) < len(binaryMagic) || string(b[:len(binaryMagic)]) != binaryMagic {
		return errBadIndex
	}
	d.b = b[len(binaryMagic):]
	version := d.uvarint()
	ndocs := d.count(5)
	docs := make([]Doc, 0, ndocs)
	for range ndocs {
		docs = append(docs, Doc{Title: d.string(), Path: d.string(), Kind: d.string(), Badge: d.string(), Snippet: d.string()})
	}
	nterms := d.count(2)
	total := d.count(1)
	terms := make(map[string][]int32, nterms)
	all := make([]int32, 0, total)
	for range nterms {
		t := d.string()
		n := d.count(2)
		if d.err != nil || len(all)+2*n > total {
			return errBadIndex
		}
		start := len(all)
		prev := int64(0)
		for range n {
			doc := prev + d.varint()
			w := d.varint()
			if doc < 0 || doc >= int64(ndocs) || w != int64(int32(w)) {
				return errBadIndex
			}
			all = append(all, int32(doc), int32(w))
			prev = doc
		}
		terms[t] = all[start:len(all):len(all)]
	}
	if d.err != nil || len(d.b) != 0 {
		return errBadIndex
	}
	*idx = Index{Version: int(version), Docs: docs, Terms: terms}
	return nil
}

// decoder reads varints and strings, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items each taking at least min bytes, refusing
// one the rest of the input cannot hold.
func (d *decoder) count(min int) int {
	v := d.uvarint()
	if v > uint64(len(d.b))/uint64(min)+1 {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errBadIndex
	}
	d.b = nil
}
