// Package hiring implements the "hiring" content kind: interview
// scorecards for a ladder level, written as Markdown files under
// content/hiring/.
//
//	title: Backend engineering manager interview
//	role: engineering-manager#M1        # a ladder level
//	dimensions:
//	  - {name: People leadership, meets: ..., exceeds: ...}
//	exercises:                           # optional
//	  - {name: System design, minutes: 60, assesses: Architecture}
//	signals:                             # optional
//	  strong: [...]
//	  weak: [...]
//	  red_flags: [...]
//
// An exercise's length may be written minutes: 45 or length: 45 (also
// "45 min", "1h", "1h30"). Text fields are Markdown, so [[kind:id]]
// references work. The body is shown above the rubric.
//
// Pages: hiring/ (every scorecard, by role) and hiring/<id>/ (a rubric
// that can be filled in on screen or printed and filled in by hand). Each
// scorecard is listed on its ladder level's page (and on the ladder's page)
// through a contributed section. Entity: "hiring:<id>".
//
// Rule ids: hiring-role, hiring-unknown-role, hiring-no-dimensions,
// hiring-dimension, hiring-duplicate-dimension, hiring-exercise,
// hiring-duplicate-id.
package hiring

import (
	"context"
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// KindName is the kind's name and entity kind.
const KindName = "hiring"

// Dir is the folder under content/ holding scorecards.
const Dir = "hiring"

// NavWeight places "Hiring" in the site navigation, after the ladders.
const NavWeight = ladder.NavWeight + 1

// Kind is the hiring content kind. It holds no per-build state.
type Kind struct{}

// New returns the hiring kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (*Kind) Name() string { return KindName }

// Model is every scorecard of the handbook.
type Model struct {
	Scorecards []*Scorecard // sorted by ID

	index *site.Page
}

// Of returns the scorecards loaded into s; never nil.
func Of(s *site.Site) *Model {
	if m, ok := s.Model(KindName).(*Model); ok && m != nil {
		return m
	}
	return &Model{}
}

// ForLevel returns the scorecards whose role is the level with entity key
// "ladder:<id>#<LEVEL>" (as a level page's Subject), in title order.
func (m *Model) ForLevel(key string) []*Scorecard {
	var out []*Scorecard
	for _, c := range m.Scorecards {
		if c.Level != nil && c.Level.Key() == key {
			out = append(out, c)
		}
	}
	sortByTitle(out)
	return out
}

// ForLadder returns the scorecards for any level of the ladder with id, in
// level then title order.
func (m *Model) ForLadder(id string) []*Scorecard {
	var out []*Scorecard
	for _, c := range m.Scorecards {
		if c.Ladder != nil && c.Level != nil && c.Ladder.ID == id {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Level.Index != out[j].Level.Index {
			return out[i].Level.Index < out[j].Level.Index
		}
		return out[i].Title < out[j].Title
	})
	return out
}

func sortByTitle(cs []*Scorecard) {
	sort.SliceStable(cs, func(i, j int) bool {
		if a, b := strings.ToLower(cs[i].Title), strings.ToLower(cs[j].Title); a != b {
			return a < b
		}
		return cs[i].ID < cs[j].ID
	})
}

// Scorecard is one interview rubric.
type Scorecard struct {
	ID         string
	Title      string
	Role       string // as written: "engineering-manager#M1"
	Dimensions []*Dimension
	Exercises  []*Exercise
	Signals    Signals
	File       *site.SourceFile
	Pos        site.Pos
	RolePos    site.Pos

	// Set by Link when Role names a known level.
	Ladder *ladder.Ladder
	Level  *ladder.Level

	page *site.Page
}

// Path is the scorecard's page: "hiring/<id>/".
func (c *Scorecard) Path() string { return Dir + "/" + c.ID + "/" }

// Minutes is the exercises' total length.
func (c *Scorecard) Minutes() int {
	n := 0
	for _, e := range c.Exercises {
		n += e.Minutes
	}
	return n
}

// Dimension is one thing the interviewers rate.
type Dimension struct {
	Name          string
	Meets         string // Markdown: what meeting the bar looks like
	Exceeds       string // Markdown
	Pos           site.Pos
	MeetsHTML     template.HTML // rendered by RenderContent
	ExceedsHTML   template.HTML
	meetsPos, exP site.Pos
}

// Exercise is one part of the interview loop.
type Exercise struct {
	Name         string
	Minutes      int
	Assesses     string // Markdown
	AssessesHTML template.HTML
	Pos          site.Pos
	assessesPos  site.Pos
}

// Signals are what interviewers look and listen for.
type Signals struct {
	Strong, Weak, RedFlags []Signal
}

// Any reports whether any signal is listed.
func (s Signals) Any() bool { return len(s.Strong)+len(s.Weak)+len(s.RedFlags) > 0 }

// Signal is one item of a signals list.
type Signal struct {
	Text string // Markdown
	HTML template.HTML
	pos  site.Pos
}

// Page is the template data of hiring/<id>/.
type Page struct {
	Scorecard *Scorecard
	Ratings   []string // the rating scale, lowest first
	Verdicts  []string // the overall recommendations
}

// Ratings is the scale each dimension is rated on.
var Ratings = []string{"Not assessed", "Below the bar", "Meets", "Exceeds"}

// Verdicts are the overall recommendations an interviewer picks from.
var Verdicts = []string{"Strong no hire", "No hire", "Hire", "Strong hire"}

// IndexPage is the template data of hiring/.
type IndexPage struct {
	Groups []RoleGroup // filled by Link
}

// RoleGroup is the scorecards for one ladder level (Level nil: the
// scorecards whose role is unknown).
type RoleGroup struct {
	Ladder     *ladder.Ladder
	Level      *ladder.Level
	Scorecards []*Scorecard
}

// Load implements site.Kind.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	m := &Model{}
	seen := map[string]*Scorecard{}
	var index *site.SourceFile
	for _, f := range s.Source.DocsUnder(Dir) {
		if !s.Source.Claim(f.Path, KindName) {
			continue
		}
		if site.IsIndexFile(f.Rel, Dir) && index == nil {
			index = f
			continue
		}
		c := Parse(f, s.Diags)
		if old, ok := seen[c.ID]; ok {
			s.Diags.Errorf(c.Pos, "hiring-duplicate-id", "scorecard id %q is already used by %s; rename one of the files", c.ID, old.File.Path)
			continue
		}
		seen[c.ID] = c
		m.Scorecards = append(m.Scorecards, c)
	}
	sort.Slice(m.Scorecards, func(i, j int) bool { return m.Scorecards[i].ID < m.Scorecards[j].ID })
	s.SetModel(KindName, m)
	if len(m.Scorecards) == 0 && index == nil {
		return nil
	}
	for _, c := range m.Scorecards {
		s.AddEntity(&site.Entity{Kind: KindName, ID: c.ID, Title: c.Title, Path: c.Path(), Pos: c.Pos})
		c.page = &site.Page{Path: c.Path(), Kind: KindName, Title: c.Title, Source: c.File,
			Template: "hiring/page.html", Data: &Page{Scorecard: c, Ratings: Ratings, Verdicts: Verdicts}}
		s.AddPage(c.page)
	}
	p := &site.Page{Path: Dir + "/", Kind: KindName, Title: "Hiring scorecards", Source: index,
		Template: "hiring/index.html", Data: &IndexPage{}}
	if index != nil {
		if t := site.FrontValue(index.Front, "title"); t != nil && t.Value != "" {
			p.Title = t.Value
		}
		if d := site.FrontValue(index.Front, "description"); d != nil {
			p.Description = d.Value
		}
	}
	m.index = p
	s.AddPage(p)
	s.AddNav(&site.NavItem{Title: "Hiring", Path: Dir + "/", Weight: NavWeight})
	return nil
}

// Link implements site.Linker: it resolves each scorecard's role to a
// ladder level and orders the index by role.
func (k *Kind) Link(ctx context.Context, s *site.Site) error {
	lm := ladder.Of(s)
	m := Of(s)
	for _, c := range m.Scorecards {
		if strings.TrimSpace(c.Role) == "" {
			s.Diags.Errorf(c.RolePos, "hiring-role", "scorecard has no role; add role: LADDER#LEVEL naming a ladder level, such as %s", lm.Example())
		} else {
			c.Ladder, c.Level = lm.Resolve(s.Diags, c.Role, c.RolePos, "scorecard", "hiring-unknown-role")
			if c.Level != nil && c.page != nil && c.page.Description == "" {
				c.page.Description = "Interview scorecard for " + c.Level.FullName() + "."
			}
		}
		if c.page != nil {
			c.page.Words = words(c)
		}
	}
	if m.index != nil {
		m.index.Data.(*IndexPage).Groups = groupByRole(m.Scorecards)
	}
	return nil
}

// words is what a scorecard's page shows besides its body, for search:
// the role when it names no known level, each dimension's name and bar,
// the exercises and the signals.
func words(c *Scorecard) string {
	var b strings.Builder
	if c.Level == nil {
		site.AddWords(&b, c.Role) // else the description names the level
	}
	for _, d := range c.Dimensions {
		site.AddWords(&b, d.Name, d.Meets, d.Exceeds)
	}
	for _, e := range c.Exercises {
		site.AddWords(&b, e.Name, e.Assesses)
	}
	for _, list := range [][]Signal{c.Signals.Strong, c.Signals.Weak, c.Signals.RedFlags} {
		for _, sg := range list {
			site.AddWords(&b, sg.Text)
		}
	}
	return b.String()
}

// groupByRole groups scorecards by ladder level, in ladder then level
// order; scorecards whose role is unknown come last.
func groupByRole(cards []*Scorecard) []RoleGroup {
	byKey := map[string]*RoleGroup{}
	var keys []string
	for _, c := range cards {
		key := ""
		if c.Level != nil {
			key = c.Level.Key()
		}
		g, ok := byKey[key]
		if !ok {
			g = &RoleGroup{Ladder: c.Ladder, Level: c.Level}
			if c.Level == nil {
				g.Ladder = nil
			}
			byKey[key] = g
			keys = append(keys, key)
		}
		g.Scorecards = append(g.Scorecards, c)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := byKey[keys[i]], byKey[keys[j]]
		if (a.Level == nil) != (b.Level == nil) {
			return b.Level == nil
		}
		if a.Level == nil {
			return false
		}
		if a.Ladder.Title != b.Ladder.Title {
			return a.Ladder.Title < b.Ladder.Title
		}
		if a.Ladder.ID != b.Ladder.ID {
			return a.Ladder.ID < b.Ladder.ID
		}
		return a.Level.Index < b.Level.Index
	})
	out := make([]RoleGroup, 0, len(keys))
	for _, k := range keys {
		g := byKey[k]
		sortByTitle(g.Scorecards)
		out = append(out, *g)
	}
	return out
}

// RenderContent implements site.ContentRenderer: it renders the Markdown
// of dimensions, exercises and signals.
func (k *Kind) RenderContent(ctx context.Context, s *site.Site, md site.Markdown) error {
	for _, c := range Of(s).Scorecards {
		if c.page == nil {
			continue
		}
		for _, d := range c.Dimensions {
			d.MeetsHTML = inline(md, c.page, d.Meets, d.meetsPos)
			d.ExceedsHTML = inline(md, c.page, d.Exceeds, d.exP)
		}
		for _, e := range c.Exercises {
			e.AssessesHTML = inline(md, c.page, e.Assesses, e.assessesPos)
		}
		for _, list := range [][]Signal{c.Signals.Strong, c.Signals.Weak, c.Signals.RedFlags} {
			for i := range list {
				list[i].HTML = inline(md, c.page, list[i].Text, list[i].pos)
			}
		}
	}
	return nil
}

func inline(md site.Markdown, p *site.Page, src string, pos site.Pos) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	return md.Inline(p, src, pos)
}

// Contribute implements site.Contributor: a level page lists the
// scorecards for that level; a ladder page lists those for its levels.
func (k *Kind) Contribute(s *site.Site, subject string) []site.Section {
	rest, ok := strings.CutPrefix(subject, ladder.KindName+":")
	if !ok {
		return nil
	}
	m := Of(s)
	var list []*Scorecard
	if strings.Contains(rest, "#") {
		list = m.ForLevel(subject)
	} else {
		list = m.ForLadder(rest)
	}
	if len(list) == 0 {
		return nil
	}
	return []site.Section{{ID: "hiring-scorecards", Title: "Hiring scorecards", Template: "hiring/_level.html", Data: list, Order: 10}}
}

// frontMatter is a scorecard's front matter.
type frontMatter struct {
	Title      string        `yaml:"title"`
	Role       text          `yaml:"role"`
	Dimensions []dimensionFM `yaml:"dimensions"`
	Exercises  []exerciseFM  `yaml:"exercises"`
	Signals    signalsFM     `yaml:"signals"`
}

type dimensionFM struct {
	Name    string   `yaml:"name"`
	Meets   text     `yaml:"meets"`
	Exceeds text     `yaml:"exceeds"`
	Pos     site.Pos `yaml:"-"`
}

type exerciseFM struct {
	Name     string   `yaml:"name"`
	Minutes  Minutes  `yaml:"minutes"`
	Length   Minutes  `yaml:"length"`
	Assesses text     `yaml:"assesses"`
	Pos      site.Pos `yaml:"-"`
}

type signalsFM struct {
	Strong   []text `yaml:"strong"`
	Weak     []text `yaml:"weak"`
	RedFlags []text `yaml:"red_flags"`
}

// Parse decodes one scorecard file and checks what can be checked without
// the other kinds (the role is resolved by Link). It never returns nil.
func Parse(f *site.SourceFile, diags *site.Diagnostics) *Scorecard {
	c := &Scorecard{ID: site.IDFromRel(f.Rel, Dir), File: f, Pos: site.Pos{Path: f.Path, Line: 1, Col: 1}}
	var fm frontMatter
	site.Decode(f.Path, f.Front, &fm, diags)
	c.Title = fm.Title
	if c.Title == "" {
		c.Title = markdown.Title(f.Body)
	}
	if c.Title == "" {
		c.Title = site.Humanize(c.ID)
	}
	c.Role = fm.Role.Value
	c.RolePos = fm.Role.Pos(f.Path, f.FrontPos("role"))

	if len(fm.Dimensions) == 0 {
		diags.Errorf(f.FrontPos("dimensions"), "hiring-no-dimensions", "scorecard has no dimensions to rate; add dimensions: a list of {name, meets, exceeds}")
	}
	seen := map[string]int{}
	for _, d := range fm.Dimensions {
		name := strings.TrimSpace(d.Name)
		if name == "" {
			diags.Errorf(d.Pos, "hiring-dimension", "dimension has no name; add name: (what is rated, such as \"System design\")")
			continue
		}
		if line, ok := seen[strings.ToLower(name)]; ok {
			diags.Errorf(d.Pos, "hiring-duplicate-dimension", "dimension %q is listed twice (first at line %d); merge them", name, line)
			continue
		}
		seen[strings.ToLower(name)] = d.Pos.Line
		if strings.TrimSpace(d.Meets.Value) == "" {
			diags.Errorf(d.Pos, "hiring-dimension", "dimension %q does not say what meets the bar; add meets: (what a hire at this level shows)", name)
		}
		c.Dimensions = append(c.Dimensions, &Dimension{Name: name, Meets: d.Meets.Value, Exceeds: d.Exceeds.Value, Pos: d.Pos,
			meetsPos: d.Meets.TextPos(f.Path, d.Pos), exP: d.Exceeds.TextPos(f.Path, d.Pos)})
	}
	for _, e := range fm.Exercises {
		if strings.TrimSpace(e.Name) == "" {
			diags.Errorf(e.Pos, "hiring-exercise", "exercise has no name; add name: (such as \"System design\")")
			continue
		}
		mins := e.Minutes
		switch {
		case e.Minutes.set && e.Length.set:
			diags.Errorf(site.Pos{Path: f.Path, Line: e.Length.line, Col: e.Length.col}, "hiring-exercise", "exercise %q gives both minutes and length; keep one", e.Name)
		case e.Length.set:
			mins = e.Length
		}
		c.Exercises = append(c.Exercises, &Exercise{Name: e.Name, Minutes: mins.N, Assesses: e.Assesses.Value, Pos: e.Pos,
			assessesPos: e.Assesses.TextPos(f.Path, e.Pos)})
	}
	conv := func(list []text) []Signal {
		var out []Signal
		for _, t := range list {
			if strings.TrimSpace(t.Value) != "" {
				out = append(out, Signal{Text: t.Value, pos: t.TextPos(f.Path, site.Pos{Path: f.Path})})
			}
		}
		return out
	}
	c.Signals = Signals{Strong: conv(fm.Signals.Strong), Weak: conv(fm.Signals.Weak), RedFlags: conv(fm.Signals.RedFlags)}
	return c
}

// Minutes is an exercise's length: a whole number of minutes, or text such
// as "45 min", "45m", "1h", "1.5 hours" or "1h30".
type Minutes struct {
	N         int
	set       bool
	line, col int
}

var (
	minutesRe = regexp.MustCompile(`^(\d{1,4})\s*(?:m|min|mins|minutes?)?\.?$`)
	hoursRe   = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})?)\s*(?:h|hr|hrs|hours?)(?:\s*(\d{1,2})\s*(?:m|min|mins|minutes?)?)?\.?$`)
)

// ParseMinutes reads a length written as text. It accepts a bare number
// of minutes, minutes with a unit (45m, 45 min, 45 minutes), hours (1h,
// 1.5 hours) and hours with minutes (1h30, 1h 30m). The result must lie
// between 1 minute and 24 hours.
func ParseMinutes(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	n := -1
	if m := minutesRe.FindStringSubmatch(t); m != nil {
		n, _ = strconv.Atoi(m[1])
	} else if m := hoursRe.FindStringSubmatch(t); m != nil {
		h, _ := strconv.ParseFloat(m[1], 64)
		n = int(h*60 + 0.5)
		if m[2] != "" {
			extra, _ := strconv.Atoi(m[2])
			if extra >= 60 || strings.Contains(m[1], ".") {
				return 0, fmt.Errorf("expected a length such as 45, \"45 min\", \"1h\" or \"1h30\", got %q", s)
			}
			n += extra
		}
	}
	if n < 0 {
		return 0, fmt.Errorf("expected a length such as 45, \"45 min\", \"1h\" or \"1h30\", got %q", s)
	}
	if n < 1 || n > 24*60 {
		return 0, fmt.Errorf("expected a length between 1 minute and 24 hours, got %q", s)
	}
	return n, nil
}

// DecodeNode implements site.NodeDecoder.
func (m *Minutes) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a length in minutes such as 45 or \"45 min\"")
	}
	if n.Tag == "!!null" {
		return nil
	}
	v, err := ParseMinutes(n.Value)
	if err != nil {
		return err
	}
	m.N, m.set, m.line, m.col = v, true, n.Line, n.Column
	return nil
}

// text is a free-text field with its position.
type text = site.Text
