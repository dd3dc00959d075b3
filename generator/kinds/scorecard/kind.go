// Package scorecard is the maturity scorecard kind of Almanac. Scorecards
// are defined in data/scorecards.yaml:
//
//	scorecards:
//	  - id: production-readiness
//	    name: Production readiness
//	    description: ...                   # Markdown
//	    levels: [bronze, silver, gold]     # lowest first
//	    when: {field: lifecycle, op: "!=", value: experimental}  # optional: services it applies to
//	    rules:
//	      - id: has-owner
//	        name: Has an owning team
//	        level: bronze
//	        check: has_owner
//	        fix: How to make this rule pass (Markdown)
//	      - id: tier1-latency
//	        level: gold
//	        check: field
//	        field: slos.latency_p95_ms     # see Fields
//	        op: "<="                       # == != < <= > >= in not_in exists
//	        value: 300
//	        when: {field: tier, op: "==", value: 1}   # else "n/a"
//
// Built-in checks (Checks): has_owner, has_on_call, has_slos, has_runbook,
// alerts_have_runbooks (n/a without alerts), runbooks_reviewed (days: N;
// without days a runbook passes unless it is stale by its own
// review_every), has_adr, has_dashboards, dependencies_declared, field and
// kpi_target (kpi: ID; the latest value for the service meets its target).
//
// A service's level is the highest level whose rules, and all lower
// levels' rules, pass; a rule that does not apply counts as passing. The
// kind sets catalog.Service.Levels and Results in Link.
//
// Pages: scorecards/ (per scorecard: the services × rules matrix, the level
// of each service, a roll-up per team and the most common failing rules).
// Sections: "Scorecard" on every service page (result and how to fix each
// failing rule) and "Scorecards" on every team page (open failures across
// its services). Entities: "scorecard:<id>".
//
// Rule ids: scorecard-format, scorecard-duplicate-id, scorecard-level,
// scorecard-check, scorecard-param, scorecard-field, scorecard-op,
// scorecard-value, scorecard-kpi.
package scorecard

import (
	"context"
	"html/template"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Name is the kind's name and its entity kind.
const Name = "scorecard"

// IndexPath is the scorecards page.
const IndexPath = "scorecards/"

// Files holding scorecards.
var Files = []string{"data/scorecards.yaml", "data/scorecards.yml"}

// Model is every scorecard, with results after Link.
type Model struct {
	Scorecards []*Scorecard
}

// Of returns the scorecards of s; never nil.
func Of(s *site.Site) *Model {
	if s != nil {
		if m, ok := s.Model(Name).(*Model); ok && m != nil {
			return m
		}
	}
	return &Model{}
}

// Kind is the scorecard kind.
type Kind struct {
	m     *Model
	index *site.Page
	data  *IndexData
	// fixes[serviceID][scorecardID/ruleID] is the rule's fix rendered for
	// the service's page.
	fixes map[string]map[string]template.HTML
}

// New returns the scorecard kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (k *Kind) Name() string { return Name }

// Load implements site.Kind.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	k.m = &Model{}
	k.index, k.data = nil, nil
	k.fixes = map[string]map[string]template.HTML{}
	found := false
	for _, name := range Files {
		df := s.Source.DataFile(name)
		if df == nil || !s.Source.Claim(df.Path, Name) {
			continue
		}
		found = true
		k.m.Scorecards = append(k.m.Scorecards, Parse(df, s.Diags)...)
	}
	s.SetModel(Name, k.m)
	if !found {
		return nil
	}
	for _, sc := range k.m.Scorecards {
		s.AddEntity(&site.Entity{Kind: Name, ID: sc.ID, Title: sc.Name, Path: sc.Path(), Pos: sc.Pos})
	}
	k.data = &IndexData{}
	k.index = &site.Page{Path: IndexPath, Kind: Name, Title: "Scorecards", Template: "scorecard/index.html", Data: k.data, Weight: 32}
	s.AddPage(k.index)
	s.AddNav(&site.NavItem{Title: "Scorecards", Path: IndexPath, Weight: 32})
	return nil
}

// Link implements site.Linker: it checks KPI references, evaluates every
// scorecard for every service and stores the levels in the catalog.
func (k *Kind) Link(ctx context.Context, s *site.Site) error {
	if k.m == nil {
		return nil
	}
	for _, sc := range k.m.Scorecards {
		for _, r := range sc.Rules {
			if r.Check != "kpi_target" {
				continue
			}
			if known, ids := kpiIDs(s, r.KPI); !known {
				hint := "; no KPIs are defined (data/kpis.yaml)"
				if len(ids) > 0 {
					hint = site.DidYouMean(r.KPI, ids) + "; KPIs are defined in data/kpis.yaml"
				}
				s.Diags.Errorf(r.kpiPos, "scorecard-kpi", "rule %s: unknown KPI %q%s", r.ID, r.KPI, hint)
			}
		}
	}
	env := EnvOf(s)
	k.evaluate(env)
	if k.data != nil {
		k.data.build(env.Catalog, k.m)
	}
	return nil
}

// evaluate runs every scorecard and records the results on the services.
func (k *Kind) evaluate(env *Env) {
	c := env.Catalog
	c.Scorecards = nil
	for _, sc := range k.m.Scorecards {
		info := &catalog.ScorecardInfo{ID: sc.ID, Name: sc.Name, Description: sc.Description, Levels: sc.Levels}
		for _, r := range sc.Rules {
			info.Rules = append(info.Rules, catalog.RuleInfo{ID: r.ID, Name: r.Name, Level: r.Level, Check: r.Check})
		}
		c.Scorecards = append(c.Scorecards, info)
		sc.Results, sc.resultOf = nil, map[string]*Result{}
		for _, svc := range c.Services {
			if !sc.Applies(env, svc) {
				continue
			}
			res := sc.Evaluate(env, svc)
			sc.Results = append(sc.Results, res)
			sc.resultOf[svc.ID] = res
			if svc.Levels == nil {
				svc.Levels = map[string]string{}
			}
			if svc.Results == nil {
				svc.Results = map[string][]catalog.RuleResult{}
			}
			svc.Levels[sc.ID] = res.Level
			var rr []catalog.RuleResult
			for _, o := range res.Outcomes {
				rr = append(rr, catalog.RuleResult{Rule: o.Rule.ID, Level: o.Rule.Level, Status: o.Status, Message: o.Message})
			}
			svc.Results[sc.ID] = rr
		}
	}
}

// RenderContent implements site.ContentRenderer: descriptions and fixes
// are Markdown.
func (k *Kind) RenderContent(ctx context.Context, s *site.Site, md site.Markdown) error {
	if k.m == nil {
		return nil
	}
	for _, sc := range k.m.Scorecards {
		if k.index != nil {
			for _, card := range k.data.Cards {
				if card.Scorecard != sc {
					continue
				}
				if sc.Description != "" {
					card.Description = md.Block(k.index, sc.Description, sc.descPos)
				}
				for i := range card.Rules {
					r := card.Rules[i].Rule
					if r.Fix != "" {
						card.Rules[i].Fix = md.Block(k.index, r.Fix, r.fixPos)
					}
				}
			}
		}
		for _, res := range sc.Results {
			page := s.PageAt(res.Service.Path())
			if page == nil {
				continue
			}
			for _, o := range res.Failing() {
				if o.Rule.Fix == "" {
					continue
				}
				m := k.fixes[res.Service.ID]
				if m == nil {
					m = map[string]template.HTML{}
					k.fixes[res.Service.ID] = m
				}
				m[sc.ID+"/"+o.Rule.ID] = md.Block(page, o.Rule.Fix, o.Rule.fixPos)
			}
		}
	}
	return nil
}
