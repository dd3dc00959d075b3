package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/site"
)

// refBacklinksDigest is backlinksDigest as it was, with fmt.
func refBacklinksDigest(links []site.Link) string {
	if len(links) == 0 {
		return ""
	}
	h := sha256.New()
	for _, l := range links {
		fmt.Fprintf(h, "%q %q %q\n", l.Path, l.Title, l.Kind)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// TestBacklinksDigest checks the hand-written digest against the fmt
// version it replaced, so that keys from earlier builds stay valid.
func TestBacklinksDigest(t *testing.T) {
	tests := []struct {
		name  string
		links []site.Link
	}{
		{"none", nil},
		{"one", []site.Link{{Path: "adr/0001/", Title: "Use Go", Kind: "adr"}}},
		{"quotes and escapes", []site.Link{{Path: `a"b/`, Title: "tab\there \\ \"quoted\"", Kind: "page"}, {Path: "x/", Title: "línea ☃ \u2028", Kind: ""}}},
		{"invalid UTF-8 and NUL", []site.Link{{Path: "p/", Title: "bad \xff\xfe byte \x00", Kind: "k\x7f"}}},
	}
	for _, tt := range tests {
		if got, want := backlinksDigest(tt.links), refBacklinksDigest(tt.links); got != want {
			t.Errorf("%s: backlinksDigest = %s, want %s", tt.name, got, want)
		}
	}
}

// FuzzBacklinksDigest compares it with the fmt version on any text.
func FuzzBacklinksDigest(f *testing.F) {
	f.Add("adr/0001/", "Use Go", "adr", "b/", "B \"x\"")
	f.Fuzz(func(t *testing.T, path, title, kind, path2, title2 string) {
		links := []site.Link{{Path: path, Title: title, Kind: kind}, {Path: path2, Title: title2}}
		if got, want := backlinksDigest(links), refBacklinksDigest(links); got != want {
			t.Errorf("backlinksDigest(%q) = %s, want %s", links, got, want)
		}
	})
}

// refPageSummary is appendPageSummary as it was, with fmt.
func refPageSummary(p *site.Page) []byte {
	var h bytes.Buffer
	fmt.Fprintf(&h, "p %s %s %s %q %q %q %d %s %s %q %q\n", p.Path, p.Kind, p.Template, p.Title, p.Description, p.Badge,
		p.Weight, p.Date, p.Subject, strings.Join(p.Tags, ","), strings.Join(p.Scripts, ","))
	if p.Source == nil {
		return h.Bytes()
	}
	if p.LocalBody {
		fmt.Fprintf(&h, "s %s %s %q\n", p.Source.Path, p.Source.FrontHash, p.BodyFacts)
	} else {
		fmt.Fprintf(&h, "s %s %s %s\n", p.Source.Path, p.Source.Hash, p.BodyDigest)
	}
	return h.Bytes()
}

// TestPageSummary checks the hand-written summary against the fmt version
// it replaced, so that keys from earlier builds stay valid.
func TestPageSummary(t *testing.T) {
	date, err := site.ParseDate("2026-03-14")
	if err != nil {
		t.Fatal(err)
	}
	src := &site.SourceFile{Path: "content/a.md", Hash: "h1", FrontHash: "f1"}
	tests := []struct {
		name string
		page *site.Page
	}{
		{"empty", &site.Page{}},
		{"generated", &site.Page{Path: "services/", Kind: "catalog", Template: "catalog/services.html", Title: "Services", Scripts: []string{"assets/echarts.min.js", "assets/x.js"}}},
		{"file", &site.Page{Path: "a/", Kind: "page", Title: "A \"quoted\" title", Description: "tab\there", Badge: "accepted",
			Weight: -3, Date: date, Subject: "service:pay", Tags: []string{"x", "y z"}, Source: src, BodyDigest: "bd"}},
		{"local body", &site.Page{Path: "b/", Kind: "page", Title: "línea ☃ \u2028 \xff", Source: src, LocalBody: true, BodyFacts: "facts \"x\"\n"}},
	}
	for _, tt := range tests {
		if got, want := appendPageSummary(nil, tt.page), refPageSummary(tt.page); !bytes.Equal(got, want) {
			t.Errorf("%s: appendPageSummary = %q, want %q", tt.name, got, want)
		}
	}
}

// FuzzPageSummary compares appendPageSummary with the fmt version on any
// text.
func FuzzPageSummary(f *testing.F) {
	f.Add("a/", "A \"b\"", "desc", "tag,x", 7, true, "facts")
	f.Fuzz(func(t *testing.T, path, title, description, tag string, weight int, local bool, facts string) {
		p := &site.Page{Path: path, Kind: "page", Template: "page/page.html", Title: title, Description: description, Badge: facts,
			Weight: weight, Tags: []string{tag, title}, Scripts: []string{path}, Subject: tag,
			Source: &site.SourceFile{Path: path, Hash: "h", FrontHash: "f"}, LocalBody: local, BodyFacts: facts, BodyDigest: facts}
		if got, want := appendPageSummary([]byte("before\n"), p), append([]byte("before\n"), refPageSummary(p)...); !bytes.Equal(got, want) {
			t.Errorf("appendPageSummary = %q, want %q", got, want)
		}
	})
}

// refPageKey is pageKey as it was, with fmt.
func refPageKey(base, path, hash, backlinks string, updated time.Time, author string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n", base, path, backlinks)
	if hash != "" {
		fmt.Fprintf(h, "%s\n", hash)
	}
	if !updated.IsZero() {
		fmt.Fprintf(h, "%s %s\n", updated.UTC().Format("2006-01-02T15:04:05Z"), author)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func TestPageKey(t *testing.T) {
	east := time.FixedZone("UTC+5", 5*3600)
	tests := []struct {
		name                        string
		base, path, hash, backlinks string
		updated                     time.Time
		author                      string
	}{
		{"generated", "k", "services/", "", "", time.Time{}, ""},
		{"file", "k", "a/", "h", "bl", time.Date(2026, 3, 14, 9, 26, 53, 589, east), "Ada Lovelace"},
		{"no hash, dated", "k", "", "", "", time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), ""},
	}
	for _, tt := range tests {
		if got, want := pageKey(tt.base, tt.path, tt.hash, tt.backlinks, tt.updated, tt.author), refPageKey(tt.base, tt.path, tt.hash, tt.backlinks, tt.updated, tt.author); got != want {
			t.Errorf("%s: pageKey = %s, want %s", tt.name, got, want)
		}
	}
}

// refAround is navDigests.around as it was, with fmt.
func refAround(n *navDigests, path string) string {
	h := sha256.New()
	h.Write([]byte(n.top))
	for i, t := range n.tops {
		if !render.NavActive(t.Path, path) {
			continue
		}
		fmt.Fprintf(h, "\n%d %s", i, n.children[t])
		for j, c := range t.Children {
			if render.NavActive(c.Path, path) {
				fmt.Fprintf(h, "\n%d.%d %s", i, j, n.children[c])
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestNavAround(t *testing.T) {
	var tops []*site.NavItem
	tops = append(tops, &site.NavItem{Title: "Home", Path: ""})
	for i := range 12 {
		top := &site.NavItem{Title: fmt.Sprint("Section ", i), Path: fmt.Sprintf("s%02d/", i)}
		for j := range 11 {
			top.Children = append(top.Children, &site.NavItem{Title: fmt.Sprint("Child ", j), Path: fmt.Sprintf("s%02d/c%02d/", i, j)})
		}
		tops = append(tops, top)
	}
	n := newNavDigests(tops)
	for _, path := range []string{"", "s00/", "s11/c10/", "s11/c10/page/", "s03/c01/x/", "elsewhere/"} {
		if got, want := n.around(path), refAround(n, path); got != want {
			t.Errorf("around(%q) = %s, want %s", path, got, want)
		}
	}
}
