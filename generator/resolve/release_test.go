package resolve

import (
	"context"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// TestPagesReleaseSpilledBodies checks which source files let go of their
// Markdown once Pages has spilled their pages' HTML: only files whose
// every page is in the spill, and none a kind asked to keep.
func TestPagesReleaseSpilledBodies(t *testing.T) {
	tests := []struct {
		name     string
		pages    []site.Page // each with Source set to the file below
		keepBody bool
		released bool
	}{
		{"one page", []site.Page{{Path: "a/"}}, false, true},
		{"two pages, both spilled", []site.Page{{Path: "a/"}, {Path: "b/", BodyOffset: 4}}, false, true},
		{"a page the kind renders itself", []site.Page{{Path: "a/"}, {Path: "b/", NoBody: true}}, false, false},
		{"kept by its kind", []site.Page{{Path: "a/"}}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte("# A\n\nText with a [link](#a).\n")
			f := &site.SourceFile{Path: "content/a.md", Rel: "a.md", Body: body, BodyLine: 1, Hash: "h", KeepBody: tt.keepBody}
			s := site.New(&site.Source{Docs: []*site.SourceFile{f}}, &site.Config{}, &site.Diagnostics{}, nil, time.Time{})
			for i := range tt.pages {
				p := tt.pages[i]
				p.Source, p.Kind, p.Template = f, "page", "page.html"
				s.AddPage(&p)
			}
			spill, err := NewSpill(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer spill.Close()
			if err := Pages(context.Background(), s, markdown.New(markdown.Options{}), spill); err != nil {
				t.Fatal(err)
			}
			if released := f.Body == nil; released != tt.released {
				t.Errorf("body released = %v, want %v", released, tt.released)
			}
			for _, p := range s.Pages() {
				if p.NoBody {
					continue
				}
				html, ok, err := spill.Body(p)
				if !ok || err != nil || html == "" {
					t.Errorf("%s: spilled body %q, %v, %v", p.Path, html, ok, err)
				}
			}
		})
	}
}
