package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/site"
)

// pageKeys returns the function that gives each HTML page the key of
// everything its output depends on, so that a rebuild can keep the
// previous build's file when the key is unchanged, and base, the part of
// a page's key that sums up the rest of the site as the page sees it.
//
// A page's output depends on its own source, its backlinks, and "the rest
// of the site" as pages see it: the config, the theme, every data file,
// and, for every page, its title, place and badges and its front matter.
// A page's body mostly shows on that page alone (Page.LocalBody): its
// headings make its own table of contents, its links reach other pages
// only as their backlinks (a broken link or anchor is an error, or a
// warning, which every page counts), and what its kind read from it for
// other pages is summed up in Page.BodyFacts. So an edit to such a body
// changes its page's key and those of the pages it starts or stops
// linking to, and no other. Pages whose kinds make no such promise count
// with their whole file and their body's digest.
//
// A self-contained page (Page.SelfContained, not the home page, which
// counts the site's pages) sees less of the rest: the config, the theme,
// the navigation around it, the pages it lists (Page.Lists: a section's
// children) and what its body's links and references resolve to (its
// links' digest: its headings show on the page alone, and come with its
// file). Under the built-in theme its key sums up just that, so renaming
// a page leaves alone every self-contained page that neither shows it in
// its navigation, lists it nor refers to it. A page that sees one kind
// (Page.SeesKind: an ADR's page shows other ADRs) counts that kind's
// pages and the data files too. Any other page but the home page (a
// service's, a team's, a KPI's, a list) sees the rest of the site but the
// Unlisted pages nothing looked up (Site.Shown), and the navigation around
// it: kinds build those pages from their models, which hold no Unlisted
// page, so renaming a handbook page that no section, description, plan or
// link outside a plain page's body shows leaves them alone. A handbook's
// own templates (ownTheme) may show anything, so with them every page
// counts the whole site.
func pageKeys(s *site.Site, opts Options, themeDigest string, warnings int, ownTheme bool) (base, key func(*site.Page) string) {
	siteKey, shownKey, kinds := siteKeysOf(s, opts, themeDigest, warnings)
	base = func(*site.Page) string { return siteKey }
	if !ownTheme {
		global := globalKeyOf(s, opts, themeDigest)
		nav := newNavDigests(s.Nav())
		base = func(p *site.Page) string {
			if p.Path == "" {
				return siteKey
			}
			// Written as fmt would ("shown\n%s\n%s\n%s\n", and so on)
			// without its reflection: every full build keys every page.
			if !p.SelfContained && p.SeesKind == "" || p.Subject != "" {
				sum := sha256.Sum256([]byte("shown\n" + shownKey + "\n" + nav.around(p.Path) + "\n" + p.LinksDigest + "\n"))
				return hex.EncodeToString(sum[:])
			}
			b := []byte("self-contained\n" + global + "\n" + nav.around(p.Path) + "\n" + p.LinksDigest + "\n")
			b = strconv.AppendQuote(b, strings.Join(p.Scripts, ","))
			b = append(b, '\n')
			for _, l := range p.Lists {
				b = appendPageSummary(b, l)
			}
			if !p.SelfContained {
				b = append(b, "sees "+p.SeesKind+" "+kinds[p.SeesKind]+"\n"...)
			}
			sum := sha256.Sum256(b)
			return hex.EncodeToString(sum[:])
		}
	}
	return base, func(p *site.Page) string { return keyOf(base(p), p, backlinksDigest(p.Backlinks)) }
}

// keyOf is the key of p (see pageKeys), given its base and the
// backlinksDigest of its backlinks.
func keyOf(base string, p *site.Page, backlinks string) string {
	hash := ""
	if p.Source != nil {
		hash = p.Source.Hash
	}
	return pageKey(base, p.Path, hash, backlinks, p.Updated, p.Author)
}

// globalKeyOf sums up what every page shows of the build: the versions,
// the theme and the config. The snapshot's format counts as a version:
// a build records where a reused page's body lies from the last snapshot,
// which a new format cannot read, so a new format renders every page once.
func globalKeyOf(s *site.Site, opts Options, themeDigest string) string {
	h := sha256.New()
	c := s.Config
	fmt.Fprintf(h, "%s %s\n%s\n%s\n%s %q %v %s\n", opts.Version, snapshotFormat, markdown.Version, themeDigest, c.Hash, c.BaseURL, c.Drafts, s.Now.Format("2006-01-02"))
	return hex.EncodeToString(h.Sum(nil))
}

// navDigests sums up the navigation by the parts a page shows of it (see
// render.View.NavHTML): every top-level item, the children of an active
// one and the grandchildren of an active child.
type navDigests struct {
	tops     []*site.NavItem
	top      string
	children map[*site.NavItem]string // of a top-level item
}

func newNavDigests(tops []*site.NavItem) *navDigests {
	n := &navDigests{tops: tops, top: navItemsDigest(tops), children: map[*site.NavItem]string{}}
	for _, t := range tops {
		n.children[t] = navItemsDigest(t.Children)
		for _, c := range t.Children {
			n.children[c] = navItemsDigest(c.Children)
		}
	}
	return n
}

// around sums up the navigation the page at path shows.
func (n *navDigests) around(path string) string {
	// As fmt's "\n%d %s" and "\n%d.%d %s" would write the active items.
	b := []byte(n.top)
	for i, t := range n.tops {
		if !render.NavActive(t.Path, path) {
			continue
		}
		b = append(b, '\n')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, " "+n.children[t]...)
		for j, c := range t.Children {
			if render.NavActive(c.Path, path) {
				b = append(b, '\n')
				b = strconv.AppendInt(b, int64(i), 10)
				b = append(b, '.')
				b = strconv.AppendInt(b, int64(j), 10)
				b = append(b, " "+n.children[c]...)
			}
		}
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func navItemsDigest(items []*site.NavItem) string {
	h := sha256.New()
	for _, it := range items {
		fmt.Fprintf(h, "%q %q\n", it.Title, it.Path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// pageKey is the key of the page at path, whose view of the rest of the
// site is base, made from a file with the given hash ("" for none), with
// the backlinks backlinksDigest sums up, last changed as git says.
func pageKey(base, path, hash, backlinks string, updated time.Time, author string) string {
	b := []byte(base + "\n" + path + "\n" + backlinks + "\n")
	if hash != "" {
		b = append(b, hash+"\n"...)
	}
	if !updated.IsZero() {
		b = updated.UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
		b = append(b, " "+author+"\n"...)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// backlinksDigest sums up a page's backlinks.
func backlinksDigest(links []site.Link) string {
	if len(links) == 0 {
		return ""
	}
	// As fmt's "%q %q %q\n" would write, without its reflection: a large
	// site digests every page's backlinks in each full build.
	var b []byte
	for _, l := range links {
		b = strconv.AppendQuote(b, l.Path)
		b = append(b, ' ')
		b = strconv.AppendQuote(b, l.Title)
		b = append(b, ' ')
		b = strconv.AppendQuote(b, l.Kind)
		b = append(b, '\n')
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// siteKeysOf sums up "the rest of the site" as the home page sees it; as
// any other page sees it, which leaves out the Unlisted pages nothing
// found (Site.Shown); and, for each kind, what a page that sees that kind
// (Page.SeesKind) shows of it: the kind's pages and the data files.
func siteKeysOf(s *site.Site, opts Options, themeDigest string, warnings int) (siteKey, shownKey string, kinds map[string]string) {
	var data bytes.Buffer
	for _, list := range [][]*site.DataFile{s.Source.Data, s.Source.Extra} {
		for _, df := range list {
			fmt.Fprintf(&data, "d %s %s\n", df.Path, df.Hash)
		}
	}
	h, sh := sha256.New(), sha256.New()
	both := io.MultiWriter(h, sh)
	fmt.Fprintf(h, "almanac-keys-2\n")
	fmt.Fprintf(sh, "almanac-shown-keys-1\n")
	fmt.Fprintf(both, "%s %s\n%s\n%s\n", opts.Version, snapshotFormat, markdown.Version, themeDigest)
	c := s.Config
	fmt.Fprintf(both, "%s %q %v %s %d\n", c.Hash, c.BaseURL, c.Drafts, s.Now.Format("2006-01-02"), warnings)
	both.Write(data.Bytes())
	byKind := map[string]hash.Hash{}
	var summary []byte
	for _, p := range s.Pages() {
		summary = appendPageSummary(summary[:0], p)
		h.Write(summary)
		if !p.Unlisted || s.Shown(p.Path) {
			sh.Write(summary)
		}
		kh := byKind[p.Kind]
		if kh == nil {
			kh = sha256.New()
			kh.Write(data.Bytes())
			byKind[p.Kind] = kh
		}
		kh.Write(summary)
	}
	for _, n := range s.Nav() {
		fmt.Fprintf(both, "n %q %s %d\n", n.Title, n.Path, n.Weight)
	}
	kinds = make(map[string]string, len(byKind))
	for k, kh := range byKind {
		kinds[k] = hex.EncodeToString(kh.Sum(nil))
	}
	return hex.EncodeToString(h.Sum(nil)), hex.EncodeToString(sh.Sum(nil)), kinds
}

// appendPageSummary appends to b what the keys count of p, as fmt's
// "p %s %s %s %q %q %q %d %s %s %q %q\n" and its source's line would write
// it, without fmt's reflection: every full build sums up every page.
func appendPageSummary(b []byte, p *site.Page) []byte {
	b = append(b, "p "+p.Path+" "+p.Kind+" "+p.Template+" "...)
	for _, s := range []string{p.Title, p.Description, p.Badge} {
		b = strconv.AppendQuote(b, s)
		b = append(b, ' ')
	}
	b = strconv.AppendInt(b, int64(p.Weight), 10)
	b = append(b, " "+p.Date.String()+" "+p.Subject+" "...)
	b = strconv.AppendQuote(b, strings.Join(p.Tags, ","))
	b = append(b, ' ')
	b = strconv.AppendQuote(b, strings.Join(p.Scripts, ","))
	b = append(b, '\n')
	if p.Source == nil {
		return b
	}
	if p.LocalBody {
		b = append(b, "s "+p.Source.Path+" "+p.Source.FrontHash+" "...)
		b = strconv.AppendQuote(b, p.BodyFacts)
		return append(b, '\n')
	}
	return append(b, "s "+p.Source.Path+" "+p.Source.Hash+" "+p.BodyDigest+"\n"...)
}
