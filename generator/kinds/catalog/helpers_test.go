package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// loadSite loads files (path -> YAML) with the catalog kind. root, when
// not empty, is the handbook root on disk (for catalog.backstage files).
func loadSite(t testing.TB, root string, files map[string]string) (*site.Site, *catalog.Catalog) {
	t.Helper()
	diags := &site.Diagnostics{}
	src := &site.Source{Root: root}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	cfg := site.DefaultConfig()
	for _, p := range paths {
		df := load.ParseYAML(p, []byte(files[p]), diags)
		if p == site.ConfigFile {
			if len(df.Docs) > 0 {
				cfg = site.ParseConfig(df.Docs[0], diags)
			}
			continue
		}
		src.Data = append(src.Data, df)
	}
	s := site.New(src, cfg, diags, nil, now)
	if err := catalog.New().Load(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s, catalog.Of(s)
}

// diagStrings returns the diagnostics as "path:line:col: severity: message [rule]".
func diagStrings(s *site.Site) []string {
	var out []string
	for _, d := range s.Diags.List() {
		out = append(out, d.String())
	}
	return out
}

func errorsOf(s *site.Site) []string {
	var out []string
	for _, d := range s.Diags.List() {
		if d.Severity == site.Error {
			out = append(out, d.String())
		}
	}
	return out
}

func wantNoErrors(t *testing.T, s *site.Site) {
	t.Helper()
	if errs := errorsOf(s); len(errs) > 0 {
		t.Fatalf("unexpected errors:\n%s", strings.Join(errs, "\n"))
	}
}

func wantDiag(t *testing.T, s *site.Site, want string) {
	t.Helper()
	for _, d := range diagStrings(s) {
		if d == want {
			return
		}
	}
	t.Errorf("missing diagnostic\n  want: %s\n  got:\n    %s", want, strings.Join(diagStrings(s), "\n    "))
}

// wantDiagPrefix checks a diagnostic starting with prefix and containing
// every one of parts.
func wantDiagPrefix(t *testing.T, s *site.Site, prefix string, parts ...string) {
	t.Helper()
next:
	for _, d := range diagStrings(s) {
		if !strings.HasPrefix(d, prefix) {
			continue
		}
		for _, p := range parts {
			if !strings.Contains(d, p) {
				continue next
			}
		}
		return
	}
	t.Errorf("missing diagnostic\n  want: %s ... %q\n  got:\n    %s", prefix, parts, strings.Join(diagStrings(s), "\n    "))
}

// backstageFiles returns the real-world Backstage samples as catalog/<name>.
func backstageFiles(t testing.TB, skipInvalid bool) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(backstageDir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if skipInvalid && e.Name() == "invalid-component.yaml" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(backstageDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files["catalog/"+e.Name()] = string(b)
	}
	return files
}

func ptr(f float64) *float64 { return &f }
