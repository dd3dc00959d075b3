package onboarding

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// AllowedDays are the phases a plan may have; RequiredDays the ones it
// must have.
var (
	AllowedDays  = []int{30, 60, 90, 180, 365}
	RequiredDays = []int{30, 60, 90}
)

// Plan is one onboarding plan: a file, or a team's page generated from the
// default plan.
type Plan struct {
	ID     string // file name without .md; for a generated plan the team id
	Title  string
	Role   string // as written: "backend#E3"
	TeamID string // as written; "" for none
	Buddy  string // Markdown
	Phases []*Phase
	File   *site.SourceFile
	Pos    site.Pos

	RolePos, TeamPos, BuddyPos site.Pos

	// From is the default plan a generated plan copies; nil for plan files.
	From *Plan

	// Set by Link when Role and TeamID name known things.
	Ladder *ladder.Ladder
	Level  *ladder.Level
	Team   *catalog.Team

	page *site.Page
}

// Generated reports whether the plan was generated for a team from the
// default plan.
func (p *Plan) Generated() bool { return p.From != nil }

// Path is the plan's page: "onboarding/<id>/", or
// "onboarding/teams/<team-id>/" for a generated plan.
func (p *Plan) Path() string {
	if p.From != nil {
		return Dir + "/" + TeamsDir + "/" + p.TeamID + "/"
	}
	return Dir + "/" + p.ID + "/"
}

// Tasks counts the plan's checkboxes (tasks and reading).
func (p *Plan) Tasks() int {
	n := 0
	for _, ph := range p.Phases {
		n += len(ph.Tasks) + len(ph.Reading)
	}
	return n
}

// Phase is one period of a plan, such as the first 30 days.
type Phase struct {
	Days    int // the day the phase ends: 30, 60, 90, 180 or 365
	Start   int // the day it starts: the previous phase's Days + 1
	Title   string
	Goals   []*Item
	Tasks   []*Item
	Reading []*Reading
	Pos     site.Pos
}

// Anchor is the phase's id on the page: "day-30".
func (ph *Phase) Anchor() string { return "day-" + strconv.Itoa(ph.Days) }

// Item is a goal or a task.
type Item struct {
	ID   string        // stable id of a task: "d30-1a2b3c4d"
	Text string        // Markdown
	HTML template.HTML // rendered by RenderContent
	Pos  site.Pos
}

// Reading is an entry of a phase's reading list.
type Reading struct {
	ID    string // stable checkbox id: "d30-r-1a2b3c4d"
	Ref   string // as written
	Kind  string // entity kind, "" for a URL
	Key   string // entity id
	Label string // |custom text, or ""
	URL   string // an http(s) link, for external reading
	Pos   site.Pos

	// Set by Link when the reference resolves.
	Title, Path, Badge string
}

// frontMatter is a plan's front matter.
type frontMatter struct {
	Title  string    `yaml:"title"`
	Role   text      `yaml:"role"`
	Team   text      `yaml:"team"`
	Buddy  text      `yaml:"buddy"`
	Phases []phaseFM `yaml:"phases"`
}

type phaseFM struct {
	Days    Days     `yaml:"days"`
	Title   string   `yaml:"title"`
	Goals   []text   `yaml:"goals"`
	Tasks   []text   `yaml:"tasks"`
	Reading []text   `yaml:"reading"`
	Pos     site.Pos `yaml:"-"`
}

// Parse decodes one plan file and checks what can be checked without the
// other kinds (references are resolved by Link). It never returns nil.
func Parse(f *site.SourceFile, diags *site.Diagnostics) *Plan {
	p := &Plan{ID: site.IDFromRel(f.Rel, Dir), File: f, Pos: site.Pos{Path: f.Path, Line: 1, Col: 1}}
	var fm frontMatter
	site.Decode(f.Path, f.Front, &fm, diags)
	p.Title = fm.Title
	if p.Title == "" {
		p.Title = markdown.Title(f.Body)
	}
	if p.Title == "" {
		p.Title = site.Humanize(p.ID)
	}
	p.Role, p.RolePos = strings.TrimSpace(fm.Role.Value), fm.Role.Pos(f.Path, f.FrontPos("role"))
	p.TeamID, p.TeamPos = strings.TrimSpace(fm.Team.Value), fm.Team.Pos(f.Path, f.FrontPos("team"))
	p.Buddy, p.BuddyPos = fm.Buddy.Value, fm.Buddy.TextPos(f.Path, f.FrontPos("buddy"))
	p.Phases = parsePhases(f, fm.Phases, diags)
	return p
}

func parsePhases(f *site.SourceFile, list []phaseFM, diags *site.Diagnostics) []*Phase {
	phasesPos := f.FrontPos("phases")
	if len(list) == 0 {
		diags.Errorf(phasesPos, "onboarding-phases", "plan has no phases; add phases: a list of {days, title, goals, tasks, reading} for days 30, 60 and 90")
		return nil
	}
	var out []*Phase
	seen := map[int]int{} // days -> line
	for _, pf := range list {
		pos := pf.Days.Pos(f.Path, pf.Pos)
		if !pf.Days.set {
			diags.Errorf(pf.Pos, "onboarding-phase-days", "phase has no days; add days: (one of %s)", daysList())
			continue
		}
		if !allowed(pf.Days.N) {
			diags.Errorf(pos, "onboarding-phase-days", "phase days must be one of %s, not %d", daysList(), pf.Days.N)
			continue
		}
		if line, ok := seen[pf.Days.N]; ok {
			diags.Errorf(pos, "onboarding-duplicate-phase", "two phases end on day %d (the first at line %d); merge them", pf.Days.N, line)
			continue
		}
		seen[pf.Days.N] = pos.Line
		ph := &Phase{Days: pf.Days.N, Title: strings.TrimSpace(pf.Title), Pos: pf.Pos}
		for _, g := range pf.Goals {
			if strings.TrimSpace(g.Value) != "" {
				ph.Goals = append(ph.Goals, &Item{Text: g.Value, Pos: g.TextPos(f.Path, pf.Pos)})
			}
		}
		ids := map[string]int{}
		for _, t := range pf.Tasks {
			if strings.TrimSpace(t.Value) == "" {
				continue
			}
			id := uniqueID(ids, fmt.Sprintf("d%d-%s", ph.Days, hashText(t.Value)))
			ph.Tasks = append(ph.Tasks, &Item{ID: id, Text: t.Value, Pos: t.TextPos(f.Path, pf.Pos)})
		}
		for _, r := range pf.Reading {
			if strings.TrimSpace(r.Value) == "" {
				continue
			}
			rd := ParseReading(r.Value)
			rd.Pos = r.Pos(f.Path, pf.Pos)
			rd.ID = uniqueID(ids, fmt.Sprintf("d%d-r-%s", ph.Days, hashText(r.Value)))
			if rd.Kind == "" && rd.URL == "" {
				diags.Errorf(rd.Pos, "onboarding-reading", "reading entry %q is not a reference; write KIND:ID such as adr:4, runbook:payments-high-latency or page:handbook/on-call, or an https:// link", r.Value)
				continue
			}
			ph.Reading = append(ph.Reading, rd)
		}
		if len(ph.Goals) == 0 && len(ph.Tasks) == 0 {
			diags.Warnf(pf.Pos, "onboarding-empty-phase", "the %d-day phase has no goals and no tasks; add goals: or tasks:", ph.Days)
		}
		out = append(out, ph)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Days < out[j].Days })
	for i, ph := range out {
		ph.Start = 1
		if i > 0 {
			ph.Start = out[i-1].Days + 1
		}
	}
	for _, d := range RequiredDays {
		if _, ok := seen[d]; !ok {
			diags.Errorf(phasesPos, "onboarding-missing-phase", "plan has no %d-day phase; a plan needs phases for days 30, 60 and 90: add - {days: %d, title: ..., goals: [...], tasks: [...]}", d, d)
		}
	}
	return out
}

func allowed(d int) bool {
	for _, a := range AllowedDays {
		if a == d {
			return true
		}
	}
	return false
}

func daysList() string {
	var s []string
	for _, d := range AllowedDays {
		s = append(s, strconv.Itoa(d))
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// hashText is a short stable hash of a task's text, white space
// normalised, so that re-wrapping the text keeps its checkbox state.
func hashText(s string) string {
	h := fnv.New32a()
	h.Write([]byte(strings.Join(strings.Fields(s), " ")))
	return fmt.Sprintf("%08x", h.Sum32())
}

func uniqueID(seen map[string]int, id string) string {
	seen[id]++
	if n := seen[id]; n > 1 {
		return id + "-" + strconv.Itoa(n)
	}
	return id
}

var (
	refRe  = regexp.MustCompile(`^([a-z][a-z0-9_-]*):([^\s\]|]+)$`)
	urlRe  = regexp.MustCompile(`^https?://\S+$`)
	linkRe = regexp.MustCompile(`^\[([^\]]+)\]\((https?://[^\s)]+)\)$`)
)

// ParseReading reads a reading-list entry: "adr:4", "[[adr:4]]",
// "[[adr:4|The Kafka decision]]", "https://example.org/x" or
// "[Title](https://example.org/x)". A result with neither Kind nor URL
// set is not a reference.
func ParseReading(s string) *Reading {
	r := &Reading{Ref: s}
	t := strings.TrimSpace(s)
	if m := linkRe.FindStringSubmatch(t); m != nil {
		r.Label, r.URL = strings.TrimSpace(m[1]), m[2]
		return r
	}
	if urlRe.MatchString(t) {
		r.URL = t
		return r
	}
	if strings.HasPrefix(t, "[[") && strings.HasSuffix(t, "]]") {
		t = strings.TrimSpace(t[2 : len(t)-2])
		if i := strings.IndexByte(t, '|'); i >= 0 {
			r.Label = strings.TrimSpace(t[i+1:])
			t = strings.TrimSpace(t[:i])
		}
	}
	if m := refRe.FindStringSubmatch(t); m != nil {
		r.Kind, r.Key = m[1], m[2]
	}
	return r
}

// Days is a phase's last day: a whole number, or text such as "30 days",
// "day 30" or "1-30" (a range gives its end).
type Days struct {
	N         int
	set       bool
	line, col int
}

var daysRe = regexp.MustCompile(`^(?:days?\s*)?(?:\d{1,4}\s*(?:-|–|—|to)\s*)?(\d{1,4})(?:\s*days?)?$`)

// ParseDays reads a phase's days written as text.
func ParseDays(s string) (int, error) {
	m := daysRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, fmt.Errorf("expected the day a phase ends, such as 30, 60 or 90, got %q", s)
	}
	n, _ := strconv.Atoi(m[1])
	return n, nil
}

// DecodeNode implements site.NodeDecoder.
func (d *Days) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected the day a phase ends, such as 30, 60 or 90")
	}
	if n.Tag == "!!null" {
		return nil
	}
	v, err := ParseDays(n.Value)
	if err != nil {
		return err
	}
	d.N, d.set, d.line, d.col = v, true, n.Line, n.Column
	return nil
}

func (d Days) Pos(file string, fallback site.Pos) site.Pos {
	if !d.set {
		return fallback
	}
	return site.Pos{Path: file, Line: d.line, Col: d.col}
}

// text is a free-text field with its position.
type text = site.Text
