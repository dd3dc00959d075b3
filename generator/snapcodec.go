package generator

import (
	"encoding/binary"
	"errors"
	"slices"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/resolve"
	"github.com/almanac-handbook/almanac/generator/site"
)

// snapPages holds a snapshot's pages in a compact binary form, record
// after record, with where each one lies, so that a build reads only the
// records of the pages it patches: at 50,000 pages, decoding them all
// would cost more than the patch.
type snapPages struct {
	Data []byte
	At   map[string][2]int // source path to the offset and length of its record in Data
}

// makeSnapPages encodes pages.
func makeSnapPages(pages []snapPage) snapPages {
	sp := snapPages{At: make(map[string][2]int, len(pages))}
	for i := range pages {
		sp.put(&pages[i])
	}
	return sp
}

// put adds p's record, or replaces it: the new record goes at the end,
// and the old one's bytes stay until the next full build writes the
// snapshot anew.
func (sp *snapPages) put(p *snapPage) {
	start := len(sp.Data)
	sp.Data = p.appendBinary(sp.Data)
	sp.At[p.Source] = [2]int{start, len(sp.Data) - start}
}

// get decodes the record of the page made from source.
func (sp *snapPages) get(source string) (*snapPage, error) {
	at, ok := sp.At[source]
	if !ok {
		return nil, errNoRecord
	}
	if at[0] < 0 || at[1] < 0 || at[0]+at[1] > len(sp.Data) {
		return nil, errBadRecord
	}
	return decodeSnapPage(sp.Data[at[0] : at[0]+at[1]])
}

// each calls f with every record, in the order of their sources.
func (sp *snapPages) each(f func(*snapPage)) error {
	sources := make([]string, 0, len(sp.At))
	for s := range sp.At {
		sources = append(sources, s)
	}
	slices.Sort(sources)
	for _, s := range sources {
		p, err := sp.get(s)
		if err != nil {
			return err
		}
		f(p)
	}
	return nil
}

var (
	errNoRecord  = errors.New("not a plain page the snapshot can patch")
	errBadRecord = errors.New("damaged page record in the snapshot")
)

func (p *snapPage) appendBinary(b []byte) []byte {
	w := recordWriter{b}
	for _, s := range [...]string{p.Source, p.Rel, p.Hash, p.FrontHash, p.BodyTitle, p.Path, p.File, p.Author,
		p.Backlinks, p.Key, p.Title, p.Kind, p.Badge, p.Description, p.Template} {
		w.string(s)
	}
	for _, n := range [...]int{p.BodyLine, p.BodyOff, p.BodyLen, p.Doc} {
		w.int(n)
	}
	w.time(p.Updated)
	w.bool(p.NoSearch)
	w.int(len(p.Tags))
	for _, t := range p.Tags {
		w.string(t)
	}
	w.int(len(p.TOC))
	for _, h := range p.TOC {
		w.int(h.Level)
		w.string(h.ID)
		w.string(h.Text)
	}
	r := &p.Record
	w.int(len(r.Headings))
	for _, h := range r.Headings {
		w.int(h.Level)
		w.string(h.ID)
		w.string(h.Text)
	}
	w.int(len(r.Links))
	for _, l := range r.Links {
		w.int(int(l.Op))
		w.string(l.Dest)
		w.string(l.Kind)
		w.string(l.ID)
	}
	w.int(len(r.Answers))
	for _, a := range r.Answers {
		w.string(a.Dest)
		w.string(a.Target.Href)
		w.string(a.Target.Title)
		w.string(a.Target.Badge)
		w.string(a.Target.Kind)
		w.bool(a.OK)
	}
	return w.b
}

func decodeSnapPage(b []byte) (*snapPage, error) {
	r := recordReader{b: b}
	p := &snapPage{}
	for _, s := range [...]*string{&p.Source, &p.Rel, &p.Hash, &p.FrontHash, &p.BodyTitle, &p.Path, &p.File, &p.Author,
		&p.Backlinks, &p.Key, &p.Title, &p.Kind, &p.Badge, &p.Description, &p.Template} {
		*s = r.string()
	}
	for _, n := range [...]*int{&p.BodyLine, &p.BodyOff, &p.BodyLen, &p.Doc} {
		*n = r.int()
	}
	p.Updated = r.time()
	p.NoSearch = r.bool()
	for range r.count() {
		p.Tags = append(p.Tags, r.string())
	}
	for range r.count() {
		p.TOC = append(p.TOC, site.Heading{Level: r.int(), ID: r.string(), Text: r.string()})
	}
	rec := &p.Record
	for range r.count() {
		rec.Headings = append(rec.Headings, markdown.Heading{Level: r.int(), ID: r.string(), Text: r.string()})
	}
	for range r.count() {
		rec.Links = append(rec.Links, markdown.LinkUse{Op: markdown.LinkOp(r.int()), Dest: r.string(), Kind: r.string(), ID: r.string()})
	}
	for range r.count() {
		a := resolve.Answer{Dest: r.string()}
		a.Target = markdown.Target{Href: r.string(), Title: r.string(), Badge: r.string(), Kind: r.string()}
		a.OK = r.bool()
		rec.Answers = append(rec.Answers, a)
	}
	if r.err != nil || len(r.b) != 0 || len(rec.Answers) != len(rec.Links) {
		return nil, errBadRecord
	}
	return p, nil
}

// recordWriter appends varints and strings.
type recordWriter struct{ b []byte }

func (w *recordWriter) int(n int)       { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *recordWriter) string(s string) { w.int(len(s)); w.b = append(w.b, s...) }

func (w *recordWriter) bool(v bool) {
	if v {
		w.int(1)
	} else {
		w.int(0)
	}
}

// time keeps the instant; pageKey only ever reads it in UTC.
func (w *recordWriter) time(t time.Time) {
	if t.IsZero() {
		w.bool(false)
		return
	}
	w.bool(true)
	w.int(int(t.Unix()))
	w.int(t.Nanosecond())
}

// recordReader reads what recordWriter wrote, remembering the first error.
type recordReader struct {
	b   []byte
	err error
}

func (r *recordReader) int() int {
	v, n := binary.Varint(r.b)
	if n <= 0 || v != int64(int(v)) {
		r.err, r.b = errBadRecord, nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a number of items, refusing one the rest cannot hold.
func (r *recordReader) count() int {
	n := r.int()
	if n < 0 || n > len(r.b) {
		r.err, r.b = errBadRecord, nil
		return 0
	}
	return n
}

func (r *recordReader) string() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *recordReader) bool() bool { return r.int() != 0 }

func (r *recordReader) time() time.Time {
	if !r.bool() {
		return time.Time{}
	}
	sec := r.int()
	return time.Unix(int64(sec), int64(r.int())).UTC()
}
