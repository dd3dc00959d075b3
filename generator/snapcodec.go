package generator

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"slices"

	"github.com/almanac-handbook/almanac/generator/binrec"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/resolve"
	"github.com/almanac-handbook/almanac/generator/site"
)

// snapPages are a snapshot's pages: records in a compact binary form, one
// after another in a file of their own (the snapshot's file name plus
// ".pages"), and where each one lies. A patch reads only the records of
// the pages it edits and appends their new ones; at 50,000 pages, reading
// and writing them all would cost more than the patch.
type snapPages struct {
	ID   string            // also the pages file's first line: the two belong together
	At   map[string][2]int // source path to the offset and length of its record
	Size int               // bytes of records the file holds for this snapshot

	file    string   // the pages file
	pending [][]byte // records put since the file was written, in runs
}

// pagesFile is where the records of the snapshot in file live.
func pagesFile(file string) string { return file + ".pages" }

// newSnapPages encodes pages for the snapshot in file, in runs of pages
// on every core (a full build records every plain page).
func newSnapPages(ctx context.Context, file string, pages []snapPage) (snapPages, error) {
	var id [12]byte
	_, _ = rand.Read(id[:])
	sp := snapPages{ID: hex.EncodeToString(id[:]), At: make(map[string][2]int, len(pages)), file: pagesFile(file)}
	const perRun = 256
	type run struct {
		b    []byte
		ends []int // where each page's record ends in b
	}
	runs := make([]run, (len(pages)+perRun-1)/perRun)
	err := site.Parallel(ctx, len(runs), func(i int) error {
		r := &runs[i]
		run := pages[i*perRun : min((i+1)*perRun, len(pages))]
		size := 0
		for j := range run {
			size += run[j].sizeHint()
		}
		// Made once at its size: at 50,000 pages, growing runs of
		// records by doubling cost more than encoding them.
		r.b = make([]byte, 0, size)
		for j := range run {
			r.b = run[j].appendBinary(r.b)
			r.ends = append(r.ends, len(r.b))
		}
		return nil
	})
	if err != nil {
		return snapPages{}, err
	}
	// The runs are written one after another as they are, not copied
	// into one buffer first.
	base := sp.Size
	for i := range runs {
		r := &runs[i]
		start := 0
		for j, end := range r.ends {
			sp.At[pages[i*perRun+j].Source] = [2]int{base + start, end - start}
			start = end
		}
		base += len(r.b)
		sp.pending = append(sp.pending, r.b)
	}
	return sp, nil
}

// put adds p's record, or replaces it: the new record goes at the end,
// and the old one's bytes stay until the next full build writes the
// snapshot anew.
func (sp *snapPages) put(p *snapPage) {
	start := sp.Size + sp.pendingSize()
	sp.pending = append(sp.pending, p.appendBinary(nil))
	sp.At[p.Source] = [2]int{start, len(sp.pending[len(sp.pending)-1])}
}

// pendingSize is how many bytes of records put awaits writing.
func (sp *snapPages) pendingSize() int {
	n := 0
	for _, b := range sp.pending {
		n += len(b)
	}
	return n
}

// write writes the records put since the file was written: the whole
// file for a new snapshot (fresh), else at its end. The snapshot that
// lists them must be written after.
func (sp *snapPages) write(fresh bool) error {
	if fresh {
		if err := replaceFile(sp.file, append([][]byte{[]byte(sp.ID + "\n")}, sp.pending...)...); err != nil {
			return err
		}
	} else {
		f, err := sp.open(os.O_RDWR | os.O_APPEND)
		if err != nil {
			return err
		}
		for _, b := range sp.pending {
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
	}
	sp.Size += sp.pendingSize()
	sp.pending = nil
	return nil
}

// open opens the pages file, checking that it belongs to this snapshot
// and holds every record the snapshot lists.
func (sp *snapPages) open(flag int) (*os.File, error) {
	f, err := os.OpenFile(sp.file, flag, 0)
	if err != nil {
		return nil, err
	}
	head := make([]byte, len(sp.ID)+1)
	st, err := f.Stat()
	if err == nil {
		_, err = f.ReadAt(head, 0)
	}
	if err != nil || string(head) != sp.ID+"\n" || st.Size() < int64(len(head)+sp.Size) {
		f.Close()
		return nil, errBadRecord
	}
	return f, nil
}

// get decodes the record of the page made from source.
func (sp *snapPages) get(source string) (*snapPage, error) {
	at, ok := sp.At[source]
	if !ok {
		return nil, errNoRecord
	}
	if at[0] < 0 || at[1] < 0 || at[0]+at[1] > sp.Size {
		return nil, errBadRecord
	}
	f, err := sp.open(os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, at[1])
	if _, err := f.ReadAt(b, int64(len(sp.ID)+1+at[0])); err != nil {
		return nil, errBadRecord
	}
	return decodeSnapPage(b)
}

// each calls f with every record, in the order of their sources.
func (sp *snapPages) each(f func(*snapPage)) error { return sp.eachOf(decodeSnapPage, f) }

// eachHead is each with records of which only the fields before the
// lists are read (see decodeSnapPageHead): a full build needs no more of
// the last build's pages.
func (sp *snapPages) eachHead(f func(*snapPage)) error {
	return sp.eachOf(func(b []byte) (*snapPage, error) {
		p := &snapPage{}
		r := binrec.NewReader(b, errBadRecord)
		decodeSnapPageHead(r, p)
		return p, r.Err()
	}, f)
}

func (sp *snapPages) eachOf(decode func([]byte) (*snapPage, error), f func(*snapPage)) error {
	file, err := sp.open(os.O_RDONLY)
	if err != nil {
		return err
	}
	b := make([]byte, sp.Size)
	_, err = file.ReadAt(b, int64(len(sp.ID)+1))
	file.Close()
	if err != nil {
		return errBadRecord
	}
	sources := make([]string, 0, len(sp.At))
	for s := range sp.At {
		sources = append(sources, s)
	}
	slices.Sort(sources)
	for _, s := range sources {
		at := sp.At[s]
		if at[0] < 0 || at[1] < 0 || at[0]+at[1] > len(b) {
			return errBadRecord
		}
		p, err := decode(b[at[0] : at[0]+at[1]])
		if err != nil {
			return err
		}
		f(p)
	}
	return nil
}

var (
	errNoRecord  = errors.New("not a page the snapshot can patch")
	errBadRecord = errors.New("damaged page record in the snapshot")
)

func (p *snapPage) appendBinary(b []byte) []byte {
	w := binrec.Writer{B: b}
	for _, s := range [...]string{p.Source, p.Rel, p.Hash, p.FrontHash, p.BodyTitle, p.Path, p.File, p.Author,
		p.Backlinks, p.KeyBase, p.Key, p.Title, p.Kind, p.Badge, p.Description, p.Template, p.BodyFacts} {
		w.Str(s)
	}
	at := &p.At
	for _, n := range [...]int{p.BodyLine, at.Body.Off, at.Body.Len, at.Changed.Off, at.Changed.Len, at.TOC.Off, at.TOC.Len, p.Doc, p.BodyOffset} {
		w.Int(n)
	}
	w.Time(p.Updated)
	w.Bool(p.NoSearch)
	for _, list := range [...][]string{p.Tags, p.Anchored, p.BodyCopies} {
		w.Uvarint(uint64(len(list)))
		for _, t := range list {
			w.Str(t)
		}
	}
	w.Uvarint(uint64(len(p.TOC)))
	for _, h := range p.TOC {
		w.Int(h.Level)
		w.Str(h.ID)
		w.Str(h.Text)
	}
	if p.record != nil {
		w.B = append(w.B, p.record...)
	} else {
		appendRecord(&w, &p.Record)
	}
	return w.B
}

// sizeHint is about the size of p's record, a little more rather than
// less: each string's length and a varint for it, ten bytes for each
// number.
func (p *snapPage) sizeHint() int {
	n := 256 + len(p.record)
	for _, s := range [...]string{p.Source, p.Rel, p.Hash, p.FrontHash, p.BodyTitle, p.Path, p.File, p.Author,
		p.Backlinks, p.KeyBase, p.Key, p.Title, p.Kind, p.Badge, p.Description, p.Template, p.BodyFacts} {
		n += len(s)
	}
	for _, list := range [...][]string{p.Tags, p.Anchored, p.BodyCopies} {
		for _, t := range list {
			n += 10 + len(t)
		}
	}
	for _, h := range p.TOC {
		n += 20 + len(h.ID) + len(h.Text)
	}
	if p.record == nil {
		n += 1024 // appendRecord's; only tests encode a page without one
	}
	return n
}

// appendRecord appends r, the last part of a page's record.
func appendRecord(w *binrec.Writer, r *resolve.Record) {
	w.Uvarint(uint64(len(r.Headings)))
	for _, h := range r.Headings {
		w.Int(h.Level)
		w.Str(h.ID)
		w.Str(h.Text)
	}
	w.Uvarint(uint64(len(r.Links)))
	for _, l := range r.Links {
		w.Int(int(l.Op))
		w.Str(l.Dest)
		w.Str(l.Kind)
		w.Str(l.ID)
	}
	w.Uvarint(uint64(len(r.Answers)))
	for _, a := range r.Answers {
		w.Str(a.Dest)
		w.Str(a.Target.Href)
		w.Str(a.Target.Title)
		w.Str(a.Target.Badge)
		w.Str(a.Target.Kind)
		w.Bool(a.OK)
	}
}

// encodeRecord returns r as appendRecord writes it, in a slice of its
// own size.
func encodeRecord(r *resolve.Record) []byte {
	var w binrec.Writer
	appendRecord(&w, r)
	return slices.Clip(w.B)
}

// decodeSnapPageHead reads the strings and numbers appendBinary writes
// first.
func decodeSnapPageHead(r *binrec.Reader, p *snapPage) {
	for _, s := range [...]*string{&p.Source, &p.Rel, &p.Hash, &p.FrontHash, &p.BodyTitle, &p.Path, &p.File, &p.Author,
		&p.Backlinks, &p.KeyBase, &p.Key, &p.Title, &p.Kind, &p.Badge, &p.Description, &p.Template, &p.BodyFacts} {
		*s = r.Str()
	}
	at := &p.At
	for _, n := range [...]*int{&p.BodyLine, &at.Body.Off, &at.Body.Len, &at.Changed.Off, &at.Changed.Len, &at.TOC.Off, &at.TOC.Len, &p.Doc, &p.BodyOffset} {
		*n = r.Int()
	}
}

// decodeSnapPage reads what appendBinary wrote. The least bytes an item
// of each list takes bounds its count (binrec.Reader.Count).
func decodeSnapPage(b []byte) (*snapPage, error) {
	r := binrec.NewReader(b, errBadRecord)
	p := &snapPage{}
	decodeSnapPageHead(r, p)
	p.Updated = r.Time()
	p.NoSearch = r.Bool()
	for _, list := range [...]*[]string{&p.Tags, &p.Anchored, &p.BodyCopies} {
		for range r.Count(1) {
			*list = append(*list, r.Str())
		}
	}
	for range r.Count(3) {
		p.TOC = append(p.TOC, site.Heading{Level: r.Int(), ID: r.Str(), Text: r.Str()})
	}
	rec := &p.Record
	for range r.Count(3) {
		rec.Headings = append(rec.Headings, markdown.Heading{Level: r.Int(), ID: r.Str(), Text: r.Str()})
	}
	for range r.Count(4) {
		rec.Links = append(rec.Links, markdown.LinkUse{Op: markdown.LinkOp(r.Int()), Dest: r.Str(), Kind: r.Str(), ID: r.Str()})
	}
	for range r.Count(6) {
		a := resolve.Answer{Dest: r.Str()}
		a.Target = markdown.Target{Href: r.Str(), Title: r.Str(), Badge: r.Str(), Kind: r.Str()}
		a.OK = r.Bool()
		rec.Answers = append(rec.Answers, a)
	}
	if r.Err() != nil || r.Len() != 0 || len(rec.Answers) != len(rec.Links) {
		return nil, errBadRecord
	}
	return p, nil
}
