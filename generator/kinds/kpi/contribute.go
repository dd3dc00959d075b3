package kpi

import (
	"context"

	"github.com/almanac-handbook/almanac/generator/chart"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Section orders on service and team pages.
const (
	orderSLO    = 40
	orderBudget = 41
	orderDora   = 42
	orderKPIs   = 45
)

// SLOSection is the data of kpi/_slo.html: a service's objectives against
// the latest values.
type SLOSection struct {
	Rows []SLORow
}

// SLORow is one objective.
type SLORow struct {
	Name string // "Availability"
	SLO  string // "99.95%"
	ReadingView
}

// BudgetSection is the data of kpi/_budget.html.
type BudgetSection struct {
	KPI     *KPI
	SLO     string
	Quarter *BudgetWindowView
	Periods []BudgetRow // newest first
}

// BudgetWindowView is the quarter's budget, formatted.
type BudgetWindowView struct {
	Label, Budget, Used, Remaining, Burn, Full string
	Reported, Periods                          int
	Status                                     Status
	StatusLabel                                string
	Partial                                    bool
}

// BudgetRow is one period's budget, formatted.
type BudgetRow struct {
	Period, Availability, Budget, Used, Remaining, Burn string
	Status                                              Status
	StatusLabel                                         string
	Gap                                                 bool
}

// KPISection is the data of kpi/_kpis.html: the latest readings and a
// chart per KPI.
type KPISection struct {
	Readings []ReadingView
	Charts   []ChartView
}

// DoraSection is the data of kpi/_dora.html for a team or service.
type DoraSection struct {
	Keys   []DoraKeyView
	Latest DoraRow
	Trend  []DoraRow // newest first, at most 6
	// Team and TeamPath name the owning team when a service page shows
	// its team's band because the service reports no DORA key itself.
	Team, TeamPath string
}

// ServicesSection is the data of kpi/_team_services.html: the SLO status
// and error budget of a team's services.
type ServicesSection struct {
	Rows []ServiceSLORow
}

// ServiceSLORow is one service of a team.
type ServiceSLORow struct {
	Name, Path  string
	SLOs        []SLORow
	Quarter     *BudgetWindowView
	QuarterFrom string
}

func minutes(v float64) string { return FormatNumber(roundTo(v, 1)) + " min" }

func roundTo(v float64, decimals int) float64 {
	p := 1.0
	for i := 0; i < decimals; i++ {
		p *= 10
	}
	if v < 0 {
		return -float64(int64(-v*p+0.5)) / p
	}
	return float64(int64(v*p+0.5)) / p
}

func burnText(b *float64) string {
	if b == nil {
		return "—"
	}
	return FormatNumber(roundTo(*b, 2)) + "×"
}

func windowView(w *BudgetWindow) *BudgetWindowView {
	if w == nil {
		return nil
	}
	v := &BudgetWindowView{Label: w.Label(), Budget: minutes(w.Budget), Used: minutes(w.Used), Remaining: minutes(w.Remaining()),
		Burn: burnText(w.Burn), Full: minutes(w.Full), Reported: w.Reported, Periods: w.Periods,
		Status: w.Status(), Partial: w.Reported < w.Periods}
	v.StatusLabel = budgetLabel(v.Status)
	return v
}

func budgetLabel(s Status) string {
	switch s {
	case StatusMet:
		return "within budget"
	case StatusMissed:
		return "over budget"
	}
	return "no data"
}

func (m *Model) sloRows(svc *catalog.Service) []SLORow {
	c := m.Config.SLOKPIs
	var out []SLORow
	for _, x := range []struct {
		name, kpi string
		v         *float64
		unit      string
	}{
		{"Availability", c.Availability, svc.SLOs.Availability, "percent"},
		{"Latency p95", c.LatencyP95Ms, svc.SLOs.LatencyP95Ms, "ms"},
		{"Error rate", c.ErrorRate, svc.SLOs.ErrorRate, "percent"},
	} {
		if x.v == nil {
			continue
		}
		kp := m.KPI(x.kpi)
		if kp == nil {
			continue // no KPI measures this objective
		}
		row := SLORow{Name: x.name, SLO: FormatValue(*x.v, x.unit)}
		row.ReadingView = m.readingView(kp, ScopeService, svc.ID, kp.Title(), kp.Path())
		out = append(out, row)
	}
	return out
}

func (m *Model) budgetSection(svc *catalog.Service) *BudgetSection {
	b := m.Budget(svc.ID)
	if b == nil || len(m.Periods) == 0 {
		return nil
	}
	sec := &BudgetSection{KPI: b.KPI, SLO: FormatValue(b.SLO, "percent"), Quarter: windowView(b.Quarter)}
	for i := len(b.Periods) - 1; i >= 0; i-- {
		p := b.Periods[i]
		row := BudgetRow{Period: p.Period.String(), Budget: minutes(p.BudgetMinutes), Availability: "—", Used: "—", Remaining: "—",
			Burn: burnText(p.Burn), Status: p.Status(), Gap: p.UsedMinutes == nil}
		row.StatusLabel = budgetLabel(row.Status)
		if p.UsedMinutes != nil {
			row.Availability = FormatValue(*p.Availability, "percent")
			row.Used, row.Remaining = minutes(*p.UsedMinutes), minutes(*p.Remaining)
		}
		sec.Periods = append(sec.Periods, row)
	}
	return sec
}

// kpiSection builds the readings and charts of every KPI reported for
// scope and id; chartKey prefixes the chart ids.
func (m *Model) kpiSection(s *site.Site, scope, id, chartKey string) *KPISection {
	kpis := m.KPIsFor(scope, id)
	if len(kpis) == 0 {
		return nil
	}
	cat := m.catalog()
	name, _ := who(cat, scope, id)
	sec := &KPISection{}
	for _, kp := range kpis {
		rv := m.readingView(kp, scope, id, kp.Title(), kp.Path())
		rv.Spark = m.sparkline(kp, scope, id)
		sec.Readings = append(sec.Readings, rv)
		var target *float64
		label := ""
		if g, ok := m.Goal(kp.ID, scope, id); ok {
			target, label = &g.Target, targetLabel(g, kp)
		}
		title := kp.Title() + ": " + name
		c := m.chartFor(s, kp, chart.ID(chartKey, id, kp.ID), title, m.Axis(kp.ID), []Reporter{{Scope: scope, ID: id}}, target, label)
		if c != nil {
			sec.Charts = append(sec.Charts, ChartView{Title: kp.Title(), chart: c})
		}
	}
	return sec
}

func (m *Model) doraSection(scope, id string) *DoraSection {
	latest, ok := m.DoraLatest(scope, id)
	if !ok {
		return nil
	}
	sec := &DoraSection{Latest: m.doraRow(latest)}
	for _, key := range m.Dora.Keys() {
		v := DoraKeyView{Key: key.Key, Name: key.Name}
		if kp := m.KPI(key.KPI); kp != nil {
			v.KPI = kp
		}
		sec.Keys = append(sec.Keys, v)
	}
	axis := m.Axis(m.doraKPIs()...)
	for i := len(axis) - 1; i >= 0 && len(sec.Trend) < 6; i-- {
		if d, ok := m.DoraAt(scope, id, axis[i]); ok {
			sec.Trend = append(sec.Trend, m.doraRow(d))
		}
	}
	return sec
}

// buildSections computes every contributed section once, for all
// services and teams in parallel.
func (k *Kind) buildSections(s *site.Site) {
	k.once.Do(func() {
		k.sections = map[string][]site.Section{}
		m := k.model
		if m == nil || (len(m.KPIs) == 0 && len(m.Snapshots) == 0) {
			return
		}
		cat := m.catalog()
		n := len(cat.Services) + len(cat.Teams)
		results := make([][]site.Section, n)
		_ = site.Parallel(context.Background(), n, func(i int) error {
			if i < len(cat.Services) {
				results[i] = m.serviceSections(s, cat.Services[i])
			} else {
				results[i] = m.teamSections(s, cat, cat.Teams[i-len(cat.Services)])
			}
			return nil
		})
		for i, secs := range results {
			subject := ""
			if i < len(cat.Services) {
				subject = cat.Services[i].Key()
			} else {
				subject = cat.Teams[i-len(cat.Services)].Key()
			}
			if len(secs) > 0 {
				k.sections[subject] = secs
			}
		}
	})
}

// serviceSections returns the sections of a service page.
func (m *Model) serviceSections(s *site.Site, svc *catalog.Service) []site.Section {
	var secs []site.Section
	if rows := m.sloRows(svc); len(rows) > 0 {
		secs = append(secs, site.Section{ID: "kpi-slos", Title: "SLO status", Template: "kpi/_slo.html",
			Data: &SLOSection{Rows: rows}, Order: orderSLO})
	}
	if b := m.budgetSection(svc); b != nil {
		secs = append(secs, site.Section{ID: "kpi-error-budget", Title: "Error budget", Template: "kpi/_budget.html", Data: b, Order: orderBudget})
	}
	// A service's own DORA keys, or else its owning team's: the keys
	// are usually measured per team, whose pipeline deploys the service.
	if d := m.doraSection(ScopeService, svc.ID); d != nil {
		secs = append(secs, doraBandSection(d))
	} else if cat := m.catalog(); cat.Team(svc.Owner) != nil {
		if d := m.doraSection(ScopeTeam, svc.Owner); d != nil {
			d.Team, d.TeamPath = who(cat, ScopeTeam, svc.Owner)
			secs = append(secs, doraBandSection(d))
		}
	}
	if ks := m.kpiSection(s, ScopeService, svc.ID, "svc"); ks != nil {
		secs = append(secs, kpiChartsSection(ks))
	}
	return secs
}

// teamSections returns the sections of a team page.
func (m *Model) teamSections(s *site.Site, cat *catalog.Catalog, t *catalog.Team) []site.Section {
	var secs []site.Section
	if d := m.doraSection(ScopeTeam, t.ID); d != nil {
		secs = append(secs, doraBandSection(d))
	}
	var rows []ServiceSLORow
	for _, svc := range cat.ServicesOf(t.ID) {
		slos := m.sloRows(svc)
		if len(slos) == 0 {
			continue
		}
		row := ServiceSLORow{Name: svc.ID, Path: svc.Path(), SLOs: slos}
		if svc.Name != "" {
			row.Name = svc.Name
		}
		if b := m.budgetSection(svc); b != nil {
			row.Quarter = b.Quarter
		}
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		secs = append(secs, site.Section{ID: "kpi-service-levels", Title: "Service levels", Template: "kpi/_team_services.html",
			Data: &ServicesSection{Rows: rows}, Order: orderSLO})
	}
	if ks := m.kpiSection(s, ScopeTeam, t.ID, "team"); ks != nil {
		secs = append(secs, kpiChartsSection(ks))
	}
	return secs
}

// doraBandSection is the "DORA metrics" section of team and service pages.
func doraBandSection(d *DoraSection) site.Section {
	return site.Section{ID: "kpi-dora", Title: "DORA metrics", Template: "kpi/_dora.html", Data: d, Order: orderDora}
}

// kpiChartsSection is the "KPIs" section; pages showing it load echarts
// only when it holds a chart.
func kpiChartsSection(ks *KPISection) site.Section {
	sec := site.Section{ID: "kpi-charts", Title: "KPIs", Template: "kpi/_kpis.html", Data: ks, Order: orderKPIs}
	if len(ks.Charts) > 0 {
		sec.Scripts = []string{chart.ScriptPath}
	}
	return sec
}
