package resolve

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// TestPagesReleaseBodies checks which source files let go of their
// Markdown once Pages has resolved their pages with a spill: files whose
// every page is resolved, none a kind asked to keep, and none that could
// not be read again.
func TestPagesReleaseBodies(t *testing.T) {
	tests := []struct {
		name     string
		pages    []site.Page // each with Source set to the file below
		keepBody bool
		hash     string
		cached   bool // the summary comes from the cache: the body is not parsed, so not spilled
		released bool
	}{
		{"one page", []site.Page{{Path: "a/"}}, false, "h", false, true},
		{"summary from the cache", []site.Page{{Path: "a/"}}, false, "h", true, true},
		{"two pages, both resolved", []site.Page{{Path: "a/"}, {Path: "b/", BodyOffset: 4}}, false, "h", false, true},
		{"a page the kind renders itself", []site.Page{{Path: "a/"}, {Path: "b/", NoBody: true}}, false, "h", false, false},
		{"kept by its kind", []site.Page{{Path: "a/"}}, true, "h", false, false},
		{"not from a file on disk", []site.Page{{Path: "a/"}}, false, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte("# A\n\nText with a [link](#a).\n")
			f := &site.SourceFile{Path: "content/a.md", Rel: "a.md", Body: body, BodyLine: 1, Hash: tt.hash, KeepBody: tt.keepBody}
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
			cache := &mapCache{m: map[string][]byte{}}
			md := markdown.New(markdown.Options{Cache: cache})
			if tt.cached {
				for _, p := range s.Pages() {
					md.Summarize(pageBody(p, f.Body))
				}
			}
			if err := Pages(context.Background(), s, md, spill); err != nil {
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
				if ok == tt.cached || err != nil || (html == "") != tt.cached {
					t.Errorf("%s: spilled body %q, %v, %v", p.Path, html, ok, err)
				}
			}
		})
	}
}

// mapCache is a markdown.Cache in memory; Pages uses it on every core.
type mapCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *mapCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return b, ok
}

func (c *mapCache) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = value
}
