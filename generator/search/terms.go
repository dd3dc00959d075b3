package search

import (
	"unicode"
	"unicode/utf8"
)

// A termScanner splits text into terms: the runs of letters and digits,
// lower-cased as by strings.ToLower, of two or more characters and at
// most maxTermBytes bytes. It handles ASCII without decoding, lower-cases
// into a buffer reused from one term to the next, and hashes each term as
// it goes, for termTable.
type termScanner struct {
	text string
	pos  int
	term []byte // the current term, valid until the next call to next
	hash uint64 // of term, for termTable
}

// The parameters of the 64-bit FNV-1a hash.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// maxTermBytes bounds a term's length, so an identifier or a hash does
// not make a term.
const maxTermBytes = 40

func (s *termScanner) reset(text string) {
	s.text, s.pos = text, 0
}

// next advances to the next term, reporting whether there is one.
func (s *termScanner) next() bool {
	text, i := s.text, s.pos
	term := s.term[:0]
	wide := 0 // bytes of term beyond one per rune
	h := uint64(fnvOffset)
	for i < len(text) {
		// Lower-case the rune first, then ask whether it is a letter or a
		// digit, as Tokens did with strings.ToLower and FieldsFunc. ToLower
		// maps invalid UTF-8 to U+FFFD, which is neither.
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if lc := c | 0x20; 'a' <= lc && lc <= 'z' {
				term = append(term, lc)
				h = (h ^ uint64(lc)) * fnvPrime
				continue
			}
			if '0' <= c && c <= '9' {
				term = append(term, c)
				h = (h ^ uint64(c)) * fnvPrime
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsDigit(r) {
				n := len(term)
				term = utf8.AppendRune(term, r)
				for _, c := range term[n:] {
					h = (h ^ uint64(c)) * fnvPrime
				}
				wide += len(term) - n - 1
				continue
			}
		}
		// A separator ends the term, if any.
		if len(term)-wide >= 2 && len(term) <= maxTermBytes {
			s.pos, s.term, s.hash = i, term, h
			return true
		}
		term, wide, h = term[:0], 0, fnvOffset
	}
	s.pos, s.term, s.hash = i, term, h
	return len(term)-wide >= 2 && len(term) <= maxTermBytes
}

// A termTable numbers terms in the order they are added. It is a hash
// table, open addressing with linear probing, rather than a map so that
// finding a term takes the hash termScanner computed as it read the term
// and its bytes, without allocating. FNV is not keyed, so text made to
// collide would slow indexing down, but the text is the site's own.
type termTable struct {
	slots  []int32 // a term's id+1, or 0 for an empty slot; len is 1<<bits
	bits   int
	terms  []string // by id
	hashes []uint64 // by id, to grow the table
}

// home returns the slot where looking for a term with the hash starts:
// Fibonacci hashing, the top bits of a product every bit of hash is in.
func (t *termTable) home(hash uint64) int {
	return int((hash * 0x9e3779b97f4a7c15) >> (64 - t.bits))
}

// find returns term's id, or -1 and the slot for add.
func (t *termTable) find(term []byte, hash uint64) (id int32, slot int) {
	if t.slots == nil {
		t.bits = 10
		t.slots = make([]int32, 1<<t.bits)
	}
	mask := len(t.slots) - 1
	for i := t.home(hash); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1, i
		}
		if t.hashes[s-1] == hash && t.terms[s-1] == string(term) {
			return s - 1, i
		}
	}
}

// add adds term, which find did not find, at slot and returns its id.
func (t *termTable) add(term []byte, hash uint64, slot int) int32 {
	id := int32(len(t.terms))
	t.terms = append(t.terms, string(term))
	t.hashes = append(t.hashes, hash)
	t.slots[slot] = id + 1
	if 2*len(t.terms) > len(t.slots) { // keep it at most half full
		t.grow()
	}
	return id
}

func (t *termTable) grow() {
	t.bits++
	t.slots = make([]int32, 1<<t.bits)
	mask := len(t.slots) - 1
	for id, hash := range t.hashes {
		i := t.home(hash)
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(id) + 1
	}
}
