package hiring_test

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

const handbook = `
-- content/ladders/em.md --
---
title: Engineering manager
levels: [{id: M1, title: Manager}, {id: M2, title: Senior manager}]
competencies:
  - id: people
    expectations: {M1: Grows a team.}
---
-- content/hiring/backend-em.md --
---
title: Backend engineering manager interview
role: em#M1
dimensions:
  - name: People leadership
    meets: Has grown engineers; see [[ladder:em#M1]].
    exceeds: Has grown managers.
  - {name: Delivery, meets: Ships predictably.}
exercises:
  - {name: System design, minutes: 60, assesses: Architecture}
  - {name: Coaching role play, length: 45 min, assesses: People leadership}
signals:
  strong: [Talks about the team's wins]
  weak: [Vague about trade-offs]
  red_flags: [Blames the team]
---
Use this rubric for the onsite loop.
-- content/hiring/other.md --
---
role: em#M2
dimensions: [{name: X, meets: y}]
---
`

func TestBuild(t *testing.T) {
	res := sitetest.Build(t, handbook, ladder.New(), hiring.New(), page.New())
	res.WantNoErrors(t)
	if d := res.Diags(); len(d) != 0 {
		t.Errorf("diagnostics: %v", d)
	}
	rubric := res.File(t, "hiring/backend-em/index.html")
	for _, want := range []string{
		`Role: <a href="../../ladders/em/m1/">M1 Manager (Engineering manager)</a>`,
		`<p>Use this rubric for the onsite loop.</p>`,
		`<legend><span class="rubric-number">1.</span> People leadership</legend>`,
		`<input type="radio" name="rating-2" value="2"> Meets</label>`,
		`<tr><td>Coaching role play</td><td class="num">45</td><td>People leadership</td></tr>`,
		`<tfoot><tr><th scope="row">Total</th><td class="num">105</td>`,
		`<input type="checkbox" name="red-flag-0"> Blames the team</label>`,
		`href="../../ladders/em/m1/"`,
	} {
		if !strings.Contains(rubric, want) {
			t.Errorf("rubric lacks %s", want)
		}
	}
	level := res.File(t, "ladders/em/m1/index.html")
	if !strings.Contains(level, `<section class="contributed" id="hiring-scorecards"`) ||
		!strings.Contains(level, `<a href="../../../hiring/backend-em/">Backend engineering manager interview</a>`) {
		t.Errorf("level page does not list its scorecard:\n%s", level)
	}
	if strings.Contains(level, "hiring/other/") {
		t.Errorf("M1 page lists the M2 scorecard")
	}
	if m2 := res.File(t, "ladders/em/m2/index.html"); !strings.Contains(m2, `href="../../../hiring/other/">Other</a>`) {
		t.Errorf("M2 page lacks its scorecard")
	}
	if lp := res.File(t, "ladders/em/index.html"); !strings.Contains(lp, `href="../../hiring/backend-em/"`) || !strings.Contains(lp, `href="../../hiring/other/"`) {
		t.Errorf("ladder page lacks the scorecards")
	}
	index := res.File(t, "hiring/index.html")
	if i, j := strings.Index(index, "backend-em/"), strings.Index(index, "other/"); i < 0 || j < 0 || i > j {
		t.Errorf("index not ordered by level:\n%s", index)
	}
	if b := sitetest.BrokenLinks(t, res.Out); len(b) > 0 {
		var mine []string
		for _, l := range b {
			if strings.HasPrefix(l, "hiring/") || strings.HasPrefix(l, "ladders/") {
				if !strings.Contains(l, "search-index") && !strings.HasSuffix(l, ": ../../") && !strings.HasSuffix(l, ": ../../../") && !strings.HasSuffix(l, ": ../") {
					mine = append(mine, l)
				}
			}
		}
		if len(mine) > 0 {
			t.Errorf("broken links: %v", mine)
		}
	}
}
