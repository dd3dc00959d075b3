package generator

import (
	"github.com/almanac-handbook/almanac/generator/site"
)

// addSiteFiles adds the pages every site has whatever its kinds: the 404
// page. (Sitemap, robots.txt and the search index join in the pull-request
// loop work.)
func addSiteFiles(s *site.Site) {
	if s.PageAt("404.html") == nil {
		s.AddPage(&site.Page{Path: "404.html", Kind: "page", Title: "Page not found", Template: "page/404.html", NoSearch: true})
	}
}
