package runbook

import (
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// ServiceView is the service a runbook belongs to. Path is "" when the
// catalog does not know it.
type ServiceView struct {
	ID, Name, Path string
	Tier           int
	Dashboards     []catalog.Link
}

// TeamView is a runbook's owner. Path is "" when the catalog does not know
// the team.
type TeamView struct {
	ID, Name, Path, Channel string
	Defaulted               bool // taken from the service's owner
}

// OnCallView says how to reach the owner's on-call.
type OnCallView struct {
	Rotation, Schedule, Current string
	Escalation                  []catalog.EscalationLevel
}

// RefView is a runbook as lists show it.
type RefView struct {
	ID, Title, Path string
	Stale           bool
}

// AlertView is an alert a runbook answers, with the other runbooks that
// answer it too.
type AlertView struct {
	Name   string
	Anchor string // id of its row in the index's alert table
	Others []RefView
}

// PageData is the template data of a runbook page (runbook/page.html).
type PageData struct {
	Runbook       *Runbook
	Service       ServiceView
	Owner         TeamView
	OnCall        *OnCallView
	Alerts        []AlertView
	Severity      string
	LastReviewed  string
	ReviewEvery   int
	Due           string
	Stale         bool
	NeverReviewed bool
	DaysOverdue   int
	Today         string
}

// Row is a runbook in a list.
type Row struct {
	ID, Title, Path string
	Service         ServiceView
	Owner           TeamView
	Severity        string
	Alerts          []string
	LastReviewed    string
	Due             string
	Stale           bool
	NeverReviewed   bool
}

// ServiceGroup is the runbooks of one service on the index.
type ServiceGroup struct {
	Service ServiceView
	Owner   TeamView
	Rows    []Row
}

// AlertRow is one line of the alert → runbook lookup table.
type AlertRow struct {
	Alert    string
	Anchor   string
	Service  ServiceView // of the first runbook, or the catalog service declaring an unanswered alert
	Runbooks []RefView   // empty for a catalog alert no runbook answers
	Severity string
	Stale    bool
}

// IndexData is the template data of the runbook index (runbook/index.html).
type IndexData struct {
	Groups     []ServiceGroup // by service name
	Alerts     []AlertRow     // answered alerts, alphabetical
	Unanswered []AlertRow     // alerts the catalog declares that no runbook answers
	Total      int
	Stale      int
	Templates  []RefView
}

// ListData is the section contributed to service and team pages
// (runbook/_list.html).
type ListData struct {
	Rows        []Row
	Stale       int
	ShowService bool
}

// TemplateData is the data of a runbook template's page.
type TemplateData struct {
	File, Text string
}

// AlertAnchor is the id of an alert's row in the index: runbooks/#alert-<name>.
// Prometheus alert names ([a-zA-Z_:][a-zA-Z0-9_:]*) are kept as they are,
// so an alerting system can link straight to the row.
func AlertAnchor(alert string) string {
	var b strings.Builder
	b.WriteString("alert-")
	for _, r := range alert {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == ':' || r == '.' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

func serviceView(s *site.Site, id string) ServiceView {
	v := ServiceView{ID: id, Name: id}
	if id == "" {
		v.Name = "(no service)"
		return v
	}
	if sv := catalog.Of(s).Service(id); sv != nil {
		v.Path, v.Tier, v.Dashboards = sv.Path(), sv.Tier, sv.Dashboards
		if sv.Name != "" {
			v.Name = sv.Name
		}
	} else if e, ok := s.Entity("service", id); ok {
		v.Path = e.Path
		if e.Title != "" {
			v.Name = e.Title
		}
	}
	return v
}

func teamView(s *site.Site, id string, defaulted bool) TeamView {
	v := TeamView{ID: id, Name: id, Defaulted: defaulted}
	if id == "" {
		return v
	}
	cat := catalog.Of(s)
	if t := cat.Team(id); t != nil {
		v.Path, v.Channel = t.Path(), t.Channel
		if t.Name != "" {
			v.Name = t.Name
		}
	} else if u := cat.User(id); u != nil && u.Name != "" {
		v.Name = u.Name
	} else if e, ok := s.Entity("team", id); ok {
		v.Path = e.Path
		if e.Title != "" {
			v.Name = e.Title
		}
	}
	return v
}

func (m *Model) row(s *site.Site, r *Runbook) Row {
	return Row{ID: r.ID, Title: r.Title, Path: r.Path(), Service: serviceView(s, r.Service), Owner: teamView(s, r.Owner, r.OwnerDefaulted),
		Severity: r.Severity, Alerts: r.Alerts, LastReviewed: r.LastReviewed.String(), Due: r.Due.String(), Stale: r.Stale, NeverReviewed: r.NeverReviewed}
}

func refView(r *Runbook) RefView {
	return RefView{ID: r.ID, Title: r.Title, Path: r.Path(), Stale: r.Stale}
}

// buildPages fills every page's data.
func (m *Model) buildPages(s *site.Site) {
	cat := catalog.Of(s)
	today := dateOf(s.Now).String()
	for _, r := range m.all {
		d := r.Page.Data.(*PageData)
		*d = PageData{Runbook: r, Service: serviceView(s, r.Service), Owner: teamView(s, r.Owner, r.OwnerDefaulted),
			Severity: r.Severity, LastReviewed: r.LastReviewed.String(), ReviewEvery: r.ReviewEvery, Due: r.Due.String(),
			Stale: r.Stale, NeverReviewed: r.NeverReviewed, DaysOverdue: r.DaysOverdue, Today: today}
		if t := cat.Team(r.Owner); t != nil && t.OnCall != nil {
			d.OnCall = &OnCallView{Rotation: t.OnCall.Rotation, Schedule: t.OnCall.Schedule, Current: t.OnCall.Current, Escalation: t.OnCall.Escalation}
		}
		for _, a := range r.Alerts {
			av := AlertView{Name: a, Anchor: AlertAnchor(a)}
			for _, o := range m.byAlert[a] {
				if o != r {
					av.Others = append(av.Others, refView(o))
				}
			}
			d.Alerts = append(d.Alerts, av)
		}
	}

	idx := m.index.Data.(*IndexData)
	idx.Total = len(m.Runbooks)
	groups := map[string]*ServiceGroup{}
	for _, r := range m.Runbooks {
		if r.Stale {
			idx.Stale++
		}
		g := groups[r.Service]
		if g == nil {
			g = &ServiceGroup{Service: serviceView(s, r.Service)}
			if sv := cat.Service(r.Service); sv != nil {
				if t := cat.OwnerTeam(sv); t != nil {
					g.Owner = teamView(s, t.ID, false)
				} else if sv.Owner != "" {
					g.Owner = teamView(s, sv.Owner, false)
				}
			}
			groups[r.Service] = g
		}
		g.Rows = append(g.Rows, m.row(s, r))
	}
	for _, g := range groups {
		idx.Groups = append(idx.Groups, *g)
	}
	sort.Slice(idx.Groups, func(i, j int) bool {
		a, b := idx.Groups[i].Service, idx.Groups[j].Service
		if la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name); la != lb {
			return la < lb
		}
		return a.ID < b.ID
	})
	for _, a := range m.Alerts() {
		list := m.byAlert[a]
		row := AlertRow{Alert: a, Anchor: AlertAnchor(a), Service: serviceView(s, list[0].Service), Severity: list[0].Severity}
		for _, r := range list {
			row.Runbooks = append(row.Runbooks, refView(r))
			row.Stale = row.Stale || r.Stale
		}
		idx.Alerts = append(idx.Alerts, row)
	}
	for _, sv := range cat.Services {
		for _, a := range sv.Alerts {
			if len(m.byAlert[a]) == 0 {
				idx.Unanswered = append(idx.Unanswered, AlertRow{Alert: a, Anchor: AlertAnchor(a), Service: serviceView(s, sv.ID)})
			}
		}
	}
	sort.SliceStable(idx.Unanswered, func(i, j int) bool { return alertLess(idx.Unanswered[i].Alert, idx.Unanswered[j].Alert) })
	idx.Templates = m.templatePages
}
