package onboarding_test

import (
	"testing"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSearchFindsStructuredContent checks that the search index has the
// words of a plan's front matter, on its page and on the team plans
// generated from it: phase titles, goals, tasks, reading and the buddy.
func TestSearchFindsStructuredContent(t *testing.T) {
	res := sitetest.Build(t, worldHandbook, allKinds()...)
	res.WantNoErrors(t)
	res.WantSearch(t, map[string][]string{ // query: result paths, sorted
		"learn the system": {"onboarding/backend-payments/"},                       // phase title
		"payment flow":     {"onboarding/backend-payments/"},                       // goal
		"shadow":           {"onboarding/backend-payments/"},                       // task
		"logging decision": {"onboarding/backend-payments/"},                       // reading, by its label
		"postgres":         {"adr/0001/", "onboarding/backend-payments/"},          // reading, by the title of what it names
		"priya":            {"onboarding/backend-payments/"},                       // buddy
		"laptop":           {"onboarding/engineer/", "onboarding/teams/identity/"}, // the default plan's task, on the plan generated from it
		"teammate":         {"onboarding/engineer/", "onboarding/teams/identity/"},
	})
}
