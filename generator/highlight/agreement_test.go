package highlight

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// minAgreement is the share of non-space bytes on which a scanner of this
// package must give the same token type as chroma's lexer, over each
// language's corpus in testdata/corpus/LANG/.
const minAgreement = 0.97

// TestAgreesWithChroma lexes every corpus file with both the hand-written
// scanner and chroma and compares token types byte by byte. Run with -v
// to see where they differ.
func TestAgreesWithChroma(t *testing.T) {
	dirs, err := os.ReadDir("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, d := range dirs {
		lang := d.Name()
		covered[lang] = true
		if _, ok := scanners[lang]; !ok {
			t.Errorf("testdata/corpus/%s: no scanner for %q", lang, lang)
			continue
		}
		t.Run(lang, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join("testdata/corpus", lang, "*"))
			if len(files) == 0 {
				t.Fatalf("no corpus files for %s", lang)
			}
			var same, total int
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				code := ensureNL(string(b))
				fast := scanners[lang](code)
				checkTokens(t, f, code, fast)
				slow, ok := ChromaTokens(lang, code)
				if !ok {
					t.Fatalf("chroma has no lexer for %s", lang)
				}
				s, n, diffs := compareTypes(code, fast, slow)
				same += s
				total += n
				if n > 0 && s < n {
					t.Logf("%s: %.1f%% agree; first differences:\n%s", f, 100*float64(s)/float64(n), strings.Join(diffs, "\n"))
				}
			}
			got := float64(same) / float64(total)
			t.Logf("%s: %d files, %.2f%% of %d non-space bytes agree with chroma", lang, len(files), 100*got, total)
			if got < minAgreement {
				t.Errorf("%s agrees with chroma on %.2f%% of bytes, want at least %.0f%%", lang, 100*got, 100*minAgreement)
			}
		})
	}
	// Every scanner is held to the comparison, aliases aside.
	for lang, scan := range scanners {
		if covered[lang] {
			continue
		}
		aliased := false
		for other, s := range scanners {
			if covered[other] && fmt.Sprintf("%p", s) == fmt.Sprintf("%p", scan) {
				aliased = true
			}
		}
		if !aliased {
			t.Errorf("scanner %q has no corpus in testdata/corpus/%s", lang, lang)
		}
	}
}

// checkTokens fails t unless toks are non-empty values that concatenate to
// exactly code.
func checkTokens(t testing.TB, name, code string, toks []chroma.Token) {
	t.Helper()
	var b strings.Builder
	for i, tok := range toks {
		if tok.Value == "" {
			t.Fatalf("%s: token %d (%v) is empty", name, i, tok.Type)
		}
		b.WriteString(tok.Value)
	}
	if b.String() != code {
		t.Fatalf("%s: tokens do not add up to the input\n got: %q\nwant: %q", name, b.String(), code)
	}
}

// compareTypes counts the non-space bytes of code and those on which a and
// b agree, and describes up to eight differing spans.
func compareTypes(code string, a, b []chroma.Token) (same, total int, diffs []string) {
	ta, tb := typesByByte(code, a), typesByByte(code, b)
	type span struct {
		from, to int
		a, b     chroma.TokenType
	}
	var spans []span
	for i := 0; i < len(code); i++ {
		if isSpace(code[i]) {
			continue
		}
		total++
		if ta[i] == tb[i] {
			same++
			continue
		}
		if n := len(spans); n > 0 && spans[n-1].to == i && spans[n-1].a == ta[i] && spans[n-1].b == tb[i] {
			spans[n-1].to = i + 1
			continue
		}
		spans = append(spans, span{i, i + 1, ta[i], tb[i]})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	for i, s := range spans {
		if i == 8 {
			diffs = append(diffs, fmt.Sprintf("  … %d more", len(spans)-8))
			break
		}
		line := 1 + strings.Count(code[:s.from], "\n")
		diffs = append(diffs, fmt.Sprintf("  line %d %q: scanner %v, chroma %v", line, code[s.from:s.to], s.a, s.b))
	}
	return same, total, diffs
}

func typesByByte(code string, toks []chroma.Token) []chroma.TokenType {
	out := make([]chroma.TokenType, len(code))
	i := 0
	for _, tok := range toks {
		for j := 0; j < len(tok.Value) && i < len(out); j++ {
			out[i] = tok.Type
			i++
		}
	}
	return out
}

// FuzzScanners checks that every scanner terminates, never panics and
// accounts for every byte of its input, and that writeHTML writes its
// tokens as chroma's formatter would.
func FuzzScanners(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*/*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("")
	f.Add("\"\\")
	langs := make([]string, 0, len(scanners))
	for lang := range scanners {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	f.Fuzz(func(t *testing.T, code string) {
		code = ensureNL(code)
		for _, lang := range langs {
			toks := scanners[lang](code)
			checkTokens(t, lang, code, toks)
			var want, got bytes.Buffer
			if err := formatter.Format(&want, lightStyle, chroma.Literator(toks...)); err != nil {
				t.Fatal(err)
			}
			writeHTML(&got, toks)
			if got.String() != want.String() {
				t.Fatalf("%s: writeHTML differs from chroma's formatter\n got: %q\nwant: %q", lang, got.String(), want.String())
			}
		}
	})
}

// TestWriteHTMLMatchesChroma holds writeHTML to chroma's own formatter,
// byte for byte, on every corpus file and a few edge cases.
func TestWriteHTMLMatchesChroma(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*/*")
	cases := map[string][]chroma.Token{
		"empty":              nil,
		"newlines only":      {{Type: chroma.Text, Value: "\n\n\n"}},
		"no final newline":   {{Type: chroma.Keyword, Value: "if"}, {Type: chroma.Text, Value: " x"}},
		"token across lines": {{Type: chroma.LiteralString, Value: "\"a\nb\n\""}, {Type: chroma.Text, Value: "\n"}},
		"escapes":            {{Type: chroma.Operator, Value: "<>&'\""}, {Type: chroma.NameTag, Value: "\n"}},
		"unknown type":       {{Type: chroma.TokenType(99999), Value: "x\n"}},
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lang := filepath.Base(filepath.Dir(f))
		toks, _ := Tokens(lang, string(b))
		cases[f] = toks
	}
	for name, toks := range cases {
		var want, got bytes.Buffer
		if err := formatter.Format(&want, lightStyle, chroma.Literator(toks...)); err != nil {
			t.Fatal(err)
		}
		writeHTML(&got, toks)
		if got.String() != want.String() {
			t.Errorf("%s: writeHTML differs from chroma's formatter\n got: %q\nwant: %q", name, got.String(), want.String())
		}
	}
}
