package onboarding

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// FuzzParse feeds arbitrary files to the plan parser: it must never
// panic; phases it keeps have allowed, distinct days in order, and task
// ids are unique on the page.
func FuzzParse(f *testing.F) {
	f.Add(goodPlan)
	f.Add("---\nrole: x#Y\nphases:\n  - {days: 30, tasks: [a, a, a], reading: [adr:1, 'x', https://e.org]}\n  - {days: 30 days}\n  - {days: 1-60}\n---\n")
	f.Add("---\nphases: {days: 30}\n---\n")
	f.Add("---\nphases: [{days: [30]}, {days: 99999}, {days: -1}, {days: 365, goals: {a: b}}]\n---\n")
	f.Add("---\nteam: [a]\nbuddy: {x: y}\nphases: &p [{days: 30, tasks: *p}]\n---\n")
	f.Fuzz(func(t *testing.T, text string) {
		diags := &site.Diagnostics{}
		file := load.ParseMarkdown("content/onboarding/f.md", "onboarding/f.md", []byte(text), diags)
		p := Parse(file, diags)
		if p == nil || p.ID == "" || p.Title == "" {
			t.Fatalf("Parse returned %+v", p)
		}
		ids := map[string]bool{}
		last := 0
		for _, ph := range p.Phases {
			if !allowed(ph.Days) || ph.Days <= last || ph.Start != last+1 {
				t.Fatalf("bad phase kept: %+v after %d", ph, last)
			}
			last = ph.Days
			for _, it := range ph.Tasks {
				if ids[it.ID] || !strings.HasPrefix(it.ID, "d") {
					t.Fatalf("task id %q repeated or malformed", it.ID)
				}
				ids[it.ID] = true
			}
			for _, r := range ph.Reading {
				if ids[r.ID] {
					t.Fatalf("reading id %q repeated", r.ID)
				}
				ids[r.ID] = true
				if r.Kind == "" && r.URL == "" {
					t.Fatalf("reading %q kept without a target", r.Ref)
				}
			}
		}
	})
}

// FuzzParseReading checks that a reading entry is either a reference, a
// URL or nothing, and that URLs are only http(s).
func FuzzParseReading(f *testing.F) {
	for _, s := range []string{"adr:4", "[[adr:4|x]]", "https://e.org", "[t](https://e.org)", "javascript:alert(1)", "[[a:b|", "page:a/b#c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := ParseReading(s)
		if r.URL != "" && !strings.HasPrefix(r.URL, "http://") && !strings.HasPrefix(r.URL, "https://") {
			t.Fatalf("ParseReading(%q) gave URL %q", s, r.URL)
		}
		if r.Kind != "" && (r.URL != "" || r.Key == "") {
			t.Fatalf("ParseReading(%q) = %+v", s, r)
		}
		if n, err := ParseDays(s); err == nil && n < 0 {
			t.Fatalf("ParseDays(%q) = %d", s, n)
		}
	})
}
