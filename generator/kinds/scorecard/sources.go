package scorecard

import (
	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/site"
)

// EnvOf builds the checks' environment from the models of s.
func EnvOf(s *site.Site) *Env {
	rbs := runbook.Of(s)
	adrs := adr.Of(s)
	kpis := kpi.Of(s)
	conv := func(list []*runbook.Runbook) []Runbook {
		out := make([]Runbook, 0, len(list))
		for _, r := range list {
			out = append(out, Runbook{ID: r.ID, Title: r.Title, LastReviewed: r.LastReviewed, ReviewEvery: r.ReviewEvery, Stale: r.Stale})
		}
		return out
	}
	return &Env{
		Catalog:          catalog.Of(s),
		Now:              s.Now,
		Runbooks:         func(id string) []Runbook { return conv(rbs.ForService(id)) },
		RunbooksForAlert: func(alert string) []Runbook { return conv(rbs.ForAlert(alert)) },
		ADRs: func(id string) []string {
			var ids []string
			for _, a := range adrs.ForService(id) {
				ids = append(ids, a.ID)
			}
			return ids
		},
		KPILatest: kpis.Latest,
	}
}

// kpiIDs returns the ids of the KPIs the handbook defines and whether id
// is one of them.
func kpiIDs(s *site.Site, id string) (known bool, ids []string) {
	m := kpi.Of(s)
	for _, k := range m.KPIs {
		ids = append(ids, k.ID)
	}
	return m.KPI(id) != nil, ids
}
