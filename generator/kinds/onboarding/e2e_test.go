package onboarding_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/onboarding"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func allKinds() []site.Kind {
	return []site.Kind{catalog.New(), adr.New(), runbook.New(), kpi.New(), ladder.New(), hiring.New(), onboarding.New(), page.New()}
}

// mainOf returns the <main> element of a page: what the kind's templates
// and sections render (the layout around it is the theme's).
func mainOf(t *testing.T, html string) string {
	t.Helper()
	i, j := strings.Index(html, "<main"), strings.Index(html, "</main>")
	if i < 0 || j < i {
		t.Fatalf("no <main> in\n%s", html)
	}
	return html[i:j+len("</main>")] + "\n"
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s", name, got)
	}
}

func TestGolden(t *testing.T) {
	res := sitetest.Build(t, worldHandbook, allKinds()...)
	res.WantNoErrors(t)
	for _, d := range res.Diags() {
		if strings.Contains(d, "onboarding") || strings.Contains(d, "ladder") {
			t.Errorf("diagnostic: %s", d)
		}
	}
	for file, name := range map[string]string{
		"onboarding/index.html":                  "index.golden",
		"onboarding/backend-payments/index.html": "plan.golden",
		"onboarding/teams/identity/index.html":   "team-identity.golden",
	} {
		golden(t, name, mainOf(t, res.File(t, file)))
	}
	for _, l := range sitetest.BrokenLinks(t, res.Out) {
		if strings.HasPrefix(l, "onboarding/") && !strings.Contains(l, "assets/") {
			t.Errorf("broken link %s", l)
		}
	}
	again := sitetest.Build(t, worldHandbook, allKinds()...)
	for _, f := range []string{"onboarding/backend-payments/index.html", "onboarding/teams/identity/index.html"} {
		if res.File(t, f) != again.File(t, f) {
			t.Errorf("two builds of %s differ", f)
		}
	}
}
