package kpi

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/almanac-handbook/almanac/generator/chart"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// ---------------------------------------------------------------- shared views

// TrendView is a change since the previous period, ready for a template.
type TrendView struct {
	Arrow   string // ↑ ↓ →
	Text    string // "+1.2%"
	Verdict string // better, worse, same: a CSS class
	Title   string // "better than 2026-09 (97.1%)"
}

// ReadingView is a latest value with its target and status.
type ReadingView struct {
	Who         string // "Org", a team or service name
	Path        string // site-relative page of Who ("" for none)
	KPI         *KPI
	Value       string // "—" when none
	Period      string
	Target      string // "—" when none
	TargetFrom  string // "SLO", "tier 1", "default"
	Status      Status
	StatusLabel string
	Trend       *TrendView
	Note        string
	Spark       template.HTML
	HasValue    bool
}

func trendView(k *KPI, r Reading, prev float64) *TrendView {
	if r.Trend == nil {
		return nil
	}
	t := r.Trend
	verdict := map[string]string{"better": "better than", "worse": "worse than", "same": "the same as"}[t.Verdict]
	return &TrendView{Arrow: t.Arrow, Text: t.Label(k.Unit), Verdict: t.Verdict,
		Title: fmt.Sprintf("%s %s (%s)", verdict, t.Since, k.Format(prev))}
}

func (m *Model) readingView(k *KPI, scope, id, who, path string) ReadingView {
	rv := ReadingView{Who: who, Path: path, KPI: k, Value: "—", Target: "—", StatusLabel: StatusNone.Label()}
	if g, ok := m.Goal(k.ID, scope, id); ok {
		rv.Target, rv.TargetFrom = k.Format(g.Target), g.Source
	}
	r, ok := m.Reading(k.ID, scope, id)
	if !ok {
		rv.StatusLabel = "no data"
		return rv
	}
	rv.HasValue = true
	rv.Value, rv.Period, rv.Note = k.Format(r.Value), r.Period.String(), r.Note
	rv.Status, rv.StatusLabel = r.Status, r.Status.Label()
	if r.Trend != nil {
		prev := r.Value - r.Trend.Delta
		if v, ok := m.number(k.ID, scope, id, r.Trend.Since); ok {
			prev = v
		}
		rv.Trend = trendView(k, r, prev)
	}
	return rv
}

// who returns the display name and page of a scope.
func who(cat *catalog.Catalog, scope, id string) (string, string) {
	switch scope {
	case ScopeOrg:
		return "Org", ""
	case ScopeTeam:
		if t := cat.Team(id); t != nil {
			if t.Name != "" {
				return t.Name, t.Path()
			}
			return t.ID, t.Path()
		}
	case ScopeService:
		if sv := cat.Service(id); sv != nil {
			if sv.Name != "" {
				return sv.Name, sv.Path()
			}
			return sv.ID, sv.Path()
		}
	}
	return id, ""
}

func labels(periods []Period) []string {
	out := make([]string, len(periods))
	for i, p := range periods {
		out[i] = p.String()
	}
	return out
}

func (m *Model) sparkline(k *KPI, scope, id string) template.HTML {
	axis := m.Axis(k.ID)
	if len(axis) == 0 {
		return ""
	}
	vals, _ := m.Series(k.ID, scope, id, axis)
	n := 0
	for _, v := range vals {
		if v != nil {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	name, _ := who(m.catalog(), scope, id)
	title := fmt.Sprintf("%s, %s, %s to %s", k.Title(), name, axis[0], axis[len(axis)-1])
	return chart.Sparkline(vals, 0, 0, title)
}

// chartFor prepares a line chart of kpi for the given scopes with target
// as a dashed line, or returns nil when there is nothing to draw. The
// chart's data is checked now, and a failure reported at the KPI's
// position, so that diagnostics (and which pages load echarts) do not
// depend on which pages get rendered; the chart is drawn when a page
// shows it.
func (m *Model) chartFor(s *site.Site, k *KPI, id, title string, axis []Period, reporters []Reporter, target *float64, targetLabel string) *lazyChart {
	if len(axis) == 0 || len(reporters) == 0 {
		return nil
	}
	cat := m.catalog()
	l := chart.Line{ID: id, Title: title, Unit: k.UnitLabel(), Labels: labels(axis), Target: target, TargetLabel: targetLabel}
	any := false
	for _, r := range reporters {
		vals, notes := m.Series(k.ID, r.Scope, r.ID, axis)
		for _, v := range vals {
			if v != nil {
				any = true
			}
		}
		name, _ := who(cat, r.Scope, r.ID)
		l.Series = append(l.Series, chart.Series{Name: name, Values: vals, Notes: notes})
	}
	if !any {
		return nil
	}
	if err := l.Check(); err != nil {
		s.Diags.Errorf(k.Pos, "kpi-chart", "cannot draw the chart of KPI %q: %v", k.ID, err)
		return nil
	}
	return &lazyChart{kpiID: k.ID, line: l}
}

// lazyChart is a checked line chart, drawn each time a page shows it.
// Drawing (building the echarts options, marshalling them, running the
// block template) is most of the KPI kind's cost, and a warm rebuild does
// not render the pages whose key is unchanged, so their charts are never
// drawn. Each chart is shown on one page, so keeping the drawn HTML would
// only hold every chart in memory until the build ends (tens of MB in a
// large catalog); the data it is drawn from is a fraction of that.
type lazyChart struct {
	kpiID string
	line  chart.Line
	draws atomic.Int32 // how many times it was drawn, for tests
}

func (c *lazyChart) render() (template.HTML, error) {
	c.draws.Add(1)
	html, err := c.line.Render()
	if err != nil {
		// Unexpected: chartFor checked the data. Failing the page's
		// template stops the build, as the error diagnostic did.
		return "", fmt.Errorf("cannot draw the chart of KPI %q: %w", c.kpiID, err)
	}
	return html, nil
}

func targetLabel(g Goal, k *KPI) string {
	if g.Source != "default" {
		return "Target (" + g.Source + ")"
	}
	return "Target"
}

// ---------------------------------------------------------------- kpis/

// IndexData is the data of kpis/.
type IndexData struct {
	Groups  []Group
	Latest  string // the latest period a KPI is charted over
	Periods int    // number of snapshots
}

// Group is one balanced-scorecard category.
type Group struct {
	ID, Title string
	Rows      []Row
}

// Row is one KPI on the scorecard.
type Row struct {
	ReadingView
	Path      string // the KPI's page
	Unit      string
	Direction string
	// Breakdown counts the latest statuses of the teams and services that
	// report the KPI: "3 met", "1 at risk"...
	Breakdown []Count
	Reporters string // "org", "4 teams", "11 services"
}

// Count is a number of readings with one status.
type Count struct {
	Status Status
	Label  string
	N      int
}

// CategoryTitle capitalises a category id.
func CategoryTitle(c string) string {
	if c == "" {
		return "Other"
	}
	return strings.ToUpper(c[:1]) + c[1:]
}

func directionText(k *KPI) string {
	if k.Lower() {
		return "lower is better"
	}
	return "higher is better"
}

func (k *Kind) indexData(s *site.Site) *IndexData {
	m := k.model
	d := &IndexData{Periods: len(m.Periods)}
	var latest Period
	for _, kp := range m.KPIs {
		if a := m.axis([]string{kp.ID}); len(a) > 0 && (latest.IsZero() || latest.Before(a[len(a)-1])) {
			latest = a[len(a)-1]
		}
	}
	d.Latest = latest.String()
	groups := map[string]*Group{}
	order := append([]string(nil), Categories...)
	for _, kp := range m.KPIs {
		c := kp.Category
		if !contains(Categories, c) {
			c = "other"
			if !contains(order, c) {
				order = append(order, c)
			}
		}
		g := groups[c]
		if g == nil {
			g = &Group{ID: c, Title: CategoryTitle(c)}
			groups[c] = g
		}
		g.Rows = append(g.Rows, k.row(s, kp))
	}
	for _, c := range order {
		if g := groups[c]; g != nil {
			d.Groups = append(d.Groups, *g)
		}
	}
	return d
}

func (k *Kind) row(s *site.Site, kp *KPI) Row {
	m := k.model
	r := Row{ReadingView: m.readingView(kp, ScopeOrg, "", "Org", ""), Path: kp.Path(), Unit: kp.UnitLabel(), Direction: directionText(kp)}
	if r.Target == "—" && kp.Target.Set {
		r.Target = kp.Target.Describe(kp.Unit)
	}
	r.Spark = m.sparkline(kp, ScopeOrg, "")
	counts := map[Status]int{}
	teams, services := 0, 0
	for _, rep := range m.Reporters(kp.ID) {
		switch rep.Scope {
		case ScopeTeam:
			teams++
		case ScopeService:
			services++
		default:
			continue
		}
		if rd, ok := m.Reading(kp.ID, rep.Scope, rep.ID); ok {
			counts[rd.Status]++
		}
	}
	for _, st := range []Status{StatusMet, StatusAtRisk, StatusMissed, StatusNone} {
		if n := counts[st]; n > 0 {
			r.Breakdown = append(r.Breakdown, Count{Status: st, Label: st.Label(), N: n})
		}
	}
	var parts []string
	if reps := m.Reporters(kp.ID); len(reps) > 0 && reps[0].Scope == ScopeOrg {
		parts = append(parts, "org")
	}
	if teams > 0 {
		parts = append(parts, plural(teams, "team", "teams"))
	}
	if services > 0 {
		parts = append(parts, plural(services, "service", "services"))
	}
	r.Reporters = strings.Join(parts, ", ")
	return r
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------- kpis/<id>/

// KPIPage is the data of kpis/<id>/.
type KPIPage struct {
	KPI       *KPI
	Category  string
	Unit      string
	Direction string
	Target    string
	Warn      string
	Frequency string
	Scope     string
	DoraKey   string // the DORA key this KPI holds, if any
	Latest    []ReadingView
	Charts    []ChartView
	HasChart  bool
	Table     ValuesTable
	Notes     []NoteView
}

// ChartView is a titled chart.
type ChartView struct {
	Title string
	chart *lazyChart
}

// HTML returns the chart's element, options and data table, drawing the
// chart on the first call. Templates call it as {{.HTML}}.
func (v ChartView) HTML() (template.HTML, error) { return v.chart.render() }

// ValuesTable holds every value of a KPI: a row per reporter, a column
// per period.
type ValuesTable struct {
	Periods []string
	Rows    []ValuesRow
}

// ValuesRow is one reporter's values.
type ValuesRow struct {
	Who, Path, Target string
	Cells             []ValueCell
}

// ValueCell is one value; Gap when missing.
type ValueCell struct {
	Text   string
	Status Status
	Gap    bool
	Note   string
}

// NoteView is an annotation on a value.
type NoteView struct {
	Period, Who, Text string
	at                int // index of the period on the axis
}

func (k *Kind) kpiData(s *site.Site, kp *KPI) *KPIPage {
	m := k.model
	cat := m.catalog()
	d := &KPIPage{KPI: kp, Category: CategoryTitle(kp.Category), Unit: kp.Unit, Direction: directionText(kp),
		Target: kp.Target.Describe(kp.Unit), Warn: kp.Warn.Describe(kp.Unit), Frequency: kp.Frequency, Scope: kp.Scope}
	if d.Target == "" {
		d.Target = "—"
	}
	for _, key := range m.Dora.Keys() {
		if key.KPI == kp.ID {
			d.DoraKey = key.Name
		}
	}
	reps := m.Reporters(kp.ID)
	axis := m.Axis(kp.ID)

	var orgTeams []Reporter
	byTarget := map[string][]Reporter{}
	goals := map[string]*Goal{}
	var targetKeys []string
	for _, r := range reps {
		name, path := who(cat, r.Scope, r.ID)
		d.Latest = append(d.Latest, m.readingView(kp, r.Scope, r.ID, name, path))
		if r.Scope != ScopeService {
			orgTeams = append(orgTeams, r)
			continue
		}
		key := "none"
		var gp *Goal
		if g, ok := m.Goal(kp.ID, r.Scope, r.ID); ok {
			key = fmt.Sprintf("%020.6f", g.Target)
			gp = &g
		}
		if _, ok := byTarget[key]; !ok {
			targetKeys = append(targetKeys, key)
			goals[key] = gp
		}
		byTarget[key] = append(byTarget[key], r)
	}
	if len(orgTeams) > 0 {
		var target *float64
		label := ""
		if g, ok := m.Goal(kp.ID, ScopeOrg, ""); ok {
			target, label = &g.Target, targetLabel(g, kp)
		}
		title := kp.Title() + ": org and teams"
		if orgTeams[0].Scope != ScopeOrg {
			title = kp.Title() + ": teams"
		} else if len(orgTeams) == 1 {
			title = kp.Title() + ": org"
		}
		if c := m.chartFor(s, kp, chart.ID("kpi", kp.ID, "org"), title, axis, orgTeams, target, label); c != nil {
			d.Charts = append(d.Charts, ChartView{Title: title, chart: c})
		}
	}
	// Services are grouped by their effective target, so each chart's
	// target line is right for every line on it.
	sort.Strings(targetKeys)
	for i, key := range targetKeys {
		g := goals[key]
		title := kp.Title() + ": services"
		var target *float64
		label := ""
		if g != nil {
			target, label = &g.Target, targetLabel(*g, kp)
			for _, r := range byTarget[key] { // sources differ: say just "Target"
				if og, _ := m.Goal(kp.ID, r.Scope, r.ID); og.Source != g.Source {
					label = "Target"
				}
			}
			if len(targetKeys) > 1 {
				title += ", target " + kp.Format(g.Target)
			}
		} else if len(targetKeys) > 1 {
			title += " without a target"
		}
		if c := m.chartFor(s, kp, chart.ID("kpi", kp.ID, "services", itoa(i+1)), title, axis, byTarget[key], target, label); c != nil {
			d.Charts = append(d.Charts, ChartView{Title: title, chart: c})
		}
	}
	d.HasChart = len(d.Charts) > 0

	d.Table.Periods = labels(axis)
	for _, r := range reps {
		name, path := who(cat, r.Scope, r.ID)
		row := ValuesRow{Who: name, Path: path, Target: "—"}
		g, hasGoal := m.Goal(kp.ID, r.Scope, r.ID)
		if hasGoal {
			row.Target = kp.Format(g.Target)
		}
		for at, p := range axis {
			v := m.Value(kp.ID, r.Scope, r.ID, p)
			c := ValueCell{Gap: true}
			if v != nil && v.V != nil {
				c = ValueCell{Text: kp.Format(*v.V)}
				if hasGoal {
					c.Status = g.Judge(*v.V)
				}
			}
			if v != nil && v.Note != "" {
				c.Note = v.Note
				d.Notes = append(d.Notes, NoteView{Period: p.String(), Who: name, Text: v.Note, at: at})
			}
			row.Cells = append(row.Cells, c)
		}
		d.Table.Rows = append(d.Table.Rows, row)
	}
	sort.SliceStable(d.Notes, func(i, j int) bool { return d.Notes[i].at < d.Notes[j].at })
	return d
}
