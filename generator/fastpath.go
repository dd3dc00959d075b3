package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
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
)

// errFullBuild says the snapshot cannot serve this build: something
// changed that only a full build handles.
var errFullBuild = errors.New("a full build is needed")

// fullBuild returns errFullBuild with the reason.
func fullBuild(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errFullBuild}, args...)...)
}

// patchFromSnapshot brings the output at out up to date from the snapshot
// the last build left, when the only files changed since are plain pages
// whose edits stay inside the page: the same front matter, title and
// links, headings that keep every anchor (see editPage), and no finding
// about the page that the edit could change or move (see findingsStay).
// It writes the edited pages, by putting their new body
// HTML, table of contents and "Last changed" line where the old ones lay
// in their files, and the search index, and carries every other file
// over, then swaps the whole site into place as a full build does. It
// returns errFullBuild when it cannot, leaving the output as it was (a
// file missing from the live site is found only while carrying files
// over, which has used up the kept site by then, as a failed full build
// does).
//
// What it read (the snapshot, the list of inputs) stays in last for the
// full build to reuse.
func patchFromSnapshot(ctx context.Context, opts Options, root, out string, last *lastBuild) (*Result, error) {
	start := time.Now()
	snap, err := readSnapshot(opts.Snapshot)
	if err != nil {
		last.first = errors.Is(err, fs.ErrNotExist)
		return nil, fullBuild("no snapshot: %v", err)
	}
	last.snap = snap
	if snap.Params != last.params {
		return nil, fullBuild("the version, options or date changed")
	}
	// The live site is the output, or, when there is none, the copy of
	// it the last build kept.
	live := out
	manifest, manifestBytes, err := write.Manifest(out)
	if errors.Is(err, fs.ErrNotExist) && snap.KeptLive && opts.Keep != "" {
		live = opts.Keep
		manifest, manifestBytes, err = write.Manifest(live)
	}
	if err != nil || load.Hash(manifestBytes) != snap.Manifest {
		return nil, fullBuild("the output is not the one the snapshot describes")
	}
	last.listed = time.Now()
	var walked []site.Diagnostic
	if last.inputs, walked, err = load.Inputs(root, []string{out}); err != nil {
		return nil, fullBuild("listing the inputs: %v", err)
	}
	// A symbolic link the walk does not follow lists no file, so only
	// its report tells that it is new.
	for _, d := range walked {
		if !slices.ContainsFunc(snap.Diags, func(was site.Diagnostic) bool { return was.String() == d.String() }) {
			return nil, fullBuild("%s", d)
		}
	}
	changed, restated, err := changedInputs(ctx, root, last.inputs, snap)
	if err != nil {
		return nil, err
	}
	extra, err := changedExtra(root, snap)
	if err != nil {
		return nil, err
	}
	if len(changed) > 0 && snap.IndexHash == "" {
		return nil, fullBuild("the snapshot has no search index")
	}
	dates, gitNow := changedDates(ctx, root, last.head, snap)
	if len(changed) == 0 && len(dates) > 0 {
		return nil, fullBuild("%s has a new date in git", anyKey(dates))
	}
	if len(changed) == 0 && live == out {
		// Nothing to do: the output is the site these inputs build.
		if restated || gitNow != nil {
			// Files were saved unchanged, or checked out anew, or there
			// is a commit that changed no date: note that, so the next
			// build need not read them again.
			snap.Inputs, snap.Listed, snap.Extra = last.inputs, last.listed, extra
			if gitNow != nil {
				snap.Head, snap.History = last.head, gitNow
			}
			if err := writeSnapshot(opts.Snapshot, snap); err != nil {
				_ = os.Remove(opts.Snapshot)
			}
		}
		return &Result{Diagnostics: snap.Diags, Warnings: snap.Warnings, Out: out, Duration: time.Since(start), Patched: true}, nil
	}

	md := markdown.New(markdown.Options{UnsafeHTML: snap.UnsafeHTML})
	facts := &factsReader{root: root, readers: bodyFactsReaders(opts.Kinds)}
	var edits []edit
	redated := map[string]time.Time{} // page path → new date, for the sitemap
	for _, in := range changed {
		sp, err := snap.Pages.get(in.Path)
		if err != nil {
			return nil, fullBuild("%s changed: %v", in.Path, err)
		}
		date, ok := dates[in.Path]
		if ok {
			delete(dates, in.Path)
			redated[sp.Path] = date.When
		} else {
			date = history.Change{When: sp.Updated, Author: sp.Author}
		}
		e, err := editPage(md, root, sp, live, date, len(snap.Diags) == 0, facts)
		if err != nil {
			return nil, fullBuild("%s: %v", in.Path, err)
		}
		edits = append(edits, edit{sp, e})
	}
	if len(dates) > 0 {
		return nil, fullBuild("%s has a new date in git", anyKey(dates))
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}

	// Every edit stays inside its page: write the new site.
	var (
		scripts map[string][]byte // by path, the index parts that changed
		index   []byte
	)
	if len(edits) > 0 {
		if scripts, index, err = patchIndex(opts.Snapshot, snap, edits, opts.searchPartDocs()); err != nil {
			return nil, err
		}
	}
	copies, err := patchBodyCopies(live, edits)
	if err != nil {
		return nil, err
	}
	var newSitemap []byte // with the new dates, if any
	if len(redated) > 0 {
		old, err := os.ReadFile(filepath.Join(live, sitemapFile))
		if err == nil {
			newSitemap, err = patchSitemap(old, snap.BaseURL, redated)
		}
		if err != nil {
			return nil, fullBuild("%s: %v", sitemapFile, err)
		}
	}
	tree, err := write.Begin(out, opts.Keep)
	if err != nil {
		return nil, err
	}
	if live != out && !tree.AdoptRecycled(manifestBytes) {
		tree.Abort()
		return nil, fullBuild("the kept site could not be started from")
	}
	written := map[string]bool{}
	writeFile := func(rel string, b []byte) error {
		if b == nil {
			return nil // not patched: carried over below
		}
		if err := tree.WriteFile(rel, b); err != nil {
			tree.Abort()
			return err
		}
		written[rel] = true
		return nil
	}
	for _, e := range edits {
		e.page.Updated, e.page.Author = e.date.When, e.date.Author
		e.page.At, e.page.Record.Headings, e.page.TOC = e.at, e.headings, e.toc
		key := pageKey(e.page.KeyBase, e.page.Path, e.hash, e.page.Backlinks, e.page.Updated, e.page.Author)
		if err := writeFile(e.page.File, e.output); err != nil {
			return nil, err
		}
		tree.Remember(e.page.File, key)
		e.page.Hash, e.page.Key = e.hash, key
	}
	for _, files := range []map[string][]byte{scripts, copies} {
		for _, rel := range slices.Sorted(maps.Keys(files)) {
			if err := writeFile(rel, files[rel]); err != nil {
				return nil, err
			}
		}
	}
	if err := writeFile(sitemapFile, newSitemap); err != nil {
		return nil, err
	}
	// Every other file comes over from the live site. After a handbook's
	// first build there is no kept copy to start from, and each file is
	// linked anew: on every core, as the file system work is most of it.
	// A kept copy of the live site itself has every file in place.
	var carry []string
	for rel := range manifest {
		if !written[rel] {
			carry = append(carry, rel)
		}
	}
	if err := site.Parallel(ctx, len(carry), func(i int) error {
		return tree.Carry(carry[i], manifest[carry[i]])
	}); err != nil {
		tree.Abort()
		return nil, fullBuild("the live site lost a file: %v", err)
	}
	if err := tree.Commit(); err != nil {
		return nil, err
	}

	// The snapshot now describes the new site. Failing to say so costs the
	// next build its head start only. An edited file's time is later than
	// the listing, so the next build compares it by content, whatever
	// happens to it meanwhile.
	snap.Inputs, snap.Listed, snap.Extra = last.inputs, last.listed, extra
	if gitNow != nil {
		snap.Head, snap.History = last.head, gitNow
	}
	for _, e := range edits {
		snap.Hashes[e.page.Source] = e.hash
		snap.Pages.put(e.page)
	}
	snap.KeptLive = tree.KeptCopy()
	manifestBytes, err = write.ManifestBytes(out)
	if err == nil {
		snap.Manifest = load.Hash(manifestBytes)
		err = snap.Pages.write(false)
	}
	if err == nil && index != nil {
		err = writeIndex(opts.Snapshot, index)
		snap.IndexHash = load.Hash(index)
	}
	if err == nil {
		err = writeSnapshot(opts.Snapshot, snap)
	}
	if err != nil {
		_ = os.Remove(opts.Snapshot)
		opts.Log.Warn("the build snapshot was not updated", "err", err)
	}
	return &Result{Diagnostics: snap.Diags, Warnings: snap.Warnings, Pages: len(edits), Out: out,
		Duration: time.Since(start), Patched: true}, nil
}

// patchIndex puts the edited pages' entries in the search index of the
// snapshot in file, in parts of perPart documents, and returns the new
// scripts of the parts that changed, by path, and the index's new binary
// form.
func patchIndex(file string, snap *snapshot, edits []edit, perPart int) (scripts map[string][]byte, binary []byte, err error) {
	b, err := snap.readIndex(file)
	if err != nil {
		return nil, nil, fullBuild("%v", err)
	}
	parts, err := search.SplitParts(b)
	if err != nil {
		return nil, nil, fullBuild("the snapshot's search index: %v", err)
	}
	// Only the parts that hold an edited page are decoded and written.
	touched := map[int]*search.Index{}
	for _, e := range edits {
		if e.page.Doc < 0 {
			continue
		}
		p, doc := search.PartOf(e.page.Doc, perPart)
		if p >= len(parts) {
			return nil, nil, fullBuild("the snapshot's search index has no document %d", e.page.Doc)
		}
		index := touched[p]
		if index == nil {
			index = &search.Index{}
			if err := index.UnmarshalBinary(parts[p]); err != nil {
				return nil, nil, fullBuild("the snapshot's search index: %v", err)
			}
			touched[p] = index
		}
		if doc >= len(index.Docs) {
			return nil, nil, fullBuild("the snapshot's search index has no document %d", e.page.Doc)
		}
		index.Replace(doc, e.entry)
	}
	scripts = make(map[string][]byte, len(touched))
	for p, index := range touched {
		if scripts[search.PartPath(p)], err = index.Script(); err != nil {
			return nil, nil, err
		}
		if parts[p], err = index.MarshalBinary(); err != nil {
			return nil, nil, err
		}
	}
	return scripts, search.JoinParts(parts), nil
}

// changedDates returns the files whose last change in git differs from
// the snapshot's, with the new one (zero when git has none now), and what
// git says now; both nil when the commit checked out is the snapshot's.
func changedDates(ctx context.Context, root, head string, snap *snapshot) (map[string]history.Change, map[string]history.Change) {
	if head == snap.Head {
		return nil, nil
	}
	now := history.Read(ctx, root)
	dates := map[string]history.Change{}
	for path, c := range now {
		if was, ok := snap.History[path]; !ok || !sameChange(was, c) {
			dates[path] = c
		}
	}
	for path := range snap.History {
		if _, ok := now[path]; !ok {
			dates[path] = history.Change{}
		}
	}
	return dates, now
}

// sameChange reports whether a and b show alike: the same author, and the
// same time in the same zone.
func sameChange(a, b history.Change) bool {
	return a.Author == b.Author && a.When.Format(time.RFC3339Nano) == b.When.Format(time.RFC3339Nano)
}

// anyKey returns the least key of m, to name one of its entries.
func anyKey[V any](m map[string]V) string {
	return slices.Min(slices.Collect(maps.Keys(m)))
}

// changedInputs returns the inputs whose content differs from the
// snapshot's, and whether any input's size or time differs. Files whose
// size or time differ are read and compared by content, on every core: a
// fresh checkout gives every file a new time. A file added or removed, or
// one the snapshot knows no hash of, gives errFullBuild.
func changedInputs(ctx context.Context, root string, inputs []load.Input, snap *snapshot) (changed []load.Input, restated bool, err error) {
	if len(inputs) != len(snap.Inputs) {
		return nil, false, fullBuild("files were added or removed")
	}
	var suspects []int
	for i, in := range inputs {
		was := snap.Inputs[i]
		if in.Path != was.Path {
			return nil, false, fullBuild("files were added or removed (%s)", in.Path)
		}
		if in.Size > load.MaxFileSize {
			return nil, false, fullBuild("%s is larger than Almanac reads", in.Path)
		}
		if !snap.sameStat(in, was) {
			suspects = append(suspects, i)
		}
	}
	differs := make([]bool, len(suspects))
	err = site.Parallel(ctx, len(suspects), func(j int) error {
		in := inputs[suspects[j]]
		d, err := snap.differs(root, in.Path)
		differs[j] = d
		return err
	})
	if err != nil {
		return nil, false, err
	}
	for j, i := range suspects {
		if differs[j] {
			changed = append(changed, inputs[i])
		}
	}
	return changed, len(suspects) > 0, nil
}

// sameStat reports whether in has the size and time the snapshot saw, and
// that time is far enough from the snapshot's listing to be trusted.
func (snap *snapshot) sameStat(in, was load.Input) bool {
	racy := !was.ModTime.Before(snap.Listed.Add(-racyWindow))
	return in.Size == was.Size && in.ModTime.Equal(was.ModTime) && !racy
}

// differs reads the file at path and reports whether its content differs
// from the snapshot's. A file it cannot read, or whose hash the snapshot
// lacks, gives errFullBuild.
func (snap *snapshot) differs(root, path string) (bool, error) {
	hash, known := snap.Hashes[path]
	if !known {
		return false, fullBuild("%s changed", path)
	}
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
	if err != nil {
		return false, fullBuild("%v", err)
	}
	return load.Hash(b) != hash, nil
}

// changedExtra checks the files the config named outside the input
// folders, and its patterns: any change to them gives errFullBuild. It
// returns the files' sizes and times as they are now.
func changedExtra(root string, snap *snapshot) ([]load.Input, error) {
	for _, p := range snap.Patterns {
		if !slices.Equal(site.Glob(root, p.Glob), p.Matches) {
			return nil, fullBuild("files matching %s were added or removed", p.Glob)
		}
	}
	extra := make([]load.Input, len(snap.Extra))
	for i, was := range snap.Extra {
		st, err := os.Stat(filepath.Join(root, filepath.FromSlash(was.Path)))
		if err != nil {
			return nil, fullBuild("%v", err)
		}
		extra[i] = load.Input{Path: was.Path, Size: st.Size(), ModTime: st.ModTime()}
		if snap.sameStat(extra[i], was) {
			continue
		}
		if d, err := snap.differs(root, was.Path); err != nil || d {
			return nil, fullBuild("%s changed", was.Path)
		}
	}
	return extra, nil
}

// An edit is a page of the snapshot and its edited output.
type edit struct {
	page *snapPage
	*pageEdit
}

type pageEdit struct {
	output   []byte
	oldBody  string       // the body HTML output had, when the page has BodyCopies
	body     string       // the new body HTML, then
	at       render.Spans // where the pieces a patch may replace lie in output
	entry    search.Entry
	hash     string
	date     history.Change // the page's last change in git
	headings []markdown.Heading
	toc      []site.Heading
}

// editPage renders the edited source of sp, last changed in git at date,
// into the page's new output, or fails when the edit reaches beyond the
// page. What its kind reads from the body must be as it was (facts), and
// its links those the snapshot recorded. Its headings may change when
// newAnchors is set (the last build had no findings, so no link anywhere
// waits for a new anchor) and every heading id a link points at is still
// there: then its table of contents and search entry change with them.
func editPage(md *markdown.Renderer, root string, sp *snapPage, out string, date history.Change, newAnchors bool, facts *factsReader) (*pageEdit, error) {
	f, err := rereadOutsideBody(root, sp.Source, sp.Rel, sp.FrontHash, sp.BodyLine, sp.BodyTitle)
	if err != nil {
		return nil, err
	}
	if err := facts.check(sp, f); err != nil {
		return nil, err
	}
	src := resolve.BodyPart(f.Body, sp.BodyOffset)
	sum := md.Summarize(src)
	if !sp.Record.SameLinks(sum) {
		return nil, errors.New("its links changed")
	}
	e := &pageEdit{hash: f.Hash, date: date, headings: sp.Record.Headings, toc: sp.TOC}
	newHeadings := !slices.Equal(sp.Record.Headings, sum.Headings)
	if newHeadings {
		ids, toc := resolve.Headings(sum)
		switch {
		case !newAnchors:
			return nil, errors.New("its headings changed, and the last build had findings a new anchor might settle")
		case !resolve.KeepsAnchors(sp.Anchored, ids):
			return nil, errors.New("a heading a link points at is gone")
		}
		e.headings, e.toc = sum.Headings, toc
	}
	d := md.Parse(src)
	replay := resolve.NewReplayer(&sp.Record)
	markdown.Resolve(d, replay)
	if err := replay.Err(); err != nil {
		return nil, err
	}
	body, err := md.HTML(d)
	if err != nil {
		return nil, err
	}
	if len(body) == 0 {
		return nil, errors.New("its body is empty now")
	}
	old, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(sp.File)))
	if err != nil {
		return nil, err
	}
	inside := func(s render.Span) bool { return s.Off >= 0 && s.Len >= 0 && s.Off+s.Len <= len(old) }
	if !inside(sp.At.Body) {
		return nil, fmt.Errorf("%s is shorter than the snapshot says", sp.File)
	}
	// Every piece the output has is spliced, changed or not, so that
	// Splice says where each lies now that the body's length changed.
	e.at = render.Spans{Changed: render.Span{Off: -1}, TOC: render.Span{Off: -1}}
	pieces := []render.Piece{{At: sp.At.Body, By: string(body), Span: &e.at.Body}}
	newDate := !sameChange(date, history.Change{When: sp.Updated, Author: sp.Author})
	var line, toc template.HTML
	if newDate {
		line = render.LastChangedHTML(date.When, date.Author)
	}
	if newHeadings {
		toc = render.TOCHTML(e.toc)
	}
	for _, pc := range []struct {
		at      render.Span
		changed bool
		by      template.HTML // when changed
		span    *render.Span
		what    string
	}{
		{sp.At.Changed, newDate, line, &e.at.Changed, "date"},
		{sp.At.TOC, newHeadings, toc, &e.at.TOC, "table of contents"},
	} {
		if pc.at.Off < 0 {
			if pc.changed {
				return nil, fmt.Errorf("it has a new %s, which its page does not show where a patch can change it", pc.what)
			}
			continue
		}
		if !inside(pc.at) {
			return nil, fmt.Errorf("%s: its %s is not where the snapshot says", sp.File, pc.what)
		}
		by := string(old[pc.at.Off : pc.at.Off+pc.at.Len])
		if pc.changed {
			by = string(pc.by)
		}
		pieces = append(pieces, render.Piece{At: pc.at, By: by, Span: pc.span})
	}
	var buf bytes.Buffer
	if err := render.Splice(&buf, old, pieces); err != nil {
		return nil, fmt.Errorf("%s: %w", sp.File, err)
	}
	e.output = buf.Bytes()
	if len(sp.BodyCopies) > 0 {
		e.oldBody, e.body = string(old[sp.At.Body.Off:sp.At.Body.Off+sp.At.Body.Len]), string(body)
	}
	if sp.Doc >= 0 {
		p := &site.Page{Path: sp.Path, Kind: sp.Kind, Title: sp.Title, Badge: sp.Badge, Description: sp.Description,
			Template: sp.Template, Tags: sp.Tags, TOC: e.toc, NoSearch: sp.NoSearch, Text: resolve.SearchText(sum)}
		var ok bool
		if e.entry, ok = search.NewEntry(p); !ok {
			return nil, errors.New("it is no longer indexed")
		}
	}
	return e, nil
}

// A factsReader checks that an edit leaves alone what the page's kind
// reads from its body (site.BodyFactsReader), for kinds other than plain
// pages, which read nothing but the title (rereadOutsideBody checks that).
type factsReader struct {
	root    string
	readers map[string]site.BodyFactsReader
	cfg     *site.Config // read when first needed
}

func (fr *factsReader) check(sp *snapPage, f *site.SourceFile) error {
	r, ok := fr.readers[sp.Kind]
	if !ok {
		if sp.Kind == "page" && sp.BodyOffset == 0 {
			return nil
		}
		return fmt.Errorf("no kind named %q reads its body", sp.Kind)
	}
	if fr.cfg == nil {
		// The config is an input: the snapshot's, or the build is a full one.
		cfg, err := load.Config(fr.root, &site.Diagnostics{})
		if err != nil {
			return err
		}
		fr.cfg = cfg
	}
	// The facts cover the kind's findings, and the snapshot records a page
	// only when those are all its body has (see snapRecorder.save).
	_, err := sameBodyFacts(r, fr.cfg, f, sp.BodyFacts, sp.BodyOffset)
	return err
}

// patchBodyCopies puts each edit's new body HTML in place of its old one
// in the files that carry a copy, XML-escaped (site.Page.BodyCopies: the
// ADR feed), and returns those files' new content by path. The old body
// must lie in each such file exactly once.
func patchBodyCopies(live string, edits []edit) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, e := range edits {
		for _, rel := range e.page.BodyCopies {
			b, ok := files[rel]
			if !ok {
				var err error
				if b, err = os.ReadFile(filepath.Join(live, filepath.FromSlash(rel))); err != nil {
					return nil, fullBuild("%v", err)
				}
			}
			var err error
			if files[rel], err = replaceBodyCopy(b, e.oldBody, e.body); err != nil {
				return nil, fullBuild("%s: %v of %s", rel, err, e.page.Path)
			}
		}
	}
	return files, nil
}

// replaceBodyCopy returns b, a file that carries a copy of a page's body
// (site.Page.BodyCopies), with body in place of old, both XML-escaped as
// the copy is. The old body must lie in b exactly once: otherwise which
// copy is the page's is not known.
func replaceBodyCopy(b []byte, old, body string) ([]byte, error) {
	escOld, escBody := xmlEscaped(old), xmlEscaped(body)
	if n := bytes.Count(b, escOld); n != 1 {
		return nil, fmt.Errorf("it holds %d copies of the body", n)
	}
	return bytes.Replace(b, escOld, escBody, 1), nil
}

// xmlEscaped is s as xml.EscapeText writes it.
func xmlEscaped(s string) []byte {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.Bytes()
}
