package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

const checkFixture = `
-- content/_index.md --
---
title: Home
colour: blue
---
See [gone](gone.md) and [[adr:999]].
-- content/warn.md --
---
title: Warn
---
A [bad link](javascript:alert(1)).
`

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

func TestCheckFormats(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, checkFixture)
	tests := []struct {
		format string
		want   []string
	}{
		{"text", []string{
			`content/_index.md:3:1: error: unknown key "colour"; known keys: date, description, draft, slug, tags, title, weight [yaml]`,
			`content/_index.md:5:5: error: link to "gone.md": no such page or file (looked for content/gone.md) [link-broken]`,
			`content/_index.md:5:25: error: [[adr:999]] names no known adr: no adr is defined yet [ref-unknown]`,
			`content/warn.md:4:3: warning: unsafe link "javascript:alert(1)" dropped; Almanac never emits javascript:, vbscript:, file: or non-image data: URLs [link-unsafe]`,
		}},
		{"github", []string{
			`::error file=content/_index.md,line=3,col=1,title=yaml::unknown key "colour"; known keys: date, description, draft, slug, tags, title, weight`,
			`::error file=content/_index.md,line=5,col=5,title=link-broken::link to "gone.md": no such page or file (looked for content/gone.md)`,
			`::warning file=content/warn.md,line=4,col=3,title=link-unsafe::unsafe link "javascript:alert(1)" dropped; Almanac never emits javascript:, vbscript:, file: or non-image data: URLs`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, _ := runCLI(t, "check", "--source", dir, "--format", tt.format)
			if code != exitContent {
				t.Errorf("exit %d, want %d", code, exitContent)
			}
			lines := strings.Split(out, "\n")
			for _, w := range tt.want {
				found := false
				for _, l := range lines {
					found = found || l == w
				}
				if !found {
					t.Errorf("missing line\n  %s\nin:\n%s", w, out)
				}
			}
			// Findings are sorted by path and position.
			if i, j := strings.Index(out, "content/_index.md:3:1"), strings.Index(out, "content/warn.md"); tt.format == "text" && (i < 0 || j < i) {
				t.Errorf("findings not sorted:\n%s", out)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		code, out, _ := runCLI(t, "check", "--source", dir, "--format", "json")
		if code != exitContent {
			t.Errorf("exit %d, want %d", code, exitContent)
		}
		var r jsonReport
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if r.Version != 1 || r.Errors != 3 || r.Warnings != 1 || len(r.Diagnostics) != 4 {
			t.Errorf("report = %+v", r)
		}
		d := r.Diagnostics[1]
		if d.Path != "content/_index.md" || d.Line != 5 || d.Column != 5 || d.Severity != "error" || d.Rule != "link-broken" {
			t.Errorf("second finding = %+v", d)
		}
	})
}

func TestCheckExitCodes(t *testing.T) {
	warnOnly := t.TempDir()
	sitetest.Write(t, warnOnly, "-- content/_index.md --\n[x](javascript:void(0))\n")
	clean := t.TempDir()
	sitetest.Write(t, clean, "-- content/_index.md --\nhello\n")
	off := t.TempDir()
	sitetest.Write(t, off, "-- almanac.yaml --\nchecks:\n  link-broken: off\n-- content/_index.md --\n[x](gone.md)\n")
	downgraded := t.TempDir()
	sitetest.Write(t, downgraded, "-- almanac.yaml --\nchecks:\n  link-broken: warning\n-- content/_index.md --\n[x](gone.md)\n")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{"check", "--source", clean}, exitOK},
		{"warnings pass", []string{"check", "--source", warnOnly}, exitOK},
		{"strict fails on warnings", []string{"check", "--source", warnOnly, "--strict"}, exitContent},
		{"rule switched off", []string{"check", "--source", off}, exitOK},
		{"rule downgraded", []string{"check", "--source", downgraded}, exitOK},
		{"rule downgraded, strict", []string{"check", "--source", downgraded, "--strict"}, exitContent},
		{"bad format", []string{"check", "--source", clean, "--format", "xml"}, exitUsage},
		{"bad flag", []string{"check", "--nope"}, exitUsage},
		{"stray argument", []string{"build", "extra"}, exitUsage},
		{"base URL not absolute", []string{"build", "--source", clean, "--out", filepath.Join(t.TempDir(), "out"), "--base-url", "/docs/"}, exitUsage},
		{"unknown command", []string{"buidl"}, exitUsage},
		{"no command", nil, exitUsage},
		{"version", []string{"version"}, exitOK},
		{"help", []string{"help", "build"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, out, errOut := runCLI(t, tt.args...); code != tt.want {
				t.Errorf("almanac %v: exit %d, want %d\n%s%s", tt.args, code, tt.want, out, errOut)
			}
		})
	}
}

func TestBuildSummaryAndOutDefault(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "-- content/_index.md --\nhello\n")
	code, out, errOut := runCLI(t, "build", "--source", dir, "--cache-dir", "off")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "built ") || !strings.Contains(out, "(0 warnings)") {
		t.Errorf("summary = %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Errorf("--out does not default to SOURCE/public: %v", err)
	}
}

func TestNewADR(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, `
-- content/adr/0001-first.md --
---
title: First
status: accepted
date: 2026-01-01
---
-- content/adr/0002-second.md --
---
title: Second
status: accepted
date: 2026-01-02
---
`)
	code, out, errOut := runCLI(t, "new", "adr", "Use Kafka for events", "--source", dir, "--supersedes", "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	path := strings.TrimSpace(out)
	if filepath.Base(path) != "0003-use-kafka-for-events.md" {
		t.Errorf("new ADR written to %s", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Use Kafka for events", "status: proposed", "supersedes:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new ADR lacks %q:\n%s", want, b)
		}
	}
	if code, _, _ := runCLI(t, "new", "adr"); code != exitUsage {
		t.Errorf("new adr without a title: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCLI(t, "new", "poem", "x"); code != exitUsage {
		t.Errorf("new of an unknown kind: exit %d, want %d", code, exitUsage)
	}
}

func TestInitScaffoldBuildsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "handbook")
	if code, _, errOut := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	for _, f := range []string{"almanac.yaml", ".gitignore", ".github/workflows/handbook.yml", "content/adr/0001-record-architecture-decisions.md",
		"content/runbooks/example-api-down.md", "content/ladders/engineering.md", "content/hiring/engineer.md",
		"content/onboarding/engineer.md", "data/teams.yaml", "data/services.yaml", "data/kpis.yaml", "data/scorecards.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	code, out, errOut := runCLI(t, "check", "--source", dir, "--strict")
	if code != exitOK {
		t.Errorf("scaffolded handbook does not check clean: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := runCLI(t, "init", dir); code != exitContent {
		t.Errorf("second init into the same folder: exit %d, want %d (never overwrite)", code, exitContent)
	}
}

func TestNewRunbook(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, `
-- data/teams.yaml --
teams:
  - id: payments
    name: Payments
-- data/services.yaml --
services:
  - id: payments-api
    name: Payments API
    owner: payments
    tier: 2
    lifecycle: production
`)
	code, out, errOut := runCLI(t, "new", "runbook", "payments-api", "Card processor timeouts", "--source", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	path := strings.TrimSpace(out)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "service: payments-api") || !strings.Contains(string(b), "## Mitigation") {
		t.Errorf("new runbook:\n%s", b)
	}
	// The new runbook is valid as written.
	if code, o, e := runCLI(t, "check", "--source", dir); code != exitOK {
		t.Errorf("check after new runbook: exit %d\n%s%s", code, o, e)
	}
	if code, _, _ := runCLI(t, "new", "runbook", "payments-api"); code != exitUsage {
		t.Errorf("new runbook without a title: exit %d, want %d", code, exitUsage)
	}
	// A service the catalog lacks is refused before anything is written.
	code, out, errOut = runCLI(t, "new", "runbook", "payment-api", "Timeouts", "--source", dir)
	if code != exitContent || out != "" || !strings.Contains(errOut, `there is no service "payment-api" in the catalog (did you mean "payments-api"?)`) {
		t.Errorf("new runbook for an unknown service: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "runbooks", "payment-api-timeouts.md")); err == nil {
		t.Errorf("new runbook for an unknown service wrote its file")
	}
	// A catalog that does not read says why it has no services.
	writeFile(t, filepath.Join(dir, "data", "services.yaml"), []byte("services:\n  - id: payments-api\n    name: [Payments\n"))
	code, _, errOut = runCLI(t, "new", "runbook", "payments-api", "Timeouts", "--source", dir)
	if code != exitContent || !strings.Contains(errOut, "data/services.yaml:3:11: error: invalid YAML") {
		t.Errorf("new runbook with a broken catalog: exit %d, stderr %q", code, errOut)
	}
}

// TestBuildAgainPatches runs almanac build the way a writer or CI does,
// with the default cache, and checks what each build says it did.
func TestBuildAgainPatches(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "-- content/_index.md --\n---\ntitle: Home\n---\nSee [the guide](guide.md).\n-- content/guide.md --\n---\ntitle: Guide\n---\n## Steps\n\nFirst steps.\n")
	steps := []struct {
		name, edit, want string
	}{
		{"first build", "", "built "},
		{"nothing changed", "", "nothing changed since the last build"},
		{"prose", "---\ntitle: Guide\n---\n## Steps\n\nBetter first steps.\n", "updated the 1 edited page(s)"},
		{"a heading", "---\ntitle: Guide\n---\n## Steps\n\nBetter first steps.\n\n## Next\n", "updated the 1 edited page(s)"},
		{"a heading removed", "---\ntitle: Guide\n---\n## Steps\n\nBetter first steps.\n", "updated the 1 edited page(s)"},
		{"a new title", "---\ntitle: Guide book\n---\n## Steps\n\nBetter first steps.\n", "built "},
	}
	for _, st := range steps {
		if st.edit != "" {
			if err := os.WriteFile(filepath.Join(dir, "content", "guide.md"), []byte(st.edit), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		code, out, errOut := runCLI(t, "build", "--source", dir)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", st.name, code, errOut)
		}
		if !strings.HasPrefix(out, st.want) {
			t.Errorf("%s: summary = %q, want it to start with %q", st.name, out, st.want)
		}
		page, err := os.ReadFile(filepath.Join(dir, "public", "guide", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if st.edit != "" && !strings.Contains(string(page), "Better first steps.") {
			t.Errorf("%s: the page does not have the edit", st.name)
		}
	}
}
