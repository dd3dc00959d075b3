package ladder

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// parse parses one ladder file given as its full text.
func parse(t testing.TB, rel, text string) (*Ladder, []string) {
	t.Helper()
	diags := &site.Diagnostics{}
	f := load.ParseMarkdown("content/"+rel, rel, []byte(text), diags)
	l := Parse(f, diags)
	return l, diagStrings(diags)
}

func diagStrings(d *site.Diagnostics) []string {
	var out []string
	for _, x := range d.List() {
		out = append(out, x.String())
	}
	return out
}

func TestParse(t *testing.T) {
	const good = `---
title: Backend engineering
track: engineering
levels:
  - id: E1
    title: Associate
    summary: Learns.
  - {id: E2, title: Engineer, scope: A feature}
  - {id: E3, title: Senior}
competencies:
  - id: delivery
    name: Delivery
    description: Ships.
    expectations:
      E3: Leads projects.
      E1: Finishes tasks.
  - id: ops
    expectations:
      E2: [Joins on-call, Writes runbooks]
---
Body.
`
	l, diags := parse(t, "ladders/backend.md", good)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if l.ID != "backend" || l.Title != "Backend engineering" || l.Track != "engineering" {
		t.Errorf("ladder = %q %q %q", l.ID, l.Title, l.Track)
	}
	if got := strings.Join(l.LevelIDs(), ","); got != "E1,E2,E3" {
		t.Errorf("levels = %s", got)
	}
	if v := l.Levels[0]; v.Summary != "Learns." || v.Pos.String() != "content/ladders/backend.md:5:9" || v.Path() != "ladders/backend/e1/" {
		t.Errorf("E1 = %+v at %s", v, v.Pos)
	}
	if l.Levels[1].Scope != "A feature" || l.Levels[1].Index != 1 {
		t.Errorf("E2 = %+v", l.Levels[1])
	}
	d := l.Competencies[0]
	if d.ID != "delivery" || d.Name != "Delivery" || d.Description != "Ships." {
		t.Errorf("competency = %+v", d)
	}
	// Expectations are put in level order whatever the file's order.
	if len(d.Expectations) != 2 || d.Expectations[0].Level != "E1" || d.Expectations[1].Level != "E3" {
		t.Fatalf("expectations = %+v", d.Expectations)
	}
	if e := d.Expectations[1]; e.Text != "Leads projects." || e.Pos.String() != "content/ladders/backend.md:15:11" || e.KeyPos.String() != "content/ladders/backend.md:15:7" {
		t.Errorf("E3 expectation = %+v", e)
	}
	ops := l.Competencies[1]
	if ops.Name != "Ops" {
		t.Errorf("default name = %q", ops.Name)
	}
	if got := ops.Expectations[0].Text; got != "- Joins on-call\n- Writes runbooks\n" {
		t.Errorf("list expectation = %q", got)
	}
}

func TestParseTitleFallback(t *testing.T) {
	l, _ := parse(t, "ladders/eng/site-reliability.md", "---\nlevels: [{id: S1}]\n---\n# SRE ladder\n")
	if l.ID != "eng/site-reliability" || l.Title != "SRE ladder" {
		t.Errorf("got %q %q", l.ID, l.Title)
	}
	l, _ = parse(t, "ladders/Site Reliability.md", "---\nlevels: [{id: S1}]\n---\n")
	if l.ID != "site-reliability" || l.Title != "Site reliability" {
		t.Errorf("got %q %q", l.ID, l.Title)
	}
}

func TestChecks(t *testing.T) {
	const file = "content/ladders/x.md"
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "no levels",
			text: "---\ntitle: X\n---\n",
			want: []string{file + ":1:1: error: ladder has no levels; add a levels: list such as - {id: E1, title: Engineer}, lowest level first [ladder-no-levels]"},
		},
		{
			name: "empty levels list",
			text: "---\nlevels: []\n---\n",
			want: []string{file + ":2:9: error: ladder has no levels; add a levels: list such as - {id: E1, title: Engineer}, lowest level first [ladder-no-levels]"},
		},
		{
			name: "duplicate level",
			text: "---\nlevels:\n  - {id: E1}\n  - {id: E2}\n  - {id: E1, title: Again}\n---\n",
			want: []string{file + ":5:10: error: duplicate level id \"E1\": already defined at line 3; give each level its own id [ladder-duplicate-level]"},
		},
		{
			name: "duplicate level differing in case",
			text: "---\nlevels:\n  - id: E1\n  - id: e1\n---\n",
			want: []string{file + ":4:9: error: duplicate level id \"e1\" (same as \"E1\": level pages are lower case): already defined at line 3; give each level its own id [ladder-duplicate-level]"},
		},
		{
			name: "duplicate competency",
			text: "---\nlevels: [{id: E1}]\ncompetencies:\n  - id: a\n    expectations: {E1: x}\n  - id: b\n    expectations: {E1: y}\n  - id: a\n    expectations: {E1: z}\n---\n",
			want: []string{file + ":8:9: error: duplicate competency id \"a\": already defined at line 4; give each competency its own id [ladder-duplicate-competency]"},
		},
		{
			name: "unknown level with hint",
			text: "---\nlevels: [{id: E1}, {id: E2}, {id: E3}]\ncompetencies:\n  - id: a\n    expectations:\n      E1: x\n      E4: y\n---\n",
			want: []string{file + ":7:7: error: competency \"a\" has an expectation for unknown level \"E4\" (did you mean \"E1\"?); levels of this ladder: E1, E2, E3 [ladder-unknown-level]"},
		},
		{
			name: "unknown level without hint",
			text: "---\nlevels: [{id: E1}]\ncompetencies:\n  - id: a\n    expectations: {Principal: y}\n---\n",
			want: []string{
				file + ":4:9: warning: competency \"a\" states no expectation for any level; add expectations: {E1: ...} [ladder-empty-competency]",
				file + ":5:20: error: competency \"a\" has an expectation for unknown level \"Principal\"; levels of this ladder: E1 [ladder-unknown-level]",
			},
		},
		{
			name: "level key in another case is the level",
			text: "---\nlevels: [{id: E1}]\ncompetencies:\n  - id: a\n    expectations: {e1: y}\n---\n",
		},
		{
			name: "expectation stated twice",
			text: "---\nlevels: [{id: E1}]\ncompetencies:\n  - id: a\n    expectations:\n      E1: x\n      e1: y\n---\n",
			want: []string{file + ":7:7: error: competency \"a\" states level E1 twice (first at line 6); keep one [ladder-duplicate-expectation]"},
		},
		{
			name: "missing and invalid ids",
			text: "---\nlevels:\n  - title: Nameless\n  - id: senior engineer\n  - id: compare\ncompetencies:\n  - name: Delivery\n---\n",
			want: []string{
				file + ":3:5: error: level has no id; add id: (letters, digits, - _ .) [ladder-missing-id]",
				file + ":4:9: error: level id \"senior engineer\" may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit: it becomes part of a URL [ladder-invalid-id]",
				file + ":5:9: error: level id \"compare\" is reserved: ladders/x/compare/ is the page comparing levels; choose another id [ladder-reserved-id]",
				file + ":7:5: error: competency has no id; add id: (letters, digits, - _ .) [ladder-missing-id]",
			},
		},
		{
			name: "numeric level ids are text",
			text: "---\nlevels: [{id: 1}, {id: 2}]\ncompetencies:\n  - id: a\n    expectations: {1: x, 2: y}\n---\n",
		},
		{
			name: "competency without expectations",
			text: "---\nlevels: [{id: E1}]\ncompetencies:\n  - id: a\n---\n",
			want: []string{file + ":4:9: warning: competency \"a\" has no expectations; add expectations: {E1: ...} [ladder-empty-competency]"},
		},
		{
			name: "expectations not a mapping",
			text: "---\nlevels: [{id: E1}]\ncompetencies:\n  - id: a\n    expectations: [x, y]\n---\n",
			want: []string{
				file + ":4:9: warning: competency \"a\" states no expectation for any level; add expectations: {E1: ...} [ladder-empty-competency]",
				file + ":5:19: error: expectations of competency \"a\" must be a mapping of level id to text, such as {E1: ...} [ladder-expectation]",
			},
		},
		{
			name: "expectation not text",
			text: "---\nlevels: [{id: E1}, {id: E2}]\ncompetencies:\n  - id: a\n    expectations:\n      E1: x\n      E2: {a: b}\n---\n",
			want: []string{file + ":7:11: error: the expectation for level E2 must be text (Markdown) or a list of text, not a mapping [ladder-expectation]"},
		},
		{
			name: "unknown key",
			text: "---\nlevels: [{id: E1, titel: X}]\n---\n",
			want: []string{file + ":2:19: error: unknown key \"titel\" (did you mean \"title\"?); known keys: id, scope, summary, title [yaml]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := parse(t, "ladders/x.md", tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
			}
		})
	}
}

func TestSplitRefAndLevel(t *testing.T) {
	l, _ := parse(t, "ladders/backend.md", "---\nlevels: [{id: E1}, {id: E4}]\n---\n")
	m := &Model{Ladders: []*Ladder{l}, byID: map[string]*Ladder{l.ID: l}}
	tests := []struct {
		ref       string
		ladder    string
		level     string
		ok        bool
		hasLadder bool
	}{
		{"backend#E4", "backend", "E4", true, true},
		{"backend#e4", "backend", "E4", true, true},
		{"ladder:backend#E4", "backend", "E4", true, true},
		{"[[ladder:backend#E4|text]]", "backend", "E4", true, true},
		{" backend # E1 ", "backend", "E1", true, true},
		{"backend#E9", "backend", "", false, true},
		{"backend", "backend", "", false, true},
		{"frontend#E4", "", "", false, false},
		{"", "", "", false, false},
	}
	for _, tt := range tests {
		gl, gv, ok := m.Level(tt.ref)
		if ok != tt.ok || (gl != nil) != tt.hasLadder || (gv == nil) != (tt.level == "") || (gv != nil && gv.ID != tt.level) {
			t.Errorf("Level(%q) = %v %v %v", tt.ref, gl, gv, ok)
		}
	}
	if got := strings.Join(m.Refs(), ","); got != "backend#E1,backend#E4" {
		t.Errorf("Refs = %s", got)
	}
	if v := l.Levels[1]; v.Key() != "ladder:backend#E4" || v.Name() != "E4" || v.FullName() != "E4 (Backend)" {
		t.Errorf("names: %s %s %s", v.Key(), v.Name(), v.FullName())
	}
}

func TestOfWithoutKind(t *testing.T) {
	s := site.New(&site.Source{}, site.DefaultConfig(), &site.Diagnostics{}, nil, sitetestNow)
	m := Of(s)
	if m == nil || len(m.Ladders) != 0 || m.Ladder("x") != nil {
		t.Fatal("Of must return an empty model")
	}
	if _, _, ok := m.Level("x#E1"); ok {
		t.Fatal("Level on empty model")
	}
}
