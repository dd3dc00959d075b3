package kpi_test

import (
	"slices"
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
	tests := []struct {
		query string
		want  []string // result paths, sorted
	}{
		{"successfully", []string{"kpis/availability/"}},     // a description in Markdown
		{"customers feel", []string{"kpis/availability/"}},   // why
		{"own slo", []string{"kpis/availability/"}},          // guidance
		{"percent", []string{"kpis/availability/"}},          // unit
		{"per week", []string{"kpis/deployment_frequency/"}}, // unit
		{"ships", []string{"kpis/deployment_frequency/"}},    // a plain description, the page's own
	}
	for _, tt := range tests {
		if got := res.Search(t, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.query, got, tt.want)
		}
	}
}
