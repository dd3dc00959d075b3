package onboarding_test

import (
	"slices"
	"testing"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSearchFindsStructuredContent checks that the search index has the
// words of a plan's front matter, on its page and on the team plans
// generated from it: phase titles, goals, tasks, reading and the buddy.
func TestSearchFindsStructuredContent(t *testing.T) {
	res := sitetest.Build(t, worldHandbook, allKinds()...)
	res.WantNoErrors(t)
	tests := []struct {
		query string
		want  []string // result paths, sorted
	}{
		{"learn the system", []string{"onboarding/backend-payments/"}},             // phase title
		{"payment flow", []string{"onboarding/backend-payments/"}},                 // goal
		{"shadow", []string{"onboarding/backend-payments/"}},                       // task
		{"logging decision", []string{"onboarding/backend-payments/"}},             // reading, by its label
		{"postgres", []string{"adr/0001/", "onboarding/backend-payments/"}},        // reading, by the title of what it names
		{"priya", []string{"onboarding/backend-payments/"}},                        // buddy
		{"laptop", []string{"onboarding/engineer/", "onboarding/teams/identity/"}}, // the default plan's task, on the plan generated from it
		{"teammate", []string{"onboarding/engineer/", "onboarding/teams/identity/"}},
	}
	for _, tt := range tests {
		if got := res.Search(t, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.query, got, tt.want)
		}
	}
}
