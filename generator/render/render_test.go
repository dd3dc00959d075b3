package render

import (
	"bytes"
	"html/template"
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
		page          string
		body, changed int
		ok            bool
	}{
		{"<p>no marks</p>", -1, -1, true},
		{"<main>" + bodyMark + "</main>", 6, -1, true},
		{"<main>" + bodyMark + "</main><footer>" + changedMark + "</footer>", 6, 6 + len(bodyMark) + 15, true},
		{changedMark + bodyMark, len(changedMark), 0, true},
		{"<almanac-other/>" + bodyMark, 16, -1, true},
		{"<almanac-body-" + bodyMark, 14, -1, true},
		{bodyMark + bodyMark, 0, -1, false},
		{bodyMark + changedMark + changedMark, 0, len(bodyMark), false},
	} {
		body, changed, ok := findMarks([]byte(tt.page))
		if ok != tt.ok || ok && (body != tt.body || changed != tt.changed) {
			t.Errorf("findMarks(%q) = %d, %d, %v; want %d, %d, %v", tt.page, body, changed, ok, tt.body, tt.changed, tt.ok)
		}
	}
}
