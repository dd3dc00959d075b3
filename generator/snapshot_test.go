package generator_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSnapshotPatchesProseEdits runs almanac build's sequence of builds, each
// as a new process would (nothing kept in memory, a snapshot on disk), over
// a series of edits, and checks after each one that the output is exactly
// what a cold build gives, manifest included, and that only an edit of
// pages' prose or headings (see TestSnapshotPatchesKindBodies for kinds
// other than plain pages), or no change at all, skips the full build.
func TestSnapshotPatchesProseEdits(t *testing.T) {
	type step struct {
		name    string
		edit    func(t *testing.T, dir string)
		patched bool // the build may patch the site from its snapshot
		wantErr bool
	}
	write := func(file, body string) func(*testing.T, string) {
		return func(t *testing.T, dir string) { writeFile(t, dir, file, body) }
	}
	touch := func(file string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			later := time.Now().Add(time.Minute)
			if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(file)), later, later); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(file string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
				t.Fatal(err)
			}
		}
	}
	symlink := func(target, file string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(file))); err != nil {
				t.Fatal(err)
			}
		}
	}
	steps := []step{
		{"nothing changed", func(*testing.T, string) {}, true, false},
		{"prose only", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\nOther prose, with `code`.\n"), true, false},
		{"prose again, with code", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\nMore.\n\n```go\nfunc f() {}\n```\n"), true, false},
		{"saved unchanged", touch("content/a.md"), true, false},
		{"a new heading", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n"), true, false},
		{"a third heading: a table of contents", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\n### Notes\n"), true, false},
		{"a heading's text", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\n### Notes\n\n## Notes\n"), true, false},
		{"a heading no link points at renamed", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\n## Remarks\n"), true, false},
		{"a heading no link points at removed", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n"), true, false},
		{"the heading b's link points at renamed", write("content/a.md", "---\ntitle: A\n---\n## Introduction\n\n## Details\n"), false, true},
		{"a new link", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [B](b.md).\n"), false, false},
		{"prose next to the link", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nDo see [B](b.md) first.\n"), true, false},
		{"two pages' prose", func(t *testing.T, dir string) {
			write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nDo see [B](b.md) soon.\n")(t, dir)
			write("content/b.md", "---\ntitle: B\n---\nB links to [the intro of A](a.md#intro).\n")(t, dir)
		}, true, false},
		{"a broken link", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [C](c.md).\n"), false, true},
		// The failed build left the output, and the snapshot, as they were.
		{"the link mended", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [B](b.md).\n"), true, false},
		{"prose of another page after that", write("content/b.md", "---\ntitle: B\n---\nB links to [the intro of A](a.md#intro), still.\n"), true, false},
		{"prose after the mend", write("content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [B](b.md), please.\n"), true, false},
		{"a new title", write("content/a.md", "---\ntitle: A renamed\n---\n## Intro\n\n## Details\n\nSee [B](b.md), please.\n"), false, false},
		{"an ADR's body", write("content/adr/0001-x.md", "---\ntitle: X\nstatus: accepted\ndate: 2026-01-01\n---\nAnother decision text.\n"), true, false},
		{"the home page's prose", write("content/_index.md", "---\ntitle: Home\n---\nBegin with [A](a.md) and [[adr:1]].\n"), true, false},
		{"a new page", write("content/c.md", "---\ntitle: C\n---\nNew.\n"), false, false},
		{"prose of the new page", write("content/c.md", "---\ntitle: C\n---\nNewer.\n"), true, false},
		{"a page removed", remove("content/c.md"), false, false},
		{"the config", write("almanac.yaml", "title: Renamed handbook\n"), false, false},
		{"prose after the config", write("content/b.md", "---\ntitle: B\n---\nB links to [A's intro](a.md#intro).\n"), true, false},
		{"the output removed", remove("public"), false, false},
		{"prose after that", write("content/b.md", "---\ntitle: B\n---\nB links to [the intro](a.md#intro).\n"), true, false},
		// What a full build refuses, a patch refuses too.
		{"a symbolic link out of the handbook", symlink("../../outside.md", "content/leak.md"), false, true},
		{"that link removed", remove("content/leak.md"), true, false},
		{"a dangling symbolic link", symlink("nowhere.md", "content/dangling.md"), false, true},
		{"that link removed too", remove("content/dangling.md"), true, false},
		{"a page grown past the size limit", write("content/b.md", "---\ntitle: B\n---\n"+strings.Repeat("x", load.MaxFileSize)+"\n"), false, true},
		{"prose nested too deep", write("content/b.md", "---\ntitle: B\n---\n"+strings.Repeat("[", 2000)+"\n"), false, true},
		{"the page small again", write("content/b.md", "---\ntitle: B\n---\nB links to [A's intro](a.md#intro) again.\n"), true, false},
		{"a template of the handbook's own", write("templates/page/page.html", "{{define \"main\"}}<div class=\"mine\">{{.Page.Content}}</div>{{end}}\n"), false, false},
		{"prose under that template", write("content/b.md", "---\ntitle: B\n---\nB links to [A's intro](a.md#intro).\n"), false, false},
	}
	dir := filepath.Join(t.TempDir(), "handbook")
	sitetest.Write(t, dir, incrementalBase)
	writeFile(t, filepath.Dir(dir), "outside.md", "# Not the handbook's\n")
	out := filepath.Join(dir, "public")
	cache := filepath.Join(dir, ".almanac", "cache")
	build := func() (*generator.Result, error) {
		return generator.Build(context.Background(), generator.Options{
			Source: dir, Out: out, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
			Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"),
		})
	}
	if res, err := build(); err != nil || res.Patched {
		t.Fatalf("first build: patched = %v, err = %v; want a full build", res != nil && res.Patched, err)
	}
	for _, st := range steps {
		st.edit(t, dir)
		res, err := build()
		if (err != nil) != st.wantErr {
			t.Fatalf("%s: err = %v, want error %v", st.name, err, st.wantErr)
		}
		if err != nil {
			continue
		}
		if res.Patched != st.patched {
			t.Errorf("%s: patched = %v, want %v", st.name, res.Patched, st.patched)
		}
		wantLikeColdBuild(t, st.name, dir, out)
	}
}

// TestSnapshotKeepsWarnings checks that a patched build reports the
// warnings of the handbook as a full build does.
func TestSnapshotKeepsWarnings(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase+`
-- content/w.md --
---
title: W
---
An [unsafe link](javascript:alert(1)).
`)
	cache := filepath.Join(dir, ".almanac", "cache")
	opts := generator.Options{
		Source: dir, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
		Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"),
	}
	full, err := generator.Build(context.Background(), opts)
	if err != nil || full.Warnings == 0 {
		t.Fatalf("full build: %d warnings, err %v; want a warning", full.Warnings, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("---\ntitle: A\n---\n## Intro\n\nEdited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	patched, err := generator.Build(context.Background(), opts)
	if err != nil || !patched.Patched {
		t.Fatalf("patched = %v, err = %v; want a patch", patched.Patched, err)
	}
	if patched.Warnings != full.Warnings || len(patched.Diagnostics) != len(full.Diagnostics) || patched.Pages != 1 {
		t.Errorf("patched build: %d warnings, %d diagnostics, %d pages; want %d, %d and the 1 edited page",
			patched.Warnings, len(patched.Diagnostics), patched.Pages, full.Warnings, len(full.Diagnostics))
	}
	// The page with the warning is not patched: its finding has a position.
	if err := os.WriteFile(filepath.Join(dir, "content", "w.md"), []byte("---\ntitle: W\n---\nAn [unsafe link](javascript:alert(1)), still.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := generator.Build(context.Background(), opts)
	if err != nil || again.Patched {
		t.Fatalf("patched = %v, err = %v; want a full build", again.Patched, err)
	}
}

// TestSnapshotSeesSameSizeEdits edits a page without changing its size
// and sets its time back, as an edit within the file system's time
// resolution of the last build can look: the next build still sees it,
// since such recent files are compared by content.
func TestSnapshotSeesSameSizeEdits(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase)
	cache := filepath.Join(dir, ".almanac", "cache")
	opts := generator.Options{
		Source: dir, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
		Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"),
	}
	if _, err := generator.Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content", "a.md")
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("---\ntitle: A\n---\n## Intro\n\nSame prize.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.Stat(file); now.Size() != st.Size() || !now.ModTime().Equal(st.ModTime()) {
		t.Fatal("the edit changed the file's size or time")
	}
	res, err := generator.Build(context.Background(), opts)
	if err != nil || !res.Patched || res.Pages != 1 {
		t.Fatalf("patched = %v, pages = %d, err = %v; want the edited page patched", res.Patched, res.Pages, err)
	}
	wantLikeColdBuild(t, "same-size edit", dir, filepath.Join(dir, "public"))
}

// TestFirstBuildKeepsNoCopy follows a CI job that restores its cache but
// not its output: the handbook's first build keeps no copy of its site
// (that would double its file system work), the next keeps one, and the
// one after starts from it.
func TestFirstBuildKeepsNoCopy(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase)
	out := filepath.Join(dir, "public")
	cache := filepath.Join(dir, ".almanac", "cache")
	keep := filepath.Join(cache, "site")
	opts := generator.Options{
		Source: dir, Out: out, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
		Keep: keep, Snapshot: filepath.Join(cache, "snapshot"),
	}
	ciBuild := func() {
		t.Helper()
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		if _, err := generator.Build(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	ciBuild()
	if _, err := os.Stat(keep); !os.IsNotExist(err) {
		t.Fatalf("the first build kept a copy of its site (%v)", err)
	}
	ciBuild()
	second := inode(t, filepath.Join(out, "b", "index.html"))
	if _, err := os.Stat(filepath.Join(keep, "b", "index.html")); err != nil {
		t.Fatalf("the second build kept no copy: %v", err)
	}
	ciBuild()
	if !os.SameFile(second, inode(t, filepath.Join(out, "b", "index.html"))) {
		t.Error("the third build wrote b/index.html again instead of starting from the kept copy")
	}
	wantLikeColdBuild(t, "third build", dir, out)
}

// TestSnapshotPatchesCIJobs follows a CI job that restores its cache but
// not its output, on a fresh checkout that gives every file a new time:
// once a build has kept a copy of its site, the next patches that copy
// when only prose changed (or nothing), and builds everything otherwise;
// every output is exactly what a cold build gives.
func TestSnapshotPatchesCIJobs(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase)
	out := filepath.Join(dir, "public")
	cache := filepath.Join(dir, ".almanac", "cache")
	opts := generator.Options{
		Source: dir, Out: out, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
		Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"),
	}
	checkouts := 0
	ciBuild := func(t *testing.T, edit map[string]string) *generator.Result {
		t.Helper()
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		for file, body := range edit {
			writeFile(t, dir, file, body)
		}
		checkouts++
		when := time.Now().Add(time.Duration(checkouts) * time.Minute)
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(p, cache) {
				return err
			}
			return os.Chtimes(p, when, when)
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := generator.Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	steps := []struct {
		name    string
		edit    map[string]string
		patched bool
		pages   int // pages a patch writes
	}{
		{"first build", nil, false, 0},
		{"second build, which keeps a copy", nil, false, 0},
		{"nothing changed", nil, true, 0},
		{"prose", map[string]string{"content/a.md": "---\ntitle: A\n---\n## Intro\n\nCI prose.\n"}, true, 1},
		{"two pages' prose", map[string]string{
			"content/a.md": "---\ntitle: A\n---\n## Intro\n\nMore CI prose.\n",
			"content/b.md": "---\ntitle: B\n---\nB links to [the intro of A](a.md#intro).\n",
		}, true, 2},
		{"an ADR", map[string]string{"content/adr/0001-x.md": "---\ntitle: X\nstatus: accepted\ndate: 2026-01-01\n---\nA new decision text.\n"}, true, 1},
		{"prose after that", map[string]string{"content/b.md": "---\ntitle: B\n---\nB links to [A's intro](a.md#intro).\n"}, true, 1},
	}
	for _, st := range steps {
		res := ciBuild(t, st.edit)
		if res.Patched != st.patched || st.patched && res.Pages != st.pages {
			t.Errorf("%s: patched = %v, %d pages; want patched = %v, %d pages", st.name, res.Patched, res.Pages, st.patched, st.pages)
		}
		wantLikeColdBuild(t, st.name, dir, out)
	}
}

// TestSnapshotSeesConfigNamedFiles checks that a build sees changes to the
// files the config names outside the handbook's folders (Backstage
// descriptors listed under catalog.backstage), and to what its patterns
// match, rather than finding nothing changed.
func TestSnapshotSeesConfigNamedFiles(t *testing.T) {
	dir := t.TempDir()
	descriptor := func(name, desc string) string {
		return "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name +
			"\n  description: " + desc + "\nspec:\n  owner: payments\n"
	}
	sitetest.Write(t, dir, `
-- almanac.yaml --
catalog:
  backstage:
    - repos/one/catalog-info.yaml
    - repos/*/catalog-info.yaml
-- data/teams.yaml --
- id: payments
-- content/a.md --
---
title: A
---
Prose.
-- repos/one/catalog-info.yaml --
`+descriptor("one", "First version."))
	kinds := func() []site.Kind { return []site.Kind{catalog.New(), page.New()} }
	cachedBuild(t, dir, "first build", false, kinds)
	writeFile(t, dir, "repos/one/catalog-info.yaml", descriptor("one", "Second version."))
	cachedBuild(t, dir, "a named file edited", false, kinds)
	writeFile(t, dir, "repos/two/catalog-info.yaml", descriptor("two", "New."))
	cachedBuild(t, dir, "a file the pattern matches added", false, kinds)
}

// TestSnapshotPatchesNewCommits follows builds in a full clone, where a
// page shows when its file last changed in git: a commit that changed only
// a page's prose is patched, its "Last changed" line and sitemap date
// included; a commit that gives a page a new date without an edit the
// snapshot can patch gets a full build. Every output is exactly what a
// cold build gives.
func TestSnapshotPatchesNewCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase+"-- .gitignore --\npublic/\n.almanac/\n")
	commits := 0
	git := func(t *testing.T, author string, args ...string) {
		t.Helper()
		when := time.Date(2026, 3, 1+commits, 9, 30, 0, 0, time.FixedZone("", 3600)).Format(time.RFC3339)
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME="+author, "GIT_AUTHOR_EMAIL=a@example.org",
			"GIT_COMMITTER_NAME="+author, "GIT_COMMITTER_EMAIL=a@example.org",
			"GIT_AUTHOR_DATE="+when, "GIT_COMMITTER_DATE="+when)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	commit := func(t *testing.T, author string) {
		t.Helper()
		commits++
		git(t, author, "add", "-A")
		git(t, author, "commit", "-q", "--allow-empty", "-m", fmt.Sprintf("change %d", commits))
	}
	git(t, "Ada", "init", "-q")
	commit(t, "Ada")
	build := func(t *testing.T, step string, patched bool) {
		t.Helper()
		cachedBuild(t, dir, step, patched, kindsForIncremental)
	}
	build(t, "first build", false)
	if page, _ := os.ReadFile(filepath.Join(dir, "public", "a", "index.html")); !strings.Contains(string(page), "Last changed 2026-03-02 by Ada") {
		t.Fatalf("a's page does not show when it last changed:\n%s", page)
	}

	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\nProse from a new commit, and longer than before.\n")
	commit(t, "Björn O'Brien")
	build(t, "a commit of prose", true)

	commit(t, "Ada")
	build(t, "an empty commit", true)

	writeFile(t, dir, "content/b.md", "---\ntitle: B\n---\nB links to [A's intro](a.md#intro), now.\n")
	commit(t, "Ada")
	writeFile(t, dir, "content/b.md", "---\ntitle: B\n---\nB links to [A's intro](a.md#intro).\n")
	commit(t, "Cai")
	build(t, "b changed and changed back: a new date alone", false)

	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\nShort.\n")
	writeFile(t, dir, "content/b.md", "---\ntitle: B\n---\nB links to [the intro](a.md#intro).\n")
	commit(t, "Dana")
	build(t, "two pages' prose in one commit", true)

	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## More\n")
	commit(t, "Ada")
	build(t, "a heading", true)

	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n")
	commit(t, "Ada")
	build(t, "a heading no link points at removed", true)
}

// TestSnapshotHeadingSettlesAFinding checks that a new heading gives a
// full build when the last build had findings: the heading's anchor may
// be the one another page's link missed.
func TestSnapshotHeadingSettlesAFinding(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, missingAnchorBase)
	res := cachedBuild(t, dir, "a missing anchor", false, kindsForIncremental)
	if res.Warnings != 1 {
		t.Fatalf("%d warnings, want the missing anchor's", res.Warnings)
	}
	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Notes\n")
	if res := cachedBuild(t, dir, "the anchor's heading added", false, kindsForIncremental); res.Warnings != 0 {
		t.Errorf("%d warnings after the heading was added, want none", res.Warnings)
	}
	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Notes\n\n## More\n")
	cachedBuild(t, dir, "another heading, with no findings left", true, kindsForIncremental)
}

// writeFile writes body to file (a slash path) under dir, making its
// folder.
func writeFile(t *testing.T, dir, file, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotIndexFile checks that a build which finds the snapshot's
// search index missing, or an older one in its place, builds everything
// rather than patching with a wrong index.
func TestSnapshotIndexFile(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func(file string, older []byte) error
	}{
		{"missing", func(file string, _ []byte) error { return os.Remove(file) }},
		{"older", func(file string, older []byte) error { return os.WriteFile(file, older, 0o644) }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.Write(t, dir, incrementalBase)
			index := filepath.Join(dir, ".almanac", "cache", "snapshot.index")
			build := func(step string, patched bool) {
				t.Helper()
				cachedBuild(t, dir, step, patched, kindsForIncremental)
			}
			build("first build", false)
			older, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\nNew prose.\n")
			build("prose", true)
			if err := damage.do(index, older); err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "content/b.md", "---\ntitle: B\n---\nB links to [the intro](a.md#intro).\n")
			build("prose with the index "+damage.name, false)
			writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\nNewer prose.\n")
			build("prose after that", true)
		})
	}
}

// cachedBuild builds the handbook at dir into dir/public with the cache
// folder dir/.almanac/cache, as almanac build does, checks whether it
// patched the last build's output, and compares the output with a cold
// build of the same kinds.
func cachedBuild(t *testing.T, dir, step string, patched bool, kinds func() []site.Kind) *generator.Result {
	t.Helper()
	cache := filepath.Join(dir, ".almanac", "cache")
	out := filepath.Join(dir, "public")
	res, err := generator.Build(context.Background(), generator.Options{
		Source: dir, Out: out, Kinds: kinds(), Now: sitetest.Now, Version: "test",
		Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"),
	})
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if res.Patched != patched {
		t.Errorf("%s: patched = %v, want %v", step, res.Patched, patched)
	}
	wantFindingsOf(t, step, res, wantLikeColdBuildOf(t, step, dir, out, kinds()))
	return res
}

// TestSnapshotHashesOtherInputs edits a file the site copies as it is, and
// then puts its first content back: each build must see the file as it
// is, though a full build takes the hashes of unchanged files from the
// snapshot before it.
func TestSnapshotHashesOtherInputs(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase+"-- static/notes.txt --\nfirst\n")
	cachedBuild(t, dir, "first build", false, kindsForIncremental)
	writeFile(t, dir, "static/notes.txt", "second, longer\n")
	cachedBuild(t, dir, "the file edited", false, kindsForIncremental)
	writeFile(t, dir, "static/notes.txt", "first\n")
	cachedBuild(t, dir, "the first content back", false, kindsForIncremental)
	cachedBuild(t, dir, "nothing changed", true, kindsForIncremental)
}

// TestSnapshotKeepsAnchorsTheirPageLinksTo checks that a patch keeps the
// headings a page's own links point at: removing one is an error a full
// build reports, not a patch.
func TestSnapshotKeepsAnchorsTheirPageLinksTo(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase)
	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Own\n\nBack to [its own heading](#own).\n")
	cachedBuild(t, dir, "a page linking to its own heading", false, kindsForIncremental)
	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Own\n\nBack to [its own heading](#own), again.\n\n## More\n")
	cachedBuild(t, dir, "another heading", true, kindsForIncremental)
	writeFile(t, dir, "content/a.md", "---\ntitle: A\n---\n## Intro\n\nBack to [its own heading](#own), again.\n\n## More\n")
	cache := filepath.Join(dir, ".almanac", "cache")
	res, err := generator.Build(context.Background(), generator.Options{
		Source: dir, Out: filepath.Join(dir, "public"), Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
		Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"),
	})
	if err == nil || res.Patched {
		t.Errorf("the heading its link points at removed: patched = %v, err = %v; want a full build that finds the broken link", res != nil && res.Patched, err)
	}
}
