package ladder_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const handbook = `
-- content/_index.md --
# Home
-- content/handbook/code-review.md --
# Code review
-- content/ladders/_index.md --
---
title: Career ladders
---
How we grow.
-- content/ladders/backend.md --
---
title: Backend engineering
track: engineering
description: The individual contributor ladder for backend engineers.
levels:
  - {id: E1, title: Associate engineer, summary: Learns the stack with help., scope: Tasks}
  - {id: E2, title: Engineer, summary: Delivers features on their own., scope: Features}
  - {id: E3, title: Senior engineer, summary: Leads projects for the team., scope: "The team's services"}
competencies:
  - id: delivery
    name: Delivery
    description: Turning plans into working software.
    expectations:
      E1: Completes small, well-defined tasks with help.
      E2: Completes features without help.
      E3: |
        Completes projects across services and
        **unblocks** others.
  - id: quality
    name: Quality
    expectations:
      E1: Writes tests for their changes; follows [code review](../handbook/code-review.md).
  - id: operations
    name: Operations
    description: Running what we build.
    expectations:
      E2: Joins the on-call rotation.
      E3: Joins the on-call rotation.
---
# Backend engineering

Levels are cumulative: each includes everything below it.
-- content/hiring/senior.md --
---
title: Senior backend engineer interview
role: backend#E3
dimensions: [{name: Delivery, meets: Has led a project.}]
---
`

// main returns the <main> element of a page: the part the ladder kind's
// templates and sections render (the layout around it is the theme's).
func main_(t *testing.T, html string) string {
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
	res := sitetest.Build(t, handbook, ladder.New(), hiring.New(), page.New())
	res.WantNoErrors(t)
	if d := res.Diags(); len(d) > 0 {
		t.Errorf("diagnostics: %v", d)
	}
	for file, name := range map[string]string{
		"ladders/index.html":                 "index.golden",
		"ladders/backend/index.html":         "ladder.golden",
		"ladders/backend/e3/index.html":      "level-e3.golden",
		"ladders/backend/compare/index.html": "compare.golden",
	} {
		golden(t, name, main_(t, res.File(t, file)))
	}
	for _, l := range sitetest.BrokenLinks(t, res.Out) {
		if strings.HasPrefix(l, "ladders/") && !strings.Contains(l, "assets/") {
			t.Errorf("broken link %s", l)
		}
	}
	again := sitetest.Build(t, handbook, ladder.New(), hiring.New(), page.New())
	if a, b := res.File(t, "ladders/backend/compare/index.html"), again.File(t, "ladders/backend/compare/index.html"); a != b {
		t.Error("two builds differ")
	}
}

func TestReferences(t *testing.T) {
	res := sitetest.Build(t, handbook+`
-- content/handbook/growth.md --
# Growth
See [[ladder:backend]], [[ladder:backend#E2]] and [[ladder:backend#e3|senior]].
`, ladder.New(), hiring.New(), page.New())
	res.WantNoErrors(t)
	html := res.File(t, "handbook/growth/index.html")
	for _, want := range []string{
		`href="../../ladders/backend/">Backend engineering</a>`,
		`href="../../ladders/backend/e2/">E2 Engineer (Backend engineering)</a>`,
		`href="../../ladders/backend/e3/">senior</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("growth page lacks %s\n%s", want, html)
		}
	}
	// The level pages list the page among their references.
	if lvl := res.File(t, "ladders/backend/e3/index.html"); !strings.Contains(lvl, `<a href="../../../handbook/growth/">Growth</a>`) {
		t.Error("E3 page does not show its backlink")
	}
}
