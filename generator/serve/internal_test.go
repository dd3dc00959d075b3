package serve

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCleanPath(t *testing.T) {
	for _, c := range []struct {
		raw    string
		name   string
		status int
	}{
		{"/", ".", 0},
		{"/guide/", "guide", 0},
		{"/guide/setup/index.html", "guide/setup/index.html", 0},
		{"//guide//x", "guide/x", 0},
		{"/caf%C3%A9/", "café", 0},
		{"/a%20b.png", "a b.png", 0},
		{"/../etc/passwd", "", http.StatusBadRequest},
		{"/a/../b", "", http.StatusBadRequest},
		{"/./a", "", http.StatusBadRequest},
		{"/%2e%2e/x", "", http.StatusBadRequest},
		{"/%2E%2e/x", "", http.StatusBadRequest},
		{"/..%2fx", "", http.StatusBadRequest},
		{"/a%2Fb", "", http.StatusBadRequest},
		{"/..%5cx", "", http.StatusBadRequest},
		{"/a\\b", "", http.StatusBadRequest},
		{"/%252e%252e/x", "", http.StatusBadRequest},
		{"/a%00b", "", http.StatusBadRequest},
		{"/a%0ab", "", http.StatusBadRequest},
		{"/.almanac-output", "", http.StatusNotFound},
		{"/.git/config", "", http.StatusNotFound},
	} {
		u, err := url.ParseRequestURI(c.raw)
		if err != nil {
			t.Errorf("%s: %v", c.raw, err)
			continue
		}
		name, status := cleanPath(u)
		if name != c.name || status != c.status {
			t.Errorf("cleanPath(%s) = %q, %d; want %q, %d", c.raw, name, status, c.name, c.status)
		}
	}
}

func TestEditorTemp(t *testing.T) {
	for _, n := range []string{".guide.md.swp", "guide.md~", "4913", "5036", "guide.md___jb_tmp___", "guide.md___jb_old___", "#guide.md#", ".#guide.md", "x.tmp", ".almanac", "guide.md.crswap"} {
		if !editorTemp(n) {
			t.Errorf("editorTemp(%q) = false", n)
		}
	}
	for _, n := range []string{"guide.md", "2024", "4914", "styles.css", "a#b.md"} {
		if editorTemp(n) {
			t.Errorf("editorTemp(%q) = true", n)
		}
	}
}

func TestRelevant(t *testing.T) {
	s := &Server{source: "/hb", out: "/hb/content/preview"}
	for rel, want := range map[string]bool{
		"almanac.yaml":             true,
		"content":                  true,
		"content/a.md":             true,
		"data/x/y.yaml":            true,
		"catalog/svc.yaml":         true,
		"static/a.css":             true,
		"templates/page/page.html": true,
		"public/index.html":        false,
		"README.md":                false,
		".almanac/cache/x":         false,
		"content/.a.md.swp":        false,
		"content/.hidden/a.md":     false,
		"content/preview/x.html":   false,
		"almanac.yaml~":            false,
	} {
		if got := s.relevant(rel); got != want {
			t.Errorf("relevant(%s) = %v, want %v", rel, got, want)
		}
	}
}

func TestInjectScript(t *testing.T) {
	got := string(injectScript([]byte("<html><BODY>x</BODY></html>"), 7))
	want := `<html><BODY>x<script src="/_almanac/reload.js" data-build="7" defer></script>` + "\n</BODY></html>"
	if got != want {
		t.Errorf("got %s", got)
	}
	if got := string(injectScript([]byte("fragment"), 1)); !strings.HasPrefix(got, "fragment<script") {
		t.Errorf("no </body>: got %s", got)
	}
}

func TestMemCache(t *testing.T) {
	c := newMemCache()
	c.Put("a", []byte("1"))
	c.rotate() // a was used by the good build
	if _, ok := c.Get("a"); !ok {
		t.Fatal("entry lost after one build")
	}
	c.rotate() // a used again
	c.rotate() // a unused by this build
	if _, ok := c.Get("a"); ok {
		t.Error("entry unused by a whole good build was kept")
	}
}
