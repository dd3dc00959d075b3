package generator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// TestPatchesWriteOnePartOfTheIndex edits a page of a handbook whose
// search index has two parts (of a few pages, as a large handbook's have
// thousands), with almanac build's snapshot and with
// almanac serve's session: the edit writes the part that holds the page
// again and leaves the other as it was, and the site is what a cold
// build makes.
func TestPatchesWriteOnePartOfTheIndex(t *testing.T) {
	const perPart = 8 // documents in a part
	var fixture strings.Builder
	fixture.WriteString("-- content/_index.md --\n---\ntitle: Home\n---\nThe pages.\n")
	pages := perPart + 3
	for i := range pages {
		fmt.Fprintf(&fixture, "-- content/p/%04d.md --\n---\ntitle: Page %d\n---\nWords of page %d.\n", i, i, i)
	}
	// Documents go in site order: the home page, the section, then the
	// pages; the last is in the second part.
	last := fmt.Sprintf("content/p/%04d.md", pages-1)
	newBody := fmt.Sprintf("---\ntitle: Page %d\n---\nWords of page %d, and zanzibar.\n", pages-1, pages-1)

	for _, runner := range []string{"build", "serve"} {
		t.Run(runner, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.Write(t, dir, fixture.String())
			out := filepath.Join(dir, "public")
			output := sitetest.BuildDirResult(out) // to read its files
			first, second := search.PartPath(0), search.PartPath(1)
			ctx := context.Background()
			var rebuild func() (*generator.Result, error)
			switch runner {
			case "build":
				rebuild = func() (*generator.Result, error) {
					cache := filepath.Join(dir, ".almanac", "cache")
					return generator.Build(ctx, generator.Options{
						Source: dir, Out: out, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test",
						Keep: filepath.Join(cache, "site"), Snapshot: filepath.Join(cache, "snapshot"), SearchPartDocs: perPart,
					})
				}
				if _, err := rebuild(); err != nil {
					t.Fatal(err)
				}
			case "serve":
				session := generator.NewSession(generator.Options{Source: dir, Out: out, Now: sitetest.Now, Version: "test", SearchPartDocs: perPart}, kindsForIncremental)
				if _, err := session.Build(ctx, nil); err != nil {
					t.Fatal(err)
				}
				rebuild = func() (*generator.Result, error) {
					res, err := session.Build(ctx, []string{last})
					session.Wait()
					return res, err
				}
			}
			if _, err := os.Stat(filepath.Join(out, search.PartPath(2))); err == nil {
				t.Fatalf("%s exists: want two parts for %d documents", search.PartPath(2), pages+2)
			}
			before := output.File(t, first)
			if strings.Contains(output.File(t, second), "zanzibar") {
				t.Fatal("the second part has the new word before the edit")
			}
			firstInfo := inode(t, filepath.Join(out, first))

			writeFile(t, dir, last, newBody)
			res, err := rebuild()
			if err != nil {
				t.Fatal(err)
			}
			if !res.Patched {
				t.Errorf("a prose edit was not patched")
			}
			if !strings.Contains(output.File(t, second), `"zanzibar":[`) {
				t.Errorf("%s lacks the edited page's new word", search.PartPath(1))
			}
			if got := output.File(t, first); got != before {
				t.Errorf("%s changed; only the part that holds the edited page should", search.PartPath(0))
			}
			if runner == "serve" && !os.SameFile(firstInfo, inode(t, filepath.Join(out, first))) {
				t.Errorf("%s was written again; only the part that holds the edited page should be", search.PartPath(0))
			}
			cold := filepath.Join(t.TempDir(), "cold")
			if _, err := generator.Build(ctx, generator.Options{
				Source: dir, Out: cold, Kinds: kindsForIncremental(), Now: sitetest.Now, Version: "test", SearchPartDocs: perPart,
			}); err != nil {
				t.Fatal(err)
			}
			wantSameTree(t, "the edit", out, cold)
		})
	}
}
