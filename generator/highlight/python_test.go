package highlight

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestPythonMatchesChroma holds scanPython to chroma's exact tokens on
// snippets that exercise each of its states.
func TestPythonMatchesChroma(t *testing.T) {
	for _, code := range []string{
		"#!/usr/bin/env python3\n# comment\nx = 1\n",
		"#!\n",
		"from __future__ import annotations\nfrom . import util\nfrom ..pkg.mod import (a, b)\n",
		"import os, sys\nimport os.path as osp, json as j\nimport\\\n  re\n",
		"raise ValueError('x') from None\nraise KeyError from err\n",
		"def __init__(self, *a, **kw) -> None: ...\ndef f(): pass\nasync def g(): await h()\n",
		"class A(B, metaclass=M):\n    pass\nclass 1A: pass\nclass\n",
		"@dataclass(frozen=True)\n@app . route('/')\nx = a @ b\ny = a@b\n",
		"x = 0x1F + 0o17 + 0b1010 + 1_000 + 1. + .5 + 1e-3 + 2.5E+4j + 1j + 0x + 0_1\n",
		"a != b == c << d >> e := f // g ** h -> i ~ j ^ k | l & m\n",
		"if a in b and not c or d is None: print(True, False)\n",
		"self.type = type(self); cls.print = print; x . len\n",
		"match re.match(p, s):\n    case [x, *rest]: pass\n    case _: pass\n",
		"yield from g\nyield  from g\nyield fromage\n",
		"s = \"a\\tb\\n\\x41\\101\\u00e9\\U0001F600\\N{BULLET}\\q\\\\\"\n",
		"s = r'\\d+\\'' + rb\"\\x00\" + Br'x' + u'y' + b\"\\x00\"\n",
		"s = '%s %d %05.2f %(name)s %% % o %-*d'\n",
		"s = '{} {0} {name} {0.attr} {0[key]} {!r} {:>10} {:*^20} {:,.2f} {{x}} {'\n",
		"s = f'{x} {x!r} {x=} {x = } {x:>10} {x:{w}.{p}f} {d[\"k\"]} {f(a, b)} {{esc}} {x:%Y-%m}'\n",
		"s = rf'{x}\\d' + fr\"{y}\\n\" + F'{z!s:^{w}}'\n",
		"s = f'''\n{\n  x +\n  y\n}\n'''\n",
		"s = f\"{'nested' + f'{inner}'}\"\n",
		"def f():\n    \"\"\"Docstring.\n\n    More.\n    \"\"\"\n    '''single'''\n",
		"s = \"unterminated\nx = 'also\ny = f'{a\nz = 1\n",
		"s = \"\"\"never closed\nstill string\n",
		"x = \\\n    1\ny = a \\ b\n",
		"x = $ ? ! `\n",
		"s = f'{a!}' + f'{!r}' + f'{a:=10}' + f'{(a:=10)}'\n",
		"nom = 'é'; café = 1; 変数 = 2\n",
		"x\u00a0= 1 😀\n",
		"\xff\xfe = '\xff'\n",
		"",
	} {
		code = ensureNL(code)
		got := scanPython(code)
		checkTokens(t, code, code, got)
		want, _ := ChromaTokens("python", code)
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w && strings.ToValidUTF8(code, "") == code {
			t.Errorf("%q:\n got %s\nwant %s", code, g, w)
		}
	}
}

// TestPythonQuirks pins down chroma behaviour scanPython copies on
// purpose, which a reader might take for bugs.
func TestPythonQuirks(t *testing.T) {
	for _, tc := range []struct {
		code, value string
		want        chroma.TokenType
	}{
		{"def f():\n    \"\"\"Doc.\"\"\"\n", `"""Doc."""`, chroma.LiteralStringDouble},
		{"m = re.match(p, s)\n", "match", chroma.Keyword},
		{"raise E from err\n", "err", chroma.NameNamespace},
		{"s = '50% off'\n", "% o", chroma.LiteralStringInterpol},
		{"x.type\n", "type", chroma.Name},
		{"x = 1j\n", "j", chroma.Name},
		{"s = r'\\''\n", `\'`, chroma.LiteralStringEscape},
	} {
		found := false
		for _, tok := range scanPython(tc.code) {
			if tok.Value == tc.value {
				found = true
				if tok.Type != tc.want {
					t.Errorf("%q: %q is %v, want %v", tc.code, tc.value, tok.Type, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no token %q", tc.code, tc.value)
		}
	}
}

// TestPythonRandomAgainstChroma compares scanPython with chroma on random
// strings of Python fragments, which reach corners real code seldom
// does.
func TestPythonRandomAgainstChroma(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs chroma")
	}
	frags := strings.Fields(`if else x foo self print None True in not async for await yield
		from import def class as , . ( ) [ ] { } : = ! !r !s} == := << -> ** @ @x.y # #! \ " ' """ '''
		f r b rb Rf Br u U 0 1 9 _ e E j x o - + % %s %(a)d %-5.2f {0} {x:>10} {0!s:>{w}} {a[b]}
		{:=^} {{ }} N{ \N{A} \x41 \101 \u00e9 \q match case __init__ __name__ ValueError
		< > ^ * ; ? $ lambda 0x1F 0o7 0b1 1.5 .5 1e3 1_0 é 日本 😀 f"{ f'{ {x=} {x!r}`)
	frags = append(frags, " ", "  ", "\t", "\n", "\n    ", "\\\n", " from ", "def ", "class ",
		"from ", "import ", " as ", "yield from", "async for", "% o", "\u00a0")
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 1500; n++ {
		var b strings.Builder
		for k := 1 + r.Intn(25); k > 0; k-- {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		checkTokensEqualChroma(t, "python", ensureNL(b.String()))
		if t.Failed() {
			return
		}
	}
}
