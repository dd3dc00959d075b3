package highlight

// Helpers that hold the scanners to chroma's exact tokens, shared by the
// tests of every language.

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// checkTokensEqualChroma fails t unless lang's scanner gives exactly chroma's
// tokens for code.
func checkTokensEqualChroma(t *testing.T, lang, code string) {
	t.Helper()
	toks := scanners[lang](code)
	checkTokens(t, lang, code, toks)
	got := chromaTokenString(toks)
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
