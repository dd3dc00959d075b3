package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/resolve"
	"github.com/almanac-handbook/almanac/generator/site"
)

func testSnapPage() snapPage {
	return snapPage{
		Source: "content/guide/a.md", Rel: "guide/a.md", Hash: "h1", FrontHash: "f1", BodyLine: 4, BodyTitle: "A guide",
		Path: "guide/a/", File: "guide/a/index.html", Updated: time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC), Author: "Mei Okafor",
		Backlinks: "b1", Key: "k1", At: render.Spans{Body: render.Span{Off: 1234, Len: 567}, Changed: render.Span{Off: 2001, Len: 48}, TOC: render.Span{Off: 1000, Len: 99}}, Doc: 42,
		Title: "A <guide>", Kind: "page", Badge: "draft", Description: "Ünïcode ✓", Template: "page/page.html",
		Tags: []string{"x", "y"}, Anchored: []string{"intro", "notes"},
		BodyFacts: `"A guide" ""`, BodyOffset: 17, BodyCopies: []string{"adr/feed.xml"}, KeyBase: "kb1", TOC: []site.Heading{{Level: 2, ID: "intro", Text: "Intro"}}, NoSearch: true,
		Record: resolve.Record{
			Headings: []markdown.Heading{{Level: 2, ID: "intro", Text: "Intro"}},
			Links: []markdown.LinkUse{
				{Op: markdown.OpLink, Dest: "b.md#x"},
				{Op: markdown.OpRef, Kind: "adr", ID: "12"},
			},
			Answers: []resolve.Answer{
				{Dest: "../b/#x"},
				{Target: markdown.Target{Href: "../../adr/0012/", Title: "Use Postgres", Badge: "accepted", Kind: "adr"}, OK: true},
			},
		},
	}
}

func TestSnapPageRoundTrip(t *testing.T) {
	// Every field set, so that the round trip covers each one (record is
	// Record in another form).
	full := reflect.ValueOf(testSnapPage())
	for i := range full.NumField() {
		if f := full.Type().Field(i); f.IsExported() && full.Field(i).IsZero() {
			t.Errorf("testSnapPage leaves %s unset", f.Name)
		}
	}
	for _, p := range []snapPage{testSnapPage(), {Doc: -1, At: render.Spans{Changed: render.Span{Off: -1}, TOC: render.Span{Off: -1}}}} {
		got, err := decodeSnapPage(p.appendBinary(nil))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, p) {
			t.Errorf("round trip:\n got %+v\nwant %+v", *got, p)
		}
	}
}

// TestSnapPageEncodedRecord checks that a page whose record a full build
// keeps encoded (snapPage.record) is written as it would be with the
// record itself.
func TestSnapPageEncodedRecord(t *testing.T) {
	p := testSnapPage()
	want := p.appendBinary(nil)
	p.record, p.Record = encodeRecord(&p.Record), resolve.Record{}
	if got := p.appendBinary(nil); !slices.Equal(got, want) {
		t.Errorf("with the record encoded:\n got %q\nwant %q", got, want)
	}
}

// TestSnapPagesHeads checks that eachHead reads of every record what
// each does, up to the lists.
func TestSnapPagesHeads(t *testing.T) {
	file := filepath.Join(t.TempDir(), "snapshot")
	other := testSnapPage()
	other.Source, other.File, other.Key = "content/other.md", "other/index.html", "k2"
	pages, err := newSnapPages(context.Background(), file, []snapPage{testSnapPage(), other})
	if err != nil {
		t.Fatal(err)
	}
	if err := pages.write(true); err != nil {
		t.Fatal(err)
	}
	var full, heads []snapPage
	if err := pages.each(func(p *snapPage) { full = append(full, *p) }); err != nil {
		t.Fatal(err)
	}
	if err := pages.eachHead(func(p *snapPage) { heads = append(heads, *p) }); err != nil {
		t.Fatal(err)
	}
	if len(full) != 2 || len(heads) != 2 {
		t.Fatalf("each gave %d records, eachHead %d; want 2", len(full), len(heads))
	}
	for i, p := range full {
		h := heads[i]
		if h.Source != p.Source || h.File != p.File || h.Key != p.Key || h.At != p.At || h.BodyOffset != p.BodyOffset || h.BodyFacts != p.BodyFacts {
			t.Errorf("head %d = %+v, want the fields of %+v", i, h, p)
		}
		if h.Tags != nil || h.Record.Links != nil {
			t.Errorf("head %d has lists: %+v", i, h)
		}
	}
}

// TestSnapPagesFile writes the records of a snapshot, replaces one as a
// patch does, and reads them back, and refuses a pages file that belongs
// to another snapshot.
func TestSnapPagesFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "snapshot")
	other := testSnapPage()
	other.Source, other.Path = "content/other.md", "other/"
	pages, err := newSnapPages(context.Background(), file, []snapPage{testSnapPage(), other})
	if err != nil {
		t.Fatal(err)
	}
	if err := pages.write(true); err != nil {
		t.Fatal(err)
	}
	edited := testSnapPage()
	edited.At.Body.Len = 600
	pages.put(&edited)
	if err := pages.write(false); err != nil {
		t.Fatal(err)
	}
	if got, err := pages.get(edited.Source); err != nil || got.At.Body.Len != 600 {
		t.Errorf("after put, get = %+v, %v; want the new record", got, err)
	}
	var seen []string
	if err := pages.each(func(p *snapPage) { seen = append(seen, p.Source+":"+strconv.Itoa(p.At.Body.Len)) }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/guide/a.md:600", "content/other.md:567"}; !slices.Equal(seen, want) {
		t.Errorf("each = %q, want %q", seen, want)
	}
	if _, err := pages.get("content/unknown.md"); err != errNoRecord {
		t.Errorf("get of an unknown page: %v", err)
	}
	newer, err := newSnapPages(context.Background(), file, []snapPage{other})
	if err != nil {
		t.Fatal(err)
	}
	if err := newer.write(true); err != nil {
		t.Fatal(err)
	}
	if _, err := pages.get(other.Source); err != errBadRecord {
		t.Errorf("get from another snapshot's pages file: %v, want errBadRecord", err)
	}
}

// TestSnapPagesRuns checks that records encoded in runs on several cores
// are each found where the snapshot says, for counts around the run's
// length, and that a record put afterwards is too.
func TestSnapPagesRuns(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 257, 700} {
		file := filepath.Join(t.TempDir(), "snapshot")
		pages := make([]snapPage, n)
		for i := range pages {
			pages[i] = testSnapPage()
			pages[i].Source = fmt.Sprintf("content/p%04d.md", i)
			pages[i].Title = strings.Repeat("t", i%37)
			pages[i].At.Body.Len = i + 1
		}
		sp, err := newSnapPages(context.Background(), file, pages)
		if err != nil {
			t.Fatal(err)
		}
		if err := sp.write(true); err != nil {
			t.Fatal(err)
		}
		extra := testSnapPage()
		extra.Source = "content/extra.md"
		sp.put(&extra)
		if err := sp.write(false); err != nil {
			t.Fatal(err)
		}
		for _, want := range append(pages, extra) {
			got, err := sp.get(want.Source)
			if err != nil || got.Source != want.Source || got.Title != want.Title || got.At.Body.Len != want.At.Body.Len {
				t.Fatalf("%d pages: get(%s) = %+v, %v", n, want.Source, got, err)
			}
		}
	}
}

func TestSnapPageRefusesDamage(t *testing.T) {
	b := func() []byte { p := testSnapPage(); return p.appendBinary(nil) }()
	for n := range len(b) {
		if _, err := decodeSnapPage(b[:n]); err == nil {
			t.Fatalf("a prefix of %d of %d bytes decoded", n, len(b))
		}
	}
}

func FuzzSnapPage(f *testing.F) {
	p := testSnapPage()
	f.Add(p.appendBinary(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeSnapPage(data)
		if err != nil {
			return
		}
		again, err := decodeSnapPage(got.appendBinary(nil))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("a decoded record does not survive encoding: %v", err)
		}
	})
}
