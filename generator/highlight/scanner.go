package highlight

import (
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// A scanFunc lexes code that ends in a newline into tokens whose values,
// concatenated, are exactly the code.
type scanFunc func(code string) []chroma.Token

// scanners maps fence languages (lower case, with chroma's aliases) to
// the hand-written scanners of this package.
var scanners = map[string]scanFunc{
	"bash":    scanBash,
	"ksh":     scanBash,
	"sh":      scanBash,
	"shell":   scanBash,
	"zsh":     scanBash,
	"go":      scanGo,
	"golang":  scanGo,
	"json":    scanJSON,
	"jsonl":   scanJSON,
	"py":      scanPython,
	"py3":     scanPython,
	"python":  scanPython,
	"python3": scanPython,
	"sql":     scanSQL,
	"yaml":    scanYAML,
	"yml":     scanYAML,
}

// tokens collects a scanner's output, merging adjacent tokens of one
// type as chroma.Coalesce does.
type tokens struct {
	src  string
	done int // src[:done] has been emitted
	toks []chroma.Token
}

// spareTokens holds token lists Code is done with (*[]chroma.Token): a
// code block's tokens take several times its size, and a build highlights
// every block of the handbook.
var spareTokens sync.Pool

func newTokens(src string) *tokens {
	if spare, ok := spareTokens.Get().(*[]chroma.Token); ok {
		return &tokens{src: src, toks: (*spare)[:0]}
	}
	return &tokens{src: src, toks: make([]chroma.Token, 0, len(src)/4)}
}

// recycle lets newTokens use toks again; nothing may use them after.
func recycle(toks []chroma.Token) {
	clear(toks) // the values hold on to the code they came from
	toks = toks[:0]
	spareTokens.Put(&toks)
}

// emit appends src[done:end] as one token of type t.
func (ts *tokens) emit(t chroma.TokenType, end int) {
	if end <= ts.done {
		return
	}
	v := ts.src[ts.done:end]
	ts.done = end
	if n := len(ts.toks); n > 0 && ts.toks[n-1].Type == t {
		// Values are contiguous slices of src, so merging is re-slicing.
		prev := ts.toks[n-1].Value
		ts.toks[n-1].Value = ts.src[end-len(v)-len(prev) : end]
		return
	}
	ts.toks = append(ts.toks, chroma.Token{Type: t, Value: v})
}

// finish emits whatever is left as t and returns the tokens.
func (ts *tokens) finish(t chroma.TokenType) []chroma.Token {
	ts.emit(t, len(ts.src))
	return ts.toks
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'f' }

// isWord reports whether c can be part of an identifier (ASCII letters,
// digits, underscore, and any byte of a multi-byte UTF-8 rune).
func isWord(c byte) bool {
	return c == '_' || isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'z' || c >= 0x80
}

// skip returns the first index at or after i where ok is false.
func skip(s string, i int, ok func(byte) bool) int {
	for i < len(s) && ok(s[i]) {
		i++
	}
	return i
}

// lineEnd returns the index of the newline ending the line that holds i,
// or len(s).
func lineEnd(s string, i int) int {
	for i < len(s) && s[i] != '\n' {
		i++
	}
	return i
}

// quoted returns the index just past the string literal opening at i with
// quote q, honouring backslash escapes when escapes is set. An unclosed
// literal runs to the end of the line when oneLine is set, else to the
// end of s.
func quoted(s string, i int, q byte, escapes, oneLine bool) int {
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '\\' && escapes:
			j++
		case c == q:
			return j + 1
		case c == '\n' && oneLine:
			return j
		}
	}
	return len(s)
}

func isOct(c byte) bool { return c >= '0' && c <= '7' }
