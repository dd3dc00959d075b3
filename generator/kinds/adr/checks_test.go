package adr_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

const home = `
-- content/_index.md --
# Home
`

// catalogData is a small catalog for the service checks.
const catalogData = `
-- data/teams.yaml --
teams:
  - id: payments
    name: Payments
-- data/services.yaml --
services:
  - id: payments-api
    name: Payments API
    owner: payments
  - id: ledger
    name: Ledger
    owner: payments
`

func build(t *testing.T, archive string) *sitetest.Result {
	t.Helper()
	return sitetest.Check(t, home+archive, catalog.New(), adr.New(), page.New())
}

// TestChecks runs each check on a handbook that breaks exactly one rule and
// compares the whole list of diagnostics.
func TestChecks(t *testing.T) {
	tests := []struct {
		name    string
		archive string
		want    []string
	}{
		{
			name: "duplicate id",
			archive: `
-- content/adr/0001-a.md --
---
title: A
date: 2025-01-01
---
-- content/adr/0001-b.md --
---
title: B
date: 2025-01-02
---
`,
			want: []string{`content/adr/0001-b.md:1:1: error: duplicate ADR id "1": content/adr/0001-b.md has the same number as content/adr/0001-a.md; give one of them another number (ADR ids are unique across every adr.dir folder) [adr-duplicate-id]`},
		},
		{
			name: "duplicate id across folders",
			archive: `
-- almanac.yaml --
adr:
  dir: [adr, platform/decisions]
-- content/adr/0001-a.md --
---
title: A
date: 2025-01-01
---
-- content/platform/decisions/1-b.md --
---
title: B
date: 2025-01-02
---
`,
			want: []string{`content/platform/decisions/1-b.md:1:1: error: duplicate ADR id "1": content/platform/decisions/1-b.md has the same number as content/adr/0001-a.md; give one of them another number (ADR ids are unique across every adr.dir folder) [adr-duplicate-id]`},
		},
		{
			name: "unknown status",
			archive: `
-- content/adr/0001-a.md --
---
title: A
status: acepted
date: 2025-01-01
---
`,
			want: []string{`content/adr/0001-a.md:3:9: error: unknown ADR status "acepted" (did you mean "accepted"?); use one of proposed, accepted, rejected, deprecated, superseded, on hold (or list it in adr.extra_statuses in almanac.yaml) [adr-status]`},
		},
		{
			name: "unknown status in an adr-tools status section",
			archive: `
-- content/adr/0001-a.md --
# 1. A

Date: 2025-01-01

## Status

Frobnicated
`,
			want: []string{`content/adr/0001-a.md:7:1: error: unknown ADR status "Frobnicated"; use one of proposed, accepted, rejected, deprecated, superseded, on hold (or list it in adr.extra_statuses in almanac.yaml) [adr-status]`},
		},
		{
			name: "supersedes a missing ADR",
			archive: `
-- content/adr/0001-a.md --
---
title: A
status: superseded
date: 2025-01-01
---
-- content/adr/0002-b.md --
---
title: B
date: 2025-01-02
supersedes: [1, 7]
---
`,
			want: []string{`content/adr/0002-b.md:4:17: error: supersedes "7": no ADR has that id or file name (did you mean "1"?); write the id of an existing ADR (ids: 1, 2) [adr-supersedes-missing]`},
		},
		{
			name: "superseded by a missing ADR (log4brains)",
			archive: `
-- content/adr/20200101-a.md --
# A

- Status: superseded by [20200202-b](20200202-b.md)
- Date: 2020-01-01
`,
			want: []string{`content/adr/20200101-a.md:3:25: error: superseded by "20200202-b.md": no ADR has that id or file name; write the id of an existing ADR (ids: 20200101-a) [adr-supersedes-missing]`},
		},
		{
			name: "supersession cycle",
			archive: `
-- content/adr/0001-a.md --
---
title: A
status: superseded
date: 2025-01-01
supersedes: [2]
---
-- content/adr/0002-b.md --
---
title: B
status: superseded
date: 2025-01-02
supersedes: [1]
---
`,
			want: []string{`content/adr/0001-a.md:5:14: error: supersession cycle: ADR-0001 supersedes ADR-0002, which supersedes ADR-0001; an ADR cannot (even indirectly) supersede itself: remove one of these supersedes [adr-supersede-cycle]`},
		},
		{
			name: "supersedes itself",
			archive: `
-- content/adr/0001-a.md --
---
title: A
date: 2025-01-01
supersedes: [1]
---
`,
			want: []string{`content/adr/0001-a.md:4:14: error: ADR-0001 supersedes itself; remove it from its own supersedes [adr-supersede-cycle]`},
		},
		{
			name: "superseded ADR whose status is not superseded",
			archive: `
-- content/adr/0001-a.md --
---
title: A
status: accepted
date: 2025-01-01
---
-- content/adr/0002-b.md --
---
title: B
status: accepted
date: 2025-01-02
supersedes: [1]
---
`,
			want: []string{`content/adr/0001-a.md:3:9: warning: ADR-0001 is superseded by ADR-0002 but its status is "accepted"; set its status to superseded (the page already shows it as superseded) [adr-superseded-status]`},
		},
		{
			name: "a proposal does not supersede yet",
			archive: `
-- content/adr/0001-a.md --
---
title: A
status: accepted
date: 2025-01-01
---
-- content/adr/0002-b.md --
---
title: B
status: proposed
date: 2025-01-02
supersedes: [1]
---
`,
			want: nil,
		},
		{
			name: "missing date",
			archive: `
-- content/adr/0001-a.md --
# 1. A

## Status

Accepted
-- content/adr/0002-b.md --
---
title: B
---
-- content/adr/20200101-c.md --
# C

- Status: accepted
`,
			want: []string{
				`content/adr/0001-a.md:1:3: warning: ADR 1 has no date; add a line "Date: YYYY-MM-DD" under the title [adr-date-missing]`,
				`content/adr/0002-b.md:1:1: warning: ADR 2 has no date; add "date: YYYY-MM-DD" to the front matter [adr-date-missing]`,
				`content/adr/20200101-c.md:1:3: warning: ADR "20200101-c" has no date; add "- Date: YYYY-MM-DD" to the list under the title [adr-date-missing]`,
			},
		},
		{
			// Only the loader's error: the file is not empty, and its title
			// and date may be in the front matter it could not read.
			name: "front matter never closed",
			archive: `
-- content/adr/0001-unterminated.md --
---
title: Unterminated
status: accepted
date: 2026-01-01
x
`,
			want: []string{`content/adr/0001-unterminated.md:1:1: error: front matter starts with --- on line 1 but is never closed; add a line containing only --- after the last front matter line [frontmatter]`},
		},
		{
			name: "front matter with invalid YAML",
			archive: `
-- content/adr/0001-tab.md --
---
title: Tab
	status: accepted
date: 2026-01-01
---
x
-- content/adr/0002-b.md --
---
title: B
date: 2026-01-02
supersedes: [1]
---
`,
			// Not even that 0001 is superseded but has no status: its status
			// may be on the line that failed. (A tab, so that the loader's
			// column is that of the mistake.)
			want: []string{`content/adr/0001-tab.md:3:1: error: invalid YAML: found a tab character that violates indentation; YAML does not allow tabs for indentation, use spaces [yaml]`},
		},
		{
			name: "unknown service",
			archive: catalogData + `
-- content/adr/0001-a.md --
---
title: A
date: 2025-01-01
services: [payments-api, ledgr]
---
`,
			want: []string{`content/adr/0001-a.md:4:26: error: unknown service "ledgr" (did you mean "ledger"?); services must be catalog ids (2 services in the catalog) [adr-service]`},
		},
		{
			name: "services are not checked without a catalog",
			archive: `
-- content/adr/0001-a.md --
---
title: A
date: 2025-01-01
services: [anything]
---
`,
			want: nil,
		},
		{
			name: "number in the title disagrees with the file name",
			archive: `
-- content/adr/0003-a.md --
# 4. A

Date: 2025-01-01
`,
			want: []string{`content/adr/0003-a.md:1:3: warning: the title says ADR 4 but the file name says 3; Almanac uses 3 from the file name: rename the file or fix the title [adr-number]`},
		},
		{
			name: "templates and READMEs are not ADRs",
			archive: `
-- content/adr/README.md --
# Decisions

See [the template](template.md) and [the other one](adr-template.md).
-- content/adr/template.md --
# [short title]

- Status: [draft | proposed | superseded by [xxx](yyyymmdd-xxx.md)]
- Date: [YYYY-MM-DD]
-- content/adr/adr-template.md --
---
title: ADR Template
# status: "{proposed | rejected}"
---
# {short title}
`,
			want: nil,
		},
		{
			name: "relations to web pages are left to the link checker",
			archive: `
-- content/adr/0001-a.md --
# A

* Status: accepted
* Date: 2020-01-01

## Links

* Relates to [a blog post](https://example.com/post)
* Supersedes [the wiki page](https://wiki.example.com/old-decision)
`,
			want: nil,
		},
		{
			name: "rule switched off",
			archive: `
-- almanac.yaml --
checks:
  adr-date-missing: "off"
-- content/adr/0001-a.md --
# 1. A
`,
			want: nil,
		},
		{
			name: "bad adr.dir",
			archive: `
-- almanac.yaml --
adr:
  dir: ../outside
`,
			want: []string{`almanac.yaml:2:8: error: adr.dir "../outside" must name a folder inside content/, such as "adr" or "docs/decisions" [config]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := build(t, tt.archive)
			got := res.Diags()
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestDerived checks what Link derives: superseded_by, statuses, pending
// supersessions, amendments, aliases and the page data.
func TestDerived(t *testing.T) {
	res := build(t, catalogData+`
-- content/adr/0001-a.md --
---
title: First
status: superseded
date: 2024-01-01
services: [ledger]
tags: [Storage, storage]
---
-- content/adr/0002-b.md --
---
title: Second
status: superseded
date: 2024-06-01
supersedes: ["ADR-0001"]
services: [ledger, payments-api]
---
-- content/adr/0003-c.md --
---
title: Third
status: accepted
date: 2025-01-01
supersedes: [2]
amends: [4]
---
-- content/adr/0004-d.md --
---
title: Fourth
status: accepted
date: 2025-02-01
---
-- content/adr/0005-e.md --
---
title: Fifth
status: proposed
date: 2025-03-01
supersedes: [4]
---
`)
	res.WantNoErrors(t)
	if len(res.Diags()) != 0 {
		t.Fatalf("unexpected diagnostics: %v", res.Diags())
	}
	s := res.Res.Site
	m := adr.Of(s)
	get := func(id string) *adr.ADR {
		a := m.ADR(id)
		if a == nil {
			t.Fatalf("ADR %s missing", id)
		}
		return a
	}
	if a := get("1"); a.Status != "superseded" || strings.Join(a.SupersededBy, ",") != "2" || strings.Join(a.Tags, ",") != "Storage" {
		t.Errorf("ADR 1: status %q, superseded by %v, tags %v", a.Status, a.SupersededBy, a.Tags)
	}
	if a := get("2"); strings.Join(a.Supersedes, ",") != "1" || strings.Join(a.SupersededBy, ",") != "3" {
		t.Errorf("ADR 2: supersedes %v, superseded by %v", a.Supersedes, a.SupersededBy)
	}
	if a := get("4"); a.Status != "accepted" || len(a.SupersededBy) != 0 || strings.Join(a.PendingSupersededBy, ",") != "5" || strings.Join(a.AmendedBy, ",") != "3" {
		t.Errorf("ADR 4: status %q, superseded by %v, pending %v, amended by %v", a.Status, a.SupersededBy, a.PendingSupersededBy, a.AmendedBy)
	}
	if got := ids(m.ForService("ledger")); got != "1,2" {
		t.Errorf("ForService(ledger) = %s", got)
	}
	if got := ids(m.ADRs); got != "1,2,3,4,5" {
		t.Errorf("ADRs = %s", got)
	}
	for _, id := range []string{"2", "0002"} {
		e, ok := s.Entity("adr", id)
		if !ok || e.Path != "adr/0002/" || e.Badge != "superseded" || e.Title != "ADR-0002: Second" {
			t.Errorf("entity adr:%s = %+v, %v", id, e, ok)
		}
	}
	d := s.PageAt("adr/0002/").Data.(*adr.PageData)
	if got := lineageString(d.Lineage); got != "chain ADR-0001 > ADR-0002 > ADR-0003" {
		t.Errorf("lineage = %s", got)
	}
	if len(d.Services) != 2 || d.Services[1].Name != "Payments API" || d.Services[1].Path != "services/payments-api/" {
		t.Errorf("services = %+v", d.Services)
	}
	idx := s.PageAt("adr/").Data.(*adr.IndexData)
	var statuses []string
	for _, c := range idx.Statuses {
		statuses = append(statuses, c.Key+"="+itoa(c.Count))
	}
	if got := strings.Join(statuses, " "); got != "proposed=1 accepted=2 superseded=2" {
		t.Errorf("index statuses = %s", got)
	}
	tl := s.PageAt("adr/timeline/").Data.(*adr.TimelineData)
	if len(tl.Years) != 2 || tl.Years[0].Year != "2025" || tl.Years[0].Entries[0].ID != "5" {
		t.Errorf("timeline = %+v", tl.Years)
	}
	// Contributed sections.
	var kind adr.Kind
	secs := kind.Contribute(s, "team:payments")
	if len(secs) != 1 || secs[0].Title != "Architecture decisions" || len(secs[0].Data.(*adr.ListData).Rows) != 2 {
		t.Errorf("team sections = %+v", secs)
	}
	if secs := kind.Contribute(s, "service:payments-api"); len(secs) != 1 || secs[0].Data.(*adr.ListData).Rows[0].ID != "2" {
		t.Errorf("service sections = %+v", secs)
	}
	if secs := kind.Contribute(s, "service:nothing"); secs != nil {
		t.Errorf("sections for a service without ADRs: %+v", secs)
	}
}

// lineageString writes l as "chain A > B > C", or "history A (links); B
// (links)" for one that branches.
func lineageString(l *adr.Lineage) string {
	if l == nil {
		return ""
	}
	var out []string
	for _, e := range l.ADRs {
		s := e.Label
		var links []string
		for _, r := range e.Links {
			links = append(links, r.Label+" "+refLabels(r.Refs))
		}
		if !l.Chain {
			s += " (" + strings.Join(links, ", ") + ")"
		}
		out = append(out, s)
	}
	if l.Chain {
		return "chain " + strings.Join(out, " > ")
	}
	return "history " + strings.Join(out, "; ")
}

func refLabels(refs []adr.RefView) string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Label)
	}
	return strings.Join(out, "+")
}

// TestLineage checks the supersession history every ADR of it shows: a
// chain when it is one line, each ADR with its links when it branches,
// proposals on both sides.
func TestLineage(t *testing.T) {
	adrFile := func(n int, status, date, extra string) string {
		return fmt.Sprintf("-- content/adr/%04d-x.md --\n---\ntitle: X%d\nstatus: %s\ndate: %s\n%s---\n", n, n, status, date, extra)
	}
	tests := []struct {
		name    string
		archive string
		lineage string   // shown on the page of every ADR it names
		alone   []string // ids of ADRs with no lineage
		// A page's supersession links: "supersedes", "superseded by",
		// "would supersede", "would be superseded by" and the proposals of
		// its banner, by id.
		links map[string]string
	}{
		{
			name: "a chain",
			archive: adrFile(1, "superseded", "2020-01-01", "") + adrFile(2, "superseded", "2020-02-01", "supersedes: [1]\n") +
				adrFile(3, "accepted", "2020-03-01", "supersedes: [2]\n") + adrFile(4, "accepted", "2020-04-01", ""),
			lineage: "chain ADR-0001 > ADR-0002 > ADR-0003",
			alone:   []string{"4"},
		},
		{
			// The chain is the supersession order, not the order of dates.
			name:    "a chain whose dates disagree",
			archive: adrFile(1, "superseded", "2021-01-01", "") + adrFile(2, "accepted", "2020-01-01", "supersedes: [1]\n"),
			lineage: "chain ADR-0001 > ADR-0002",
		},
		{
			// Not MySQL -> Redis -> Postgres: Postgres replaced both.
			name: "one ADR supersedes two",
			archive: adrFile(1, "superseded", "2020-01-01", "") + adrFile(2, "superseded", "2020-02-01", "") +
				adrFile(3, "accepted", "2020-03-01", "supersedes: [1, 2]\n"),
			lineage: "history ADR-0001 (superseded by ADR-0003); ADR-0002 (superseded by ADR-0003); ADR-0003 (supersedes ADR-0001+ADR-0002)",
		},
		{
			// 0003 is older than 0002, which supersedes it, and not newer
			// than 0001: written in the old ADRs (adr-tools' "Superseded by").
			name: "two ADRs say one supersedes them",
			archive: `
-- content/adr/0001-old.md --
# 1. Old

Date: 2020-01-01

## Status

Superseded by [2. New](0002-new.md)
-- content/adr/0002-new.md --
# 2. New

Date: 2020-01-02

## Status

Accepted
-- content/adr/0003-three.md --
# 3. Three

Date: 2020-01-03

## Status

Superseded by [2. New](0002-new.md)
`,
			lineage: "history ADR-0001 (superseded by ADR-0002); ADR-0003 (superseded by ADR-0002); ADR-0002 (supersedes ADR-0001+ADR-0003)",
		},
		{
			name: "two ADRs supersede one",
			archive: adrFile(1, "superseded", "2020-01-01", "") + adrFile(2, "accepted", "2020-02-01", "supersedes: [1]\n") +
				adrFile(3, "accepted", "2020-03-01", "supersedes: [1]\n"),
			lineage: "history ADR-0001 (superseded by ADR-0002+ADR-0003); ADR-0002 (supersedes ADR-0001); ADR-0003 (supersedes ADR-0001)",
		},
		{
			name:    "a proposal shows on both ADRs",
			archive: adrFile(1, "accepted", "2020-01-01", "") + adrFile(2, "proposed", "2026-11-29", "supersedes: [1]\n"),
			lineage: "chain ADR-0001 > ADR-0002",
			links: map[string]string{
				"1": "would be superseded by ADR-0002; banner ADR-0002",
				"2": "would supersede ADR-0001",
			},
		},
		{
			name: "a rejected ADR does not supersede, and is no proposal",
			archive: adrFile(1, "accepted", "2020-01-01", "") + adrFile(2, "rejected", "2020-02-01", "supersedes: [1]\n") +
				adrFile(3, "superseded", "2020-03-01", "") + adrFile(4, "accepted", "2020-04-01", "supersedes: [3]\n"),
			links: map[string]string{
				"1": "would be superseded by ADR-0002",
				"2": "would supersede ADR-0001",
				"3": "superseded by ADR-0004",
				"4": "supersedes ADR-0003",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := build(t, tt.archive)
			s := res.Res.Site
			m := adr.Of(s)
			for _, a := range m.ADRs {
				d := a.Page.Data.(*adr.PageData)
				want := tt.lineage
				if slices.Contains(tt.alone, a.ID) || want != "" && !strings.Contains(want, a.Label()) {
					want = ""
				}
				if tt.lineage != "" {
					if got := lineageString(d.Lineage); got != want {
						t.Errorf("%s lineage:\n  %s\nwant:\n  %s", a.Label(), got, want)
					}
				}
				if tt.links == nil {
					continue
				}
				var links []string
				for _, r := range []adr.RelatedView{{Label: "supersedes", Refs: d.Supersedes}, {Label: "superseded by", Refs: d.SupersededBy},
					{Label: "would supersede", Refs: d.WouldSupersede}, {Label: "would be superseded by", Refs: d.WouldBeSupersededBy},
					{Label: "banner", Refs: d.Pending}} {
					if len(r.Refs) > 0 {
						links = append(links, r.Label+" "+refLabels(r.Refs))
					}
				}
				if got := strings.Join(links, "; "); got != tt.links[a.ID] {
					t.Errorf("%s links: %q, want %q", a.Label(), got, tt.links[a.ID])
				}
			}
		})
	}
}

// TestLineagePages checks how ADR pages show supersession.
func TestLineagePages(t *testing.T) {
	const branching = `
-- content/adr/0001-mysql.md --
---
title: Use MySQL
status: superseded
date: 2020-01-01
---
-- content/adr/0002-redis.md --
---
title: Use Redis
status: superseded
date: 2020-02-01
---
-- content/adr/0003-pg.md --
---
title: Use Postgres for both
date: 2020-03-01
supersedes: [1, 2]
---
`
	const proposal = `
-- content/adr/0001-mysql.md --
---
title: Use MySQL
status: accepted
date: 2020-01-01
---
-- content/adr/0002-pg.md --
---
title: Use Postgres
status: proposed
date: 2026-11-29
supersedes: [1]
---
`
	tests := []struct {
		name, archive, page string
		want, lacks         []string
	}{
		{"branching history", branching, "adr/0002/index.html",
			[]string{`Supersession history, oldest first`, `<strong>ADR-0002: Use Redis</strong>`,
				`<span class="adr-note muted">superseded by <a href="../0003/">ADR-0003</a></span>`,
				`<span class="adr-note muted">supersedes <a href="../0001/">ADR-0001</a>, ADR-0002</span>`},
			[]string{`adr-chain`}},
		{"the proposal's old ADR", proposal, "adr/0001/index.html",
			[]string{`A proposal would supersede this decision: <a href="../0002/">ADR-0002: Use Postgres</a>`,
				"<dt>Would be superseded by</dt>", `Supersession chain, oldest first`},
			[]string{"<dt>Superseded by</dt>"}},
		{"the proposal", proposal, "adr/0002/index.html",
			[]string{"<dt>Would supersede</dt>", `Supersession chain, oldest first`},
			[]string{"<dt>Supersedes</dt>", "adr-pending"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sitetest.Build(t, home+tt.archive, adr.New(), page.New())
			res.WantNoErrors(t)
			if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
				t.Errorf("broken links: %v", broken)
			}
			html := res.File(t, tt.page)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("%s lacks %q", tt.page, w)
				}
			}
			for _, l := range tt.lacks {
				if strings.Contains(html, l) {
					t.Errorf("%s has %q", tt.page, l)
				}
			}
		})
	}
}

func ids(list []*adr.ADR) string {
	var out []string
	for _, a := range list {
		out = append(out, a.ID)
	}
	return strings.Join(out, ",")
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestPagesAndFeed builds a small handbook and checks the written files.
func TestPagesAndFeed(t *testing.T) {
	archive := home + `
-- almanac.yaml --
title: Northwind
base_url: https://handbook.example.com/
-- content/adr/0001-a.md --
---
title: Use <Go>
status: superseded
date: 2024-01-01
tags: [lang]
---
## Context

See [[adr:2]].
-- content/adr/0002-b.md --
---
title: Use Rust
date: 2025-01-01
supersedes: [1]
---
Body of two.
-- content/notes.md --
# Notes

Decided in [[adr:0002]] and [the first](adr/0001-a.md).
`
	res := sitetest.Build(t, archive, adr.New(), page.New())
	res.WantNoErrors(t)
	if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
		t.Errorf("broken links: %v", broken)
	}
	feed := res.File(t, "adr/feed.xml")
	for _, want := range []string{
		`<title>Northwind: Architecture decisions</title>`,
		`<updated>2025-01-01T00:00:00Z</updated>`,
		`<id>https://handbook.example.com/adr/0002/</id>`,
		`<link rel="alternate" type="text/html" href="https://handbook.example.com/adr/0001/"/>`,
		`<title>ADR-0001: Use &lt;Go&gt; (superseded)</title>`,
		`<summary>Status: superseded. Date: 2024-01-01. Superseded by ADR-0002.</summary>`,
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed lacks %q:\n%s", want, feed)
		}
	}
	if strings.Index(feed, "adr/0002/") > strings.Index(feed, "adr/0001/</id>") {
		t.Errorf("feed is not newest first")
	}
	// The same handbook builds the same feed.
	again := sitetest.Build(t, archive, adr.New(), page.New())
	first, second := sitetest.Tree(t, res.Out), sitetest.Tree(t, again.Out)
	for name, b := range first {
		if second[name] != b {
			t.Errorf("%s differs between two builds of the same handbook", name)
		}
	}
	notes := res.File(t, "notes/index.html")
	if !strings.Contains(notes, `href="../adr/0002/"`) || !strings.Contains(notes, "ADR-0002: Use Rust") {
		t.Errorf("[[adr:0002]] does not resolve:\n%s", notes)
	}
	one := res.File(t, "adr/0001/index.html")
	for _, want := range []string{"Referenced by", `href="../../notes/"`, `superseded</strong> by`, `href="../#tag=lang"`} {
		if !strings.Contains(one, want) {
			t.Errorf("adr/0001/index.html lacks %q", want)
		}
	}
	index := res.File(t, "adr/index.html")
	for _, want := range []string{`data-filter-status="superseded"`, `data-filter-tag="lang"`, `<option value="lang">lang (1)</option>`, `type="application/atom+xml"`} {
		if !strings.Contains(index, want) {
			t.Errorf("adr/index.html lacks %q", want)
		}
	}
}

// TestFeedWithoutBaseURL uses links relative to the feed.
func TestFeedWithoutBaseURL(t *testing.T) {
	res := sitetest.Build(t, home+`
-- content/adr/use-x.md --
---
title: Use X
date: 2025-01-01
---
`, adr.New(), page.New())
	res.WantNoErrors(t)
	feed := res.File(t, "adr/feed.xml")
	for _, want := range []string{`href="use-x/"`, `<id>urn:almanac:adr:use-x</id>`, `href="feed.xml"`} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed lacks %q:\n%s", want, feed)
		}
	}
}

// TestFeedDates checks that the feed carries only dated ADRs, dated by
// their own dates, and that a handbook without any gets no feed.
func TestFeedDates(t *testing.T) {
	tests := []struct {
		name, archive string
		want, lacks   []string // in adr/feed.xml; "" for no feed
		indexLinks    bool     // adr/index.html links the feed
	}{
		{
			name: "undated ADRs are left out",
			archive: `
-- content/adr/0001-a.md --
# 1. Dated

Date: 2024-05-01
-- content/adr/0002-b.md --
# 2. Undated
-- content/adr/0003-c.md --
# 3. Also dated

Date: 2025-02-03
`,
			want: []string{
				`<updated>2025-02-03T00:00:00Z</updated>
  <link rel="self"`,
				`<id>urn:almanac:adr:3</id>
    <updated>2025-02-03T00:00:00Z</updated>`,
				`<id>urn:almanac:adr:1</id>
    <updated>2024-05-01T00:00:00Z</updated>`,
			},
			lacks:      []string{"1970", "urn:almanac:adr:2", "Undated"},
			indexLinks: true,
		},
		{
			name: "no ADR is dated (MADR without dates)",
			archive: `
-- content/adr/0001-a.md --
# Use A
-- content/adr/0002-b.md --
# Use B
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sitetest.Build(t, home+tt.archive, adr.New(), page.New())
			res.WantNoErrors(t)
			if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
				t.Errorf("broken links: %v", broken)
			}
			index := res.File(t, "adr/index.html")
			if got := strings.Contains(index, "feed.xml"); got != tt.indexLinks {
				t.Errorf("adr/index.html links the feed: %v, want %v", got, tt.indexLinks)
			}
			files := strings.Join(res.Files(t), "\n")
			if !tt.indexLinks {
				if strings.Contains(files, "adr/feed.xml") {
					t.Errorf("a feed without dated ADRs was written:\n%s", files)
				}
				return
			}
			feed := res.File(t, "adr/feed.xml")
			for _, w := range tt.want {
				if !strings.Contains(feed, w) {
					t.Errorf("feed lacks %q:\n%s", w, feed)
				}
			}
			for _, l := range tt.lacks {
				if strings.Contains(feed, l) {
					t.Errorf("feed has %q:\n%s", l, feed)
				}
			}
		})
	}
}
