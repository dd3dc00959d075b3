package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	stdhtml "html"
	"io"
	"strings"
	"sync"
	"unicode"

	"github.com/almanac-handbook/almanac/generator/bufpool"
	"github.com/almanac-handbook/almanac/generator/highlight"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Version changes whenever the HTML or the summaries this package writes
// for the same input change, so caches keyed by it never serve stale
// output. md2: plain text (headings' text, the search text) spells out
// the typographer's entities. md3: HTML comments are left out (of heading
// ids too); [[KIND:id]], [[kind:id\|text]] and [[kind:id|]] are
// references; a table cell may end in an unclosed one (OpUnclosed); a
// reference inside a link is no link itself.
const Version = "md3"

// Cache stores highlighted code blocks by content hash. Implementations
// must be safe for concurrent use.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, value []byte)
}

// Options configure a Renderer.
type Options struct {
	UnsafeHTML bool  // pass raw HTML through instead of escaping it
	Cache      Cache // optional cache of highlighted code blocks
}

// Renderer parses and renders Markdown. It is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	r := &Renderer{opts: opts}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{r: r}, 100)),
	}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
			parser.WithInlineParsers(util.Prioritized(refParser{}, 150)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return r
}

// Doc is a parsed Markdown document.
type Doc struct {
	Source   []byte
	Root     ast.Node
	Title    string // text of a leading H1, which Parse removes from the body
	Headings []Heading
}

// Heading is a heading of a Doc.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Parse parses src. A leading level-1 heading is removed from the document
// and returned as Doc.Title, because the layout prints the page title as the
// page's one h1.
func (r *Renderer) Parse(src []byte) *Doc {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	d := &Doc{Source: src, Root: root}
	if h, ok := root.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		d.Title = plainText(h, src)
		root.RemoveChild(root, h)
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			d.Headings = append(d.Headings, Heading{Level: h.Level, ID: string(idb), Text: plainText(h, src)})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return d
}

// Title returns the text of src's leading H1, if it has one.
func Title(src []byte) string {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			continue
		}
		if bytes.HasPrefix(t, []byte("# ")) {
			return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(string(t[2:])), "#"))
		}
		return ""
	}
	return ""
}

// Target is what a reference resolves to.
type Target struct {
	Href  string
	Title string
	Badge string
	Kind  string
}

// Resolver rewrites a document's links as Render walks it. offset is the
// byte offset in Doc.Source where the link or reference starts, for error
// positions.
type Resolver interface {
	// Dest returns the destination to emit for a link or image, or "" to
	// drop the link (an unsafe or broken destination) and keep its text.
	Dest(dest string, offset int, image bool) string
	// Ref resolves [[kind:id]]; ok=false renders the reference as broken.
	Ref(kind, id string, offset int) (t Target, ok bool)
}

// UnclosedRefs is implemented by Resolvers that report references a table
// cell cut off: "[[kind:id" whose "|text]]" went to the next cell because
// the pipe was not escaped as "\|". Render shows them as written.
type UnclosedRefs interface {
	UnclosedRef(kind, id string, offset int)
}

// Render rewrites d's links through res and writes HTML. It returns the
// HTML and the plain text of the document (for search). Render mutates d,
// so render a Doc once.
func (r *Renderer) Render(d *Doc, res Resolver) (htmlOut []byte, plain string, err error) {
	Resolve(d, res)
	out, err := r.HTML(d)
	if err != nil {
		return nil, "", err
	}
	return out, Text(d), nil
}

// Resolve rewrites d's links and references through res without writing
// any HTML. It mutates d, so resolve a Doc once.
func Resolve(d *Doc, res Resolver) { resolve(d, res) }

// HTML writes a resolved Doc as HTML.
func (r *Renderer) HTML(d *Doc) ([]byte, error) {
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if err := r.WriteHTML(buf, d); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// WriteHTML writes a resolved Doc as HTML to w.
func (r *Renderer) WriteHTML(w io.Writer, d *Doc) error {
	// goldmark buffers w in a new bufio.Writer unless it is one already;
	// one per body adds up in a large build, so they are reused.
	bw := bufWriters.Get().(*bufio.Writer)
	bw.Reset(w)
	err := r.md.Renderer().Render(bw, d.Source, d.Root)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	bw.Reset(nil)
	bufWriters.Put(bw)
	return err
}

var bufWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// Text returns the plain text of a Doc, one line per block, for search.
func Text(d *Doc) string { return docText(d.Root, d.Source) }

// RenderInline renders a one-paragraph fragment without the <p> wrapper.
func (r *Renderer) RenderInline(src []byte, res Resolver) ([]byte, error) {
	d := r.Parse(src)
	out, _, err := r.Render(d, res)
	if err != nil {
		return nil, err
	}
	out = bytes.TrimSpace(out)
	if bytes.HasPrefix(out, []byte("<p>")) && bytes.HasSuffix(out, []byte("</p>")) && bytes.Count(out, []byte("<p>")) == 1 {
		out = out[3 : len(out)-4]
	}
	return out, nil
}

func resolve(d *Doc, res Resolver) {
	var drop, unwrap []ast.Node
	for _, u := range linkUses(d) {
		switch n := u.node.(type) {
		case *ast.Link:
			n.Destination = []byte(res.Dest(u.Dest, u.Offset, false))
			if u.Dest != "" && len(n.Destination) == 0 {
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			n.Destination = []byte(res.Dest(u.Dest, u.Offset, true))
			if u.Dest != "" && len(n.Destination) == 0 {
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if res.Dest(u.Dest, u.Offset, false) == "" {
				drop = append(drop, n)
			}
		case *Ref:
			if n.Unclosed {
				if u, ok := res.(UnclosedRefs); ok {
					u.UnclosedRef(n.RefKind, n.ID, n.Offset)
				}
			} else if t, ok := res.Ref(n.RefKind, n.ID, n.Offset); ok {
				n.Target = &t
			}
		}
	}
	// A link or image whose destination was dropped keeps only its text.
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	// An unsafe autolink becomes plain text.
	for _, n := range drop {
		al := n.(*ast.AutoLink)
		t := ast.NewString(al.URL(d.Source))
		n.Parent().ReplaceChild(n.Parent(), n, t)
	}
}

// startOffset finds where an inline node starts in source: the first text
// segment beneath it, or its block's first line.
func startOffset(n ast.Node, src []byte) int {
	if al, ok := n.(*ast.AutoLink); ok {
		if seg := al.Label(src); len(seg) > 0 {
			return bytes.Index(src, seg)
		}
	}
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start + 1
		}
	}
	return 1
}

// plainText returns the text inside n.
func plainText(n ast.Node, src []byte) string {
	return string(bytes.TrimSpace(appendPlainText(nil, n, src)))
}

// appendPlainText appends the text of n to b, as plainText returns it but
// not trimmed.
func appendPlainText(b []byte, n ast.Node, src []byte) []byte {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			if c.IsCode() {
				// HTML to write as it is: the typographer's entities
				// (&ldquo;, &hellip;), which plain text spells out.
				b = append(b, stdhtml.UnescapeString(string(c.Value))...)
			} else {
				b = append(b, c.Value...)
			}
		case *ast.CodeSpan:
			for x := c.FirstChild(); x != nil; x = x.NextSibling() {
				if t, ok := x.(*ast.Text); ok {
					b = append(b, t.Segment.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *Ref:
			if c.Label != "" {
				b = append(b, c.Label...)
			} else if c.Target != nil {
				b = append(b, c.Target.Title...)
			} else {
				b = append(b, c.ID...)
			}
		}
		return ast.WalkContinue, nil
	})
	return b
}

// docText returns the plain text of a document, one line per block: each
// block's text trimmed, no empty lines. It is built in one buffer, the
// size of the source at most, instead of a string for each block: this
// runs on every page of a build.
func docText(root ast.Node, src []byte) string {
	b := make([]byte, 0, len(src))
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
			start := len(b)
			b = appendPlainText(b, c, src)
			text := bytes.TrimSpace(b[start:])
			b = append(b[:start], text...) // copy moves it down, never up
			b = append(b, '\n')
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// Lines end at every '\n', within a block too; the empty ones go.
	// out is written over b: never past the end of the line read.
	out := b[:0]
	for line := range bytes.SplitSeq(b, []byte{'\n'}) {
		if len(line) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n')
		}
		out = append(out, line...)
	}
	return string(out)
}

// nodeRenderer renders Almanac's nodes and overrides goldmark's headings
// (anchor links), code blocks (chroma) and raw HTML (escaped unless unsafe).
type nodeRenderer struct {
	r *Renderer
}

func (nr *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRef, nr.renderRef)
	reg.Register(ast.KindHeading, nr.renderHeading)
	reg.Register(ast.KindFencedCodeBlock, nr.renderCode)
	reg.Register(ast.KindCodeBlock, nr.renderCode)
	if !nr.r.opts.UnsafeHTML {
		reg.Register(ast.KindRawHTML, nr.renderRawHTML)
		reg.Register(ast.KindHTMLBlock, nr.renderHTMLBlock)
	}
}

func (nr *nodeRenderer) renderRef(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	ref := n.(*Ref)
	if ref.Target == nil {
		text := "[[" + ref.RefKind + ":" + ref.ID
		if !ref.Unclosed {
			text += "]]"
		}
		w.WriteString(`<span class="ref ref-broken">`)
		w.Write(util.EscapeHTML([]byte(text)))
		w.WriteString(`</span>`)
		return ast.WalkContinue, nil
	}
	t := ref.Target
	label := ref.Label
	if label == "" {
		label = t.Title
	}
	// Inside a link's text the reference shows as text: links do not nest.
	tag := "span"
	if !inLink(ref) {
		tag = "a"
	}
	w.WriteString("<" + tag + ` class="ref ref-`)
	w.Write(util.EscapeHTML([]byte(ref.RefKind)))
	if tag == "a" {
		w.WriteString(`" href="`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(t.Href), false)))
	}
	w.WriteString(`">`)
	w.Write(util.EscapeHTML([]byte(label)))
	if t.Badge != "" {
		w.WriteString(` <span class="badge badge-`)
		w.Write(util.EscapeHTML([]byte(BadgeClass(t.Badge))))
		w.WriteString(`">`)
		w.Write(util.EscapeHTML([]byte(t.Badge)))
		w.WriteString(`</span>`)
	}
	w.WriteString("</" + tag + ">")
	return ast.WalkContinue, nil
}

// inLink reports whether n is inside the text of a link.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil && p.Type() == ast.TypeInline; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// BadgeClass turns a status word into a CSS class suffix.
func BadgeClass(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func (nr *nodeRenderer) renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + string(rune('0'+n.Level))
	if entering {
		w.WriteString("<" + tag)
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		if idb, ok := id.([]byte); ok {
			w.WriteString(`<a class="anchor" href="#`)
			w.Write(util.EscapeHTML(idb))
			w.WriteString(`" aria-label="Link to this section">#</a>`)
		}
	}
	w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

// renderRawHTML writes inline raw HTML as text, HTML comments left out.
func (nr *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.RawHTML)
		var raw []byte
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw = append(raw, seg.Value(src)...)
		}
		w.Write(util.EscapeHTML(dropComments(raw)))
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock writes an HTML block as a paragraph of text, HTML
// comments left out, or nothing when it holds nothing else.
func (nr *nodeRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var raw []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		raw = append(raw, seg.Value(src)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(src)...)
	}
	if raw = dropComments(raw); len(bytes.TrimSpace(raw)) > 0 {
		w.WriteString("<p>")
		w.Write(util.EscapeHTML(raw))
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// dropComments removes the HTML comments from b, as browsers hide them;
// an unclosed one stays, to be seen.
func dropComments(b []byte) []byte {
	for {
		i := bytes.Index(b, []byte("<!--"))
		if i < 0 {
			return b
		}
		// From i+2, so that "<!-->" and "<!--->" end where they start.
		n := bytes.Index(b[i+2:], []byte("-->"))
		if n < 0 {
			return b
		}
		b = append(b[:i:i], b[i+2+n+3:]...)
	}
}

func (nr *nodeRenderer) renderCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var lang string
	if fc, ok := node.(*ast.FencedCodeBlock); ok {
		lang = strings.ToLower(string(fc.Language(src)))
	}
	code := bufpool.Get()
	defer bufpool.Put(code)
	for i := 0; i < node.Lines().Len(); i++ {
		seg := node.Lines().At(i)
		code.Write(seg.Value(src))
	}
	w.Write(nr.r.highlight(lang, code.Bytes()))
	return ast.WalkSkipChildren, nil
}

// highlight returns the HTML of one code block, from the cache when the
// same language and code were highlighted before.
func (r *Renderer) highlight(lang string, code []byte) []byte {
	var key string
	if r.opts.Cache != nil {
		h := sha256.New()
		h.Write([]byte(Version + "\x00" + highlight.Version + "\x00" + lang + "\x00"))
		h.Write(code)
		key = hex.EncodeToString(h.Sum(nil))
		if b, ok := r.opts.Cache.Get(key); ok {
			return b
		}
	}
	out := highlight.Code(lang, code)
	if r.opts.Cache != nil {
		r.opts.Cache.Put(key, out)
	}
	return out
}
