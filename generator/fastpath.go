package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/markdown"
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
// whose edits stay inside the page: the same front matter, title, headings
// and links, and the page had no findings. It writes the edited pages, by
// putting their new body HTML where the old one lay in their files, and
// the search index, and carries every other file over, then swaps the
// whole site into place as a full build does. It returns errFullBuild
// when it cannot, leaving the output as it was (a file missing from the
// live site is found only while carrying files over, which has used up
// the kept site by then, as a failed full build does).
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
		return nil, fullBuild("the version, options, date or git commit changed")
	}
	manifest, manifestBytes, err := write.Manifest(out)
	if err != nil || load.Hash(manifestBytes) != snap.Manifest {
		return nil, fullBuild("the output is not the one the snapshot describes")
	}
	last.listed = time.Now()
	if last.inputs, err = load.Inputs(root, []string{out}); err != nil {
		return nil, fullBuild("listing the inputs: %v", err)
	}
	changed, err := changedInputs(root, last.inputs, snap)
	if err != nil {
		return nil, err
	}
	if len(changed) > 0 && snap.Index == nil {
		return nil, fullBuild("the snapshot has no search index")
	}
	if len(changed) == 0 {
		// Nothing to do: the output is the site these inputs build.
		return &Result{Diagnostics: snap.Diags, Warnings: snap.Warnings, Out: out, Duration: time.Since(start), Patched: true}, nil
	}

	md := markdown.New(markdown.Options{UnsafeHTML: snap.UnsafeHTML})
	type edit struct {
		page  *snapPage
		input int // in snap.Inputs
		stat  load.Input
		*pageEdit
	}
	var edits []edit
	for _, c := range changed {
		in := c.Input
		sp, err := snap.Pages.get(in.Path)
		if err != nil {
			return nil, fullBuild("%s changed: %v", in.Path, err)
		}
		e, err := editPage(md, root, sp, out)
		if err != nil {
			return nil, fullBuild("%s: %v", in.Path, err)
		}
		edits = append(edits, edit{sp, c.at, in, e})
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}

	// Every edit stays inside its page: write the new site.
	var index search.Index
	if err := index.UnmarshalBinary(snap.Index); err != nil {
		return nil, fullBuild("the snapshot's search index: %v", err)
	}
	for _, e := range edits {
		if e.page.Doc >= 0 {
			if e.page.Doc >= len(index.Docs) {
				return nil, fullBuild("the snapshot's search index has no document %d", e.page.Doc)
			}
			index.Replace(e.page.Doc, e.entry)
		}
	}
	script, err := index.Script()
	if err != nil {
		return nil, err
	}
	if snap.Index, err = index.MarshalBinary(); err != nil {
		return nil, err
	}
	tree, err := write.Begin(out, opts.Keep)
	if err != nil {
		return nil, err
	}
	written := map[string]bool{search.IndexPath: true}
	for _, e := range edits {
		key := pageKey(e.page.KeyBase, e.page.Path, e.hash, e.page.Backlinks, e.page.Updated, e.page.Author)
		if err := tree.WriteFile(e.page.File, e.output); err != nil {
			tree.Abort()
			return nil, err
		}
		tree.Remember(e.page.File, key)
		written[e.page.File] = true
		e.page.Hash, e.page.Key, e.page.BodyLen = e.hash, key, e.bodyLen
	}
	if err := tree.WriteFile(search.IndexPath, script); err != nil {
		tree.Abort()
		return nil, err
	}
	// Every other file comes over from the live site. After a handbook's
	// first build there is no kept copy to start from, and each file is
	// linked anew: on every core, as the file system work is most of it.
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
	for _, e := range edits {
		snap.Inputs[e.input] = e.stat
		snap.Hashes[e.page.Source] = e.hash
		snap.Pages.put(e.page)
	}
	_, manifestBytes, err = write.Manifest(out)
	if err == nil {
		snap.Manifest = load.Hash(manifestBytes)
		err = snap.Pages.write(false)
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

// changedInputs returns the inputs whose content differs from the
// snapshot's. A file added or removed, or one that changed but is not a
// Markdown file the snapshot knows the hash of, gives errFullBuild.
func changedInputs(root string, inputs []load.Input, snap *snapshot) ([]changedInput, error) {
	if len(inputs) != len(snap.Inputs) {
		return nil, fullBuild("files were added or removed")
	}
	var changed []changedInput
	for i, in := range inputs {
		was := snap.Inputs[i]
		if in.Path != was.Path {
			return nil, fullBuild("files were added or removed (%s)", in.Path)
		}
		hash, known := snap.Hashes[in.Path]
		racy := !was.ModTime.Before(snap.Listed.Add(-racyWindow))
		if in.Size == was.Size && in.ModTime.Equal(was.ModTime) && !racy {
			continue
		}
		if !known {
			return nil, fullBuild("%s changed", in.Path)
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(in.Path)))
		if err != nil {
			return nil, fullBuild("%v", err)
		}
		if load.Hash(b) != hash {
			changed = append(changed, changedInput{in, i})
		}
	}
	return changed, nil
}

// A changedInput is an input file whose content changed, and its place
// in the snapshot's list.
type changedInput struct {
	load.Input
	at int
}

type pageEdit struct {
	output  []byte
	bodyLen int
	entry   search.Entry
	hash    string
}

// editPage renders the edited source of sp into the page's new output, or
// fails when the edit reaches beyond the page.
func editPage(md *markdown.Renderer, root string, sp *snapPage, out string) (*pageEdit, error) {
	f, err := rereadOutsideBody(root, sp.Source, sp.Rel, sp.FrontHash, sp.BodyLine, sp.BodyTitle)
	if err != nil {
		return nil, err
	}
	sum := md.Summarize(f.Body)
	if !sp.Record.Matches(sum) {
		return nil, errors.New("its headings or links changed")
	}
	d := md.Parse(f.Body)
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
	if sp.BodyOff+sp.BodyLen > len(old) {
		return nil, fmt.Errorf("%s is shorter than the snapshot says", sp.File)
	}
	e := &pageEdit{hash: f.Hash}
	e.output = make([]byte, 0, len(old)-sp.BodyLen+len(body))
	e.output = append(e.output, old[:sp.BodyOff]...)
	e.output = append(e.output, body...)
	e.output = append(e.output, old[sp.BodyOff+sp.BodyLen:]...)
	e.bodyLen = len(body)
	if sp.Doc >= 0 {
		p := &site.Page{Path: sp.Path, Kind: sp.Kind, Title: sp.Title, Badge: sp.Badge, Description: sp.Description,
			Template: sp.Template, Tags: sp.Tags, TOC: sp.TOC, NoSearch: sp.NoSearch, Text: resolve.SearchText(sum)}
		var ok bool
		if e.entry, ok = search.NewEntry(p); !ok {
			return nil, errors.New("it is no longer indexed")
		}
	}
	return e, nil
}
