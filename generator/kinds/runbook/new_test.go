package runbook_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

var today = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

// services are the ids of catalogData's services.
var services = []string{"ledger", "payments-api"}

func TestNewRunbook(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, home+catalogData)
	p, err := runbook.NewRunbook(dir, "payments-api", "High latency", services, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "runbooks", "payments-api-high-latency.md"); p != want {
		t.Errorf("path = %s, want %s", p, want)
	}
	b, _ := os.ReadFile(p)
	for _, want := range []string{"title: \"High latency\"\n", "service: payments-api\n", "last_reviewed: 2026-11-28\n", "## Symptoms\n", "## Escalation\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new runbook lacks %q:\n%s", want, b)
		}
	}
	if _, err := runbook.NewRunbook(dir, "payments-api", "High latency", services, today); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrote a runbook: err = %v", err)
	}
	// A title that already names the service is not prefixed twice.
	p, err = runbook.NewRunbook(dir, "ledger", "Ledger replication lag", services, today)
	if err != nil || filepath.Base(p) != "ledger-replication-lag.md" {
		t.Errorf("second runbook: %s, %v", p, err)
	}
	if _, err := runbook.NewRunbook(dir, "", "X", services, today); err == nil {
		t.Errorf("a runbook without a service is accepted")
	}
	if _, err := runbook.NewRunbook(dir, "ledgr", "X", services, today); err == nil || !strings.Contains(err.Error(), `there is no service "ledgr" in the catalog (did you mean "ledger"?)`) {
		t.Errorf("a runbook for a service not in the catalog: err = %v", err)
	}
	if _, err := runbook.NewRunbook(dir, "ledger", "X", nil, today); err == nil || !strings.Contains(err.Error(), "the catalog has no services") {
		t.Errorf("a runbook in a handbook without a catalog: err = %v", err)
	}
	if _, err := runbook.NewRunbook(dir, "ledger", " ", services, today); err == nil {
		t.Errorf("a runbook without a title is accepted")
	}
	// What `new` writes builds without errors or warnings.
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), catalog.New(), runbook.New(), page.New())
	res.WantNoErrors(t)
	if len(res.Diags()) != 0 {
		t.Errorf("diagnostics: %v", res.Diags())
	}
	if r := runbook.Of(res.Res.Site).Runbook("payments-api-high-latency"); r == nil || r.Stale || r.Owner != "payments" {
		t.Errorf("new runbook = %+v", r)
	}
}

func TestNewRunbookConfigAndTemplate(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, `
-- almanac.yaml --
runbooks:
  dir: ops/runbooks
  sections: [Steps, Rollback]
-- templates/runbook/new.md --
---
title: {{quote .Title}}
service: {{.Service}}
---
{{range .Sections}}## {{.Name}}
{{end}}
`)
	p, err := runbook.NewRunbook(dir, "ledger", "Disk full", services, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "ops", "runbooks", "ledger-disk-full.md"); p != want {
		t.Errorf("path = %s, want %s", p, want)
	}
	b, _ := os.ReadFile(p)
	if got := string(b); got != "---\ntitle: \"Disk full\"\nservice: ledger\n---\n## Steps\n## Rollback\n\n" {
		t.Errorf("content = %q", got)
	}
}
