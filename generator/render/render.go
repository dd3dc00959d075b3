package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/almanac-handbook/almanac/generator/bufpool"
	"github.com/almanac-handbook/almanac/generator/site"
)

// LayoutTemplate is the page shell every HTML page is rendered in.
const LayoutTemplate = "layout/base.html"

// Theme is a parsed theme. It is safe for concurrent use.
type Theme struct {
	fs       fs.FS
	files    []string
	common   *template.Template // layout + partials
	mu       sync.Mutex
	sets     map[string]*templateSet
	partials []string
}

type templateSet struct {
	once sync.Once
	t    *template.Template
	err  error
}

// LoadTheme parses the layout and partials of theme. Page templates are
// parsed on first use.
func LoadTheme(theme fs.FS) (*Theme, error) {
	files, err := themeFiles(theme)
	if err != nil {
		return nil, err
	}
	th := &Theme{fs: theme, files: files, sets: map[string]*templateSet{}}
	common := template.New("").Funcs(Funcs).Option("missingkey=error")
	if err := th.parse(common, LayoutTemplate); err != nil {
		return nil, err
	}
	for _, f := range files {
		if strings.HasPrefix(path.Base(f), "_") && strings.HasSuffix(f, ".html") {
			if err := th.parse(common, f); err != nil {
				return nil, err
			}
			th.partials = append(th.partials, f)
		}
	}
	th.common = common
	return th, nil
}

func (th *Theme) parse(t *template.Template, name string) error {
	b, err := fs.ReadFile(th.fs, name)
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	if _, err := t.New(name).Parse(string(b)); err != nil {
		return fmt.Errorf("templates/%s: %w", name, err)
	}
	return nil
}

// set returns the template set for a page template: the common templates
// plus the page template's own definitions of "main" and "head".
func (th *Theme) set(name string) (*template.Template, error) {
	th.mu.Lock()
	ts, ok := th.sets[name]
	if !ok {
		ts = &templateSet{}
		th.sets[name] = ts
	}
	th.mu.Unlock()
	ts.once.Do(func() {
		t, err := th.common.Clone()
		if err != nil {
			ts.err = err
			return
		}
		// Defaults, so page templates need define only "main".
		template.Must(t.New("head").Parse(""))
		ts.err = th.parse(t, name)
		ts.t = t
	})
	return ts.t, ts.err
}

// File returns a theme file's bytes (for kinds' Markdown skeletons).
func (th *Theme) File(name string) ([]byte, error) { return fs.ReadFile(th.fs, name) }

// Files returns the theme's file names.
func (th *Theme) Files() []string { return th.files }

// View is the dot of every template.
type View struct {
	Site *site.Config
	Page *site.Page
	Data any
	Root string // relative path from the page to the site root ("../../")
	Nav  []*site.NavItem
	Meta *Meta

	tmpl *template.Template
	navs *navCache // shared by the pages of one RenderPages; nil builds every page's own
	// marked says LastChanged and TOC print their marks (see
	// PageOptions.BodyAt).
	marked bool
}

// LastChanged returns the page's "Last changed" line: when its file last
// changed in git, and by whom, or nothing without a date.
func (v *View) LastChanged() template.HTML {
	if v.marked {
		return changedMark
	}
	return LastChangedHTML(v.Page.Updated, v.Page.Author)
}

// TOC returns the page's table of contents, for a page with more than two
// entries (see TOCHTML).
func (v *View) TOC() template.HTML {
	if v.marked {
		return tocMark
	}
	return TOCHTML(v.Page.TOC)
}

// TOCHTML is View.TOC of a page whose table of contents is toc: nothing
// for two entries or fewer. It lives here rather than in the theme so that
// a build patching a page whose headings changed can write it without the
// theme. It writes what this html/template would, escaping included (the
// test holds the template and checks the two agree), without executing
// a template for every page:
//
//	{{if gt (len .) 2}}
//	    <nav class="toc" aria-label="On this page">
//	      <details open><summary>On this page</summary>
//	      <ul>{{range .}}<li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}</ul>
//	      </details>
//	    </nav>
//	{{- end}}
func TOCHTML(toc []site.Heading) template.HTML {
	if len(toc) <= 2 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n    <nav class=\"toc\" aria-label=\"On this page\">\n      <details open><summary>On this page</summary>\n      <ul>")
	for _, h := range toc {
		b.WriteString(`<li class="toc-h`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="#`)
		writeURLPart(&b, h.ID)
		b.WriteString(`">`)
		writeHTMLText(&b, h.Text)
		b.WriteString("</a></li>")
	}
	b.WriteString("</ul>\n      </details>\n    </nav>")
	return template.HTML(b.String())
}

// writeURLPart writes s as html/template does a value in a URL's query or
// fragment: every byte but letters, digits and -._~ percent-encoded.
func writeURLPart(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// writeHTMLText writes s as html/template does a string in element text.
func writeHTMLText(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
}

// LastChangedHTML is View.LastChanged of a page changed at when by
// author.
func LastChangedHTML(when time.Time, author string) template.HTML {
	if when.IsZero() {
		return ""
	}
	s := "<span>Last changed " + formatDate(when)
	if author != "" {
		s += " by " + template.HTMLEscapeString(author)
	}
	return template.HTML(s + "</span>")
}

// Meta is build-wide information the layout shows.
type Meta struct {
	Version string
	EditURL func(*site.Page) string
	Summary *Summary
}

// Summary is the build summary shown on the home page.
type Summary struct {
	Kinds    []KindCount
	Warnings int
}

// KindCount is the number of pages of one kind.
type KindCount struct {
	Kind  string
	Pages int
}

// URL returns the relative URL from this page to a site-relative path.
func (v *View) URL(p string) string { return site.RelURL(v.Page.Path, p) }

// Partial renders the named template with data as .Data.
func (v *View) Partial(name string, data any) (template.HTML, error) {
	cp := *v
	cp.Data = data
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if err := v.tmpl.ExecuteTemplate(buf, name, &cp); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Active reports whether the nav item at p is this page or an ancestor.
func (v *View) Active(p string) bool { return NavActive(p, v.Page.Path) }

// NavActive reports whether the navigation item at path item is active on
// the page at path page: the page is the item or lies below it.
func NavActive(item, page string) bool {
	if item == "" {
		return page == ""
	}
	return strings.HasPrefix(page, item)
}

// NavHTML returns the site navigation as a <ul>: every top-level item,
// the children of the active one, and the grandchildren of its active
// child. It is built in Go rather than in the layout because it holds
// dozens of links on every page, and with a template's reflection and
// escaping per link it cost more than the rest of a page together.
func (v *View) NavHTML() template.HTML {
	if v.navs == nil {
		return v.buildNav()
	}
	key, ok := v.navKey()
	if !ok {
		return v.buildNav()
	}
	return v.navs.get(key, v.buildNav)
}

// buildNav writes NavHTML.
func (v *View) buildNav() template.HTML {
	var b strings.Builder
	b.Grow(64 * len(v.Nav))
	b.WriteString("<ul>")
	for _, top := range v.Nav {
		active := v.Active(top.Path)
		v.navLink(&b, "\n    ", top, active)
		if active && len(top.Children) > 0 {
			b.WriteString("\n      <ul>")
			for _, child := range top.Children {
				active := v.Active(child.Path)
				v.navLink(&b, "\n        ", child, active)
				if active && len(child.Children) > 0 {
					b.WriteString("\n          <ul>")
					for _, grandchild := range child.Children {
						v.navLink(&b, "", grandchild, false)
						b.WriteString("</li>")
					}
					b.WriteString("</ul>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("\n      </ul>")
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n  </ul>")
	return template.HTML(b.String())
}

// navLink writes indent, then an open <li> holding the item's link.
func (v *View) navLink(b *strings.Builder, indent string, item *site.NavItem, active bool) {
	b.WriteString(indent)
	b.WriteString("<li")
	if active {
		b.WriteString(` class="active"`)
	}
	b.WriteString(`><a href="`)
	b.WriteString(template.HTMLEscapeString(v.URL(item.Path)))
	b.WriteByte('"')
	if item.Path == v.Page.Path {
		b.WriteString(` aria-current="page"`)
	}
	b.WriteByte('>')
	b.WriteString(template.HTMLEscapeString(item.Title))
	b.WriteString("</a>")
}

// EditURL returns the "edit this page" link, or "".
func (v *View) EditURL() string {
	if v.Meta == nil || v.Meta.EditURL == nil {
		return ""
	}
	return v.Meta.EditURL(v.Page)
}

// Page renders one HTML page.
func (th *Theme) Page(s *site.Site, p *site.Page, nav []*site.NavItem, meta *Meta) ([]byte, error) {
	var buf bytes.Buffer
	if err := th.page(&buf, s, p, nav, meta, nil, false); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// page renders p into buf, which it empties first.
func (th *Theme) page(buf *bytes.Buffer, s *site.Site, p *site.Page, nav []*site.NavItem, meta *Meta, navs *navCache, marked bool) error {
	buf.Reset()
	t, err := th.set(p.Template)
	if err != nil {
		return err
	}
	v := &View{Site: s.Config, Page: p, Data: p.Data, Nav: nav, Meta: meta, tmpl: t,
		Root: site.RelURL(p.Path, ""), navs: navs, marked: marked}
	if err := t.ExecuteTemplate(buf, LayoutTemplate, v); err != nil {
		return fmt.Errorf("rendering /%s with templates/%s: %w", p.Path, p.Template, err)
	}
	return nil
}

// Output is where rendered files go.
type Output interface {
	// WriteFile writes data as the file rel. Like io.Writer's Write, it
	// must not keep data once it returns: pages are rendered into
	// buffers that are used again.
	WriteFile(rel string, data []byte) error
}

// PageOptions configure Pages.
type PageOptions struct {
	Meta *Meta
	// Body renders a page's Markdown body just before its template runs.
	Body func(*site.Page) (template.HTML, error)
	// Key returns a digest of everything a page's output depends on, or "".
	// With an output that can reuse files, a page whose key matches the
	// previous build's is not rendered again.
	Key func(*site.Page) string
	// BodyAt, when set, is told where a rendered page's body HTML lies in
	// its output for every page with a body for which MarkBody returns
	// true, when the output holds that HTML once, as it is (a template
	// that prints it escaped, twice or not at all gives no call), and
	// where its "Last changed" line and its table of contents lie (Off -1
	// when the template does not print View.LastChanged or View.TOC
	// once). A later build can then replace these alone.
	MarkBody func(*site.Page) bool
	BodyAt   func(p *site.Page, at Spans)
}

// A Span is where a piece of a page lies in its output: Len bytes from
// Off.
type Span struct{ Off, Len int }

// Spans are where the pieces of a page that a later build may replace lie
// in its output.
type Spans struct{ Body, Changed, TOC Span }

// bodyMark, changedMark and tocMark stand for a page's body, its "Last
// changed" line and its table of contents while its template runs, to
// find where they land. html/template passes them through only where HTML
// is printed as it is: escaped or stripped (in an attribute, a script, a
// URL) they no longer match.
const (
	markPrefix  = "<almanac-"
	bodyMark    = markPrefix + "body-\x00/>"
	changedMark = markPrefix + "changed-\x00/>"
	tocMark     = markPrefix + "toc-\x00/>"
)

// ReusingOutput is an Output that can keep the previous build's file.
type ReusingOutput interface {
	Output
	Reuse(rel, key string) bool
	Remember(rel, key string)
}

// RenderPages renders pages of s into out, on all cores. Raw pages
// (Template "") are written as they are. A page with a Markdown body gets
// its Content just before its template runs, and lets go of it once
// written, so only the pages in flight are held in memory.
func (th *Theme) RenderPages(ctx context.Context, s *site.Site, pages []*site.Page, out Output, opts PageOptions) error {
	nav := s.Nav()
	navs := &navCache{}
	reuse, _ := out.(ReusingOutput)
	return site.Parallel(ctx, len(pages), func(i int) error {
		p := pages[i]
		if p.Template == "" {
			return out.WriteFile(p.Path, p.Bytes)
		}
		file := OutputFile(p.Path)
		var key string
		if opts.Key != nil && reuse != nil {
			if key = opts.Key(p); reuse.Reuse(file, key) {
				return nil
			}
		}
		var content template.HTML
		if opts.Body != nil && p.Source != nil && !p.NoBody {
			c, err := opts.Body(p)
			if err != nil {
				return fmt.Errorf("rendering %s: %w", p.Source.Path, err)
			}
			content = c
			p.Content = c
			defer func() { p.Content = "" }()
		}
		mark := content != "" && opts.BodyAt != nil && opts.MarkBody != nil && opts.MarkBody(p)
		if mark {
			p.Content = bodyMark
		}
		// The page is built in pooled buffers: WriteFile keeps nothing.
		buf := bufpool.Get()
		defer bufpool.Put(buf)
		if err := th.page(buf, s, p, nav, opts.Meta, navs, mark); err != nil {
			return err
		}
		b := buf.Bytes()
		if mark {
			placed := bufpool.Get()
			defer bufpool.Put(placed)
			if placeBody(placed, p, b, content, opts) {
				b = placed.Bytes()
			} else {
				p.Content = content
				if err := th.page(buf, s, p, nav, opts.Meta, navs, false); err != nil {
					return err
				}
				b = buf.Bytes()
			}
		}
		if err := out.WriteFile(file, b); err != nil {
			return err
		}
		if reuse != nil {
			reuse.Remember(file, key)
		}
		return nil
	})
}

// OutputFile is the file a page path is written to: "adr/0012/" becomes
// "adr/0012/index.html".
func OutputFile(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// placeBody writes b into out with content where the template printed
// bodyMark, and the page's "Last changed" line and table of contents
// where it printed changedMark and tocMark, and tells opts.BodyAt where
// they went. It returns false when the template printed bodyMark other
// than once, as it is, or another mark more than once: the page is then
// rendered without marks.
func placeBody(out *bytes.Buffer, p *site.Page, b []byte, content template.HTML, opts PageOptions) bool {
	at, ok := findMarks(b, bodyMark, changedMark, tocMark)
	if !ok || at[0] < 0 {
		return false
	}
	spans := Spans{Changed: Span{Off: -1}, TOC: Span{Off: -1}}
	pieces := []Piece{{At: Span{at[0], len(bodyMark)}, By: string(content), Span: &spans.Body}}
	if at[1] >= 0 {
		line := LastChangedHTML(p.Updated, p.Author)
		pieces = append(pieces, Piece{At: Span{at[1], len(changedMark)}, By: string(line), Span: &spans.Changed})
	}
	if at[2] >= 0 {
		pieces = append(pieces, Piece{At: Span{at[2], len(tocMark)}, By: string(TOCHTML(p.TOC)), Span: &spans.TOC})
	}
	if Splice(out, b, pieces) != nil {
		return false
	}
	opts.BodyAt(p, spans)
	return true
}

// A Piece is text to put in place of a part of a page: By replaces what
// lies At. Splice sets *Span, when not nil, to where By went, counted
// from where Splice began writing.
type Piece struct {
	At   Span
	By   string
	Span *Span
}

// Splice writes b into out with each piece's By in place of what lies at
// its At. Pieces may come in any order, but must not overlap.
func Splice(out *bytes.Buffer, b []byte, pieces []Piece) error {
	slices.SortFunc(pieces, func(x, y Piece) int { return x.At.Off - y.At.Off })
	grow, from := len(b), 0
	for _, pc := range pieces {
		if pc.At.Off < from || pc.At.Len < 0 || pc.At.Off+pc.At.Len > len(b) {
			return fmt.Errorf("a piece at %d+%d overlaps another or lies outside the page's %d bytes", pc.At.Off, pc.At.Len, len(b))
		}
		grow += len(pc.By) - pc.At.Len
		from = pc.At.Off + pc.At.Len
	}
	out.Grow(grow)
	start := out.Len()
	from = 0
	for _, pc := range pieces {
		out.Write(b[from:pc.At.Off])
		if pc.Span != nil {
			*pc.Span = Span{Off: out.Len() - start, Len: len(pc.By)}
		}
		out.WriteString(pc.By)
		from = pc.At.Off + pc.At.Len
	}
	out.Write(b[from:])
	return nil
}

// findMarks returns where each of marks lies in b (-1 where b lacks
// one), in one pass over the page; ok is false when b holds one more than
// once.
func findMarks(b []byte, marks ...string) (at []int, ok bool) {
	at = make([]int, len(marks))
	for i := range at {
		at[i] = -1
	}
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(markPrefix))
		if j < 0 {
			return at, true
		}
		pos, rest := i+j, b[i+j:]
		i = pos + len(markPrefix)
		for k, m := range marks {
			if bytes.HasPrefix(rest, []byte(m)) {
				if at[k] >= 0 {
					return at, false
				}
				at[k], i = pos, pos+len(m)
				break
			}
		}
	}
}
