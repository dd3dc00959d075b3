package generator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/resolve"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/write"
)

// A Session builds one handbook again and again into one output folder,
// as almanac serve does. It keeps its last good build in memory, so that
// the commonest edits while writing, a change to the prose or headings of
// a plain page, a runbook or an ADR, rewrite that page (and the ADR feed)
// instead of the whole site; the search
// index follows in the background, since writing it out costs more than
// the page. Any other change gets a full Build. A Session is not safe for
// concurrent use.
type Session struct {
	opts  Options
	kinds func() []site.Kind // fresh kinds for every full build (kinds keep per-build state)
	last  *built             // nil until a full build succeeds, and after one fails

	indexing sync.WaitGroup // the search index being rewritten after a patch
	indexErr error          // why the last rewrite of the index failed
}

// NewSession returns a Session building with opts, asking kinds for the
// list of kinds before every full build.
func NewSession(opts Options, kinds func() []site.Kind) *Session {
	opts.keepIndex = true
	opts.CheckOnly = false
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Session{opts: opts, kinds: kinds}
}

// Build brings the output up to date. changed lists the slash paths
// (relative to Source) that changed since the last good build; nil means
// unknown, which always gives a full build. The Result of an edit that
// needed no full build reports the pages it rewrote in Pages and the
// rest as the last full build left them.
func (ss *Session) Build(ctx context.Context, changed []string) (*Result, error) {
	ss.Wait()
	if ss.indexErr != nil {
		ss.opts.Log.Warn("rewriting the search index failed; building everything", "err", ss.indexErr)
		ss.indexErr, ss.last = nil, nil
	}
	if ss.last != nil && len(changed) > 0 {
		if res, ok, err := ss.patch(ctx, changed); ok || err != nil {
			return res, err
		}
	}
	opts := ss.opts
	if ss.kinds != nil {
		opts.Kinds = ss.kinds()
	}
	res, last, err := build(ctx, opts)
	ss.last = last
	if err != nil {
		ss.last = nil
	}
	return res, err
}

// Wait blocks until the search index a patch left to rewrite is written.
func (ss *Session) Wait() { ss.indexing.Wait() }

// patch handles changed without a full build when every path is the
// source of a page whose body a patch may rewrite (see bodyPatchable)
// whose edit stays inside that page: the front matter, what its kind reads
// from its body and every link target are as before, and checking the
// page finds what the last build found. Its headings may change as a build's patch
// allows (see editPage): when the last build had no findings and every
// heading id a link points at stays. ok is false when a full build is needed; err is set
// when the output could not be written, and then the Session forgets its
// state so the next change rebuilds everything.
func (ss *Session) patch(ctx context.Context, changed []string) (res *Result, ok bool, err error) {
	start := time.Now()
	b := ss.last
	s := b.site
	type edit struct {
		page *site.Page
		file *site.SourceFile
		e    resolve.Edit
	}
	var edits []edit
	readers := bodyFactsReaders(s.Kinds)
	for _, rel := range changed {
		p := b.pageFromSource(rel)
		if p == nil || !bodyPatchable(p, readers) { // pageFromSource: the only page from its file
			return nil, false, nil
		}
		f, err := rereadOutsideBody(s.Source.Root, p.Source.Path, p.Source.Rel, p.Source.FrontHash, p.Source.BodyLine, markdown.Title(p.Source.Body))
		if err != nil {
			return nil, false, nil // a full build says what happened
		}
		var findings []site.Diagnostic // the kind's, which its body facts cover
		if r := readers[p.Kind]; r != nil {
			if findings, err = sameBodyFacts(r, s.Config, f, p.BodyFacts, p.BodyOffset); err != nil {
				return nil, false, nil // the edit changes what other pages show
			}
		}
		f.Front = nil // as the build left every file once kinds had read it
		e := resolve.Again(s, b.md, p, f, s.Config.Overrides())
		found := bodyDiagnostics(append(findings, e.Diags...), rel, f.BodyLine)
		if e.LinksDigest != p.LinksDigest || !sameDiagnostics(found, bodyDiagnostics(b.res.Diagnostics, rel, f.BodyLine)) {
			return nil, false, nil
		}
		if e.Digest != p.BodyDigest && (len(b.res.Diagnostics) > 0 || !resolve.KeepsAnchors(s.AnchorsUsed(p.Path), e.Anchors)) {
			return nil, false, nil // its headings changed, and a link may have gained or lost its anchor
		}
		edits = append(edits, edit{p, f, e})
	}

	if len(b.indexed) != len(b.index) {
		return nil, false, nil
	}
	indexParts := map[int]*site.Page{} // the search index's parts that hold an edited page
	for _, ed := range edits {
		if i, ok := b.indexed[ed.page]; ok {
			part, _ := search.PartOf(i, ss.opts.searchPartDocs())
			if indexParts[part] = s.PageAt(search.PartPath(part)); indexParts[part] == nil {
				return nil, false, nil
			}
		}
	}

	// The new content of the files that carry a copy of an edited body
	// (the ADR feed): the new body in place of the old.
	copies := map[*site.Page][]byte{}
	for _, ed := range edits {
		if len(ed.page.BodyCopies) == 0 {
			continue
		}
		edited := *ed.page
		edited.Source = ed.file
		old, err := s.Body(ed.page)
		if err != nil {
			return nil, false, nil
		}
		body, err := s.Body(&edited)
		if err != nil {
			return nil, false, nil
		}
		for _, path := range ed.page.BodyCopies {
			c := s.PageAt(path)
			if c == nil || c.Template != "" {
				return nil, false, nil
			}
			content, ok := copies[c]
			if !ok {
				content = c.Bytes
			}
			if copies[c], err = replaceBodyCopy(content, string(old), string(body)); err != nil {
				return nil, false, nil
			}
		}
	}

	// Only now change the site: every edit is known to stay in its page.
	pages := make([]*site.Page, 0, len(edits)+len(copies))
	for c, content := range copies {
		c.Bytes = content
		pages = append(pages, c)
	}
	for _, ed := range edits {
		*ed.page.Source = *ed.file
		ed.page.BodyDigest, ed.page.LinksDigest = ed.e.Digest, ed.e.LinksDigest
		ed.page.TOC = ed.e.TOC
		ed.page.Text = ed.e.Text
		s.SetAnchors(ed.page.Path, ed.e.Anchors) // for anchor hints and later checks, as a full build records them
		pages = append(pages, ed.page)
	}
	if err := ss.rewrite(ctx, pages); err != nil {
		return nil, false, err
	}
	for _, ed := range edits {
		if i, ok := b.indexed[ed.page]; ok {
			b.index[i], _ = search.NewEntry(ed.page)
		}
		ed.page.Text = "" // indexed
	}
	ss.indexing.Add(1)
	go func() {
		defer ss.indexing.Done()
		var (
			err   error
			pages []*site.Page
		)
		for _, part := range slices.Sorted(maps.Keys(indexParts)) {
			page := indexParts[part]
			if page.Bytes, err = search.AssemblePart(b.index, part, ss.opts.searchPartDocs()).Script(); err != nil {
				break
			}
			pages = append(pages, page)
		}
		if err == nil {
			err = ss.rewrite(context.Background(), pages)
		}
		ss.indexErr = err
	}()
	res = &Result{
		Site: s, Diagnostics: b.res.Diagnostics, Errors: b.res.Errors, Warnings: b.res.Warnings,
		Pages: len(pages), Out: b.res.Out, Duration: time.Since(start), Patched: true,
	}
	return res, true, nil
}

// rewrite renders pages again into the last build's output. When that
// fails the output may be part old, part new, so the Session forgets its
// state and the next Build rebuilds everything.
func (ss *Session) rewrite(ctx context.Context, pages []*site.Page) error {
	b := ss.last
	out, err := write.BeginPatch(b.res.Out)
	if err == nil {
		err = b.theme.RenderPages(ctx, b.site, pages, out, b.page)
	}
	if err == nil {
		err = out.Commit()
	}
	if err != nil {
		ss.last = nil
		return fmt.Errorf("rewriting %d page(s) in %s: %w", len(pages), b.res.Out, err)
	}
	return nil
}

// pageFromSource returns the page made from the Markdown file at rel (a
// slash path relative to the handbook root), or nil unless exactly one
// page is.
func (b *built) pageFromSource(rel string) *site.Page {
	if !strings.EqualFold(filepath.Ext(rel), ".md") {
		return nil
	}
	if b.bySource == nil {
		b.bySource = map[string]*site.Page{}
		for _, p := range b.site.Pages() {
			if p.Source == nil {
				continue
			}
			if _, dup := b.bySource[p.Source.Path]; dup {
				b.bySource[p.Source.Path] = nil // several pages: no patching
			} else {
				b.bySource[p.Source.Path] = p
			}
		}
	}
	return b.bySource[rel]
}

// bodyDiagnostics returns the diagnostics in list about the body of the
// file at rel, which starts on line bodyLine.
func bodyDiagnostics(list []site.Diagnostic, rel string, bodyLine int) []site.Diagnostic {
	var out site.Diagnostics // sorted as a build sorts them
	for _, d := range list {
		if d.Pos.Path == rel && d.Pos.Line >= bodyLine {
			out.Add(d)
		}
	}
	return out.List()
}

func sameDiagnostics(a, b []site.Diagnostic) bool {
	return slices.EqualFunc(a, b, func(x, y site.Diagnostic) bool { return x.String() == y.String() })
}

// rereadOutsideBody reads again the edited Markdown file at path (rel
// inside content/) and returns it when all that lies outside its body is
// as it was: it parses without findings, with the same front matter, body
// line and title. Otherwise the edit reaches beyond the page's body.
func rereadOutsideBody(root, path, rel, frontHash string, bodyLine int, title string) (*site.SourceFile, error) {
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
	if err != nil {
		return nil, err
	}
	diags := &site.Diagnostics{}
	f := load.ParseMarkdown(path, rel, raw, diags)
	if len(diags.List()) > 0 || f.FrontHash != frontHash || f.BodyLine != bodyLine || markdown.Title(f.Body) != title {
		return nil, errors.New("its front matter or title changed, or it has a finding")
	}
	return f, nil
}
