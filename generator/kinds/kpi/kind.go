// Package kpi is the KPI kind of Almanac: the KPI catalog
// (data/kpis.yaml), one metric snapshot per period (data/metrics/*.yaml),
// the balanced scorecard (kpis/), a page per KPI (kpis/<id>/), the DORA
// page (dora/), error budgets, and sections on service and team pages.
//
// Config (almanac.yaml):
//
//	kpis:
//	  slo_kpis:               # which KPI each service SLO overrides the target of
//	    availability: availability
//	    latency_p95_ms: latency_p95
//	    error_rate: error_rate
//	dora:                      # band thresholds; see DoraConfig for units and defaults
//	  deployment_frequency: {kpi: deployment_frequency, elite: 7, high: 1, medium: 0.23}
//	  lead_time: {kpi: lead_time, elite: 24, high: 168, medium: 720}
//	  change_failure_rate: {kpi: change_failure_rate, elite: 5, high: 10, medium: 15}
//	  mttr: {kpi: mttr, elite: 60, high: 1440, medium: 10080}
//
// Rule ids: kpi-definition, kpi-duplicate-id, kpi-unknown, kpi-unknown-team,
// kpi-unknown-service, kpi-not-a-number, kpi-percent-range,
// kpi-duplicate-period, kpi-period, kpi-snapshot, kpi-not-charted, kpi-chart, kpi-config,
// dora-config, dora-unit.
package kpi

import (
	"context"
	"strings"
	"sync"

	"github.com/almanac-handbook/almanac/generator/chart"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Paths of the generated pages.
const (
	IndexPath = "kpis/"
	DoraPath  = "dora/"
)

// Files read.
const (
	DefinitionsFile = "data/kpis.yaml"
	MetricsDir      = "data/metrics/"
)

// Kind is the KPI kind.
type Kind struct {
	model *Model

	index *site.Page
	dora  *site.Page
	pages map[string]*site.Page // kpi id -> page

	once     sync.Once
	sections map[string][]site.Section // subject -> sections
}

// New returns the KPI kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (k *Kind) Name() string { return "kpi" }

// Load reads the KPI catalog and the snapshots and adds the pages.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	cfg := DefaultConfig()
	s.Config.Section("kpis", &cfg, s.Diags)
	dora := DefaultDora()
	s.Config.Section("dora", &dora, s.Diags)
	dora.check(s.Diags)

	m := newModel(s, cfg, dora)
	k.model = m
	k.pages = map[string]*site.Page{}
	s.SetModel(ModelName, m)

	var defs *site.DataFile
	for _, name := range []string{DefinitionsFile, "data/kpis.yml"} {
		if df := s.Source.DataFile(name); df != nil && s.Source.Claim(df.Path, k.Name()) {
			defs = df
			break
		}
	}
	var known map[string]*KPI
	if defs != nil {
		known = map[string]*KPI{}
		for _, kp := range loadDefinitions(defs, s.Diags) {
			if !s.AddEntity(&site.Entity{Kind: "kpi", ID: kp.ID, Title: kp.Title(), Path: kp.Path(), Pos: kp.Pos}) {
				continue
			}
			m.KPIs = append(m.KPIs, kp)
			m.byID[kp.ID] = kp
			known[kp.ID] = kp
		}
	} else {
		known = map[string]*KPI{}
	}
	for _, df := range s.Source.Data {
		if !strings.HasPrefix(df.Path, MetricsDir) || !s.Source.Claim(df.Path, k.Name()) {
			continue
		}
		for _, snap := range parseSnapshots(df, known, s.Diags) {
			m.add(snap, s.Diags)
		}
	}
	m.finish()

	if defs == nil && len(m.Snapshots) == 0 {
		return nil
	}
	k.index = &site.Page{Path: IndexPath, Kind: "kpi", Title: "KPIs", Template: "kpi/index.html",
		Description: "The balanced scorecard: every KPI's latest value against its target."}
	s.AddPage(k.index)
	for _, kp := range m.KPIs {
		p := &site.Page{Path: kp.Path(), Kind: "kpi", Title: kp.Title(), Template: "kpi/page.html", Tags: []string{kp.Category}, Origin: kp.Pos.Path}
		if plainText(kp.Description) {
			p.Description = strings.Join(strings.Fields(kp.Description), " ")
		}
		p.Words = words(kp)
		k.pages[kp.ID] = p
		s.AddPage(p)
	}
	k.dora = &site.Page{Path: DoraPath, Kind: "kpi", Title: "DORA metrics", Template: "kpi/dora.html",
		Description: "The four DORA keys for the org and each team, with their performance bands over time."}
	s.AddPage(k.dora)
	s.AddNav(&site.NavItem{Title: "KPIs", Path: IndexPath, Weight: 60})
	s.AddNav(&site.NavItem{Title: "DORA metrics", Path: DoraPath, Weight: 61})
	return nil
}

// Link checks team and service ids against the catalog and builds the
// pages' data.
func (k *Kind) Link(ctx context.Context, s *site.Site) error {
	m := k.model
	if m == nil {
		return nil
	}
	k.checkCatalog(s)
	k.checkCharted(s)
	k.checkDora(s)
	k.checkSLOKPIs(s)
	if k.index == nil {
		return nil
	}
	k.index.Data = k.indexData(s)
	for _, kp := range m.KPIs {
		p := k.pages[kp.ID]
		data := k.kpiData(s, kp)
		p.Data = data
		if data.HasChart {
			p.Scripts = appendOnce(p.Scripts, chart.ScriptPath)
		}
	}
	k.dora.Data = k.doraData(s)
	return nil
}

// RenderContent renders each KPI's description, why and guidance.
func (k *Kind) RenderContent(ctx context.Context, s *site.Site, md site.Markdown) error {
	if k.model == nil {
		return nil
	}
	for _, kp := range k.model.KPIs {
		p := k.pages[kp.ID]
		if p == nil {
			continue
		}
		if kp.Description != "" {
			kp.DescriptionHTML = md.Inline(p, kp.Description, kp.fieldPos("description"))
		}
		if kp.Why != "" {
			kp.WhyHTML = md.Block(p, kp.Why, kp.fieldPos("why"))
		}
		if kp.Guidance != "" {
			kp.GuidanceHTML = md.Block(p, kp.Guidance, kp.fieldPos("guidance"))
		}
	}
	return nil
}

// Contribute implements site.Contributor: KPI charts, SLO status, error
// budget and DORA band on "service:<id>" and "team:<id>" pages.
func (k *Kind) Contribute(s *site.Site, subject string) []site.Section {
	k.buildSections(s)
	return append([]site.Section(nil), k.sections[subject]...)
}

// words is what a KPI's page shows besides its title, description and
// category (the page's tag), for search: the description when it is
// Markdown (only plain text serves as the page's), why it matters, how to
// use it, and the unit.
func words(kp *KPI) string {
	desc := kp.Description
	if plainText(desc) {
		desc = "" // the page's description
	}
	var b strings.Builder
	site.AddWords(&b, desc, kp.Why, kp.Guidance, kp.Unit)
	return b.String()
}

// plainText reports whether s reads the same as text and as Markdown, so
// that it can serve as the page's description (the layout prints it as
// text); otherwise the template shows the rendered Markdown instead.
func plainText(s string) bool {
	return s != "" && !strings.ContainsAny(s, "[]*_`<>&\\#|~")
}

func appendOnce(list []string, x string) []string {
	for _, y := range list {
		if y == x {
			return list
		}
	}
	return append(list, x)
}

// checkCatalog reports team and service ids the catalog does not know.
func (k *Kind) checkCatalog(s *site.Site) {
	cat := catalog.Of(s)
	var teamIDs, svcIDs []string
	for _, t := range cat.Teams {
		teamIDs = append(teamIDs, t.ID)
	}
	for _, sv := range cat.Services {
		svcIDs = append(svcIDs, sv.ID)
	}
	for _, snap := range k.model.Snapshots {
		for _, id := range sortedKeys(snap.TeamPos) {
			if cat.Team(id) == nil {
				s.Diags.Errorf(snap.TeamPos[id], "kpi-unknown-team", "unknown team %q%s; teams are defined in data/teams.yaml (or the catalog)%s",
					id, site.DidYouMean(id, teamIDs), knownList(teamIDs))
			}
		}
		for _, id := range sortedKeys(snap.ServicePos) {
			if cat.Service(id) == nil {
				s.Diags.Errorf(snap.ServicePos[id], "kpi-unknown-service", "unknown service %q%s; services are defined in data/services.yaml (or the catalog)%s",
					id, site.DidYouMean(id, svcIDs), knownList(svcIDs))
			}
		}
	}
}

// checkCharted reports values that no chart shows: a KPI is charted over
// the periods of one granularity (see Axis), so a value in a snapshot of
// another granularity is neither charted nor the KPI's latest value.
func (k *Kind) checkCharted(s *site.Site) {
	m := k.model
	for _, snap := range m.Snapshots {
		groups := []map[string]*Value{snap.Org}
		for _, id := range sortedKeys(snap.Teams) {
			groups = append(groups, snap.Teams[id])
		}
		for _, id := range sortedKeys(snap.Services) {
			groups = append(groups, snap.Services[id])
		}
		g := snap.Period.Gran
		for _, vals := range groups {
			for _, kpiID := range sortedKeys(vals) {
				v, charted := vals[kpiID], m.gran(kpiID)
				if charted == 0 || charted == g || (v.V == nil && v.Note == "") {
					continue
				}
				s.Diags.Warnf(v.Pos, "kpi-not-charted", "KPI %q is charted by %s (the period most of its values are reported by, or its frequency: on a tie), so this value in %s snapshot %s is not charted; move it to a %s snapshot, or report %q %s throughout",
					kpiID, charted, g.adjective(), snap.Period, charted.adjective(), kpiID, g.adjective())
			}
		}
	}
}

func knownList(ids []string) string {
	switch {
	case len(ids) == 0:
		return "; none is defined yet"
	case len(ids) <= 12:
		return "; known: " + strings.Join(ids, ", ")
	}
	return ""
}

// checkSLOKPIs reports a kpis.slo_kpis entry naming an unknown KPI.
func (k *Kind) checkSLOKPIs(s *site.Site) {
	c := k.model.Config.SLOKPIs
	if c.Pos.Path == "" || len(k.model.KPIs) == 0 {
		return // the defaults: an absent KPI just has no SLO override
	}
	var ids []string
	for _, kp := range k.model.KPIs {
		ids = append(ids, kp.ID)
	}
	d := DefaultConfig().SLOKPIs
	for _, x := range [][3]string{{"availability", c.Availability, d.Availability}, {"latency_p95_ms", c.LatencyP95Ms, d.LatencyP95Ms}, {"error_rate", c.ErrorRate, d.ErrorRate}} {
		if x[1] != "" && x[1] != x[2] && k.model.KPI(x[1]) == nil {
			s.Diags.Errorf(c.Pos, "kpi-config", "kpis.slo_kpis.%s names KPI %q, which data/kpis.yaml does not define%s; use \"\" to switch the override off",
				x[0], x[1], site.DidYouMean(x[1], ids))
		}
	}
}

// checkDora reports DORA keys whose KPI is missing or in a unit the
// thresholds cannot be compared with.
func (k *Kind) checkDora(s *site.Site) {
	m := k.model
	if len(m.KPIs) == 0 {
		return
	}
	var ids []string
	for _, kp := range m.KPIs {
		ids = append(ids, kp.ID)
	}
	for _, key := range m.Dora.Keys() {
		kp := m.KPI(key.KPI)
		if kp == nil {
			if key.Pos.Path != "" && key.KPI != "" {
				s.Diags.Errorf(key.Pos, "dora-config", "dora.%s names KPI %q, which data/kpis.yaml does not define%s", key.Key, key.KPI, site.DidYouMean(key.KPI, ids))
			}
			continue
		}
		if _, ok := toCanonical(1, kp.Unit, key.Unit); !ok {
			s.Diags.Warnf(kp.fieldPos("unit"), "dora-unit", "%s; give the KPI the unit %s or point dora.%s.kpi at another KPI", unitError(key, kp), key.Unit, key.Key)
		}
	}
}
