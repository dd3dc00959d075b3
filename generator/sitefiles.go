package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/history"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/site"
)

// addSiteFiles adds what every site has whatever its kinds: the 404 page,
// the search index, sitemap.xml and robots.txt. It runs after every kind has
// added its pages. Pages' plain text is let go once indexed. It returns the
// index, and its entries when keepIndex is set, for a Session to index
// edited pages again.
func addSiteFiles(s *site.Site, keepIndex bool) (*search.Index, []search.Entry, error) {
	if s.PageAt("404.html") == nil {
		s.AddPage(&site.Page{Path: "404.html", Kind: "page", Title: "Page not found", Template: "page/404.html", NoSearch: true})
	}
	pages := s.Pages()
	var (
		entries []search.Entry
		index   *search.Index
	)
	if keepIndex {
		entries = search.Entries(pages)
		index = search.Assemble(entries)
	} else {
		index = search.Build(pages) // holds one page's entry at a time
	}
	script, err := index.Script()
	if err != nil {
		return nil, nil, err
	}
	for _, p := range pages {
		p.Text = "" // indexed; no template shows it, so let it go before rendering
	}
	s.AddPage(&site.Page{Path: search.IndexPath, Bytes: script, NoSearch: true})
	s.AddPage(&site.Page{Path: "sitemap.xml", Bytes: sitemap(s.Config.BaseURL, pages), NoSearch: true})
	robots := "User-agent: *\nAllow: /\n"
	if s.Config.BaseURL != "" {
		robots += "Sitemap: " + strings.TrimSuffix(s.Config.BaseURL, "/") + "/sitemap.xml\n"
	}
	s.AddPage(&site.Page{Path: "robots.txt", Bytes: []byte(robots), NoSearch: true})
	return index, entries, nil
}

// sitemap lists every HTML page. Locations are absolute when base_url is
// set, as the sitemap protocol wants; otherwise relative to the site root.
func sitemap(baseURL string, pages []*site.Page) []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	var set struct {
		XMLName xml.Name `xml:"urlset"`
		XMLNS   string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set.XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	base := baseURL
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	for _, p := range pages {
		if p.Template == "" || p.Path == "404.html" {
			continue
		}
		u := url{Loc: base + p.Path}
		if !p.Updated.IsZero() {
			u.LastMod = p.Updated.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	_ = enc.Encode(set)
	buf.WriteByte('\n')
	return buf.Bytes()
}

// addHistory sets each page's last change from git.
func addHistory(ctx context.Context, s *site.Site) {
	changes := history.Read(ctx, s.Source.Root)
	if len(changes) == 0 {
		return
	}
	for _, p := range s.Pages() {
		if p.Source == nil {
			continue
		}
		if c, ok := changes[p.Source.Path]; ok {
			p.Updated, p.Author = c.When, c.Author
		}
	}
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
