// Package all lists the content kinds almanac builds with, in the order
// they load: kinds that others refer to first, plain pages last (they
// claim whatever Markdown no other kind did).
package all

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

// Kinds returns a fresh instance of every kind; kinds keep per-build
// state, so each build needs its own.
func Kinds() []site.Kind {
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
