package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

// refTOC is the table of contents as the layout's template wrote it, the
// reference TOCHTML must agree with byte for byte.
var refTOC = template.Must(template.New("toc").Parse(`{{if gt (len .) 2}}
    <nav class="toc" aria-label="On this page">
      <details open><summary>On this page</summary>
      <ul>{{range .}}<li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}</ul>
      </details>
    </nav>
{{- end}}`))

func refTOCHTML(t *testing.T, toc []site.Heading) string {
	t.Helper()
	var b strings.Builder
	if err := refTOC.Execute(&b, toc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func heading(level int, id, text string) site.Heading {
	return site.Heading{Level: level, ID: id, Text: text}
}

func TestTOCHTML(t *testing.T) {
	tests := [][]site.Heading{
		nil,
		{heading(2, "a", "A"), heading(2, "b", "B")},
		{heading(2, "intro", "Intro"), heading(3, "details", "Details"), heading(2, "notes", "Notes")},
		{
			heading(2, "quotes-and-amps", `"Quoted" & 'single' <b>tag</b> a+b`),
			heading(2, "ünïcode-日本", "Ünïcode 日本語 \u2028 \x00 nul"),
			heading(3, "javascript:alert(1)", "javascript:alert(1)"),
			heading(4, "a b/c?d#e%f", "bad \xff\xfe utf8 \xef\xb7\x90 nonchar"),
			heading(6, "", ""),
		},
	}
	for _, toc := range tests {
		if got, want := string(TOCHTML(toc)), refTOCHTML(t, toc); got != want {
			t.Errorf("TOCHTML(%+v):\n got %s\nwant %s", toc, got, want)
		}
	}
}

// FuzzTOCHTML checks TOCHTML's escaping against html/template's.
func FuzzTOCHTML(f *testing.F) {
	f.Add(2, "intro", "Intro", "a b", `"x" & <y> + 'z'`)
	f.Add(3, "\x00\xff", "\x00\xff\u2028", "日本", "ü")
	f.Fuzz(func(t *testing.T, level int, id1, text1, id2, text2 string) {
		toc := []site.Heading{heading(level, id1, text1), heading(level+1, id2, text2), heading(level, id2+id1, text2+text1)}
		if got, want := string(TOCHTML(toc)), refTOCHTML(t, toc); got != want {
			t.Errorf("TOCHTML(%+v):\n got %s\nwant %s", toc, got, want)
		}
	})
}
