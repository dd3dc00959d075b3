package search

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

// TestReplaceMatchesAssemble replaces documents of an index one by one and
// checks that the index's script is byte for byte that of an index
// assembled from scratch with the new pages.
func TestReplaceMatchesAssemble(t *testing.T) {
	page := func(i int, text string) *site.Page {
		return &site.Page{Path: fmt.Sprintf("p%d/", i), Kind: "page", Title: fmt.Sprintf("Page %d", i), Template: "page/page.html", Text: text}
	}
	texts := []string{
		"alpha beta gamma shared words",
		"beta delta shared",
		"gamma epsilon zeta words",
		"only here unique",
		"",
	}
	var pages []*site.Page
	for i, text := range texts {
		pages = append(pages, page(i, text))
	}
	edits := []struct {
		doc  int
		text string
	}{
		{0, "alpha beta gamma shared words and more"}, // terms added
		{1, "delta"},                      // terms dropped, one term's last document gone
		{3, ""},                           // every body term gone
		{4, "brand new terms here alpha"}, // an empty page gains terms, first in postings
		{2, "gamma epsilon zeta words"},   // no change
	}
	idx := Assemble(Entries(pages), PartDocs)[0]
	for _, ed := range edits {
		pages[ed.doc] = page(ed.doc, ed.text)
		e, ok := NewEntry(pages[ed.doc])
		if !ok {
			t.Fatalf("page %d not indexed", ed.doc)
		}
		idx.Replace(ed.doc, e)
		got, err := idx.Script()
		if err != nil {
			t.Fatal(err)
		}
		want, err := Assemble(Entries(pages), PartDocs)[0].Script()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("after replacing document %d:\n got %s\nwant %s", ed.doc, got, want)
		}
	}
}
