package runbook_test

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// The test builds' today is sitetest.Now: 2026-11-28.

const home = `
-- content/_index.md --
# Home
`

const catalogData = `
-- data/teams.yaml --
teams:
  - id: payments
    name: Payments
    channel: "#team-payments"
    on_call:
      rotation: payments-primary
      schedule: https://pager.example/payments
      escalation:
        - {who: Primary, after_minutes: 0}
        - {who: Manager, after_minutes: 20}
  - id: identity
    name: Identity
-- data/services.yaml --
services:
  - id: payments-api
    name: Payments API
    owner: payments
    alerts: [PaymentsApiHighLatency, PaymentsApiDown]
  - id: ledger
    name: Ledger
    owner: payments
`

// body has every recommended section.
const body = `
## Symptoms
## Impact
## Diagnosis
## Mitigation
## Escalation
`

func check(t *testing.T, archive string) *sitetest.Result {
	t.Helper()
	return sitetest.Check(t, home+catalogData+archive, catalog.New(), runbook.New(), page.New())
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name, archive string
		want          []string
	}{
		{
			name: "valid",
			archive: `
-- content/runbooks/payments-api-high-latency.md --
---
title: High latency
service: payments-api
alerts: [PaymentsApiHighLatency]
severity: SEV2
last_reviewed: 2026-10-01
---
` + body,
		},
		{
			name: "missing service",
			archive: `
-- content/runbooks/a.md --
---
title: A
last_reviewed: 2026-10-01
---
` + body,
			want: []string{`content/runbooks/a.md:2:1: error: runbook has no service; add service: <catalog service id> to its front matter [runbook-service]`},
		},
		{
			name: "no front matter at all",
			archive: `
-- content/runbooks/a.md --
# A
` + body,
			want: []string{
				`content/runbooks/a.md:1:1: warning: runbook has no last_reviewed date, so it counts as stale; add last_reviewed: YYYY-MM-DD after checking it still works [runbook-last-reviewed]`,
				`content/runbooks/a.md:1:1: error: runbook has no service; add service: <catalog service id> to a front matter block (---) at the top of the file [runbook-service]`,
			},
		},
		{
			name: "unknown service",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: payment-api
last_reviewed: 2026-10-01
---
` + body,
			want: []string{`content/runbooks/a.md:3:10: error: unknown service "payment-api" (did you mean "payments-api"?); service must be a catalog service id [runbook-service]`},
		},
		{
			name: "unknown owner",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: ledger
owner: paymnets
last_reviewed: 2026-10-01
---
` + body,
			want: []string{`content/runbooks/a.md:4:8: error: unknown team "paymnets" (did you mean "payments"?); owner must be a team id from the catalog (or leave it out to use the service's owner) [runbook-owner]`},
		},
		{
			name: "unknown severity",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: ledger
severity: sev5
last_reviewed: 2026-10-01
---
` + body,
			want: []string{`content/runbooks/a.md:4:11: error: unknown severity "sev5" (did you mean "sev1"?); use sev1 (worst), sev2, sev3 or sev4 [runbook-severity]`},
		},
		{
			name: "bad review_every",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2026-10-01
review_every: 0
---
` + body,
			want: []string{`content/runbooks/a.md:5:15: error: review_every must be a number of days above 0, not 0 [runbook-review-every]`},
		},
		{
			name: "bad last_reviewed",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2026-02-30
---
` + body,
			want: []string{
				`content/runbooks/a.md:2:1: warning: runbook has no last_reviewed date, so it counts as stale; add last_reviewed: YYYY-MM-DD after checking it still works [runbook-last-reviewed]`,
				`content/runbooks/a.md:4:16: error: expected a date written YYYY-MM-DD, got "2026-02-30" for "last_reviewed" [yaml]`,
			},
		},
		{
			name: "last_reviewed in the future",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2027-01-01
---
` + body,
			want: []string{`content/runbooks/a.md:4:16: warning: last_reviewed 2027-01-01 is in the future (today is 2026-11-28); write the date the runbook was last checked [runbook-last-reviewed]`},
		},
		{
			name: "missing sections",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2026-10-01
---
Intro.

## Symptoms
## What is the impact?
## Diagnosis and triage
` + "```" + `
## Mitigation
` + "```" + `
`,
			want: []string{
				`content/runbooks/a.md:6:1: warning: runbook has no "Escalation" section; add a "## Escalation" heading (recommended sections: Symptoms, Impact, Diagnosis, Mitigation, Escalation; switch this off with runbooks.require_sections: false) [runbook-section]`,
				`content/runbooks/a.md:6:1: warning: runbook has no "Mitigation" section; add a "## Mitigation" heading (recommended sections: Symptoms, Impact, Diagnosis, Mitigation, Escalation; switch this off with runbooks.require_sections: false) [runbook-section]`,
			},
		},
		{
			name: "sections switched off in config",
			archive: `
-- almanac.yaml --
runbooks:
  require_sections: false
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2026-10-01
---
`,
		},
		{
			name: "custom sections and review interval",
			archive: `
-- almanac.yaml --
runbooks:
  review_every: 30
  sections: [Steps]
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2026-10-01
---
## Steps
`,
		},
		{
			name: "rule switched off with checks",
			archive: `
-- almanac.yaml --
checks:
  runbook-section: "off"
-- content/runbooks/a.md --
---
title: A
service: ledger
last_reviewed: 2026-10-01
---
`,
		},
		{
			name: "an alert answered by two runbooks",
			archive: `
-- content/runbooks/a.md --
---
title: A
service: payments-api
alerts: [PaymentsApiDown, PaymentsApiHighLatency]
last_reviewed: 2026-10-01
---
` + body + `
-- content/runbooks/b.md --
---
title: B
service: payments-api
alerts:
  - PaymentsApiHighLatency
last_reviewed: 2026-10-01
---
` + body,
			want: []string{`content/runbooks/b.md:5:5: warning: alert "PaymentsApiHighLatency" is answered by two runbooks, content/runbooks/a.md and content/runbooks/b.md; on-call needs one place to start: merge them, or keep the alert in one and link to the other [runbook-alert-duplicate]`},
		},
		{
			name: "duplicate ids in subfolders",
			archive: `
-- content/runbooks/a.md --
---
service: ledger
last_reviewed: 2026-10-01
---
# A
` + body + `
-- content/runbooks/old/a.md --
---
title: Old A
service: ledger
last_reviewed: 2026-10-01
---
` + body,
			want: []string{`content/runbooks/old/a.md:2:1: error: duplicate runbook id "a": content/runbooks/old/a.md has the same file name as content/runbooks/a.md; rename one of them (runbook ids are file names) [runbook-duplicate-id]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := check(t, tt.archive)
			if got := strings.Join(res.Diags(), "\n"); got != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n  %s\nwant:\n  %s", strings.Join(res.Diags(), "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestModel(t *testing.T) {
	res := check(t, `
-- content/runbooks/README.md --
# On-call runbooks

Start here.
-- content/runbooks/payments-api-high-latency.md --
---
title: Payments API high latency
service: payments-api
alerts: [PaymentsApiHighLatency]
severity: sev2
last_reviewed: 2026-10-02
review_every: 90
---
`+body+`
-- content/runbooks/ledger-lag.md --
---
title: Ledger lag
service: ledger
owner: identity
alerts: [LedgerLag, ledgerBacklog]
severity: 1
last_reviewed: 2026-05-01
---
`+body)
	res.WantNoErrors(t)
	if len(res.Diags()) != 0 {
		t.Fatalf("diagnostics: %v", res.Diags())
	}
	s := res.Res.Site
	m := runbook.Of(s)
	if len(m.Runbooks) != 2 || m.Runbooks[0].ID != "ledger-lag" {
		t.Fatalf("runbooks = %+v", m.Runbooks)
	}
	lat := m.Runbook("payments-api-high-latency")
	if lat.Stale || lat.Owner != "payments" || !lat.OwnerDefaulted || lat.Due.String() != "2026-12-31" || lat.Severity != "sev2" {
		t.Errorf("latency runbook = %+v", lat)
	}
	lag := m.Runbook("ledger-lag")
	// 2026-05-01 + 180 days = 2026-10-28, 31 days before 2026-11-28.
	if !lag.Stale || lag.DaysOverdue != 31 || lag.Owner != "identity" || lag.OwnerDefaulted || lag.Severity != "sev1" {
		t.Errorf("lag runbook = %+v", lag)
	}
	if got := m.ForAlert("PaymentsApiHighLatency"); len(got) != 1 || got[0] != lat {
		t.Errorf("ForAlert = %v", got)
	}
	if got := m.ForService("ledger"); len(got) != 1 || got[0] != lag {
		t.Errorf("ForService = %v", got)
	}
	// Reached by its service and by its owner, a runbook is listed once, in id order.
	var team []string
	for _, r := range m.ForTeam("payments", []string{"payments-api", "ledger"}) {
		team = append(team, r.ID)
	}
	if got := strings.Join(team, ","); got != "ledger-lag,payments-api-high-latency" {
		t.Errorf("ForTeam = %s", got)
	}
	if got := strings.Join(m.Alerts(), ","); got != "ledgerBacklog,LedgerLag,PaymentsApiHighLatency" {
		t.Errorf("Alerts = %s", got)
	}
	e, ok := s.Entity("runbook", "ledger-lag")
	if !ok || e.Badge != "stale" || e.Path != "runbooks/ledger-lag/" || e.Title != "Ledger lag" {
		t.Errorf("entity = %+v", e)
	}
	if e, _ := s.Entity("runbook", "payments-api-high-latency"); e.Badge != "" {
		t.Errorf("fresh runbook has badge %q", e.Badge)
	}
	idx := s.PageAt("runbooks/")
	if idx.Title != "On-call runbooks" || idx.Source == nil {
		t.Errorf("index page = %+v", idx)
	}
	d := idx.Data.(*runbook.IndexData)
	if d.Total != 2 || d.Stale != 1 || len(d.Groups) != 2 || d.Groups[0].Service.Name != "Ledger" || d.Groups[1].Owner.Name != "Payments" {
		t.Errorf("index data = %+v", d)
	}
	var alerts []string
	for _, a := range d.Alerts {
		alerts = append(alerts, a.Alert+"="+a.Runbooks[0].ID)
	}
	if got := strings.Join(alerts, " "); got != "ledgerBacklog=ledger-lag LedgerLag=ledger-lag PaymentsApiHighLatency=payments-api-high-latency" {
		t.Errorf("alert table = %s", got)
	}
	if len(d.Unanswered) != 1 || d.Unanswered[0].Alert != "PaymentsApiDown" || d.Unanswered[0].Service.ID != "payments-api" {
		t.Errorf("unanswered alerts = %+v", d.Unanswered)
	}
	pd := s.PageAt("runbooks/payments-api-high-latency/").Data.(*runbook.PageData)
	if pd.Service.Path != "services/payments-api/" || pd.Owner.Path != "teams/payments/" || !pd.Owner.Defaulted ||
		pd.OnCall == nil || pd.OnCall.Rotation != "payments-primary" || len(pd.OnCall.Escalation) != 2 {
		t.Errorf("page data = %+v", pd)
	}
	var k runbook.Kind
	if secs := k.Contribute(s, "service:ledger"); len(secs) != 1 || secs[0].Title != "Runbooks" || secs[0].Data.(*runbook.ListData).Stale != 1 {
		t.Errorf("service section = %+v", secs)
	}
	// The payments team owns both services; identity owns the ledger runbook.
	if secs := k.Contribute(s, "team:payments"); len(secs) != 1 || len(secs[0].Data.(*runbook.ListData).Rows) != 2 {
		t.Errorf("payments team section = %+v", secs)
	}
	if secs := k.Contribute(s, "team:identity"); len(secs) != 1 || len(secs[0].Data.(*runbook.ListData).Rows) != 1 {
		t.Errorf("identity team section = %+v", secs)
	}
	if secs := k.Contribute(s, "adr:1"); secs != nil {
		t.Errorf("sections for an ADR: %+v", secs)
	}
}

func TestPages(t *testing.T) {
	res := sitetest.Build(t, home+catalogData+`
-- content/runbooks/ledger-lag.md --
---
title: Ledger lag
service: ledger
alerts: [LedgerLag]
severity: sev2
last_reviewed: 2026-05-01
---
`+body+`
-- content/runbooks/never.md --
---
title: Never reviewed
service: payments-api
---
`+body+`
-- content/notes.md --
# Notes

See [[runbook:ledger-lag]] and [the other](runbooks/never.md).
-- content/runbooks/README.md --
# Runbooks

Copy [the template](template.md); payments keeps [its own notes](payments/README.md).
-- content/runbooks/template.md --
---
title: TITLE
service: SERVICE
---
## Symptoms
-- content/runbooks/payments/README.md --
# Payments runbook notes
`, catalog.New(), runbook.New(), page.New())
	res.WantNoErrors(t)
	if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
		t.Errorf("broken links: %v", broken)
	}
	lag := res.File(t, "runbooks/ledger-lag/index.html")
	for _, want := range []string{
		`<span class="badge badge-stale">stale</span></h1>`,
		`review was due 2026-10-28 (31 days overdue)`,
		`href="../../services/ledger/"`,
		`href="../../teams/payments/"`,
		`(owner of the service)`,
		`href="https://pager.example/payments"`,
		`<code>LedgerLag</code>`,
		`Referenced by`,
	} {
		if !strings.Contains(lag, want) {
			t.Errorf("runbooks/ledger-lag/index.html lacks %q", want)
		}
	}
	if never := res.File(t, "runbooks/never/index.html"); !strings.Contains(never, "has never been reviewed") {
		t.Errorf("runbooks/never/ has no never-reviewed banner")
	}
	index := res.File(t, "runbooks/index.html")
	for _, want := range []string{`id="alert-LedgerLag"`, `id="alert-PaymentsApiDown"`, `Alerts without a runbook`, `2 runbooks`,
		`href="templates/template/"`, `href="payments/"`} {
		if !strings.Contains(index, want) {
			t.Errorf("runbooks/index.html lacks %q", want)
		}
	}
	svc := res.File(t, "services/ledger/index.html")
	if !strings.Contains(svc, `id="runbooks"`) || !strings.Contains(svc, `href="../../runbooks/ledger-lag/"`) {
		t.Errorf("the ledger's service page has no Runbooks section")
	}
	notes := res.File(t, "notes/index.html")
	if !strings.Contains(notes, `href="../runbooks/ledger-lag/"`) || !strings.Contains(notes, "badge-stale") {
		t.Errorf("[[runbook:ledger-lag]] is not a link with a stale badge:\n%s", notes)
	}
}
