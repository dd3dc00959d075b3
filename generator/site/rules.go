package site

import "slices"

// ruleNames lists every rule a finding can carry, sorted, so that a
// checks: setting naming none of them is reported instead of changing
// nothing (TestRulesAreKnown checks the sources for rules missing here).
var ruleNames = []string{
	"adr-date", "adr-date-missing", "adr-duplicate-id", "adr-empty", "adr-front-matter", "adr-number", "adr-service",
	"adr-status", "adr-supersede-cycle", "adr-superseded-status", "adr-title",
	"catalog-backstage", "catalog-backstage-owner", "catalog-backstage-skipped", "catalog-backstage-tag",
	"catalog-dependency-cycle", "catalog-duplicate-id", "catalog-escalation", "catalog-escalation-order",
	"catalog-external-ref", "catalog-format", "catalog-id", "catalog-lifecycle", "catalog-link", "catalog-member",
	"catalog-missing-id", "catalog-slo", "catalog-tier", "catalog-tier1-owner", "catalog-tier1-slo",
	"catalog-unknown-dependency", "catalog-unknown-owner",
	"config", "dora-config", "dora-unit", "encoding", "external-duplicate-id", "file-too-large", "frontmatter",
	"hiring-dimension", "hiring-duplicate-dimension", "hiring-duplicate-id", "hiring-exercise", "hiring-no-dimensions",
	"hiring-role", "hiring-unknown-role", "io",
	"kpi-chart", "kpi-config", "kpi-definition", "kpi-duplicate-id", "kpi-duplicate-period", "kpi-not-a-number",
	"kpi-not-charted", "kpi-percent-range", "kpi-period", "kpi-snapshot", "kpi-unknown", "kpi-unknown-service",
	"kpi-unknown-team",
	"ladder-duplicate-competency", "ladder-duplicate-expectation", "ladder-duplicate-id", "ladder-duplicate-level",
	"ladder-empty-competency", "ladder-expectation", "ladder-invalid-id", "ladder-missing-id", "ladder-no-levels",
	"ladder-reserved-id", "ladder-unknown-level",
	"link-anchor", "link-broken", "link-unsafe", "markdown",
	"onboarding-default", "onboarding-duplicate-id", "onboarding-duplicate-phase", "onboarding-empty-phase",
	"onboarding-missing-phase", "onboarding-phase-days", "onboarding-phases", "onboarding-reading", "onboarding-role",
	"onboarding-team", "onboarding-unknown-role",
	"page-duplicate-id", "page-slug", "path-outside", "ref-unclosed", "ref-unknown",
	"runbook-alert-duplicate", "runbook-duplicate-id", "runbook-last-reviewed", "runbook-owner", "runbook-review-every",
	"runbook-section", "runbook-service", "runbook-severity", "runbook-title",
	"scorecard-check", "scorecard-duplicate-id", "scorecard-field", "scorecard-format", "scorecard-kpi",
	"scorecard-level", "scorecard-op", "scorecard-param", "scorecard-value",
	"service-duplicate-id", "symlink", "system-duplicate-id", "team-duplicate-id", "url-conflict",
	"user-duplicate-id", "yaml",
}

// KnownRule reports whether rule is the rule of some finding.
func KnownRule(rule string) bool {
	_, ok := slices.BinarySearch(ruleNames, rule)
	return ok
}
