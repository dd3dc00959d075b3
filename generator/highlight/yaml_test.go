package highlight

import (
	"os"
	"path/filepath"
	"testing"
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
