package ladder_test

import (
	"slices"
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
	tests := []struct {
		query string
		want  []string // result paths, sorted
	}{
		{"unblocks", []string{"ladders/backend/", "ladders/backend/e3/"}},                                                   // stated at E3
		{"well defined", []string{"ladders/backend/", "ladders/backend/e1/"}},                                               // stated at E1, changed at E2
		{"writes tests", []string{"ladders/backend/", "ladders/backend/e1/", "ladders/backend/e2/", "ladders/backend/e3/"}}, // E1's, inherited
		{"on-call rotation", []string{"ladders/backend/", "ladders/backend/e2/", "ladders/backend/e3/"}},
		{"learns the stack", []string{"ladders/backend/", "ladders/backend/e1/"}},                  // summary
		{"team's services", []string{"ladders/backend/", "ladders/backend/e3/"}},                   // scope
		{"turning plans", []string{"ladders/backend/"}},                                            // competency description
		{"operations", []string{"ladders/backend/", "ladders/backend/e2/", "ladders/backend/e3/"}}, // competency name
	}
	for _, tt := range tests {
		if got := res.Search(t, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.query, got, tt.want)
		}
	}
}
