package scorecard_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/scorecard"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

const services = `- id: api
  owner: payments
  tier: 1
  lifecycle: production
  slos: {availability: 99.9, latency_p95_ms: 250}
  dashboards: [https://grafana/api]
  depends_on: [db]
- id: db
  owner: payments
  tier: 1
  slos: {latency_p95_ms: 400}
  depends_on: []
- id: lab
  owner: research
  tier: 3
  lifecycle: experimental
`

const teams = `- id: payments
  on_call: {rotation: payments-primary}
- id: research
`

const cards = `scorecards:
  - id: prod
    name: Production readiness
    levels: [bronze, silver, gold]
    when: {field: lifecycle, op: "!=", value: experimental}
    rules:
      - {id: owner, name: Has owner, level: bronze, check: has_owner, fix: "Add an owner; see [[team:payments]]."}
      - {id: slos, name: Has SLOs, level: silver, check: has_slos}
      - {id: latency, name: Tier-1 latency, level: gold, check: field, field: slos.latency_p95_ms, op: "<=", value: 300, when: {field: tier, value: 1}, fix: Make it faster.}
  - id: basics
    levels: [ok]
    rules:
      - {id: dash, level: ok, check: has_dashboards}
      - {id: avail, level: ok, check: kpi_target, kpi: availabilty}
`

func loadLink(t *testing.T, files map[string]string) (*site.Site, *scorecard.Kind) {
	t.Helper()
	diags := &site.Diagnostics{}
	src := &site.Source{}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		src.Data = append(src.Data, load.ParseYAML(p, []byte(files[p]), diags))
	}
	s := site.New(src, site.DefaultConfig(), diags, nil, now)
	cat, sc := catalog.New(), scorecard.New()
	s.Kinds = []site.Kind{cat, sc}
	ctx := context.Background()
	for _, k := range s.Kinds {
		if err := k.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := sc.Link(ctx, s); err != nil {
		t.Fatal(err)
	}
	return s, sc
}

func TestLinkSetsLevelsAndResults(t *testing.T) {
	s, k := loadLink(t, map[string]string{"data/services.yaml": services, "data/teams.yaml": teams, "data/scorecards.yaml": cards})
	var diags []string
	for _, d := range s.Diags.List() {
		diags = append(diags, d.String())
	}
	want := `data/scorecards.yaml:14:56: error: rule avail: unknown KPI "availabilty"; no KPIs are defined (data/kpis.yaml) [scorecard-kpi]`
	if len(diags) != 1 || diags[0] != want {
		t.Errorf("diagnostics:\n%s\nwant %s", strings.Join(diags, "\n"), want)
	}
	c := catalog.Of(s)
	api, db, lab := c.Service("api"), c.Service("db"), c.Service("lab")
	if api.Levels["prod"] != "gold" || db.Levels["prod"] != "silver" {
		t.Errorf("levels: api %v db %v", api.Levels, db.Levels)
	}
	if _, ok := lab.Levels["prod"]; ok {
		t.Errorf("prod does not apply to experimental services: %v", lab.Levels)
	}
	if lvl, ok := lab.Levels["basics"]; !ok || lvl != "" {
		t.Errorf("lab basics level = %q %v", lvl, ok)
	}
	rr := db.Results["prod"]
	if len(rr) != 3 || rr[2] != (catalog.RuleResult{Rule: "latency", Level: "gold", Status: catalog.StatusFail, Message: "slos.latency_p95_ms is 400; needs <= 300"}) {
		t.Errorf("db results = %+v", rr)
	}
	if len(c.Scorecards) != 2 || c.Scorecards[0].ID != "prod" || c.Scorecards[0].Rules[2].Check != "field" {
		t.Errorf("catalog scorecards = %+v", c.Scorecards)
	}
	if e, ok := s.Entity("scorecard", "prod"); !ok || e.Path != "scorecards/#scorecard-prod" {
		t.Errorf("entity = %+v", e)
	}

	secs := k.Contribute(s, "service:db")
	if len(secs) != 1 || secs[0].Template != "scorecard/_service.html" || secs[0].ID != "scorecard" {
		t.Fatalf("service sections = %+v", secs)
	}
	data := secs[0].Data.(scorecard.ServiceSection)
	if len(data.Cards) != 2 || data.Cards[0].Level != "silver" || data.Cards[0].Next != "gold" || len(data.Cards[0].Failing) != 1 || data.Cards[0].Failing[0].RuleID != "latency" {
		t.Errorf("service section = %+v", data)
	}
	team := k.Contribute(s, "team:payments")
	if len(team) != 1 {
		t.Fatalf("team sections = %+v", team)
	}
	td := team[0].Data.(scorecard.TeamSection)
	if td.Services != 2 || td.Clean != 0 || len(td.Rows) != 3 {
		t.Errorf("team section = %+v", td)
	}
	if k.Contribute(s, "team:nobody") != nil || k.Contribute(s, "service:nope") != nil || k.Contribute(s, "adr:1") != nil {
		t.Error("no sections for unknown subjects")
	}
}

func TestNoScorecardsFile(t *testing.T) {
	s, k := loadLink(t, map[string]string{"data/services.yaml": services, "data/teams.yaml": teams})
	if s.PageAt("scorecards/") != nil || k.Contribute(s, "service:api") != nil {
		t.Error("nothing without data/scorecards.yaml")
	}
	if len(scorecard.Of(s).Scorecards) != 0 || len(catalog.Of(s).Scorecards) != 0 {
		t.Error("empty model")
	}
}

// The pages build and every link in them resolves.
func TestBuildPages(t *testing.T) {
	res := sitetest.Build(t, "-- data/services.yaml --\n"+services+"-- data/teams.yaml --\n"+teams+"-- data/scorecards.yaml --\n"+strings.Replace(cards, "kpi: availabilty", "kpi: availability", 1)+
		"-- content/_index.md --\n# Home\n\n[[scorecard:prod]]\n", catalog.New(), scorecard.New(), page.New())
	// The KPI kind is absent, so availability is unknown.
	res.WantDiag(t, `data/scorecards.yaml:14:56: error: rule avail: unknown KPI "availability"; no KPIs are defined (data/kpis.yaml) [scorecard-kpi]`)

	res = sitetest.Build(t, "-- data/services.yaml --\n"+services+"-- data/teams.yaml --\n"+teams+"-- data/scorecards.yaml --\n"+strings.Replace(cards, "      - {id: avail, level: ok, check: kpi_target, kpi: availabilty}\n", "", 1)+
		"-- content/_index.md --\n# Home\n\n[[scorecard:prod]]\n", catalog.New(), scorecard.New(), page.New())
	res.WantNoErrors(t)
	html := res.File(t, "scorecards/index.html")
	for _, want := range []string{`id="scorecard-prod"`, `id="scorecard-prod-matrix"`, `data-filter-team="payments"`, `scorecard-fail`, `By team`, `Most common failing rules`,
		`<a class="ref ref-team" href="../teams/payments/">`} {
		if !strings.Contains(html, want) {
			t.Errorf("scorecards/index.html lacks %s", want)
		}
	}
	svc := res.File(t, "services/db/index.html")
	for _, want := range []string{`id="scorecard"`, `Tier-1 latency`, `Make it faster.`, `slos.latency_p95_ms is 400; needs &lt;= 300`} {
		if !strings.Contains(svc, want) {
			t.Errorf("services/db/index.html lacks %s", want)
		}
	}
	if !strings.Contains(res.File(t, "teams/payments/index.html"), `id="scorecards"`) {
		t.Error("team page lacks the scorecards section")
	}
	if !strings.Contains(res.File(t, "services/index.html"), `data-filter-level="prod=gold basics=ok"`) {
		t.Error("services table lacks levels")
	}
	if b := sitetest.BrokenLinks(t, res.Out); len(b) > 0 {
		t.Errorf("broken links:\n%s", strings.Join(b, "\n"))
	}
}
