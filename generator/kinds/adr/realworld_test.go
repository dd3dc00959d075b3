package adr_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// realworld is the shared folder of files written by other tools, relative
// to this package: /work/shared/realworld from /work/main/generator/kinds/adr.
const realworld = "../../../../shared/realworld"

// copyFolder copies every file of the real-world folder name into
// content/adr of a new handbook and returns the handbook's folder.
func copyFolder(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join(realworld, name)
	entries, err := os.ReadDir(src)
	if os.IsNotExist(err) {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is absent, but CI always has ../shared beside the checkout", src)
		}
		t.Skipf("%s is absent: the real-world samples live outside the repository (../shared/realworld) and this checkout has none", src)
	}
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dst := filepath.Join(dir, "content", "adr")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	// A home page, so that the layout's link to it resolves.
	if err := os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("# Home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type wantADR struct {
	id, title, status, date  string
	supersedes, supersededBy []string
	amends, amendedBy        []string
	deciders, tags           []string
}

func checkADRs(t *testing.T, res *sitetest.Result, wantCount int, wants []wantADR) {
	t.Helper()
	res.WantNoErrors(t)
	m := adr.Of(res.Res.Site)
	if len(m.ADRs) != wantCount {
		var got []string
		for _, a := range m.ADRs {
			got = append(got, a.ID)
		}
		t.Errorf("got %d ADRs, want %d: %v", len(m.ADRs), wantCount, got)
	}
	for _, w := range wants {
		a := m.ADR(w.id)
		if a == nil {
			t.Errorf("ADR %s missing", w.id)
			continue
		}
		if a.Title != w.title {
			t.Errorf("ADR %s title = %q, want %q", w.id, a.Title, w.title)
		}
		if a.Status != w.status {
			t.Errorf("ADR %s status = %q, want %q", w.id, a.Status, w.status)
		}
		if a.Date.String() != w.date {
			t.Errorf("ADR %s date = %q, want %q", w.id, a.Date.String(), w.date)
		}
		eq := func(what string, got, want []string) {
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("ADR %s %s = %q, want %q", w.id, what, got, want)
			}
		}
		eq("supersedes", a.Supersedes, w.supersedes)
		eq("superseded by", a.SupersededBy, w.supersededBy)
		eq("amends", a.Amends, w.amends)
		eq("amended by", a.AmendedBy, w.amendedBy)
		if w.deciders != nil {
			eq("deciders", a.Deciders, w.deciders)
		}
		if w.tags != nil {
			eq("tags", a.Tags, w.tags)
		}
	}
	for _, d := range res.Res.Diagnostics {
		if d.Rule != "adr-date-missing" {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	if broken := sitetest.BrokenLinks(t, res.Out); len(broken) > 0 {
		t.Errorf("broken links in the output:\n%s", strings.Join(broken, "\n"))
	}
}

func TestRealWorldADRTools(t *testing.T) {
	dir := copyFolder(t, "adr-tools")
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), adr.New(), page.New())
	checkADRs(t, res, 9, []wantADR{
		{id: "1", title: "Record architecture decisions", status: "accepted", date: "2016-02-12"},
		{id: "5", title: "Help comments", status: "accepted", date: "2016-02-13", amendedBy: []string{"9"}},
		{id: "8", title: "Use ISO 8601 Format for Dates", status: "accepted", date: "2017-02-21"},
		{id: "9", title: "Help scripts", status: "accepted", date: "2018-06-26", amends: []string{"5"}},
	})
	if n := len(res.Res.Diagnostics); n != 0 {
		t.Errorf("adr-tools: want no diagnostics at all, got %d", n)
	}
	// The "## Status" section is shown as metadata, not repeated in the body.
	html := res.File(t, "adr/0009/index.html")
	for _, want := range []string{"ADR-0009: Help scripts", `<dt>Amends</dt>`, `href="../0005/"`, `<time datetime="2018-06-26">`} {
		if !strings.Contains(html, want) {
			t.Errorf("adr/0009/index.html lacks %q", want)
		}
	}
	if strings.Contains(html, `id="status"`) {
		t.Errorf("adr/0009/index.html repeats the Status section")
	}
}

func TestRealWorldMADR(t *testing.T) {
	dir := copyFolder(t, "madr")
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), adr.New(), page.New())
	checkADRs(t, res, 19, []wantADR{
		{id: "0", title: "Use Markdown Architectural Decision Records", status: "accepted"},
		{id: "1", title: "Dual License the Work", status: "accepted"},
		{id: "3", title: "Write Own MADR Tooling", status: "on hold"},
		{id: "13", title: "Use YAML front matter for metadata", status: "accepted"},
		{id: "18", title: `Use "Confirmation" as Heading`, status: "accepted"},
	})
	// index.md is the text of the ADR index; adr-template.md is not an ADR
	// but index.md links to it, so it gets a page of its own.
	index := res.File(t, "adr/index.html")
	if !strings.Contains(index, "<title>Decisions") || !strings.Contains(index, "Below, all decision records for MADR are listed.") {
		t.Errorf("adr/index.html does not use index.md")
	}
	if !strings.Contains(index, `href="templates/adr-template/"`) {
		t.Errorf("index.md's link to adr-template.md is not rewritten to the template's page")
	}
	if strings.Contains(index, "{short title") {
		t.Errorf("the template is listed as an ADR")
	}
	res.File(t, "adr/templates/adr-template/index.html")
}

func TestRealWorldLog4brains(t *testing.T) {
	dir := copyFolder(t, "log4brains")
	res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), adr.New(), page.New())
	checkADRs(t, res, 9, []wantADR{
		{id: "20200924-use-markdown-architectural-decision-records", title: "Use Markdown Architectural Decision Records", status: "accepted", date: "2020-09-24"},
		{id: "20200926-use-the-adr-number-as-its-unique-id", title: "Use the ADR number as its unique ID", status: "superseded", date: "2020-09-26",
			supersededBy: []string{"20201016-use-the-adr-slug-as-its-unique-id"}},
		{id: "20201016-use-the-adr-slug-as-its-unique-id", title: "Use the ADR slug as its unique ID", status: "accepted", date: "2020-10-16",
			supersedes: []string{"20200926-use-the-adr-number-as-its-unique-id"}},
		{id: "20210113-distribute-log4brains-as-a-global-npm-package", title: "Distribute Log4brains as a global NPM package", status: "accepted", date: "2021-01-13"},
	})
	if n := len(res.Res.Diagnostics); n != 0 {
		t.Errorf("log4brains: want no diagnostics at all, got %d", n)
	}
	// The bullet list under the H1 is metadata: not repeated in the body.
	html := res.File(t, "adr/20200926-use-the-adr-number-as-its-unique-id/index.html")
	if strings.Contains(html, "<li>Status:") || strings.Contains(html, "<li>Date:") {
		t.Errorf("the metadata bullets are repeated in the page body")
	}
	if !strings.Contains(html, "superseded</strong> by") {
		t.Errorf("the superseded ADR's page has no superseded banner")
	}
	index := res.File(t, "adr/index.html")
	if !strings.Contains(index, "<title>Architecture Decision Records") {
		t.Errorf("README.md is not the ADR index's text")
	}
	res.File(t, "adr/templates/template/index.html")
	res.File(t, "adr/feed.xml")
}
