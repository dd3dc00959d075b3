package resolve

import (
	"os"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

func TestSpill(t *testing.T) {
	dir := t.TempDir()
	sp, err := NewSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	// The file has no name while the build runs, so a killed build leaves
	// nothing next to its output.
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("spill file visible in %s: %v", dir, entries)
	}

	pages := []*site.Page{{Path: "a/"}, {Path: "b/"}, {Path: "empty/"}, {Path: "big/"}}
	bodies := []string{"<p>A</p>\n", "<h2 id=\"x\">B</h2>\n", "", strings.Repeat("<p>long</p>\n", 50000)}
	for i, p := range pages {
		sp.put(p, []byte(bodies[i]))
	}
	if err := sp.finish(); err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		got, ok, err := sp.Body(p)
		if err != nil || !ok || string(got) != bodies[i] {
			t.Errorf("Body(%s) = %d bytes, %v, %v; want the %d bytes put", p.Path, len(got), ok, err, len(bodies[i]))
		}
	}
	if _, ok, err := sp.Body(&site.Page{Path: "a/"}); ok || err != nil {
		t.Errorf("Body of a page never put: ok %v, err %v", ok, err)
	}
	if err := sp.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind in %s: %v", dir, entries)
	}
}
