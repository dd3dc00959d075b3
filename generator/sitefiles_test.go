package generator

import (
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/site"
)

// TestPatchSitemap checks that patching the dates of some pages in a
// sitemap gives the sitemap of the pages with those dates, byte for byte.
func TestPatchSitemap(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	pages := func(b time.Time) []*site.Page {
		return []*site.Page{
			{Path: "", Template: "page/home.html", Updated: day(1)},
			{Path: "a/", Template: "page/page.html", Updated: day(2)},
			{Path: "b & c/", Template: "page/page.html", Updated: b},
			{Path: "404.html", Template: "page/404.html"},
			{Path: "search.js"},
		}
	}
	for _, tt := range []struct {
		name   string
		base   string
		before time.Time
		after  time.Time
	}{
		{"a new day", "", day(3), day(4)},
		{"a first date", "https://handbook.example.org/sub", time.Time{}, day(4)},
		{"no date now", "https://handbook.example.org/", day(3), time.Time{}},
		{"the same day", "", day(3), day(3).Add(time.Hour)},
	} {
		old := sitemap(tt.base, pages(tt.before))
		got, err := patchSitemap(old, tt.base, map[string]time.Time{"b & c/": tt.after})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if want := sitemap(tt.base, pages(tt.after)); string(got) != string(want) {
			t.Errorf("%s: patched sitemap\n%s\nwant\n%s", tt.name, got, want)
		}
	}
	if _, err := patchSitemap(sitemap("", pages(day(3))), "", map[string]time.Time{"nowhere/": day(4)}); err == nil {
		t.Error("patching a page the sitemap lacks succeeded")
	}
}
