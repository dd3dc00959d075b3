package kpi

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

var testNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

const testKPIs = `kpis:
  - id: availability
    name: Availability
    category: outcome
    unit: percent
    direction: higher_is_better
    target: {1: 99.95, 2: 99.9, default: 99.5}
    scope: service
  - id: latency_p95
    name: p95 latency
    category: outcome
    unit: ms
    direction: lower_is_better
    target: 300
    warn: 400
    scope: service
  - id: deployment_frequency
    name: Deployment frequency
    category: output
    unit: per_week
    direction: higher_is_better
    target: 10
    warn: 3
  - id: change_failure_rate
    name: Change failure rate
    category: quality
    unit: percent
    direction: lower_is_better
    target: 15
    warn: 20
  - id: lead_time
    name: Lead time
    category: efficiency
    unit: hours
    direction: lower_is_better
    target: 24
    warn: 72
  - id: mttr
    name: Time to restore
    category: reliability
    unit: minutes
    direction: lower_is_better
    target: 60
    warn: 120
`

// testCatalog has two teams and three services.
func testCatalog() *catalog.Catalog {
	return &catalog.Catalog{
		Teams: []*catalog.Team{{ID: "payments", Name: "Payments"}, {ID: "platform", Name: "Platform"}},
		Services: []*catalog.Service{
			{ID: "api-gateway", Name: "API Gateway", Owner: "platform", Tier: 1,
				SLOs: catalog.SLOs{Availability: ptr(99.95), LatencyP95Ms: ptr(120)}},
			{ID: "ledger", Name: "Ledger", Owner: "payments", Tier: 2},
			{ID: "search", Name: "Search", Owner: "platform"},
		},
	}
}

type testBuild struct {
	k     *Kind
	s     *site.Site
	diags *site.Diagnostics
}

// newTest loads files (path -> YAML) with the kpi kind; config is
// almanac.yaml ("" for none).
func newTest(t testing.TB, files map[string]string, config string, cat *catalog.Catalog) *testBuild {
	t.Helper()
	diags := &site.Diagnostics{}
	src := &site.Source{Root: "/handbook"}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		src.Data = append(src.Data, load.ParseYAML(p, []byte(files[p]), diags))
	}
	cfg := site.DefaultConfig()
	if config != "" {
		df := load.ParseYAML(site.ConfigFile, []byte(config), diags)
		cfg = site.ParseConfig(df.Docs[0], diags)
	}
	s := site.New(src, cfg, diags, nil, testNow)
	if cat != nil {
		s.SetModel(catalog.ModelName, cat)
	}
	k := New()
	s.Kinds = []site.Kind{k}
	if err := k.Load(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if err := k.Link(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return &testBuild{k: k, s: s, diags: diags}
}

func (b *testBuild) list() []string {
	var out []string
	for _, d := range b.diags.List() {
		out = append(out, d.String())
	}
	return out
}

func (b *testBuild) wantDiags(t testing.TB, want ...string) {
	t.Helper()
	got := b.list()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestSnapshotChecks(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "valid",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
org: {deployment_frequency: 12}
teams:
  payments: {deployment_frequency: 8, change_failure_rate: 12.5}
services:
  api-gateway: {availability: 99.97, latency_p95: 110}
`},
		},
		{
			name: "unknown KPI with a hint",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
org:
  deploy_frequency: 3
`},
			want: []string{`data/metrics/2026-10.yaml:3:3: error: unknown KPI "deploy_frequency"; define it in data/kpis.yaml or fix the id [kpi-unknown]`},
		},
		{
			name: "typo close enough for a hint",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
org:
  lead_tmie: 3
`},
			want: []string{`data/metrics/2026-10.yaml:3:3: error: unknown KPI "lead_tmie" (did you mean "lead_time"?); define it in data/kpis.yaml or fix the id [kpi-unknown]`},
		},
		{
			name: "unknown team and service",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
teams:
  paymnets: {deployment_frequency: 3}
services:
  ledgr: {availability: 99.9}
`},
			want: []string{
				`data/metrics/2026-10.yaml:3:3: error: unknown team "paymnets" (did you mean "payments"?); teams are defined in data/teams.yaml (or the catalog); known: payments, platform [kpi-unknown-team]`,
				`data/metrics/2026-10.yaml:5:3: error: unknown service "ledgr" (did you mean "ledger"?); services are defined in data/services.yaml (or the catalog); known: api-gateway, ledger, search [kpi-unknown-service]`,
			},
		},
		{
			name: "not a number",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
org:
  deployment_frequency: lots
  lead_time: "12.5"
  mttr: [1, 2]
  change_failure_rate: 12%
`},
			want: []string{
				`data/metrics/2026-10.yaml:3:25: error: the value of "deployment_frequency" must be a number, got "lots"; leave the value empty (or remove the line) if there is no data for this period [kpi-not-a-number]`,
				`data/metrics/2026-10.yaml:4:14: error: the value of "lead_time" must be a number, got "12.5"; remove the quotes [kpi-not-a-number]`,
				`data/metrics/2026-10.yaml:5:9: error: the value of "mttr" must be a number (or {value: 12.5, note: "text"}), got a list [kpi-not-a-number]`,
				`data/metrics/2026-10.yaml:6:24: error: the value of "change_failure_rate" must be a number, got "12%"; write the number without the % sign [kpi-not-a-number]`,
			},
		},
		{
			name: "percentage out of range",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
teams:
  payments:
    change_failure_rate: 120
services:
  api-gateway:
    availability: {value: -1, note: broken probe}
`},
			want: []string{
				`data/metrics/2026-10.yaml:4:26: error: "change_failure_rate" is a percentage, so its value must lie between 0 and 100, not 120 [kpi-percent-range]`,
				`data/metrics/2026-10.yaml:7:27: error: "availability" is a percentage, so its value must lie between 0 and 100, not -1 [kpi-percent-range]`,
			},
		},
		{
			name: "two snapshots for one period",
			files: map[string]string{
				"data/metrics/2026-10.yaml":   "period: 2026-10\norg: {lead_time: 20}\n",
				"data/metrics/october.yaml":   "period: \"2026-10\"\norg: {lead_time: 22}\n",
				"data/metrics/2026-11.yaml":   "org: {lead_time: 21}\n", // period from the file name
				"data/metrics/2026-w45.yaml":  "period: 2026-W45\norg: {lead_time: 21}\n",
				"data/metrics/2026-W45b.yaml": "period: 2026-w45\norg: {lead_time: 21}\n",
			},
			want: []string{
				`data/metrics/2026-W45b.yaml:2:18: warning: KPI "lead_time" is charted by month (the period most of its values are reported by, or its frequency: on a tie), so this value in weekly snapshot 2026-W45 is not charted; move it to a monthly snapshot, or report "lead_time" weekly throughout [kpi-not-charted]`,
				`data/metrics/2026-w45.yaml:1:9: error: a snapshot for 2026-W45 already exists at data/metrics/2026-W45b.yaml:1:9; keep one snapshot per period (merge the two files or fix the period) [kpi-duplicate-period]`,
				`data/metrics/october.yaml:1:9: error: a snapshot for 2026-10 already exists at data/metrics/2026-10.yaml:1:9; keep one snapshot per period (merge the two files or fix the period) [kpi-duplicate-period]`,
			},
		},
		{
			name: "invalid or missing period",
			files: map[string]string{
				"data/metrics/a.yaml": "period: 2026-13\norg: {lead_time: 20}\n",
				"data/metrics/b.yaml": "org: {lead_time: 20}\n",
				"data/metrics/c.yaml": "period: 2026-10-01\n",
				"data/metrics/d.yaml": "period: [2026]\n",
			},
			want: []string{
				`data/metrics/a.yaml:1:9: error: invalid period "2026-13": a month is 01 to 12; write a month as 2026-10, an ISO week as 2026-W43 or a quarter as 2026-Q4 [kpi-period]`,
				`data/metrics/b.yaml:1:1: error: this snapshot has no period; add period: 2026-10 (a month), 2026-W43 (an ISO week) or 2026-Q4 (a quarter) [kpi-period]`,
				`data/metrics/c.yaml:1:9: error: invalid period "2026-10-01": a month is two digits, 01 to 12; write a month as 2026-10, an ISO week as 2026-W43 or a quarter as 2026-Q4 [kpi-period]`,
				`data/metrics/d.yaml:1:9: error: period must be written like 2026-10 (a month), 2026-W43 (an ISO week) or 2026-Q4 (a quarter), got a list [kpi-period]`,
			},
		},
		{
			name: "unknown keys and shapes",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
team:
  payments: {lead_time: 3}
services: [api-gateway]
org:
  lead_time: {value: 3, notes: x}
notes:
  org: {lead_time: [a]}
  squads: {}
`},
			want: []string{
				`data/metrics/2026-10.yaml:2:1: error: unknown key "team" in a metrics snapshot (did you mean "teams"?); known keys: notes, org, period, services, teams [kpi-snapshot]`,
				`data/metrics/2026-10.yaml:4:11: error: services must be a mapping, got a list [kpi-snapshot]`,
				`data/metrics/2026-10.yaml:6:25: error: unknown key "notes" in the value of "lead_time" (did you mean "note"?); write {value: 12.5, note: "text"} [kpi-snapshot]`,
				`data/metrics/2026-10.yaml:8:20: error: the note for "lead_time" must be text, got a list [kpi-snapshot]`,
				`data/metrics/2026-10.yaml:9:3: error: unknown key "squads" under notes; notes are grouped like the values: org, teams, services [kpi-snapshot]`,
			},
		},
		{
			name: "a weekly and a quarterly value beside monthly ones",
			files: map[string]string{
				"data/metrics/2026-08.yaml":  "period: 2026-08\norg: {lead_time: 30}\n",
				"data/metrics/2026-09.yaml":  "period: 2026-09\norg: {lead_time: 40}\n",
				"data/metrics/2026-W41.yaml": "period: 2026-W41\norg: {lead_time: 9}\nteams:\n  payments: {lead_time: {value: 8, note: x}}\n",
				"data/metrics/2026-Q4.yaml":  "period: 2026-Q4\norg: {lead_time: 7, mttr: 20}\n",
			},
			want: []string{
				`data/metrics/2026-Q4.yaml:2:18: warning: KPI "lead_time" is charted by month (the period most of its values are reported by, or its frequency: on a tie), so this value in quarterly snapshot 2026-Q4 is not charted; move it to a monthly snapshot, or report "lead_time" quarterly throughout [kpi-not-charted]`,
				`data/metrics/2026-W41.yaml:2:18: warning: KPI "lead_time" is charted by month (the period most of its values are reported by, or its frequency: on a tie), so this value in weekly snapshot 2026-W41 is not charted; move it to a monthly snapshot, or report "lead_time" weekly throughout [kpi-not-charted]`,
				`data/metrics/2026-W41.yaml:4:33: warning: KPI "lead_time" is charted by month (the period most of its values are reported by, or its frequency: on a tie), so this value in weekly snapshot 2026-W41 is not charted; move it to a monthly snapshot, or report "lead_time" weekly throughout [kpi-not-charted]`,
			},
		},
		{
			name: "a key twice",
			files: map[string]string{"data/metrics/2026-10.yaml": `period: 2026-10
org:
  lead_time: 3
  lead_time: 4
`},
			want: []string{`data/metrics/2026-10.yaml:4:3: error: key "lead_time" appears twice in this mapping (first at line 3); keep one [kpi-snapshot]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"data/kpis.yaml": testKPIs}
			for k, v := range tt.files {
				files[k] = v
			}
			b := newTest(t, files, "", testCatalog())
			b.wantDiags(t, tt.want...)
		})
	}
}

func TestDefinitionChecks(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{
			name: "top-level list",
			yaml: "- {id: a, name: A, category: cost, unit: count, direction: lower_is_better, target: 3}\n",
		},
		{
			name: "bad enums",
			yaml: `kpis:
  - id: a
    name: A
    category: outcomes
    unit: percnt
    direction: up
    scope: company
    target: 5
`,
			want: []string{
				`data/kpis.yaml:4:15: error: KPI "a": unknown category "outcomes" (did you mean "outcome"?); use one of output, outcome, quality, efficiency, reliability, improvement, cost, collaboration, stakeholder, leadership [kpi-definition]`,
				`data/kpis.yaml:5:11: error: KPI "a": unknown unit "percnt" (did you mean "percent"?); use one of percent, ms, hours, minutes, per_week, count, ratio, score, currency [kpi-definition]`,
				`data/kpis.yaml:6:16: error: KPI "a": unknown direction "up"; use one of higher_is_better, lower_is_better [kpi-definition]`,
				`data/kpis.yaml:7:12: error: KPI "a": unknown scope "company"; use one of org, team, service [kpi-definition]`,
			},
		},
		{
			name: "missing fields",
			yaml: `kpis:
  - name: No id
  - id: b
`,
			want: []string{
				`data/kpis.yaml:2:5: error: this KPI has no id; add id: followed by a short lower-case name such as deployment_frequency [kpi-definition]`,
				`data/kpis.yaml:3:5: error: KPI "b" has no category; add category: with one of output, outcome, quality, efficiency, reliability, improvement, cost, collaboration, stakeholder, leadership [kpi-definition]`,
				`data/kpis.yaml:3:5: error: KPI "b" has no direction; add direction: with one of higher_is_better, lower_is_better [kpi-definition]`,
				`data/kpis.yaml:3:5: warning: KPI "b" has no name; add name: with the title shown on the scorecard [kpi-definition]`,
				`data/kpis.yaml:3:5: warning: KPI "b" has no target, so its status cannot be judged; add target: with a number (or one per tier: {1: 99.95, 2: 99.9}) [kpi-definition]`,
				`data/kpis.yaml:3:5: error: KPI "b" has no unit; add unit: with one of percent, ms, hours, minutes, per_week, count, ratio, score, currency [kpi-definition]`,
			},
		},
		{
			name: "an empty target",
			yaml: `kpis:
  - {id: e, name: E, category: cost, unit: count, direction: lower_is_better, target: {}}
`,
			want: []string{
				`data/kpis.yaml:2:87: warning: KPI "e": target: {} sets no target, so its status cannot be judged; give a number, or one per tier: {1: 99.95, 2: 99.9} [kpi-definition]`,
			},
		},
		{
			name: "thresholds",
			yaml: `kpis:
  - {id: a, name: A, category: cost, unit: percent, direction: higher_is_better, target: 120, warn: 130}
  - {id: b, name: B, category: cost, unit: count, direction: lower_is_better, target: {gold: 1}}
  - {id: c, name: C, category: cost, unit: count, direction: lower_is_better, target: lots}
  - {id: a, name: A again, category: cost, unit: count, direction: lower_is_better, target: 1}
`,
			want: []string{
				`data/kpis.yaml:2:90: error: KPI "a" is a percentage, so its target must lie between 0 and 100, not 120 [kpi-percent-range]`,
				`data/kpis.yaml:2:101: error: KPI "a" is a percentage, so its warn must lie between 0 and 100, not 130 [kpi-percent-range]`,
				`data/kpis.yaml:2:101: error: KPI "a": warn (130) must lie below the target (120) for a KPI where higher is better: it marks where at-risk turns into missed [kpi-definition]`,
				`data/kpis.yaml:3:87: error: per-tier keys are tier numbers (1, 2, 3) or default, not "gold" for "target" [yaml]`,
				`data/kpis.yaml:4:87: error: expected a number or a mapping of tier to number ({1: 99.95, 2: 99.9}), got "lots" for "target" [yaml]`,
				`data/kpis.yaml:5:5: error: duplicate kpi id "a": already defined at data/kpis.yaml:2:5 [kpi-duplicate-id]`,
			},
		},
		{
			name: "tiers outside 1 to 3",
			yaml: `kpis:
  - id: c
    name: C
    category: output
    unit: percent
    direction: higher_is_better
    target: {1: 99, 4: 90, tier-0: 80, -1: 70}
    warn: {tier3: 95, tier 9: 85}
    scope: service
`,
			want: []string{
				`data/kpis.yaml:7:21: error: KPI "c": target has a value for tier 4, but service tiers are 1, 2 and 3 (1 = most critical); fix the tier, or use default: for services without a tier [kpi-definition]`,
				`data/kpis.yaml:7:28: error: KPI "c": target has a value for tier 0, but service tiers are 1, 2 and 3 (1 = most critical); fix the tier, or use default: for services without a tier [kpi-definition]`,
				`data/kpis.yaml:7:40: error: KPI "c": target has a value for tier -1, but service tiers are 1, 2 and 3 (1 = most critical); fix the tier, or use default: for services without a tier [kpi-definition]`,
				`data/kpis.yaml:8:23: error: KPI "c": warn has a value for tier 9, but service tiers are 1, 2 and 3 (1 = most critical); fix the tier, or use default: for services without a tier [kpi-definition]`,
			},
		},
		{
			name: "per-tier thresholds on an org or team KPI",
			yaml: `kpis:
  - {id: t, name: T, category: output, unit: score, direction: higher_is_better, target: {1: 8, 2: 6}, scope: team}
  - {id: o, name: O, category: output, unit: score, direction: higher_is_better, target: 8, warn: {1: 6, default: 5}, scope: org}
  - {id: any, name: Any, category: output, unit: score, direction: higher_is_better, target: {1: 8, 2: 6}}
`,
			want: []string{
				`data/kpis.yaml:2:90: warning: KPI "t" has scope team, but its target is given per service tier, which applies to service-scoped KPIs only, so its values have no target; write one number (target: 8) or set scope: service [kpi-definition]`,
				`data/kpis.yaml:3:99: warning: KPI "o" has scope org, but its warn is given per service tier, which applies to service-scoped KPIs only, so its values are judged against the default (5); write one number (warn: 5) or set scope: service [kpi-definition]`,
			},
		},
		{
			name: "unknown top-level key",
			yaml: "kpi:\n  - {id: a}\n",
			want: []string{`data/kpis.yaml:1:1: error: unknown key "kpi" in data/kpis.yaml (did you mean "kpis"?); list the KPIs under kpis: [kpi-definition]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newTest(t, map[string]string{"data/kpis.yaml": tt.yaml}, "", nil)
			b.wantDiags(t, tt.want...)
		})
	}
}

const testMetrics = `
-- data/metrics/2026-08.yaml --
period: 2026-08
org: {deployment_frequency: 5, lead_time: 30}
teams:
  payments: {deployment_frequency: 0.5, lead_time: 200, change_failure_rate: 18, mttr: 240}
services:
  api-gateway: {availability: 99.97, latency_p95: 100}
  ledger: {availability: 99.85}
-- data/metrics/2026-09.yaml --
period: 2026-09
org:
  deployment_frequency: 6
  lead_time:
teams:
  payments: {deployment_frequency: 2, lead_time: 100, change_failure_rate: 12, mttr: 90}
services:
  api-gateway: {availability: 99.9, latency_p95: 130}
  search: {availability: 99.2}
notes:
  services:
    api-gateway: {availability: "Region failover test ran long"}
-- data/metrics/2026-10.yaml --
period: 2026-10
org: {deployment_frequency: 8}
teams:
  payments: {deployment_frequency: 8, lead_time: 20, change_failure_rate: 4, mttr: 45}
services:
  api-gateway:
    availability: {value: 99.96, note: Back within SLO}
    latency_p95: 125
  ledger: {latency_p95: 380}
`

func splitArchive(a string) map[string]string {
	files := map[string]string{}
	var name string
	for _, line := range strings.SplitAfter(a, "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") {
			name = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if name != "" {
			files[name] += line
		}
	}
	return files
}

func metricsBuild(t testing.TB, config string) *testBuild {
	files := splitArchive(testMetrics)
	files["data/kpis.yaml"] = testKPIs
	return newTest(t, files, config, testCatalog())
}

func TestModel(t *testing.T) {
	b := metricsBuild(t, "")
	b.wantDiags(t)
	m := Of(b.s)
	if got := len(m.Periods); got != 3 {
		t.Fatalf("%d periods", got)
	}
	tests := []struct {
		kpi, scope, id string
		value, target  float64
		met, ok        bool
	}{
		// The org's lead time is a gap in September and absent in October:
		// the latest value is August's.
		{"lead_time", ScopeOrg, "", 30, 24, false, true},
		{"deployment_frequency", ScopeOrg, "", 8, 10, false, true},
		{"deployment_frequency", ScopeTeam, "payments", 8, 10, false, true},
		{"change_failure_rate", ScopeTeam, "payments", 4, 15, true, true},
		// api-gateway's availability SLO (99.95) overrides the tier target.
		{"availability", ScopeService, "api-gateway", 99.96, 99.95, true, true},
		// ledger is tier 2 without SLOs: the tier-2 target.
		{"availability", ScopeService, "ledger", 99.85, 99.9, false, true},
		// search has no tier: the default.
		{"availability", ScopeService, "search", 99.2, 99.5, false, true},
		// latency SLO 120 overrides 300.
		{"latency_p95", ScopeService, "api-gateway", 125, 120, false, true},
		{"latency_p95", ScopeService, "ledger", 380, 300, false, true},
		{"mttr", ScopeOrg, "", 0, 0, false, false},
		{"nope", ScopeOrg, "", 0, 0, false, false},
	}
	for _, tt := range tests {
		v, target, met, ok := m.Latest(tt.kpi, tt.scope, tt.id)
		if v != tt.value || ok != tt.ok || met != tt.met || (ok && target != tt.target) {
			t.Errorf("Latest(%s, %s, %s) = %v, %v, %v, %v; want %v, %v, %v, %v", tt.kpi, tt.scope, tt.id, v, target, met, ok, tt.value, tt.target, tt.met, tt.ok)
		}
	}

	// The warn level scales with an SLO: 400/300 of 120 is 160, so 125 ms
	// is at risk rather than missed.
	if r, _ := m.Reading("latency_p95", ScopeService, "api-gateway"); r.Status != StatusAtRisk || r.Goal.Source != "SLO" || !near(*r.Goal.Warn, 160) {
		t.Errorf("api-gateway latency: %s, goal %+v", r.Status, r.Goal)
	}
	// Trend: payments' deployment frequency went 2 -> 8, better.
	if r, _ := m.Reading("deployment_frequency", ScopeTeam, "payments"); r.Trend == nil || r.Trend.Verdict != "better" || r.Trend.Since.String() != "2026-09" {
		t.Errorf("trend %+v", r.Trend)
	}
	// Lower is better: payments' lead time fell 100 -> 20, better.
	if r, _ := m.Reading("lead_time", ScopeTeam, "payments"); r.Trend == nil || r.Trend.Verdict != "better" || r.Trend.Arrow != "↓" {
		t.Errorf("trend %+v", r.Trend)
	}
	// The org lead time's previous value skips the gap: no earlier value,
	// so no trend.
	if r, _ := m.Reading("lead_time", ScopeOrg, ""); r.Trend != nil || r.Period.String() != "2026-08" {
		t.Errorf("org lead time %+v", r)
	}
	// A Latest without a target returns NaN.
	m.byID["mttr"].Target = Threshold{}
	if _, target, met, ok := m.Latest("mttr", ScopeTeam, "payments"); !ok || met || !math.IsNaN(target) {
		t.Errorf("no target: %v %v %v", target, met, ok)
	}
}

func TestGapStaysAGap(t *testing.T) {
	b := metricsBuild(t, "")
	m := Of(b.s)
	axis := m.Axis("lead_time")
	vals, _ := m.Series("lead_time", ScopeOrg, "", axis)
	if len(vals) != 3 || vals[0] == nil || *vals[0] != 30 || vals[1] != nil || vals[2] != nil {
		t.Fatalf("org lead time series %v", derefAll(vals))
	}
	// Explicitly empty (September) and absent (October) are both gaps.
	if v := m.Value("lead_time", ScopeOrg, "", axis[1]); v == nil || v.V != nil {
		t.Errorf("September: %+v, want a value without a number", v)
	}
	if v := m.Value("lead_time", ScopeOrg, "", axis[2]); v != nil {
		t.Errorf("October: %+v, want nothing", v)
	}
	// The chart and its data table show gaps, never zero.
	page := b.k.pages["lead_time"].Data.(*KPIPage)
	for _, row := range page.Table.Rows {
		if row.Who == "Org" && (!row.Cells[1].Gap || !row.Cells[2].Gap || row.Cells[0].Text != "30 hours") {
			t.Errorf("org row %+v", row.Cells)
		}
	}
	h, err := page.Charts[0].HTML()
	if err != nil {
		t.Fatal(err)
	}
	html := string(h)
	if !strings.Contains(html, `"data":[{"value":30},{"value":null},{"value":null}]`) {
		t.Errorf("chart data should hold nulls for gaps:\n%s", html)
	}
	if !strings.Contains(html, `<td class="gap" title="no data">—</td>`) {
		t.Errorf("chart table should show gaps")
	}
	// A missing snapshot between two others is a gap on the axis too.
	files := splitArchive(testMetrics)
	delete(files, "data/metrics/2026-09.yaml")
	files["data/kpis.yaml"] = testKPIs
	b2 := newTest(t, files, "", testCatalog())
	m2 := Of(b2.s)
	axis2 := m2.Axis("deployment_frequency")
	if len(axis2) != 3 || axis2[1].String() != "2026-09" {
		t.Fatalf("axis %v", axis2)
	}
	vals2, _ := m2.Series("deployment_frequency", ScopeOrg, "", axis2)
	if vals2[1] != nil {
		t.Errorf("a month without a snapshot got %v", *vals2[1])
	}
}

func derefAll(vs []*float64) []any {
	var out []any
	for _, v := range vs {
		out = append(out, deref(v))
	}
	return out
}

func TestModelBudget(t *testing.T) {
	b := metricsBuild(t, "")
	m := Of(b.s)
	if m.Budget("ledger") != nil || m.Budget("search") != nil {
		t.Error("services without an availability SLO have no budget")
	}
	bg := m.Budget("api-gateway")
	if bg == nil || bg.SLO != 99.95 || len(bg.Periods) != 3 {
		t.Fatalf("budget %+v", bg)
	}
	// September: 30 days at 99.9% against 99.95%: used 43.2 of 21.6 minutes.
	sep := bg.Periods[1]
	if !near(sep.BudgetMinutes, 21.6) || !near(*sep.UsedMinutes, 43.2) || !near(*sep.Burn, 2) || sep.Status() != StatusMissed {
		t.Errorf("September %+v", sep)
	}
	q := bg.Quarter
	if q.Label() != "2026-08 – 2026-10" || q.Reported != 3 {
		t.Fatalf("quarter %+v", q)
	}
	// Used: 31d×0.03% + 30d×0.1% + 31d×0.04% = 13.392 + 43.2 + 17.856.
	if !near(q.Used, 13.392+43.2+17.856) || !near(q.Budget, 22.32+21.6+22.32) {
		t.Errorf("quarter used %v of %v", q.Used, q.Budget)
	}
	bad := metricsBuild(t, "kpis:\n  slo_kpis: {availability: availabilty}\n")
	bad.wantDiags(t, `almanac.yaml:2:13: error: kpis.slo_kpis.availability names KPI "availabilty", which data/kpis.yaml does not define (did you mean "availability"?); use "" to switch the override off [kpi-config]`)
	// Switching the override off removes error budgets and SLO targets.
	off := metricsBuild(t, "kpis:\n  slo_kpis: {availability: \"\"}\n")
	mo := Of(off.s)
	if mo.Budget("api-gateway") != nil {
		t.Error("budget without an availability mapping")
	}
	if _, target, _, _ := mo.Latest("availability", ScopeService, "api-gateway"); target != 99.95 {
		t.Errorf("tier-1 target %v", target) // tier 1 of the KPI's own targets
	}
}

func TestDora(t *testing.T) {
	b := metricsBuild(t, "")
	m := Of(b.s)
	d, ok := m.DoraLatest(ScopeTeam, "payments")
	if !ok || d.Period.String() != "2026-10" {
		t.Fatalf("latest %+v", d)
	}
	// October: 8/week elite, 20 h elite, 4% elite, 45 min elite.
	if d.Overall != BandElite || d.N != 4 {
		t.Errorf("October overall %s (%d keys)", d.Overall, d.N)
	}
	// August: 0.5/week medium, 200 h medium, 18% low, 240 min high: low.
	aug, _ := ParsePeriod("2026-08")
	if d, _ := m.DoraAt(ScopeTeam, "payments", aug); d.Overall != BandLow {
		t.Errorf("August overall %s", d.Overall)
	}
	// The band improves over time on the DORA page.
	page := b.k.dora.Data.(*DoraPage)
	var bands []Band
	for _, sc := range page.Scopes {
		if sc.ID == "team-payments" {
			for _, r := range sc.Rows {
				bands = append(bands, r.Overall)
			}
		}
	}
	if len(bands) != 3 || bands[0] != BandElite || bands[2] != BandLow {
		t.Errorf("payments bands newest first: %v", bands)
	}

	// Thresholds from config; a wrong order is reported.
	custom := metricsBuild(t, "dora:\n  change_failure_rate: {elite: 3}\n  lead_time: {elite: 200, high: 100}\n  mttr: {kpi: restore}\n")
	custom.wantDiags(t,
		`almanac.yaml:3:14: error: dora.lead_time: the thresholds must run elite, high, medium from best to worst (each is the value a band needs at most), got elite 200, high 100, medium 720 [dora-config]`,
		`almanac.yaml:4:9: error: dora.mttr names KPI "restore", which data/kpis.yaml does not define [dora-config]`,
	)
	if got := custom.k.model.Dora.ChangeFailureRate; got.Elite != 3 || got.High != 10 || got.KPI != "change_failure_rate" {
		t.Errorf("partial override %+v", got)
	}
}

// TestMixedGranularity checks that a KPI's latest value, its chart axis,
// the scorecard's latest snapshot, the DORA band and the error budget's
// quarter all use the periods the KPI is charted over.
func TestMixedGranularity(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		kpi, scope string
		id         string
		axis       string // the KPI's chart axis
		latest     string // the period of its latest reading
		index      string // the scorecard's latest snapshot
		dora       string // the period of the org's latest DORA band
		quarter    string // the error budget quarter of api-gateway, and the periods reported
	}{
		{
			name: "weekly and quarterly beside monthly",
			files: map[string]string{
				"data/metrics/2026-08.yaml":  "period: 2026-08\norg: {lead_time: 30}\n",
				"data/metrics/2026-09.yaml":  "period: 2026-09\norg: {lead_time: 40}\n",
				"data/metrics/2026-W41.yaml": "period: 2026-W41\norg: {lead_time: 9}\n",
				"data/metrics/2026-Q4.yaml":  "period: 2026-Q4\norg: {lead_time: 7}\n",
			},
			kpi: "lead_time", scope: ScopeOrg,
			axis: "2026-08 2026-09", latest: "2026-09", index: "2026-09", dora: "2026-09",
		},
		{
			name: "monthly beside weekly",
			files: map[string]string{
				"data/metrics/2026-W40.yaml": "period: 2026-W40\nservices: {api-gateway: {availability: 99.9}}\n",
				"data/metrics/2026-W41.yaml": "period: 2026-W41\nservices: {api-gateway: {availability: 99.99}}\n",
				"data/metrics/2026-10.yaml":  "period: 2026-10\nservices: {api-gateway: {availability: 99.0}}\norg: {lead_time: 20}\n",
			},
			kpi: "availability", scope: ScopeService, id: "api-gateway",
			axis: "2026-W40 2026-W41", latest: "2026-W41", index: "2026-10", dora: "2026-10",
			quarter: "2026-W29 – 2026-W41, 2 of 13",
		},
		{
			// As many weekly values as monthly ones: the KPI says which.
			name: "a tie, broken by the declared frequency",
			files: map[string]string{
				"data/kpis.yaml":             strings.Replace(testKPIs, "    name: Lead time\n", "    name: Lead time\n    frequency: monthly\n", 1),
				"data/metrics/2026-10.yaml":  "period: 2026-10\norg: {lead_time: 20}\n",
				"data/metrics/2026-W50.yaml": "period: 2026-W50\norg: {lead_time: 30}\n",
			},
			kpi: "lead_time", scope: ScopeOrg,
			axis: "2026-10", latest: "2026-10", index: "2026-10", dora: "2026-10",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"data/kpis.yaml": testKPIs}
			for k, v := range tt.files {
				files[k] = v
			}
			b := newTest(t, files, "", testCatalog())
			m := Of(b.s)
			if got := strings.Join(labels(m.Axis(tt.kpi)), " "); got != tt.axis {
				t.Errorf("axis %q, want %q", got, tt.axis)
			}
			if r, _ := m.Reading(tt.kpi, tt.scope, tt.id); r.Period.String() != tt.latest {
				t.Errorf("latest reading in %q, want %q", r.Period, tt.latest)
			}
			if got := b.k.index.Data.(*IndexData).Latest; got != tt.index {
				t.Errorf("scorecard's latest snapshot %q, want %q", got, tt.index)
			}
			if d, _ := m.DoraLatest(ScopeOrg, ""); d.Period.String() != tt.dora {
				t.Errorf("DORA band of %q, want %q", d.Period, tt.dora)
			}
			if tt.quarter != "" {
				q := m.Budget("api-gateway").Quarter
				if got := fmt.Sprintf("%s, %d of %d", q.Label(), q.Reported, q.Periods); got != tt.quarter {
					t.Errorf("quarter %q, want %q", got, tt.quarter)
				}
			}
		})
	}
}

// TestContribute checks which sections service and team pages get, and
// whose DORA band they show.
func TestContribute(t *testing.T) {
	files := splitArchive(testMetrics)
	files["data/kpis.yaml"] = testKPIs
	files["data/metrics/2026-11.yaml"] = "period: 2026-11\nservices:\n  search: {deployment_frequency: 12, lead_time: 10, change_failure_rate: 3, mttr: 30}\n"
	b := newTest(t, files, "", testCatalog())
	b.wantDiags(t)
	tests := []struct {
		subject string
		want    string // section ids
		dora    string // the DORA band's period and band, and the team it is borrowed from
	}{
		// platform reports no DORA key: no band.
		{"service:api-gateway", "kpi-slos kpi-error-budget kpi-charts", ""},
		// No DORA key of its own: its owner's (payments) band.
		{"service:ledger", "kpi-dora kpi-charts", "2026-10 elite from Payments"},
		// Its own DORA keys.
		{"service:search", "kpi-dora kpi-charts", "2026-11 elite"},
		{"team:payments", "kpi-dora kpi-charts", "2026-10 elite"},
		{"team:platform", "kpi-service-levels", ""},
	}
	for _, tt := range tests {
		var ids []string
		dora := ""
		for _, sec := range b.k.Contribute(b.s, tt.subject) {
			ids = append(ids, sec.ID)
			if d, ok := sec.Data.(*DoraSection); ok {
				dora = d.Latest.Period + " " + string(d.Latest.Overall)
				if d.Team != "" {
					dora += " from " + d.Team
				}
			}
		}
		if got := strings.Join(ids, " "); got != tt.want {
			t.Errorf("%s: sections %q, want %q", tt.subject, got, tt.want)
		}
		if dora != tt.dora {
			t.Errorf("%s: DORA band %q, want %q", tt.subject, dora, tt.dora)
		}
	}
}
