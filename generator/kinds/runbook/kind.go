package runbook

import (
	"context"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Kind is the runbook content kind.
type Kind struct{}

// New returns the runbook kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (*Kind) Name() string { return Name }

// IndexPath is the site-relative path of the runbook index.
const IndexPath = "runbooks/"

// Load implements site.Kind.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	cfg := DefaultConfig()
	s.Config.Section("runbooks", &cfg, s.Diags)
	dir := strings.Trim(path.Clean("/"+strings.TrimSpace(cfg.Dir)), "/")
	if dir == "" {
		s.Diags.Errorf(site.Pos{Path: site.ConfigFile, Line: cfg.Pos.Line, Col: cfg.Pos.Col}, "config", "runbooks.dir must name a folder inside content/, such as \"runbooks\"")
		dir = "runbooks"
	}
	if cfg.ReviewEvery <= 0 {
		s.Diags.Errorf(site.Pos{Path: site.ConfigFile, Line: cfg.Pos.Line, Col: cfg.Pos.Col}, "config", "runbooks.review_every must be a number of days above 0, not %d", cfg.ReviewEvery)
		cfg.ReviewEvery = DefaultConfig().ReviewEvery
	}
	m := &Model{Config: cfg, byID: map[string]*Runbook{}, byAlert: map[string][]*Runbook{}}
	s.SetModel(Name, m)
	var files []*site.SourceFile
	for _, f := range s.Source.DocsUnder(dir) {
		if s.Source.ClaimedBy(f.Path) != "" || !s.Source.Claim(f.Path, Name) {
			continue
		}
		name := path.Base(f.Rel)
		switch {
		case isIndex(name):
			m.intro = append(m.intro, f)
		case isTemplate(name):
			m.templates = append(m.templates, f)
		default:
			files = append(files, f)
		}
	}
	// Each file parses on its own; the model is put together in file order.
	m.all = make([]*Runbook, len(files))
	if err := site.Parallel(ctx, len(files), func(i int) error {
		m.all[i] = m.parse(s, files[i])
		return nil
	}); err != nil {
		return err
	}
	if len(m.all) == 0 && len(m.intro) == 0 && len(m.templates) == 0 {
		return nil
	}
	// The README at the top of the folder introduces the index.
	sort.SliceStable(m.intro, func(i, j int) bool { return path.Dir(m.intro[i].Rel) == dir && path.Dir(m.intro[j].Rel) != dir })
	m.dir = dir
	for _, r := range m.all {
		if prev := m.byID[r.ID]; prev != nil {
			r.duplicate = true
			r.path = "runbooks/" + site.Slugify(strings.TrimSuffix(strings.TrimPrefix(r.Source.Rel, dir+"/"), path.Ext(r.Source.Rel))) + "/"
			s.Diags.Errorf(r.Pos, "runbook-duplicate-id", "duplicate runbook id %q: %s has the same file name as %s; rename one of them (runbook ids are file names)", r.ID, r.Source.Path, prev.Source.Path)
			continue
		}
		m.byID[r.ID] = r
		m.Runbooks = append(m.Runbooks, r)
	}
	sort.SliceStable(m.Runbooks, func(i, j int) bool { return m.Runbooks[i].ID < m.Runbooks[j].ID })
	m.byService, m.byOwner = map[string][]*Runbook{}, map[string][]*Runbook{}
	for _, r := range m.Runbooks {
		m.byService[r.Service] = append(m.byService[r.Service], r)
		if r.Owner != "" {
			m.byOwner[r.Owner] = append(m.byOwner[r.Owner], r)
		}
	}
	for _, r := range m.Runbooks {
		badge := ""
		if r.Stale {
			badge = "stale"
		}
		s.AddEntity(&site.Entity{Kind: Name, ID: r.ID, Title: r.Title, Path: r.Path(), Badge: badge, Pos: r.Pos})
	}
	m.addPages(s)
	return nil
}

// parse reads one runbook and runs the checks that need nothing else. It
// runs on several files at once, so it changes nothing but the runbook.
func (m *Model) parse(s *site.Site, f *site.SourceFile) *Runbook {
	name := path.Base(f.Rel)
	r := &Runbook{ID: strings.TrimSuffix(name, path.Ext(name)), Source: f, Pos: site.Pos{Path: f.Path, Line: 1, Col: 1}}
	if f.Front != nil {
		site.Decode(f.Path, f.Front, &r.fm, s.Diags)
		r.Pos = site.PosOf(f.Path, f.Front)
	}
	fm := &r.fm
	r.Title = strings.TrimSpace(fm.Title)
	if r.Title == "" {
		r.Title = Title(f.Body)
	}
	if r.Title == "" {
		r.Title = site.Humanize(r.ID)
		s.Diags.Warnf(r.Pos, "runbook-title", "runbook has no title; add title: to its front matter (using %q from the file name)", r.Title)
	}
	r.Service = strings.TrimSpace(fm.Service)
	if r.Service == "" {
		what := "its front matter"
		if f.Front == nil {
			what = "a front matter block (---) at the top of the file"
		}
		s.Diags.Errorf(r.Pos, "runbook-service", "runbook has no service; add service: <catalog service id> to %s", what)
	}
	seen := map[string]bool{}
	alertsNode := site.FrontValue(f.Front, "alerts")
	for i, a := range fm.Alerts {
		a = strings.TrimSpace(a)
		if a == "" || seen[a] {
			continue
		}
		seen[a] = true
		r.Alerts = append(r.Alerts, a)
		pos := f.FrontPos("alerts")
		if alertsNode != nil && alertsNode.Kind == yaml.SequenceNode && i < len(alertsNode.Content) {
			pos = site.PosOf(f.Path, alertsNode.Content[i])
		}
		r.alertPos = append(r.alertPos, pos)
	}
	if fm.Severity.Value != "" {
		sev, ok := NormalizeSeverity(fm.Severity.Value)
		if ok {
			r.Severity = sev
		} else {
			s.Diags.Errorf(site.Pos{Path: f.Path, Line: fm.Severity.Line, Col: fm.Severity.Col}, "runbook-severity",
				"unknown severity %q%s; use sev1 (worst), sev2, sev3 or sev4", fm.Severity.Value, site.DidYouMean(strings.ToLower(fm.Severity.Value), Severities))
		}
	}
	r.Owner = strings.TrimSpace(fm.Owner)
	r.ReviewEvery = m.Config.ReviewEvery
	if fm.ReviewEvery != nil {
		if *fm.ReviewEvery <= 0 {
			s.Diags.Errorf(f.FrontPos("review_every"), "runbook-review-every", "review_every must be a number of days above 0, not %d", *fm.ReviewEvery)
		} else {
			r.ReviewEvery = *fm.ReviewEvery
		}
	}
	today := dateOf(s.Now)
	r.LastReviewed = fm.LastReviewed
	switch {
	case r.LastReviewed.IsZero():
		r.NeverReviewed, r.Stale = true, true
		s.Diags.Warnf(r.Pos, "runbook-last-reviewed", "runbook has no last_reviewed date, so it counts as stale; add last_reviewed: YYYY-MM-DD after checking it still works")
	default:
		if r.LastReviewed.After(today.Time) {
			s.Diags.Warnf(f.FrontPos("last_reviewed"), "runbook-last-reviewed", "last_reviewed %s is in the future (today is %s); write the date the runbook was last checked", r.LastReviewed, today)
		}
		r.Due = site.Date{Time: r.LastReviewed.AddDate(0, 0, r.ReviewEvery)}
		if today.After(r.Due.Time) {
			r.Stale = true
			r.DaysOverdue = daysBetween(r.Due, today)
		}
	}
	var missing []string
	r.bodyFacts, missing = bodyFacts(m.Config, f.Body)
	if len(missing) > 0 {
		found := &site.Diagnostics{}
		found.SetOverrides(s.Config.Overrides())
		reportMissing(m.Config, f, missing, found)
		r.missing = found.List()
		for _, d := range r.missing {
			s.Diags.Add(d)
		}
	}
	return r
}

// reportMissing reports the recommended sections a runbook lacks: the
// findings its body facts cover.
func reportMissing(cfg Config, f *site.SourceFile, missing []string, diags *site.Diagnostics) {
	for _, sec := range missing {
		diags.Warnf(site.Pos{Path: f.Path, Line: f.BodyLine, Col: 1}, "runbook-section",
			"runbook has no %q section; add a \"## %s\" heading (recommended sections: %s; switch this off with runbooks.require_sections: false)",
			sec, sec, strings.Join(cfg.Sections, ", "))
	}
}

// bodyFacts sums up what the kind reads from a runbook's body: the title
// of its leading heading, which is the runbook's without one in the front
// matter, and the recommended sections it lacks, which are findings. It
// returns those sections too.
func bodyFacts(cfg Config, body []byte) (facts string, missing []string) {
	if cfg.RequireSections {
		missing = MissingSections(body, cfg.Sections)
	}
	return strconv.Quote(Title(body)) + " " + strconv.Quote(strings.Join(missing, "\n")), missing
}

// BodyFacts implements site.BodyFactsReader. The findings it returns are
// the missing sections, which the facts list; they lie on the body's first
// line, which a patch keeps.
func (*Kind) BodyFacts(cfg *site.Config, f *site.SourceFile) (facts string, bodyOffset int, findings []site.Diagnostic) {
	c := DefaultConfig()
	cfg.Section("runbooks", &c, &site.Diagnostics{})
	facts, missing := bodyFacts(c, f.Body)
	diags := &site.Diagnostics{}
	diags.SetOverrides(cfg.Overrides())
	reportMissing(c, f, missing, diags)
	return facts, 0, diags.List()
}

// dateOf is the calendar date of t, in t's own time zone.
func dateOf(t time.Time) site.Date {
	y, mo, d := t.Date()
	return site.Date{Time: time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)}
}

// addPages adds the index and one page per runbook.
func (m *Model) addPages(s *site.Site) {
	var intro *site.SourceFile
	title := "Runbooks"
	if len(m.intro) > 0 {
		intro = m.intro[0]
		if t := Title(intro.Body); t != "" {
			title = t
		}
		if n := site.FrontValue(intro.Front, "title"); n != nil && strings.TrimSpace(n.Value) != "" {
			title = strings.TrimSpace(n.Value)
		}
	}
	m.index = &site.Page{Path: IndexPath, Kind: Name, Title: title, Source: intro, Template: "runbook/index.html",
		Description: "What to do when an alert fires: every runbook by service, and which runbook answers which alert.", Data: &IndexData{}, SeesKind: Name}
	s.AddPage(m.index)
	s.AddNav(&site.NavItem{Title: title, Path: IndexPath, Weight: 45})
	for _, r := range m.all {
		badge := ""
		if r.Stale {
			badge = "stale"
		}
		// Other pages show a runbook's front matter and title; its body, on
		// its page alone. The page shows the runbooks that answer the same
		// alerts and the catalog's data.
		r.Page = &site.Page{Path: r.Path(), Kind: Name, Title: r.Title, Source: r.Source, Template: "runbook/page.html",
			Badge: badge, Date: r.LastReviewed, Data: &PageData{}, LocalBody: true, BodyFacts: r.bodyFacts, BodyFindings: r.missing, SeesKind: Name}
		s.AddPage(r.Page)
	}
	for i := 1; i < len(m.intro); i++ {
		// A second README (README.md and index.md side by side): keep it
		// reachable so links to it resolve.
		f := m.intro[i]
		name := strings.TrimPrefix(path.Dir(f.Rel), m.dir+"/")
		if path.Dir(f.Rel) == m.dir {
			name = strings.TrimSuffix(path.Base(f.Rel), path.Ext(f.Rel))
		}
		title := Title(f.Body)
		if title == "" {
			title = site.Humanize(name)
		}
		s.AddPage(&site.Page{Path: "runbooks/" + site.Slugify(name) + "/", Kind: Name,
			Title: title, Source: f, Template: "runbook/readme.html", Data: &TemplateData{}})
	}
	for _, f := range m.templates {
		name := path.Base(f.Rel)
		p := "runbooks/templates/" + site.Slugify(strings.TrimSuffix(name, path.Ext(name))) + "/"
		m.templatePages = append(m.templatePages, RefView{ID: name, Title: name, Path: p})
		s.AddPage(&site.Page{Path: p, Kind: Name,
			Title: "Runbook template: " + name, Source: f, NoBody: true, NoSearch: true, Template: "runbook/template.html",
			Data: &TemplateData{File: f.Path, Text: string(f.Body)}})
	}
}

// Link implements site.Linker: catalog checks, owner defaults, duplicate
// alerts and the page data.
func (k *Kind) Link(ctx context.Context, s *site.Site) error {
	m := Of(s)
	if m.index == nil {
		return nil
	}
	cat := catalog.Of(s)
	var serviceIDs, teamIDs []string
	for _, sv := range cat.Services {
		serviceIDs = append(serviceIDs, sv.ID)
	}
	for _, t := range cat.Teams {
		teamIDs = append(teamIDs, t.ID)
	}
	for _, r := range m.all {
		f := r.Source
		if r.Service != "" {
			sv := cat.Service(r.Service)
			_, isEntity := s.Entity("service", r.Service)
			if sv == nil && !isEntity && (len(cat.Services) > 0 || len(s.EntityIDs("service")) > 0) {
				cands := serviceIDs
				if len(cands) == 0 {
					cands = s.EntityIDs("service")
				}
				s.Diags.Errorf(f.FrontPos("service"), "runbook-service", "unknown service %q%s; service must be a catalog service id", r.Service, site.DidYouMean(r.Service, cands))
			}
			if r.Owner == "" && sv != nil {
				if t := cat.OwnerTeam(sv); t != nil {
					r.Owner = t.ID
				} else {
					r.Owner = sv.Owner
				}
				r.OwnerDefaulted = r.Owner != ""
			}
		}
		if r.Owner != "" && !r.OwnerDefaulted && len(cat.Teams) > 0 && cat.Team(r.Owner) == nil && cat.User(r.Owner) == nil {
			s.Diags.Errorf(f.FrontPos("owner"), "runbook-owner", "unknown team %q%s; owner must be a team id from the catalog (or leave it out to use the service's owner)", r.Owner, site.DidYouMean(r.Owner, teamIDs))
		}
	}
	// One alert, one runbook: on-call must know where to start.
	for _, r := range m.Runbooks {
		for _, a := range r.Alerts {
			m.byAlert[a] = append(m.byAlert[a], r)
		}
	}
	for _, r := range m.Runbooks {
		for i, a := range r.Alerts {
			list := m.byAlert[a]
			if len(list) < 2 || list[0] == r {
				continue
			}
			s.Diags.Warnf(r.alertPos[i], "runbook-alert-duplicate", "alert %q is answered by two runbooks, %s and %s; on-call needs one place to start: merge them, or keep the alert in one and link to the other",
				a, list[0].Source.Path, r.Source.Path)
		}
	}
	m.buildPages(s)
	return nil
}

// Contribute implements site.Contributor: a "Runbooks" section on service
// and team pages.
func (k *Kind) Contribute(s *site.Site, subject string) []site.Section {
	m := Of(s)
	if len(m.Runbooks) == 0 {
		return nil
	}
	kind, id, _ := strings.Cut(subject, ":")
	var list []*Runbook
	switch kind {
	case "service":
		list = m.ForService(id)
	case "team":
		var svc []string
		for _, sv := range catalog.Of(s).ServicesOf(id) {
			svc = append(svc, sv.ID)
		}
		list = m.ForTeam(id, svc)
	default:
		return nil
	}
	if len(list) == 0 {
		return nil
	}
	data := &ListData{ShowService: kind == "team"}
	for _, r := range list {
		data.Rows = append(data.Rows, m.row(s, r))
		if r.Stale {
			data.Stale++
		}
	}
	return []site.Section{{ID: "runbooks", Title: "Runbooks", Template: "runbook/_list.html", Data: data, Order: 30}}
}
