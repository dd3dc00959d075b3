package highlight

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestYAMLMatchesChroma checks snippets of YAML, most of them chroma's
// quirks, for exactly chroma's tokens.
func TestYAMLMatchesChroma(t *testing.T) {
	for _, code := range []string{
		"key: value\n",
		"{cpu: 1, mem: 2}\n",
		"- name: web\n  image: nginx:1.25\n",
		"---\nkind: Pod\n...\n",
		"requests: {cpu: 100m, memory: 128Mi}\n",
		"ports: [80, 443]\nweights: [0.5, 1.5e3, .5, -1, +2, 0x1f, 0o17, .inf]\n",
		"enabled: true\ndebug: off\nmode: on-call\nanswer: N/A\nnothing: null # none\n",
		"msg: \"a \\\"quoted\\\" word\"\nother: 'it''s'\n",
		"multi: \"first\n  second\"\n",
		"\"quoted key\": 1\n\"a\": \"b\": c\n",
		"expr: |\n  sum(rate(x[5m]))\n    / 2\n\n  > 0.5\nfor: 10m\n",
		"desc: >-\n  folded\n  text\nnext: 1\n",
		"bad: |  \n  not a block\n",
		"empty: |\n\n  after blank\n",
		"base: &base\n  a: 1\nderived:\n  <<: *base\n  b: !!str 2\n",
		"when: 2024-01-02\nat: 2024-01-02T03:04:05.5Z\nzone: 2024-01-02 03:04:05 +02\n",
		"url: http://example.com: x\npath: //not/a/key\n",
		"value # with: colon\nplain text # comment # two\nx //y //z\n",
		"? - complex\n: value\n",
		"-\n- \n-x\n",
		"%include other.yaml\n%include   \n",
		"k: \"unterminated \\\" quote\nnext: \"x\"\n",
		"k: 'a\\'b\n",
		"1.5s 10m 5 1.6.13 1.x 1. 1e5x\n",
		"{a: 1}: x\n[a, b]: c\n",
		"key:\n  nested:\n    - one\n    - two # c\n",
		"a: b: c\n",
		"on: [push, pull_request]\n",
		"run: echo \"hi\" && exit 1\n",
		"*alias\n&anchor\n!!\n!tag x\n@at\n",
		"\t- tab\n",
		"x: y\ny: 'single'\n",
	} {
		checkTokensEqualChroma(t, "yaml", code)
	}
}

// TestYAMLRandomMatchesChroma compares scanYAML with chroma on random
// strings of YAML fragments.
func TestYAMLRandomMatchesChroma(t *testing.T) {
	checkRandomFragments(t, "yaml", []string{
		"key", "a b", ": ", ":", " ", "\t", "\n", "\n  ", "\n    ", "\n\n",
		"- ", "-", "? ", "?", "#", " #", "//", " //", "\"", "'", "\\", "\\\"",
		"{", "}", "[", "]", ",", "|", ">", "|-", ">+", "&a", "*a", "!!str",
		"!", "@", "%include x", "---", "...", "0", "1", "99", "5.", ".5",
		"1.5", "e3", "e+3", "0x1f", "0o7", ".inf", ".nan", "+", "true", "no",
		"n", "Y", "null", "on", "2024-01-02", "T10:11:12", " 10:11:12", "Z",
		" +02", "a: b", "\"k\": ", "http://x",
	})
}

// FuzzYAMLMatchesChroma looks for ASCII input on which scanYAML and
// chroma's YAML lexer disagree.
func FuzzYAMLMatchesChroma(f *testing.F) {
	fuzzTokensEqualChroma(f, "yaml")
}

// checkTokensEqualChroma fails t unless lang's scanner gives exactly chroma's
// tokens for code.
func checkTokensEqualChroma(t *testing.T, lang, code string) {
	t.Helper()
	got := chromaTokenString(scanners[lang](code))
	var want string
	// chroma's regexps give up after 250ms, which a loaded machine can
	// make them do on small input, so a difference must be repeatable.
	for try := 0; try < 3; try++ {
		toks, _ := ChromaTokens(lang, code)
		if want = chromaTokenString(toks); got == want {
			return
		}
	}
	t.Errorf("%s %q:\n got: %s\nwant: %s", lang, code, got, want)
}

// fuzzTokensEqualChroma fuzzes lang's scanner against chroma on inputs that
// avoid the known differences: only printable ASCII, tabs and newlines.
func fuzzTokensEqualChroma(f *testing.F, lang string) {
	files, _ := filepath.Glob(filepath.Join("testdata/corpus", lang, "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, code string) {
		code = ensureNL(code)
		for i := 0; i < len(code); i++ {
			if c := code[i]; c != '\n' && c != '\t' && (c < ' ' || c > '~') {
				return
			}
		}
		checkTokensEqualChroma(t, lang, code)
	})
}

// checkRandomFragments compares lang's scanner with chroma on a few
// thousand strings of up to 40 random fragments.
func checkRandomFragments(t *testing.T, lang string, fragments []string) {
	r := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		var b strings.Builder
		for k := r.Intn(40); k >= 0; k-- {
			b.WriteString(fragments[r.Intn(len(fragments))])
		}
		checkTokensEqualChroma(t, lang, ensureNL(b.String()))
		if t.Failed() {
			return
		}
	}
}

func chromaTokenString(toks []chroma.Token) string {
	var b strings.Builder
	for _, tok := range toks {
		fmt.Fprintf(&b, "%v%q ", tok.Type, tok.Value)
	}
	return b.String()
}

// TestYAMLAndSQLCorpusExactly holds the YAML and SQL scanners to
// chroma's exact tokens, whitespace types included, on their corpora.
func TestYAMLAndSQLCorpusExactly(t *testing.T) {
	for _, lang := range []string{"yaml", "sql"} {
		files, _ := filepath.Glob(filepath.Join("testdata/corpus", lang, "*"))
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			checkTokensEqualChroma(t, lang, ensureNL(string(b)))
		}
	}
}
