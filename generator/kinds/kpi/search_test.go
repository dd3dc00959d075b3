package kpi_test

import (
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSearchFindsStructuredContent checks that the search index has the
// words a KPI's page shows from data/kpis.yaml.
func TestSearchFindsStructuredContent(t *testing.T) {
	res := sitetest.Build(t, `
-- content/_index.md --
# Home
-- data/kpis.yaml --
kpis:
  - id: availability
    name: Availability
    category: outcome
    unit: percent
    direction: higher_is_better
    target: 99.9
    description: Share of requests served **successfully**.
    why: Customers feel downtime.
    guidance: Compare a service with its own SLO.
  - id: deployment_frequency
    name: Deployment frequency
    category: output
    unit: per_week
    direction: higher_is_better
    target: 5
    description: How often a team ships.
`, kpi.New(), catalog.New(), page.New())
	res.WantNoErrors(t)
	res.WantSearch(t, map[string][]string{ // query: result paths, sorted
		"successfully":   {"kpis/availability/"},         // a description in Markdown
		"customers feel": {"kpis/availability/"},         // why
		"own slo":        {"kpis/availability/"},         // guidance
		"percent":        {"kpis/availability/"},         // unit
		"per week":       {"kpis/deployment_frequency/"}, // unit
		"ships":          {"kpis/deployment_frequency/"}, // a plain description, the page's own
	})
}
