// Package onboarding implements the "onboarding" content kind: 30/60/90-day
// plans for a new hire, written as Markdown files under content/onboarding/.
//
//	title: Backend engineer on Payments
//	role: backend#E3          # a ladder level (required)
//	team: payments            # a catalog team (optional)
//	buddy: Priya Raman        # Markdown
//	phases:                   # 30, 60 and 90 required; 180 and 365 allowed
//	  - days: 30
//	    title: Learn the system
//	    goals: [Ship a small change to [[service:payments-api]]]
//	    tasks: [Shadow an on-call shift]
//	    reading: [adr:4, runbook:payments-high-latency, page:handbook/on-call]
//
// Goals and tasks are Markdown ([[kind:id]] references work). Reading
// entries are references written KIND:ID (or [[KIND:ID|label]]), or http(s)
// URLs; each must resolve.
//
// When team is set, the page also shows the team's world, generated from
// the other kinds: its services with tier and SLOs (catalog), their
// runbooks (runbook), the ADRs that name them (adr), the on-call rotation
// and escalation path (catalog) and the team's KPIs (kpi). TeamWorld builds
// that section.
//
// Config (almanac.yaml):
//
//	onboarding:
//	  default: backend-engineer   # id of a plan
//
// With a default plan, every catalog team that has no plan of its own gets
// one generated from it at onboarding/teams/<team-id>/: the default plan's
// text, role, buddy and phases, with that team's world.
//
// Pages: onboarding/ (every plan), onboarding/<id>/ and
// onboarding/teams/<team-id>/. Tasks and reading items are checkboxes whose
// state the browser keeps in localStorage (onboarding.js) under
// "almanac:onboarding:<page path>:<task id>"; a task id is the phase's days
// and a hash of the task's text, so reordering or adding tasks keeps what
// was ticked. The page prints as a checklist.
//
// Entity: "onboarding:<id>" for each plan file. Team pages ("team:<id>")
// and ladder level pages ("ladder:<id>#<LEVEL>") get a section listing
// their onboarding plans.
//
// Rule ids: onboarding-role, onboarding-unknown-role, onboarding-team,
// onboarding-phases, onboarding-phase-days, onboarding-duplicate-phase,
// onboarding-missing-phase, onboarding-empty-phase (warning),
// onboarding-reading, onboarding-default, onboarding-duplicate-id.
package onboarding
