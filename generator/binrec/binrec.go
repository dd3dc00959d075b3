// Package binrec writes and reads the compact records Almanac keeps
// between builds: the search index's binary form and the snapshot's page
// records. A record is a sequence of varints and length-prefixed strings
// whose layout only its writer and reader know.
//
// A Reader never panics on damaged input: the first malformed or missing
// field sets its error, and every later read returns a zero value, so a
// decoder checks Err once at the end instead of after each field.
package binrec

import (
	"encoding/binary"
	"time"
)

// Writer appends fields to B.
type Writer struct{ B []byte }

// Uvarint appends v.
func (w *Writer) Uvarint(v uint64) { w.B = binary.AppendUvarint(w.B, v) }

// Varint appends v, zigzag-encoded.
func (w *Writer) Varint(v int64) { w.B = binary.AppendVarint(w.B, v) }

// Int appends n as a Varint.
func (w *Writer) Int(n int) { w.Varint(int64(n)) }

// Str appends s, its length first.
func (w *Writer) Str(s string) {
	w.Uvarint(uint64(len(s)))
	w.B = append(w.B, s...)
}

// Bytes appends b, its length first: read back with Reader.Bytes.
func (w *Writer) Bytes(b []byte) {
	w.Uvarint(uint64(len(b)))
	w.B = append(w.B, b...)
}

// Bool appends v as 1 or 0.
func (w *Writer) Bool(v bool) {
	if v {
		w.Uvarint(1)
	} else {
		w.Uvarint(0)
	}
}

// Time appends t's instant (nanosecond precision, no location), or a
// marker for the zero Time.
func (w *Writer) Time(t time.Time) {
	if t.IsZero() {
		w.Bool(false)
		return
	}
	w.Bool(true)
	w.Varint(t.Unix())
	w.Int(t.Nanosecond())
}

// Reader reads what a Writer wrote.
type Reader struct {
	b   []byte
	err error
	bad error // the error for damaged input
}

// NewReader reads b; bad is the error Err gives once a field is damaged.
func NewReader(b []byte, bad error) *Reader { return &Reader{b: b, bad: bad} }

// Err is the first error, or nil.
func (r *Reader) Err() error { return r.err }

// Len is the number of bytes not read yet.
func (r *Reader) Len() int { return len(r.b) }

func (r *Reader) fail() {
	if r.err == nil {
		r.err = r.bad
	}
	r.b = nil
}

// Uvarint reads a Uvarint.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Varint reads a Varint.
func (r *Reader) Varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Int reads an Int, refusing one that does not fit in an int.
func (r *Reader) Int() int {
	v := r.Varint()
	if v != int64(int(v)) {
		r.fail()
		return 0
	}
	return int(v)
}

// Count reads a Uvarint count of items that each take at least min bytes
// (min >= 1), refusing a count the rest of the input cannot hold: a
// damaged count must not make the caller allocate gigabytes.
func (r *Reader) Count(min int) int {
	v := r.Uvarint()
	if v > uint64(len(r.b))/uint64(max(min, 1)) {
		r.fail()
		return 0
	}
	return int(v)
}

// Str reads a Str.
func (r *Reader) Str() string {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// Bytes reads a Bytes, without copying: the result shares the Reader's
// input (its capacity ends with it, so appending to it copies).
func (r *Reader) Bytes() []byte {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

// Bool reads a Bool; anything but 0 or 1 is damage.
func (r *Reader) Bool() bool {
	switch r.Uvarint() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail()
	return false
}

// Time reads a Time, in UTC.
func (r *Reader) Time() time.Time {
	if !r.Bool() {
		return time.Time{}
	}
	sec := r.Varint()
	nsec := r.Int()
	if nsec < 0 || nsec >= 1e9 {
		r.fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
