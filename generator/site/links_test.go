package site

import (
	"log/slog"
	"slices"
	"testing"
	"time"
)

func TestDoneLinking(t *testing.T) {
	tests := []struct {
		name        string
		keepAnchors bool
	}{
		{"a build", false},
		{"a session", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(&Source{}, DefaultConfig(), &Diagnostics{}, slog.New(slog.DiscardHandler), time.Time{})
			a := &Page{Path: "a/", Title: "A", Kind: "page"}
			b := &Page{Path: "b/", Title: "B", Kind: "page"}
			s.AddBacklink("b/", a)
			s.SetAnchors("b/", map[string]bool{"install": true})
			if got := s.Backlinks("b/"); len(got) != 1 || got[0].Path != "a/" {
				t.Fatalf("Backlinks before = %v", got)
			}

			s.DoneLinking(tt.keepAnchors)
			s.AddBacklink("a/", b) // no table any more: ignored, not a panic
			s.SetAnchors("a/", map[string]bool{"x": true})
			if got := s.Backlinks("b/"); len(got) != 0 {
				t.Errorf("Backlinks after DoneLinking = %v, want none", got)
			}
			if got := s.Backlinks("a/"); len(got) != 0 {
				t.Errorf("a backlink added after DoneLinking counted: %v", got)
			}
			ids := s.AnchorIDs("b/")
			if tt.keepAnchors {
				if !slices.Equal(ids, []string{"install"}) || s.HasAnchor("b/", "missing") {
					t.Errorf("kept anchors: ids %v, HasAnchor(missing) = %v", ids, s.HasAnchor("b/", "missing"))
				}
			} else if len(ids) != 0 {
				t.Errorf("anchors after DoneLinking(false) = %v, want none", ids)
			}
		})
	}
}

// TestBacklinks checks that the pages linking to a page come once each,
// however often they link, sorted by title and then path, and that a
// page's links to itself do not count.
func TestBacklinks(t *testing.T) {
	s := New(&Source{}, DefaultConfig(), &Diagnostics{}, slog.New(slog.DiscardHandler), time.Time{})
	target := &Page{Path: "t/", Title: "Target", Kind: "page"}
	zed := &Page{Path: "z/", Title: "Zed", Kind: "adr"}
	alpha := &Page{Path: "a/", Title: "Alpha", Kind: "runbook"}
	twin1 := &Page{Path: "m1/", Title: "Same", Kind: "page"}
	twin2 := &Page{Path: "m0/", Title: "Same", Kind: "page"}
	for _, from := range []*Page{zed, alpha, zed, twin1, target, twin2, alpha, twin1} {
		s.AddBacklink("t/", from)
	}
	want := []Link{
		{Path: "a/", Title: "Alpha", Kind: "runbook"},
		{Path: "m0/", Title: "Same", Kind: "page"},
		{Path: "m1/", Title: "Same", Kind: "page"},
		{Path: "z/", Title: "Zed", Kind: "adr"},
	}
	if got := s.Backlinks("t/"); !slices.Equal(got, want) {
		t.Errorf("Backlinks = %v, want %v", got, want)
	}
	if got := s.Backlinks("nobody-links-here/"); got != nil {
		t.Errorf("Backlinks of an unlinked page = %v, want nil", got)
	}
}

// TestAnchorsUsed checks the ids links point at on a page: each once,
// sorted, and none for a page no link points into.
func TestAnchorsUsed(t *testing.T) {
	s := New(&Source{}, DefaultConfig(), &Diagnostics{}, slog.New(slog.DiscardHandler), time.Time{})
	for _, id := range []string{"setup", "alerts", "setup", "zz-last", "alerts"} {
		s.UseAnchor("runbooks/db/", id)
	}
	s.UseAnchor("other/", "x")
	if got, want := s.AnchorsUsed("runbooks/db/"), []string{"alerts", "setup", "zz-last"}; !slices.Equal(got, want) {
		t.Errorf("AnchorsUsed = %v, want %v", got, want)
	}
	if got := s.AnchorsUsed("no-links/"); got != nil {
		t.Errorf("AnchorsUsed of a page no link points into = %v, want nil", got)
	}
}
