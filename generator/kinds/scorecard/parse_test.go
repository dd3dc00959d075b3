package scorecard

import (
	"reflect"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// sample is the shape data/scorecards.yaml is written in.
const sample = `scorecards:
  - id: production-readiness
    name: Production readiness
    description: What every production service needs.
    levels: [bronze, silver, gold]      # lowest first
    rules:
      - id: has-owner
        name: Has an owning team
        level: bronze
        check: has_owner
        fix: Add ` + "`owner:`" + ` to the service.
      - id: on-call
        level: bronze
        check: has_on_call
      - id: slos
        level: silver
        check: has_slos
      - id: runbook
        level: silver
        check: has_runbook
      - id: alerts
        level: silver
        check: alerts_have_runbooks
      - id: reviewed
        level: gold
        check: runbooks_reviewed
        days: 90
      - id: adr
        level: gold
        check: has_adr
      - id: dashboards
        level: silver
        check: has_dashboards
      - id: deps
        level: bronze
        check: dependencies_declared
      - id: tier1-latency
        level: gold
        check: field
        field: slos.latency_p95_ms       # dotted path into the service
        op: "<="
        value: 300
        when: {field: tier, op: "==", value: 1}
      - id: availability-target
        level: gold
        check: kpi_target
        kpi: availability
`

func parse(t testing.TB, body string) ([]*Scorecard, []string) {
	t.Helper()
	diags := &site.Diagnostics{}
	df := load.ParseYAML("data/scorecards.yaml", []byte(body), diags)
	scs := Parse(df, diags)
	var out []string
	for _, d := range diags.List() {
		out = append(out, d.String())
	}
	return scs, out
}

func TestParseSample(t *testing.T) {
	scs, diags := parse(t, sample)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	if len(scs) != 1 {
		t.Fatalf("got %d scorecards", len(scs))
	}
	sc := scs[0]
	if sc.ID != "production-readiness" || sc.Name != "Production readiness" || !reflect.DeepEqual(sc.Levels, []string{"bronze", "silver", "gold"}) ||
		sc.Description != "What every production service needs." || sc.Pos.String() != "data/scorecards.yaml:2:9" {
		t.Errorf("scorecard = %+v", sc)
	}
	if len(sc.Rules) != 11 {
		t.Fatalf("got %d rules", len(sc.Rules))
	}
	r := sc.Rules[0]
	if r.ID != "has-owner" || r.Name != "Has an owning team" || r.Level != "bronze" || r.Check != "has_owner" || r.Fix != "Add `owner:` to the service." {
		t.Errorf("rule 0 = %+v", r)
	}
	if sc.Rules[1].Name != "on-call" {
		t.Errorf("name defaults to the id, got %q", sc.Rules[1].Name)
	}
	if sc.Rules[5].Days != 90 {
		t.Errorf("days = %d", sc.Rules[5].Days)
	}
	f := sc.Rules[9]
	if f.Field != "slos.latency_p95_ms" || f.Op != "<=" || !f.Value.IsNum || f.Value.Num != 300 || len(f.When) != 1 || f.When[0].String() != "tier == 1" {
		t.Errorf("field rule = %+v", f)
	}
	if k := sc.Rules[10]; k.KPI != "availability" || k.kpiPos.String() != "data/scorecards.yaml:47:14" {
		t.Errorf("kpi rule = %+v (%s)", k, k.kpiPos)
	}
}

func TestParseTopLevelListAndDefaults(t *testing.T) {
	scs, diags := parse(t, "- id: a\n  levels: [one]\n  when: [{field: lifecycle, value: production}, {field: tier, op: in, value: [1, 2]}]\n  rules:\n    - {id: r, level: one, check: Has-Owner}\n    - {id: f, level: one, check: field, field: repo}\n")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	sc := scs[0]
	if sc.Name != "a" || len(sc.When) != 2 || sc.When[0].String() != "lifecycle == production" || sc.When[1].String() != "tier in [1, 2]" {
		t.Errorf("scorecard = %+v", sc)
	}
	if sc.Rules[0].Check != "has_owner" {
		t.Errorf("check spelling not normalised: %q", sc.Rules[0].Check)
	}
	if sc.Rules[1].Op != "exists" {
		t.Errorf("op defaults to exists without a value, got %q", sc.Rules[1].Op)
	}
}

func TestParseDiagnostics(t *testing.T) {
	head := "scorecards:\n  - id: sc\n    levels: [bronze, silver, gold]\n    rules:\n"
	tests := []struct {
		name, body, want string
	}{
		{"unknown check", head + "      - {id: r, level: bronze, check: has_onwer}\n",
			`data/scorecards.yaml:5:39: error: rule r: unknown check "has_onwer" (did you mean "has_owner"?); built-in checks: alerts_have_runbooks, dependencies_declared, field, has_adr, has_dashboards, has_on_call, has_owner, has_runbook, has_slos, kpi_target, runbooks_reviewed [scorecard-check]`},
		{"missing check", head + "      - {id: r, level: bronze}\n",
			`data/scorecards.yaml:5:9: error: rule r has no check; add check: with one of alerts_have_runbooks, dependencies_declared, field, has_adr, has_dashboards, has_on_call, has_owner, has_runbook, has_slos, kpi_target, runbooks_reviewed [scorecard-check]`},
		{"unknown level", head + "      - {id: r, level: sliver, check: has_owner}\n",
			`data/scorecards.yaml:5:24: error: rule r: unknown level "sliver" (did you mean "silver"?); scorecard sc has levels bronze, silver, gold [scorecard-level]`},
		{"missing level", head + "      - {id: r, check: has_owner}\n",
			`data/scorecards.yaml:5:9: error: rule r has no level; add level: with one of bronze, silver, gold [scorecard-level]`},
		{"unknown field", head + "      - {id: r, level: gold, check: field, field: slos.latency, op: '<', value: 3}\n",
			`data/scorecards.yaml:5:51: error: rule r: unknown field "slos.latency"; fields: adrs, alerts,`},
		{"unknown op", head + "      - {id: r, level: gold, check: field, field: tier, op: '=<', value: 3}\n",
			`data/scorecards.yaml:5:61: error: rule r: unknown operator "=<" (did you mean "<="?); operators: == != < <= > >= in not_in exists [scorecard-op]`},
		{"text compared with <", head + "      - {id: r, level: gold, check: field, field: lifecycle, op: '<', value: 3}\n",
			`data/scorecards.yaml:5:78: error: rule r: lifecycle is text; < compares numbers (use == != in not_in) [scorecard-value]`},
		{"number compared with text", head + "      - {id: r, level: gold, check: field, field: tier, op: '==', value: one}\n",
			`data/scorecards.yaml:5:74: error: rule r: tier is a number; compare it with a number, not "one" [scorecard-value]`},
		{"in without list", head + "      - {id: r, level: gold, check: field, field: tier, op: in}\n",
			`data/scorecards.yaml:5:9: error: rule r: op in needs value: with a list, such as [1, 2] [scorecard-value]`},
		{"value mapping", head + "      - {id: r, level: gold, check: field, field: tier, value: {a: 1}}\n",
			`data/scorecards.yaml:5:64: error: rule r: value: must be a number, a text or a list, not a mapping [scorecard-value]`},
		{"object field", head + "      - {id: r, level: gold, check: field, field: slos, op: '==', value: 1}\n",
			`data/scorecards.yaml:5:74: error: rule r: slos is a group of fields; use op: exists, or name one of its fields [scorecard-value]`},
		{"param of another check", head + "      - {id: r, level: gold, check: has_owner, days: 3}\n",
			`data/scorecards.yaml:5:54: error: rule r: check has_owner does not use days: (it takes no parameters) [scorecard-param]`},
		{"field param on kpi check", head + "      - {id: r, level: gold, check: kpi_target, kpi: x, field: tier}\n",
			`data/scorecards.yaml:5:64: error: rule r: check kpi_target does not use field: (it takes kpi) [scorecard-param]`},
		{"bad days", head + "      - {id: r, level: gold, check: runbooks_reviewed, days: -1}\n",
			`data/scorecards.yaml:5:62: error: rule r: days must be a whole number of days above 0, not the number -1 [scorecard-param]`},
		{"kpi missing", head + "      - {id: r, level: gold, check: kpi_target}\n",
			`data/scorecards.yaml:5:9: error: rule r: check kpi_target needs kpi: with the id of a KPI [scorecard-param]`},
		{"duplicate rule", head + "      - {id: r, level: gold, check: has_owner}\n      - {id: r, level: gold, check: has_slos}\n",
			`data/scorecards.yaml:6:14: error: duplicate rule id "r" in scorecard sc: already defined at data/scorecards.yaml:5:14 [scorecard-duplicate-id]`},
		{"unknown rule key", head + "      - {id: r, level: gold, check: has_owner, fixx: x}\n",
			`data/scorecards.yaml:5:48: error: unknown key "fixx" (did you mean "fix"?); known keys:`},
		{"bad when", head + "      - {id: r, level: gold, check: has_owner, when: {field: teir, value: 1}}\n",
			`data/scorecards.yaml:5:62: error: when: unknown field "teir" (did you mean "tier"?); fields:`},
		{"no levels", "scorecards:\n  - id: sc\n    rules: []\n",
			`data/scorecards.yaml:2:5: error: scorecard sc has no levels; add levels: [bronze, silver, gold] (lowest first) [scorecard-level]`},
		{"duplicate level", "scorecards:\n  - id: sc\n    levels: [a, a]\n",
			`data/scorecards.yaml:3:17: error: level "a" is listed twice in scorecard sc [scorecard-level]`},
		{"duplicate scorecard", "scorecards:\n  - {id: sc, levels: [a]}\n  - {id: sc, levels: [a]}\n",
			`data/scorecards.yaml:3:10: error: duplicate scorecard id "sc": already defined at data/scorecards.yaml:2:10 [scorecard-duplicate-id]`},
		{"no id", "scorecards:\n  - {levels: [a]}\n",
			`data/scorecards.yaml:2:5: error: this scorecard has no id; add id: such as production-readiness [scorecard-format]`},
		{"unknown top key", "scorecard:\n  - {id: sc, levels: [a]}\n",
			`data/scorecards.yaml:1:1: error: unknown key "scorecard" (did you mean "scorecards"?)`},
		{"scalar", "hello\n",
			`data/scorecards.yaml:1:1: error: data/scorecards.yaml must hold a mapping with a scorecards: list, not "hello" [scorecard-format]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parse(t, tt.body)
			for _, d := range diags {
				if d == tt.want || (!strings.HasSuffix(tt.want, "]") && strings.HasPrefix(d, tt.want)) {
					return
				}
			}
			t.Errorf("missing diagnostic\n  want: %s\n  got:\n    %s", tt.want, strings.Join(diags, "\n    "))
		})
	}
}

func TestBrokenRulesAreLeftOut(t *testing.T) {
	scs, _ := parse(t, "scorecards:\n  - id: sc\n    levels: [a]\n    rules:\n      - {id: ok, level: a, check: has_owner}\n      - {id: bad, level: b, check: has_owner}\n      - {id: bad2, level: a, check: nope}\n")
	if len(scs) != 1 || len(scs[0].Rules) != 1 || scs[0].Rules[0].ID != "ok" {
		t.Errorf("rules = %+v", scs[0].Rules)
	}
}
