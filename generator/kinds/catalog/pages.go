package catalog

import (
	"context"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/almanac-handbook/almanac/generator/chart"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Paths of the catalog's own pages.
const (
	ServicesPath = "services/"
	GraphPath    = "services/graph/"
	TeamsPath    = "teams/"
	JSONPath     = "catalog.json"
	SchemaPath   = "catalog.schema.json"
)

// Path returns the page of a system: its anchor on the services page.
func (x *System) Path() string { return ServicesPath + "#" + x.Anchor() }

// Anchor returns the id of the system's section on the services page.
func (x *System) Anchor() string { return "system-" + x.ID }

// Path returns where a user is shown: their entry on their first team's
// page, or "" when they belong to no team of the handbook.
func (u *User) Path() string {
	if len(u.Teams) == 0 {
		return ""
	}
	return "teams/" + u.Teams[0] + "/#" + u.Anchor()
}

// Anchor returns the id of the user's entry in a team's member list.
func (u *User) Anchor() string { return "user-" + u.ID }

// Path returns the scorecard's section on the scorecards page.
func (sc *ScorecardInfo) Path() string { return "scorecards/#" + sc.Anchor() }

// Anchor returns the id of the scorecard's section on the scorecards page.
func (sc *ScorecardInfo) Anchor() string { return "scorecard-" + sc.ID }

// RefView is a reference shown on a page: a link when Path is set, plain
// text marked external when the handbook does not define it.
type RefView struct {
	Name     string
	Path     string // site-relative; "" when there is no page
	Kind     string // team, user, service, system, external
	External bool
	Ref      string // the reference as Backstage writes it, for tooltips
}

// ServiceRef is a service in a list or table.
type ServiceRef struct {
	ID, Name, Path string
	Tier           int
	Lifecycle      string
	Owner          RefView
}

// LevelCell is a service's level in one scorecard.
type LevelCell struct {
	Scorecard string // scorecard id
	Name      string // scorecard name
	Path      string
	Level     string // "" when no level was reached
	Evaluated bool   // false when the scorecard does not apply to the service
}

// OnCallBrief is who to page for a service.
type OnCallBrief struct {
	Team     RefView
	Rotation string
	Current  string
	Schedule string
}

// ServiceRow is a row of a services table.
type ServiceRow struct {
	ServiceRef
	System      RefView
	Levels      []LevelCell
	OnCall      OnCallBrief
	FilterTeam  string // space-separated tokens for catalog.js
	FilterTier  string
	FilterLevel string
}

// Option is a choice of a filter.
type Option struct{ Value, Label string }

// ScorecardColumn is a scorecard shown as a column, with its filter.
type ScorecardColumn struct {
	ID, Name, Path string
	Options        []Option
}

// SystemView is a system with its services.
type SystemView struct {
	ID, Anchor, Name string
	External         bool
	Ref              string
	Description      template.HTML
	Owner            RefView
	Services         []ServiceRef
}

// ServicesIndex is the data of services/.
type ServicesIndex struct {
	Rows       []ServiceRow
	Teams      []Option
	Tiers      []Option
	Lifecycles []Option
	Scorecards []ScorecardColumn
	Systems    []SystemView
}

// SLOView is one objective, formatted.
type SLOView struct{ Name, Value string }

// ServicePage is the data of services/<id>/.
type ServicePage struct {
	Service      *Service
	Description  template.HTML
	Owner        RefView
	OwnerUser    *User
	Team         *Team // whom to reach: the owning team, or the owning user's team
	TeamRef      RefView
	System       RefView
	SLOs         []SLOView
	Dependencies []ServiceRef
	Dependents   []ServiceRef
	External     []string
	Provides     []string
	Consumes     []string
	Levels       []LevelCell
	Graph        *Graph // nil when the page shows none
}

// MemberView is a team member with the anchor of their entry.
type MemberView struct {
	Member
	Anchor string
}

// TeamPage is the data of teams/<id>/.
type TeamPage struct {
	Team           *Team
	Description    template.HTML
	Members        []MemberView
	Services       []ServiceRow
	MemberServices []ServiceRow // owned by the team's members (Backstage user owners)
	Scorecards     []ScorecardColumn
	Parent         RefView
	Children       []RefView
}

// TeamRow is a card of teams/.
type TeamRow struct {
	Team        *Team
	Summary     template.HTML
	Services    int
	Members     int
	Parent      RefView
	Description template.HTML
}

// TeamsIndex is the data of teams/.
type TeamsIndex struct {
	Teams []TeamRow
}

// GraphPage is the data of services/graph/.
type GraphPage struct {
	Graph    *Graph
	Services int
	Edges    int
}

type pageSet struct {
	index, graph, teams *site.Page
	indexData           *ServicesIndex
	graphData           *GraphPage
	teamsData           *TeamsIndex
	service             map[string]*site.Page
	serviceData         map[string]*ServicePage
	team                map[string]*site.Page
	teamData            map[string]*TeamPage
}

// addPages registers entities and pages; their data is filled in by
// RenderContent and Emit.
func (k *Kind) addPages(s *site.Site) {
	c := k.cat
	k.pages = nil
	if len(c.Services) == 0 && len(c.Teams) == 0 && len(c.Systems) == 0 {
		return
	}
	ps := &pageSet{service: map[string]*site.Page{}, serviceData: map[string]*ServicePage{}, team: map[string]*site.Page{}, teamData: map[string]*TeamPage{}}
	k.pages = ps
	for _, t := range c.Teams {
		s.AddEntity(&site.Entity{Kind: "team", ID: t.ID, Title: t.Name, Path: t.Path(), Pos: t.Pos})
		d := &TeamPage{Team: t}
		p := &site.Page{Path: t.Path(), Kind: "team", Title: t.Name, Template: "catalog/team.html", Data: d, Subject: t.Key(), Origin: t.Pos.Path}
		if t.Type != "" && t.Type != "team" {
			p.Badge = t.Type
		}
		ps.team[t.ID], ps.teamData[t.ID] = p, d
		s.AddPage(p)
	}
	for _, svc := range c.Services {
		badge := ""
		if svc.Lifecycle != "" && svc.Lifecycle != "production" {
			badge = svc.Lifecycle
		}
		s.AddEntity(&site.Entity{Kind: "service", ID: svc.ID, Title: svc.Name, Path: svc.Path(), Badge: badge, Pos: svc.Pos})
		d := &ServicePage{Service: svc}
		p := &site.Page{Path: svc.Path(), Kind: "service", Title: svc.Name, Template: "catalog/service.html", Data: d,
			Subject: svc.Key(), Badge: svc.Lifecycle, Tags: svc.Tags, Origin: svc.Pos.Path}
		if len(svc.DependsOn)+len(svc.Dependents)+len(svc.ExternalDeps) > 0 {
			p.Scripts = []string{chart.ScriptPath}
		}
		ps.service[svc.ID], ps.serviceData[svc.ID] = p, d
		s.AddPage(p)
	}
	for _, x := range c.Systems {
		if !x.External {
			s.AddEntity(&site.Entity{Kind: "system", ID: x.ID, Title: x.Name, Path: x.Path(), Pos: x.Pos})
		}
	}
	for _, u := range c.Users {
		if u.Path() != "" {
			s.AddEntity(&site.Entity{Kind: "user", ID: u.ID, Title: u.Name, Path: u.Path(), Pos: u.Pos})
		}
	}
	ps.indexData = &ServicesIndex{}
	ps.index = &site.Page{Path: ServicesPath, Kind: "catalog", Title: "Services", Template: "catalog/services.html", Data: ps.indexData, Weight: 30}
	s.AddPage(ps.index)
	ps.graphData = &GraphPage{}
	ps.graph = &site.Page{Path: GraphPath, Kind: "catalog", Title: "Service dependency graph", Template: "catalog/graph.html", Data: ps.graphData,
		Scripts: []string{chart.ScriptPath}, NoSearch: true}
	s.AddPage(ps.graph)
	ps.teamsData = &TeamsIndex{}
	ps.teams = &site.Page{Path: TeamsPath, Kind: "catalog", Title: "Teams", Template: "catalog/teams.html", Data: ps.teamsData, Weight: 31}
	s.AddPage(ps.teams)
	s.AddNav(&site.NavItem{Title: "Services", Path: ServicesPath, Weight: 30, Children: []*site.NavItem{{Title: "Dependency graph", Path: GraphPath}}})
	s.AddNav(&site.NavItem{Title: "Teams", Path: TeamsPath, Weight: 31})
}

// RenderContent implements site.ContentRenderer: descriptions are
// Markdown, so [[refs]] in them resolve and count as backlinks.
func (k *Kind) RenderContent(ctx context.Context, s *site.Site, md site.Markdown) error {
	ps := k.pages
	if ps == nil {
		return nil
	}
	for _, svc := range k.cat.Services {
		if svc.Description != "" {
			ps.serviceData[svc.ID].Description = md.Block(ps.service[svc.ID], svc.Description, svc.descPos)
		}
	}
	for _, t := range k.cat.Teams {
		if t.Description != "" {
			ps.teamData[t.ID].Description = md.Block(ps.team[t.ID], t.Description, t.descPos)
		}
	}
	for _, t := range k.cat.Teams {
		row := TeamRow{Team: t}
		if t.Description != "" {
			row.Summary = md.Inline(ps.teams, firstParagraph(t.Description), t.descPos)
		}
		ps.teamsData.Teams = append(ps.teamsData.Teams, row)
	}
	for _, x := range k.cat.Systems {
		v := SystemView{ID: x.ID, Anchor: x.Anchor(), Name: x.Name, External: x.External, Ref: x.Ref}
		if x.Description != "" {
			v.Description = md.Block(ps.index, x.Description, x.descPos)
		}
		ps.indexData.Systems = append(ps.indexData.Systems, v)
	}
	return nil
}

func firstParagraph(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

// Emit implements site.Emitter: page data that depends on scorecard levels
// (set by the scorecard kind's Link) is built here, with the graphs and
// catalog.json.
func (k *Kind) Emit(ctx context.Context, s *site.Site) error {
	ps := k.pages
	if ps == nil {
		return nil
	}
	c := k.cat
	cols := c.scorecardColumns()

	// services/
	idx := ps.indexData
	idx.Scorecards = cols
	teamTokens := map[string]string{}
	tiers := map[string]bool{}
	lifecycles := map[string]bool{}
	for _, svc := range c.Services {
		row := c.serviceRow(svc)
		idx.Rows = append(idx.Rows, row)
		for _, tok := range strings.Fields(row.FilterTeam) {
			if _, ok := teamTokens[tok]; !ok {
				teamTokens[tok] = c.ownerLabel(tok)
			}
		}
		tiers[row.FilterTier] = true
		lifecycles[lifecycleToken(svc.Lifecycle)] = true
	}
	idx.Teams = options(teamTokens)
	for _, t := range []string{"1", "2", "3", "none"} {
		if tiers[t] {
			label := "Tier " + t
			if t == "none" {
				label = "No tier"
			}
			idx.Tiers = append(idx.Tiers, Option{Value: t, Label: label})
		}
	}
	var lcs []string
	for lc := range lifecycles {
		lcs = append(lcs, lc)
	}
	sort.Slice(lcs, func(i, j int) bool { return lifecycleOrder(lcs[i]) < lifecycleOrder(lcs[j]) })
	for _, lc := range lcs {
		label := lc
		if lc == "none" {
			label = "No lifecycle"
		}
		idx.Lifecycles = append(idx.Lifecycles, Option{Value: lc, Label: label})
	}
	for i := range idx.Systems {
		x := c.System(idx.Systems[i].ID)
		idx.Systems[i].Owner = c.ownerRef(x.Owner)
		for _, id := range x.Services {
			idx.Systems[i].Services = append(idx.Systems[i].Services, c.serviceRef(c.Service(id)))
		}
	}

	// services/<id>/
	for _, svc := range c.Services {
		d := ps.serviceData[svc.ID]
		d.Owner = c.ownerRef(svc.Owner)
		d.OwnerUser = c.User(strings.TrimPrefix(svc.Owner, "user:"))
		if !strings.HasPrefix(svc.Owner, "user:") {
			d.OwnerUser = nil
		}
		if t := c.OwnerTeam(svc); t != nil {
			d.Team = t
			d.TeamRef = RefView{Name: t.Name, Path: t.Path(), Kind: "team"}
		}
		if x := c.System(svc.System); x != nil {
			d.System = c.systemRef(x)
		}
		d.SLOs = sloViews(svc.SLOs)
		for _, id := range svc.DependsOn {
			d.Dependencies = append(d.Dependencies, c.serviceRef(c.Service(id)))
		}
		for _, id := range svc.Dependents {
			d.Dependents = append(d.Dependents, c.serviceRef(c.Service(id)))
		}
		d.External, d.Provides, d.Consumes = svc.ExternalDeps, svc.ProvidesAPIs, svc.ConsumesAPIs
		d.Levels = c.levels(svc)
		ps.service[svc.ID].Words = serviceWords(d)
	}
	// Each service page with a graph shows its neighbourhood, drawn when
	// the page is rendered.
	cats := append(c.categories(), externalCategory)
	for _, svc := range c.Services {
		if p := ps.service[svc.ID]; len(p.Scripts) > 0 {
			ps.serviceData[svc.ID].Graph = c.neighbourhood(svc, p.Path, cats)
		}
	}

	// teams/ and teams/<id>/
	for i := range ps.teamsData.Teams {
		row := &ps.teamsData.Teams[i]
		row.Services = len(c.ServicesOf(row.Team.ID))
		row.Members = len(row.Team.Members)
		row.Parent = c.teamRef(row.Team.Parent)
	}
	for _, t := range c.Teams {
		d := ps.teamData[t.ID]
		d.Scorecards = cols
		for _, m := range t.Members {
			mv := MemberView{Member: m}
			if m.User != "" {
				mv.Anchor = "user-" + m.User
			}
			d.Members = append(d.Members, mv)
		}
		for _, svc := range c.ServicesOf(t.ID) {
			d.Services = append(d.Services, c.serviceRow(svc))
		}
		for _, m := range t.Members {
			if m.User == "" {
				continue
			}
			for _, svc := range c.ServicesOf("user:" + m.User) {
				d.MemberServices = append(d.MemberServices, c.serviceRow(svc))
			}
		}
		d.Parent = c.teamRef(t.Parent)
		for _, ch := range t.Children {
			d.Children = append(d.Children, c.teamRef(ch))
		}
		ps.team[t.ID].Words = teamWords(t)
	}

	// services/graph/
	g := c.fullGraph(ps.graph.Path)
	ps.graphData.Graph, ps.graphData.Services, ps.graphData.Edges = g, len(c.Services), len(g.chart.Edges)

	return k.emitJSON(s)
}

// serviceWords is what a service's page shows besides its title, tags
// and lifecycle (which the index has from the page), for search: the
// description, the owner and the team to reach with its on-call rotation,
// the tier, the language, the SLOs' names and the links' titles.
func serviceWords(d *ServicePage) string {
	var b strings.Builder
	svc := d.Service
	site.AddWords(&b, svc.Description, d.Owner.Name)
	if t := d.Team; t != nil {
		if t.Name != d.Owner.Name {
			site.AddWords(&b, t.Name)
		}
		if t.OnCall != nil {
			site.AddWords(&b, t.OnCall.Rotation)
		}
	}
	if svc.Tier != 0 {
		site.AddWords(&b, "Tier "+strconv.Itoa(svc.Tier))
	}
	site.AddWords(&b, svc.Language)
	for _, slo := range d.SLOs {
		site.AddWords(&b, slo.Name)
	}
	for _, list := range [][]Link{svc.Dashboards, svc.Links} {
		for _, l := range list {
			site.AddWords(&b, l.Title)
		}
	}
	return b.String()
}

// teamWords is what a team's page shows besides its title, for search:
// the description, the lead, the members' names and roles, the on-call
// rotation and the links' titles.
func teamWords(t *Team) string {
	var b strings.Builder
	site.AddWords(&b, t.Description, t.Lead)
	for _, m := range t.Members {
		site.AddWords(&b, m.Name, m.Role)
	}
	if t.OnCall != nil {
		site.AddWords(&b, t.OnCall.Rotation)
	}
	for _, l := range t.Links {
		site.AddWords(&b, l.Title)
	}
	return b.String()
}

func options(tokens map[string]string) []Option {
	var out []Option
	for v, l := range tokens {
		out = append(out, Option{Value: v, Label: l})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Value == "none") != (out[j].Value == "none") {
			return out[j].Value == "none"
		}
		return strings.ToLower(out[i].Label) < strings.ToLower(out[j].Label)
	})
	return out
}

func lifecycleToken(lc string) string {
	if lc == "" {
		return "none"
	}
	return lc
}

func lifecycleOrder(lc string) string {
	switch lc {
	case "production":
		return "0"
	case "experimental":
		return "1"
	case "deprecated":
		return "2"
	case "none":
		return "9"
	}
	return "5" + lc
}

func (c *Catalog) scorecardColumns() []ScorecardColumn {
	var cols []ScorecardColumn
	for _, sc := range c.Scorecards {
		col := ScorecardColumn{ID: sc.ID, Name: sc.Name, Path: sc.Path()}
		// Offer only the levels some service is at: a filter that can only
		// empty the table helps no one.
		reached, none := map[string]bool{}, false
		for _, svc := range c.Services {
			switch lvl, ok := svc.Levels[sc.ID]; {
			case !ok:
			case lvl == "":
				none = true
			default:
				reached[lvl] = true
			}
		}
		for i := len(sc.Levels) - 1; i >= 0; i-- {
			if reached[sc.Levels[i]] {
				col.Options = append(col.Options, Option{Value: sc.ID + "=" + sc.Levels[i], Label: sc.Levels[i]})
			}
		}
		if none {
			col.Options = append(col.Options, Option{Value: sc.ID + "=none", Label: "no level"})
		}
		cols = append(cols, col)
	}
	return cols
}

func (c *Catalog) levels(svc *Service) []LevelCell {
	var out []LevelCell
	for _, sc := range c.Scorecards {
		lvl, ok := svc.Levels[sc.ID]
		out = append(out, LevelCell{Scorecard: sc.ID, Name: sc.Name, Path: sc.Path(), Level: lvl, Evaluated: ok})
	}
	return out
}

func (c *Catalog) serviceRef(svc *Service) ServiceRef {
	return ServiceRef{ID: svc.ID, Name: svc.Name, Path: svc.Path(), Tier: svc.Tier, Lifecycle: svc.Lifecycle, Owner: c.ownerRef(svc.Owner)}
}

func (c *Catalog) serviceRow(svc *Service) ServiceRow {
	row := ServiceRow{ServiceRef: c.serviceRef(svc), Levels: c.levels(svc)}
	if x := c.System(svc.System); x != nil {
		row.System = c.systemRef(x)
	}
	tokens := []string{"none"}
	if svc.Owner != "" {
		tokens = []string{svc.Owner}
	}
	if t := c.OwnerTeam(svc); t != nil {
		row.OnCall.Team = RefView{Name: t.Name, Path: t.Path(), Kind: "team"}
		if t.OnCall != nil {
			row.OnCall.Rotation, row.OnCall.Current, row.OnCall.Schedule = t.OnCall.Rotation, t.OnCall.Current, t.OnCall.Schedule
		}
		if t.ID != svc.Owner {
			tokens = append(tokens, t.ID)
		}
	}
	row.FilterTeam = strings.Join(tokens, " ")
	row.FilterTier = "none"
	if svc.Tier > 0 {
		row.FilterTier = fmt.Sprint(svc.Tier)
	}
	var lv []string
	for _, l := range row.Levels {
		if !l.Evaluated {
			continue
		}
		v := l.Level
		if v == "" {
			v = "none"
		}
		lv = append(lv, l.Scorecard+"="+v)
	}
	row.FilterLevel = strings.Join(lv, " ")
	return row
}

// ownerLabel names a filter token: a team id, a user ref, an external
// ref or "none".
func (c *Catalog) ownerLabel(tok string) string {
	if tok == "none" {
		return "No owner"
	}
	r := c.ownerRef(tok)
	switch {
	case r.Kind == "user":
		return r.Name + " (user)"
	case r.External:
		return r.Name + " (external)"
	}
	return r.Name
}

// ownerRef shows an owner: a team, a user, or an external reference.
func (c *Catalog) ownerRef(owner string) RefView {
	if owner == "" {
		return RefView{}
	}
	if t := c.Team(owner); t != nil {
		return RefView{Name: t.Name, Path: t.Path(), Kind: "team"}
	}
	if strings.HasPrefix(owner, "user:") {
		if u := c.User(owner); u != nil {
			return RefView{Name: u.Name, Path: u.Path(), Kind: "user", Ref: u.Ref}
		}
	}
	return RefView{Name: owner, Kind: "external", External: true, Ref: owner}
}

// teamRef shows a parent or child group.
func (c *Catalog) teamRef(id string) RefView {
	if id == "" {
		return RefView{}
	}
	if t := c.Team(id); t != nil {
		return RefView{Name: t.Name, Path: t.Path(), Kind: "team"}
	}
	return RefView{Name: id, Kind: "external", External: true, Ref: id}
}

func (c *Catalog) systemRef(x *System) RefView {
	r := RefView{Name: x.Name, Path: x.Path(), Kind: "system", External: x.External, Ref: x.Ref}
	return r
}

func sloViews(s SLOs) []SLOView {
	var out []SLOView
	if s.Availability != nil {
		out = append(out, SLOView{"Availability", formatFloat(*s.Availability) + " %"})
	}
	if s.LatencyP95Ms != nil {
		out = append(out, SLOView{"p95 latency", formatFloat(*s.LatencyP95Ms) + " ms"})
	}
	if s.ErrorRate != nil {
		out = append(out, SLOView{"Error rate", formatFloat(*s.ErrorRate) + " %"})
	}
	return out
}

// category is the graph colour of a service: its owning team.
func (c *Catalog) category(svc *Service) string {
	if t := c.OwnerTeam(svc); t != nil {
		return t.Name
	}
	if svc.Owner == "" {
		return "no owner"
	}
	return c.ownerRef(svc.Owner).Name
}

func (c *Catalog) categories() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range c.Teams {
		if len(c.ServicesOf(t.ID)) > 0 && !seen[t.Name] {
			seen[t.Name] = true
			out = append(out, t.Name)
		}
	}
	var rest []string
	for _, svc := range c.Services {
		if cat := c.category(svc); !seen[cat] {
			seen[cat] = true
			rest = append(rest, cat)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

const externalCategory = "outside the handbook"

// Graph is a dependency graph, drawn when a page that shows it is
// rendered: a build that keeps that page's file from the last one, as
// most builds of a large catalog do, draws nothing.
type Graph struct {
	chart chart.Graph
	what  string // for errors: "dependency graph", "graph of payments-api"
}

// HTML draws the graph. Templates call it as {{.HTML}}.
func (g *Graph) HTML() (template.HTML, error) {
	h, err := g.chart.Render()
	if err != nil {
		// Failing the page's template stops the build.
		return "", fmt.Errorf("catalog: %s: %w", g.what, err)
	}
	return h, nil
}

// fullGraph is every service and its dependencies.
func (c *Catalog) fullGraph(from string) *Graph {
	g := chart.Graph{ID: chart.ID("catalog", "dependencies"), Title: "Service dependencies", Categories: c.categories()}
	ext := map[string]bool{}
	for _, svc := range c.Services {
		g.Nodes = append(g.Nodes, chart.Node{ID: svc.ID, Name: svc.Name, Category: c.category(svc), URL: site.RelURL(from, svc.Path())})
		for _, d := range svc.DependsOn {
			g.Edges = append(g.Edges, chart.Edge{From: svc.ID, To: d})
		}
		for _, d := range svc.ExternalDeps {
			ext[d] = true
			g.Edges = append(g.Edges, chart.Edge{From: svc.ID, To: d})
		}
	}
	g.Nodes = append(g.Nodes, externalNodes(ext)...)
	if len(ext) > 0 {
		g.Categories = append(g.Categories, externalCategory)
	}
	return &Graph{chart: g, what: "dependency graph"}
}

func externalNodes(ext map[string]bool) []chart.Node {
	var refs []string
	for r := range ext {
		refs = append(refs, r)
	}
	sort.Strings(refs)
	var out []chart.Node
	for _, r := range refs {
		out = append(out, chart.Node{ID: r, Name: r, Category: externalCategory})
	}
	return out
}

// neighbourhood is svc, the services it depends on and those that
// depend on it. cats is every category in order (categories, then the
// external one), worked out once for all services.
func (c *Catalog) neighbourhood(svc *Service, from string, cats []string) *Graph {
	g := chart.Graph{ID: chart.ID("service", svc.ID, "neighbourhood"), Title: svc.Name + " and its neighbours"}
	in := map[string]bool{svc.ID: true}
	ids := []string{svc.ID}
	for _, id := range append(append([]string(nil), svc.DependsOn...), svc.Dependents...) {
		if !in[id] {
			in[id] = true
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		x := c.Service(id)
		node := chart.Node{ID: x.ID, Name: x.Name, Category: c.category(x), URL: site.RelURL(from, x.Path())}
		if x == svc {
			node.Size = 36
			node.URL = ""
		}
		g.Nodes = append(g.Nodes, node)
	}
	for _, id := range ids {
		for _, d := range c.Service(id).DependsOn {
			if in[d] && (id == svc.ID || d == svc.ID) {
				g.Edges = append(g.Edges, chart.Edge{From: id, To: d})
			}
		}
	}
	ext := map[string]bool{}
	for _, d := range svc.ExternalDeps {
		ext[d] = true
		g.Edges = append(g.Edges, chart.Edge{From: svc.ID, To: d})
	}
	g.Nodes = append(g.Nodes, externalNodes(ext)...)
	shown := map[string]bool{}
	for _, n := range g.Nodes {
		shown[n.Category] = true
	}
	for _, cat := range cats {
		if shown[cat] {
			g.Categories = append(g.Categories, cat)
		}
	}
	return &Graph{chart: g, what: "graph of " + svc.ID}
}
