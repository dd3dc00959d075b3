package hiring

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

func diagStrings(d *site.Diagnostics) []string {
	var out []string
	for _, x := range d.List() {
		out = append(out, x.String())
	}
	return out
}

func parse(t testing.TB, text string) (*Scorecard, []string) {
	t.Helper()
	diags := &site.Diagnostics{}
	f := load.ParseMarkdown("content/hiring/x.md", "hiring/x.md", []byte(text), diags)
	return Parse(f, diags), diagStrings(diags)
}

func TestParse(t *testing.T) {
	c, diags := parse(t, `---
title: EM interview
role: em#M1
dimensions:
  - name: People
    meets: Grows people.
    exceeds: |
      Grows managers.
  - {name: Delivery, meets: Ships.}
exercises:
  - {name: Design, minutes: 60, assesses: Architecture}
  - {name: Role play, length: 1h30}
  - name: Chat
signals:
  strong: [a, b]
  weak: c
  red_flags: ["d"]
---
`)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if c.ID != "x" || c.Title != "EM interview" || c.Role != "em#M1" || c.RolePos.String() != "content/hiring/x.md:3:7" {
		t.Errorf("scorecard = %q %q %q %s", c.ID, c.Title, c.Role, c.RolePos)
	}
	if len(c.Dimensions) != 2 || c.Dimensions[0].Exceeds != "Grows managers.\n" || c.Dimensions[1].Meets != "Ships." {
		t.Errorf("dimensions = %+v", c.Dimensions)
	}
	if c.Dimensions[0].exP.String() != "content/hiring/x.md:8" {
		t.Errorf("block scalar text starts at %s", c.Dimensions[0].exP)
	}
	if len(c.Exercises) != 3 || c.Exercises[0].Minutes != 60 || c.Exercises[1].Minutes != 90 || c.Exercises[2].Minutes != 0 || c.Minutes() != 150 {
		t.Errorf("exercises = %+v", c.Exercises)
	}
	if len(c.Signals.Strong) != 2 || len(c.Signals.Weak) != 1 || c.Signals.RedFlags[0].Text != "d" || !c.Signals.Any() {
		t.Errorf("signals = %+v", c.Signals)
	}
}

func TestChecks(t *testing.T) {
	const file = "content/hiring/x.md"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no dimensions", "---\nrole: em#M1\n---\n",
			[]string{file + ":1:1: error: scorecard has no dimensions to rate; add dimensions: a list of {name, meets, exceeds} [hiring-no-dimensions]"}},
		{"dimension without name or meets", "---\ndimensions:\n  - meets: x\n  - name: Y\n---\n",
			[]string{
				file + ":3:5: error: dimension has no name; add name: (what is rated, such as \"System design\") [hiring-dimension]",
				file + ":4:5: error: dimension \"Y\" does not say what meets the bar; add meets: (what a hire at this level shows) [hiring-dimension]",
			}},
		{"duplicate dimension", "---\ndimensions:\n  - {name: Design, meets: a}\n  - {name: design, meets: b}\n---\n",
			[]string{file + ":4:5: error: dimension \"design\" is listed twice (first at line 3); merge them [hiring-duplicate-dimension]"}},
		{"both minutes and length", "---\ndimensions: [{name: A, meets: b}]\nexercises:\n  - {name: E, minutes: 30, length: 45}\n---\n",
			[]string{file + ":4:36: error: exercise \"E\" gives both minutes and length; keep one [hiring-exercise]"}},
		{"exercise without name", "---\ndimensions: [{name: A, meets: b}]\nexercises:\n  - {minutes: 30}\n---\n",
			[]string{file + ":4:5: error: exercise has no name; add name: (such as \"System design\") [hiring-exercise]"}},
		{"bad length", "---\ndimensions: [{name: A, meets: b}]\nexercises:\n  - {name: E, length: a while}\n---\n",
			[]string{file + ":4:23: error: expected a length such as 45, \"45 min\", \"1h\" or \"1h30\", got \"a while\" for \"length\" [yaml]"}},
		{"unknown signal list", "---\ndimensions: [{name: A, meets: b}]\nsignals:\n  red-flags: [x]\n---\n",
			[]string{file + ":4:3: error: unknown key \"red-flags\" (did you mean \"red_flags\"?); known keys: red_flags, strong, weak [yaml]"}},
		{"dimension text must be text", "---\ndimensions: [{name: A, meets: [b]}]\n---\n",
			[]string{
				file + ":2:14: error: dimension \"A\" does not say what meets the bar; add meets: (what a hire at this level shows) [hiring-dimension]",
				file + ":2:31: error: expected text, got a list for \"meets\" [yaml]",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := parse(t, tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
			}
		})
	}
}

func TestParseMinutes(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"45", 45, ""},
		{"45 min", 45, ""},
		{"45m", 45, ""},
		{"45 minutes", 45, ""},
		{" 1 minute ", 1, ""},
		{"1h", 60, ""},
		{"1 hour", 60, ""},
		{"1.5 hours", 90, ""},
		{"2hrs", 120, ""},
		{"1h30", 90, ""},
		{"1h 30m", 90, ""},
		{"1H30MIN", 90, ""},
		{"0", 0, `expected a length between 1 minute and 24 hours, got "0"`},
		{"25h", 0, `expected a length between 1 minute and 24 hours, got "25h"`},
		{"1h75", 0, `expected a length such as 45, "45 min", "1h" or "1h30", got "1h75"`},
		{"1.5h30", 0, `expected a length such as 45, "45 min", "1h" or "1h30", got "1.5h30"`},
		{"-5", 0, `expected a length such as 45, "45 min", "1h" or "1h30", got "-5"`},
		{"half an hour", 0, `expected a length such as 45, "45 min", "1h" or "1h30", got "half an hour"`},
		{"", 0, `expected a length such as 45, "45 min", "1h" or "1h30", got ""`},
	}
	for _, tt := range tests {
		got, err := ParseMinutes(tt.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("ParseMinutes(%q) = %d, %q; want %d, %q", tt.in, got, gotErr, tt.want, tt.err)
		}
	}
}

// buildSite loads ladder and hiring files (path -> text) and links them.
func buildSite(t testing.TB, files map[string]string) (*site.Site, []string) {
	t.Helper()
	diags := &site.Diagnostics{}
	src := &site.Source{}
	for _, p := range sortedKeys(files) {
		rel := strings.TrimPrefix(p, "content/")
		src.Docs = append(src.Docs, load.ParseMarkdown(p, rel, []byte(files[p]), diags))
	}
	s := site.New(src, site.DefaultConfig(), diags, nil, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	kinds := []site.Kind{ladder.New(), New()}
	s.Kinds = kinds
	for _, k := range kinds {
		if err := k.Load(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range kinds {
		if l, ok := k.(site.Linker); ok {
			if err := l.Link(context.Background(), s); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s, diagStrings(diags)
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

const emLadder = "---\nlevels: [{id: M1}, {id: M2}]\n---\n"

func TestRole(t *testing.T) {
	const file = "content/hiring/x.md"
	tests := []struct {
		role  string
		level string
		want  string
	}{
		{"em#M1", "M1", ""},
		{"em#m2", "M2", ""},
		{"ladder:em#M2", "M2", ""},
		{"em#M3", "", file + ":2:7: error: scorecard role \"em#M3\": ladder \"em\" has no level \"M3\" (did you mean \"M1\"?); levels: M1, M2 [hiring-unknown-role]"},
		{"em", "", file + ":2:7: error: scorecard role \"em\" names a ladder, not a level; write em#LEVEL (levels: M1, M2) [hiring-unknown-role]"},
		{"eng#M1", "", file + ":2:7: error: scorecard role \"eng#M1\" names no known ladder \"eng\" (did you mean \"em\"?); ladders: em [hiring-unknown-role]"},
		{"", "", file + ":1:1: error: scorecard has no role; add role: LADDER#LEVEL naming a ladder level, such as em#M1 [hiring-unknown-role]"},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			role := "role: " + tt.role + "\n"
			if tt.role == "" {
				role = "title: T\n"
			}
			s, diags := buildSite(t, map[string]string{
				"content/ladders/em.md": emLadder,
				file:                    "---\n" + role + "dimensions: [{name: A, meets: b}]\n---\n",
			})
			want := tt.want
			if tt.role == "" {
				want = strings.Replace(want, "[hiring-unknown-role]", "[hiring-role]", 1)
			}
			if got := strings.Join(diags, "\n"); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			c := Of(s).Scorecards[0]
			if (c.Level == nil) != (tt.level == "") || (c.Level != nil && c.Level.ID != tt.level) {
				t.Errorf("level = %v", c.Level)
			}
		})
	}
	t.Run("no ladders", func(t *testing.T) {
		_, diags := buildSite(t, map[string]string{file: "---\nrole: em#M1\ndimensions: [{name: A, meets: b}]\n---\n"})
		want := file + ":2:7: error: scorecard role \"em#M1\" names no known ladder \"em\"; no ladders are defined (content/ladders/*.md) [hiring-unknown-role]"
		if got := strings.Join(diags, "\n"); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

func TestContribute(t *testing.T) {
	s, diags := buildSite(t, map[string]string{
		"content/ladders/em.md":   emLadder,
		"content/ladders/ic.md":   "---\nlevels: [{id: M1}]\n---\n",
		"content/hiring/b.md":     "---\ntitle: B\nrole: em#M1\ndimensions: [{name: A, meets: b}]\n---\n",
		"content/hiring/a.md":     "---\ntitle: A\nrole: em#M1\ndimensions: [{name: A, meets: b}]\n---\n",
		"content/hiring/c.md":     "---\ntitle: C\nrole: em#M2\ndimensions: [{name: A, meets: b}]\n---\n",
		"content/hiring/other.md": "---\ntitle: O\nrole: ic#M1\ndimensions: [{name: A, meets: b}]\n---\n",
	})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	titles := func(subject string) string {
		var out []string
		for _, sec := range New().Contribute(s, subject) {
			if sec.Template != "hiring/_level.html" || sec.ID != "hiring-scorecards" {
				t.Errorf("section %+v", sec)
			}
			for _, c := range sec.Data.([]*Scorecard) {
				out = append(out, c.Title)
			}
		}
		return strings.Join(out, ",")
	}
	for subject, want := range map[string]string{
		"ladder:em#M1": "A,B",
		"ladder:em#M2": "C",
		"ladder:ic#M1": "O",
		"ladder:em":    "A,B,C",
		"ladder:ic":    "O",
		"team:em":      "",
		"ladder:zz#M1": "",
	} {
		if got := titles(subject); got != want {
			t.Errorf("Contribute(%s) = %s, want %s", subject, got, want)
		}
	}
}
