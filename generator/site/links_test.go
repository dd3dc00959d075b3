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
