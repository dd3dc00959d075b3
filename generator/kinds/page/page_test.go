package page_test

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// Every page links the home page, so a handbook has one whether or not it
// writes content/_index.md.
func TestHomePage(t *testing.T) {
	tests := []struct {
		name, archive, wantH1 string
	}{
		{"written", `
-- almanac.yaml --
title: Acme
-- content/_index.md --
# Welcome aboard
-- content/handbook/a.md --
# A page
`, "Welcome aboard"},
		{"no _index.md", `
-- almanac.yaml --
title: Acme
-- content/handbook/a.md --
# A page
`, "Acme"},
		{"no content at all", `
-- almanac.yaml --
title: Acme
`, "Acme"},
		{"a home page in HTML, copied", `
-- almanac.yaml --
title: Acme
-- static/index.html --
<h1>Custom landing</h1>
-- content/handbook/a.md --
# A page
`, "Custom landing"},
		{"a home page in HTML beside the content", `
-- content/index.html --
<h1>Landing</h1>
`, "Landing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sitetest.Build(t, tt.archive, page.New())
			res.WantNoErrors(t)
			home := res.File(t, "index.html")
			if !strings.Contains(home, "<h1>"+tt.wantH1+"</h1>") {
				t.Errorf("index.html has no <h1>%s</h1>", tt.wantH1)
			}
			if b := sitetest.BrokenLinks(t, res.Out); len(b) > 0 {
				t.Errorf("broken links: %v", b)
			}
		})
	}
}

// A link to a draft says it is one, since the page kind left it out.
func TestLinkToDraft(t *testing.T) {
	res := sitetest.Check(t, `
-- content/_index.md --
See [the plan](plan.md).
-- content/plan.md --
---
title: Plan
draft: true
---
Not yet.
`, page.New())
	res.WantDiag(t, `content/_index.md:1:5: error: link to "plan.md": content/plan.md is a draft, left out of this build; build with --drafts or remove draft: true [link-broken]`)
}
