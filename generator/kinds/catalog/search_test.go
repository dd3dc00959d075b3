package catalog_test

import (
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestSearchFindsStructuredContent checks that the search index has the
// words service and team pages show from the catalog's data.
func TestSearchFindsStructuredContent(t *testing.T) {
	res := sitetest.Build(t, `
-- content/_index.md --
# Home
-- data/teams.yaml --
teams:
  - id: payments
    name: Payments
    description: Owns money movement.
    lead: Amara Okafor
    members: [{name: Tomás Ferreira, role: Tech Lead}]
    on_call: {rotation: payments-primary}
    links: [{title: Quarterly roadmap, url: https://wiki.example/roadmap}]
  - {id: identity, name: Identity}
-- data/services.yaml --
services:
  - id: ledger
    name: Ledger
    description: Double-entry ledger, the source of truth for balances.
    owner: payments
    tier: 1
    lifecycle: production
    language: Kotlin
    slos: {availability: 99.95}
    dashboards: [{title: Golden signals, url: https://grafana.example/d/ledger}]
    links: [{title: Posting rules, url: https://wiki.example/posting}]
  - {id: sso, name: SSO, owner: identity, description: Sign-in for customers.}
`, catalog.New(), page.New())
	res.WantNoErrors(t)
	res.WantSearch(t, map[string][]string{ // query: result paths, sorted
		"double-entry":      {"services/ledger/"},                    // description
		"payments":          {"services/ledger/", "teams/payments/"}, // the owner's name
		"payments-primary":  {"services/ledger/", "teams/payments/"}, // on-call rotation
		"tier":              {"services/ledger/"},
		"kotlin":            {"services/ledger/"}, // language
		"availability":      {"services/ledger/"}, // SLO names
		"golden signals":    {"services/ledger/"}, // dashboards' titles
		"posting rules":     {"services/ledger/"}, // links' titles
		"money movement":    {"teams/payments/"},  // team description
		"okafor":            {"teams/payments/"},  // lead
		"ferreira":          {"teams/payments/"},  // member's name
		"tech lead":         {"teams/payments/"},  // member's role
		"quarterly roadmap": {"teams/payments/"},
		"sign-in customers": {"services/sso/"},
	})
}
