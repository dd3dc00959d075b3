package ladder_test

import (
	"os"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

func TestSmoke(t *testing.T) {
	res := sitetest.Build(t, `
-- content/ladders/backend.md --
---
title: Backend engineering
track: engineering
levels:
  - {id: E1, title: Associate, summary: Learns the **stack**.}
  - {id: E2, title: Engineer}
  - {id: E3, title: Senior, scope: "A team, see [[page:handbook]]"}
competencies:
  - id: delivery
    name: Delivery
    description: Ships things.
    expectations:
      E1: Completes small tasks with help.
      E3: |
        Completes large tasks without help and
        mentors others.
  - id: ops
    name: Operations
    expectations:
      E2: Joins the on-call rotation.
---
# Backend engineering

Intro text.
-- content/handbook.md --
# Handbook
See [[ladder:backend#E3]] and [[ladder:backend]].
`, ladder.New(), page.New())
	res.WantNoErrors(t)
	for _, f := range []string{"ladders/index.html", "ladders/backend/index.html", "ladders/backend/e3/index.html", "ladders/backend/compare/index.html", "handbook/index.html"} {
		os.WriteFile("/tmp/lad/"+f[:len(f)-11]+".html", []byte(res.File(t, f)), 0o644)
	}
	t.Log(res.Diags())
	t.Log(sitetest.BrokenLinks(t, res.Out))
}
