package search

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

func binaryTestIndex() *Index {
	var pages []*site.Page
	for i, text := range []string{"alpha beta <gamma> & δέλτα", "beta beta zeta", "", "unique words here, and alpha"} {
		pages = append(pages, &site.Page{Path: fmt.Sprintf("p%d/", i), Kind: "page", Title: fmt.Sprintf("Page %d", i),
			Badge: []string{"", "draft"}[i%2], Template: "page/page.html", Text: text})
	}
	return build(pages, PartDocs)[0]
}

func TestBinaryRoundTrip(t *testing.T) {
	for _, idx := range []*Index{binaryTestIndex(), build(nil, PartDocs)[0]} {
		b, err := idx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Index
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(&back, idx) {
			t.Errorf("round trip changed the index:\n got %+v\nwant %+v", back, *idx)
		}
		s1, _ := idx.Script()
		s2, _ := back.Script()
		if !bytes.Equal(s1, s2) {
			t.Error("round trip changed the script")
		}
	}
}

func TestBinaryRefusesDamage(t *testing.T) {
	b, err := binaryTestIndex().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(b) {
		var idx Index
		if idx.UnmarshalBinary(b[:n]) == nil {
			t.Fatalf("a prefix of %d of %d bytes decoded", n, len(b))
		}
	}
}

// FuzzBinary checks that decoding never panics and that whatever decodes
// encodes again to an index with the same script.
func FuzzBinary(f *testing.F) {
	b, _ := binaryTestIndex().MarshalBinary()
	f.Add(b)
	f.Add([]byte(binaryMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		var idx Index
		if idx.UnmarshalBinary(data) != nil {
			return
		}
		again, err := idx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Index
		if err := back.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoded index does not decode: %v", err)
		}
		s1, _ := idx.Script()
		s2, _ := back.Script()
		if !bytes.Equal(s1, s2) {
			t.Fatal("re-encoding changed the script")
		}
	})
}
