package onboarding

import (
	"strings"
	"testing"

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

func parse(t testing.TB, text string) (*Plan, []string) {
	t.Helper()
	diags := &site.Diagnostics{}
	f := load.ParseMarkdown("content/onboarding/x.md", "onboarding/x.md", []byte(text), diags)
	return Parse(f, diags), diagStrings(diags)
}

const goodPlan = `---
title: EM onboarding
role: em#M1
team: payments
buddy: Priya
phases:
  - days: 90
    title: Lead
    tasks: [Run a retro]
  - days: 30
    title: Listen
    goals:
      - Meet everyone
    tasks:
      - Read [[adr:4]]
      - Read [[adr:4]]
      - |
        Shadow on-call
    reading: [adr:4, "[[runbook:x|The X runbook]]", https://example.org/a]
  - {days: "31-60", title: Act, goals: [Ship], tasks: []}
  - {days: 180, tasks: [Plan]}
---
Body
`

func TestParse(t *testing.T) {
	p, diags := parse(t, goodPlan)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if p.ID != "x" || p.Title != "EM onboarding" || p.Role != "em#M1" || p.TeamID != "payments" || p.Buddy != "Priya" {
		t.Errorf("plan = %+v", p)
	}
	if p.RolePos.String() != "content/onboarding/x.md:3:7" || p.TeamPos.String() != "content/onboarding/x.md:4:7" {
		t.Errorf("positions %s %s", p.RolePos, p.TeamPos)
	}
	var days []int
	for _, ph := range p.Phases {
		days = append(days, ph.Days)
	}
	if len(days) != 4 || days[0] != 30 || days[1] != 60 || days[2] != 90 || days[3] != 180 {
		t.Fatalf("phases in order = %v", days)
	}
	if p.Phases[1].Start != 31 || p.Phases[3].Start != 91 || p.Phases[0].Start != 1 {
		t.Errorf("starts = %d %d %d", p.Phases[0].Start, p.Phases[1].Start, p.Phases[3].Start)
	}
	d30 := p.Phases[0]
	if d30.Title != "Listen" || len(d30.Goals) != 1 || len(d30.Tasks) != 3 || len(d30.Reading) != 3 {
		t.Fatalf("day 30 = %+v", d30)
	}
	// Same text twice gets distinct, stable ids; white space does not count.
	if d30.Tasks[0].ID == d30.Tasks[1].ID || d30.Tasks[1].ID != d30.Tasks[0].ID+"-2" || !strings.HasPrefix(d30.Tasks[0].ID, "d30-") {
		t.Errorf("task ids %s %s", d30.Tasks[0].ID, d30.Tasks[1].ID)
	}
	if d30.Tasks[2].ID != "d30-"+hashText("Shadow on-call") || d30.Tasks[2].Pos.String() != "content/onboarding/x.md:18" {
		t.Errorf("block task = %+v at %s", d30.Tasks[2], d30.Tasks[2].Pos)
	}
	if d30.Tasks[0].Pos.String() != "content/onboarding/x.md:15:9" {
		t.Errorf("task position %s", d30.Tasks[0].Pos)
	}
	r := d30.Reading[1]
	if r.Kind != "runbook" || r.Key != "x" || r.Label != "The X runbook" || r.Pos.String() != "content/onboarding/x.md:19:22" || !strings.HasPrefix(r.ID, "d30-r-") {
		t.Errorf("reading = %+v at %s", r, r.Pos)
	}
	if u := d30.Reading[2]; u.URL != "https://example.org/a" || u.Kind != "" {
		t.Errorf("url reading = %+v", u)
	}
	if p.Tasks() != 8 {
		t.Errorf("Tasks() = %d", p.Tasks())
	}
}

func TestChecks(t *testing.T) {
	const file = "content/onboarding/x.md"
	phases := "  - {days: 30, tasks: [a]}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no phases", "---\nrole: em#M1\n---\n", []string{
			file + ":1:1: error: plan has no phases; add phases: a list of {days, title, goals, tasks, reading} for days 30, 60 and 90 [onboarding-phases]"}},
		{"missing 60 and 90", "---\nphases:\n  - {days: 30, tasks: [a]}\n---\n", []string{
			file + ":3:3: error: plan has no 60-day phase; a plan needs phases for days 30, 60 and 90: add - {days: 60, title: ..., goals: [...], tasks: [...]} [onboarding-missing-phase]",
			file + ":3:3: error: plan has no 90-day phase; a plan needs phases for days 30, 60 and 90: add - {days: 90, title: ..., goals: [...], tasks: [...]} [onboarding-missing-phase]"}},
		{"days not allowed", "---\nphases:\n" + phases + "  - {days: 45, tasks: [d]}\n---\n", []string{
			file + ":6:12: error: phase days must be one of 30, 60, 90, 180 or 365, not 45 [onboarding-phase-days]"}},
		{"days missing", "---\nphases:\n" + phases + "  - {title: Later, tasks: [d]}\n---\n", []string{
			file + ":6:5: error: phase has no days; add days: (one of 30, 60, 90, 180 or 365) [onboarding-phase-days]"}},
		{"days not a number", "---\nphases:\n" + phases + "  - {days: soon, tasks: [d]}\n---\n", []string{
			file + ":6:5: error: phase has no days; add days: (one of 30, 60, 90, 180 or 365) [onboarding-phase-days]",
			file + ":6:12: error: expected the day a phase ends, such as 30, 60 or 90, got \"soon\" for \"days\" [yaml]"}},
		{"duplicate phase", "---\nphases:\n" + phases + "  - {days: 30 days, tasks: [d]}\n---\n", []string{
			file + ":6:12: error: two phases end on day 30 (the first at line 3); merge them [onboarding-duplicate-phase]"}},
		{"empty phase", "---\nphases:\n  - {days: 30, reading: [adr:1]}\n  - {days: 60, tasks: [b]}\n  - {days: 90, goals: [c]}\n---\n", []string{
			file + ":3:5: warning: the 30-day phase has no goals and no tasks; add goals: or tasks: [onboarding-empty-phase]"}},
		{"reading not a reference", "---\nphases:\n  - {days: 30, tasks: [a], reading: [the handbook]}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n---\n", []string{
			file + ":3:38: error: reading entry \"the handbook\" is not a reference; write KIND:ID such as adr:4, runbook:payments-high-latency or page:handbook/on-call, or an https:// link [onboarding-reading]"}},
		{"task is a mapping", "---\nphases:\n  - days: 30\n    tasks:\n      - Read: the docs\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n---\n", []string{
			file + ":3:5: warning: the 30-day phase has no goals and no tasks; add goals: or tasks: [onboarding-empty-phase]",
			file + ":5:9: error: expected text, got a mapping (quote text that contains \": \") for \"tasks\" [yaml]"}},
		{"unknown key", "---\nphases:\n  - {days: 30, task: [a]}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n---\n", []string{
			file + ":3:5: warning: the 30-day phase has no goals and no tasks; add goals: or tasks: [onboarding-empty-phase]",
			file + ":3:16: error: unknown key \"task\" (did you mean \"tasks\"?); known keys: days, goals, reading, tasks, title [yaml]"}},
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

func TestParseDays(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  bool
	}{
		{"30", 30, false}, {"30 days", 30, false}, {"Day 60", 60, false}, {"days 90", 90, false},
		{"1-30", 30, false}, {"31–60", 60, false}, {"61 to 90", 90, false}, {" 180 ", 180, false},
		{"thirty", 0, true}, {"30-", 0, true}, {"", 0, true}, {"-30", 0, true}, {"3.5", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseDays(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseDays(%q) = %d, %v", tt.in, got, err)
		}
	}
}

func TestParseReading(t *testing.T) {
	tests := []struct {
		in                     string
		kind, key, label, link string
	}{
		{"adr:4", "adr", "4", "", ""},
		{" runbook:payments-high-latency ", "runbook", "payments-high-latency", "", ""},
		{"page:handbook/on-call", "page", "handbook/on-call", "", ""},
		{"[[adr:0004]]", "adr", "0004", "", ""},
		{"[[ladder:backend#E4|Your level]]", "ladder", "backend#E4", "Your level", ""},
		{"https://example.org/x?y=1", "", "", "", "https://example.org/x?y=1"},
		{"[The guide](https://example.org/g)", "", "", "The guide", "https://example.org/g"},
		{"ADR 4", "", "", "", ""},
		{"adr:", "", "", "", ""},
		{"javascript:alert(1)", "javascript", "alert(1)", "", ""},
		{"mailto:x@example.org", "mailto", "x@example.org", "", ""},
	}
	for _, tt := range tests {
		r := ParseReading(tt.in)
		if r.Kind != tt.kind || r.Key != tt.key || r.Label != tt.label || r.URL != tt.link || r.Ref != tt.in {
			t.Errorf("ParseReading(%q) = %+v", tt.in, r)
		}
	}
}
