package scorecard

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func f(v float64) *float64 { return &v }

func date(s string) site.Date {
	d, err := site.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testEnv is a catalog of a few services with runbooks, ADRs and KPI values.
func testEnv() *Env {
	c := &catalog.Catalog{
		Teams: []*catalog.Team{
			{ID: "payments", OnCall: &catalog.OnCall{Rotation: "payments-primary", Escalation: []catalog.EscalationLevel{{Who: "Primary"}}}},
			{ID: "quiet"},
		},
		Users: []*catalog.User{{ID: "guest", Teams: []string{"payments"}}},
		Services: []*catalog.Service{
			{ID: "api", Owner: "payments", Tier: 1, Lifecycle: "production", Tags: []string{"pci", "public"},
				SLOs: catalog.SLOs{Availability: f(99.95), LatencyP95Ms: f(280)}, Alerts: []string{"ApiDown", "ApiSlow"},
				Dashboards: []catalog.Link{{Title: "d", URL: "https://d"}, {Title: "e", URL: "https://e"}}, DependsOn: []string{"db"}, DependenciesDeclared: true},
			{ID: "db", Owner: "quiet", Tier: 2, Alerts: []string{"DbFull"}, SLOs: catalog.SLOs{LatencyP95Ms: f(350)}, DependenciesDeclared: true},
			{ID: "bare"},
			{ID: "user-owned", Owner: "user:guest", Tier: 3},
			{ID: "stale", Owner: "payments"},
			{ID: "never", Owner: "payments"},
			{ID: "external", Owner: "group:ops/sre"},
		},
	}
	runbooks := map[string][]Runbook{
		"api":   {{ID: "api-down", LastReviewed: date("2026-10-01"), ReviewEvery: 180}, {ID: "api-slow", LastReviewed: date("2026-06-01"), ReviewEvery: 365}},
		"stale": {{ID: "stale-rb", LastReviewed: date("2025-01-01"), ReviewEvery: 90, Stale: true}},
		"never": {{ID: "never-rb", Stale: true}},
	}
	alerts := map[string][]Runbook{"ApiDown": runbooks["api"][:1], "ApiSlow": runbooks["api"][1:]}
	return &Env{
		Catalog:          c,
		Now:              today,
		Runbooks:         func(id string) []Runbook { return runbooks[id] },
		RunbooksForAlert: func(a string) []Runbook { return alerts[a] },
		ADRs: func(id string) []string {
			if id == "api" {
				return []string{"12"}
			}
			return nil
		},
		KPILatest: func(kpi, scope, id string) (float64, float64, bool, bool) {
			switch {
			case kpi == "availability" && scope == "service" && id == "api":
				return 99.97, 99.95, true, true
			case kpi == "availability" && scope == "service" && id == "db":
				return 99.2, 99.9, false, true
			case kpi == "untargeted":
				return 1, math.NaN(), false, true
			}
			return 0, 0, false, false
		},
	}
}

func TestChecks(t *testing.T) {
	env := testEnv()
	tests := []struct {
		rule    Rule
		service string
		status  string
		message string
	}{
		{Rule{Check: "has_owner"}, "api", "pass", ""},
		{Rule{Check: "has_owner"}, "user-owned", "pass", ""},
		{Rule{Check: "has_owner"}, "bare", "fail", "no owner is declared"},
		{Rule{Check: "has_on_call"}, "api", "pass", ""},
		{Rule{Check: "has_on_call"}, "user-owned", "pass", ""}, // the user's team is on call
		{Rule{Check: "has_on_call"}, "db", "fail", "team quiet declares no on-call rotation"},
		{Rule{Check: "has_on_call"}, "bare", "fail", "no owner, so nobody is on call"},
		{Rule{Check: "has_on_call"}, "external", "fail", "the owner group:ops/sre is not a team of the handbook with an on-call rotation"},
		{Rule{Check: "has_slos"}, "db", "pass", ""},
		{Rule{Check: "has_slos"}, "bare", "fail", "no SLOs are declared"},
		{Rule{Check: "has_runbook"}, "api", "pass", ""},
		{Rule{Check: "has_runbook"}, "db", "fail", "no runbook names this service"},
		{Rule{Check: "alerts_have_runbooks"}, "api", "pass", ""},
		{Rule{Check: "alerts_have_runbooks"}, "db", "fail", "no runbook for alert DbFull"},
		{Rule{Check: "alerts_have_runbooks"}, "bare", "n/a", "the service declares no alerts"},
		{Rule{Check: "runbooks_reviewed", Days: 365}, "api", "pass", ""},
		{Rule{Check: "runbooks_reviewed", Days: 90}, "api", "fail", "runbook api-slow was last reviewed 2026-06-01, 180 days ago (more than 90)"},
		{Rule{Check: "runbooks_reviewed"}, "api", "pass", ""},
		{Rule{Check: "runbooks_reviewed"}, "stale", "fail", "runbook stale-rb is stale (last reviewed 2025-01-01)"},
		{Rule{Check: "runbooks_reviewed", Days: 30}, "never", "fail", "runbook never-rb has never been reviewed"},
		{Rule{Check: "runbooks_reviewed"}, "bare", "fail", "the service has no runbooks to review"},
		{Rule{Check: "has_adr"}, "api", "pass", ""},
		{Rule{Check: "has_adr"}, "db", "fail", "no ADR names this service"},
		{Rule{Check: "has_dashboards"}, "api", "pass", ""},
		{Rule{Check: "has_dashboards"}, "db", "fail", "no dashboards are listed"},
		{Rule{Check: "dependencies_declared"}, "db", "pass", ""},
		{Rule{Check: "dependencies_declared"}, "bare", "fail", "depends_on is not declared (write depends_on: [] when it has none)"},
		{Rule{Check: "kpi_target", KPI: "availability"}, "api", "pass", ""},
		{Rule{Check: "kpi_target", KPI: "availability"}, "db", "fail", "KPI availability is 99.2 against a target of 99.9"},
		{Rule{Check: "kpi_target", KPI: "availability"}, "bare", "fail", "no value of KPI availability is reported for this service"},
		{Rule{Check: "kpi_target", KPI: "untargeted"}, "api", "fail", "KPI untargeted has no target for this service"},
		{Rule{Check: "field", Field: "slos.latency_p95_ms", Op: "<=", Value: Value{Set: true, IsNum: true, Num: 300}}, "api", "pass", ""},
		{Rule{Check: "field", Field: "slos.latency_p95_ms", Op: "<=", Value: Value{Set: true, IsNum: true, Num: 300}}, "db", "fail", "slos.latency_p95_ms is 350; needs <= 300"},
		{Rule{Check: "field", Field: "slos.latency_p95_ms", Op: "<=", Value: Value{Set: true, IsNum: true, Num: 300}}, "bare", "fail", "slos.latency_p95_ms is not declared; needs <= 300"},
		{Rule{Check: "field", Field: "repo", Op: "exists"}, "bare", "fail", "repo is not declared"},
		{Rule{Check: "field", Field: "tags", Op: "==", Value: Value{Set: true, Str: "sox"}}, "api", "fail", "tags is [pci, public]; needs == sox"},
		// depends_on: [] is declared and empty, not undeclared; lists compared by length say how many entries they have.
		{Rule{Check: "field", Field: "depends_on", Op: ">=", Value: Value{Set: true, IsNum: true, Num: 1}}, "db", "fail", "depends_on has 0 entries; needs >= 1"},
		{Rule{Check: "field", Field: "depends_on", Op: ">=", Value: Value{Set: true, IsNum: true, Num: 1}}, "bare", "fail", "depends_on is not declared; needs >= 1"},
		{Rule{Check: "field", Field: "depends_on", Op: ">", Value: Value{Set: true, IsNum: true, Num: 1}}, "api", "fail", "depends_on has 1 entry; needs > 1"},
		{Rule{Check: "field", Field: "depends_on", Op: "exists"}, "db", "fail", "depends_on has no entries"},
		{Rule{Check: "field", Field: "depends_on", Op: "exists"}, "bare", "fail", "depends_on is not declared"},
		{Rule{Check: "field", Field: "tags", Op: "in", Value: Value{Set: true, IsList: true, List: []Value{{Set: true, Str: "pci"}}}}, "db", "fail", "tags has 0 entries; needs in [pci]"},
		// A rule limited by when: is n/a elsewhere.
		{Rule{Check: "has_slos", When: []Cond{{Field: "tier", Op: "==", Value: Value{Set: true, IsNum: true, Num: 1}}}}, "bare", "n/a", "applies only where tier == 1"},
		{Rule{Check: "has_slos", When: []Cond{{Field: "tier", Op: "==", Value: Value{Set: true, IsNum: true, Num: 1}}}}, "api", "pass", ""},
	}
	for _, tt := range tests {
		name := tt.rule.Check + "/" + tt.service
		t.Run(name, func(t *testing.T) {
			r := tt.rule
			o := env.Run(&r, env.Catalog.Service(tt.service))
			if o.Status != tt.status || o.Message != tt.message {
				t.Errorf("got %s %q, want %s %q", o.Status, o.Message, tt.status, tt.message)
			}
		})
	}
}

func TestChecksWithoutOtherKinds(t *testing.T) {
	env := &Env{Catalog: testEnv().Catalog, Now: today}
	svc := env.Catalog.Service("api")
	for _, check := range []string{"has_runbook", "has_adr", "kpi_target", "alerts_have_runbooks", "runbooks_reviewed"} {
		o := env.Run(&Rule{Check: check, KPI: "x"}, svc)
		if o.Status != catalog.StatusFail {
			t.Errorf("%s without the kind: %s %q", check, o.Status, o.Message)
		}
	}
}

func num(v float64) Value   { return Value{Set: true, IsNum: true, Num: v} }
func str(s string) Value    { return Value{Set: true, Str: s} }
func list(v ...Value) Value { return Value{Set: true, IsList: true, List: v} }

func TestOperators(t *testing.T) {
	env := testEnv()
	api, bare := env.Catalog.Service("api"), env.Catalog.Service("bare")
	tests := []struct {
		svc  *catalog.Service
		cond Cond
		want bool
	}{
		// Numbers.
		{api, Cond{Field: "tier", Op: "==", Value: num(1)}, true},
		{api, Cond{Field: "tier", Op: "!=", Value: num(1)}, false},
		{api, Cond{Field: "tier", Op: "<", Value: num(2)}, true},
		{api, Cond{Field: "tier", Op: "<=", Value: num(1)}, true},
		{api, Cond{Field: "tier", Op: ">", Value: num(1)}, false},
		{api, Cond{Field: "tier", Op: ">=", Value: num(1)}, true},
		{api, Cond{Field: "tier", Op: "in", Value: list(num(1), num(2))}, true},
		{api, Cond{Field: "tier", Op: "not_in", Value: list(num(2), num(3))}, true},
		{api, Cond{Field: "slos.availability", Op: ">=", Value: num(99.9)}, true},
		{api, Cond{Field: "slos.error_rate", Op: "exists"}, false},
		// Text.
		{api, Cond{Field: "lifecycle", Op: "==", Value: str("production")}, true},
		{api, Cond{Field: "lifecycle", Op: "!=", Value: str("deprecated")}, true},
		{api, Cond{Field: "lifecycle", Op: "in", Value: list(str("experimental"), str("production"))}, true},
		{api, Cond{Field: "lifecycle", Op: "not_in", Value: list(str("production"))}, false},
		{api, Cond{Field: "owner", Op: "exists"}, true},
		{api, Cond{Field: "owner_team", Op: "==", Value: str("payments")}, true},
		{api, Cond{Field: "on_call.rotation", Op: "==", Value: str("payments-primary")}, true},
		// Lists: == contains, in shares an element, < compares the length.
		{api, Cond{Field: "tags", Op: "==", Value: str("pci")}, true},
		{api, Cond{Field: "tags", Op: "!=", Value: str("pci")}, false},
		{api, Cond{Field: "tags", Op: "in", Value: list(str("sox"), str("public"))}, true},
		{api, Cond{Field: "tags", Op: "not_in", Value: list(str("sox"))}, true},
		{api, Cond{Field: "dashboards", Op: ">=", Value: num(2)}, true},
		{api, Cond{Field: "dashboards", Op: ">", Value: num(2)}, false},
		{api, Cond{Field: "runbooks", Op: "==", Value: str("api-down")}, true},
		{api, Cond{Field: "adrs", Op: "exists"}, true},
		{api, Cond{Field: "depends_on", Op: "==", Value: str("db")}, true},
		{bare, Cond{Field: "dashboards", Op: "<", Value: num(1)}, true},
		{bare, Cond{Field: "depends_on", Op: "<", Value: num(1)}, true}, // undeclared: no entries
		{bare, Cond{Field: "depends_on", Op: "exists"}, false},
		{bare, Cond{Field: "depends_on", Op: "not_in", Value: list(str("db"))}, true},
		// Undeclared fields satisfy only != and not_in.
		{bare, Cond{Field: "tier", Op: "==", Value: num(1)}, false},
		{bare, Cond{Field: "tier", Op: "!=", Value: num(1)}, true},
		{bare, Cond{Field: "tier", Op: "<", Value: num(5)}, false},
		{bare, Cond{Field: "tier", Op: "in", Value: list(num(1))}, false},
		{bare, Cond{Field: "tier", Op: "not_in", Value: list(num(1))}, true},
		{bare, Cond{Field: "tags", Op: "exists"}, false},
		{bare, Cond{Field: "on_call", Op: "exists"}, false},
		{bare, Cond{Field: "slos", Op: "exists"}, false},
		{bare, Cond{Field: "repo", Op: "exists", Value: str("false")}, true},
		{api, Cond{Field: "slos", Op: "exists", Value: str("true")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.svc.ID+" "+tt.cond.String(), func(t *testing.T) {
			if got := env.Holds(tt.svc, tt.cond); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, name := range FieldNames() {
		env.Get(api, name) // every field is readable
		env.Get(bare, name)
	}
}

func TestLevelOf(t *testing.T) {
	levels := []string{"bronze", "silver", "gold"}
	out := func(spec string) []Outcome {
		// "bronze:pass silver:fail" ...
		var res []Outcome
		for _, part := range strings.Fields(spec) {
			lvl, status, _ := strings.Cut(part, ":")
			res = append(res, Outcome{Rule: &Rule{Level: lvl}, Status: status})
		}
		return res
	}
	tests := []struct {
		name     string
		levels   []string
		outcomes string
		want     string
	}{
		{"all pass", levels, "bronze:pass silver:pass gold:pass", "gold"},
		{"no rules at all", levels, "", "gold"},
		{"lowest fails", levels, "bronze:fail silver:pass gold:pass", ""},
		{"middle fails", levels, "bronze:pass silver:fail gold:pass", "bronze"},
		{"top fails", levels, "bronze:pass silver:pass gold:fail", "silver"},
		{"higher passes do not count after a failure", levels, "bronze:pass silver:fail gold:pass gold:pass", "bronze"},
		{"n/a counts as passing", levels, "bronze:n/a silver:pass gold:n/a", "gold"},
		{"everything n/a", levels, "bronze:n/a silver:n/a gold:n/a", "gold"},
		{"a level without rules is reached", levels, "bronze:pass gold:fail", "silver"},
		{"one failure among passes", levels, "bronze:pass bronze:fail silver:pass", ""},
		{"rules listed out of order", levels, "gold:pass bronze:pass silver:fail", "bronze"},
		{"single level passes", []string{"ok"}, "ok:pass", "ok"},
		{"single level fails", []string{"ok"}, "ok:fail", ""},
		{"no levels", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LevelOf(tt.levels, out(tt.outcomes)); got != tt.want {
				t.Errorf("LevelOf = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEvaluateAndApplies(t *testing.T) {
	env := testEnv()
	scs, diags := parse(t, sample)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	sc := scs[0]
	// api passes everything but the gold review rule (a runbook reviewed 180 days ago).
	res := sc.Evaluate(env, env.Catalog.Service("api"))
	if res.Level != "silver" || len(res.Failing()) != 1 || res.Failing()[0].Rule.ID != "reviewed" {
		for _, o := range res.Outcomes {
			t.Logf("%s %s %s", o.Rule.ID, o.Status, o.Message)
		}
		t.Errorf("api level = %q", res.Level)
	}
	res = sc.Evaluate(env, env.Catalog.Service("db"))
	if res.Level != "" || len(res.Failing()) == 0 {
		t.Errorf("db level = %q", res.Level)
	}
	sc.When = []Cond{{Field: "lifecycle", Op: "==", Value: str("production")}}
	if !sc.Applies(env, env.Catalog.Service("api")) || sc.Applies(env, env.Catalog.Service("bare")) {
		t.Error("scorecard when:")
	}
}
