package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/almanac-handbook/almanac/generator/site"
)

// tokenCases are texts whose tokens are easy to get wrong.
var tokenCases = []string{
	"",
	" ",
	"a",
	"ab",
	"a b c",
	"Hello, World!",
	"The quick brown fox jumps over the lazy dog.",
	"snake_case camelCase kebab-case dotted.name path/to/file",
	"HTTP/2 500ms 99.9% v1.26 2024-05-01 3 a.m. p99",
	"x1 1x 12 1 é éé",
	"Zürich café naïve résumé Straße STRASSE",
	"İstanbul İİ İ iİ",           // U+0130 lowers to i + combining dot? No: to 'i' (1 byte from 2).
	"ΣΊΣΥΦΟΣ Σίσυφος ΌΣΟΣ",       // final sigma
	"ǅungla ǈ ǋ",                 // title-case digraphs
	"\u212a \u212b K\u212aK ẞ",   // Kelvin and Ångström signs lower to k and å; capital sharp s
	"e\u0301te\u0301 cafe\u0301", // combining acute accents split terms
	"ﬁne ﬀ",                      // ligatures
	"٣٤ १२३ ２０２４ Ⅻ ⅻ ① ⓐⓑ",       // digits of other scripts, Roman numerals, circled
	"日本語のテキスト 中文 한국어",            // CJK letters
	"abc\u2028def\u2029ghi",      // line and paragraph separators
	"<script>alert(1)</script> &amp; \"quoted\" \\back\\",
	"bad\xffutf8 \xe2\x82 trunc\xe2\x82ated \xc0\xaf overlong \xed\xa0\x80 surrogate",
	"\xff\xfe\xfd",
	"a\x00b \x01\x1f\x7f ok",
	strings.Repeat("a", 39) + " " + strings.Repeat("b", 40) + " " + strings.Repeat("c", 41),
	strings.Repeat("é", 20) + " " + strings.Repeat("é", 21) + " " + strings.Repeat("É", 20),
	strings.Repeat("İ", 20) + " " + strings.Repeat("İ", 21) + " " + strings.Repeat("İ", 40) + " " + strings.Repeat("İ", 41),
	strings.Repeat("Ⱥ", 20) + " " + strings.Repeat("Ⱥ", 14) + "x", // Ⱥ (2 bytes) lowers to ⱥ (3 bytes)
	strings.Repeat("ⱥ", 13) + " " + strings.Repeat("Ⱥ", 13) + "a" + " " + strings.Repeat("Ⱥ", 14),
	"日本",
	"日",
	"a日",
	"\U0001F600 emoji\U0001F600emoji",
	"end-with-term",
}

func TestTokensMatchReference(t *testing.T) {
	for _, text := range tokenCases {
		got, want := Tokens(text), refTokens(text)
		if !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"a", nil},
		{"Hello, World!", []string{"hello", "world"}},
		{"HTTP/2 v1.26", []string{"http", "v1", "26"}},
		{"Straße", []string{"straße"}},
		{"İstanbul", []string{"istanbul"}}, // unicode.ToLower('İ') is 'i', one byte shorter
		{"日本", []string{"日本"}},
		{"<script>", []string{"script"}},
		{"a\u2028bc", []string{"bc"}},
		{"ab\xffcd", []string{"ab", "cd"}},
		{strings.Repeat("a", 40) + " " + strings.Repeat("b", 41), []string{strings.Repeat("a", 40)}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// manyWords returns n distinct words.
func manyWords(n int, prefix string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%d ", prefix, i)
	}
	return b.String()
}

// equivPages are pages whose entries are easy to get wrong.
func equivPages() []*site.Page {
	pages := []*site.Page{
		{Path: "empty/", Template: "t"},
		{Path: "404.html", Template: "t", Title: "Not found"},
		{Path: "raw.json", Title: "raw"},
		{Path: "hidden/", Template: "t", Title: "Hidden", NoSearch: true},
		{Path: "x/", Template: "t", Title: "</script><script>alert(1)</script>", Text: "a\u2028b & c > d"},
		{
			Path: "adr/1/", Kind: "adr", Template: "t", Title: "Use Kafka", Badge: "accepted",
			Tags: []string{"messaging", "kafka", "two words"}, Description: "Why Kafka",
			TOC:  []site.Heading{{Text: "Context"}, {Text: "Decision: Kafka"}},
			Text: "We choose kafka because context matters. Decision made.",
		},
		{Path: "tags/", Template: "t", Tags: []string{"a", "b", "ab", "cd\xff", "\xe2", "\x82x"}},
		{Path: "bad/", Template: "t", Title: "bad\xffutf8", Badge: "\xc3", Kind: "k\xe2\x80\xa8", Text: "\xff\xfe " + strings.Repeat("\xffword ", 50)},
		// More than maxBodyTerms distinct body terms, some also in other
		// fields, some after the cut-off in the title.
		{
			Path: "big/", Template: "t", Title: "w1 w2500 title", Description: "w3 w2999",
			TOC:  []site.Heading{{Text: "w1999 w2000 w2001"}},
			Text: manyWords(3000, "w") + " w0 w1 w5",
		},
		{Path: "exact/", Template: "t", Text: manyWords(maxBodyTerms, "t") + " t0 t1 extra"},
		// What a page shows besides its body: with a body, without one.
		{Path: "level/", Kind: "ladder", Template: "t", Title: "E2", Words: "Designs services alone; mentors juniors."},
		{Path: "service/", Kind: "service", Template: "t", Title: "Ledger", Text: "Body text.", Words: "Double-entry ledger " + manyWords(maxBodyTerms+3, "v")},
		{Path: "dups/", Template: "t", Text: strings.Repeat("x1 ", 5000) + manyWords(maxBodyTerms+5, "d")},
	}
	for i, text := range tokenCases {
		pages = append(pages, &site.Page{Path: fmt.Sprintf("case/%d/", i), Template: "t", Title: text, Text: text + " " + text})
		pages = append(pages, &site.Page{Path: fmt.Sprintf("desc/%d/", i), Template: "t", Description: text, TOC: []site.Heading{{Text: text}}})
	}
	// Snippets around the 160-rune limit.
	for _, n := range []int{159, 160, 161, 162} {
		for _, r := range []string{"a", "é", "\xff", "日"} {
			s := strings.Repeat(r, n)
			pages = append(pages,
				&site.Page{Path: "snip/desc/", Template: "t", Description: s},
				&site.Page{Path: "snip/text/", Template: "t", Text: s},
				&site.Page{Path: "snip/words/", Template: "t", Text: " \t" + strings.Repeat(r+" \n ", n/2) + "end\u00a0\u2003 x\u0085y  "},
				&site.Page{Path: "snip/long/", Template: "t", Text: strings.Repeat(r, n-2) + " " + strings.Repeat(r, 300)},
			)
		}
	}
	return append(pages, benchPages(30)...)
}

// entryTerms returns e's terms as a map, as the reference keeps them.
func entryTerms(e Entry) map[string]int32 {
	m := map[string]int32{}
	for _, tw := range e.terms {
		if _, dup := m[tw.term]; dup {
			panic("term twice in an entry: " + tw.term)
		}
		m[tw.term] = tw.weight
	}
	return m
}

func TestNewEntryMatchesReference(t *testing.T) {
	pages := equivPages()
	entries := Entries(pages)
	n := 0
	for _, p := range pages {
		want, wantOK := refNewEntry(p)
		got, ok := NewEntry(p)
		if ok != wantOK {
			t.Fatalf("NewEntry(%s) ok = %v, want %v", p.Path, ok, wantOK)
		}
		if !ok {
			continue
		}
		if got.Doc != want.Doc {
			t.Errorf("NewEntry(%s).Doc = %+v, want %+v", p.Path, got.Doc, want.Doc)
		}
		if !maps.Equal(entryTerms(got), want.terms) {
			t.Errorf("NewEntry(%s) terms differ:\ngot  %v\nwant %v", p.Path, entryTerms(got), want.terms)
		}
		// Entries shares one indexer across pages; it must not matter.
		if entries[n].Doc != want.Doc || !maps.Equal(entryTerms(entries[n]), want.terms) {
			t.Errorf("Entries()[%d] (%s) differs from the reference", n, p.Path)
		}
		n++
	}
	if n != len(entries) {
		t.Errorf("Entries returned %d entries, want %d", len(entries), n)
	}
}

func TestBuildMatchesReference(t *testing.T) {
	for _, pages := range [][]*site.Page{nil, {{Path: "raw.json"}}, equivPages()} {
		want, err := refScript(refBuild(pages))
		if err != nil {
			t.Fatal(err)
		}
		for name, idx := range map[string]*Index{"Build": build(pages, PartDocs)[0], "Assemble": Assemble(Entries(pages), PartDocs)[0]} {
			got, err := idx.Script()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s(%d pages).Script() differs from the reference:\n%s", name, len(pages), firstDiff(got, want))
			}
		}
	}
}

// TestAssembleMixedEntries checks an index made of entries from different
// indexers, as a Session makes it after an edit.
func TestAssembleMixedEntries(t *testing.T) {
	pages := equivPages()
	var indexed []*site.Page
	for _, p := range pages {
		if Indexed(p) {
			indexed = append(indexed, p)
		}
	}
	entries := Entries(pages)
	for i := 0; i < len(entries); i += 3 {
		entries[i], _ = NewEntry(indexed[i])
	}
	want, _ := refScript(refBuild(pages))
	got, _ := Assemble(entries, PartDocs)[0].Script()
	if !bytes.Equal(got, want) {
		t.Errorf("Assemble of mixed entries differs from the reference:\n%s", firstDiff(got, want))
	}
}

// TestScriptOddIndexes checks indexes Build does not make but a caller
// could: nil fields, empty postings, any strings.
func TestScriptOddIndexes(t *testing.T) {
	var odd []string
	odd = append(odd, tokenCases...)
	for c := range 0x80 {
		odd = append(odd, string(rune(c)))
	}
	docs := []Doc{{}}
	for _, s := range odd {
		docs = append(docs, Doc{Title: s, Path: s, Kind: s, Badge: s, Snippet: s}, Doc{Title: s, Snippet: s})
	}
	terms := map[string][]int32{"": {}, "nil": nil, "neg": {-1, -2147483648, 2147483647, 0, 10, 99, 100}}
	for i, s := range odd {
		terms[s+"k"] = []int32{int32(i), int32(i * 1000)}
	}
	for _, idx := range []*Index{
		{},
		{Version: -7, Docs: []Doc{}, Terms: map[string][]int32{}},
		{Version: 1, Docs: docs, Terms: terms},
	} {
		wantScriptLikeJSON(t, idx)
	}
}

// firstDiff describes where got and want first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-40)
	return fmt.Sprintf("at byte %d (of %d, want %d):\ngot  %q\nwant %q", i, len(got), len(want),
		got[from:min(len(got), i+40)], want[from:min(len(want), i+40)])
}

func FuzzTokens(f *testing.F) {
	for _, text := range tokenCases {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := Tokens(text), refTokens(text)
		if !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", text, got, want)
		}
	})
}

// FuzzEntry checks NewEntry, with its snippet, against the reference.
func FuzzEntry(f *testing.F) {
	for _, text := range tokenCases {
		f.Add(text, text, text, text)
	}
	f.Add("Title", "desc", "a b c", strings.Repeat("word ", 200))
	f.Fuzz(func(t *testing.T, title, description, tags, text string) {
		var toc []site.Heading
		for h := range strings.SplitSeq(description, "\n") {
			toc = append(toc, site.Heading{Text: h})
		}
		p := &site.Page{Path: "p/", Template: "t", Title: title, Description: description, TOC: toc,
			Tags: strings.Split(tags, ","), Kind: tags, Badge: title, Text: text}
		if len(description)%2 == 0 {
			p.Description = "" // so the snippet comes from the text
		}
		want, _ := refNewEntry(p)
		got, _ := NewEntry(p)
		if got.Doc != want.Doc {
			t.Errorf("Doc = %+v, want %+v", got.Doc, want.Doc)
		}
		if !maps.Equal(entryTerms(got), want.terms) {
			t.Errorf("terms = %v, want %v", entryTerms(got), want.terms)
		}
	})
}

func FuzzScript(f *testing.F) {
	for _, text := range tokenCases {
		f.Add(text, text, 1)
	}
	f.Add("<b>&amp;</b>", "a\u2028\u2029", -5)
	f.Fuzz(func(t *testing.T, a, b string, n int) {
		pages := []*site.Page{
			{Path: a, Template: "t", Title: b, Badge: a, Kind: b, Text: a + " " + b},
			{Path: b, Template: "t", Title: a, Description: b, Tags: []string{a}, Text: b},
		}
		idx := build(pages, PartDocs)[0]
		idx.Version = n
		idx.Docs = append(idx.Docs, Doc{Title: a, Path: b, Snippet: a + b})
		idx.Terms[a] = []int32{int32(n), int32(len(b))}
		if utf8.ValidString(b) {
			idx.Terms[b] = nil
		}
		wantScriptLikeJSON(t, idx)
	})
}

func TestAppendInts(t *testing.T) {
	values := []int32{0, 1, 9, 10, 11, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 123456789, 1e9, 2147483647, -1, -9, -10, -99999, -100000, -2147483648}
	for _, n := range []int{0, 1, 2, 63, 64, 65, 128, 129, 1000} {
		vs := make([]int32, n)
		for i := range vs {
			vs[i] = values[i%len(values)]
		}
		want, err := json.Marshal(vs)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendInts([]byte("x"), vs); string(got) != "x"+string(want) {
			t.Errorf("appendInts(%d values) = %s, want x%s", n, got, want)
		}
	}
	for _, v := range values {
		if got, want := intLen(v), len(strconv.Itoa(int(v))); got != want {
			t.Errorf("intLen(%d) = %d, want %d", v, got, want)
		}
	}
}

// wantScriptLikeJSON fails t unless idx.Script gives what json.Marshal of
// the reference form does.
func wantScriptLikeJSON(t *testing.T, idx *Index) {
	t.Helper()
	want, err := refScript(idx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := idx.Script()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Script() differs from json.Marshal:\n%s", firstDiff(got, want))
	}
}
