package kpi_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/chart"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

const handbook = `
-- content/_index.md --
# Home

See [[kpi:deployment_frequency]] and [[kpi:availability|availability]].
-- data/teams.yaml --
teams:
  - {id: payments, name: Payments}
  - {id: platform, name: Platform}
-- data/services.yaml --
services:
  - id: api-gateway
    name: API Gateway
    owner: platform
    tier: 1
    slos: {availability: 99.95, latency_p95_ms: 120, error_rate: 0.1}
  - id: ledger
    name: Ledger
    owner: payments
    tier: 2
    slos: {availability: 99.9, latency_p95_ms: 300, error_rate: 0.5}
  - id: search
    name: Search
    owner: platform
    tier: 3
  - id: refunds
    name: Refunds
    owner: payments
-- data/kpis.yaml --
kpis:
  - id: availability
    name: Availability
    category: outcome
    unit: percent
    direction: higher_is_better
    target: {1: 99.95, 2: 99.9, 3: 99.5}
    scope: service
    description: Share of valid requests served successfully.
    why: Customers feel downtime. See [[kpi:deployment_frequency]].
    guidance: Compare a service with its own SLO.
  - id: deployment_frequency
    name: "Deploys </script><script>alert(1)</script> & <b>more</b>"
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
  - id: mttr
    name: Time to restore
    category: reliability
    unit: minutes
    direction: lower_is_better
    target: 60
  - id: stakeholder_satisfaction
    name: Stakeholder satisfaction
    category: stakeholder
    unit: score
    direction: higher_is_better
    target: 4
-- data/metrics/2026-09.yaml --
period: 2026-09
org: {deployment_frequency: 6, lead_time: 30}
teams:
  payments: {deployment_frequency: 2, lead_time: 100, change_failure_rate: 22, mttr: 300}
services:
  api-gateway: {availability: 99.9}
  ledger: {availability: 99.95}
notes:
  services:
    api-gateway: {availability: "Failover </script> test"}
-- data/metrics/2026-10.yaml --
period: 2026-10
org:
  deployment_frequency: 8
  lead_time:
teams:
  payments: {deployment_frequency: 8, lead_time: 20, change_failure_rate: 4, mttr: 45}
services:
  api-gateway: {availability: {value: 99.97, note: Recovered}}
  ledger: {availability: 99.8, deployment_frequency: 12, lead_time: 10}
`

func kinds() []site.Kind { return []site.Kind{catalog.New(), kpi.New(), page.New()} }

func TestSite(t *testing.T) {
	res := sitetest.Build(t, handbook, kinds()...)
	res.WantNoErrors(t)
	for _, d := range res.Diags() {
		if strings.Contains(d, "kpi") {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	files := strings.Join(res.Files(t), "\n")
	for _, want := range []string{"kpis/index.html", "kpis/availability/index.html", "kpis/deployment_frequency/index.html", "dora/index.html"} {
		if !strings.Contains(files, want) {
			t.Errorf("missing %s", want)
		}
	}
	if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
		t.Errorf("broken links:\n%s", strings.Join(broken, "\n"))
	}

	index := res.File(t, "kpis/index.html")
	for _, want := range []string{
		`<h2 id="cat-output-title">Output</h2>`,
		`<a href="deployment_frequency/">`, // relative link
		`<span class="badge badge-at-risk">at risk</span>`,
		`kpi-trend kpi-better`,
		`<svg class="sparkline"`,
		`1 met</span>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("kpis/index.html lacks %q", want)
		}
	}
	// The scorecard has sparklines but no chart: no echarts.
	if strings.Contains(index, chart.ScriptPath) {
		t.Error("kpis/ loads echarts without a chart")
	}
	// Categories come in the balanced-scorecard order.
	if i, j := strings.Index(index, `id="cat-output"`), strings.Index(index, `id="cat-stakeholder"`); i < 0 || j < i {
		t.Error("categories out of order")
	}

	avail := res.File(t, "kpis/availability/index.html")
	for _, want := range []string{
		"Why it matters", "Customers feel downtime.", "How to use it",
		`<script src="../../assets/vendor/echarts/echarts.min.js" defer></script>`,
		`id="kpi_availability_services_1"`, `id="kpi_availability_services_2"`, // one chart per target
		`Target (SLO)`,
		`Failover \u003c/script\u003e test`, // a note inside JSON is escaped
		`<td class="num kpi-cell-missed" title="Failover &lt;/script&gt; test">99.9%<sup>*</sup></td>`,
	} {
		if !strings.Contains(avail, want) {
			t.Errorf("kpis/availability/ lacks %q", want)
		}
	}

	// The service page gets SLOs, error budget and charts, and loads echarts.
	svc := res.File(t, "services/api-gateway/index.html")
	for _, want := range []string{
		`id="kpi-slos"`, `id="kpi-error-budget"`, `id="kpi-charts"`,
		// September used 43.2 of 21.6 minutes, October 13.392 of 22.32;
		// August has no snapshot, so it does not count.
		`used 56.6 min of 43.9 min allowed, burn rate 1.29×`,
		`(2 of 3 periods reported; the budget of the whole quarter is 66.2 min)`,
		chart.ScriptPath,
	} {
		if !strings.Contains(svc, want) {
			t.Errorf("services/api-gateway/ lacks %q", want)
		}
	}
	// ledger reports DORA keys: its page gets the band, as team pages do;
	// api-gateway reports none, and neither does its team.
	ledger := res.File(t, "services/ledger/index.html")
	for _, want := range []string{`id="kpi-dora"`, `Latest (2026-10): <span class="badge badge-elite">elite</span> <span class="muted">(2 of 4 keys)</span>`} {
		if !strings.Contains(ledger, want) {
			t.Errorf("services/ledger/ lacks %q", want)
		}
	}
	if strings.Contains(ledger, "the team that owns this service") {
		t.Error("services/ledger/ shows its team's DORA band instead of its own")
	}
	// refunds reports nothing: its page shows its team's band, and says so.
	refunds := res.File(t, "services/refunds/index.html")
	for _, want := range []string{`id="kpi-dora"`, `<p>The DORA keys of <a href="../../teams/payments/">Payments</a>, the team that owns this service; the service reports none of its own.</p>`,
		`Latest (2026-10): <span class="badge badge-elite">elite</span>`} {
		if !strings.Contains(refunds, want) {
			t.Errorf("services/refunds/ lacks %q", want)
		}
	}
	if strings.Contains(svc, `id="kpi-dora"`) {
		t.Error("services/api-gateway/ has a DORA band without DORA data")
	}
	// search has no SLO and no data: no sections, no echarts.
	if s := res.File(t, "services/search/index.html"); strings.Contains(s, "kpi-error-budget") || strings.Contains(s, chart.ScriptPath) {
		t.Error("services/search/ got KPI sections")
	}
	team := res.File(t, "teams/payments/index.html")
	for _, want := range []string{`id="kpi-dora"`, `<span class="badge badge-elite">elite</span>`, `id="kpi-service-levels"`, chart.ScriptPath} {
		if !strings.Contains(team, want) {
			t.Errorf("teams/payments/ lacks %q", want)
		}
	}
	dora := res.File(t, "dora/index.html")
	for _, want := range []string{`id="dora-team-payments"`, `badge-low`, `badge-elite`} {
		if !strings.Contains(dora, want) {
			t.Errorf("dora/ lacks %q", want)
		}
	}
	if strings.Contains(dora, chart.ScriptPath) {
		t.Error("dora/ has no chart but loads echarts")
	}
}

var scriptRe = regexp.MustCompile(`(?is)<script\b[^>]*>`)

// TestScriptInName checks that a KPI name holding </script> renders as
// text everywhere: the only </script> tags are those closing our own
// script elements.
func TestScriptInName(t *testing.T) {
	res := sitetest.Build(t, handbook, kinds()...)
	res.WantNoErrors(t)
	for _, f := range res.Files(t) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		html := res.File(t, f)
		opens := len(scriptRe.FindAllString(html, -1))
		closes := strings.Count(strings.ToLower(html), "</script>")
		if opens != closes {
			t.Errorf("%s: %d <script> but %d </script>: user text broke out", f, opens, closes)
		}
		if strings.Contains(html, "<script>alert(1)") || strings.Contains(html, "<b>more</b>") {
			t.Errorf("%s: the KPI name was not escaped", f)
		}
	}
	page := res.File(t, "kpis/deployment_frequency/index.html")
	if !strings.Contains(page, `Deploys &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;`) {
		t.Error("the name is not shown as text")
	}
	if !strings.Contains(page, `Deploys \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \u003cb\u003emore\u003c/b\u003e`) {
		t.Error("the name is not escaped in the chart's JSON")
	}
}

// TestDeterministic builds twice and compares every KPI page byte for byte.
func TestDeterministic(t *testing.T) {
	a := sitetest.Build(t, handbook, kinds()...)
	b := sitetest.Build(t, handbook, kinds()...)
	a.WantNoErrors(t)
	ta, tb := sitetest.Tree(t, a.Out), sitetest.Tree(t, b.Out)
	n := 0
	for path, body := range ta {
		if !strings.HasPrefix(path, "kpis/") && !strings.HasPrefix(path, "dora/") && !strings.HasPrefix(path, "services/") && !strings.HasPrefix(path, "teams/") {
			continue
		}
		if strings.Contains(body, `class="chart-block"`) {
			n++
		}
		if tb[path] != body {
			t.Errorf("%s differs between two builds", path)
		}
	}
	if n < 5 {
		t.Errorf("only %d pages with charts compared", n)
	}
}

func TestSiteWithoutCatalog(t *testing.T) {
	res := sitetest.Build(t, `
-- data/kpis.yaml --
- {id: a, name: A, category: cost, unit: count, direction: lower_is_better, target: 3}
-- data/metrics/2026-10.yaml --
period: 2026-10
org: {a: 2}
teams: {t: {a: 1}}
`, kpi.New(), page.New())
	res.WantDiag(t, `data/metrics/2026-10.yaml:3:9: error: unknown team "t"; teams are defined in data/teams.yaml (or the catalog); none is defined yet [kpi-unknown-team]`)
}

func TestNoKPIs(t *testing.T) {
	res := sitetest.Build(t, "-- content/_index.md --\n# Home\n", kpi.New(), page.New())
	res.WantNoErrors(t)
	for _, f := range res.Files(t) {
		if strings.HasPrefix(f, "kpis/") || strings.HasPrefix(f, "dora/") {
			t.Errorf("%s written without KPIs", f)
		}
	}
	if m := kpi.Of(res.Res.Site); m == nil || len(m.KPIs) != 0 {
		t.Error("Of should give an empty model")
	}
	if _, _, _, ok := kpi.Of(nil).Latest("x", "org", ""); ok {
		t.Error("Latest on an empty model")
	}
}
