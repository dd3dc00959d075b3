package runbook

import (
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\nservice: ledger\nalerts: [X, Y, X]\nseverity: sev2\nlast_reviewed: 2026-10-01\nreview_every: 90\n---\n## Symptoms\n## Impact\n",
		"---\nservice: [a]\nalerts: {a: b}\nseverity: [1]\nreview_every: -3\nlast_reviewed: 2026-02-30\n---\n",
		"# Title only\n\nSymptoms\n--------\n```\n## Impact\n```\n",
		"---\nseverity: 4\nalerts: Single\n---\n",
		"",
	} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src string) {
		diags := &site.Diagnostics{}
		sf := load.ParseMarkdown("content/runbooks/x.md", "runbooks/x.md", []byte(src), diags)
		s := site.New(&site.Source{}, site.DefaultConfig(), diags, nil, now)
		m := &Model{Config: DefaultConfig()}
		r := m.parse(s, sf)
		if len(r.alertPos) != len(r.Alerts) {
			t.Fatalf("%d alerts but %d positions", len(r.Alerts), len(r.alertPos))
		}
		if r.Stale && !r.NeverReviewed && r.DaysOverdue < 1 {
			t.Fatalf("stale but %d days overdue", r.DaysOverdue)
		}
		for _, d := range diags.List() {
			if d.Pos.Path != sf.Path || d.Pos.Line < 1 {
				t.Fatalf("diagnostic without an exact position: %s", d)
			}
		}
	})
}

func FuzzSections(f *testing.F) {
	for _, s := range []string{"## Symptoms\n## Impact:\n", "Title\n---\n", "```\n## x\n", "- a\n---\n", "##\n", ""} {
		f.Add(s, "Symptoms")
	}
	f.Fuzz(func(t *testing.T, body, section string) {
		Headings([]byte(body))
		missing := MissingSections([]byte(body), []string{section})
		if len(missing) > 1 {
			t.Fatalf("one section asked, %d missing", len(missing))
		}
		NormalizeSeverity(section)
		Title([]byte(body))
		AlertAnchor(section)
	})
}
