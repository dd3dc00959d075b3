package resolve

import (
	"context"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Pages renders the Markdown body of every page that has one. It first
// parses all bodies so that every page's heading ids are known, then
// renders them in parallel with links resolved.
func Pages(ctx context.Context, s *site.Site, md *markdown.Renderer) error {
	var pages []*site.Page
	for _, p := range s.Pages() {
		if p.Source != nil && !p.NoBody {
			pages = append(pages, p)
		}
	}
	docs := make([]*markdown.Doc, len(pages))
	err := site.Parallel(ctx, len(pages), func(i int) error {
		p := pages[i]
		body := p.Source.Body
		if p.BodyOffset > 0 && p.BodyOffset <= len(body) {
			body = body[p.BodyOffset:]
		}
		d := md.Parse(body)
		docs[i] = d
		ids := map[string]bool{}
		for _, h := range d.Headings {
			ids[h.ID] = true
		}
		s.SetAnchors(p.Path, ids)
		return nil
	})
	if err != nil {
		return err
	}
	return site.Parallel(ctx, len(pages), func(i int) error {
		p, d := pages[i], docs[i]
		r := &resolver{s: s, from: p, file: p.Source, base: p.BodyOffset}
		html, text, err := md.Render(d, r)
		if err != nil {
			return err
		}
		p.Content = template.HTML(html)
		p.Text = text
		for _, h := range d.Headings {
			if h.Level >= 2 && h.Level <= 3 {
				p.TOC = append(p.TOC, site.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		return nil
	})
}

// Fragments returns the site.Markdown that kinds use for Markdown kept in
// front matter or data files.
func Fragments(s *site.Site, md *markdown.Renderer) site.Markdown {
	return &fragments{s: s, md: md}
}

type fragments struct {
	s  *site.Site
	md *markdown.Renderer
}

func (f *fragments) Block(from *site.Page, src string, pos site.Pos) template.HTML {
	r := &resolver{s: f.s, from: from, pos: pos, fragment: src}
	out, _, err := f.md.Render(f.md.Parse([]byte(src)), r)
	if err != nil {
		f.s.Diags.Errorf(pos, "markdown", "cannot render Markdown: %v", err)
	}
	return template.HTML(out)
}

func (f *fragments) Inline(from *site.Page, src string, pos site.Pos) template.HTML {
	r := &resolver{s: f.s, from: from, pos: pos, fragment: src}
	out, err := f.md.RenderInline([]byte(src), r)
	if err != nil {
		f.s.Diags.Errorf(pos, "markdown", "cannot render Markdown: %v", err)
	}
	return template.HTML(out)
}

// resolver resolves the links of one page body or fragment.
type resolver struct {
	s    *site.Site
	from *site.Page
	// A page body: positions come from the file.
	file *site.SourceFile
	base int
	// A fragment: positions are counted from pos.
	pos      site.Pos
	fragment string
}

func (r *resolver) position(offset int) site.Pos {
	if r.file != nil {
		return r.file.BodyPos(r.base + offset)
	}
	p := r.pos
	if offset < 0 || offset > len(r.fragment) {
		return p
	}
	before := r.fragment[:offset]
	if n := strings.Count(before, "\n"); n > 0 {
		p.Line += n
		p.Col = offset - strings.LastIndexByte(before, '\n')
	} else if p.Col > 0 {
		p.Col += offset
	}
	return p
}

// contentDir is the folder of the source file the links are relative to.
func (r *resolver) contentDir() string {
	if r.file != nil {
		return path.Dir(r.file.Rel)
	}
	if r.from != nil && r.from.Source != nil {
		return path.Dir(r.from.Source.Rel)
	}
	return "."
}

func (r *resolver) fromPath() string {
	if r.from == nil {
		return ""
	}
	return r.from.Path
}

var schemeRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// Unsafe reports whether dest is a URL scheme that runs code or embeds
// content when clicked: javascript:, vbscript:, file:, and data: other than
// images. Browsers ignore ASCII whitespace and control characters inside a
// scheme, so they are removed before looking.
func Unsafe(dest string, image bool) bool {
	var b strings.Builder
	for _, c := range dest {
		if c > ' ' && c != 0x7f {
			b.WriteRune(c)
		}
		if b.Len() > 16 {
			break
		}
	}
	d := strings.ToLower(b.String())
	switch {
	case strings.HasPrefix(d, "javascript:"), strings.HasPrefix(d, "vbscript:"), strings.HasPrefix(d, "file:"):
		return true
	case strings.HasPrefix(d, "data:"):
		return !image || !strings.HasPrefix(d, "data:image/") || strings.HasPrefix(d, "data:image/svg")
	}
	return false
}

func (r *resolver) Dest(dest string, offset int, image bool) string {
	pos := r.position(offset)
	dest = strings.TrimSpace(dest)
	if Unsafe(dest, image) {
		r.s.Diags.Warnf(pos, "link-unsafe", "unsafe link %q dropped; Almanac never emits javascript:, vbscript:, file: or non-image data: URLs", trunc(dest))
		return ""
	}
	if dest == "" || schemeRe.MatchString(dest) || strings.HasPrefix(dest, "//") {
		return dest
	}
	raw, frag, _ := strings.Cut(dest, "#")
	rawPath, query, _ := strings.Cut(raw, "?")
	if query != "" {
		query = "?" + query
	}
	p, err := url.PathUnescape(rawPath)
	if err != nil {
		p = rawPath
	}
	if p == "" { // "#anchor" on this page
		if frag != "" && !r.s.HasAnchor(r.fromPath(), frag) {
			r.s.Diags.Errorf(pos, "link-anchor", "link to #%s, but this page has no heading with that id%s", frag, r.anchorHint(r.fromPath(), frag))
		}
		return dest
	}
	var target string // content-relative path
	if strings.HasPrefix(p, "/") {
		target = path.Clean(strings.TrimPrefix(p, "/"))
	} else {
		target = path.Join(r.contentDir(), p)
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		r.s.Diags.Errorf(pos, "link-broken", "link to %q leaves the content folder; link to pages and files inside content/", dest)
		return ""
	}
	if target == "." {
		target = ""
	}
	sitePath, page, ok := r.lookup(target, strings.HasSuffix(p, "/"))
	if !ok {
		r.s.Diags.Errorf(pos, "link-broken", "link to %q: no such page or file (looked for content/%s)%s", dest, target, r.fileHint(target))
		return ""
	}
	if page != nil {
		r.s.AddBacklink(page.Path, r.from)
		if frag != "" && !r.s.HasAnchor(page.Path, frag) {
			r.s.Diags.Errorf(pos, "link-anchor", "link to %q: %s has no heading with id %q%s", dest, page.Title, frag, r.anchorHint(page.Path, frag))
		}
	}
	out := site.RelURL(r.fromPath(), sitePath) + query
	if frag != "" {
		out += "#" + frag
	}
	return out
}

// lookup finds the page or file a content-relative path names.
func (r *resolver) lookup(target string, dirOnly bool) (sitePath string, page *site.Page, ok bool) {
	src := r.s.Source
	if !dirOnly {
		lower := strings.ToLower(target)
		if strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") {
			if pg := r.s.PageFor("content/" + target); pg != nil {
				return pg.Path, pg, true
			}
			return "", nil, false
		}
		for _, a := range src.Assets {
			if a.Rel == target {
				return a.Rel, nil, true
			}
		}
		for _, a := range src.Static {
			if a.Rel == target {
				return a.Rel, nil, true
			}
		}
	}
	// A folder: its index page, or a page at that URL.
	prefix := ""
	if target != "" {
		prefix = target + "/"
	}
	for _, name := range []string{"_index.md", "index.md", "README.md"} {
		if pg := r.s.PageFor("content/" + prefix + name); pg != nil {
			return pg.Path, pg, true
		}
	}
	if pg := r.s.PageAt(prefix); pg != nil {
		return pg.Path, pg, true
	}
	return "", nil, false
}

func (r *resolver) anchorHint(pagePath, frag string) string {
	return site.DidYouMean(frag, r.s.AnchorIDs(pagePath))
}

func (r *resolver) fileHint(target string) string {
	var names []string
	dir := path.Dir(target)
	for _, f := range r.s.Source.Docs {
		if path.Dir(f.Rel) == dir {
			names = append(names, f.Rel)
		}
	}
	for _, a := range r.s.Source.Assets {
		if path.Dir(a.Rel) == dir {
			names = append(names, a.Rel)
		}
	}
	return site.DidYouMean(target, names)
}

func (r *resolver) Ref(kind, id string, offset int) (markdown.Target, bool) {
	pos := r.position(offset)
	e, ok := r.s.Entity(kind, id)
	anchor := ""
	if !ok {
		// [[page:x#heading]]: an anchor on a page. Kinds whose entities are
		// themselves "base#part" (ladder levels) list every valid part, so
		// an unlisted one is unknown rather than an anchor.
		if base, a, found := strings.Cut(id, "#"); found && !r.s.HasEntityPrefix(kind, base+"#") {
			if e, ok = r.s.Entity(kind, base); ok {
				anchor = "#" + a
				if p := strings.TrimSuffix(e.Path, "/") + "/"; !r.s.HasAnchor(p, a) {
					r.s.Diags.Errorf(pos, "link-anchor", "[[%s:%s]]: %s has no heading with id %q%s", kind, id, e.Title, a, r.anchorHint(p, a))
				}
			}
		}
	}
	if !ok {
		r.s.Diags.Errorf(pos, "ref-unknown", "%s", r.s.RefError(kind, id))
		return markdown.Target{}, false
	}
	target := e.Path
	if i := strings.IndexByte(target, '#'); i >= 0 {
		r.s.AddBacklink(target[:i], r.from)
	} else {
		r.s.AddBacklink(target, r.from)
		target += anchor
	}
	return markdown.Target{Href: site.RelURL(r.fromPath(), target), Title: e.Title, Badge: e.Badge, Kind: e.Kind}, true
}

func trunc(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
