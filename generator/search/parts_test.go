package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

// partPages are pages sharing terms in different proportions, so that
// ranking across parts has ties and near-ties to get wrong.
func partPages(n int) []*site.Page {
	words := []string{"alpha", "beta", "gamma", "delta", "alphabet", "betamax"}
	pages := make([]*site.Page, 0, n+1)
	pages = append(pages, &site.Page{Path: "hidden/", Template: "t", Title: "alpha hidden", NoSearch: true})
	for i := range n {
		var text strings.Builder
		for j, w := range words {
			if (i+j)%(j+2) == 0 {
				text.WriteString(w + " ")
			}
		}
		title := fmt.Sprintf("Page %d", i)
		if i%5 == 0 {
			title += " gamma" // a title weighs more than the body
		}
		pages = append(pages, &site.Page{Path: fmt.Sprintf("p/%03d/", i), Kind: "page", Template: "t", Title: title, Text: text.String()})
	}
	return pages
}

// TestPartsRankAsOneIndex checks that an index in parts finds and ranks
// documents as the same index in one part does.
func TestPartsRankAsOneIndex(t *testing.T) {
	pages := partPages(23)
	whole := build(pages, 1000)
	if len(whole) != 1 {
		t.Fatalf("%d parts for 23 documents at 1,000 a part", len(whole))
	}
	queries := []string{"alpha", "al", "beta gamma", "gamma", "page 1", "delta alphabet", "betam", "nothing", "a", "hidden"}
	for _, perPart := range []int{1, 2, 3, 7, 22, 23, 24} {
		parts := build(pages, perPart)
		if want := (23 + perPart - 1) / perPart; len(parts) != want {
			t.Errorf("%d a part: %d parts, want %d", perPart, len(parts), want)
		}
		for _, q := range queries {
			got, want := LookupParts(parts, q), whole[0].Lookup(q)
			if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
				t.Errorf("%d a part, %q:\n got %v\nwant %v", perPart, q, got, want)
			}
		}
	}
}

// TestPartsBuildAsAssemble checks that Build and Assemble cut the index
// into the same parts, that only the first says how many there are, and
// that each part's script assigns its own variable.
func TestPartsBuildAsAssemble(t *testing.T) {
	pages := partPages(10)
	for _, perPart := range []int{1, 3, 10, 11} {
		built, assembled := build(pages, perPart), Assemble(Entries(pages), perPart)
		if len(built) != len(assembled) {
			t.Fatalf("%d a part: Build made %d parts, Assemble %d", perPart, len(built), len(assembled))
		}
		for i := range built {
			a, err := built[i].Script()
			if err != nil {
				t.Fatal(err)
			}
			b, err := assembled[i].Script()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%d a part, part %d: Build's script differs from Assemble's:\n%s", perPart, i, firstDiff(a, b))
			}
			prefix := `window.ALMANAC_SEARCH=`
			if i > 0 {
				prefix = fmt.Sprintf(`(window.ALMANAC_SEARCH_PARTS=window.ALMANAC_SEARCH_PARTS||{})[%d]=`, i)
			}
			body, ok := bytes.CutPrefix(a, []byte(prefix))
			if !ok {
				t.Fatalf("%d a part, part %d starts %.60q, want %q", perPart, i, a, prefix)
			}
			var got struct {
				Parts int              `json:"parts"`
				Docs  []Doc            `json:"docs"`
				Terms map[string][]int `json:"terms"`
			}
			if err := json.Unmarshal(bytes.TrimSuffix(body, []byte(";\n")), &got); err != nil {
				t.Fatalf("%d a part, part %d is not an assignment of JSON: %v", perPart, i, err)
			}
			wantParts := 0
			if i == 0 && len(built) > 1 {
				wantParts = len(built)
			}
			if got.Parts != wantParts {
				t.Errorf("%d a part, part %d says parts = %d, want %d", perPart, i, got.Parts, wantParts)
			}
			if n := min(perPart, 10-i*perPart); len(got.Docs) != n {
				t.Errorf("%d a part, part %d has %d documents, want %d", perPart, i, len(got.Docs), n)
			}
		}
	}
	if got := AssemblePart(Entries(pages), 0, PartDocs); !reflect.DeepEqual(got, Assemble(Entries(pages), PartDocs)[0]) {
		t.Errorf("AssemblePart(entries, 0) differs from Assemble(entries, PartDocs)[0]")
	}
}

func TestPartPath(t *testing.T) {
	for _, tt := range []struct {
		part int
		want string
	}{
		{0, IndexPath},
		{1, "assets/search-index-1.js"},
		{12, "assets/search-index-12.js"},
	} {
		if got := PartPath(tt.part); got != tt.want {
			t.Errorf("PartPath(%d) = %q, want %q", tt.part, got, tt.want)
		}
	}
	for _, tt := range []struct{ doc, part, inPart int }{
		{0, 0, 0}, {PartDocs - 1, 0, PartDocs - 1}, {PartDocs, 1, 0}, {2*PartDocs + 5, 2, 5},
	} {
		if p, d := PartOf(tt.doc, PartDocs); p != tt.part || d != tt.inPart {
			t.Errorf("PartOf(%d) = %d, %d; want %d, %d", tt.doc, p, d, tt.part, tt.inPart)
		}
	}
}

// TestJoinParts round-trips the parts' binary forms and checks that
// damaged lists are refused.
func TestJoinParts(t *testing.T) {
	var bins [][]byte
	for _, part := range build(partPages(9), 4) {
		b, err := part.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		bins = append(bins, b)
	}
	joined := JoinParts(bins)
	back, err := SplitParts(joined)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, bins) {
		t.Fatalf("SplitParts(JoinParts(parts)) differs from parts")
	}
	for i, b := range back {
		var idx Index
		if err := idx.UnmarshalBinary(b); err != nil || idx.Part != i {
			t.Errorf("part %d decodes as part %d, err %v", i, idx.Part, err)
		}
	}
	for _, damaged := range [][]byte{nil, joined[:len(joined)-1], append(bytes.Clone(joined), 0), []byte(partsMagic + "\x05")} {
		if _, err := SplitParts(damaged); err == nil {
			t.Errorf("SplitParts(%d bytes of damage) = nil error", len(damaged))
		}
	}
}

// FuzzSplitParts checks that a damaged list of parts never panics and that
// what splits joins and splits again the same.
func FuzzSplitParts(f *testing.F) {
	f.Add(JoinParts([][]byte{[]byte("a"), nil, []byte("bc")}))
	f.Add([]byte(partsMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		parts, err := SplitParts(data)
		if err != nil {
			return
		}
		again, err := SplitParts(JoinParts(parts))
		if err != nil || len(again) != len(parts) {
			t.Fatalf("SplitParts(JoinParts(%q)): %d parts, err %v", parts, len(again), err)
		}
		for i := range parts {
			if !bytes.Equal(again[i], parts[i]) {
				t.Errorf("part %d: %q, want %q", i, again[i], parts[i])
			}
		}
	})
}
