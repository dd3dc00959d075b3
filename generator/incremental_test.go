package generator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

const incrementalBase = `
-- content/_index.md --
---
title: Home
---
Start with [A](a.md) and [[adr:1]].
-- content/a.md --
---
title: A
---
## Intro

Some prose.
-- content/b.md --
---
title: B
---
B links to [A's intro](a.md#intro).
-- content/adr/0001-x.md --
---
title: X
status: accepted
date: 2026-01-01
---
Decision text.
`

// missingAnchorBase is incrementalBase with a link to an anchor page A
// lacks, reported as a warning, so that a build of it succeeds with a
// finding a new heading in A would settle.
const missingAnchorBase = incrementalBase + `
-- almanac.yaml --
title: Handbook
checks:
  link-anchor: warning
-- content/c.md --
---
title: C
---
C links to [A's notes](a.md#notes).
`

func kindsForIncremental() []site.Kind { return []site.Kind{adr.New(), page.New()} }

func inode(t *testing.T, p string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestIncrementalRebuilds edits a handbook in different ways and checks,
// after each edit, that a rebuild over the previous output gives exactly
// the tree a cold build gives, and that an edit of a plain page's body
// renders again only that page and the pages whose backlinks it changes.
func TestIncrementalRebuilds(t *testing.T) {
	tests := []struct {
		name        string
		file, body  string
		bReused     bool // whether b.md's page may be reused
		changedPage string
	}{
		{"prose only", "content/a.md", "---\ntitle: A\n---\n## Intro\n\nOther prose, with `code`.\n", true, "a/index.html"},
		{"new heading", "content/a.md", "---\ntitle: A\n---\n## Intro\n\n## Details\n", true, "a/index.html"},
		{"new link to b", "content/a.md", "---\ntitle: A\n---\n## Intro\n\nSee [B](b.md).\n", false, "b/index.html"},
		{"new title", "content/a.md", "---\ntitle: A renamed\n---\n## Intro\n", false, "b/index.html"},
		{"adr prose", "content/adr/0001-x.md", "---\ntitle: X\nstatus: accepted\ndate: 2026-01-01\n---\nDecision text, now longer.\n", true, "adr/feed.xml"},
		// b shows nothing of the ADR; the home page refers to it.
		{"adr-tools status in the body", "content/adr/0001-x.md", "# 1. X\n\nDate: 2026-01-01\n\n## Status\n\nDeprecated\n\n## Decision\n\nDecision text.\n", true, "index.html"},
		{"adr status in the body's file", "content/adr/0001-x.md", "---\ntitle: X\nstatus: deprecated\ndate: 2026-01-01\n---\nDecision text.\n", true, "index.html"},
		{"theme override", "templates/page/page.html", "{{define \"main\"}}<div class=\"mine\">{{.Page.Content}}</div>{{end}}\n", false, "b/index.html"},
		{"config", "almanac.yaml", "title: Renamed handbook\n", false, "b/index.html"},
	}
	for _, tt := range tests {
		for _, keep := range []bool{false, true} {
			name := tt.name
			if keep {
				name += ", from a kept site"
			}
			t.Run(name, func(t *testing.T) {
				testIncremental(t, incrementalBase, tt.file, tt.body, tt.changedPage, "b/index.html", tt.bReused, keep)
			})
		}
	}
}

// testIncremental builds, edits file, builds again and compares with a
// cold build, checking that changedPage changed (unless it is "") and
// whether the file of watched was reused. With keep, builds keep the site they replace; the
// first is built twice so that the rebuild starts from a kept site.
func testIncremental(t *testing.T, base, file, body, changedPage, watched string, watchedReused, keep bool) {
	t.Helper()
	testIncrementalOf(t, kindsForIncremental, base, file, body, changedPage, watched, watchedReused, keep)
}

// testIncrementalOf is testIncremental for a handbook of other kinds.
func testIncrementalOf(t *testing.T, kinds func() []site.Kind, base, file, body, changedPage, watched string, watchedReused, keep bool) {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, base)
	out := filepath.Join(dir, "public")
	opts := generator.Options{Source: dir, Out: out, Kinds: kinds(), Now: sitetest.Now, Version: "test"}
	if keep {
		opts.Keep = filepath.Join(dir, ".almanac", "cache", "site")
	}
	build := func() {
		t.Helper()
		opts.Kinds = kinds()
		if _, err := generator.Build(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	build()
	if keep {
		build()
	}
	watchedBefore := inode(t, filepath.Join(out, filepath.FromSlash(watched)))
	pageBefore := sitetest.Tree(t, out)[changedPage]

	writeFile(t, dir, file, body)
	build()
	wantLikeColdBuildOf(t, "rebuild", dir, out, kinds())
	if changedPage != "" && sitetest.Tree(t, out)[changedPage] == pageBefore {
		t.Errorf("%s did not change after the edit", changedPage)
	}
	reused := os.SameFile(watchedBefore, inode(t, filepath.Join(out, filepath.FromSlash(watched))))
	if reused != watchedReused {
		t.Errorf("%s reused = %v, want %v", watched, reused, watchedReused)
	}
}

// TestIncrementalADRToolsStatus edits the status an adr-tools ADR keeps in
// its body, which other pages show: the page that links to the ADR shows
// the new status after a rebuild, as after a cold build.
func TestIncrementalADRToolsStatus(t *testing.T) {
	base := `
-- content/b.md --
---
title: B
---
B follows [[adr:1]].
-- content/adr/0001-x.md --
# 1. X

Date: 2026-01-01

## Status

Accepted

## Decision

Decision text.
`
	deprecated := "# 1. X\n\nDate: 2026-01-01\n\n## Status\n\nDeprecated\n\n## Decision\n\nDecision text.\n"
	prose := "# 1. X\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nDecision text, said better.\n"
	for _, keep := range []bool{false, true} {
		testIncremental(t, base, "content/adr/0001-x.md", deprecated, "b/index.html", "b/index.html", false, keep)
		testIncremental(t, base, "content/adr/0001-x.md", prose, "adr/feed.xml", "b/index.html", true, keep)
	}
}

// wantLikeColdBuild checks that the site in out is, file for file and
// manifest included, what a cold build of the handbook in dir gives.
func wantLikeColdBuild(t *testing.T, step, dir, out string) {
	t.Helper()
	wantLikeColdBuildOf(t, step, dir, out, kindsForIncremental())
}

// wantLikeColdBuildOf is wantLikeColdBuild for a handbook of other kinds.
func wantLikeColdBuildOf(t *testing.T, step, dir, out string, kinds []site.Kind) *sitetest.Result {
	t.Helper()
	cold := sitetest.BuildDir(t, dir, filepath.Join(t.TempDir(), "cold"), kinds...)
	cold.WantNoErrors(t)
	wantSameTree(t, step, out, cold.Out)
	return cold
}

// wantFindingsOf checks that a build reported the findings a cold build
// does, positions included.
func wantFindingsOf(t *testing.T, step string, res *generator.Result, cold *sitetest.Result) {
	t.Helper()
	got := (&sitetest.Result{Res: res}).Diags()
	if want := cold.Diags(); !slices.Equal(got, want) {
		t.Errorf("%s: findings\n%s\nwant, as a cold build reports them,\n%s", step, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// wantSameTree checks that the output folder out holds the files of the
// cold build in cold, byte for byte, and no others.
func wantSameTree(t *testing.T, step, out, cold string) {
	t.Helper()
	got, want := sitetest.Tree(t, out), sitetest.Tree(t, cold)
	if len(got) != len(want) {
		t.Errorf("%s: the output has %d files, a cold build %d", step, len(got), len(want))
	}
	for path, body := range want {
		if got[path] != body {
			t.Errorf("%s: %s differs from a cold build", step, path)
		}
	}
}

// TestIncrementalRenamedPages renames pages deep in a handbook: a page
// that shows the renamed one neither in its navigation nor through a
// reference keeps its file; one that does is written again.
func TestIncrementalRenamedPages(t *testing.T) {
	base := `
-- content/guide/_index.md --
---
title: Guide
---
The guide.
-- content/guide/x/_index.md --
---
title: X
---
Section X.
-- content/guide/x/p1.md --
---
title: P1
---
First page.
-- content/guide/x/z/_index.md --
---
title: Z
---
Section Z, deeper than the navigation shows.
-- content/guide/x/z/q.md --
---
title: Q
---
A page in Z.
-- content/guide/y/_index.md --
---
title: Y
---
Section Y.
-- content/guide/y/p2.md --
---
title: P2
---
Second page.
-- content/guide/y/p3.md --
---
title: P3
---
Third page, after [[page:guide/x/p1]].
`
	tests := []struct {
		name, file, body, changed, watched string
		reused                             bool
	}{
		{"a page outside its navigation", "content/guide/x/p1.md", "---\ntitle: P1 renamed\n---\nFirst page.\n", "guide/x/p1/index.html", "guide/y/p2/index.html", true},
		{"a page it refers to", "content/guide/x/p1.md", "---\ntitle: P1 renamed\n---\nFirst page.\n", "guide/y/p3/index.html", "guide/y/p3/index.html", false},
		{"a sibling in its navigation", "content/guide/y/p3.md", "---\ntitle: P3 renamed\n---\nThird page, after [[page:guide/x/p1]].\n", "guide/y/p3/index.html", "guide/y/p2/index.html", false},
		{"a page its section lists below the navigation", "content/guide/x/z/q.md", "---\ntitle: Q renamed\n---\nA page in Z.\n", "guide/x/z/index.html", "guide/y/index.html", true},
		{"a page another section lists", "content/guide/x/p1.md", "---\ntitle: P1 renamed\n---\nFirst page.\n", "guide/x/index.html", "guide/y/index.html", true},
		{"a section in its navigation", "content/guide/x/_index.md", "---\ntitle: X renamed\n---\nSection X.\n", "guide/x/index.html", "guide/y/p2/index.html", false},
	}
	for _, tt := range tests {
		for _, keep := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, keep %v", tt.name, keep), func(t *testing.T) {
				testIncremental(t, base, tt.file, tt.body, tt.changed, tt.watched, tt.reused, keep)
			})
		}
	}
}

// TestIncrementalADRPages edits pages around ADRs: an ADR's page shows
// the ADRs it supersedes and the catalog's data, so it is written again
// when those change and kept when a plain page is renamed.
func TestIncrementalADRPages(t *testing.T) {
	base := `
-- data/teams.yaml --
- id: core
  name: Core
-- content/guide/_index.md --
---
title: Guide
---
The guide.
-- content/guide/x/p1.md --
---
title: P1
---
First page.
-- content/adr/0001-old.md --
---
title: Old way
status: accepted
date: 2026-01-01
---
The old way.
-- content/adr/0002-new.md --
---
title: New way
status: accepted
date: 2026-02-01
supersedes: [1]
---
The new way.
`
	const old, renamed = "adr/0001/index.html", "---\ntitle: Newer way\nstatus: accepted\ndate: 2026-02-01\nsupersedes: [1]\n---\nThe new way.\n"
	tests := []struct {
		name, file, body, changed string
		reused                    bool
	}{
		{"a plain page renamed", "content/guide/x/p1.md", "---\ntitle: P1 renamed\n---\nFirst page.\n", "guide/x/p1/index.html", true},
		{"the superseding ADR renamed", "content/adr/0002-new.md", renamed, "adr/0002/index.html", false},
		// No kind here shows the teams, but an ADR's page may show the catalog.
		{"a data file", "data/teams.yaml", "- id: core\n  name: Core team\n", "", false},
	}
	for _, tt := range tests {
		for _, keep := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, keep %v", tt.name, keep), func(t *testing.T) {
				testIncremental(t, base, tt.file, tt.body, tt.changed, old, tt.reused, keep)
			})
		}
	}
	// The list of ADRs and the timeline show ADRs and the catalog alone.
	for _, list := range []string{"adr/index.html", "adr/timeline/index.html"} {
		t.Run(list+" after a plain page renamed", func(t *testing.T) {
			testIncremental(t, base, "content/guide/x/p1.md", "---\ntitle: P1 renamed\n---\nFirst page.\n", "", list, true, false)
		})
		t.Run(list+" after an ADR renamed", func(t *testing.T) {
			testIncremental(t, base, "content/adr/0002-new.md", renamed, list, list, false, false)
		})
	}
}

// TestIncrementalSubjectPages renames pages around a service. A service's
// page (a page with sections) shows the handbook pages its description
// links to and those that link to it, the ADRs and runbooks about it, and
// no other handbook page: renaming one of those keeps its file, and those
// of the catalog's lists.
func TestIncrementalSubjectPages(t *testing.T) {
	base := `
-- data/teams.yaml --
teams:
  - id: core
    name: Core
-- data/services.yaml --
services:
  - id: pay
    name: Payments
    owner: core
    description: Takes payments; see [[page:guide/limits]].
-- content/guide/_index.md --
---
title: Guide
---
The guide.
-- content/guide/limits.md --
---
title: Limits
---
Payment limits.
-- content/guide/style.md --
---
title: Style
---
How we write, with a link to [Limits](limits.md).
-- content/guide/oncall.md --
---
title: On call
---
Who answers pages for [[service:pay]].
-- content/adr/0001-cards.md --
---
title: Take cards
status: accepted
date: 2026-01-01
services: [pay]
---
We take cards.
-- content/runbooks/pay-down.md --
---
title: Payments down
service: pay
alerts: [PayDown]
owner: core
last_reviewed: 2026-01-01
---
Restart it.
`
	const service = "services/pay/index.html"
	retitle := func(body, title string) string {
		return strings.Replace(body, "title: ", "title: "+title+" ", 1)
	}
	tests := []struct {
		name, file, body string
		reused           bool
	}{
		{"a page nothing there shows", "content/guide/style.md", "---\ntitle: House style\n---\nHow we write.\n", true},
		{"a page its description links to", "content/guide/limits.md", "---\ntitle: Payment limits\n---\nPayment limits.\n", false},
		{"a page that links to it", "content/guide/oncall.md", "---\ntitle: On-call rota\n---\nWho answers pages for [[service:pay]].\n", false},
		{"an ADR about it", "content/adr/0001-cards.md", retitle("---\ntitle: Take cards\nstatus: accepted\ndate: 2026-01-01\nservices: [pay]\n---\nWe take cards.\n", "Now"), false},
		{"its runbook", "content/runbooks/pay-down.md", retitle("---\ntitle: Payments down\nservice: pay\nalerts: [PayDown]\nowner: core\nlast_reviewed: 2026-01-01\n---\nRestart it.\n", "All"), false},
	}
	// Lists of the catalog show no handbook page either.
	for _, list := range []string{"services/index.html", "teams/index.html", "teams/core/index.html"} {
		t.Run(list+" after a page nothing there shows", func(t *testing.T) {
			testIncrementalOf(t, all.Kinds, base, tests[0].file, tests[0].body, "", list, true, false)
		})
	}
	for _, tt := range tests {
		for _, keep := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, keep %v", tt.name, keep), func(t *testing.T) {
				changed := service
				if tt.reused {
					changed = ""
				}
				testIncrementalOf(t, all.Kinds, base, tt.file, tt.body, changed, service, tt.reused, keep)
			})
		}
	}
}

// TestIncrementalSampleRetitles renames each plain page of the sample
// handbook in turn, rebuilding over the last output each time: every
// rebuild must give the tree a cold build gives, whichever services,
// teams, KPIs and plans show the page, and a section that neither lists
// the page nor shows it in its navigation keeps its file.
func TestIncrementalSampleRetitles(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"content", "data"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	config, err := os.ReadFile(filepath.Join("..", "almanac.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "almanac.yaml", string(config))
	out := filepath.Join(dir, "public")
	opts := generator.Options{Source: dir, Out: out, Now: sitetest.Now, Version: "test"}
	build := func() *generator.Result {
		t.Helper()
		opts.Kinds = all.Kinds()
		res, err := generator.Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	var plain []string
	for _, p := range build().Site.Pages() {
		if p.Kind == page.Name && p.Source != nil {
			plain = append(plain, p.Source.Path)
		}
	}
	if len(plain) < 10 {
		t.Fatalf("the sample handbook has %d plain pages, want at least 10", len(plain))
	}
	const section = "handbook/operations/index.html"
	kept := 0
	for _, file := range plain {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		renamed := strings.Replace(string(b), "\ntitle: ", "\ntitle: Renamed ", 1)
		if renamed == string(b) {
			t.Fatalf("%s has no title in its front matter", file)
		}
		before := inode(t, filepath.Join(out, section))
		writeFile(t, dir, file, renamed)
		build()
		wantLikeColdBuildOf(t, "after renaming "+file, dir, out, all.Kinds())
		if os.SameFile(before, inode(t, filepath.Join(out, section))) {
			kept++
		}
	}
	// Most of the handbook lies outside Operations and its navigation.
	if kept == 0 {
		t.Errorf("%s was written again after each of %d renames", section, len(plain))
	}
}
