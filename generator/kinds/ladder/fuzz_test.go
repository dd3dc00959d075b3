package ladder

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// FuzzParse feeds arbitrary files to the ladder parser and the level diff:
// they must never panic, and every level and competency they keep has a
// valid, unique id.
func FuzzParse(f *testing.F) {
	f.Add("---\ntitle: X\nlevels: [{id: E1}, {id: E2}]\ncompetencies:\n  - id: a\n    expectations: {E1: x, E2: y}\n---\nBody\n")
	f.Add("---\nlevels:\n  - id: E1\n  - id: e1\n  - {id: compare}\ncompetencies:\n  - id: a\n    expectations:\n      <<: {E1: x}\n      E9: y\n---\n")
	f.Add("---\nlevels: &l [{id: 1}]\ncompetencies: [{id: c, expectations: [a]}, {id: c}]\n---\n")
	f.Add("---\nlevels: {id: E1}\ncompetencies: x\n---\n")
	f.Add("---\na: &a [*a]\n---\n")
	f.Add("---\nlevels: [{id: E1}]\ncompetencies: [{id: c, expectations: {E1: [a, {b: c}], E1: d}}]\n---\n")
	f.Fuzz(func(t *testing.T, text string) {
		diags := &site.Diagnostics{}
		file := load.ParseMarkdown("content/ladders/f.md", "ladders/f.md", []byte(text), diags)
		l := Parse(file, diags)
		seen := map[string]bool{}
		for _, v := range l.Levels {
			if !idPattern.MatchString(v.ID) || seen[strings.ToLower(v.ID)] || reserved[strings.ToLower(v.ID)] {
				t.Fatalf("bad level id %q kept", v.ID)
			}
			seen[strings.ToLower(v.ID)] = true
		}
		for _, c := range l.Competencies {
			for _, e := range c.Expectations {
				if l.Level(e.Level) == nil {
					t.Fatalf("expectation for unknown level %q kept", e.Level)
				}
			}
			steps := Steps(l.LevelIDs(), c.Specified())
			for _, st := range steps {
				if st.Status == StatusChanged {
					HighlightAdded(st.PrevText, st.Text)
				}
			}
		}
	})
}

// FuzzHighlightAdded checks that highlighting only inserts marks: taking
// them out gives the input back, and WordDiff's segments join to cur.
func FuzzHighlightAdded(f *testing.F) {
	f.Add("<p>Completes small tasks.</p>", "<p>Completes <em>large</em> tasks &amp; more.</p>")
	f.Add("", "<!-- x --><p>a<b")
	f.Add("a &amp b", "a &#x1F600; b &")
	f.Add("été", "été\u0301 x")
	f.Fuzz(func(t *testing.T, prev, cur string) {
		got := HighlightAdded(prev, cur)
		plain := strings.NewReplacer(`<mark class="`+AddedClass+`">`, "", "</mark>", "").Replace(got)
		if !strings.Contains(cur, "mark") && plain != cur {
			t.Fatalf("HighlightAdded changed the text:\n in  %q\n out %q", cur, got)
		}
		var b strings.Builder
		for _, s := range WordDiff(prev, cur) {
			b.WriteString(s.Text)
		}
		if b.String() != cur {
			t.Fatalf("WordDiff segments join to %q, want %q", b.String(), cur)
		}
	})
}
