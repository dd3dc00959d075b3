package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// pageKeys returns the function that gives each HTML page the key of
// everything its output depends on, so that a rebuild can keep the
// previous build's file when the key is unchanged.
//
// A page's output depends on its own source and on "the rest of the
// site" as pages see it: the config, the theme, every data file, and, for
// every page, its title, place and badges, its front matter, and its body's
// digest (headings and link targets: what backlinks and anchors are made
// of). Only a plain page's body text is left out of that digest, so an edit
// to one page's prose changes one key; any other change changes them all.
// Kinds other than plain pages may read their bodies (an adr-tools file
// keeps its status there), so their whole files count.
func pageKeys(s *site.Site, opts Options, themeDigest string, warnings int) func(*site.Page) string {
	h := sha256.New()
	fmt.Fprintf(h, "almanac-keys-1\n%s\n%s\n%s\n", opts.Version, markdown.Version, themeDigest)
	c := s.Config
	fmt.Fprintf(h, "%s %q %v %s %d\n", c.Hash, c.BaseURL, c.Drafts, s.Now.Format("2006-01-02"), warnings)
	for _, list := range [][]*site.DataFile{s.Source.Data, s.Source.Extra} {
		for _, df := range list {
			fmt.Fprintf(h, "d %s %s\n", df.Path, df.Hash)
		}
	}
	for _, p := range s.Pages() {
		writePageSummary(h, p)
	}
	for _, n := range s.Nav() {
		fmt.Fprintf(h, "n %q %s %d\n", n.Title, n.Path, n.Weight)
	}
	siteKey := hex.EncodeToString(h.Sum(nil))
	return func(p *site.Page) string {
		h := sha256.New()
		fmt.Fprintf(h, "%s\n%s\n", siteKey, p.Path)
		if p.Source != nil {
			fmt.Fprintf(h, "%s\n", p.Source.Hash)
		}
		if !p.Updated.IsZero() {
			fmt.Fprintf(h, "%s %s\n", p.Updated.UTC().Format("2006-01-02T15:04:05Z"), p.Author)
		}
		return hex.EncodeToString(h.Sum(nil)[:16])
	}
}

func writePageSummary(h hash.Hash, p *site.Page) {
	fmt.Fprintf(h, "p %s %s %s %q %q %q %d %s %s %q %q\n", p.Path, p.Kind, p.Template, p.Title, p.Description, p.Badge,
		p.Weight, p.Date, p.Subject, strings.Join(p.Tags, ","), strings.Join(p.Scripts, ","))
	if p.Source == nil {
		return
	}
	if bodyIsLocal(p) {
		fmt.Fprintf(h, "s %s %s %s\n", p.Source.Path, p.Source.FrontHash, p.BodyDigest)
	} else {
		fmt.Fprintf(h, "s %s %s %s\n", p.Source.Path, p.Source.Hash, p.BodyDigest)
	}
}

// bodyIsLocal reports whether p's body shows on p alone, apart from what
// its digest sums up (headings and link targets). That holds for plain
// pages; other kinds may read their bodies (an adr-tools file keeps its
// status there) into what other pages show.
func bodyIsLocal(p *site.Page) bool { return p.Kind == "page" }
