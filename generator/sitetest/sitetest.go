// Package sitetest builds small handbooks written inline as txtar archives,
// for tests of the pipeline and of each kind:
//
//	res := sitetest.Build(t, `
//	-- content/_index.md --
//	# Home
//	`, page.New())
//	res.WantNoErrors(t)
//	html := res.File(t, "index.html")
package sitetest

import (
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Now is the fixed "today" of every test build.
var Now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// Result is a finished test build.
type Result struct {
	Source string // the handbook folder
	Out    string // the output folder
	Res    *generator.Result
	Err    error
}

// Parse splits a txtar archive into file names and contents. Lines of the
// form "-- name --" start a file; text before the first is ignored.
func Parse(archive string) map[string]string {
	files := map[string]string{}
	var name string
	var b strings.Builder
	flush := func() {
		if name != "" {
			files[name] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		t := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			name = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if name != "" {
			b.WriteString(line)
		}
	}
	flush()
	return files
}

// Write writes the archive's files under dir.
func Write(t testing.TB, dir, archive string) {
	t.Helper()
	for name, body := range Parse(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Build writes archive to a temporary folder and builds it with kinds.
func Build(t testing.TB, archive string, kinds ...site.Kind) *Result {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, archive)
	return BuildDir(t, dir, filepath.Join(dir, "public"), kinds...)
}

// BuildDir builds the handbook in dir into out.
func BuildDir(t testing.TB, dir, out string, kinds ...site.Kind) *Result {
	t.Helper()
	res, err := generator.Build(context.Background(), generator.Options{
		Source: dir, Out: out, Kinds: kinds, Now: Now, Version: "test",
	})
	return &Result{Source: dir, Out: out, Res: res, Err: err}
}

// Check runs the pipeline without writing (almanac check).
func Check(t testing.TB, archive string, kinds ...site.Kind) *Result {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, archive)
	res, err := generator.Build(context.Background(), generator.Options{
		Source: dir, Out: filepath.Join(dir, "public"), Kinds: kinds, Now: Now, CheckOnly: true,
	})
	return &Result{Source: dir, Out: filepath.Join(dir, "public"), Res: res, Err: err}
}

// BuildDirResult wraps an output folder built elsewhere (by the CLI), for
// its File and Files helpers.
func BuildDirResult(out string) *Result { return &Result{Out: out} }

// Diags returns the diagnostics as "path:line:col: severity: message [rule]".
func (r *Result) Diags() []string {
	if r.Res == nil {
		return nil
	}
	var out []string
	for _, d := range r.Res.Diagnostics {
		out = append(out, d.String())
	}
	return out
}

// WantNoErrors fails the test if the build failed.
func (r *Result) WantNoErrors(t testing.TB) {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("build failed: %v\n%s", r.Err, strings.Join(r.Diags(), "\n"))
	}
}

// WantDiag fails the test unless a diagnostic equals want exactly.
func (r *Result) WantDiag(t testing.TB, want string) {
	t.Helper()
	for _, d := range r.Diags() {
		if d == want {
			return
		}
	}
	t.Errorf("missing diagnostic\n  want: %s\n  got:\n    %s", want, strings.Join(r.Diags(), "\n    "))
}

// File returns the content of an output file (slash path).
func (r *Result) File(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.Out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("output file %s: %v", rel, err)
	}
	return string(b)
}

// Files lists the output files (slash paths), sorted.
func (r *Result) Files(t testing.TB) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(r.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(r.Out, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

var attrRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// BrokenLinks walks every HTML file under out and returns each href or src
// that points inside the site but names no file, as "page: link".
func BrokenLinks(t testing.TB, out string) []string {
	t.Helper()
	var broken []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		for _, m := range attrRe.FindAllStringSubmatch(string(b), -1) {
			link := html.UnescapeString(m[1])
			if link == "" || strings.HasPrefix(link, "#") || strings.Contains(link, ":") || strings.HasPrefix(link, "//") {
				continue
			}
			if i := strings.IndexAny(link, "?#"); i >= 0 {
				link = link[:i]
			}
			if strings.HasPrefix(link, "/") {
				broken = append(broken, filepath.ToSlash(rel)+": "+m[1]+" (absolute path: breaks under a subpath)")
				continue
			}
			if u, err := url.PathUnescape(link); err == nil {
				link = u
			}
			target := filepath.Join(filepath.Dir(p), filepath.FromSlash(link))
			if !within(out, target) {
				broken = append(broken, filepath.ToSlash(rel)+": "+m[1]+" (leaves the site)")
				continue
			}
			st, err := os.Stat(target)
			if err == nil && st.IsDir() {
				_, err = os.Stat(filepath.Join(target, "index.html"))
			}
			if err != nil {
				broken = append(broken, filepath.ToSlash(rel)+": "+m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return broken
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, "../")
}

// Tree returns every output file's content keyed by path, for
// comparing two builds.
func Tree(t testing.TB, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// WantSearch checks the built site's search index: each query in want
// (a key) finds exactly the pages at the paths it maps to, sorted.
func (r *Result) WantSearch(t testing.TB, want map[string][]string) {
	t.Helper()
	idx := r.searchIndex(t)
	for _, query := range slices.Sorted(maps.Keys(want)) {
		if got := lookup(idx, query); !slices.Equal(got, want[query]) {
			t.Errorf("search %q = %v, want %v", query, got, want[query])
		}
	}
}

// searchIndex decodes the built site's search index (a site small enough
// for one part).
func (r *Result) searchIndex(t testing.TB) *search.Index {
	t.Helper()
	js := r.File(t, search.IndexPath)
	js = strings.TrimSuffix(strings.TrimPrefix(js, "window.ALMANAC_SEARCH="), ";\n")
	var idx search.Index
	if err := json.Unmarshal([]byte(js), &idx); err != nil {
		t.Fatalf("%s: %v", search.IndexPath, err)
	}
	return &idx
}

// lookup returns the sorted paths of the pages idx finds for query.
func lookup(idx *search.Index, query string) []string {
	var paths []string
	for _, d := range idx.Lookup(query) {
		paths = append(paths, d.Path)
	}
	sort.Strings(paths)
	return paths
}
