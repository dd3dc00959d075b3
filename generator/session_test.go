package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSessionPatchesProseEdits edits a handbook the way a writer running
// almanac serve does and checks, after every edit, that the session's
// output is exactly what a cold build gives, manifest included, and that
// only edits that stay inside one page (its prose, or headings that keep
// every anchor) skip the full build.
func TestSessionPatchesProseEdits(t *testing.T) {
	type step struct {
		name, file, body string
		patched          bool // the session may rewrite just the page
		wantErr          bool
	}
	steps := []step{
		{"prose only", "content/a.md", "---\ntitle: A\n---\n## Intro\n\nOther prose, with `code`.\n", true, false},
		{"prose again, with code", "content/a.md", "---\ntitle: A\n---\n## Intro\n\nMore.\n\n```go\nfunc f() {}\n```\n", true, false},
		{"a new heading", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n", true, false},
		{"a third heading: a table of contents", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\n### Notes\n", true, false},
		{"a heading no link points at renamed", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\n## Remarks\n", true, false},
		{"a heading no link points at removed", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n", true, false},
		{"the heading b's link points at renamed", "content/a.md", "---\ntitle: A\n---\n## Introduction\n\n## Details\n", false, true},
		{"a new link", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [B](b.md).\n", false, false},
		{"prose next to the link", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nDo see [B](b.md) first.\n", true, false},
		{"a broken link", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [C](c.md).\n", false, true},
		{"the link mended", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n\nSee [B](b.md).\n", false, false},
		{"a new title", "content/a.md", "---\ntitle: A renamed\n---\n## Intro\n\n## Details\n\nSee [B](b.md).\n", false, false},
		{"an ADR's body", "content/adr/0001-x.md", "---\ntitle: X\nstatus: accepted\ndate: 2026-01-01\n---\nAnother decision text.\n", true, false},
		{"the home page's prose", "content/_index.md", "---\ntitle: Home\n---\nBegin with [A](a.md) and [[adr:1]].\n", true, false},
		{"prose past the size limit", "content/a.md", "---\ntitle: A renamed\n---\n## Intro\n\n" + strings.Repeat("x", load.MaxFileSize) + "\n", false, true},
		{"prose within it again", "content/a.md", "---\ntitle: A renamed\n---\n## Intro\n\n## Details\n\nSee [B](b.md) now.\n", false, false},
	}
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase)
	out := filepath.Join(dir, "public")
	session := generator.NewSession(generator.Options{Source: dir, Out: out, Now: sitetest.Now, Version: "test"}, kindsForIncremental)
	ctx := context.Background()
	if _, err := session.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, st := range steps {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(st.file)), []byte(st.body), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := session.Build(ctx, []string{st.file})
		if (err != nil) != st.wantErr {
			t.Fatalf("%s: err = %v, want error %v", st.name, err, st.wantErr)
		}
		if err != nil {
			continue
		}
		session.Wait()
		if res.Patched != st.patched {
			t.Errorf("%s: patched = %v, want %v", st.name, res.Patched, st.patched)
		}
		wantLikeColdBuild(t, st.name, dir, out)
	}
}

// TestSessionPatchThenBuild checks that a full build after a patch, as the
// next almanac build over the same output would run, does not reuse the
// patched page for a source that no longer matches it.
func TestSessionPatchThenBuild(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, incrementalBase)
	out := filepath.Join(dir, "public")
	ctx := context.Background()
	session := generator.NewSession(generator.Options{Source: dir, Out: out, Now: sitetest.Now, Version: "test"}, kindsForIncremental)
	if _, err := session.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(dir, "content", "a.md")
	original, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(a, []byte("---\ntitle: A\n---\n## Intro\n\nEdited prose.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := session.Build(ctx, []string{"content/a.md"}); err != nil || !res.Patched {
		t.Fatalf("patch: err %v, patched %v", err, res != nil && res.Patched)
	}
	session.Wait()
	if err := os.WriteFile(a, original, 0o644); err != nil {
		t.Fatal(err)
	}
	warm := sitetest.BuildDir(t, dir, out, kindsForIncremental()...)
	warm.WantNoErrors(t)
	cold := sitetest.BuildDir(t, dir, filepath.Join(t.TempDir(), "cold"), kindsForIncremental()...)
	if got, want := sitetest.Tree(t, out)["a/index.html"], sitetest.Tree(t, cold.Out)["a/index.html"]; got != want {
		t.Errorf("a/index.html after patch and full build differs from a cold build:\n%s", got)
	}
}

// TestSessionHeadingSettlesAFinding checks that a session rebuilds
// everything for a new heading when the last build had findings: the
// heading's anchor may be the one another page's link missed.
func TestSessionHeadingSettlesAFinding(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, missingAnchorBase)
	out := filepath.Join(dir, "public")
	session := generator.NewSession(generator.Options{Source: dir, Out: out, Now: sitetest.Now, Version: "test"}, kindsForIncremental)
	ctx := context.Background()
	if res, err := session.Build(ctx, nil); err != nil || res.Warnings != 1 {
		t.Fatalf("first build: %v, err %v; want the missing anchor's warning", res, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("---\ntitle: A\n---\n## Intro\n\n## Notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := session.Build(ctx, []string{"content/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	session.Wait()
	if res.Patched || res.Warnings != 0 {
		t.Errorf("the anchor's heading added: patched = %v, %d warnings; want a full build with none", res.Patched, res.Warnings)
	}
	wantLikeColdBuild(t, "the anchor's heading added", dir, out)
}
