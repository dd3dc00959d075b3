package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

func TestParseMarkdownErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"never closed", "---\ntitle: x\nbody\n", []string{
			"doc.md:1:1: error: front matter starts with --- on line 1 but is never closed; add a line containing only --- after the last front matter line [frontmatter]"}},
		{"tab indentation", "---\ntitle: x\nlist:\n\t- a\n---\n", []string{
			"doc.md:4:1: error: invalid YAML: found character that cannot start any token; YAML does not allow tabs for indentation, use spaces [yaml]"}},
		{"unclosed quote", "---\ntitle: \"abc\n---\n", []string{
			"doc.md:2:8: error: invalid YAML: the text quoted with \" here is never closed; end it with \" [yaml]"}},
		{"unclosed flow list", "---\ntitle: [broken\nstatus: x\n---\n", []string{
			"doc.md:2:8: error: invalid YAML: [ is never closed; close it with ], or put the value in quotes if it is text [yaml]"}},
		{"a list closed with }", "---\ntitle: T\ntags: [a, b}\n---\n", []string{
			"doc.md:3:12: error: invalid YAML: } does not close the [ on line 3, column 7; write ] [yaml]"}},
		{"a list in a mapping closed with }", "---\nlinks: {a: \"http://x\", b: [1, 2}\n---\n", []string{
			"doc.md:2:32: error: invalid YAML: } does not close the [ on line 2, column 27; write ] [yaml]"}},
		{"unclosed flow mapping, brackets in quotes and comments before", "---\na: \"[x\" # [y\nb: [1, {c: 2}]\nd:\n  - {e: 3\n---\n", []string{
			"doc.md:5:5: error: invalid YAML: { is never closed; close it with }, or put the value in quotes if it is text [yaml]"}},
		{"too many [ in a paragraph", "---\ntitle: x\n---\nText.\n\n" + strings.Repeat("[", 1001) + "\n", []string{
			"doc.md:6:1001: error: this paragraph holds more than 1000 [ characters, more than Almanac parses in reasonable time: split it with blank lines, or write them as \\[ [markdown]"}},
		{"many [ in paragraphs, escaped and in code", "---\ntitle: x\n---\n" + strings.Repeat(strings.Repeat("[a] ", 900)+"\n\n", 3) + strings.Repeat(`\[`, 2000) + "\n\n```\n" + strings.Repeat("[", 5000) + "\n```\n", nil},
		{"quotes too deep", "---\ntitle: x\n---\n" + strings.Repeat("> ", 101) + "x\n", []string{
			"doc.md:4:1: error: this line nests 101 block quotes; Almanac reads at most 100, far more than a page needs: remove the extra > markers [markdown]"}},
		{"a list too deep", "---\ntitle: x\n---\n" + strings.Repeat(" ", 401) + "- x\n", []string{
			"doc.md:4:402: error: this list item is indented 401 columns, nested deeper than Almanac reads (400 columns): flatten the list [markdown]"}},
		{"not a mapping", "---\n- a\n- b\n---\n", []string{
			"doc.md:2:1: error: front matter must be a mapping of keys to values (key: value), not a list [frontmatter]"}},
		{"invalid utf8", "---\ntitle: a\xffb\n---\n", []string{
			"doc.md:2:9: error: invalid UTF-8 (byte 0xff); save the file as UTF-8 [encoding]"}},
		{"ok", "---\ntitle: x\n---\n# Body\n", nil},
		{"bom and crlf", "\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n", nil},
		{"no front matter", "# Title\n\ntext\n", nil},
		{"empty file", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags site.Diagnostics
			f := ParseMarkdown("doc.md", "doc.md", []byte(tt.src), &diags)
			var got []string
			for _, d := range diags.List() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
			// Every problem here keeps part of the file from being read.
			if f.Unread != (len(tt.want) > 0) {
				t.Errorf("Unread = %v with findings %q", f.Unread, got)
			}
		})
	}
}

func TestFrontMatterPositionsCountFromTopOfFile(t *testing.T) {
	var diags site.Diagnostics
	f := ParseMarkdown("doc.md", "doc.md", []byte("---\ntitle: x\nweight: heavy\n---\nline five\n"), &diags)
	var fm struct {
		Title  string `yaml:"title"`
		Weight int    `yaml:"weight"`
	}
	site.Decode(f.Path, f.Front, &fm, &diags)
	got := diags.List()
	if len(got) != 1 || got[0].String() != `doc.md:3:9: error: expected a whole number for "weight", got "heavy" [yaml]` {
		t.Errorf("got %v", got)
	}
	if f.BodyLine != 5 || string(f.Body) != "line five\n" {
		t.Errorf("body starts at line %d with %q", f.BodyLine, f.Body)
	}
	if p := f.BodyPos(5); p.Line != 5 || p.Col != 6 {
		t.Errorf("BodyPos(5) = %v", p)
	}
}

func TestBOMAndCRLFKeepLineNumbers(t *testing.T) {
	var diags site.Diagnostics
	f := ParseMarkdown("doc.md", "doc.md", []byte("\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n"), &diags)
	if f.Front == nil || f.BodyLine != 4 || string(f.Body) != "body\n" {
		t.Errorf("front=%v bodyLine=%d body=%q", f.Front, f.BodyLine, f.Body)
	}
}

func FuzzParseMarkdown(f *testing.F) {
	for _, s := range []string{"", "---\n", "---\n---\n", "---\ntitle: x\n---\nbody", "---\na: &a [*a]\n---\n", "\xef\xbb\xbf---\r\nx: 1\r\n...\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var diags site.Diagnostics
		doc := ParseMarkdown("f.md", "f.md", b, &diags)
		var v map[string]any
		if doc.Front != nil {
			site.Decode("f.md", doc.Front, &v, &diags)
		}
		for _, d := range diags.List() {
			if d.Pos.Line < 1 {
				t.Fatalf("diagnostic without a line: %v", d)
			}
		}
	})
}

// TestReadBodyMatchesLoad checks that reading a body again gives the bytes
// Load gave, whatever the file's front matter and line endings, and that
// a file edited in between is refused rather than rendered unchecked.
func TestReadBodyMatchesLoad(t *testing.T) {
	tests := []struct {
		name, file string
	}{
		{"front matter", "---\ntitle: A\n---\n# A\n\nText.\n"},
		{"no front matter", "# A\n\nText.\n"},
		{"dots close it", "---\ntitle: A\n...\nBody\n"},
		{"CRLF and BOM", "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nLine one\r\nLine two\r\n"},
		{"lone CR", "---\rtitle: A\r---\rBody\r"},
		{"empty", ""},
		{"only front matter", "---\ntitle: A\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
				t.Fatal(err)
			}
			abs := filepath.Join(root, "content", "a.md")
			if err := os.WriteFile(abs, []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			f := parseMarkdown("content/a.md", "a.md", []byte(tt.file), nil, &site.Diagnostics{})
			got, err := ReadBody(root, f)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(f.Body) {
				t.Errorf("ReadBody = %q, Load gave %q", got, f.Body)
			}

			if err := os.WriteFile(abs, []byte(tt.file+"edited\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadBody(root, f); !errors.Is(err, ErrChanged) {
				t.Errorf("after an edit, ReadBody error = %v, want ErrChanged", err)
			}
			if err := os.Remove(abs); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadBody(root, f); err == nil || !strings.Contains(err.Error(), "content/a.md") {
				t.Errorf("after removing the file, ReadBody error = %v, want one naming the file", err)
			}
		})
	}
}
