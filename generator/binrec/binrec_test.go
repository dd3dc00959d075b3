package binrec

import (
	"errors"
	"math"
	"testing"
	"time"
)

var errDamaged = errors.New("damaged")

func TestRoundTrip(t *testing.T) {
	when := time.Date(2026, 11, 28, 12, 30, 0, 123456789, time.UTC)
	var w Writer
	w.Uvarint(math.MaxUint64)
	w.Varint(math.MinInt64)
	w.Int(-42)
	w.Str("")
	w.Str("héllo\x00world")
	w.Bool(true)
	w.Bool(false)
	w.Time(time.Time{})
	w.Time(when.In(time.FixedZone("X", 3600)))

	r := NewReader(w.B, errDamaged)
	if got := r.Uvarint(); got != math.MaxUint64 {
		t.Errorf("Uvarint = %d", got)
	}
	if got := r.Varint(); got != math.MinInt64 {
		t.Errorf("Varint = %d", got)
	}
	if got := r.Int(); got != -42 {
		t.Errorf("Int = %d", got)
	}
	if got := r.Str(); got != "" {
		t.Errorf("Str = %q", got)
	}
	if got := r.Str(); got != "héllo\x00world" {
		t.Errorf("Str = %q", got)
	}
	if !r.Bool() || r.Bool() {
		t.Error("Bools did not round-trip")
	}
	if got := r.Time(); !got.IsZero() {
		t.Errorf("zero Time came back as %v", got)
	}
	if got := r.Time(); !got.Equal(when) || got.Location() != time.UTC {
		t.Errorf("Time = %v, want %v in UTC", got, when)
	}
	if r.Err() != nil || r.Len() != 0 {
		t.Errorf("after reading everything: err %v, %d bytes left", r.Err(), r.Len())
	}
}

func TestDamage(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		read func(r *Reader)
	}{
		{"empty input", nil, func(r *Reader) { r.Uvarint() }},
		{"unterminated varint", []byte{0x80, 0x80}, func(r *Reader) { r.Varint() }},
		{"string longer than the input", []byte{5, 'a', 'b'}, func(r *Reader) { r.Str() }},
		{"count the input cannot hold", []byte{100, 1, 2, 3}, func(r *Reader) { r.Count(1) }},
		{"count of items too big for the rest", []byte{2, 1, 2, 3}, func(r *Reader) { r.Count(3) }},
		{"bool other than 0 or 1", []byte{2}, func(r *Reader) { r.Bool() }},
		{"nanoseconds out of range", func() []byte {
			var w Writer
			w.Bool(true)
			w.Varint(0)
			w.Int(1e9)
			return w.B
		}(), func(r *Reader) { r.Time() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.b, errDamaged)
			tt.read(r)
			if !errors.Is(r.Err(), errDamaged) {
				t.Fatalf("Err = %v, want the damage error", r.Err())
			}
			// The error sticks and later reads give zero values.
			if r.Uvarint() != 0 || r.Str() != "" || r.Bool() || !r.Time().IsZero() || r.Len() != 0 {
				t.Error("a read after the damage returned data")
			}
			if !errors.Is(r.Err(), errDamaged) {
				t.Errorf("Err changed to %v", r.Err())
			}
		})
	}
}

func TestCountAcceptsWhatFits(t *testing.T) {
	var w Writer
	w.Uvarint(3)
	w.Str("a")
	w.Str("b")
	w.Str("c")
	r := NewReader(w.B, errDamaged)
	n := r.Count(2)
	for range n {
		r.Str()
	}
	if n != 3 || r.Err() != nil || r.Len() != 0 {
		t.Errorf("Count = %d, err %v, %d bytes left", n, r.Err(), r.Len())
	}
}

// FuzzReader reads arbitrary bytes as a mix of every field: it must never
// panic, and a Count it returns must fit in what is left.
func FuzzReader(f *testing.F) {
	var w Writer
	w.Uvarint(2)
	w.Str("x")
	w.Time(time.Unix(1, 2))
	f.Add(w.B)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(b, errDamaged)
		for r.Len() > 0 && r.Err() == nil {
			if n := r.Count(1); n > r.Len() {
				t.Fatalf("Count = %d with %d bytes left", n, r.Len())
			}
			r.Str()
			r.Int()
			r.Time()
		}
	})
}
