package ladder_test

import (
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSearchFindsStructuredContent checks that the search index has the
// words of the ladder's front matter: the matrix page has every level's
// and competency's, a level page its own and the expectations that apply
// at it (stated there or below), and the compare page none.
func TestSearchFindsStructuredContent(t *testing.T) {
	res := sitetest.Build(t, handbook, ladder.New(), hiring.New(), page.New())
	res.WantNoErrors(t)
	res.WantSearch(t, map[string][]string{ // query: result paths, sorted
		"unblocks":         {"ladders/backend/", "ladders/backend/e3/"},                                               // stated at E3
		"well defined":     {"ladders/backend/", "ladders/backend/e1/"},                                               // stated at E1, changed at E2
		"writes tests":     {"ladders/backend/", "ladders/backend/e1/", "ladders/backend/e2/", "ladders/backend/e3/"}, // E1's, inherited
		"on-call rotation": {"ladders/backend/", "ladders/backend/e2/", "ladders/backend/e3/"},
		"learns the stack": {"ladders/backend/", "ladders/backend/e1/"},                        // summary
		"team's services":  {"ladders/backend/", "ladders/backend/e3/"},                        // scope
		"turning plans":    {"ladders/backend/"},                                               // competency description
		"operations":       {"ladders/backend/", "ladders/backend/e2/", "ladders/backend/e3/"}, // competency name
	})
}
