package site

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Kind is one kind of content: ADRs, runbooks, the catalog, plain pages...
// A kind is registered with the pipeline (see generator.Build) and is called
// once per build, in registration order, at each stage it implements.
//
// Load claims the source files the kind owns (Source.Claim), parses them,
// and adds the kind's entities and pages. Problems go to Site.Diags; Load
// returns an error only when the build cannot go on at all (I/O failure).
type Kind interface {
	Name() string
	Load(ctx context.Context, s *Site) error
}

// RefKinder is implemented by kinds whose entities [[kind:id]] references
// name under other kinds than the kind's Name: the catalog's are service,
// team, system and user. A handbook without any still knows the kinds.
type RefKinder interface {
	RefKinds() []string
}

// Linker is implemented by kinds that connect their model to other kinds'
// after every kind has loaded: derived fields, cross-kind checks, pages
// built from several kinds' data.
type Linker interface {
	Link(ctx context.Context, s *Site) error
}

// ContentRenderer is implemented by kinds that hold Markdown outside page
// bodies (front matter fields such as ladder expectations). It runs after
// every page body is rendered and before backlinks are final, so links in
// those fragments count as references too.
type ContentRenderer interface {
	RenderContent(ctx context.Context, s *Site, md Markdown) error
}

// Emitter is implemented by kinds that finish pages or write non-HTML files
// (feeds, JSON exports) once links and backlinks are final.
type Emitter interface {
	Emit(ctx context.Context, s *Site) error
}

// BodyFactsReader is implemented by kinds that read facts from the bodies
// of their LocalBody pages (Page.BodyFacts). BodyFacts works them out
// again from the config and an edited version of such a page's source
// file alone, with the page's BodyOffset, and returns the findings that
// reading the file gives, as a build reports them (the config's overrides
// applied). The facts must change whenever those findings do, positions
// included (DiagnosticsDigest helps). When facts and offset are as the
// build that made the page found them, an edit to the body changes nothing
// but the page's body and its own findings stay as they were, so a build
// may patch it into the page's output without loading the handbook.
type BodyFactsReader interface {
	BodyFacts(cfg *Config, f *SourceFile) (facts string, bodyOffset int, findings []Diagnostic)
}

// Contributor is implemented by kinds that add sections to other kinds'
// pages: the runbook kind adds a "Runbooks" section to each service page,
// without the catalog knowing runbooks exist. subject is an entity key such
// as "service:payments-api" or "team:payments".
type Contributor interface {
	Contribute(s *Site, subject string) []Section
}

// Section is a block contributed to another kind's page, rendered with the
// named template (a partial defined in the contributing kind's templates).
type Section struct {
	ID       string // anchor id, unique on the page
	Title    string
	Template string // template name, e.g. "runbook/_service.html"
	Data     any
	Order    int      // lower first; ties by Title
	Scripts  []string // site-relative scripts the section needs on its page
}

// Markdown renders Markdown fragments that live outside page bodies with
// the same extensions, link resolution and backlinks as bodies. pos is
// where src starts in its file; from is the page the fragment appears on.
type Markdown interface {
	Block(from *Page, src string, pos Pos) template.HTML
	Inline(from *Page, src string, pos Pos) template.HTML
}

// Heading is a heading of a rendered page, for the table of contents and
// anchor checks.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a reference from one page to another, for backlinks.
type Link struct {
	Path  string // site-relative path of the referring page
	Title string
	Kind  string
}

// Page is one HTML page of the output (or, with Template empty, one raw
// file given by Bytes).
type Page struct {
	Path        string // site-relative output path: "" (home), "adr/0012/", "adr/feed.xml"
	Kind        string
	Title       string
	Description string
	Source      *SourceFile // nil for generated pages
	// Origin is the file a page without a Source of its own is made from
	// (a ladder's file for its level pages), for its last change and its
	// edit link; see File.
	Origin     string
	BodyOffset int    // the pipeline renders Source.Body[BodyOffset:] (kinds skip metadata lines)
	NoBody     bool   // do not render Source.Body
	Template   string // e.g. "adr/page.html"; "" for raw files
	Data       any    // handed to the template as .Data
	Weight     int    // navigation order inside a section
	Date       Date   // for feeds and sorting, if the page has one
	Tags       []string
	Badge      string   // short status shown beside the title ("accepted", "stale")
	Scripts    []string // extra site-relative scripts the page needs ("assets/echarts.min.js")
	Bytes      []byte   // raw output when Template is ""
	NoSearch   bool     // keep out of the search index
	Subject    string   // entity key ("service:payments-api") whose contributed Sections this page shows
	// LocalBody says the body shows on this page alone, apart from the
	// title and BodyFacts: no other page's template reads it (raw files
	// such as feeds are written afresh by every full build, and a patch
	// of the body rewrites those BodyCopies names). A body edit then
	// renders again this page and those whose backlinks it changes, not
	// the whole site.
	LocalBody bool
	// BodyFacts sums up what the kind read from a LocalBody page's body
	// into what other pages show (an adr-tools status, say), and the
	// findings it reported about the file (see BodyFactsReader).
	BodyFacts string
	// BodyFindings are the findings among those the kind reported about
	// the page's file that its BodyFacts cover.
	BodyFindings []Diagnostic
	// BodyCopies are files written as they are (Template "") that carry
	// the page's body HTML, XML-escaped, as an Atom feed's entries do: a
	// patch of the body puts the new one there too.
	BodyCopies []string
	// SelfContained says the page's template shows the page itself (its
	// front matter, body, table of contents and backlinks), the
	// navigation around it and the pages in Lists, and nothing else of
	// other pages: no other lists, no sections. Such a page's key need
	// not change when an unrelated page does (see generator/keys.go).
	SelfContained bool
	// Lists are the other pages a SelfContained page lists (a section's
	// children): their titles, descriptions and places count in its key.
	Lists []*Page
	// SeesKind names the one kind whose pages a page shows besides
	// itself, with the data files (an ADR's page shows the ADRs it
	// supersedes and its services, but no other page), so that its key
	// counts only those.
	SeesKind string
	// Unlisted says no kind's model holds the page: other kinds' pages and
	// sections show it only when they find it (Site.Entity, PageAt,
	// PageFor) or link to it from outside a LocalBody body. Their keys
	// then count its title and front matter only when something did (see
	// Site.Shown and generator/keys.go).
	Unlisted bool

	// Filled by the pipeline.
	Content template.HTML // rendered Markdown body, set only while the page is written
	// BodyDigest sums up what the body shows other pages: its headings and
	// where its links point. A body edit that leaves it unchanged affects
	// no page but its own.
	BodyDigest string
	// LinksDigest is the part of BodyDigest that sums up where the body's
	// links point, which is all a self-contained page's output depends on
	// beyond its own file.
	LinksDigest string
	TOC         []Heading
	Text        string // plain text of the body, for search
	// Words is what the page shows besides its body and title, in plain
	// text or Markdown (a ladder level's expectations, a service's
	// description), for search. Only pages no patch rewrites (not
	// LocalBody) have any: a patch indexes the body alone.
	Words     string
	Backlinks []Link
	Sections  []Section // s.Contributions(Subject), filled before templates run
	Updated   time.Time // last commit touching Source, if known
	Author    string
}

// Entity is something [[kind:id]] references can name.
type Entity struct {
	Kind  string
	ID    string
	Title string
	Path  string // site-relative path of its page, with an optional #anchor
	Badge string // shown beside the link text, e.g. an ADR's status
	Pos   Pos    // where it is defined
}

// Key returns "kind:id".
func (e *Entity) Key() string { return e.Kind + ":" + e.ID }

// NavItem is an entry of the site navigation.
type NavItem struct {
	Title    string
	Path     string
	Weight   int
	Children []*NavItem
}

// Site is the handbook being built: the source, the config, and everything
// the kinds derive from them. One Site serves one build; methods that
// stages call concurrently are safe for concurrent use.
type Site struct {
	Source *Source
	Config *Config
	Diags  *Diagnostics
	Log    *slog.Logger
	Now    time.Time // the build's notion of today (for staleness); fixed by tests

	Kinds []Kind

	mu         sync.Mutex
	pages      []*Page
	sorted     []*Page // pages by path, once Pages was asked; nil after AddPage
	byPath     map[string]*Page
	bySource   map[string]*Page
	entities   map[string]*Entity
	models     map[string]any
	nav        []*NavItem
	backlinks  map[string][]*Page // target path -> the pages linking to it, once for each link
	anchorsFor map[string]map[string]bool
	anchorUses map[string][]string // page path → the ids links point at on it, each once
	shown      map[string]bool     // page paths found through the Finder methods (see Shown)
	body       func(*Page) (template.HTML, error)
}

// SetBodyRenderer installs the function Body uses; the pipeline sets it once
// every page's links are resolved.
func (s *Site) SetBodyRenderer(fn func(*Page) (template.HTML, error)) { s.body = fn }

// Body renders p's Markdown body as HTML, for the rare kind that needs it
// outside p's own page (the ADR feed). Pages themselves get their body just
// before their template runs, so it is never held for the whole site.
func (s *Site) Body(p *Page) (template.HTML, error) {
	if s.body == nil || p == nil || p.Source == nil || p.NoBody {
		return "", nil
	}
	return s.body(p)
}

// New returns an empty Site for src and cfg.
func New(src *Source, cfg *Config, diags *Diagnostics, log *slog.Logger, now time.Time) *Site {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Site{
		Source: src, Config: cfg, Diags: diags, Log: log, Now: now,
		byPath: map[string]*Page{}, bySource: map[string]*Page{}, entities: map[string]*Entity{},
		models: map[string]any{}, backlinks: map[string][]*Page{}, anchorsFor: map[string]map[string]bool{},
		anchorUses: map[string][]string{}, shown: map[string]bool{},
	}
}

// AddPage adds p. Two pages with the same output path are an error reported
// at the second page's source.
func (s *Site) AddPage(p *Page) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.byPath[p.Path]; ok {
		// Report at a file when either page has one.
		pos, this, other := Pos{Path: "(generated)"}, p, old
		if p.Source == nil && old.Source != nil {
			this, other = old, p
		}
		if this.Source != nil {
			pos = Pos{Path: this.Source.Path, Line: 1, Col: 1}
		}
		s.Diags.Errorf(pos, "url-conflict", "%s and %s both have the URL /%s; rename one of them or set a different slug",
			describePage(this), describePage(other), p.Path)
		return
	}
	s.pages = append(s.pages, p)
	s.sorted = nil
	s.byPath[p.Path] = p
	if p.Source != nil {
		s.bySource[p.Source.Path] = p
	}
}

// Pages returns every page, sorted by path.
func (s *Site) Pages() []*Page {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A build asks a dozen times, most of them once every page is added.
	if s.sorted == nil {
		s.sorted = append([]*Page(nil), s.pages...)
		sort.Slice(s.sorted, func(i, j int) bool { return s.sorted[i].Path < s.sorted[j].Path })
	}
	return append([]*Page(nil), s.sorted...)
}

// A Finder looks up pages and entities. Site is one: what its methods find
// counts as shown on other pages than its own (see Shown).
type Finder interface {
	PageAt(path string) *Page
	PageFor(sourcePath string) *Page
	Entity(kind, id string) (*Entity, bool)
}

// PageAt returns the page with output path p.
func (s *Site) PageAt(path string) *Page { return s.findPage(false, path, true) }

// PageFor returns the page built from the source file at path (relative to
// the handbook root).
func (s *Site) PageFor(sourcePath string) *Page { return s.findPage(true, sourcePath, true) }

// Entity returns the entity kind:id.
func (s *Site) Entity(kind, id string) (*Entity, bool) { return s.entity(kind, id, true) }

// Shown reports whether the page at path was found through s's Finder
// methods, by a kind building its pages and sections or by a link outside
// a LocalBody page's body, so that pages other than its own may show its
// title. An Unlisted page that was not shows on its own page, in the
// navigation and on its own kind's pages alone.
func (s *Site) Shown(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shown[path]
}

// LocalFinder is s for lookups that show what they find on no other page:
// the links of a LocalBody page's body, which show on that page alone, or
// a section finding itself to list its children. What it finds does not
// count as shown (see Shown).
func (s *Site) LocalFinder() Finder { return localFinder{s} }

type localFinder struct{ s *Site }

func (f localFinder) PageAt(path string) *Page        { return f.s.findPage(false, path, false) }
func (f localFinder) PageFor(sourcePath string) *Page { return f.s.findPage(true, sourcePath, false) }
func (f localFinder) Entity(kind, id string) (*Entity, bool) {
	return f.s.entity(kind, id, false)
}

// findPage returns the page at the output path key, or built from the
// source file key, and records it as shown when show is set.
func (s *Site) findPage(bySource bool, key string, show bool) *Page {
	s.mu.Lock()
	defer s.mu.Unlock()
	pages := s.byPath
	if bySource {
		pages = s.bySource
	}
	p := pages[key]
	if p != nil && show {
		s.shown[p.Path] = true
	}
	return p
}

func (s *Site) entity(kind, id string, show bool) (*Entity, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entities[kind+":"+id]
	if ok && show {
		path, _, _ := strings.Cut(e.Path, "#")
		s.shown[path] = true
	}
	return e, ok
}

// describePage names p for a message: its file, or what it is.
func describePage(p *Page) string {
	switch {
	case p.Source != nil:
		return p.Source.Path
	case p.Kind == "page":
		return fmt.Sprintf("the section page %q of a content folder without an _index.md", p.Title)
	}
	return fmt.Sprintf("the generated %s page %q", p.Kind, p.Title)
}

// AddWords writes the non-blank parts to b, a line each: how kinds put
// together a page's Words.
func AddWords(b *strings.Builder, parts ...string) {
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
}

// File returns the path of the file the page is made from, "" for none.
func (p *Page) File() string {
	if p.Source != nil {
		return p.Source.Path
	}
	return p.Origin
}

// AddEntity registers e for [[kind:id]] references. A duplicate is an
// error at e.Pos naming the first definition; the first one wins.
func (s *Site) AddEntity(e *Entity) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.entities[e.Key()]; ok {
		s.Diags.Errorf(e.Pos, e.Kind+"-duplicate-id", "duplicate %s id %q: already defined at %s", e.Kind, e.ID, old.Pos)
		return false
	}
	s.entities[e.Key()] = e
	return true
}

// EntityIDs returns the ids of every entity of kind, sorted, for "did you
// mean" hints.
func (s *Site) EntityIDs(kind string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for _, e := range s.entities {
		if e.Kind == kind {
			ids = append(ids, e.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// HasEntityPrefix reports whether kind has an entity whose id starts with
// prefix.
func (s *Site) HasEntityPrefix(kind, prefix string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entities {
		if e.Kind == kind && strings.HasPrefix(e.ID, prefix) {
			return true
		}
	}
	return false
}

// EntityKinds returns the kinds that have at least one entity, sorted.
func (s *Site) EntityKinds() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, e := range s.entities {
		if !seen[e.Kind] {
			seen[e.Kind] = true
			out = append(out, e.Kind)
		}
	}
	sort.Strings(out)
	return out
}

// SetModel stores a kind's model so that kinds built on it can find it
// (see catalog.Of). Models are set during Load.
func (s *Site) SetModel(kind string, m any) {
	s.mu.Lock()
	s.models[kind] = m
	s.mu.Unlock()
}

// Model returns the model stored by kind, or nil.
func (s *Site) Model(kind string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.models[kind]
}

// AddNav adds a top-level navigation entry.
func (s *Site) AddNav(item *NavItem) {
	s.mu.Lock()
	s.nav = append(s.nav, item)
	s.mu.Unlock()
}

// Nav returns the navigation, ordered by weight then title.
func (s *Site) Nav() []*NavItem {
	s.mu.Lock()
	out := append([]*NavItem(nil), s.nav...)
	s.mu.Unlock()
	sortNav(out)
	return out
}

func sortNav(items []*NavItem) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Weight != items[j].Weight {
			return items[i].Weight < items[j].Weight
		}
		return strings.ToLower(items[i].Title) < strings.ToLower(items[j].Title)
	})
	for _, it := range items {
		sortNav(it.Children)
	}
}

// AddBacklink records that page from links to the page at target (a
// site-relative path, any #anchor removed).
func (s *Site) AddBacklink(target string, from *Page) {
	if from == nil || from.Path == target {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.backlinks == nil {
		return // DoneLinking
	}
	// A list, not a set: a map for each linked page was a tenth of a large
	// build's heap while links resolve. Backlinks drops the repeats.
	s.backlinks[target] = append(s.backlinks[target], from)
}

// Backlinks returns the pages linking to target, sorted by title.
func (s *Site) Backlinks(target string) []Link {
	s.mu.Lock()
	from := slices.Clone(s.backlinks[target])
	s.mu.Unlock()
	if len(from) == 0 {
		return nil
	}
	slices.SortFunc(from, func(a, b *Page) int {
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Path, b.Path))
	})
	from = slices.CompactFunc(from, func(a, b *Page) bool { return a.Path == b.Path })
	out := make([]Link, len(from))
	for i, p := range from {
		out[i] = Link{Path: p.Path, Title: p.Title, Kind: p.Kind}
	}
	return out
}

// DoneLinking lets go of what checking links needs and rendering does not:
// the table of backlinks, once every page has its own (Page.Backlinks),
// and, unless keepAnchors (a Session checks edited pages again), every
// page's heading ids. In a large build they are a tenth of the heap, which
// the collector would otherwise go through while every page renders.
// Links resolved afterwards add no backlinks, and HasAnchor accepts any
// anchor once the ids are gone.
func (s *Site) DoneLinking(keepAnchors bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.backlinks = nil
	if !keepAnchors {
		s.anchorsFor = nil
	}
}

// SetAnchors records the heading ids of the page at path, for #anchor checks.
func (s *Site) SetAnchors(path string, ids map[string]bool) {
	s.mu.Lock()
	if s.anchorsFor != nil { // nil after DoneLinking
		s.anchorsFor[path] = ids
	}
	s.mu.Unlock()
}

// HasAnchor reports whether the page at path has an element with id. Pages
// whose anchors were never recorded (generated pages) accept any anchor.
func (s *Site) HasAnchor(path, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, ok := s.anchorsFor[path]
	return !ok || ids[id]
}

// UseAnchor records that a link points at #id on the page at path, so that
// a build can tell which of a page's headings links need.
func (s *Site) UseAnchor(path, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A short list rather than a map for each page: a page has few
	// headings, and this lasts as long as the build.
	if !slices.Contains(s.anchorUses[path], id) {
		s.anchorUses[path] = append(s.anchorUses[path], id)
	}
}

// AnchorsUsed returns the ids links point at on the page at path, sorted.
func (s *Site) AnchorsUsed(path string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	used := slices.Clone(s.anchorUses[path])
	slices.Sort(used)
	return used
}

// AnchorIDs returns the recorded heading ids of the page at path, sorted.
func (s *Site) AnchorIDs(path string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id := range s.anchorsFor[path] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Contributions collects the sections other kinds add to subject's page.
func (s *Site) Contributions(subject string) []Section {
	var out []Section
	for _, k := range s.Kinds {
		if c, ok := k.(Contributor); ok {
			out = append(out, c.Contribute(s, subject)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Title < out[j].Title
	})
	return out
}

// RefError describes an unknown [[kind:id]] reference with a hint.
func (s *Site) RefError(kind, id string) string {
	kinds := s.EntityKinds()
	for _, k := range s.Kinds {
		names := []string{k.Name()}
		if rk, ok := k.(RefKinder); ok {
			names = rk.RefKinds()
		}
		for _, n := range names {
			if !contains(kinds, n) {
				kinds = append(kinds, n)
			}
		}
	}
	sort.Strings(kinds)
	if !contains(kinds, kind) {
		return fmt.Sprintf("unknown reference kind %q in [[%s:%s]]%s; known kinds: %s", kind, kind, id, DidYouMean(kind, kinds), strings.Join(kinds, ", "))
	}
	ids := s.EntityIDs(kind)
	if len(ids) == 0 {
		return fmt.Sprintf("[[%s:%s]] names no known %s: no %s is defined yet", kind, id, kind, kind)
	}
	return fmt.Sprintf("[[%s:%s]] names no known %s%s", kind, id, kind, DidYouMean(id, ids))
}
