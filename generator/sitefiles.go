package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/history"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/site"
)

// addSiteFiles adds what every site has whatever its kinds: the 404 page,
// the search index, sitemap.xml and robots.txt. It runs after every kind has
// added its pages. Pages' plain text is let go once indexed. It returns the
// index, and its entries when keepIndex is set, for a Session to index
// edited pages again. The index is in parts of perPart documents.
func addSiteFiles(ctx context.Context, s *site.Site, keepIndex bool, perPart int) ([]*search.Index, []search.Entry, error) {
	if s.PageAt("404.html") == nil {
		s.AddPage(&site.Page{Path: "404.html", Kind: "page", Title: "Page not found", Template: "page/404.html", NoSearch: true})
	}
	pages := s.Pages()
	var (
		entries []search.Entry
		index   []*search.Index
	)
	if keepIndex {
		entries = search.Entries(pages)
		index = search.Assemble(entries, perPart)
	} else {
		var err error
		if index, err = search.Build(ctx, pages, perPart); err != nil {
			return nil, nil, err
		}
	}
	for _, p := range pages {
		p.Text, p.Words = "", "" // indexed; no template shows them, so let them go before rendering
	}
	scripts := make([][]byte, len(index))
	err := site.Parallel(ctx, len(index), func(i int) error {
		var err error
		scripts[i], err = index[i].Script()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	for i, script := range scripts {
		s.AddPage(&site.Page{Path: search.PartPath(i), Bytes: script, NoSearch: true})
	}
	s.AddPage(&site.Page{Path: sitemapFile, Bytes: sitemap(s.Config.BaseURL, pages), NoSearch: true})
	robots := "User-agent: *\nAllow: /\n"
	if s.Config.BaseURL != "" {
		robots += "Sitemap: " + strings.TrimSuffix(s.Config.BaseURL, "/") + "/sitemap.xml\n"
	}
	s.AddPage(&site.Page{Path: "robots.txt", Bytes: []byte(robots), NoSearch: true})
	return index, entries, nil
}

// sitemapFile is the sitemap's path in the output.
const sitemapFile = "sitemap.xml"

// sitemap lists every HTML page. Locations are absolute when base_url is
// set, as the sitemap protocol wants; otherwise relative to the site root.
func sitemap(baseURL string, pages []*site.Page) []byte {
	var urls []sitemapURL
	for _, p := range pages {
		if p.Template == "" || p.Path == "404.html" {
			continue
		}
		urls = append(urls, sitemapURL{Loc: sitemapLoc(baseURL, p.Path), LastMod: sitemapDate(p.Updated)})
	}
	return encodeSitemap(urls)
}

// A sitemapURL is one page in sitemap.xml.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapSet struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapLoc is the location of the page at path.
func sitemapLoc(baseURL, path string) string {
	if baseURL != "" && !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return baseURL + path
}

// sitemapDate is a page's lastmod: the day its file last changed.
func sitemapDate(updated time.Time) string {
	if updated.IsZero() {
		return ""
	}
	return updated.UTC().Format("2006-01-02")
}

func encodeSitemap(urls []sitemapURL) []byte {
	set := sitemapSet{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: urls}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	_ = enc.Encode(set)
	buf.WriteByte('\n')
	return buf.Bytes()
}

// patchSitemap returns the sitemap old with the lastmod of the pages in
// updated (by page path) changed.
func patchSitemap(old []byte, baseURL string, updated map[string]time.Time) ([]byte, error) {
	var set sitemapSet
	if err := xml.Unmarshal(old, &set); err != nil {
		return nil, err
	}
	byLoc := make(map[string]time.Time, len(updated))
	for path, when := range updated {
		byLoc[sitemapLoc(baseURL, path)] = when
	}
	for i, u := range set.URLs {
		if when, ok := byLoc[u.Loc]; ok {
			set.URLs[i].LastMod = sitemapDate(when)
			delete(byLoc, u.Loc)
		}
	}
	if len(byLoc) > 0 {
		return nil, fmt.Errorf("sitemap.xml lists no page at %d of the locations patched", len(byLoc))
	}
	return encodeSitemap(set.URLs), nil
}

// addHistory sets each page's last change from git, and returns every
// file's.
func addHistory(ctx context.Context, s *site.Site) map[string]history.Change {
	changes := history.Read(ctx, s.Source.Root)
	if len(changes) == 0 {
		return changes
	}
	for _, p := range s.Pages() {
		if c, ok := changes[p.File()]; ok {
			p.Updated, p.Author = c.When, c.Author
		}
	}
	return changes
}

// summary counts pages by kind for the home page.
func summary(s *site.Site, warnings int) *render.Summary {
	counts := map[string]int{}
	for _, p := range s.Pages() {
		if p.Template != "" && p.Path != "404.html" {
			counts[p.Kind]++
		}
	}
	sum := &render.Summary{Warnings: warnings}
	for k, n := range counts {
		sum.Kinds = append(sum.Kinds, render.KindCount{Kind: k, Pages: n})
	}
	sort.Slice(sum.Kinds, func(i, j int) bool { return sum.Kinds[i].Kind < sum.Kinds[j].Kind })
	return sum
}
