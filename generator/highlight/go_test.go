package highlight

import (
	"math/rand"
	"strings"
	"testing"
)

// goCases are snippets on which scanGo must give exactly chroma's tokens.
var goCases = []string{
	// Keywords, builtins, types and function names.
	"package main\nimport \"fmt\"\n",
	"func main() { fmt.Println(len(x), cap (y), string(b), string (b)) }",
	"var x any = any(nil); type T struct{}; const c = iota",
	"x := new(T); m := make(map[string]int); clear(m); _ = min(1, 2) + max (3, 4)",
	"go f(); defer g()\nselect {}\nfor range ch {}\ngoto L\nfallthrough",
	"int64(x) + float(y) + uintptr (z) + error(nil) + panicky(1) + panic(err)",
	"f\n(x); g\t(y)",
	"importer importance packages types gopher _ _x x_1 (",
	"héllo(x); élan(x); 世界 := 1",
	// Numbers.
	"0 1 42 1_000 0755 0778 089 0x1F 0XdeadBEEF 0x_1 0xg 0b1010 0b_1 0B11 0o17",
	"1.5 1. .5 1.5e10 1.5E-3 1e6 1e+6 1e 1.e5 .5e3 .5e+3i 0.5i 1i 1.5e+3i 1.5e3i 1e+3i 1e3i 12ia",
	"0x1p-2 1_000.5 0_7 07_7 123if x.5 x..5 1..2",
	// Runes and strings.
	`'a' '\n' '\'' '"' '\\' '\x41' '\101' '\1' '\u2603' '\U0001F600' '☃' '''`,
	"'\\x4'\n'\\1234'\n'\\q'\n''\n'ab'\n'\n",
	"\"plain\" \"esc \\\" q\" \"back\\\\\" \"multi\nline\"",
	"x := \"unterminated\ny := 1\n",
	"x := \"a\\\"b\ny := 2\nz := \\\"c\n",
	"s := `raw\nstring with \\ and \"` + `x`",
	"s := `unterminated\nraw",
	// Raw strings lexed as templates.
	"t := `Hello {{.Name}}! {{- if .X -}}y{{else}}n{{end}}`",
	"t := `{{range $i, $v := .Items}}{{$i}}={{$v.Name | printf \"%q\"}}{{end}}`",
	"t := `{{/* a comment */}} {{- /* trimmed */ -}} {{/* not closed }} x`",
	"t := `{{ (gt .Count 0) }} {{ -1 }} {{ -1.5 }} {{ -.5 }} {{ -5i }} {{ 0x1F }} {{ 'c' }} {{ \"s\" }}`",
	"t := `{{ $ }} {{ $.X }} {{ $x.Y.Z }} {{ .5 }} {{ x := 1 }} {{ x = 2 }} {{ a : b }}`",
	"t := `{{ ( }} ) }} {{ ) }} {{ { }} {{{ x }}} { } {{ unclosed`",
	"t := `{{ if }}\n{{ end }}`",
	// Comments.
	"// plain\n//go:build linux\n//nolint\n//\n/* block */ /**/ /*/ x */\n",
	"/* multi\nline\n*/ x /* a */ /* b */",
	"x /* unterminated\ny := 1 / 2 /* again\n",
	"/\\\n* odd but allowed *\\\n/ x",
	// Operators and punctuation.
	"a <<= b >>= c << d >> e <= f >= g &^= h &^ i += j -= k *= l /= m %= n &= o |= p",
	"a && b || c <- d ++ -- == != := ... + - * / % & | ^ < > = ! ( ) [ ] { } . , ; : ~",
	"a ^= b; a++=b; x===y; x!==y; x:==y; x<<<y; a->b; x &&= y; .. ....",
	"a # b $ c ? d @ e \\ f",
	// Labels, methods, generics.
	"loop:\n\tfor {\n\t\tbreak loop\n\t}\n",
	"func (s *Set[K]) Add(k K) {}\nfunc Map[S ~[]E, E any](s S) {}",
}

func TestScanGoMatchesChroma(t *testing.T) {
	for _, c := range goCases {
		compareGo(t, ensureNL(c))
	}
}

// TestScanGoFragments compares scanGo with chroma on random sequences of
// Go fragments, which put tokens next to each other in unusual ways.
func TestScanGoFragments(t *testing.T) {
	frags := []string{
		"x", "if", "func", "len", "string", "(", ")", "{", "}", "[", "]", " ",
		"\n", "\t", ".", "..", ":", "=", "<", "-", "+", "*", "/", "&", "^", "|",
		"!", "0", "1", "7", "8", "x1", "e", "E", "i", "_", "0x", "0b", "'", "\"",
		"`", "\\", "//", "/*", "*/", "{{", "}}", "$", "#", "a'", "'\\", "\\\"",
		"1.5", "e+", "go", "nil", "any", "max", "import", "  ", "-}}", "{{-",
		"{{/*", ",", ":=", "range", "end", ".X", "$x", "1e3", "1e+3i", "'a'",
		"\"s\"", "\\\n", "*\\\n/", "/\\\n*", "'\\x41'", "é", "世",
	}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < goFragmentRuns; n++ {
		var b strings.Builder
		for k := r.Intn(16); k >= 0; k-- {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		compareGo(t, b.String()+"\n")
	}
}

// goFragmentRuns is how many random snippets TestScanGoFragments tries.
var goFragmentRuns = 500

// compareGo fails t unless scanGo and chroma lex code to the same tokens.
func compareGo(t *testing.T, code string) {
	t.Helper()
	checkTokensEqualChroma(t, "go", code)
}

// FuzzScanGo compares scanGo with chroma on any input made of printable
// ASCII, tabs and newlines (chroma reads non-ASCII as Unicode and turns
// "\r" into "\n", both known differences).
func FuzzScanGo(f *testing.F) {
	for _, c := range goCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, code string) {
		code = ensureNL(code)
		for i := 0; i < len(code); i++ {
			if c := code[i]; (c < ' ' || c > '~') && c != '\n' && c != '\t' {
				checkTokens(t, code, code, scanGo(code))
				return
			}
		}
		compareGo(t, code)
	})
}
