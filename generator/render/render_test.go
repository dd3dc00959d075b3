package render

import (
	"bytes"
	"html/template"
	"slices"
	"testing"
	"time"
)

// TestLastChangedHTML checks that the line Go writes is the one the
// layout's template wrote before it moved into Go, byte for byte: a build
// that patches a page's date writes it without running the template.
func TestLastChangedHTML(t *testing.T) {
	tmpl := template.Must(template.New("line").Funcs(template.FuncMap{"date": formatDate}).Parse(
		`{{- if not .When.IsZero}}<span>Last changed {{date .When}}{{with .Author}} by {{.}}{{end}}</span>{{end}}`))
	india := time.FixedZone("IST", 5*3600+1800)
	for _, tt := range []struct {
		when   time.Time
		author string
	}{
		{time.Time{}, ""},
		{time.Time{}, "Ada"},
		{time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), ""},
		{time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), "Ada Lovelace"},
		{time.Date(2026, 3, 1, 23, 30, 0, 0, india), `O'Brien & "Sons" <ob@example.org>`},
		{time.Date(2026, 12, 31, 0, 15, 0, 0, india), "Zoë \x00 Nul"},
	} {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, struct {
			When   time.Time
			Author string
		}{tt.when, tt.author}); err != nil {
			t.Fatal(err)
		}
		if got := string(LastChangedHTML(tt.when, tt.author)); got != want.String() {
			t.Errorf("LastChangedHTML(%v, %q) = %q, want %q", tt.when, tt.author, got, want.String())
		}
	}
}

func TestFindMarks(t *testing.T) {
	for _, tt := range []struct {
		page               string
		body, changed, toc int
		ok                 bool
	}{
		{"<p>no marks</p>", -1, -1, -1, true},
		{"<main>" + bodyMark + "</main>", 6, -1, -1, true},
		{"<main>" + bodyMark + "</main><footer>" + changedMark + "</footer>", 6, 6 + len(bodyMark) + 15, -1, true},
		{changedMark + bodyMark, len(changedMark), 0, -1, true},
		{tocMark + bodyMark + changedMark, len(tocMark), len(tocMark) + len(bodyMark), 0, true},
		{"<almanac-other/>" + bodyMark, 16, -1, -1, true},
		{"<almanac-body-" + bodyMark, 14, -1, -1, true},
		{bodyMark + bodyMark, 0, -1, -1, false},
		{bodyMark + changedMark + changedMark, 0, len(bodyMark), -1, false},
		{tocMark + bodyMark + tocMark, len(tocMark), -1, 0, false},
	} {
		at, ok := findMarks([]byte(tt.page), bodyMark, changedMark, tocMark)
		want := []int{tt.body, tt.changed, tt.toc}
		if ok != tt.ok || ok && !slices.Equal(at, want) {
			t.Errorf("findMarks(%q) = %v, %v; want %v, %v", tt.page, at, ok, want, tt.ok)
		}
	}
}

func TestSplice(t *testing.T) {
	for _, tt := range []struct {
		name   string
		page   string
		pieces []Piece
		want   string
		spans  map[string]Span // where each piece's By went
		bad    bool
	}{
		{"none", "abc", nil, "abc", nil, false},
		{"in order", "a<1>b<2>c", []Piece{{At: Span{1, 3}, By: "one"}, {At: Span{5, 3}, By: ""}}, "aonebc", map[string]Span{"one": {1, 3}, "": {5, 0}}, false},
		{"out of order", "a<1>b<2>c", []Piece{{At: Span{5, 3}, By: "2"}, {At: Span{1, 3}, By: "11"}}, "a11b2c", map[string]Span{"2": {4, 1}, "11": {1, 2}}, false},
		{"an insertion", "ac", []Piece{{At: Span{1, 0}, By: "b"}}, "abc", map[string]Span{"b": {1, 1}}, false},
		{"overlapping", "abcdef", []Piece{{At: Span{1, 3}, By: "x"}, {At: Span{2, 1}, By: "y"}}, "", nil, true},
		{"past the end", "abc", []Piece{{At: Span{2, 2}, By: "x"}}, "", nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := make([]Span, len(tt.pieces))
			for i := range tt.pieces {
				tt.pieces[i].Span = &got[i]
			}
			var out bytes.Buffer
			out.WriteString("prefix:") // spans count from where Splice began
			err := Splice(&out, []byte(tt.page), tt.pieces)
			if tt.bad {
				if err == nil {
					t.Errorf("Splice = %q, want an error", out.String())
				}
				return
			}
			if err != nil || out.String() != "prefix:"+tt.want {
				t.Fatalf("Splice = %q, %v; want %q", out.String(), err, "prefix:"+tt.want)
			}
			for _, pc := range tt.pieces {
				if *pc.Span != tt.spans[pc.By] {
					t.Errorf("piece %q went to %+v, want %+v", pc.By, *pc.Span, tt.spans[pc.By])
				}
			}
		})
	}
}
