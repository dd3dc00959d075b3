package highlight

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// scanBash follows chroma's Bash lexer (lexers/embedded/bash.xml), which
// also serves sh, ksh, zsh and shell. Like chroma it keeps a stack of
// states: "…" with interpolation, $( ), $(( )), backticks and ${ }. Each
// state tries chroma's rules in chroma's order, so the lexer's quirks come
// along: a keyword at the start of any word (do-thing gives Keyword "do"),
// `x = y` inside [ ] is an assignment, the first ")" inside $( ) closes
// it, <<"EOF" is no heredoc while <<EOF runs to the first later
// occurrence of its tag anywhere, and an unclosed ' is an Error.
//
// Known differences, all on input outside ASCII: chroma's \w, \d, \s and
// \b are Unicode-aware, while here every byte of a multi-byte rune counts
// as a word byte (so "done—" is not a keyword here, an em dash being no
// \w to chroma) and only ASCII digits and spaces count. Chroma also turns
// invalid UTF-8 into U+FFFD and CRLF into LF before lexing, so its tokens
// do not even reproduce such input.
func scanBash(s string) []chroma.Token {
	b := &bashLexer{s: s, ts: newTokens(s)}
	for i := 0; i < len(s); {
		switch b.state() {
		case bashString:
			i = b.inString(i)
		case bashParen:
			i = b.inParen(i)
		case bashMath:
			i = b.inMath(i)
		case bashBackticks:
			i = b.inBackticks(i)
		case bashCurly:
			i = b.inCurly(i)
		default:
			i = b.root(i)
		}
	}
	return b.ts.finish(chroma.Text)
}

// The states of chroma's Bash lexer that are pushed onto its stack; the
// bottom of the stack is bashRoot.
const (
	bashRoot      byte = iota
	bashString         // "…" holding an interpolation
	bashParen          // $( )
	bashMath           // $(( ))
	bashBackticks      // ` `
	bashCurly          // ${ }
)

// bashLexer is the state of one scanBash run. Every method takes the
// index of the next byte to lex, emits one or more tokens and returns the
// index past them, always further than it was given.
type bashLexer struct {
	s     string
	ts    *tokens
	stack []byte
}

func (b *bashLexer) state() byte {
	if n := len(b.stack); n > 0 {
		return b.stack[n-1]
	}
	return bashRoot
}

func (b *bashLexer) push(state byte) { b.stack = append(b.stack, state) }

func (b *bashLexer) pop() {
	if n := len(b.stack); n > 0 {
		b.stack = b.stack[:n-1]
	}
}

// tok emits s[…:end] as t and returns end.
func (b *bashLexer) tok(t chroma.TokenType, end int) int {
	b.ts.emit(t, end)
	return end
}

// inString lexes chroma's "string" state: the rest of a double-quoted
// string that holds a $.
func (b *bashLexer) inString(i int) int {
	s := b.s
	switch s[i] {
	case '"':
		b.pop()
		return b.tok(chroma.LiteralStringDouble, i+1)
	case '$':
		return b.interp(i)
	}
	j := i
	for j < len(s) && s[j] != '"' && s[j] != '$' {
		if s[j] == '\\' {
			if j+1 == len(s) {
				break
			}
			j++
		}
		j++
	}
	if j == i {
		return b.errorRune(i)
	}
	return b.tok(chroma.LiteralStringDouble, j)
}

// inParen lexes inside $( ): the first ")" closes it.
func (b *bashLexer) inParen(i int) int {
	if b.s[i] == ')' {
		b.pop()
		return b.tok(chroma.Keyword, i+1)
	}
	return b.root(i)
}

// inBackticks lexes inside ` `.
func (b *bashLexer) inBackticks(i int) int {
	if b.s[i] == '`' {
		b.pop()
		return b.tok(chroma.LiteralStringBacktick, i+1)
	}
	return b.root(i)
}

// inMath lexes inside $(( )): operators and numbers (with bases, as in
// 16#ff), else what the root state lexes.
func (b *bashLexer) inMath(i int) int {
	s := b.s
	switch c := s[i]; {
	case strings.HasPrefix(s[i:], "))"):
		b.pop()
		return b.tok(chroma.Keyword, i+2)
	case strings.IndexByte("-+*/%^|&", c) >= 0:
		return b.tok(chroma.Operator, i+1)
	case isDigit(c):
		j := skip(s, i, isDigit)
		if j < len(s) && s[j] == '#' {
			switch {
			case j+1 < len(s) && isDigit(s[j+1]):
				j = skip(s, j+1, isDigit)
			case j+1 == len(s) || s[j+1] != ' ':
				j++
			}
		}
		return b.tok(chroma.LiteralNumber, j)
	}
	return b.root(i)
}

// inCurly lexes inside ${ }: names are variables, ":-" a keyword, other
// runs of plain bytes (slashes, [@], words after them…) punctuation.
func (b *bashLexer) inCurly(i int) int {
	s := b.s
	switch c := s[i]; {
	case c == '}':
		b.pop()
		return b.tok(chroma.LiteralStringInterpol, i+1)
	case c == ':' && i+1 < len(s) && s[i+1] == '-':
		return b.tok(chroma.Keyword, i+2)
	case isWord(c):
		return b.tok(chroma.NameVariable, skip(s, i, isWord))
	case !bashCurlyStop[c]:
		return b.tok(chroma.Punctuation, skip(s, i, bashCurlyPlain))
	case c == ':':
		return b.tok(chroma.Punctuation, i+1)
	}
	return b.root(i)
}

// root lexes one token of chroma's "root" state: its "basic" rules, a
// backtick, its "data" rules, then its "interp" rules.
func (b *bashLexer) root(i int) int {
	s := b.s
	c := s[i]
	if isWord(c) && (i == 0 || !isWord(s[i-1])) {
		if end := b.word(i); end > i {
			return end
		}
	}
	switch c {
	case '#':
		e := lineEnd(s, i)
		if i == 0 && strings.HasPrefix(s, "#!") && e > 2 && e < len(s) {
			return b.tok(chroma.CommentPreproc, e+1) // \A#!.+\n
		}
		return b.tok(chroma.CommentSingle, e)
	case '\\':
		if i+1 < len(s) {
			_, n := utf8.DecodeRuneInString(s[i+1:])
			return b.tok(chroma.LiteralStringEscape, i+1+n)
		}
	case '[', ']', '{', '}', '(', ')', '=':
		return b.tok(chroma.Operator, i+1)
	case '<':
		if strings.HasPrefix(s[i:], "<<<") {
			return b.tok(chroma.Operator, i+3)
		}
		if end := bashHeredoc(s, i); end > i {
			return b.tok(chroma.LiteralString, end)
		}
		return b.tok(chroma.Text, i+1)
	case '&', '|':
		if i+1 < len(s) && s[i+1] == c {
			return b.tok(chroma.Operator, i+2)
		}
		return b.tok(chroma.Punctuation, i+1)
	case ';':
		return b.tok(chroma.Punctuation, i+1)
	case '`':
		b.push(bashBackticks)
		return b.tok(chroma.LiteralStringBacktick, i+1)
	case '"':
		// chroma matches a string without $ whole, else pushes the
		// string state; both give the same tokens.
		b.push(bashString)
		return b.tok(chroma.LiteralStringDouble, i+1)
	case '\'':
		if j := strings.IndexByte(s[i+1:], '\''); j >= 0 {
			return b.tok(chroma.LiteralStringSingle, i+j+2)
		}
	case '$':
		if end := bashDollarString(s, i); end > i {
			return b.tok(chroma.LiteralStringDouble, end)
		}
		if end := bashANSIString(s, i); end > i {
			return b.tok(chroma.LiteralStringSingle, end)
		}
		return b.interp(i)
	}
	switch {
	case isSpace(c):
		return b.tok(chroma.Text, skip(s, i, isSpace))
	case isDigit(c):
		// \d+(?= |$)
		if j := skip(s, i, isDigit); j == len(s) || s[j] == ' ' || s[j] == '\n' {
			return b.tok(chroma.LiteralNumber, j)
		}
	}
	if j := skip(s, i, bashPlain); j > i {
		return b.tok(chroma.Text, j)
	}
	return b.errorRune(i)
}

// word lexes the basic rules that start with a word at i, which follows
// a non-word byte: a keyword, a builtin, or the name of an assignment
// with its "=" or "+=". It returns i when none fits.
func (b *bashLexer) word(i int) int {
	s := b.s
	j := skip(s, i, isWord)
	w := s[i:j]
	if bashKeyword(w) {
		return b.tok(chroma.Keyword, j)
	}
	if j < len(s) && (isSpace(s[j]) || s[j] == ')' || s[j] == '`') && bashBuiltin(w) {
		return b.tok(chroma.NameBuiltin, j)
	}
	k := skip(s, j, isSpace)
	op := k + 1
	if k < len(s) && s[k] == '+' {
		op++
	}
	if op > len(s) || s[op-1] != '=' {
		return i
	}
	b.tok(chroma.NameVariable, j)
	b.tok(chroma.Text, k)
	return b.tok(chroma.Operator, op)
}

// interp lexes chroma's "interp" state at a $: $(( and $( open math and
// a command, ${ a parameter expansion, $name and special parameters are
// variables, and a lone $ is text.
func (b *bashLexer) interp(i int) int {
	s := b.s
	switch rest := s[i:]; {
	case strings.HasPrefix(rest, "$(("):
		b.push(bashMath)
		return b.tok(chroma.Keyword, i+3)
	case strings.HasPrefix(rest, "$("):
		b.push(bashParen)
		return b.tok(chroma.Keyword, i+2)
	case strings.HasPrefix(rest, "${#"):
		b.push(bashCurly)
		return b.tok(chroma.LiteralStringInterpol, i+3)
	case strings.HasPrefix(rest, "${"):
		b.push(bashCurly)
		return b.tok(chroma.LiteralStringInterpol, i+2)
	}
	if i+1 < len(s) {
		switch c := s[i+1]; {
		case c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z':
			return b.tok(chroma.NameVariable, skip(s, i+1, isWord))
		case isDigit(c):
			return b.tok(chroma.NameVariable, skip(s, i+1, isDigit))
		case strings.IndexByte("#$?!*@-", c) >= 0:
			return b.tok(chroma.NameVariable, i+2)
		}
	}
	return b.tok(chroma.Text, i+1)
}

// errorRune emits the rune at i as an Error, as chroma does where no rule
// matches (in practice an unclosed single quote).
func (b *bashLexer) errorRune(i int) int {
	_, n := utf8.DecodeRuneInString(b.s[i:])
	return b.tok(chroma.Error, i+n)
}

// bashDollarString returns the end of a $"…" string without $ inside
// that opens at i, or -1.
func bashDollarString(s string, i int) int {
	if !strings.HasPrefix(s[i:], `$"`) {
		return -1
	}
	for j := i + 2; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '$':
			return -1
		case '"':
			return j + 1
		}
	}
	return -1
}

// bashANSIString returns the end of a closed $'…' string that opens at
// i, or -1.
func bashANSIString(s string, i int) int {
	if !strings.HasPrefix(s[i:], "$'") {
		return -1
	}
	for j := i + 2; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '\'':
			return j + 1
		}
	}
	return -1
}

// bashHeredoc returns the end of a heredoc that opens at i, or -1. It
// mirrors chroma's <<-?\s*(\'?)\\?(\w+)[\w\W]+?\2: the body runs to the
// first occurrence of the tag at least one rune after it, and when the
// tag never recurs, of ever shorter prefixes of it.
func bashHeredoc(s string, i int) int {
	if !strings.HasPrefix(s[i:], "<<") {
		return -1
	}
	j := i + 2
	if j < len(s) && s[j] == '-' {
		j++
	}
	j = skip(s, j, isSpace)
	if j < len(s) && s[j] == '\'' {
		j++
	}
	if j < len(s) && s[j] == '\\' {
		j++
	}
	// Shorten the tag a rune at a time, as the regexp backtracks.
	for end := skip(s, j, isWord); end > j; {
		if end < len(s) {
			_, n := utf8.DecodeRuneInString(s[end:])
			if k := strings.Index(s[end+n:], s[j:end]); k >= 0 {
				return end + n + k + end - j
			}
		}
		_, n := utf8.DecodeLastRuneInString(s[j:end])
		end -= n
	}
	return -1
}

// bashKeyword reports whether w is one of chroma's Bash keywords.
func bashKeyword(w string) bool {
	switch w {
	case "if", "fi", "else", "while", "do", "done", "for", "then", "return",
		"function", "case", "select", "continue", "until", "esac", "elif":
		return true
	}
	return false
}

// bashBuiltin reports whether w is one of chroma's Bash builtins.
func bashBuiltin(w string) bool {
	switch w {
	case "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command",
		"compgen", "complete", "declare", "dirs", "disown", "echo", "enable",
		"eval", "exec", "exit", "export", "false", "fc", "fg", "getopts",
		"hash", "help", "history", "jobs", "kill", "let", "local", "logout",
		"popd", "printf", "pushd", "pwd", "read", "readonly", "set", "shift",
		"shopt", "source", "suspend", "test", "time", "times", "trap", "true",
		"type", "typeset", "ulimit", "umask", "unalias", "unset", "wait":
		return true
	}
	return false
}

// bashStop and bashCurlyStop mark the bytes that end a run of plain text
// in the root state ([^=\s\[\]{}()$"'`\\<&|;]) and of punctuation in ${ }
// ([^}:"'`$\\]).
var bashStop, bashCurlyStop [256]bool

func init() {
	for _, c := range []byte("=[]{}()$\"'`\\<&|; \t\n\r\f\v") {
		bashStop[c] = true
	}
	for _, c := range []byte("}:\"'`$\\") {
		bashCurlyStop[c] = true
	}
}

func bashPlain(c byte) bool      { return !bashStop[c] }
func bashCurlyPlain(c byte) bool { return !bashCurlyStop[c] }
