package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/scorecard"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

const backstageDir = "../../../../shared/realworld/backstage"

// copyTree copies files into dir/sub.
func copyFiles(t *testing.T, from, to string, skip func(string) bool) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || (skip != nil && skip(e.Name())) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const testScorecards = `scorecards:
  - id: production-readiness
    name: Production readiness
    description: What a service needs before it carries customer traffic. See [[team:payments]].
    levels: [bronze, silver, gold]
    rules:
      - id: has-owner
        name: Has an owning team
        level: bronze
        check: has_owner
        fix: Add ` + "`owner:`" + ` to the service in data/services.yaml.
      - id: on-call
        name: Owner is on call
        level: bronze
        check: has_on_call
        fix: Give the team an on_call rotation.
      - id: slos
        name: Declares SLOs
        level: silver
        check: has_slos
      - id: deps
        name: Dependencies declared
        level: silver
        check: dependencies_declared
        fix: Write depends_on, even if empty.
      - id: dashboards
        name: Has dashboards
        level: gold
        check: has_dashboards
      - id: tier1-latency
        name: Tier-1 latency budget
        level: gold
        check: field
        field: slos.latency_p95_ms
        op: "<="
        value: 300
        when: {field: tier, op: "==", value: 1}
`

func TestBuildSampleAndBackstage(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "-- content/_index.md --\n# Home\n\nSee [[service:ledger]], [[team:team-a]] and [[service:playback-order]].\n")
	copyFiles(t, "../../../data", filepath.Join(dir, "data"), func(n string) bool { return !strings.HasPrefix(n, "teams") && !strings.HasPrefix(n, "services") })
	copyFiles(t, backstageDir, filepath.Join(dir, "catalog"), func(n string) bool { return n == "invalid-component.yaml" })
	sitetest.Write(t, dir, "-- data/scorecards.yaml --\n"+testScorecards)
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), catalog.New(), scorecard.New(), page.New())
	res.WantNoErrors(t)
	for _, d := range res.Diags() {
		t.Log(d)
	}
	for _, f := range []string{"services/index.html", "services/ledger/index.html", "services/graph/index.html", "teams/index.html", "teams/team-a/index.html", "catalog.json", "catalog.schema.json", "services/playback-order/index.html"} {
		res.File(t, f)
	}
	if b := sitetest.BrokenLinks(t, res.Out); len(b) > 0 {
		t.Errorf("broken links:\n%s", strings.Join(b, "\n"))
	}
}
