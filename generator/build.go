package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/almanac-handbook/almanac/generator/history"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/resolve"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/write"
	"github.com/almanac-handbook/almanac/templates"
)

// Options configure one build.
type Options struct {
	Source  string      // handbook root; "" means the current folder
	Out     string      // output folder; "" means Source/public
	BaseURL string      // overrides almanac.yaml's base_url when set
	Drafts  bool        // include pages marked draft
	Kinds   []site.Kind // content kinds in registration order (plain pages last)
	Theme   fs.FS       // the default theme; nil means the embedded one
	Now     time.Time   // "today" for staleness; zero means time.Now()
	Log     *slog.Logger
	Version string // shown in the footer and generator meta tag

	// CheckOnly runs every stage up to rendering and writes nothing.
	CheckOnly bool
	// Cache, when set, keeps highlighted code and body summaries between
	// builds.
	Cache markdown.Cache
	// Keep, when set, is a folder (on the file system of Out) where the
	// site a build replaces is kept, for the next build to start from: its
	// unchanged pages are then already in place. almanac build keeps it in
	// the cache folder, so a CI job restoring the cache gets it too.
	Keep string
	// Snapshot, when set, is a file where a good build describes itself
	// for the next one in a new process, which then handles prose edits of
	// plain pages (and no change at all) without loading the handbook.
	// almanac build keeps it in the cache folder, next to Keep.
	Snapshot string
	// SearchPartDocs is how many pages each part of the search index
	// holds; 0 means search.PartDocs. Tests set it small to have parts.
	SearchPartDocs int

	// keepIndex keeps the search index's entries, for a Session to index
	// an edited page again.
	keepIndex bool
}

// searchPartDocs is SearchPartDocs or its default.
func (o Options) searchPartDocs() int {
	if o.SearchPartDocs > 0 {
		return o.SearchPartDocs
	}
	return search.PartDocs
}

// Result reports what a build did.
type Result struct {
	Site        *site.Site
	Diagnostics []site.Diagnostic
	Errors      int
	Warnings    int
	Pages       int // HTML pages and other files written from pages
	Out         string
	Duration    time.Duration
	// Patched is set when a Session, or a build from a snapshot, rewrote
	// only the edited pages (then counted in Pages) and the parts of the
	// search index that hold them instead of building the whole site.
	Patched bool
}

// Build runs the pipeline. It returns an error wrapping site.ErrContent when
// the handbook has errors (the diagnostics are in the Result), or another
// error when the build could not run. On any error the previous output is
// left untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	res, _, err := build(ctx, opts)
	return res, err
}

// built is what a Session keeps of its last good build.
type built struct {
	site  *site.Site
	md    *markdown.Renderer
	theme *render.Theme
	page  render.PageOptions
	res   *Result
	index []search.Entry // with the page each came from in indexed
	// indexed maps each indexed page to its entry in index.
	indexed map[*site.Page]int
	// bySource maps source paths to pages, nil for a file several pages
	// come from; made on first use.
	bySource map[string]*site.Page
}

func build(ctx context.Context, opts Options) (*Result, *built, error) {
	start := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	root, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	if opts.Out == "" {
		opts.Out = filepath.Join(root, "public")
	}
	out, err := filepath.Abs(opts.Out)
	if err != nil {
		return nil, nil, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	var snap *snapRecorder
	if opts.Snapshot != "" && !opts.CheckOnly && opts.Theme == nil {
		last := &lastBuild{params: snapParams(opts, root, out), head: history.Head(ctx, root)}
		res, err := patchFromSnapshot(ctx, opts, root, out, last)
		if !errors.Is(err, errFullBuild) {
			return res, nil, err
		}
		opts.Log.Debug("building everything", "why", err)
		snap = newSnapRecorder(opts, root, out, last)
	}
	if opts.Theme == nil {
		opts.Theme = templates.FS
	}
	res := &Result{Out: out}
	diags := &site.Diagnostics{}
	// stage logs how far a full build got, for ALMANAC_LOG=debug.
	stage := func(done string) { opts.Log.Debug(done, "after", time.Since(start).Round(time.Millisecond)) }

	src, cfg, err := load.Load(ctx, load.Options{Root: root, Exclude: []string{out}, Cache: opts.Cache}, diags)
	if err != nil {
		return nil, nil, err
	}
	if opts.BaseURL != "" {
		base, err := site.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			return nil, nil, fmt.Errorf("base URL %q: %w", opts.BaseURL, err)
		}
		cfg.BaseURL = base
	}
	cfg.Drafts = opts.Drafts
	diags.SetOverrides(cfg.Overrides())

	s := site.New(src, cfg, diags, opts.Log, opts.Now)
	s.Kinds = opts.Kinds
	res.Site = s
	finish := func(err error) (*Result, *built, error) {
		res.Diagnostics = diags.List()
		res.Errors, res.Warnings = diags.Count()
		res.Duration = time.Since(start)
		if err == nil && res.Errors > 0 {
			err = fmt.Errorf("%w: %d error(s)", site.ErrContent, res.Errors)
		}
		return res, nil, err
	}

	for _, k := range opts.Kinds {
		if err := k.Load(ctx, s); err != nil {
			return finish(fmt.Errorf("%s: %w", k.Name(), err))
		}
	}
	cfg.CheckUnknownKeys(diags)
	for _, k := range opts.Kinds {
		if l, ok := k.(site.Linker); ok {
			if err := l.Link(ctx, s); err != nil {
				return finish(fmt.Errorf("%s: %w", k.Name(), err))
			}
		}
	}
	// Kinds decode front matter and data files while they load and link;
	// after that the YAML trees are dead weight (a fifth of a large build's
	// memory: a node takes some thirty times the bytes of its text).
	for _, f := range src.Docs {
		f.Front = nil
	}
	for _, list := range [][]*site.DataFile{src.Data, src.Extra} {
		for _, df := range list {
			df.Docs = nil
		}
	}

	stage("loaded and linked")
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML, Cache: opts.Cache})
	var spill *resolve.Spill
	if !opts.CheckOnly && !opts.keepIndex {
		// Next to the output, where the new site is written too. Without
		// one, bodies are parsed again when pages are written.
		err := os.MkdirAll(filepath.Dir(out), 0o755)
		if err == nil {
			spill, err = resolve.NewSpill(filepath.Dir(out))
		}
		if err != nil {
			opts.Log.Debug("bodies will be parsed again to be written", "why", err)
		} else {
			defer spill.Close()
		}
	}
	if snap != nil {
		err = snap.resolve(ctx, s, md, spill)
	} else {
		err = resolve.Pages(ctx, s, md, spill)
	}
	if err != nil {
		return finish(err)
	}
	stage("resolved links")
	s.SetBodyRenderer(func(p *site.Page) (template.HTML, error) {
		if spill != nil {
			if html, ok, err := spill.Body(p); ok {
				return html, err
			}
		}
		if p.Source.Body == nil && p.Source.Hash != "" {
			// Let go of once resolved (see resolve.Pages): read it again.
			b, err := load.ReadBody(root, p.Source)
			if err != nil {
				return "", err
			}
			return resolve.BodyOf(s, md, p, b)
		}
		return resolve.Body(s, md, p)
	})
	frags := resolve.Fragments(s, md)
	for _, k := range opts.Kinds {
		if r, ok := k.(site.ContentRenderer); ok {
			if err := r.RenderContent(ctx, s, frags); err != nil {
				return finish(fmt.Errorf("%s: %w", k.Name(), err))
			}
		}
	}
	for _, k := range opts.Kinds {
		if e, ok := k.(site.Emitter); ok {
			if err := e.Emit(ctx, s); err != nil {
				return finish(fmt.Errorf("%s: %w", k.Name(), err))
			}
		}
	}
	pages := s.Pages()
	// Sorting the backlinks of the most linked pages grows faster than
	// the site: on every core.
	if err := site.Parallel(ctx, len(pages), func(i int) error {
		pages[i].Backlinks = s.Backlinks(pages[i].Path)
		return nil
	}); err != nil {
		return finish(err)
	}
	for _, p := range pages {
		if p.Subject != "" {
			p.Sections = s.Contributions(p.Subject)
			for _, sec := range p.Sections {
				for _, script := range sec.Scripts {
					if !slices.Contains(p.Scripts, script) {
						p.Scripts = append(p.Scripts, script)
					}
				}
			}
		}
	}
	s.DoneLinking(opts.keepIndex)
	if opts.CheckOnly {
		// Dates, the search index and the sitemap check nothing.
		res.Pages = len(s.Pages())
		return finish(nil)
	}
	stage("rendered content")
	changes := addHistory(ctx, s)
	if snap != nil {
		snap.history = changes
	}
	index, entries, err := addSiteFiles(ctx, s, opts.keepIndex, opts.searchPartDocs())
	if err != nil {
		return finish(err)
	}
	if snap != nil {
		snap.setIndex(index, opts.searchPartDocs())
	}
	res.Pages = len(s.Pages())
	if e, _ := diags.Count(); e > 0 {
		return finish(nil)
	}
	if !opts.keepIndex {
		// Every body is checked and indexed; only rendering is left, and
		// that reads each file again (load.ReadBody). resolve.Pages let go
		// of most bodies already; these are the ones kinds kept, or all
		// of them when there is no spill.
		for _, f := range src.Docs {
			f.Body = nil
		}
	}

	stage("indexed")
	theme, err := render.LoadTheme(render.Overlay(opts.Theme, filepath.Join(root, load.ThemeDir)))
	if err != nil {
		return finish(&ThemeError{Err: err})
	}
	tree, err := write.Begin(out, opts.Keep)
	if err != nil {
		return finish(err)
	}
	if snap != nil && snap.first {
		tree.SkipKeepCopy()
	}
	_, warnings := diags.Count()
	meta := &render.Meta{Version: opts.Version, EditURL: editURL(ctx, cfg, root), Summary: summary(s, warnings)}
	ownTheme := hasThemeDir(root)
	keyBase, key := pageKeys(s, opts, theme.Digest(), warnings, ownTheme)
	pageOpts := render.PageOptions{Meta: meta, Body: s.Body, Key: key}
	if snap != nil {
		pageOpts.Key = snap.keying(keyBase)
	}
	if snap != nil && !ownTheme {
		// Only the built-in templates are known to print a body once, as
		// it is, and to show nothing else that depends on it.
		pageOpts.MarkBody, pageOpts.BodyAt = snap.patchable, snap.bodyAt
	}
	if err := writeSite(ctx, s, theme, tree, pageOpts, opts.keepIndex); err != nil {
		tree.Abort()
		return finish(err)
	}
	stage("wrote pages")
	if err := tree.Commit(); err != nil {
		return finish(err)
	}
	res, _, err = finish(nil)
	if snap != nil && err == nil {
		snap.keptLive = tree.KeptCopy()
		if serr := snap.save(ctx, s, res, keyBase); serr != nil {
			opts.Log.Warn("the build snapshot was not saved; the next build will be a full one", "err", serr)
		}
	}
	b := &built{site: s, md: md, theme: theme, page: pageOpts, res: res, index: entries}
	if opts.keepIndex {
		b.indexed = map[*site.Page]int{}
		for _, p := range s.Pages() {
			if search.Indexed(p) {
				b.indexed[p] = len(b.indexed)
			}
		}
	}
	return res, b, err
}

// ThemeError is a broken template in the theme or the handbook's overrides.
type ThemeError struct{ Err error }

func (e *ThemeError) Error() string { return "theme: " + e.Err.Error() }
func (e *ThemeError) Unwrap() error { return e.Err }

// writeSite writes the theme's assets, the handbook's files and every page
// into tree. keepBytes keeps the content of raw pages (Template "") once
// written, for a Session.
func writeSite(ctx context.Context, s *site.Site, theme *render.Theme, tree *write.Tree, opts render.PageOptions, keepBytes bool) error {
	if err := theme.Assets(tree); err != nil {
		return err
	}
	for _, a := range s.Source.Assets {
		if err := tree.CopyFile(a.Rel, a.Abs); err != nil {
			return fmt.Errorf("copying %s: %w", a.Path, err)
		}
	}
	for _, a := range s.Source.Static {
		if err := tree.CopyFile(a.Rel, a.Abs); err != nil {
			return fmt.Errorf("copying %s: %w", a.Path, err)
		}
	}
	// Files written as they are (the search index, feeds, the sitemap) go
	// first and, unless a Session will write them again, are let go of:
	// a large site's search index is tens of MB that would otherwise stay
	// live while every page renders.
	var pages []*site.Page
	for _, p := range s.Pages() {
		if p.Template != "" {
			pages = append(pages, p)
			continue
		}
		if err := tree.WriteFile(p.Path, p.Bytes); err != nil {
			return err
		}
		if !keepBytes {
			p.Bytes = nil
		}
	}
	if err := theme.RenderPages(ctx, s, pages, tree, opts); err != nil {
		var te *ThemeError
		if !errors.As(err, &te) && !errors.Is(err, load.ErrChanged) {
			err = &ThemeError{Err: err}
		}
		return err
	}
	return nil
}

func editURL(ctx context.Context, cfg *site.Config, root string) func(*site.Page) string {
	if cfg.RepoURL == "" {
		return nil
	}
	// Source paths are relative to the handbook, which may be a folder of
	// the repository.
	prefix := history.Prefix(ctx, root)
	return func(p *site.Page) string {
		file := p.File()
		if file == "" {
			return ""
		}
		branch := cfg.EditBranch
		if branch == "" {
			branch = "main"
		}
		return trimSlash(cfg.RepoURL) + "/edit/" + branch + "/" + prefix + file
	}
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// hasThemeDir reports whether the handbook at root has templates of its own.
func hasThemeDir(root string) bool {
	st, err := os.Stat(filepath.Join(root, load.ThemeDir))
	return err == nil && st.IsDir()
}
