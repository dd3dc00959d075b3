package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Write(dir, Options{N: 120, Seed: 7, Hugo: filepath.Join(dir, "hugo")}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for name, body := range ta {
		if !bytes.Equal(body, tb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
}

var fenceRe = regexp.MustCompile("(?s)```[a-z]+\n.*?```\n")

func TestPagesAndCodeBlocks(t *testing.T) {
	dir := t.TempDir()
	const n = 250
	res, err := Write(dir, Options{N: n, Seed: 1, Hugo: filepath.Join(dir, "hugo")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != n || res.ADRs != n*3/10 || res.Runbooks != n/5 || res.Teams != 1 || res.Services != n/20 {
		t.Errorf("result %+v", res)
	}
	tree := readTree(t, dir)
	seen := map[string]string{}
	pages, metrics := 0, 0
	for name, body := range tree {
		switch {
		case strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md"):
			pages++
			blocks := fenceRe.FindAllString(string(body), -1)
			if len(blocks) != 1 {
				t.Errorf("%s has %d code blocks, want 1", name, len(blocks))
				continue
			}
			if other, ok := seen[blocks[0]]; ok {
				t.Errorf("%s and %s have the same code block", name, other)
			}
			seen[blocks[0]] = name
			for _, want := range []string{"\n## ", "|---|", "- [", "](", "[[adr:", "[[runbook:", "[[service:"} {
				if !strings.Contains(string(body), want) {
					t.Errorf("%s lacks %q", name, want)
				}
			}
		case strings.HasPrefix(name, "data/metrics/"):
			metrics++
		case strings.HasPrefix(name, "hugo/content/"):
			if bytes.Contains(body, []byte("[[")) {
				t.Errorf("%s: Hugo page still has a [[reference]]", name)
			}
		}
	}
	if pages != n || metrics != 12 {
		t.Errorf("%d pages, %d snapshots", pages, metrics)
	}
	for _, p := range []string{res.ChangePage, res.ChangeADR, res.ChangeRunbook} {
		if _, ok := tree[p]; !ok {
			t.Errorf("change page %s was not written", p)
		}
	}
	if !strings.HasPrefix(res.ChangeADR, "content/adr/") || !strings.HasPrefix(res.ChangeRunbook, "content/runbooks/") {
		t.Errorf("change ADR %s, runbook %s: not an ADR and a runbook", res.ChangeADR, res.ChangeRunbook)
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644)
	if _, err := Write(dir, Options{N: 20}); err == nil {
		t.Fatal("Write replaced a folder it did not make")
	}
	if _, err := os.Stat(filepath.Join(dir, "keep.txt")); err != nil {
		t.Fatal(err)
	}
}

func TestRel(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"_index.md", "adr/0001-x.md", "adr/0001-x.md"},
		{"adr/0002-y.md", "adr/0001-x.md", "0001-x.md"},
		{"handbook/s00/t01/a.md", "handbook/s00/t02/b.md", "../t02/b.md"},
		{"handbook/s00/t01/a.md", "runbooks/r.md", "../../../runbooks/r.md"},
		{"runbooks/r.md", "handbook/s01/t00/b.md", "../handbook/s01/t00/b.md"},
	} {
		if got := rel(tt.from, tt.to); got != tt.want {
			t.Errorf("rel(%s, %s) = %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestHandbookShape checks that a bigger handbook grows deeper, not wider:
// the handbook's top sections and each section's subsections, which every
// page's navigation lists, stay within maxTops and subsPerSection at any N,
// and every handbook page is laid out.
func TestHandbookShape(t *testing.T) {
	for _, tt := range []struct {
		n         int
		leafDepth int // folders below content/handbook holding leaf pages
	}{
		{MinPages, 2},
		{1000, 2},
		{10000, 2},
		{12000, 3},
		{50000, 3},
	} {
		g := newGen(Options{N: tt.n, Seed: 1})
		children := map[string]int{} // index folder → child folders
		depths := map[int]int{}
		for _, p := range g.pages {
			dir := path.Dir(p.file)
			if p.index {
				if parent := path.Dir(dir); strings.HasPrefix(parent, "handbook") {
					children[parent]++
				}
				continue
			}
			depths[strings.Count(dir, "/")]++
		}
		if len(g.pages) != tt.n-tt.n*3/10-tt.n/5 {
			t.Errorf("N=%d: %d handbook pages", tt.n, len(g.pages))
		}
		if len(depths) != 1 || depths[tt.leafDepth] == 0 {
			t.Errorf("N=%d: leaf pages at depths %v, want all at %d", tt.n, depths, tt.leafDepth)
		}
		if c := children["handbook"]; c > maxTops {
			t.Errorf("N=%d: %d top sections, want at most %d", tt.n, c, maxTops)
		}
		for dir, c := range children {
			if strings.Count(dir, "/") == 1 && c > subsPerSection {
				t.Errorf("N=%d: %s has %d subsections, want at most %d", tt.n, dir, c, subsPerSection)
			}
		}
	}
}
