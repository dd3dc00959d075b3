package resolve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/almanac-handbook/almanac/generator/bufpool"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// maxSearchText bounds the plain text kept per page for the search index,
// so that one huge page cannot dominate memory or the index.
const maxSearchText = 32 << 10

// Pages resolves the Markdown body of every page that has one: it checks
// every link and [[ref]] (reporting problems with their position), records
// backlinks, and keeps each page's table of contents and plain text. It
// keeps no HTML and no syntax tree in memory, which therefore does not grow
// with the size of the handbook's text: a page's HTML comes, when the page
// is written, from the spill or from Body.
//
// Links to #anchors on other pages are checked once every page's headings
// are known.
//
// With a spill, a body parsed to be checked is also rendered, into the
// spill, so that writing the page need not parse it again. A spill also
// says the caller can read a body again (site.SourceFile.Body says how),
// so a source file then lets go of its body once every page from it is
// resolved, unless a kind keeps it (KeepBody): a large build would
// otherwise hold the whole handbook's Markdown until the end of indexing.
// A page whose body is not in the spill (its summary came from the cache)
// is rarely written at all: a build reuses unchanged pages.
func Pages(ctx context.Context, s *site.Site, md *markdown.Renderer, spill *Spill) error {
	_, err := pages(ctx, s, md, nil, spill)
	return err
}

func pages(ctx context.Context, s *site.Site, md *markdown.Renderer, keep func(*site.Page) bool, spill *Spill) (map[*site.Page]*Record, error) {
	var pages []*site.Page
	for _, p := range s.Pages() {
		if p.Source != nil && !p.NoBody {
			pages = append(pages, p)
		}
	}
	var (
		mu      sync.Mutex
		pending []anchorCheck
		records map[*site.Page]*Record
		unread  map[*site.SourceFile]*atomic.Int32 // pages not yet resolved, per file
	)
	if spill != nil {
		unread = map[*site.SourceFile]*atomic.Int32{}
		// Every page from a file counts, those whose kinds render the
		// body themselves too: they never count down.
		for _, p := range s.Pages() {
			if p.Source != nil && !p.Source.KeepBody && p.Source.Hash != "" {
				if unread[p.Source] == nil {
					unread[p.Source] = new(atomic.Int32)
				}
				unread[p.Source].Add(1)
			}
		}
	}
	if keep != nil {
		records = map[*site.Page]*Record{}
	}
	err := site.Parallel(ctx, len(pages), func(i int) error {
		p := pages[i]
		var (
			sum *markdown.Summary
			doc *markdown.Doc // parsed here: nil for a summary from the cache
		)
		if spill != nil {
			sum, doc = md.SummarizeParsed(body(p))
		} else {
			sum = md.Summarize(body(p))
		}
		var ids map[string]bool
		ids, p.TOC = Headings(sum)
		s.SetAnchors(p.Path, ids)
		r := &resolver{s: s, from: p, file: p.Source, base: p.BodyOffset, ownAnchors: ids}
		var rec *Record
		if keep != nil && keep(p) {
			rec = &Record{Headings: sum.Headings, Links: make([]markdown.LinkUse, len(sum.Links)), Answers: make([]Answer, 0, len(sum.Links))}
			for i, l := range sum.Links {
				l.Offset = 0
				rec.Links[i] = l
			}
			sum.Replay(&recorder{Resolver: r, rec: rec})
		} else {
			sum.Replay(r)
		}
		p.BodyDigest, p.LinksDigest = digest(sum.Headings, r.targets), digest(nil, r.targets)
		p.Text = searchText(sum.Text)
		if doc != nil {
			// As Body renders it: links resolve the same way, quietly.
			markdown.Resolve(doc, &resolver{s: s, from: p, file: p.Source, base: p.BodyOffset, quiet: true})
			buf := bufpool.Get()
			err := md.WriteHTML(buf, doc)
			if err == nil {
				spill.put(p, buf.Bytes())
			}
			bufpool.Put(buf)
			if err != nil {
				return fmt.Errorf("rendering %s: %w", p.Source.Path, err)
			}
		}
		if left := unread[p.Source]; left != nil && left.Add(-1) == 0 {
			p.Source.Body = nil
		}
		mu.Lock()
		pending = append(pending, r.pending...)
		if rec != nil {
			records[p] = rec
		}
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range pending {
		c.check(s)
	}
	if spill != nil {
		if err := spill.finish(); err != nil {
			return nil, err
		}
	}
	return records, nil
}

// Edit is what Again found in an edited page body.
type Edit struct {
	Digest      string          // as Page.BodyDigest
	LinksDigest string          // as Page.LinksDigest
	Anchors     map[string]bool // its heading ids, as Pages records them
	TOC         []site.Heading  // as Page.TOC
	Text        string          // as Page.Text
	Diags       []site.Diagnostic
}

// Again resolves f, an edited version of the source of p, a page of the
// resolved site s, without changing s: nothing is reported to s.Diags
// and no backlink is recorded. The caller compares the result with what
// Pages recorded to learn whether the edit reaches beyond p.
func Again(s *site.Site, md *markdown.Renderer, p *site.Page, f *site.SourceFile, overrides map[string]site.Severity) Edit {
	edited := *p
	edited.Source = f
	p = &edited
	sum := md.Summarize(body(p))
	var e Edit
	e.Anchors, e.TOC = Headings(sum)
	trial := &site.Diagnostics{}
	trial.SetOverrides(overrides)
	r := &resolver{s: s, from: p, file: p.Source, base: p.BodyOffset, ownAnchors: e.Anchors, trial: trial}
	sum.Replay(r)
	e.Digest, e.LinksDigest = digest(sum.Headings, r.targets), digest(nil, r.targets)
	e.Text = searchText(sum.Text)
	e.Diags = trial.List()
	return e
}

// Body renders the HTML of p's Markdown body. Its links were checked by
// Pages, so Body reports nothing.
func Body(s *site.Site, md *markdown.Renderer, p *site.Page) (template.HTML, error) {
	return BodyOf(s, md, p, p.Source.Body)
}

// BodyOf is Body for src, the body of p's source file when the file no
// longer holds it (see site.SourceFile.Body).
func BodyOf(s *site.Site, md *markdown.Renderer, p *site.Page, src []byte) (template.HTML, error) {
	d := md.Parse(pageBody(p, src))
	markdown.Resolve(d, &resolver{s: s, from: p, file: p.Source, base: p.BodyOffset, quiet: true})
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if err := md.WriteHTML(buf, d); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Headings returns a body's heading ids, as Pages records them, and its
// table of contents (the level 2 and 3 headings), as Page.TOC.
func Headings(sum *markdown.Summary) (ids map[string]bool, toc []site.Heading) {
	ids = make(map[string]bool, len(sum.Headings))
	for _, h := range sum.Headings {
		ids[h.ID] = true
		if h.Level >= 2 && h.Level <= 3 {
			toc = append(toc, site.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	return ids, toc
}

// searchText bounds a body's plain text for the search index.
func searchText(text string) string {
	if len(text) > maxSearchText {
		return strings.Clone(text[:maxSearchText]) // not the whole text's memory
	}
	return text
}

func body(p *site.Page) []byte { return pageBody(p, p.Source.Body) }

// pageBody is the part of src, the body of p's source file, that p renders.
func pageBody(p *site.Page, src []byte) []byte { return BodyPart(src, p.BodyOffset) }

// BodyPart is the part of src, the body of a page's source file, that a
// page with BodyOffset offset renders: kinds skip metadata lines.
func BodyPart(src []byte, offset int) []byte {
	if offset > 0 && offset <= len(src) {
		return src[offset:]
	}
	return src
}

// digest sums up a body's headings and link targets (see Page.BodyDigest).
func digest(headings []markdown.Heading, targets []string) string {
	h := sha256.New()
	for _, x := range headings {
		fmt.Fprintf(h, "h%d\x00%s\x00%s\n", x.Level, x.ID, x.Text)
	}
	for _, t := range targets {
		fmt.Fprintf(h, "l%s\n", t)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// anchorCheck is a link to #frag on another page, checked once every
// page's headings are known.
type anchorCheck struct {
	pos    site.Pos
	target string // the target page's path
	frag   string
	msg    func() string // the message, made only for a broken link; a "did you mean" hint is added
}

func (c anchorCheck) check(s *site.Site) {
	if !s.HasAnchor(c.target, c.frag) {
		s.Diags.Errorf(c.pos, "link-anchor", "%s%s", c.msg(), anchorHint(s, c.target, c.frag))
	}
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

	ownAnchors map[string]bool // the page's own heading ids, when known
	targets    []string        // every resolved destination, for the body digest
	pending    []anchorCheck   // anchors on other pages, checked later
	quiet      bool            // rendering again: report nothing, record nothing
	// trial, when set, receives the findings instead of the site, and
	// nothing is recorded in the site (see Again).
	trial *site.Diagnostics
}

// finder is where r looks link targets up. The body of a LocalBody page
// shows on that page alone, so what its links find is not shown elsewhere.
func (r *resolver) finder() site.Finder {
	if r.file != nil && r.from != nil && r.from.LocalBody {
		return r.s.LocalFinder()
	}
	return r.s
}

func (r *resolver) diags() *site.Diagnostics {
	if r.trial != nil {
		return r.trial
	}
	return r.s.Diags
}

func (r *resolver) errorf(pos site.Pos, rule, format string, args ...any) {
	if !r.quiet {
		r.diags().Errorf(pos, rule, format, args...)
	}
}

func (r *resolver) warnf(pos site.Pos, rule, format string, args ...any) {
	if !r.quiet {
		r.diags().Warnf(pos, rule, format, args...)
	}
}

func (r *resolver) backlink(target string) {
	if !r.quiet && r.trial == nil {
		r.s.AddBacklink(target, r.from)
	}
}

// anchorExists checks #frag on page target now, or, when the target's
// headings may not be known yet, queues the check.
func (r *resolver) anchorExists(pos site.Pos, target, frag string, msg func() string) {
	if r.quiet {
		return
	}
	if r.trial == nil {
		r.s.UseAnchor(target, frag)
	}
	if r.from != nil && target == r.from.Path && r.ownAnchors != nil {
		if !r.ownAnchors[frag] {
			r.errorf(pos, "link-anchor", "%s%s", msg(), anchorHint(r.s, target, frag))
		}
		return
	}
	if r.file != nil && r.trial == nil { // a page body: other pages' headings arrive in parallel
		r.pending = append(r.pending, anchorCheck{pos: pos, target: target, frag: frag, msg: msg})
		return
	}
	if !r.s.HasAnchor(target, frag) { // a fragment: every body has been parsed
		r.errorf(pos, "link-anchor", "%s%s", msg(), anchorHint(r.s, target, frag))
	}
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

func (r *resolver) Dest(dest string, offset int, image bool) string {
	pos := r.position(offset)
	dest = strings.TrimSpace(dest)
	if site.UnsafeURL(dest, image) {
		r.warnf(pos, "link-unsafe", "unsafe link %q dropped; Almanac never emits javascript:, vbscript:, file: or non-image data: URLs", trunc(dest))
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
		if frag != "" {
			r.anchorExists(pos, r.fromPath(), frag, func() string { return "link to #" + frag + ", but this page has no heading with that id" })
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
		r.errorf(pos, "link-broken", "link to %q leaves the content folder; link to pages and files inside content/", dest)
		return ""
	}
	if target == "." {
		target = ""
	}
	sitePath, page, ok := r.lookup(target, strings.HasSuffix(p, "/"))
	if !ok {
		if r.quiet {
			return ""
		}
		if why := r.notBuilt(r.doc(target)); why != "" {
			r.errorf(pos, "link-broken", "link to %q: %s", dest, why)
		} else {
			r.errorf(pos, "link-broken", "link to %q: no such page or file (looked for content/%s)%s", dest, target, r.fileHint(target))
		}
		return ""
	}
	if page != nil {
		r.backlink(page.Path)
		if frag != "" {
			dest, title := dest, page.Title // as they are now: the check may come later
			r.anchorExists(pos, page.Path, frag, func() string {
				return fmt.Sprintf("link to %q: %s has no heading with id %q", dest, title, frag)
			})
		}
	}
	out := site.RelURL(r.fromPath(), sitePath) + query
	if frag != "" {
		out += "#" + frag
	}
	r.targets = append(r.targets, out)
	return out
}

// lookup finds the page or file a content-relative path names.
func (r *resolver) lookup(target string, dirOnly bool) (sitePath string, page *site.Page, ok bool) {
	src := r.s.Source
	if !dirOnly {
		lower := strings.ToLower(target)
		if strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") {
			if pg := r.finder().PageFor("content/" + target); pg != nil {
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
		if pg := r.finder().PageFor("content/" + prefix + name); pg != nil {
			return pg.Path, pg, true
		}
	}
	if pg := r.finder().PageAt(prefix); pg != nil {
		return pg.Path, pg, true
	}
	return "", nil, false
}

func anchorHint(s *site.Site, pagePath, frag string) string {
	return site.DidYouMean(frag, s.AnchorIDs(pagePath))
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
	e, ok := r.finder().Entity(kind, id)
	anchor := ""
	if !ok {
		// [[page:x#heading]]: an anchor on a page. Kinds whose entities are
		// themselves "base#part" (ladder levels) list every valid part, so
		// an unlisted one is unknown rather than an anchor.
		if base, a, found := strings.Cut(id, "#"); found && !r.s.HasEntityPrefix(kind, base+"#") {
			if e, ok = r.finder().Entity(kind, base); ok {
				anchor = "#" + a
				kind, id, title := kind, id, e.Title // as they are now: the check may come later
				r.anchorExists(pos, strings.TrimSuffix(e.Path, "/")+"/", a, func() string {
					return fmt.Sprintf("[[%s:%s]]: %s has no heading with id %q", kind, id, title, a)
				})
			}
		}
	}
	if !ok {
		if !r.quiet {
			r.errorf(pos, "ref-unknown", "%s", r.refError(kind, id))
		}
		return markdown.Target{}, false
	}
	target := e.Path
	if i := strings.IndexByte(target, '#'); i >= 0 {
		r.backlink(target[:i])
	} else {
		r.backlink(target)
		target += anchor
	}
	t := markdown.Target{Href: site.RelURL(r.fromPath(), target), Title: e.Title, Badge: e.Badge, Kind: e.Kind}
	r.targets = append(r.targets, t.Href+"\x00"+t.Title+"\x00"+t.Badge)
	return t, true
}

// refError describes the unknown reference [[kind:id]] and how to fix it.
func (r *resolver) refError(kind, id string) string {
	// An entity whose parts are entities too ("backend#E4", a ladder's
	// levels) and has no such part.
	if base, part, found := strings.Cut(id, "#"); found {
		if _, ok := r.s.LocalFinder().Entity(kind, base); ok {
			var parts []string
			seen := map[string]bool{}
			for _, x := range r.s.EntityIDs(kind) {
				if p, ok := strings.CutPrefix(x, base+"#"); ok && !seen[strings.ToLower(p)] {
					seen[strings.ToLower(p)] = true
					parts = append(parts, p)
				}
			}
			hint := site.DidYouMean(part, parts)
			if hint == "" {
				hint = "; it has " + strings.Join(parts, ", ")
			}
			return fmt.Sprintf("[[%s:%s]]: %s %s has no level/anchor %q%s", kind, id, kind, base, part, hint)
		}
	}
	if kind == "page" {
		if why := r.notBuilt(r.pageDoc(id)); why != "" {
			return fmt.Sprintf("[[%s:%s]]: %s", kind, id, why)
		}
	}
	return r.s.RefError(kind, id)
}

// UnclosedRef reports "[[kind:id" at the end of a table cell: the pipe
// before its text ended the cell (see markdown.UnclosedRefs).
func (r *resolver) UnclosedRef(kind, id string, offset int) {
	r.errorf(r.position(offset), "ref-unclosed", `[[%s:%s is cut off at a |, which ends a table cell; in tables write the pipe as \|: [[%s:%s\|text]]`, kind, id, kind, id)
}

// doc returns the Markdown file content/rel, or nil.
func (r *resolver) doc(rel string) *site.SourceFile {
	for _, f := range r.s.Source.Docs {
		if f.Rel == rel {
			return f
		}
	}
	return nil
}

// pageDoc returns the Markdown file whose page [[page:id]] names, or nil.
func (r *resolver) pageDoc(id string) *site.SourceFile {
	for _, f := range r.s.Source.Docs {
		if name := strings.TrimSuffix(f.Rel, path.Ext(f.Rel)); name == id || name == id+"/_index" || name == id+"/index" {
			return f
		}
	}
	return nil
}

// notBuilt says why f, a Markdown file, has no page in this build, or
// returns "" when f is nil or has a page.
func (r *resolver) notBuilt(f *site.SourceFile) string {
	if f == nil || r.s.LocalFinder().PageFor(f.Path) != nil {
		return ""
	}
	switch kind := r.s.Source.ClaimedBy(f.Path); {
	case f.Draft:
		return f.Path + " is a draft, left out of this build; build with --drafts or remove draft: true"
	case kind != "":
		return fmt.Sprintf("%s makes no page (the %s kind leaves it out); link to a page", f.Path, kind)
	}
	return ""
}

func trunc(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
