package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
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

func TestBuildSampleAndBackstage(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "-- content/_index.md --\n# Home\n\nSee [[service:ledger]], [[team:team-a]] and [[service:playback-order]].\n")
	copyFiles(t, "../../../data", filepath.Join(dir, "data"), func(n string) bool { return !strings.HasPrefix(n, "teams") && !strings.HasPrefix(n, "services") })
	copyFiles(t, backstageDir, filepath.Join(dir, "catalog"), func(n string) bool { return n == "invalid-component.yaml" })
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), catalog.New(), page.New())
	res.WantNoErrors(t)
	for _, d := range res.Diags() {
		t.Log(d)
	}
	for _, f := range []string{"services/index.html", "services/ledger/index.html", "services/graph/index.html", "teams/index.html", "teams/team-a/index.html", "catalog.json", "catalog.schema.json", "services/playback-order/index.html"} {
		res.File(t, f)
	}
	if out := os.Getenv("CATALOG_KEEP"); out != "" {
		os.RemoveAll(out)
		os.CopyFS(out, os.DirFS(res.Out))
	}
	if b := sitetest.BrokenLinks(t, res.Out); len(b) > 0 {
		t.Errorf("broken links:\n%s", strings.Join(b, "\n"))
	}
}
