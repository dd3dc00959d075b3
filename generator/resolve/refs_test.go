package resolve

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// refSite is a site with ADR 1, a ladder "bad" with a level L1, the page
// handbook/lk, the draft handbook/dr (claimed by the page kind, which
// left it out), adr/README.md (claimed by the adr kind, which made no page
// of it) and content/a.md holding body.
func refSite(body string) *site.Site {
	a := &site.SourceFile{Path: "content/a.md", Rel: "a.md", Body: []byte(body), BodyLine: 4}
	lk := &site.SourceFile{Path: "content/handbook/lk.md", Rel: "handbook/lk.md", Body: []byte("lk\n"), BodyLine: 1}
	dr := &site.SourceFile{Path: "content/handbook/dr.md", Rel: "handbook/dr.md", Body: []byte("dr\n"), BodyLine: 4, Draft: true}
	readme := &site.SourceFile{Path: "content/adr/README.md", Rel: "adr/README.md", Body: []byte("ADRs\n"), BodyLine: 1}
	src := &site.Source{Docs: []*site.SourceFile{a, readme, dr, lk}}
	s := site.New(src, &site.Config{}, &site.Diagnostics{}, nil, time.Time{})
	src.Claim(readme.Path, "adr")
	for _, f := range src.Docs {
		src.Claim(f.Path, "page")
	}
	for _, p := range []*site.Page{{Path: "a/", Source: a}, {Path: "handbook/lk/", Source: lk}} {
		p.Kind, p.Template = "page", "page.html"
		s.AddPage(p)
	}
	s.AddPage(&site.Page{Path: "adr/0001/", Kind: "adr", Template: "adr.html"})
	s.AddPage(&site.Page{Path: "ladders/bad/", Kind: "ladder", Template: "ladder.html"})
	for _, e := range []*site.Entity{
		{Kind: "adr", ID: "1", Title: "ADR-0001: One", Path: "adr/0001/"},
		{Kind: "page", ID: "handbook/lk", Title: "Lk", Path: "handbook/lk/"},
		{Kind: "ladder", ID: "bad", Title: "Bad", Path: "ladders/bad/"},
		{Kind: "ladder", ID: "bad#L1", Title: "Bad L1", Path: "ladders/bad/l1/"},
		{Kind: "ladder", ID: "bad#l1", Title: "Bad L1", Path: "ladders/bad/l1/"},
	} {
		s.AddEntity(e)
	}
	return s
}

func TestRefAndLinkDiagnostics(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"ref with escaped pipe in a table", "| a |\n|---|\n| [[adr:1\\|Escaped]] |\n", nil},
		{"ref cut off by a table cell", "| a | b |\n|---|---|\n| [[adr:1|MySQL one]] | x |\n", []string{
			`content/a.md:6:3: error: [[adr:1 is cut off at a |, which ends a table cell; in tables write the pipe as \|: [[adr:1\|text]] [ref-unclosed]`}},
		{"kind in upper case", "See [[ADR:1]] and [[ADR:9]].\n", []string{
			`content/a.md:4:19: error: [[adr:9]] names no known adr (did you mean "1"?) [ref-unknown]`}},
		{"empty text", "[[adr:1|]] [[adr:9|]]\n", []string{
			`content/a.md:4:12: error: [[adr:9]] names no known adr (did you mean "1"?) [ref-unknown]`}},
		{"link to a draft", "[d](handbook/dr.md) and [[page:handbook/dr]]\n", []string{
			`content/a.md:4:1: error: link to "handbook/dr.md": content/handbook/dr.md is a draft, left out of this build; build with --drafts or remove draft: true [link-broken]`,
			`content/a.md:4:25: error: [[page:handbook/dr]]: content/handbook/dr.md is a draft, left out of this build; build with --drafts or remove draft: true [ref-unknown]`}},
		{"link to a missing page", "[d](handbook/dx.md) and [[page:handbook/dx]]\n", []string{
			`content/a.md:4:1: error: link to "handbook/dx.md": no such page or file (looked for content/handbook/dx.md) (did you mean "handbook/dr.md"?) [link-broken]`,
			`content/a.md:4:25: error: [[page:handbook/dx]] names no known page (did you mean "handbook/lk"?) [ref-unknown]`}},
		{"link to a file its kind makes no page of", "[r](adr/README.md)\n", []string{
			`content/a.md:4:1: error: link to "adr/README.md": content/adr/README.md makes no page (the adr kind leaves it out); link to a page [link-broken]`}},
		{"ladder without that level", "[[ladder:bad#L7]]\n", []string{
			`content/a.md:4:1: error: [[ladder:bad#L7]]: ladder bad has no level/anchor "L7" (did you mean "L1"?) [ref-unknown]`}},
		{"ladder without a level like that", "[[ladder:bad#senior]]\n", []string{
			`content/a.md:4:1: error: [[ladder:bad#senior]]: ladder bad has no level/anchor "senior"; it has L1 [ref-unknown]`}},
		{"unknown ladder", "[[ladder:bda#L1]]\n", []string{
			`content/a.md:4:1: error: [[ladder:bda#L1]] names no known ladder (did you mean "bad#L1"?) [ref-unknown]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := refSite(tt.body)
			if err := Pages(context.Background(), s, markdown.New(markdown.Options{}), nil); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range s.Diags.List() {
				got = append(got, d.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", lines(got), lines(tt.want))
			}
		})
	}
}

// TestRecordUnclosedRef checks that a body's Record replays a reference a
// table cell cut off, as it does its links.
func TestRecordUnclosedRef(t *testing.T) {
	body := "| a | b |\n|---|---|\n| [[adr:1|x]] | [[adr:1]] |\n"
	s := refSite(body)
	md := markdown.New(markdown.Options{})
	recs, err := PagesRecording(context.Background(), s, md, func(p *site.Page) bool { return p.Path == "a/" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := recs[s.PageAt("a/")]
	if rec == nil || len(rec.Answers) != len(rec.Links) {
		t.Fatalf("record %+v: want one answer per link", rec)
	}
	p := NewReplayer(rec)
	markdown.Resolve(md.Parse([]byte(body)), p)
	if err := p.Err(); err != nil {
		t.Errorf("replaying the record: %v", err)
	}
}

func lines(l []string) string {
	out := ""
	for _, s := range l {
		out += "  " + s + "\n"
	}
	return out
}
