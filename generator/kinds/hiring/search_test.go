package hiring_test

import (
	"slices"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSearchFindsStructuredContent checks that the search index has the
// words of a scorecard's front matter: its role, dimensions, exercises
// and signals.
func TestSearchFindsStructuredContent(t *testing.T) {
	res := sitetest.Build(t, handbook+`
-- almanac.yaml --
checks: {hiring-unknown-role: warning}
-- content/hiring/unknown.md --
---
role: em#M9
dimensions: [{name: Y, meets: z}]
---
`, ladder.New(), hiring.New(), page.New())
	res.WantNoErrors(t)
	tests := []struct {
		query string
		want  []string // result paths, sorted
	}{
		{"delivery", []string{"hiring/backend-em/"}},           // dimension name
		{"grown engineers", []string{"hiring/backend-em/"}},    // meets
		{"grown managers", []string{"hiring/backend-em/"}},     // exceeds
		{"coaching role play", []string{"hiring/backend-em/"}}, // exercise
		{"architecture", []string{"hiring/backend-em/"}},       // what an exercise assesses
		{"team's wins", []string{"hiring/backend-em/"}},        // strong signal
		{"vague trade-offs", []string{"hiring/backend-em/"}},   // weak signal
		{"blames", []string{"hiring/backend-em/"}},             // red flag
		{"m9", []string{"hiring/unknown/"}},                    // a role that names no level, as written
	}
	for _, tt := range tests {
		if got := res.Search(t, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.query, got, tt.want)
		}
	}
}
