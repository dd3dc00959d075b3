package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

// build is Build with a context that is never cancelled, so it cannot
// fail.
func build(pages []*site.Page, perPart int) []*Index {
	parts, err := Build(context.Background(), pages, perPart)
	if err != nil {
		panic(err)
	}
	return parts
}

// TestBuildCancelled checks that Build stops, and says so, when its
// context is cancelled.
func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	parts, err := Build(ctx, partPages(9), 4)
	if !errors.Is(err, context.Canceled) || parts != nil {
		t.Errorf("Build with a cancelled context = %d parts, %v; want none, context.Canceled", len(parts), err)
	}
}

func TestIndex(t *testing.T) {
	pages := []*site.Page{
		{Path: "handbook/on-call/", Kind: "page", Title: "On-call", Template: "page/page.html", Text: "Pages go to the primary responder.", TOC: []site.Heading{{Text: "Escalation"}}},
		{Path: "adr/0003/", Kind: "adr", Title: "Use Kafka for events", Template: "adr/page.html", Badge: "accepted", Tags: []string{"messaging"}, Text: "We choose Kafka."},
		{Path: "runbooks/x/", Kind: "runbook", Title: "Ledger imbalance", Template: "runbook/page.html", Text: "Check kafka consumer lag and escalate."},
		{Path: "404.html", Title: "Not found", Template: "page/404.html"},
		{Path: "catalog.json", Title: "raw"},
		{Path: "hidden/", Title: "Kafka secret", Template: "page/page.html", NoSearch: true},
	}
	idx := build(pages, PartDocs)[0]
	if len(idx.Docs) != 3 {
		t.Fatalf("indexed %d docs, want 3 (404, raw files and NoSearch pages are left out)", len(idx.Docs))
	}
	tests := []struct {
		query string
		want  []string // result paths, best first
	}{
		{"kafka", []string{"adr/0003/", "runbooks/x/"}},           // title beats body
		{"kaf", []string{"adr/0003/", "runbooks/x/"}},             // prefix of the last term
		{"escalat", []string{"handbook/on-call/", "runbooks/x/"}}, // heading beats body
		{"accepted", []string{"adr/0003/"}},                       // ADR status
		{"messaging", []string{"adr/0003/"}},                      // tags
		{"kafka lag", []string{"runbooks/x/"}},                    // every term must match
		{"runbook", []string{"runbooks/x/"}},                      // kind
		{"nothing-here", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range idx.Lookup(tt.query) {
			got = append(got, d.Path)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Lookup(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestScriptEscapes(t *testing.T) {
	idx := build([]*site.Page{{Path: "x/", Template: "t", Title: "</script><script>alert(1)</script>"}}, PartDocs)[0]
	b, err := idx.Script()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "</script>") || strings.Contains(string(b), "<script>") {
		t.Errorf("index script contains raw markup: %s", b)
	}
	if !strings.HasPrefix(string(b), "window.ALMANAC_SEARCH={") {
		t.Errorf("unexpected script prefix: %.40s", b)
	}
}
