package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// The repo root is itself a handbook: the sample org. These tests build it
// with the real CLI, exactly as `make site` does.
const repoRoot = "../.."

func buildSample(t *testing.T, out string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"build", "--source", repoRoot, "--out", out, "--cache-dir", "off"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("almanac build of the sample handbook: exit %d\n%s", code, stderr.String())
	}
	return stdout.String()
}

func TestSampleHandbookBuilds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	summary := buildSample(t, out)
	if !strings.HasPrefix(summary, "built ") {
		t.Errorf("summary line = %q", summary)
	}
	if broken := sitetest.BrokenLinks(t, out); len(broken) > 0 {
		t.Errorf("%d broken links in the sample site:\n%s", len(broken), strings.Join(broken, "\n"))
	}
	for _, page := range []string{
		"index.html", "handbook/index.html", "handbook/operations/on-call/index.html",
		"adr/index.html", "adr/0012/index.html", "adr/feed.xml",
		"runbooks/index.html", "runbooks/payments-api-high-latency/index.html",
		"services/index.html", "services/payments-api/index.html", "teams/payments/index.html", "catalog.json",
		"scorecards/index.html", "kpis/index.html", "kpis/mttr/index.html", "dora/index.html",
		"ladders/backend/index.html", "hiring/backend-engineering-manager/index.html",
		"onboarding/payments-backend-engineer/index.html",
		"sitemap.xml", "robots.txt", "404.html", "assets/search-index.js",
	} {
		sitetest.BuildDirResult(out).File(t, page)
	}
	// The ADR feed carries each decision's rendered text.
	feed := sitetest.BuildDirResult(out).File(t, "adr/feed.xml")
	if strings.Count(feed, "<entry>") == 0 || strings.Count(feed, "<entry>") != strings.Count(feed, `<content type="html"`) || !strings.Contains(feed, "&lt;h2 id=") {
		t.Errorf("adr/feed.xml entries lack rendered content:\n%.600s", feed)
	}
}

func TestSampleHandbookIsDeterministic(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	buildSample(t, a)
	buildSample(t, b)
	ta, tb := sitetest.Tree(t, a), sitetest.Tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("two builds wrote %d and %d files", len(ta), len(tb))
	}
	for p, body := range ta {
		if tb[p] != body {
			t.Errorf("%s differs between two builds of the same input", p)
		}
	}
}

func TestCheckSampleHandbookIsClean(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"check", "--source", repoRoot}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("almanac check: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}
