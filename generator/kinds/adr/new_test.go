package adr_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

var today = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)

func TestNewADRNumbered(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, home+`
-- content/adr/README.md --
# Decisions
-- content/adr/template.md --
# Template
-- content/adr/0001-first.md --
---
title: First
date: 2025-01-01
---
-- content/adr/0007-seventh.md --
---
title: Seventh
date: 2025-02-01
---
`)
	p, err := adr.NewADR(dir, "Use  Kafka for events", []string{"7"}, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "adr", "0008-use-kafka-for-events.md"); p != want {
		t.Fatalf("path = %s, want %s", p, want)
	}
	b, _ := os.ReadFile(p)
	for _, want := range []string{"title: \"Use Kafka for events\"\n", "status: proposed\n", "date: 2026-11-28\n", "supersedes: [7]\n", "[[adr:7]]"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new ADR lacks %q:\n%s", want, b)
		}
	}
	// The same title again gets the next number.
	if p, err := adr.NewADR(dir, "Use Kafka for events", nil, today); err != nil || filepath.Base(p) != "0009-use-kafka-for-events.md" {
		t.Fatalf("second ADR: %s, %v", p, err)
	}
	// The written ADRs build: the proposal does not supersede 7 yet.
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), adr.New(), page.New())
	res.WantNoErrors(t)
	if len(res.Diags()) != 0 {
		t.Errorf("diagnostics: %v", res.Diags())
	}
	if a := adr.Of(res.Res.Site).ADR("8"); a == nil || a.Status != "proposed" || a.Title != "Use Kafka for events" || a.Date.String() != "2026-11-28" {
		t.Errorf("ADR 8 = %+v", a)
	}
	if _, err := adr.NewADR(dir, "X", []string{"42"}, today); err == nil || !strings.Contains(err.Error(), "no ADR number 42") {
		t.Errorf("superseding a missing ADR: err = %v", err)
	}
	if _, err := adr.NewADR(dir, "  ", nil, today); err == nil {
		t.Errorf("an empty title is accepted")
	}
}

func TestNewADRRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, `
-- content/adr/20260101-use-x.md --
# Use X
`)
	p, err := adr.NewADR(dir, "Use Y", nil, today)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "20261128-use-y.md" {
		t.Errorf("date-prefixed folder: got %s", filepath.Base(p))
	}
	if _, err := adr.NewADR(dir, "Use Y", nil, today); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrote an existing ADR: err = %v", err)
	}
}

func TestNewADRStyleAndConfig(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, `
-- almanac.yaml --
adr:
  dir: [docs/decisions, adr]
-- content/docs/decisions/001-a.md --
# 1. A
-- content/docs/decisions/002-b.md --
# 2. B
-- content/adr/0040-elsewhere.md --
# 40. Elsewhere
-- templates/adr/new.md --
# {{.Number}}. {{.Title}}

Date: {{.Date}}

## Status

{{.Status}}
{{range .Supersedes}}
Supersedes {{.}}
{{end}}
`)
	p, err := adr.NewADR(dir, "Use Z", []string{"0002-b"}, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "docs", "decisions", "041-use-z.md"); p != want {
		t.Errorf("path = %s, want %s (first folder, next number across folders, 3 digits)", p, want)
	}
	b, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(b), "# 41. Use Z\n\nDate: 2026-11-28\n") || !strings.Contains(string(b), "Supersedes 2") {
		t.Errorf("the handbook's template was not used:\n%s", b)
	}
}

func TestNewADREmptyHandbook(t *testing.T) {
	dir := t.TempDir()
	p, err := adr.NewADR(dir, "Record architecture decisions", nil, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "adr", "0001-record-architecture-decisions.md"); p != want {
		t.Errorf("path = %s, want %s", p, want)
	}
}

// In a log4brains folder ids are slugs: the front matter quotes them for
// YAML, the [[adr:…]] reference in the body names them as they are, and
// the new ADR checks clean.
func TestNewADRSupersedesSlug(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, home+`
-- content/adr/20201103-use-lunr-for-search.md --
# Use Lunr for search

- Status: accepted
- Date: 2020-11-03
`)
	p, err := adr.NewADR(dir, "Replace Lunr", []string{"20201103-use-lunr-for-search"}, today)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	for _, want := range []string{`supersedes: ["20201103-use-lunr-for-search"]`, "[[adr:20201103-use-lunr-for-search]]"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new ADR lacks %q:\n%s", want, b)
		}
	}
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), adr.New(), page.New())
	res.WantNoErrors(t)
	if len(res.Diags()) != 0 {
		t.Errorf("diagnostics: %v", res.Diags())
	}
}
