package main

import (
	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/onboarding"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/kinds/scorecard"
	"github.com/almanac-handbook/almanac/generator/site"
)

// kinds returns the content kinds in registration order. Earlier kinds
// claim their files first; the plain page kind comes last and takes every
// Markdown file left.
func kinds() []site.Kind {
	return []site.Kind{
		catalog.New(),
		adr.New(),
		runbook.New(),
		kpi.New(),
		scorecard.New(),
		ladder.New(),
		hiring.New(),
		onboarding.New(),
		page.New(),
	}
}
