package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// xssHandbook puts well-known XSS vectors everywhere a user can write
// text: front matter, Markdown bodies, and every kind's YAML data.
const xssHandbook = `
-- content/_index.md --
---
title: "</script><script>alert(1)</script>"
description: "\"><img src=x onerror=alert(2)>"
---
<script>alert(3)</script>
[a](javascript:alert(4)) [b](JaVaScRiPt:alert(5)) [c](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=)
<javascript:alert(6)>
![e](data:image/svg+xml,<svg onload=alert(7)>)
See [[team:core]], [[service:api]], [[kpi:mttr]], [[adr:1]], [[runbook:api-down]].
-- content/adr/0001-x.md --
---
title: "<img src=x onerror=alert(8)>"
status: accepted
date: 2026-01-01
tags: ["<b onmouseover=alert(9)>"]
services: [api]
---
Body.
-- content/runbooks/api-down.md --
---
title: "<svg/onload=alert(10)>"
service: api
alerts: ["</script><script>alert(11)</script>"]
severity: sev2
last_reviewed: 2026-11-01
---
## Symptoms
x
## Impact
x
## Diagnosis
x
## Mitigation
x
## Escalation
x
-- data/teams.yaml --
teams:
  - id: core
    name: "</script><script>alert(12)</script>"
    description: "<img src=x onerror=alert(13)>"
    lead: "<b onclick=alert(14)>lead</b>"
-- data/services.yaml --
services:
  - id: api
    name: "<svg onload=alert(15)>"
    description: "</script><script>alert(16)</script>"
    owner: core
    tier: 2
    lifecycle: production
    links:
      - {title: "<i onclick=alert(17)>x</i>", url: "javascript:alert(18)"}
-- data/kpis.yaml --
kpis:
  - id: mttr
    name: "</script><script>alert(19)</script>"
    category: reliability
    unit: minutes
    direction: lower_is_better
    target: 60
    frequency: monthly
    scope: org
    description: "<img src=x onerror=alert(20)>"
    why: x
    guidance: x
-- data/metrics/2026-10.yaml --
period: 2026-10
org: {mttr: 50}
notes:
  org: {mttr: "</script><script>alert(21)</script>"}
-- data/metrics/2026-11.yaml --
period: 2026-11
org: {mttr: 40}
`

func TestXSSVectorsAreEscaped(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, xssHandbook)
	out := filepath.Join(dir, "public")
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--out", out, "--cache-dir", "off"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	// Raw vectors must never reach HTML, scripts or feeds. (catalog.json is
	// data for other tools: JSON-encoded, not markup.)
	vectors := []string{"<script>alert", "<img src=x onerror", "<svg onload", "<svg/onload", "<b onmouseover", "<b onclick", "<i onclick",
		`href="javascript:`, `href="vbscript:`, `href="data:text`, `src="data:image/svg`}
	pages := 0
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		ext := filepath.Ext(p)
		if ext != ".html" && ext != ".js" && ext != ".xml" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		low := strings.ToLower(string(b))
		for _, v := range vectors {
			if strings.Contains(low, strings.ToLower(v)) {
				rel, _ := filepath.Rel(out, p)
				t.Errorf("%s contains the raw vector %q", rel, v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d files scanned", pages)
	}
	// The text itself is still shown, escaped.
	home := sitetest.BuildDirResult(out).File(t, "index.html")
	if !strings.Contains(home, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the title is not shown as text on the home page")
	}
}
