package site

import (
	"slices"
	"testing"
	"time"
)

// TestShown checks which lookups count a page as shown on other pages:
// Site's own Finder methods do, LocalFinder's do not.
func TestShown(t *testing.T) {
	tests := []struct {
		name   string
		lookup func(s *Site)
		shown  []string // of "a/", "b/", "c/"
	}{
		{"nothing", func(*Site) {}, nil},
		{"Entity", func(s *Site) { s.Entity("page", "a") }, []string{"a/"}},
		{"Entity with an anchor in its path", func(s *Site) { s.Entity("level", "b#senior") }, []string{"b/"}},
		{"PageAt", func(s *Site) { s.PageAt("b/") }, []string{"b/"}},
		{"PageFor", func(s *Site) { s.PageFor("content/c.md") }, []string{"c/"}},
		{"a miss", func(s *Site) { s.Entity("page", "zz"); s.PageAt("zz/"); s.PageFor("content/zz.md") }, nil},
		{"LocalFinder", func(s *Site) {
			f := s.LocalFinder()
			f.Entity("page", "a")
			f.PageAt("b/")
			f.PageFor("content/c.md")
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(&Source{}, DefaultConfig(), &Diagnostics{}, nil, time.Time{})
			for _, name := range []string{"a", "b", "c"} {
				s.AddPage(&Page{Path: name + "/", Source: &SourceFile{Path: "content/" + name + ".md"}})
			}
			s.AddEntity(&Entity{Kind: "page", ID: "a", Path: "a/"})
			s.AddEntity(&Entity{Kind: "level", ID: "b#senior", Path: "b/#senior"})
			tt.lookup(s)
			for _, path := range []string{"a/", "b/", "c/"} {
				if got, want := s.Shown(path), slices.Contains(tt.shown, path); got != want {
					t.Errorf("Shown(%q) = %v, want %v", path, got, want)
				}
			}
		})
	}
}
