package hiring_test

import (
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
	res.WantSearch(t, map[string][]string{ // query: result paths, sorted
		"delivery":           {"hiring/backend-em/"}, // dimension name
		"grown engineers":    {"hiring/backend-em/"}, // meets
		"grown managers":     {"hiring/backend-em/"}, // exceeds
		"coaching role play": {"hiring/backend-em/"}, // exercise
		"architecture":       {"hiring/backend-em/"}, // what an exercise assesses
		"team's wins":        {"hiring/backend-em/"}, // strong signal
		"vague trade-offs":   {"hiring/backend-em/"}, // weak signal
		"blames":             {"hiring/backend-em/"}, // red flag
		"m9":                 {"hiring/unknown/"},    // a role that names no level, as written
	})
}
