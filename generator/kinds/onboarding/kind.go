package onboarding

import (
	"bytes"
	"context"
	"html/template"
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/site"
)

// KindName is the kind's name, its entity kind and its config section.
const KindName = "onboarding"

// Dir is the folder under content/ holding plans, and the pages' prefix.
const Dir = "onboarding"

// TeamsDir is the folder under onboarding/ of the plans generated for
// teams from the default plan.
const TeamsDir = "teams"

// NavWeight places "Onboarding" in the navigation after ladders and hiring.
const NavWeight = ladder.NavWeight + 2

// StoragePrefix starts every localStorage key of a task's checkbox.
const StoragePrefix = "almanac:onboarding:"

// Kind is the onboarding content kind. It holds no per-build state.
type Kind struct{}

// New returns the onboarding kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (*Kind) Name() string { return KindName }

// Config is the onboarding: section of almanac.yaml.
type Config struct {
	// Default is the id of the plan that teams without a plan of their own
	// get a page generated from.
	Default text `yaml:"default"`
}

// Model is every plan of the handbook.
type Model struct {
	Plans     []*Plan // plan files, sorted by ID
	Generated []*Plan // plans generated for teams from the default, by team id
	Default   *Plan   // the default plan, if configured and found

	cfg   Config
	index *site.Page
}

// Of returns the plans loaded into s; never nil.
func Of(s *site.Site) *Model {
	if m, ok := s.Model(KindName).(*Model); ok && m != nil {
		return m
	}
	return &Model{}
}

// Plan returns the plan file with id, or nil.
func (m *Model) Plan(id string) *Plan {
	for _, p := range m.Plans {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// ForTeam returns the plans for the team with id: its own plans, or the
// one generated for it from the default plan.
func (m *Model) ForTeam(teamID string) []*Plan {
	var out []*Plan
	for _, p := range m.Plans {
		if p.Team != nil && p.Team.ID == teamID {
			out = append(out, p)
		}
	}
	for _, p := range m.Generated {
		if p.TeamID == teamID {
			out = append(out, p)
		}
	}
	return out
}

// ForLevel returns the plan files whose role is the level with entity key
// "ladder:<id>#<LEVEL>".
func (m *Model) ForLevel(key string) []*Plan {
	var out []*Plan
	for _, p := range m.Plans {
		if p.Level != nil && p.Level.Key() == key {
			out = append(out, p)
		}
	}
	return out
}

// PageData is the template data of a plan's page.
type PageData struct {
	Plan       *Plan
	Body       template.HTML // a generated plan's text (the default plan's body)
	Buddy      template.HTML
	StorageKey string // localStorage key prefix of the page's checkboxes
	World      *World // the team's world; nil without a (known) team
}

// IndexPage is the template data of onboarding/.
type IndexPage struct {
	Plans     []*Plan
	Generated []*Plan
	Default   *Plan
}

// Load implements site.Kind.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	m := &Model{}
	s.Config.Section(KindName, &m.cfg, s.Diags)
	seen := map[string]*Plan{}
	var index *site.SourceFile
	for _, f := range s.Source.DocsUnder(Dir) {
		if !s.Source.Claim(f.Path, KindName) {
			continue
		}
		if site.IsIndexFile(f.Rel, Dir) && index == nil {
			index = f
			continue
		}
		f.KeepBody = true // RenderContent renders it, for this plan's page and for plans made from it
		p := Parse(f, s.Diags)
		if old, ok := seen[p.ID]; ok {
			s.Diags.Errorf(p.Pos, "onboarding-duplicate-id", "plan id %q is already used by %s; rename one of the files", p.ID, old.File.Path)
			continue
		}
		seen[p.ID] = p
		m.Plans = append(m.Plans, p)
	}
	sort.Slice(m.Plans, func(i, j int) bool { return m.Plans[i].ID < m.Plans[j].ID })
	s.SetModel(KindName, m)
	if len(m.Plans) == 0 && index == nil {
		return nil // Link reports an onboarding.default naming a plan
	}
	for _, p := range m.Plans {
		s.AddEntity(&site.Entity{Kind: KindName, ID: p.ID, Title: p.Title, Path: p.Path(), Pos: p.Pos})
		p.page = &site.Page{Path: p.Path(), Kind: KindName, Title: p.Title, Source: p.File,
			Template: "onboarding/page.html", Data: &PageData{Plan: p, StorageKey: StoragePrefix + p.Path()}}
		s.AddPage(p.page)
	}
	m.index = &site.Page{Path: Dir + "/", Kind: KindName, Title: "Onboarding", Source: index,
		Template: "onboarding/index.html", Data: &IndexPage{Plans: m.Plans}}
	if index != nil {
		if t := site.FrontValue(index.Front, "title"); t != nil && t.Value != "" {
			m.index.Title = t.Value
		}
		if d := site.FrontValue(index.Front, "description"); d != nil {
			m.index.Description = d.Value
		}
	}
	s.AddPage(m.index)
	s.AddNav(&site.NavItem{Title: "Onboarding", Path: Dir + "/", Weight: NavWeight})
	return nil
}

// Link implements site.Linker: it resolves roles, teams and reading lists,
// and generates the plans of teams without one from the default plan.
func (k *Kind) Link(ctx context.Context, s *site.Site) error {
	m := Of(s)
	lm := ladder.Of(s)
	cat := catalog.Of(s)
	for _, p := range m.Plans {
		if p.Role == "" {
			s.Diags.Errorf(p.RolePos, "onboarding-role", "plan has no role; add role: LADDER#LEVEL naming the ladder level the new hire joins at, such as %s", lm.Example())
		} else {
			p.Ladder, p.Level = lm.Resolve(s.Diags, p.Role, p.RolePos, "plan", "onboarding-unknown-role")
		}
		if p.TeamID != "" {
			p.Team = cat.Team(p.TeamID)
			if p.Team == nil {
				s.Diags.Errorf(p.TeamPos, "onboarding-team", "team %q is not in the catalog%s; %s", p.TeamID, site.DidYouMean(p.TeamID, teamIDs(cat)), knownTeams(cat))
			}
		}
		for _, ph := range p.Phases {
			for _, r := range ph.Reading {
				resolveReading(s, r)
			}
		}
		if p.page != nil && p.Level != nil && p.page.Description == "" {
			p.page.Description = "Onboarding plan for " + p.Level.FullName() + "."
		}
	}
	k.generate(s, m, cat)
	for _, list := range [][]*Plan{m.Plans, m.Generated} {
		for _, p := range list {
			if p.page != nil {
				p.page.Words = words(p)
			}
		}
	}
	return nil
}

// words is what a plan's page shows besides its body, for search: the
// team's name, the buddy, and each phase's title, goals, tasks and
// reading list (the titles of what it names).
func words(p *Plan) string {
	var b strings.Builder
	if p.Team != nil {
		site.AddWords(&b, teamName(p.Team))
	}
	site.AddWords(&b, p.Buddy)
	for _, ph := range p.Phases {
		site.AddWords(&b, ph.Title)
		for _, it := range ph.Goals {
			site.AddWords(&b, it.Text)
		}
		for _, it := range ph.Tasks {
			site.AddWords(&b, it.Text)
		}
		for _, r := range ph.Reading {
			if r.Label != "" {
				site.AddWords(&b, r.Label)
			} else {
				site.AddWords(&b, r.Title)
			}
		}
	}
	return b.String()
}

func teamIDs(cat *catalog.Catalog) []string {
	var ids []string
	for _, t := range cat.Teams {
		ids = append(ids, t.ID)
	}
	return ids
}

func knownTeams(cat *catalog.Catalog) string {
	ids := teamIDs(cat)
	if len(ids) == 0 {
		return "no teams are defined (data/teams.yaml)"
	}
	return "teams: " + strings.Join(ids, ", ")
}

// resolveReading looks up a reading reference, reporting it at its
// position when it names nothing.
func resolveReading(s *site.Site, r *Reading) {
	if r.URL != "" || r.Kind == "" {
		return
	}
	e, anchor := lookup(s, r.Kind, r.Key)
	if e == nil {
		s.Diags.Errorf(r.Pos, "onboarding-reading", "reading list: %s", s.RefError(r.Kind, r.Key))
		return
	}
	r.Title, r.Path, r.Badge = e.Title, e.Path+anchor, e.Badge
	if r.Kind == "adr" && r.Title != "" && !strings.HasPrefix(strings.ToLower(r.Title), "adr") {
		r.Title = "ADR-" + e.ID + ": " + r.Title
	}
}

// lookup finds kind:id as the reference resolver does: the id itself, a
// number without its leading zeros, or id#anchor on the entity id.
func lookup(s *site.Site, kind, id string) (*site.Entity, string) {
	if e, ok := s.Entity(kind, id); ok {
		return e, ""
	}
	if t := strings.TrimLeft(id, "0"); t != id && t != "" && strings.Trim(t, "0123456789") == "" {
		if e, ok := s.Entity(kind, t); ok {
			return e, ""
		}
	}
	// "ladder:backend#E9" names a level, not an anchor on the ladder: no
	// fallback there.
	if base, a, ok := strings.Cut(id, "#"); ok && kind != ladder.KindName {
		if e, ok := s.Entity(kind, base); ok && !strings.Contains(e.Path, "#") {
			return e, "#" + a
		}
	}
	return nil, ""
}

// generate adds a plan generated from the default plan for every catalog
// team that has no plan of its own.
func (k *Kind) generate(s *site.Site, m *Model, cat *catalog.Catalog) {
	id := strings.TrimSpace(m.cfg.Default.Value)
	if id == "" {
		return
	}
	def := m.Plan(id)
	if def == nil && len(m.Plans) == 0 {
		s.Diags.Errorf(m.cfg.Default.Pos(site.ConfigFile, site.Pos{Path: site.ConfigFile}), "onboarding-default",
			"onboarding.default names plan %q, but there are no onboarding plans (content/onboarding/*.md)", id)
		return
	}
	if def == nil {
		var ids []string
		for _, p := range m.Plans {
			ids = append(ids, p.ID)
		}
		s.Diags.Errorf(m.cfg.Default.Pos(site.ConfigFile, site.Pos{Path: site.ConfigFile}), "onboarding-default",
			"onboarding.default names no onboarding plan %q%s; plans: %s", id, site.DidYouMean(id, ids), strings.Join(ids, ", "))
		return
	}
	m.Default = def
	has := map[string]bool{}
	for _, p := range m.Plans {
		if p.Team != nil {
			has[p.Team.ID] = true
		}
	}
	// The default plan's buddy, when it is written for a team of its own,
	// is one of that team: other teams' plans name none (their page says
	// the team lead pairs the new hire with someone).
	buddy := def.Buddy
	if def.TeamID != "" {
		buddy = ""
	}
	for _, t := range cat.Teams {
		if has[t.ID] {
			continue
		}
		g := &Plan{ID: t.ID, Title: def.Title + ": " + t.Name, Role: def.Role, TeamID: t.ID, Buddy: buddy,
			File: def.File, Pos: def.Pos, RolePos: def.RolePos, TeamPos: def.TeamPos, BuddyPos: def.BuddyPos,
			From: def, Ladder: def.Ladder, Level: def.Level, Team: t, Phases: copyPhases(def.Phases)}
		if t.Name == "" {
			g.Title = def.Title + ": " + t.ID
		}
		g.page = &site.Page{Path: g.Path(), Kind: KindName, Title: g.Title,
			Description: "Onboarding for a new member of " + teamName(t) + ", generated from " + def.Title + ".",
			Template:    "onboarding/page.html", Data: &PageData{Plan: g, StorageKey: StoragePrefix + g.Path()}, Origin: def.File.Path}
		s.AddPage(g.page)
		m.Generated = append(m.Generated, g)
	}
	if m.index != nil {
		d := m.index.Data.(*IndexPage)
		d.Generated, d.Default = m.Generated, def
	}
}

func teamName(t *catalog.Team) string {
	if t.Name != "" {
		return t.Name
	}
	return t.ID
}

// copyPhases copies phases with fresh items, so that each page gets its
// own rendered HTML.
func copyPhases(in []*Phase) []*Phase {
	out := make([]*Phase, len(in))
	for i, ph := range in {
		c := *ph
		c.Goals = copyItems(ph.Goals)
		c.Tasks = copyItems(ph.Tasks)
		c.Reading = make([]*Reading, len(ph.Reading))
		for j, r := range ph.Reading {
			rc := *r
			c.Reading[j] = &rc
		}
		out[i] = &c
	}
	return out
}

func copyItems(in []*Item) []*Item {
	out := make([]*Item, len(in))
	for i, it := range in {
		c := *it
		c.HTML = ""
		out[i] = &c
	}
	return out
}

// RenderContent implements site.ContentRenderer: it renders goals, tasks
// and the buddy as Markdown for each page they appear on, records the
// reading lists as references, renders generated plans' text, and gathers
// each team's world.
func (k *Kind) RenderContent(ctx context.Context, s *site.Site, md site.Markdown) error {
	m := Of(s)
	all := append(append([]*Plan(nil), m.Plans...), m.Generated...)
	for _, p := range all {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.page == nil {
			continue
		}
		d := p.page.Data.(*PageData)
		from := p.page
		if from.Source == nil && p.File != nil {
			// A generated page: relative links resolve from the plan file's
			// folder, backlinks still name the generated page.
			cp := *from
			cp.Source = p.File
			from = &cp
		}
		if strings.TrimSpace(p.Buddy) != "" {
			d.Buddy = md.Inline(from, p.Buddy, p.BuddyPos)
		}
		for _, ph := range p.Phases {
			for _, it := range ph.Goals {
				it.HTML = md.Inline(from, it.Text, it.Pos)
			}
			for _, it := range ph.Tasks {
				it.HTML = md.Inline(from, it.Text, it.Pos)
			}
			for _, r := range ph.Reading {
				if r.Path != "" {
					target, _, _ := strings.Cut(r.Path, "#")
					s.AddBacklink(target, p.page)
				}
			}
		}
		if p.From != nil && p.File != nil {
			body, line := dropH1(p.File.Body)
			if len(bytes.TrimSpace(body)) > 0 {
				d.Body = md.Block(from, string(body), site.Pos{Path: p.File.Path, Line: p.File.BodyLine + line, Col: 1})
			}
		}
		if p.Team != nil {
			d.World = TeamWorld(s, p.Team.ID)
		}
	}
	return nil
}

// dropH1 removes a leading "# Title" line (the layout prints the title)
// and returns the rest with the number of lines removed.
func dropH1(body []byte) ([]byte, int) {
	lines := 0
	rest := body
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		line := rest
		if i >= 0 {
			line = rest[:i]
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 && i >= 0 {
			rest = rest[i+1:]
			lines++
			continue
		}
		if bytes.HasPrefix(t, []byte("# ")) {
			if i < 0 {
				return nil, lines
			}
			return rest[i+1:], lines + 1
		}
		break
	}
	return body, 0
}

// Contribute implements site.Contributor: team pages list the team's
// onboarding plans; ladder level pages list the plans for that level.
func (k *Kind) Contribute(s *site.Site, subject string) []site.Section {
	m := Of(s)
	kind, id, _ := strings.Cut(subject, ":")
	var list []*Plan
	title := "Onboarding"
	switch kind {
	case "team":
		list = m.ForTeam(id)
	case ladder.KindName:
		if !strings.Contains(id, "#") {
			return nil
		}
		list = m.ForLevel(subject)
		title = "Onboarding plans"
	}
	if len(list) == 0 {
		return nil
	}
	return []site.Section{{ID: "onboarding", Title: title, Template: "onboarding/_list.html", Data: list, Order: 20}}
}
