package catalog_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
)

const teamsList = `- id: payments
  name: Payments
  description: Money movement.
  lead: Amara Okafor
  channel: "#team-payments"
  members:
    - {name: Amara Okafor, role: Engineering Manager, handle: "@amara"}
    - Priya Raman
  on_call:
    rotation: payments-primary
    schedule: https://pd.example/payments
    current: "@priya"
    escalation:
      - {who: Primary, after_minutes: 0}
      - {who: Secondary, after: 10}
      - {who: Manager, minutes: "25m"}
      - {who: Head of Engineering, after_minutes: 1h}
  links:
    - {title: Roadmap, url: https://wiki.example/roadmap}
    - https://jira.example/PAY
- id: platform
  on_call:
    name: platform-primary
    url: https://pd.example/platform
`

const servicesList = `- id: payments-api
  name: Payments API
  description: Public API.
  owner: payments
  tier: 1
  lifecycle: production
  language: Go
  repo: https://github.com/x/payments-api
  system: money
  depends_on: [ledger]
  slos: {availability: 99.95, latency_p95_ms: 280, error_rate: 0.2}
  alerts: [PaymentsApiHighLatency]
  dashboards:
    - {name: Golden signals, url: https://grafana.example/d/p}
  tags: [payments, pci]
  links:
    - {title: OpenAPI, url: https://github.com/x/openapi.yaml}
- id: ledger
  owner: payments
  tier: tier-2
  slos: {availability: "99.9%", latency_p95: 350ms}
  depends_on: []
- id: flags
  owner: platform
  tier: 3
  lifecycle: experimental
`

func TestNativeTopLevelLists(t *testing.T) {
	s, c := loadSite(t, "", map[string]string{"data/teams.yaml": teamsList, "data/services.yaml": servicesList})
	wantNoErrors(t, s)
	if got := len(diagStrings(s)); got != 0 {
		t.Errorf("want no diagnostics, got %q", diagStrings(s))
	}
	pay := c.Team("payments")
	if pay == nil {
		t.Fatal("team payments missing")
	}
	wantOnCall := &catalog.OnCall{Rotation: "payments-primary", Schedule: "https://pd.example/payments", Current: "@priya",
		Escalation: []catalog.EscalationLevel{{"Primary", 0}, {"Secondary", 10}, {"Manager", 25}, {"Head of Engineering", 60}}}
	if !reflect.DeepEqual(pay.OnCall, wantOnCall) {
		t.Errorf("on_call = %+v, want %+v", pay.OnCall, wantOnCall)
	}
	wantMembers := []catalog.Member{{Name: "Amara Okafor", Role: "Engineering Manager", Handle: "@amara"}, {Name: "Priya Raman"}}
	if !reflect.DeepEqual(pay.Members, wantMembers) {
		t.Errorf("members = %+v", pay.Members)
	}
	wantLinks := []catalog.Link{{"Roadmap", "https://wiki.example/roadmap"}, {"https://jira.example/PAY", "https://jira.example/PAY"}}
	if !reflect.DeepEqual(pay.Links, wantLinks) {
		t.Errorf("links = %+v", pay.Links)
	}
	if pay.Lead != "Amara Okafor" || pay.Channel != "#team-payments" || pay.Description != "Money movement." || pay.Pos.String() != "data/teams.yaml:1:7" {
		t.Errorf("team = %+v", pay)
	}
	if oc := c.Team("platform").OnCall; oc == nil || oc.Rotation != "platform-primary" || oc.Schedule != "https://pd.example/platform" {
		t.Errorf("platform on_call = %+v", oc)
	}
	if c.Team("platform").Name != "platform" {
		t.Errorf("name defaults to id")
	}

	api := c.Service("payments-api")
	want := &catalog.Service{ID: "payments-api", Name: "Payments API", Description: "Public API.", Owner: "payments", Tier: 1,
		Lifecycle: "production", Language: "Go", Repo: "https://github.com/x/payments-api", DependsOn: []string{"ledger"},
		Alerts: []string{"PaymentsApiHighLatency"}, Tags: []string{"payments", "pci"},
		SLOs:       catalog.SLOs{Availability: ptr(99.95), LatencyP95Ms: ptr(280), ErrorRate: ptr(0.2)},
		Dashboards: []catalog.Link{{"Golden signals", "https://grafana.example/d/p"}},
		Links:      []catalog.Link{{"OpenAPI", "https://github.com/x/openapi.yaml"}},
		System:     "money", DependenciesDeclared: true}
	if api.Pos.String() != "data/services.yaml:1:7" {
		t.Errorf("pos = %s", api.Pos)
	}
	want.Pos = api.Pos
	got := *api
	got = stripUnexported(got)
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("service\n got %+v\nwant %+v", got, *want)
	}
	ledger := c.Service("ledger")
	if ledger.Tier != 2 || *ledger.SLOs.Availability != 99.9 || *ledger.SLOs.LatencyP95Ms != 350 || ledger.SLOs.ErrorRate != nil {
		t.Errorf("ledger = %+v", ledger)
	}
	if !ledger.DependenciesDeclared || len(ledger.DependsOn) != 0 || !reflect.DeepEqual(ledger.Dependents, []string{"payments-api"}) {
		t.Errorf("ledger deps = %v declared=%v dependents=%v", ledger.DependsOn, ledger.DependenciesDeclared, ledger.Dependents)
	}
	if c.Service("flags").DependenciesDeclared {
		t.Error("flags declares no depends_on")
	}
	if ids := serviceIDs(c.ServicesOf("payments")); !reflect.DeepEqual(ids, []string{"ledger", "payments-api"}) {
		t.Errorf("ServicesOf(payments) = %v", ids)
	}
	if x := c.System("money"); x == nil || !reflect.DeepEqual(x.Services, []string{"payments-api"}) || x.External {
		t.Errorf("system money = %+v", x)
	}
	if c.Service("nope") != nil || c.Team("nope") != nil {
		t.Error("unknown ids must be nil")
	}
	for _, e := range []string{"service:payments-api", "team:payments", "system:money"} {
		kind, id, _ := strings.Cut(e, ":")
		if _, ok := s.Entity(kind, id); !ok {
			t.Errorf("entity %s not registered", e)
		}
	}
	for _, p := range []string{"services/", "services/payments-api/", "services/graph/", "teams/", "teams/payments/"} {
		pg := s.PageAt(p)
		if pg == nil {
			t.Errorf("page %s missing", p)
			continue
		}
		if strings.HasPrefix(p, "services/payments") && pg.Subject != "service:payments-api" {
			t.Errorf("page %s subject %q", p, pg.Subject)
		}
	}
	if pg := s.PageAt("teams/payments/"); pg.Subject != "team:payments" {
		t.Errorf("team page subject %q", pg.Subject)
	}
}

func stripUnexported(s catalog.Service) catalog.Service {
	return catalog.Service{ID: s.ID, Name: s.Name, Description: s.Description, Owner: s.Owner, Tier: s.Tier, Lifecycle: s.Lifecycle,
		Language: s.Language, Repo: s.Repo, DependsOn: s.DependsOn, Alerts: s.Alerts, Tags: s.Tags, SLOs: s.SLOs, Dashboards: s.Dashboards,
		Links: s.Links, Levels: s.Levels, Results: s.Results, System: s.System, Type: s.Type, Ref: s.Ref, DependenciesDeclared: s.DependenciesDeclared,
		Dependents: s.Dependents, ExternalDeps: s.ExternalDeps, ProvidesAPIs: s.ProvidesAPIs, ConsumesAPIs: s.ConsumesAPIs, Pos: s.Pos}
}

func serviceIDs(list []*catalog.Service) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

func TestNativeMappingFormAndCatalogFolder(t *testing.T) {
	s, c := loadSite(t, "", map[string]string{
		"data/teams.yaml":         "teams:\n  - id: a\n    name: A\n",
		"data/services.yaml":      "services:\n  - id: one\n    owner: a\n",
		"data/catalog/more.yaml":  "teams:\n  - id: b\nservices:\n  - id: two\n    owner: b\n    depends_on: one\nsystems:\n  - id: sys\n    name: The system\n    owner: b\n",
		"data/catalog/extra.yaml": "- id: three\n  owner: a\n",
		"data/kpis.yaml":          "kpis: []\n", // not the catalog's
	})
	wantNoErrors(t, s)
	if got := serviceIDs(c.Services); !reflect.DeepEqual(got, []string{"one", "three", "two"}) {
		t.Errorf("services = %v", got)
	}
	if c.Team("b") == nil || c.Service("two").DependsOn[0] != "one" {
		t.Errorf("data/catalog not read: %+v", c.Service("two"))
	}
	if x := c.System("sys"); x == nil || x.Owner != "b" || x.Name != "The system" {
		t.Errorf("system = %+v", x)
	}
	if got := s.Source.ClaimedBy("data/kpis.yaml"); got != "" {
		t.Errorf("data/kpis.yaml claimed by %q", got)
	}
	if got := s.Source.ClaimedBy("data/catalog/more.yaml"); got != "catalog" {
		t.Errorf("data/catalog/more.yaml claimed by %q", got)
	}
}

func TestNativeDiagnostics(t *testing.T) {
	const teams = "- id: payments\n- id: platform\n"
	tests := []struct {
		name     string
		files    map[string]string
		want     string   // exact diagnostic, or a prefix when parts are set
		parts    []string // substrings the diagnostic must contain
		noErrors bool
	}{
		{name: "unknown key", files: map[string]string{"data/services.yaml": "- id: a\n  ownr: payments\n"},
			want: `data/services.yaml:2:3: error: unknown key "ownr" (did you mean "owner"?)`, parts: []string{"[yaml]"}},
		{name: "unknown top-level key", files: map[string]string{"data/services.yaml": "service:\n  - id: a\n"},
			want: `data/services.yaml:1:1: error: unknown key "service" (did you mean "services"?); a catalog file holds teams:, services: and systems: lists [catalog-format]`},
		{name: "duplicate service", files: map[string]string{"data/services.yaml": "- id: a\n- id: b\n- id: a\n"},
			want: `data/services.yaml:3:7: error: duplicate service id "a": already defined at data/services.yaml:1:7 [service-duplicate-id]`},
		{name: "duplicate team across files", files: map[string]string{"data/teams.yaml": teams, "data/catalog/t.yaml": "teams:\n  - id: payments\n"},
			want: `data/teams.yaml:1:7: error: duplicate team id "payments": already defined at data/catalog/t.yaml:2:9 [team-duplicate-id]`},
		{name: "unknown owner", files: map[string]string{"data/teams.yaml": teams, "data/services.yaml": "- id: a\n  owner: paymnets\n"},
			want: `data/services.yaml:2:10: error: service a: owner "paymnets" is not a team in the catalog (did you mean "payments"?); teams are defined in data/teams.yaml (or as Backstage Groups); known teams: payments, platform [catalog-unknown-owner]`},
		{name: "unknown dependency", files: map[string]string{"data/services.yaml": "- id: ledger\n- id: a\n  depends_on: [ledgr]\n"},
			want: `data/services.yaml:3:16: error: service a: depends_on names "ledgr", which is not a service in the catalog (did you mean "ledger"?) [catalog-unknown-dependency]`},
		{name: "tier 1 without owner", files: map[string]string{"data/services.yaml": "- id: a\n  tier: 1\n  slos: {availability: 99.9}\n"},
			want: `data/services.yaml:2:9: error: service a is tier 1 but has no owner; add owner: <team id> so that someone is paged when it breaks [catalog-tier1-owner]`},
		{name: "tier 1 without SLO", files: map[string]string{"data/teams.yaml": teams, "data/services.yaml": "- id: a\n  owner: payments\n  tier: 1\n"},
			want: `data/services.yaml:3:9: error: service a is tier 1 but declares no SLOs; add slos: {availability: 99.9, latency_p95_ms: 300, error_rate: 0.5} with its real objectives [catalog-tier1-slo]`},
		{name: "dependency cycle", files: map[string]string{"data/services.yaml": "- id: a\n  depends_on: [b]\n- id: b\n  depends_on: [c]\n- id: c\n  depends_on: [a]\n"},
			want:     `data/services.yaml:2:16: warning: dependency cycle: a → b → c → a; services in a cycle cannot be started or recovered one at a time — break the cycle with an asynchronous boundary (events, a queue) or merge the services [catalog-dependency-cycle]`,
			noErrors: true},
		{name: "self dependency", files: map[string]string{"data/services.yaml": "- id: a\n  depends_on: [a]\n"},
			want:     `data/services.yaml:2:16: warning: dependency cycle: a → a; services in a cycle cannot be started or recovered one at a time — break the cycle with an asynchronous boundary (events, a queue) or merge the services [catalog-dependency-cycle]`,
			noErrors: true},
		{name: "bad tier", files: map[string]string{"data/services.yaml": "- id: a\n  tier: 5\n"},
			want: `data/services.yaml:2:9: error: tier must be 1, 2 or 3 (1 = most critical), not the number 5 [catalog-tier]`},
		{name: "bad lifecycle", files: map[string]string{"data/services.yaml": "- id: a\n  lifecycle: prodution\n"},
			want: `data/services.yaml:2:14: error: unknown lifecycle "prodution" (did you mean "production"?); use one of: experimental, production, deprecated [catalog-lifecycle]`},
		{name: "availability out of range", files: map[string]string{"data/services.yaml": "- id: a\n  slos: {availability: 120}\n"},
			want: `data/services.yaml:2:24: error: slos.availability is a percentage between 0 and 100, not 120 [catalog-slo]`},
		{name: "availability as fraction", files: map[string]string{"data/services.yaml": "- id: a\n  slos:\n    availability: 0.999\n"},
			want: `data/services.yaml:3:19: warning: slos.availability is a percentage: 0.999 means 0.999 %; write 99.9 for 99.9 % [catalog-slo]`, noErrors: true},
		{name: "unknown slo", files: map[string]string{"data/services.yaml": "- id: a\n  slos: {availabilty: 99}\n"},
			want: `data/services.yaml:2:10: error: unknown key "availabilty" (did you mean "availability"?)`},
		{name: "slo not a number", files: map[string]string{"data/services.yaml": "- id: a\n  slos: {error_rate: high}\n"},
			want: `data/services.yaml:2:22: error: expected a number, got "high" for "error_rate" [yaml]`},
		{name: "missing id", files: map[string]string{"data/services.yaml": "- name: A\n"},
			want: `data/services.yaml:1:3: error: this service has no id; add id: with a short lowercase name such as "payments" [catalog-missing-id]`},
		{name: "bad id", files: map[string]string{"data/teams.yaml": "- id: Team Payments\n"},
			want: `data/teams.yaml:1:7: error: team id "Team Payments" may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit (it becomes part of a URL); try "team-payments" [catalog-id]`},
		{name: "reserved id", files: map[string]string{"data/services.yaml": "- id: graph\n"},
			want: `data/services.yaml:1:7: error: service id "graph" is reserved: services/graph/ is the dependency graph page; choose another id [catalog-id]`},
		{name: "link without url", files: map[string]string{"data/services.yaml": "- id: a\n  links:\n    - {title: Docs}\n"},
			want: `data/services.yaml:3:7: error: this entry of links has no url; add url: https://... [catalog-link]`},
		{name: "link unknown key", files: map[string]string{"data/services.yaml": "- id: a\n  dashboards:\n    - {titel: Docs, url: x}\n"},
			want: `data/services.yaml:3:8: error: unknown key "titel" (did you mean "title"?)`},
		{name: "escalation twice", files: map[string]string{"data/teams.yaml": "- id: a\n  on_call:\n    escalation:\n      - {who: x, after: 1, minutes: 2}\n"},
			want: `data/teams.yaml:4:37: error: this step already says after how many minutes; keep only after_minutes [catalog-escalation]`},
		{name: "escalation bad minutes", files: map[string]string{"data/teams.yaml": "- id: a\n  on_call:\n    escalation:\n      - {who: x, after_minutes: soon}\n"},
			want: `data/teams.yaml:4:33: error: after_minutes must be a whole number of minutes such as 15, not "soon" [catalog-escalation]`},
		{name: "escalation without who", files: map[string]string{"data/teams.yaml": "- id: a\n  on_call:\n    escalation:\n      - {after_minutes: 5}\n"},
			want: `data/teams.yaml:4:9: error: an escalation step needs who: (a person, role or rotation to page) [catalog-escalation]`},
		{name: "escalation order", files: map[string]string{"data/teams.yaml": "- id: a\n  on_call:\n    escalation:\n      - {who: x, after_minutes: 10}\n      - {who: y, after_minutes: 5}\n"},
			want: `data/teams.yaml:5:9: warning: escalation step 2 comes after 5 minutes, earlier than the step before it (10 minutes); list steps in the order they are paged [catalog-escalation-order]`, noErrors: true},
		{name: "rotation and name", files: map[string]string{"data/teams.yaml": "- id: a\n  on_call: {rotation: x, name: y}\n"},
			want: `data/teams.yaml:2:32: error: rotation and name mean the same thing here; keep only rotation [catalog-format]`},
		{name: "member without name", files: map[string]string{"data/teams.yaml": "- id: a\n  members:\n    - {role: SRE}\n"},
			want: `data/teams.yaml:3:7: error: a member needs a name (or at least a handle) [catalog-member]`},
		{name: "not a list", files: map[string]string{"data/services.yaml": "services: payments\n"},
			want: `data/services.yaml:1:11: error: services must be a list (one "- id: ..." entry per item), not "payments" [catalog-format]`},
		{name: "scalar file", files: map[string]string{"data/teams.yaml": "hello\n"},
			want: `data/teams.yaml:1:1: error: a catalog file must hold a list of teams or a mapping with teams: and services: lists, not "hello" [catalog-format]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := loadSite(t, "", tt.files)
			if tt.parts != nil || strings.Contains(tt.name, "unknown key") || strings.HasPrefix(tt.name, "unknown slo") || tt.name == "link unknown key" {
				wantDiagPrefix(t, s, tt.want, tt.parts...)
			} else {
				wantDiag(t, s, tt.want)
			}
			if tt.noErrors {
				wantNoErrors(t, s)
			}
		})
	}
}

func TestCycleReportedOnce(t *testing.T) {
	s, _ := loadSite(t, "", map[string]string{"data/services.yaml": "- id: a\n  depends_on: [b, c]\n- id: b\n  depends_on: [a]\n- id: c\n  depends_on: [a]\n- id: d\n  depends_on: [a]\n"})
	var cycles []string
	for _, d := range diagStrings(s) {
		if strings.Contains(d, "catalog-dependency-cycle") {
			cycles = append(cycles, d)
		}
	}
	if len(cycles) != 1 || !strings.Contains(cycles[0], "a → b → a") {
		t.Errorf("cycles = %q", cycles)
	}
}

// URLs that run code or embed content when clicked are dropped with a
// warning, as in Markdown, so they reach neither the pages nor catalog.json.
func TestUnsafeURLs(t *testing.T) {
	const hint = " dropped; Almanac never emits javascript:, vbscript:, file: or non-image data: URLs, so link to an https:// page instead [link-unsafe]"
	tests := []struct {
		name, file, body, want string
	}{
		{"on-call schedule", "data/teams.yaml", "- id: a\n  on_call:\n    rotation: a\n    schedule: \"javascript:alert(1)\"\n",
			`data/teams.yaml:4:15: warning: unsafe URL "javascript:alert(1)" in on_call.schedule` + hint},
		{"on-call schedule_url", "data/teams.yaml", "- id: a\n  on_call: {schedule_url: \"java\\tscript:x\"}\n",
			`data/teams.yaml:2:27: warning: unsafe URL "java\tscript:x" in on_call.schedule_url` + hint},
		{"team link", "data/teams.yaml", "- id: a\n  links:\n    - {title: Wiki, url: \"vbscript:x\"}\n",
			`data/teams.yaml:3:26: warning: unsafe URL "vbscript:x" in links` + hint},
		{"team link as text", "data/teams.yaml", "- id: a\n  links: [\"file:///etc/passwd\"]\n",
			`data/teams.yaml:2:11: warning: unsafe URL "file:///etc/passwd" in links` + hint},
		{"dashboard", "data/services.yaml", "- id: a\n  dashboards:\n    - {name: D, url: \"data:text/html,<script>alert(document.cookie)</script>\"}\n",
			`data/services.yaml:3:22: warning: unsafe URL "data:text/html,<script>alert(document.co…" in dashboards` + hint},
		{"repo", "data/services.yaml", "- id: a\n  repo: \" JavaScript:x\"\n",
			`data/services.yaml:2:9: warning: unsafe URL " JavaScript:x" in repo` + hint},
		{"backstage link", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  links:\n    - {url: \"javascript:x\", title: X}\nspec: {owner: t}\n",
			`catalog/a.yaml:6:13: warning: unsafe URL "javascript:x" in metadata.links` + hint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := loadSite(t, "", map[string]string{tt.file: tt.body})
			wantNoErrors(t, s)
			wantDiag(t, s, tt.want)
			b, err := c.Export("").JSON()
			if err != nil {
				t.Fatal(err)
			}
			for _, scheme := range []string{"script:", "file:", "data:"} {
				if strings.Contains(strings.ToLower(string(b)), scheme) {
					t.Errorf("catalog.json holds %q:\n%s", scheme, b)
				}
			}
		})
	}
}
