package generator_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
	"github.com/almanac-handbook/almanac/generator/write"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGoldenPages(t *testing.T) {
	res := sitetest.Build(t, readFixture(t, "basic.txtar"), page.New())
	res.WantNoErrors(t)
	for _, p := range []string{"index.html", "guide/index.html", "guide/setup/index.html", "guide/advanced/index.html"} {
		t.Run(p, func(t *testing.T) {
			got := res.File(t, p)
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(p, "/", "_"))
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s; run go test ./generator -update and review the diff", p, golden)
			}
		})
	}
}

func TestBuildOutputTree(t *testing.T) {
	res := sitetest.Build(t, readFixture(t, "basic.txtar"), page.New())
	res.WantNoErrors(t)
	files := strings.Join(res.Files(t), "\n")
	for _, want := range []string{"index.html", "guide/index.html", "guide/setup/index.html", "guide/diagram.png",
		"robots-extra.txt", "assets/site.css", "assets/site.js", "assets/chroma.css", "404.html", write.Marker} {
		if !strings.Contains("\n"+files+"\n", "\n"+want+"\n") {
			t.Errorf("output lacks %s; have:\n%s", want, files)
		}
	}
	setup := res.File(t, "guide/setup/index.html")
	for _, want := range []string{
		`<h2 id="install">Install<a class="anchor" href="#install"`,
		`<h2 id="install-1">`,
		`&lt;b&gt;raw&lt;/b&gt;`,         // raw HTML escaped by default
		`<img src="../diagram.png"`,      // asset link rewritten relative to the page
		`<a href="../../">Home</a>`,      // backlink from the home page
		`<dt>Term</dt>`,                  // definition list
		`<del>todo</del>`,                // strikethrough
		`type="checkbox"`,                // task list
		`class="footnotes"`,              // footnotes
		`&ldquo;quotes&rdquo; &ndash;`,   // typographer
		`<a href="https://example.com">`, // autolink
		`<link rel="canonical" href="https://example.org/handbook/guide/setup/">`,
		`href="https://git.example.org/org/handbook/edit/main/content/guide/setup.md"`,
	} {
		if !strings.Contains(setup, want) {
			t.Errorf("setup page lacks %s", want)
		}
	}
	if strings.Contains(setup, "javascript:") {
		t.Error("javascript: URL emitted")
	}
	home := res.File(t, "index.html")
	for _, want := range []string{`href="guide/setup/#install"`, `<a class="ref ref-page" href="guide/setup/">the setup guide</a>`, `<pre class="chroma">`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if strings.Count(home, "<h1") != 1 {
		t.Errorf("home page has %d h1 elements, want 1", strings.Count(home, "<h1"))
	}
}

func TestUnsafeHTMLOptIn(t *testing.T) {
	res := sitetest.Build(t, `
-- almanac.yaml --
markdown:
  unsafe_html: true
-- content/_index.md --
<b>bold</b> and [x](javascript:alert(1))
`, page.New())
	res.WantNoErrors(t)
	home := res.File(t, "index.html")
	if !strings.Contains(home, "<b>bold</b>") {
		t.Error("raw HTML not passed through with unsafe_html: true")
	}
	if strings.Contains(home, "javascript:") {
		t.Error("javascript: URL emitted even with unsafe_html")
	}
}

func TestRelativeLinksResolve(t *testing.T) {
	res := sitetest.Build(t, readFixture(t, "basic.txtar"), page.New())
	res.WantNoErrors(t)
	if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
		t.Errorf("broken links:\n%s", strings.Join(broken, "\n"))
	}
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, readFixture(t, "basic.txtar"))
	a := sitetest.BuildDir(t, dir, filepath.Join(t.TempDir(), "a"), page.New())
	b := sitetest.BuildDir(t, dir, filepath.Join(t.TempDir(), "b"), page.New())
	a.WantNoErrors(t)
	b.WantNoErrors(t)
	ta, tb := sitetest.Tree(t, a.Out), sitetest.Tree(t, b.Out)
	if len(ta) != len(tb) {
		t.Fatalf("builds wrote %d and %d files", len(ta), len(tb))
	}
	for p, body := range ta {
		if tb[p] != body {
			t.Errorf("%s differs between two builds of the same input", p)
		}
	}
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, readFixture(t, "basic.txtar"))
	out := filepath.Join(dir, "public")
	first := sitetest.BuildDir(t, dir, out, page.New())
	first.WantNoErrors(t)
	before := sitetest.Tree(t, out)

	broken := filepath.Join(dir, "content", "guide", "setup.md")
	if err := os.WriteFile(broken, []byte("---\ntitle: [unclosed\n---\nbody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := sitetest.BuildDir(t, dir, out, page.New())
	if !errors.Is(second.Err, site.ErrContent) {
		t.Fatalf("build of broken handbook: err = %v, want ErrContent", second.Err)
	}
	after := sitetest.Tree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files before, %d after", len(before), len(after))
	}
	for p, body := range before {
		if after[p] != body {
			t.Errorf("%s changed after a failed build", p)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "almanac-tmp") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// editingKind rewrites a file of the handbook once every kind has linked:
// an author saving while a build runs.
type editingKind struct{ file string }

func (k editingKind) Name() string                           { return "editing" }
func (k editingKind) Load(context.Context, *site.Site) error { return nil }
func (k editingKind) Emit(context.Context, *site.Site) error {
	return os.WriteFile(k.file, []byte("# Setup\n\n## Install\n\nSaved while the build ran.\n"), 0o644)
}

// TestFileEditedDuringBuild saves a file while a build runs, after its
// links were checked. A body the build parsed to check is rendered then
// (resolve.Spill): the site shows what was checked. A body whose summary
// came from the cache is read again to be rendered, and a changed file
// stops the build with an error naming it, leaving nothing behind. Either
// way the next build shows the edit.
func TestFileEditedDuringBuild(t *testing.T) {
	tests := []struct {
		name     string
		warm     bool // a build before fills the cache with the body summaries
		wantErr  bool
		wantText string // on the setup page, when the build succeeds
	}{
		{name: "parsed while checking", wantText: "Some <em>text</em> with a footnote"},
		{name: "summary from the cache", warm: true, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.Write(t, dir, readFixture(t, "basic.txtar"))
			cache := &memCache{} // bench_test.go's
			build := func(out string, kinds ...site.Kind) (*generator.Result, error) {
				return generator.Build(context.Background(), generator.Options{
					Source: dir, Out: out, Kinds: kinds, Now: sitetest.Now, Version: "test", Cache: cache,
				})
			}
			if tt.warm {
				if _, err := build(filepath.Join(t.TempDir(), "public"), page.New()); err != nil {
					t.Fatal(err)
				}
			}
			// A fresh output, so that no page can be kept from a build before.
			out := filepath.Join(t.TempDir(), "public")
			edited := filepath.Join(dir, "content", "guide", "setup.md")
			_, err := build(out, page.New(), editingKind{file: edited})
			if tt.wantErr {
				if !errors.Is(err, load.ErrChanged) {
					t.Fatalf("err = %v, want load.ErrChanged", err)
				}
				if !strings.Contains(err.Error(), "content/guide/setup.md") {
					t.Errorf("error %q does not name the edited file", err)
				}
				if strings.HasPrefix(err.Error(), "theme:") {
					t.Errorf("error %q blames the theme", err)
				}
				entries, rerr := os.ReadDir(filepath.Dir(out))
				if rerr != nil {
					t.Fatal(rerr)
				}
				for _, e := range entries {
					t.Errorf("the failed build left %s behind", e.Name())
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				got := sitetest.BuildDirResult(out).File(t, "guide/setup/index.html")
				if !strings.Contains(got, tt.wantText) || strings.Contains(got, "Saved while the build ran.") {
					t.Errorf("setup page does not show the body that was checked:\n%s", got)
				}
				entries, rerr := os.ReadDir(filepath.Dir(out))
				if rerr != nil {
					t.Fatal(rerr)
				}
				for _, e := range entries {
					if e.Name() != "public" {
						t.Errorf("the build left %s next to its output", e.Name())
					}
				}
			}

			again := sitetest.BuildDir(t, dir, filepath.Join(t.TempDir(), "public"), page.New())
			again.WantNoErrors(t)
			if got := again.File(t, "guide/setup/index.html"); !strings.Contains(got, "Saved while the build ran.") {
				t.Error("the next build does not show the edit")
			}
		})
	}
}

// TestSpilledBodiesMatchRendered checks that a body rendered while its
// links are checked (resolve.Spill, when the build parses it) is the body
// rendered when the page is written (when its summary comes from the
// cache), byte for byte, on the fixtures with every kind of link.
func TestSpilledBodiesMatchRendered(t *testing.T) {
	for _, fixture := range []string{"basic.txtar"} {
		t.Run(fixture, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.Write(t, dir, readFixture(t, fixture))
			cache := &memCache{} // bench_test.go's
			build := func(out string) map[string]string {
				t.Helper()
				if _, err := generator.Build(context.Background(), generator.Options{
					Source: dir, Out: out, Kinds: []site.Kind{page.New()}, Now: sitetest.Now, Version: "test", Cache: cache,
				}); err != nil {
					t.Fatal(err)
				}
				return sitetest.Tree(t, out)
			}
			spilled := build(filepath.Join(t.TempDir(), "public"))  // parses every body
			rendered := build(filepath.Join(t.TempDir(), "public")) // every summary cached
			if len(spilled) != len(rendered) {
				t.Fatalf("%d files, then %d", len(spilled), len(rendered))
			}
			for p, body := range spilled {
				if rendered[p] != body {
					t.Errorf("%s differs between a spilled and a rendered body", p)
				}
			}
		})
	}
}

func TestOutGuard(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, readFixture(t, "basic.txtar"))
	home := t.TempDir() // a folder of the user's, not made by almanac
	precious := filepath.Join(home, "thesis.txt")
	if err := os.WriteFile(precious, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := sitetest.BuildDir(t, dir, home, page.New())
	if !errors.Is(res.Err, write.ErrNotOurs) {
		t.Fatalf("build into a foreign folder: err = %v, want ErrNotOurs", res.Err)
	}
	if b, err := os.ReadFile(precious); err != nil || string(b) != "years of work" {
		t.Fatalf("user file damaged: %q, %v", b, err)
	}
	// An empty folder, or one almanac made, is fine.
	res = sitetest.BuildDir(t, dir, t.TempDir(), page.New())
	res.WantNoErrors(t)
	res2 := sitetest.BuildDir(t, dir, res.Out, page.New())
	res2.WantNoErrors(t)
}

func TestFrontMatterErrorsStopTheBuild(t *testing.T) {
	res := sitetest.Build(t, `
-- content/a.md --
---
title: A
wieght: 3
---
body
`, page.New())
	if !errors.Is(res.Err, site.ErrContent) {
		t.Fatalf("err = %v, want ErrContent", res.Err)
	}
	res.WantDiag(t, `content/a.md:3:1: error: unknown key "wieght" (did you mean "weight"?); known keys: date, description, draft, slug, tags, title, weight [yaml]`)
}

func TestConfigUnknownKey(t *testing.T) {
	res := sitetest.Build(t, `
-- almanac.yaml --
title: X
base_ulr: https://example.org/
-- content/_index.md --
hi
`, page.New())
	if !errors.Is(res.Err, site.ErrContent) {
		t.Fatalf("err = %v, want ErrContent", res.Err)
	}
	want := `almanac.yaml:2:1: error: unknown key "base_ulr" in almanac.yaml (did you mean "base_url"?)`
	found := false
	for _, d := range res.Diags() {
		found = found || strings.HasPrefix(d, want)
	}
	if !found {
		t.Errorf("want a diagnostic starting %q, got %q", want, res.Diags())
	}
}

func TestBrokenLinksAreErrors(t *testing.T) {
	res := sitetest.Build(t, `
-- content/_index.md --
# Home

See [missing](nope.md), [anchor](other.md#nowhere) and [[page:nope]].
And [here](#no-such-heading).
-- content/other.md --
## Somewhere
`, page.New())
	if !errors.Is(res.Err, site.ErrContent) {
		t.Fatalf("err = %v, want ErrContent", res.Err)
	}
	res.WantDiag(t, `content/_index.md:3:5: error: link to "nope.md": no such page or file (looked for content/nope.md) [link-broken]`)
	res.WantDiag(t, `content/_index.md:3:25: error: link to "other.md#nowhere": Other has no heading with id "nowhere" (did you mean "somewhere"?) [link-anchor]`)
	res.WantDiag(t, `content/_index.md:3:56: error: [[page:nope]] names no known page [ref-unknown]`)
	res.WantDiag(t, `content/_index.md:4:5: error: link to #no-such-heading, but this page has no heading with that id [link-anchor]`)
}

func TestURLConflict(t *testing.T) {
	tests := []struct{ name, archive, want string }{
		{"two files", `
-- content/a-b.md --
one
-- content/A B.md --
two
`, "content/a-b.md:1:1: error: content/a-b.md and content/A B.md both have the URL /a-b/; rename one of them or set a different slug [url-conflict]"},
		// The ADRs live elsewhere, and a folder content/adr/ has no
		// _index.md: its section page takes the ADR index's URL.
		{"a folder's section page and a kind's page", `
-- almanac.yaml --
adr: {dir: [decisions]}
-- content/decisions/0001-d.md --
---
title: D
status: accepted
date: 2026-01-01
---
Text.
-- content/adr/notes.md --
Notes.
`, `(generated): error: the section page "Adr" of a content folder without an _index.md and the generated adr page "Architecture decisions" both have the URL /adr/; rename one of them or set a different slug [url-conflict]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sitetest.Build(t, tt.archive, all.Kinds()...)
			if !errors.Is(res.Err, site.ErrContent) {
				t.Fatalf("err = %v, want ErrContent", res.Err)
			}
			var got []string
			for _, d := range res.Diags() {
				if strings.Contains(d, "[url-conflict]") {
					got = append(got, d)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("url-conflict findings %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRefAnchors(t *testing.T) {
	res := sitetest.Build(t, `
-- content/_index.md --
See [[page:guide#install]] and [[page:guide#nowhere]].
-- content/guide.md --
## Install
`, page.New())
	res.WantDiag(t, `content/_index.md:1:32: error: [[page:guide#nowhere]]: Guide has no heading with id "nowhere" [link-anchor]`)
	if len(res.Diags()) != 1 {
		t.Errorf("diagnostics: %q", res.Diags())
	}
}

// TestPagesOfOneFileHaveHistory checks that a page made from a part of a
// file (a ladder's level pages, a service's page) shows when that file last changed and
// links it for editing, and that edit links name the handbook's folder
// inside its repository.
func TestPagesOfOneFileHaveHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	dir := filepath.Join(repo, "docs")
	sitetest.Write(t, dir, `
-- almanac.yaml --
repo_url: https://git.example.org/org/mono
-- content/_index.md --
# Home
-- content/ladders/backend.md --
---
title: Backend ladder
levels:
  - {id: E1, title: Engineer}
  - {id: E2, title: Senior Engineer}
competencies:
  - id: design
    name: Design
    expectations: {E1: Explains the design., E2: Designs services.}
---
-- data/teams.yaml --
teams:
  - id: alpha
    name: Alpha
-- data/services.yaml --
services:
  - id: api
    name: API
    owner: alpha
`)
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "ladder"}} {
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_AUTHOR_DATE=2026-03-02T09:30:00Z",
			"GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=a@example.org", "GIT_COMMITTER_DATE=2026-03-02T09:30:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	res := sitetest.BuildDir(t, dir, filepath.Join(t.TempDir(), "out"), all.Kinds()...)
	res.WantNoErrors(t)
	for page, file := range map[string]string{
		"ladders/backend/index.html":         "content/ladders/backend.md",
		"ladders/backend/e2/index.html":      "content/ladders/backend.md",
		"ladders/backend/compare/index.html": "content/ladders/backend.md",
		"services/api/index.html":            "data/services.yaml",
		"teams/alpha/index.html":             "data/teams.yaml",
	} {
		html := res.File(t, page)
		for _, want := range []string{"Last changed 2026-03-02 by Ada", `href="https://git.example.org/org/mono/edit/main/docs/` + file + `"`} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}
