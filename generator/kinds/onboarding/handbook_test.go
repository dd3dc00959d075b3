package onboarding_test

// worldHandbook is a small org: two teams with services, runbooks, ADRs,
// KPIs and a ladder, one plan for the payments team and a default plan.
const worldHandbook = `
-- almanac.yaml --
title: Test
onboarding:
  default: engineer
-- content/_index.md --
# Home
-- data/teams.yaml --
teams:
  - id: payments
    name: Payments
    lead: Amara
    channel: "#team-payments"
    members: [{name: Amara, role: EM}]
    on_call:
      rotation: payments-primary
      schedule: https://pd.example/payments
      escalation:
        - {who: Primary, after_minutes: 0}
        - {who: Amara, after_minutes: 15}
  - id: identity
    name: Identity
    lead: Dan
-- data/services.yaml --
services:
  - id: payments-api
    name: Payments API
    owner: payments
    tier: 1
    lifecycle: production
    slos: {availability: 99.95, latency_p95_ms: 280, error_rate: 0.2}
  - id: ledger
    name: Ledger
    owner: payments
    tier: 2
    lifecycle: production
  - id: sso
    name: SSO
    owner: identity
    tier: 2
    lifecycle: production
-- data/kpis.yaml --
kpis:
  - {id: deployment_frequency, name: Deployment frequency, category: output, unit: per_week, direction: higher_is_better, target: 5, scope: team}
  - {id: mttr, name: Time to restore, category: reliability, unit: minutes, direction: lower_is_better, target: 60, scope: team}
-- data/metrics/2026-10.yaml --
period: 2026-10
teams:
  payments: {deployment_frequency: 8, mttr: 90}
  identity: {deployment_frequency: 2}
-- content/adr/0001-use-postgres.md --
---
title: Use Postgres for the ledger
status: accepted
date: 2026-01-10
services: [ledger]
---
Body.
-- content/adr/0002-sso-tokens.md --
---
title: Short-lived SSO tokens
status: accepted
date: 2026-02-10
services: [sso]
---
Body.
-- content/adr/0003-everything.md --
---
title: Structured logging everywhere
status: proposed
date: 2026-03-10
services: [payments-api, sso]
---
Body.
-- content/runbooks/payments-latency.md --
---
title: Payments API high latency
service: payments-api
severity: sev2
last_reviewed: 2026-10-01
---
## Symptoms
## Impact
## Diagnosis
## Mitigation
## Escalation
-- content/runbooks/sso-down.md --
---
title: SSO down
service: sso
severity: sev1
last_reviewed: 2026-10-01
---
## Symptoms
## Impact
## Diagnosis
## Mitigation
## Escalation
-- content/handbook/on-call.md --
# On-call
-- content/ladders/backend.md --
---
title: Backend engineering
levels: [{id: E1, title: Engineer}, {id: E2, title: Senior engineer}]
competencies:
  - id: delivery
    expectations: {E1: Ships., E2: Leads.}
---
-- content/onboarding/backend-payments.md --
---
title: Backend engineer on Payments
role: backend#E2
team: payments
buddy: "Priya ([[team:payments]])"
phases:
  - days: 60
    title: Own a feature
    goals: ["Ship a feature in [[service:ledger]]"]
    tasks: [Pair on a ledger change]
  - days: 30
    title: Learn the system
    goals: [Understand the payment flow]
    tasks:
      - Read [[runbook:payments-latency]]
      - Shadow an on-call shift
    reading: [adr:1, "runbook:payments-latency", "page:handbook/on-call", "[[adr:0003|Logging decision]]", https://example.org/guide]
  - days: 90
    title: Lead
    tasks: [Lead an incident review]
---
# Backend engineer on Payments

Welcome to Payments.
-- content/onboarding/engineer.md --
---
title: Engineer onboarding
role: backend#E1
buddy: A teammate
phases:
  - {days: 30, title: Learn, tasks: [Set up your laptop], reading: [page:handbook/on-call]}
  - {days: 60, title: Contribute, tasks: [Ship a change]}
  - {days: 90, title: Own, tasks: [Join on-call]}
---
# Engineer onboarding

See [the on-call page](../handbook/on-call.md).
`
