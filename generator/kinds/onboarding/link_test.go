package onboarding_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/onboarding"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// withFile returns the world handbook with one more (or a replaced) file.
func withFile(name, body string) string {
	files := sitetest.Parse(worldHandbook)
	files[name] = body
	var b strings.Builder
	for _, n := range sortedNames(files) {
		b.WriteString("-- " + n + " --\n" + files[n])
	}
	return b.String()
}

func sortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestLinkChecks(t *testing.T) {
	const file = "content/onboarding/bad.md"
	phases := "phases:\n  - {days: 30, tasks: [a]}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no role", "---\n" + phases + "---\n", []string{
			file + ":1:1: error: plan has no role; add role: LADDER#LEVEL naming the ladder level the new hire joins at, such as backend#E1 [onboarding-role]"}},
		{"unknown level", "---\nrole: backend#E5\n" + phases + "---\n", []string{
			file + ":2:7: error: plan role \"backend#E5\": ladder \"backend\" has no level \"E5\" (did you mean \"E1\"?); levels: E1, E2 [onboarding-unknown-role]"}},
		{"unknown ladder", "---\nrole: frontend#E1\n" + phases + "---\n", []string{
			file + ":2:7: error: plan role \"frontend#E1\" names no known ladder \"frontend\"; ladders: backend [onboarding-unknown-role]"}},
		{"unknown team", "---\nrole: backend#E1\nteam: paymnts\n" + phases + "---\n", []string{
			file + ":3:7: error: team \"paymnts\" is not in the catalog (did you mean \"payments\"?); teams: identity, payments [onboarding-team]"}},
		{"unknown reading", "---\nrole: backend#E1\nphases:\n  - {days: 30, tasks: [a], reading: [adr:9, 'runbook:payments-latncy', 'pgae:x']}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n---\n", []string{
			file + ":4:38: error: reading list: [[adr:9]] names no known adr (did you mean \"1\"?) [onboarding-reading]",
			file + ":4:45: error: reading list: [[runbook:payments-latncy]] names no known runbook (did you mean \"payments-latency\"?) [onboarding-reading]",
			file + ":4:72: error: reading list: unknown reference kind \"pgae\" in [[pgae:x]] (did you mean \"page\"?); known kinds: …"}},
		{"unknown ladder level in reading", "---\nrole: backend#E1\nphases:\n  - {days: 30, tasks: [a], reading: ['ladder:backend#E9', 'ladder:backend#e2', 'page:handbook/on-call#x']}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n---\n", []string{
			file + ":4:38: error: reading list: [[ladder:backend#E9]] names no known ladder (did you mean \"backend#E1\"?) [onboarding-reading]"}},
		{"unknown ref in a task", "---\nrole: backend#E1\nphases:\n  - {days: 30, tasks: ['See [[service:nope]]']}\n  - {days: 60, tasks: [b]}\n  - {days: 90, tasks: [c]}\n---\n", []string{
			file + ":4:29: error: [[service:nope]] names no known service [ref-unknown]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sitetest.Check(t, withFile(file, tt.text), allKinds()...)
			var got []string
			for _, d := range res.Diags() {
				if strings.HasPrefix(d, file) {
					// The list of known kinds depends on the other kinds.
					if i := strings.Index(d, "; known kinds: "); i >= 0 {
						d = d[:i] + "; known kinds: …"
					}
					got = append(got, d)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
			}
		})
	}
}

func TestDefaultPlanChecks(t *testing.T) {
	res := sitetest.Check(t, withFile("almanac.yaml", "onboarding:\n  default: enginer\n"), allKinds()...)
	res.WantDiag(t, `almanac.yaml:2:12: error: onboarding.default names no onboarding plan "enginer" (did you mean "engineer"?); plans: backend-payments, engineer [onboarding-default]`)

	res = sitetest.Check(t, withFile("almanac.yaml", "onboarding:\n  defualt: engineer\n"), allKinds()...)
	res.WantDiag(t, `almanac.yaml:2:3: error: unknown key "defualt" (did you mean "default"?); known keys: default [yaml]`)
}

// planData returns the page data of the plan page at path.
func planData(t *testing.T, s *site.Site, path string) *onboarding.PageData {
	t.Helper()
	p := s.PageAt(path)
	if p == nil {
		t.Fatalf("no page %s", path)
	}
	return p.Data.(*onboarding.PageData)
}

func TestTeamWorldListsExactlyTheTeamsItems(t *testing.T) {
	res := sitetest.Build(t, worldHandbook, allKinds()...)
	res.WantNoErrors(t)
	s := res.Res.Site
	type want struct{ services, runbooks, adrs, kpis, escalation string }
	for team, w := range map[string]want{
		"payments": {"ledger,payments-api", "payments-latency", "1,3", "deployment_frequency,mttr", "Primary@0,Amara@15"},
		"identity": {"sso", "sso-down", "2,3", "deployment_frequency", ""},
	} {
		world := onboarding.TeamWorld(s, team)
		if world == nil {
			t.Fatalf("no world for %s", team)
		}
		var svc, rb, adrs, kpis, esc []string
		for _, r := range world.Services {
			svc = append(svc, r.Service.ID)
		}
		for _, r := range world.Runbooks {
			rb = append(rb, r.ID)
		}
		for _, a := range world.ADRs {
			adrs = append(adrs, a.ADR.ID)
		}
		for _, k := range world.KPIs {
			kpis = append(kpis, k.ID)
		}
		if world.OnCall != nil {
			for _, e := range world.OnCall.Escalation {
				esc = append(esc, e.Who+"@"+strconv.Itoa(e.AfterMinutes))
			}
		}
		got := want{strings.Join(svc, ","), strings.Join(rb, ","), strings.Join(adrs, ","), strings.Join(kpis, ","), strings.Join(esc, ",")}
		if got != w {
			t.Errorf("%s world:\n got %+v\nwant %+v", team, got, w)
		}
	}
	if onboarding.TeamWorld(s, "nope") != nil {
		t.Error("world of an unknown team")
	}

	// The pages show the same lists, and nothing of the other team.
	pay := res.File(t, "onboarding/backend-payments/index.html")
	world := pay[strings.Index(pay, `id="world-title"`):]
	for _, want := range []string{"services/ledger/", "services/payments-api/", "runbooks/payments-latency/", "adr/0001/", "adr/0003/", "kpis/mttr/", "99.95%", "280 ms", "payments-primary", "(after 15 min)"} {
		if !strings.Contains(world, want) {
			t.Errorf("payments world lacks %s", want)
		}
	}
	for _, not := range []string{"services/sso/", "runbooks/sso-down/", "adr/0002/"} {
		if strings.Contains(world, not) {
			t.Errorf("payments world shows %s", not)
		}
	}
	id := res.File(t, "onboarding/teams/identity/index.html")
	idWorld := id[strings.Index(id, `id="world-title"`):]
	for _, want := range []string{"services/sso/", "runbooks/sso-down/", "adr/0002/", "adr/0003/", "kpis/deployment_frequency/", "The team declares no on-call rotation."} {
		if !strings.Contains(idWorld, want) {
			t.Errorf("identity world lacks %s", want)
		}
	}
	for _, not := range []string{"services/ledger/", "runbooks/payments-latency/", "adr/0001/", "kpis/mttr/"} {
		if strings.Contains(idWorld, not) {
			t.Errorf("identity world shows %s", not)
		}
	}
}

func TestGeneratedTeamPlans(t *testing.T) {
	res := sitetest.Build(t, worldHandbook, allKinds()...)
	res.WantNoErrors(t)
	s := res.Res.Site
	m := onboarding.Of(s)
	if m.Default == nil || m.Default.ID != "engineer" {
		t.Fatalf("default = %v", m.Default)
	}
	if len(m.Generated) != 1 || m.Generated[0].TeamID != "identity" || m.Generated[0].Path() != "onboarding/teams/identity/" {
		t.Fatalf("generated = %+v", m.Generated)
	}
	if s.PageAt("onboarding/teams/payments/") != nil {
		t.Error("payments has its own plan; none should be generated")
	}
	d := planData(t, s, "onboarding/teams/identity/")
	if d.World == nil || d.Plan.Title != "Engineer onboarding: Identity" || d.StorageKey != "almanac:onboarding:onboarding/teams/identity/" {
		t.Errorf("generated page data = %+v", d)
	}
	if !strings.Contains(string(d.Body), `href="../../../handbook/on-call/"`) {
		t.Errorf("the default plan's text, with links relative to the generated page: %s", d.Body)
	}
	// Tasks keep the default plan's ids, on a page of their own.
	def := planData(t, s, "onboarding/engineer/")
	if d.Plan.Phases[0].Tasks[0].ID != def.Plan.Phases[0].Tasks[0].ID || d.Plan.Phases[0].Tasks[0] == def.Plan.Phases[0].Tasks[0] {
		t.Error("generated tasks must be copies with the same ids")
	}
	if def.World != nil {
		t.Error("the default plan has no team, so no world")
	}
	// Without a default, nothing is generated.
	res = sitetest.Build(t, withFile("almanac.yaml", "title: T\n"), allKinds()...)
	res.WantNoErrors(t)
	if g := onboarding.Of(res.Res.Site).Generated; len(g) != 0 {
		t.Errorf("generated without a default: %v", g)
	}
}

func TestContributions(t *testing.T) {
	res := sitetest.Build(t, worldHandbook, allKinds()...)
	res.WantNoErrors(t)
	titles := func(subject string) string {
		var out []string
		for _, sec := range onboarding.New().Contribute(res.Res.Site, subject) {
			for _, p := range sec.Data.([]*onboarding.Plan) {
				out = append(out, sec.Title+"="+p.Path())
			}
		}
		return strings.Join(out, ",")
	}
	for subject, want := range map[string]string{
		"team:payments":     "Onboarding=onboarding/backend-payments/",
		"team:identity":     "Onboarding=onboarding/teams/identity/",
		"team:nope":         "",
		"ladder:backend#E2": "Onboarding plans=onboarding/backend-payments/",
		"ladder:backend#E1": "Onboarding plans=onboarding/engineer/",
		"ladder:backend":    "",
		"service:ledger":    "",
	} {
		if got := titles(subject); got != want {
			t.Errorf("Contribute(%s) = %q, want %q", subject, got, want)
		}
	}
	if team := res.File(t, "teams/identity/index.html"); !strings.Contains(team, `<a href="../../onboarding/teams/identity/">Engineer onboarding: Identity</a>`) {
		t.Error("the team page does not link its onboarding")
	}
	if lvl := res.File(t, "ladders/backend/e2/index.html"); !strings.Contains(lvl, `<a href="../../../onboarding/backend-payments/">Backend engineer on Payments</a>`) {
		t.Error("the level page does not link its onboarding plan")
	}
}

// With no plans at all, onboarding.default gets one finding, whether or not
// the folder has an introduction.
func TestDefaultPlanWithoutPlans(t *testing.T) {
	const want = `almanac.yaml:2:12: error: onboarding.default names plan "engineer", but there are no onboarding plans (content/onboarding/*.md) [onboarding-default]`
	for _, intro := range []string{"", "-- content/onboarding/_index.md --\n# Onboarding\n"} {
		res := sitetest.Check(t, "-- almanac.yaml --\nonboarding:\n  default: engineer\n-- content/_index.md --\n# Home\n"+intro, allKinds()...)
		var got []string
		for _, d := range res.Diags() {
			if strings.HasSuffix(d, "[onboarding-default]") {
				got = append(got, d)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("with intro %q: findings %q, want one: %s", intro, got, want)
		}
	}
}

// TestGeneratedPlanBuddy checks whose buddy a generated plan names: a
// default plan without a team names one for every team; a default plan of
// one team names one of its own people, so other teams' plans say their
// lead pairs the new hire with someone instead.
func TestGeneratedPlanBuddy(t *testing.T) {
	tests := []struct{ name, config, wantBuddy, wantHTML string }{
		{"default plan of no team", "onboarding:\n  default: engineer\n", "A teammate", "<dd>A teammate</dd>"},
		{"default plan of a team", "onboarding:\n  default: backend-payments\n", "", "<dd>Dan, the team lead, pairs you with one.</dd>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sitetest.Build(t, withFile("almanac.yaml", "title: Test\n"+tt.config), allKinds()...)
			res.WantNoErrors(t)
			g := onboarding.Of(res.Res.Site).Generated
			var identity *onboarding.Plan
			for _, p := range g {
				if p.TeamID == "identity" {
					identity = p
				}
			}
			if identity == nil {
				t.Fatalf("no plan generated for identity: %+v", g)
			}
			if identity.Buddy != tt.wantBuddy {
				t.Errorf("buddy = %q, want %q", identity.Buddy, tt.wantBuddy)
			}
			if html := res.File(t, "onboarding/teams/identity/index.html"); !strings.Contains(html, tt.wantHTML) {
				t.Errorf("the identity plan's page lacks %s", tt.wantHTML)
			}
		})
	}
}
