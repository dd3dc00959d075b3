package generator

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/almanac-handbook/almanac/generator/history"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/resolve"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/write"
)

// A snapshot is what a good build leaves (in Options.Snapshot) for the next
// build in a new process to handle the commonest edits, new prose or
// headings in plain pages, without loading the handbook: every input
// file's size and time, and for each plain page what a Session keeps in
// memory to patch it (its front matter hash, headings, the heading ids
// links point at, links with what they resolved to, where its body, table
// of contents and "Last changed" line lie in its output file) plus the
// search index. patchFromSnapshot uses it when every changed file is such
// a page and the edit stays inside the page; any other change gets a full
// build.
type snapshot struct {
	Format string // snapshotFormat: a snapshot of another almanac is ignored
	Params string // everything a build depends on apart from its files
	// Listed is when the inputs were listed. A file changed within the
	// file system's time resolution of that moment could keep its size
	// and time, so such "racy" files are compared by content.
	Listed time.Time
	Inputs []load.Input
	// Extra are the files a kind read outside the folders Inputs lists,
	// because the config named them (site.Source.Extra), and Patterns the
	// config's patterns with the files each matched.
	Extra    []load.Input
	Patterns []site.Pattern
	// Hashes has the load.Hash of every input and extra file: a fresh
	// checkout gives every file a new time, and files whose content is
	// the same are still the same.
	Hashes   map[string]string
	Manifest string // hash of the output's manifest: the site this snapshot describes
	// Head is history.Head when the build began, and History what
	// history.Read returned then: a new commit changes the dates of the
	// files it touched, which pages show.
	Head    string
	History map[string]history.Change
	// BaseURL is the site's base URL, for its sitemap.
	BaseURL string
	// KeptLive says the site kept in Options.Keep is a copy of this one,
	// made because there was no output to replace: a CI job that restores
	// the cache but not the output patches that copy.
	KeptLive bool
	// UnsafeHTML is the config's markdown.unsafe_html.
	UnsafeHTML bool
	Pages      snapPages
	// IndexHash is the load.Hash of the search index, in its binary form,
	// which lies in its own file (indexFile) so that a build that finds
	// nothing changed need not read it; "" when there is none.
	IndexHash string
	Diags     []site.Diagnostic
	Warnings  int
}

// snapshotFormat changes whenever snapshot's fields or meaning change.
const snapshotFormat = "almanac-snapshot-15"

// racyWindow is how close to the listing a file's time must be for the
// file to count as racy; it is wider than any file system's resolution.
const racyWindow = 2 * time.Second

// A snapPage is one plain page as the build that wrote the snapshot saw it.
type snapPage struct {
	Source     string // slash path of the Markdown file, relative to the root
	Rel        string // relative to content/
	Hash       string // of the whole file
	FrontHash  string
	BodyLine   int
	BodyTitle  string // the body's own title (its leading h1), if any
	Path, File string // page path and output file
	Updated    time.Time
	Author     string
	Backlinks  string // backlinksDigest of the page's backlinks
	Record     resolve.Record
	// record is Record in its binary form (encodeRecord), as a full build
	// keeps it until the snapshot is written: far less for the collector
	// to mark than the records themselves. nil in a decoded page.
	record   []byte
	Anchored []string // the heading ids links point at (site.Site.AnchorsUsed): a patch must keep them
	// What the page's kind read from its body, and where in the body the
	// page's part begins (site.Page.BodyFacts, BodyOffset): a patch must
	// keep both. Plain pages have neither.
	BodyFacts  string
	BodyOffset int
	BodyCopies []string // site.Page.BodyCopies: a patch puts the new body there too
	KeyBase    string   // the page's view of the rest of the site, in its key (see pageKeys)
	Key        string   // the output's key
	// Where the page's body HTML lies in the output (when At.Body.Len >
	// 0), and its "Last changed" line and table of contents (Off -1 when
	// the output does not show them).
	At  render.Spans
	Doc int // the page's document in Index, or -1
	// The page as the search index sees it.
	Title, Kind, Badge, Description, Template string
	Tags                                      []string
	TOC                                       []site.Heading
	NoSearch                                  bool
}

// snapParams sums up what a build depends on besides its files.
// The config's own base_url is in almanac.yaml, an input; opts.BaseURL
// overrides it.
func snapParams(opts Options, root, out string) string {
	var kinds []string
	for _, k := range opts.Kinds {
		kinds = append(kinds, k.Name())
	}
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%v\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d",
		opts.Version, executable(), markdown.Version, opts.BaseURL, opts.Drafts, opts.Now.Format("2006-01-02"),
		root, out, opts.Keep, strings.Join(kinds, ","), opts.searchPartDocs())
}

// executable identifies the running program. A development build keeps
// its version string ("dev") from one compile to the next, but must not
// trust the last one's snapshot. Its build information names it when it
// has a module version (go install, go run pkg@version) or was built from
// a clean checkout, as a CI job that compiles almanac each time does;
// otherwise its file's path, size and time do.
func executable() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		settings := map[string]string{}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
		if v := bi.Main.Version; v != "" && v != "(devel)" ||
			settings["vcs.revision"] != "" && settings["vcs.modified"] == "false" {
			return load.Hash([]byte(bi.String()))
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
}

// patchable reports whether p is a page the next build may patch: the
// only page made from its file (pagesFrom counts them), with a body a
// patch may rewrite (bodyPatchable).
func patchable(p *site.Page, pagesFrom map[string]int, readers map[string]site.BodyFactsReader) bool {
	return p.Source != nil && pagesFrom[p.Source.Path] == 1 && bodyPatchable(p, readers)
}

// bodyPatchable reports whether an edit to the body of p, a page made
// from a file, may be patched into its output: a body that shows on that
// page alone (and in the files its BodyCopies name), of a plain page,
// rendered whole, or of a kind that can read what it takes from the body
// again (readers).
func bodyPatchable(p *site.Page, readers map[string]site.BodyFactsReader) bool {
	if !p.LocalBody || p.NoBody || p.Template == "" {
		return false
	}
	return p.Kind == "page" && p.BodyOffset == 0 || readers[p.Kind] != nil
}

// sameBodyFacts returns why what r, the kind of a page whose body facts
// and offset were facts and offset, reads from f, an edited version of
// the page's file, differs from what it read before, or nil if it does
// not; and the findings reading f gives, which the facts cover
// (site.BodyFactsReader), so that they are as they were when it returns nil.
func sameBodyFacts(r site.BodyFactsReader, cfg *site.Config, f *site.SourceFile, facts string, offset int) ([]site.Diagnostic, error) {
	now, at, findings := r.BodyFacts(cfg, f)
	if now != facts || at != offset {
		return nil, errors.New("what its kind reads from its body changed")
	}
	return findings, nil
}

// findingsStay reports whether found, the findings a build reported
// about the file of p, a page the snapshot may record, stay as they are
// while an edit keeps the file's front matter, title, body line and body
// facts: whether each lies in the front matter, or is one of the page's
// BodyFindings, which the facts cover. Any other finding in the body (an
// unsafe link) would move with an edit above it.
func findingsStay(p *site.Page, found []site.Diagnostic) bool {
	covered := map[string]bool{}
	for _, d := range p.BodyFindings {
		covered[d.String()] = true
	}
	for _, d := range found {
		inFront := d.Pos.Line >= 1 && d.Pos.Line < p.Source.BodyLine
		if !inFront && !covered[d.String()] {
			return false
		}
	}
	return true
}

// bodyFactsReaders returns the kinds that can read their pages' body
// facts again (site.BodyFactsReader), by name.
func bodyFactsReaders(kinds []site.Kind) map[string]site.BodyFactsReader {
	readers := map[string]site.BodyFactsReader{}
	for _, k := range kinds {
		if r, ok := k.(site.BodyFactsReader); ok {
			readers[k.Name()] = r
		}
	}
	return readers
}

// lastBuild is what a build learns of the one before it: its snapshot,
// and the inputs as they are now, listed before anything is read.
type lastBuild struct {
	params string // this build's snapParams
	head   string // history.Head as the build began
	first  bool   // no build left a snapshot: this is the handbook's first
	snap   *snapshot
	listed time.Time
	inputs []load.Input
}

// A bodySpan is where the pieces of a page a patch may replace lie in its
// output file, written with key.
type bodySpan struct {
	key string
	at  render.Spans
}

// snapRecorder gathers a snapshot while a full build runs.
type snapRecorder struct {
	file    string
	params  string
	listed  time.Time
	inputs  []load.Input
	prev    map[string]bodySpan   // by output file, from the snapshot this build replaces
	last    *snapshot             // that snapshot, nil for none
	records map[*site.Page][]byte // encodeRecord of each recorded page's resolve.Record
	titles  map[*site.Page]string // the first heading of each recorded body
	index   []byte                // binary
	docs    map[string]int        // page path to document in index
	// patchable says which pages the snapshot describes.
	patchable func(*site.Page) bool

	mu    sync.Mutex
	spans map[*site.Page]bodySpan
	keys  map[*site.Page]keyParts // of the pages it describes, as the build keyed them
	first bool                    // lastBuild.first
	// keptLive is write.Tree.KeptCopy of the build's output.
	keptLive bool
	head     string                    // lastBuild.head
	history  map[string]history.Change // what the build read from git
}

// newSnapRecorder starts the snapshot of a full build; last is what the
// attempt to patch found. The inputs are listed before the build reads
// them, so that a file changed while the build runs looks changed to the
// next one.
func newSnapRecorder(opts Options, root, out string, last *lastBuild) *snapRecorder {
	r := &snapRecorder{file: opts.Snapshot, params: last.params, listed: last.listed, inputs: last.inputs,
		spans: map[*site.Page]bodySpan{}, keys: map[*site.Page]keyParts{}, first: last.first, head: last.head}
	if r.inputs == nil {
		r.listed = time.Now()
		inputs, _, err := load.Inputs(root, []string{out})
		if err != nil {
			return nil
		}
		r.inputs = inputs
	}
	if last.snap != nil {
		r.last = last.snap
		r.prev = make(map[string]bodySpan, len(last.snap.Pages.At))
		_ = last.snap.Pages.eachHead(func(sp *snapPage) {
			r.prev[sp.File] = bodySpan{sp.Key, sp.At}
		})
	}
	// The snapshot there is stays until this build replaces it: if the
	// build fails, the output is still the one it describes, and the next
	// build can patch it and take its pages' records. Should this build
	// change the output and fail to save its own, the old snapshot names
	// another manifest, and the next build builds everything.
	return r
}

// resolve is resolve.Pages, recording how the bodies of the pages the
// snapshot will describe resolved.
func (r *snapRecorder) resolve(ctx context.Context, s *site.Site, md *markdown.Renderer, spill *resolve.Spill) error {
	pagesFrom := map[string]int{}
	for _, p := range s.Pages() {
		if p.Source != nil {
			pagesFrom[p.Source.Path]++
		}
	}
	readers := bodyFactsReaders(s.Kinds)
	r.patchable = func(p *site.Page) bool { return patchable(p, pagesFrom, readers) }
	// Taken first: resolving lets go of bodies once their pages are done.
	r.titles = map[*site.Page]string{}
	for _, p := range s.Pages() {
		if r.patchable(p) {
			r.titles[p] = markdown.Title(p.Source.Body)
		}
	}
	records, err := resolve.PagesRecording(ctx, s, md, r.patchable, spill)
	if err != nil {
		return err
	}
	// Kept in binary form until the snapshot is written: as structs they
	// were some 4 KB of pointers per page for the collector to mark while
	// every page renders (12% longer cold builds at 50,000 pages).
	pages := slices.Collect(maps.Keys(records))
	bins := make([][]byte, len(pages))
	err = site.Parallel(ctx, len(pages), func(i int) error {
		bins[i] = encodeRecord(records[pages[i]])
		return nil
	})
	r.records = make(map[*site.Page][]byte, len(pages))
	for i, p := range pages {
		r.records[p] = bins[i]
	}
	return err
}

// setIndex keeps the site's search index, its parts' binary forms
// together, so that the index itself need not outlive its scripts.
func (r *snapRecorder) setIndex(index []*search.Index, perPart int) {
	parts := make([][]byte, len(index))
	r.docs = map[string]int{}
	for i, part := range index {
		b, err := part.MarshalBinary()
		if err != nil {
			r.docs = nil
			return
		}
		parts[i] = b
		for j, d := range part.Docs {
			r.docs[d.Path] = i*perPart + j
		}
	}
	r.index = search.JoinParts(parts)
}

// keyParts are a page's key and what the snapshot keeps of its making.
type keyParts struct{ base, backlinks, key string }

// keying returns the key of a page (see pageKeys) whose base keyBase
// gives, noting the parts of those the snapshot describes, which save
// would otherwise work out again.
func (r *snapRecorder) keying(keyBase func(*site.Page) string) func(*site.Page) string {
	return func(p *site.Page) string {
		parts := keyParts{base: keyBase(p), backlinks: backlinksDigest(p.Backlinks)}
		parts.key = keyOf(parts.base, p, parts.backlinks)
		if _, ok := r.records[p]; ok {
			r.mu.Lock()
			r.keys[p] = parts
			r.mu.Unlock()
		}
		return parts.key
	}
}

// bodyAt is render.PageOptions.BodyAt.
func (r *snapRecorder) bodyAt(p *site.Page, at render.Spans) {
	r.mu.Lock()
	r.spans[p] = bodySpan{at: at}
	r.mu.Unlock()
}

// save writes the snapshot of the build of s, which res reports; keyBase
// is the base of its pages' keys (see pageKeys).
func (r *snapRecorder) save(ctx context.Context, s *site.Site, res *Result, keyBase func(*site.Page) string) error {
	manifest, err := write.ManifestBytes(res.Out)
	if err != nil {
		return err
	}
	snap := &snapshot{
		Format: snapshotFormat, Params: r.params, Listed: r.listed, Inputs: r.inputs,
		Patterns: s.Source.Patterns, Hashes: map[string]string{}, Manifest: load.Hash(manifest),
		Head: r.head, History: r.history, BaseURL: s.Config.BaseURL,
		KeptLive: r.keptLive, UnsafeHTML: s.Config.Markdown.UnsafeHTML,
		Diags: res.Diagnostics, Warnings: res.Warnings,
	}
	for _, f := range s.Source.Docs {
		snap.Hashes[f.Path] = f.Hash
	}
	for _, list := range [][]*site.DataFile{s.Source.Data, s.Source.Extra} {
		for _, df := range list {
			snap.Hashes[df.Path] = df.Hash
		}
	}
	for _, df := range s.Source.Extra {
		st, err := os.Stat(filepath.Join(s.Source.Root, filepath.FromSlash(df.Path)))
		if err != nil {
			return err
		}
		// Its size and time are taken after the build read it: a time
		// later than the listing makes it racy, so the next build
		// compares it by content.
		snap.Extra = append(snap.Extra, load.Input{Path: df.Path, Size: st.Size(), ModTime: st.ModTime()})
	}
	if err := hashInputs(ctx, s.Source.Root, r.inputs, snap.Hashes, r.last); err != nil {
		return err
	}
	if r.index != nil {
		if err := writeIndex(r.file, r.index); err != nil {
			return err
		}
		snap.IndexHash = load.Hash(r.index)
		docs := r.docs
		found := map[string][]site.Diagnostic{} // by file
		for _, d := range res.Diagnostics {
			found[d.Pos.Path] = append(found[d.Pos.Path], d)
		}
		recorded := make([]*site.Page, 0, len(r.records))
		for p := range r.records {
			if findingsStay(p, found[p.Source.Path]) {
				recorded = append(recorded, p)
			}
		}
		slices.SortFunc(recorded, func(a, b *site.Page) int { return strings.Compare(a.Source.Path, b.Source.Path) })
		// On every core: a page's record sums up its backlinks and the
		// anchors links use, and its key.
		pages := make([]snapPage, len(recorded))
		err := site.Parallel(ctx, len(recorded), func(i int) error {
			p := recorded[i]
			sp := &pages[i]
			keyed, ok := r.keys[p]
			if !ok { // keyed while pages were written; this one was not
				keyed.base, keyed.backlinks = keyBase(p), backlinksDigest(p.Backlinks)
				keyed.key = keyOf(keyed.base, p, keyed.backlinks)
			}
			*sp = snapPage{
				Source: p.Source.Path, Rel: p.Source.Rel, Hash: p.Source.Hash, FrontHash: p.Source.FrontHash,
				BodyLine: p.Source.BodyLine, BodyTitle: r.titles[p], Path: p.Path,
				File: render.OutputFile(p.Path), Updated: p.Updated, Author: p.Author, Backlinks: keyed.backlinks,
				record: r.records[p], Anchored: s.AnchorsUsed(p.Path), KeyBase: keyed.base, Key: keyed.key, Doc: -1,
				Title: p.Title, Kind: p.Kind, Badge: p.Badge, Description: p.Description, Template: p.Template,
				Tags: p.Tags, TOC: p.TOC, NoSearch: p.NoSearch,
				BodyFacts: p.BodyFacts, BodyOffset: p.BodyOffset, BodyCopies: p.BodyCopies,
			}
			if doc, ok := docs[p.Path]; ok && search.Indexed(p) {
				sp.Doc = doc
			}
			span, ok := r.spans[p]
			if old, reused := r.prev[sp.File]; !ok && reused && old.key == sp.Key {
				// Reused from the build before: the file is the one measured then.
				span, ok = old, true
			}
			if ok {
				sp.At = span.at
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Without its body's place in its output, a page cannot be patched.
		pages = slices.DeleteFunc(pages, func(sp snapPage) bool { return sp.At.Body.Len == 0 })
		if snap.Pages, err = newSnapPages(ctx, r.file, pages); err != nil {
			return err
		}
	}
	if snap.Pages.At == nil {
		var err error
		if snap.Pages, err = newSnapPages(ctx, r.file, nil); err != nil {
			return err
		}
	}
	if err := snap.Pages.write(true); err != nil {
		return err
	}
	return writeSnapshot(r.file, snap)
}

// hashInputs adds to hashes the hash of each of inputs it lacks (the
// config, assets, templates). It takes the hash prev, the snapshot this
// build replaces (nil for none), has of a file with the same size and
// time, as a patch would trust it, and reads the others on every core:
// a handbook's images would otherwise be read again on every full build.
func hashInputs(ctx context.Context, root string, inputs []load.Input, hashes map[string]string, prev *snapshot) error {
	var was map[string]load.Input
	if prev != nil {
		was = make(map[string]load.Input, len(prev.Inputs))
		for _, in := range prev.Inputs {
			was[in.Path] = in
		}
	}
	var missing []string
	for _, in := range inputs {
		if _, ok := hashes[in.Path]; ok {
			continue
		}
		if w, ok := was[in.Path]; ok && prev.sameStat(in, w) && prev.Hashes[in.Path] != "" {
			hashes[in.Path] = prev.Hashes[in.Path]
			continue
		}
		missing = append(missing, in.Path)
	}
	sums := make([]string, len(missing))
	err := site.Parallel(ctx, len(missing), func(i int) error {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(missing[i])))
		sums[i] = load.Hash(b)
		return err
	})
	for i, p := range missing {
		hashes[p] = sums[i]
	}
	return err
}

func readSnapshot(file string) (*snapshot, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var snap snapshot
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&snap); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if snap.Format != snapshotFormat {
		return nil, fmt.Errorf("%s: written by another version of almanac", file)
	}
	snap.Pages.file = pagesFile(file)
	return &snap, nil
}

// indexFile is where the search index of the snapshot in file lies.
func indexFile(file string) string { return file + ".index" }

// readIndex returns the snapshot's search index, in its binary form, or
// an error if its file is missing or is not the one the snapshot names.
func (snap *snapshot) readIndex(file string) ([]byte, error) {
	if snap.IndexHash == "" {
		return nil, errors.New("the snapshot has no search index")
	}
	b, err := os.ReadFile(indexFile(file))
	if err == nil && load.Hash(b) != snap.IndexHash {
		err = fmt.Errorf("%s is not the search index the snapshot names", indexFile(file))
	}
	return b, err
}

// writeIndex replaces the search index of the snapshot in file, which
// must be written after it, atomically.
func writeIndex(file string, index []byte) error { return replaceFile(indexFile(file), index) }

// writeSnapshot replaces file with snap, atomically: a reader sees the old
// snapshot or the new one.
func writeSnapshot(file string, snap *snapshot) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(snap); err != nil {
		return err
	}
	return replaceFile(file, buf.Bytes())
}

// replaceFile writes parts, one after the other, as file, atomically: a
// reader sees the old file or the new one, never a part.
func replaceFile(file string, parts ...[]byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp := file + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	for _, b := range parts {
		if _, err = f.Write(b); err != nil {
			break
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
