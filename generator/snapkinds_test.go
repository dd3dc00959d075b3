package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// kindBodiesBase has a runbook, an ADR with front matter, one in the
// adr-tools format (its title, date and status in its body) and a plain
// page that links to them. Both ADRs are in the feed, which carries their
// bodies.
const kindBodiesBase = `
-- data/teams.yaml --
teams:
  - id: payments
    name: Payments
-- data/services.yaml --
services:
  - id: payments-api
    name: Payments API
    owner: payments
    alerts: [PaymentsApiHighLatency]
-- content/a.md --
---
title: A
---
See [[runbook:payments-api-latency]], [[adr:1]] and [[adr:2]].
-- content/runbooks/payments-api-latency.md --
---
title: Payments API latency
service: payments-api
alerts: [PaymentsApiHighLatency]
severity: sev2
last_reviewed: 2026-10-01
---
## Symptoms

Slow checkouts.

## Impact

Customers wait.

## Diagnosis

Check the dashboard.

## Mitigation

Scale out.

## Escalation

Page the payments lead.
-- content/adr/0001-use-postgres.md --
---
title: Use Postgres
status: accepted
date: 2026-01-10
---
## Context

We need a database.

## Decision

Postgres.
-- content/adr/0002-record-decisions.md --
# 2. Record decisions

Date: 2026-02-01

## Status

Accepted

## Context

We forget why.

## Decision

We will write ADRs.
`

// TestSnapshotPatchesKindBodies checks that an edit to the prose of a
// runbook or an ADR is patched from the snapshot, the ADR feed included,
// as long as what the kind reads from the body stays the same, and that
// the output is then exactly a cold build's.
func TestSnapshotPatchesKindBodies(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, kindBodiesBase)
	edit := func(file, old, new string) { replaceIn(t, dir, file, old, new) }
	buildAfterEach(t, dir, kindBodyEdits)

	// Two ADRs' prose at once: both bodies change in the one feed.
	edit(adr1File, "We need one database.", "We need a single database.")
	edit(adr2File, "short ones.", "shorter ones.")
	if res := cachedBuild(t, dir, "two ADRs' prose", true, all.Kinds); res.Pages != 2 {
		t.Errorf("two ADRs' prose: the patch wrote %d pages, want 2", res.Pages)
	}
	feed, err := os.ReadFile(filepath.Join(dir, "public", "adr", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"a single database", "shorter ones"} {
		if !strings.Contains(string(feed), want) {
			t.Errorf("the feed lacks %q", want)
		}
	}

	// A feed that carries the old body twice cannot say which copy is
	// the edited ADR's: that takes a full build.
	writeFile(t, dir, "content/adr/0003-same.md", "---\ntitle: Same\nstatus: accepted\ndate: 2026-03-01\n---\n"+
		"## Context\n\nWe need a single database.\n\nSee [A](../a.md).\n\n## Decision\n\nPostgres 17, with \"quotes\" & tabs\t.\n")
	cachedBuild(t, dir, "an ADR with the same body", false, all.Kinds)
	edit(adr1File, "with \"quotes\"", "with 'quotes'")
	cachedBuild(t, dir, "prose of an ADR whose body the feed has twice", false, all.Kinds)
}

// A kindBodyEdit replaces old by new in file, which a build after it
// patches or not, with warnings findings.
type kindBodyEdit struct {
	name           string
	file, old, new string
	patched        bool
	warnings       int
}

// The runbook and ADRs of kindBodiesBase.
const (
	runbookFile = "content/runbooks/payments-api-latency.md"
	adr1File    = "content/adr/0001-use-postgres.md"
	adr2File    = "content/adr/0002-record-decisions.md"
)

// kindBodyEdits are edits to the runbook and ADRs of kindBodiesBase, one
// after the other.
var kindBodyEdits = []kindBodyEdit{
	{"first build", "", "", "", false, 0},
	{"a runbook's prose", runbookFile, "Slow checkouts.", "Slow checkouts, & <timeouts>.", true, 0},
	{"a runbook's new heading", runbookFile, "## Escalation", "## Dashboards\n\nThe latency board.\n\n## Escalation", true, 0},
	{"a runbook's recommended section renamed", runbookFile, "## Impact", "## Blast radius", false, 1},
	{"a runbook's prose while it lacks a section", runbookFile, "Customers wait.", "Customers wait, & retry.", true, 1},
	{"the section back", runbookFile, "## Blast radius", "## Customer impact", false, 0},
	{"a runbook's prose again", runbookFile, "Scale out.", "Scale out, then watch.", true, 0},
	{"a runbook's new link", runbookFile, "Scale out, then watch.", "Scale out, then read [[adr:1]].", false, 0},
	{"an ADR's prose, which the feed carries", adr1File, "Postgres.", "Postgres 17, with \"quotes\" & tabs\t.", true, 0},
	{"an adr-tools ADR's prose", adr2File, "We forget why.", "We forget why we decided.", true, 0},
	{"an adr-tools ADR's status", adr2File, "\nAccepted\n", "\nDeprecated\n", false, 0},
	{"an adr-tools ADR's date", adr2File, "Date: 2026-02-01", "Date: 2026-02-02", false, 0},
	{"an adr-tools ADR's date removed", adr2File, "Date: 2026-02-02\n\n", "", false, 1},
	{"its prose while it has no date", adr2File, "We forget why we decided.", "We forget why we decided so.", true, 1},
	{"its date back", adr2File, "# 2. Record decisions\n", "# 2. Record decisions\n\nDate: 2026-02-02\n", false, 0},
	{"an adr-tools ADR's title", adr2File, "# 2. Record decisions", "# 2. Record our decisions", false, 0},
	{"an adr-tools ADR's prose again", adr2File, "We will write ADRs.", "We will write ADRs, short ones.", true, 0},
	{"an ADR's new link", adr1File, "## Decision", "See [A](../a.md).\n\n## Decision", false, 0},
	{"an ADR's prose after that", adr1File, "We need a database.", "We need one database.", true, 0},
}

// buildAfterEach makes each edit of steps in the handbook at dir and
// checks the build after it: patched or not, with its warnings, and a
// patch writing the one page.
func buildAfterEach(t *testing.T, dir string, steps []kindBodyEdit) {
	t.Helper()
	for _, st := range steps {
		if st.file != "" {
			replaceIn(t, dir, st.file, st.old, st.new)
		}
		res := cachedBuild(t, dir, st.name, st.patched, all.Kinds)
		if res.Warnings != st.warnings {
			t.Errorf("%s: %d warnings, want %d: %v", st.name, res.Warnings, st.warnings, res.Diagnostics)
		}
		if st.patched && res.Pages != 1 {
			t.Errorf("%s: the patch wrote %d pages, want 1", st.name, res.Pages)
		}
	}
}

// replaceIn replaces the first old in file (a slash path under dir) by new.
func replaceIn(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSessionPatchesKindBodies makes kindBodyEdits in a Session, as a
// writer running almanac serve does, and checks after each one that the
// output is exactly a cold build's, and that the Session rewrites just
// the page, and the feed, when a build's snapshot would.
func TestSessionPatchesKindBodies(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, kindBodiesBase)
	out := filepath.Join(dir, "public")
	session := generator.NewSession(generator.Options{Source: dir, Out: out, Now: sitetest.Now, Version: "test"}, all.Kinds)
	ctx := context.Background()
	for _, st := range kindBodyEdits {
		var changed []string // nil: a full build
		if st.file != "" {
			replaceIn(t, dir, st.file, st.old, st.new)
			changed = []string{st.file}
		}
		res, err := session.Build(ctx, changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		session.Wait()
		if res.Patched != st.patched || res.Warnings != st.warnings {
			t.Errorf("%s: patched = %v with %d warnings, want %v with %d", st.name, res.Patched, res.Warnings, st.patched, st.warnings)
		}
		wantFindingsOf(t, st.name, res, wantLikeColdBuildOf(t, st.name, dir, out, all.Kinds()))
	}
}

// TestSnapshotFindingsInBodies checks which pages with findings a patch
// may take: those whose findings a patch leaves where they are (in the
// front matter, or its kind's, which its body facts cover), not those
// with a finding in the body that an edit above it moves.
func TestSnapshotFindingsInBodies(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, kindBodiesBase)
	const page = "content/a.md"
	buildAfterEach(t, dir, []kindBodyEdit{
		{"first build", "", "", "", false, 0},
		{"an unsafe link, a finding in the body", page, "See ", "Not [this](javascript:alert(1)).\n\nSee ", false, 1},
		{"a line above it", page, "Not [this]", "Intro.\n\nNot [this]", false, 1},
		{"prose below it", page, "and [[adr:2]].", "and [[adr:2]], both.", false, 1},
		{"the link gone", page, "Not [this](javascript:alert(1)).\n\n", "", false, 0},
		{"prose with no finding left", page, "Intro.", "An intro.", true, 0},
	})
}
