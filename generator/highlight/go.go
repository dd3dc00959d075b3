package highlight

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// scanGo mirrors chroma's Go lexer (lexers/go.go), rule for rule, and the
// Go text template lexer (lexers/embedded/go_template.xml) that chroma
// runs over the body of every raw string. Where chroma's patterns would
// backtrack (unclosed literals and comments) the scanner finds the match
// they would find, so broken code lexes alike too.
//
// Known differences: chroma's regexps read Unicode, so there a non-ASCII
// rune is a word character only if it is a letter, digit or mark; spaces
// such as U+00A0 are whitespace and symbols such as "…" are Errors. Here
// every non-ASCII byte is a word byte. (As in chroma, a word that starts
// with one is never a function name.) Chroma also turns "\r\n" and "\r"
// into "\n" before lexing; here "\r" stays, as whitespace.
func scanGo(s string) []chroma.Token {
	ts := newTokens(s)
	// noCommentEnd is set once a "/*" has found no end: none after it can.
	noCommentEnd := false
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isSpace(c):
			i = skip(s, i, isSpace)
			ts.emit(chroma.TextWhitespace, i)
		case isWord(c) && !isDigit(c):
			j := skip(s, i, isWord)
			ts.emit(goWordType(s, i, j), j)
			i = j
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			end, t := goNumber(s, i, true)
			i = end
			ts.emit(t, i)
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			i = goLineComment(ts, s, i)
		case c == '/' && !noCommentEnd && goCommentOpens(s, i):
			end := goBlockComment(s, i)
			if end == i {
				noCommentEnd = true
				i = goOperator(ts, s, i)
				break
			}
			i = end
			ts.emit(chroma.CommentMultiline, i)
		case c == '\'':
			i = goLiteral(ts, s, i, goRune(s, i), chroma.LiteralStringChar)
		case c == '"':
			i = goLiteral(ts, s, i, goString(s, i), chroma.LiteralString)
		case c == '`':
			i = goRawString(ts, s, i)
		default:
			i = goOperator(ts, s, i)
		}
	}
	return ts.finish(chroma.TextWhitespace)
}

// goWordType gives the type of the word s[i:j]: a keyword, a builtin when
// "(" follows at once, a type, a function name when "(" follows after
// optional whitespace, or NameOther.
func goWordType(s string, i, j int) chroma.TokenType {
	call := j < len(s) && s[j] == '('
	switch s[i:j] {
	case "import", "package":
		return chroma.KeywordNamespace
	case "var", "func", "struct", "map", "chan", "type", "interface", "const":
		return chroma.KeywordDeclaration
	case "break", "default", "select", "case", "defer", "go", "else", "goto",
		"switch", "fallthrough", "if", "range", "continue", "for", "return":
		return chroma.Keyword
	case "true", "false", "iota", "nil":
		return chroma.KeywordConstant
	case "uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16",
		"int32", "int64", "float", "float32", "float64", "complex64",
		"complex128", "byte", "rune", "string", "bool", "error", "uintptr":
		if call {
			return chroma.NameBuiltin
		}
		return chroma.KeywordType
	case "any":
		return chroma.KeywordType
	case "print", "println", "panic", "recover", "close", "complex", "real",
		"imag", "len", "cap", "append", "copy", "delete", "new", "make",
		"clear", "min", "max":
		if call {
			return chroma.NameBuiltin
		}
	}
	if s[i] < 0x80 {
		if k := skip(s, j, isSpace); k < len(s) && s[k] == '(' {
			return chroma.NameFunction
		}
	}
	return chroma.NameOther
}

// goLineComment emits the // comment at i, which runs to the end of the
// line (a "\r" ends it too), and returns its end. Chroma calls it
// CommentPreproc when no whitespace follows the slashes, as in
// "//go:build" (and "//nolint", or "//x").
func goLineComment(ts *tokens, s string, i int) int {
	end := i + 2
	for end < len(s) && s[end] != '\n' && s[end] != '\r' {
		end++
	}
	if end > i+2 && !isSpace(s[i+2]) {
		ts.emit(chroma.CommentPreproc, end)
	} else {
		ts.emit(chroma.CommentSingle, end)
	}
	return end
}

// goCommentOpens reports whether a /* comment opens at i. Chroma's
// pattern allows a backslash-newline between the "/" and the "*".
func goCommentOpens(s string, i int) bool {
	return strings.HasPrefix(s[i:], "/*") || strings.HasPrefix(s[i:], "/\\\n*")
}

// goBlockComment returns the end of the comment opening at i: just past
// the first "*/" (or "*\\\n/") after the opening "*", or i when there is
// none.
func goBlockComment(s string, i int) int {
	k := i + 2
	if s[i+1] == '\\' {
		k = i + 4
	}
	for k < len(s) {
		star := strings.IndexByte(s[k:], '*')
		if star < 0 {
			break
		}
		k += star + 1
		if goByteAt(s, k) == '/' {
			return k + 1
		}
		if strings.HasPrefix(s[k:], "\\\n/") {
			return k + 3
		}
	}
	return i
}

// goLiteral emits the literal s[i:end] as t and returns end, or, when the
// literal did not match (end == i), emits its opening quote as an Error.
func goLiteral(ts *tokens, s string, i, end int, t chroma.TokenType) int {
	if end == i {
		ts.emit(chroma.Error, i+1)
		return i + 1
	}
	ts.emit(t, end)
	return end
}

// goString returns the end of the "…" string opening at i, or i when
// chroma's pattern "(\\\\|\\"|[^"])*" does not match. A string may span
// lines and ends at the first unescaped quote; lacking one, backtracking
// ends it at the last (escaped) quote of s, and lacking that, it fails.
func goString(s string, i int) int {
	last := -1
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && s[j+1] == '"' {
				last = j + 1
			}
			j++
		case '"':
			return j + 1
		}
	}
	if last < 0 {
		return i
	}
	return last + 1
}

// goRune returns the end of the rune literal opening at i, or i when there
// is none: one rune or one escape between single quotes.
func goRune(s string, i int) int {
	j := i + 1
	if j >= len(s) {
		return i
	}
	if s[j] != '\\' {
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	} else if j++; j < len(s) {
		switch c := s[j]; {
		case strings.IndexByte(`'"\abfnrtv`, c) >= 0:
			j++
		case c == 'x':
			j = goHexDigits(s, j+1, 2)
		case c == 'u':
			j = goHexDigits(s, j+1, 4)
		case c == 'U':
			j = goHexDigits(s, j+1, 8)
		case isOct(c):
			j++
			for k := 0; k < 2 && j < len(s) && isOct(s[j]); k++ {
				j++
			}
		default:
			return i
		}
	}
	if j < 0 || j >= len(s) || s[j] != '\'' {
		return i
	}
	return j + 1
}

// goHexDigits returns the index past exactly n hex digits at i, or -1.
func goHexDigits(s string, i, n int) int {
	if i+n > len(s) {
		return -1
	}
	for k := i; k < i+n; k++ {
		if !isHex(s[k]) {
			return -1
		}
	}
	return i + n
}

// goRawString emits the `…` string at i, lexing its body as a Go text
// template as chroma does, and returns its end. Unclosed, the backquote
// is an Error.
func goRawString(ts *tokens, s string, i int) int {
	k := strings.IndexByte(s[i+1:], '`')
	if k < 0 {
		ts.emit(chroma.Error, i+1)
		return i + 1
	}
	end := i + 1 + k
	ts.emit(chroma.LiteralString, i+1)
	goTemplate(ts, s[:end], i+1)
	ts.emit(chroma.LiteralString, end+1)
	return end + 1
}

// goOperator emits the operator or punctuation at i, or an Error byte when
// there is none, and returns its end. Chroma's operator alternation is
// matched in order, so "<<=" is one operator but "^=" is punctuation.
func goOperator(ts *tokens, s string, i int) int {
	c := s[i]
	next := goByteAt(s, i+1)
	end, t := i+1, chroma.Operator
	switch c {
	case '<', '>':
		switch {
		case next == c && goByteAt(s, i+2) == '=':
			end = i + 3
		case next == c, next == '=', c == '<' && next == '-':
			end = i + 2
		default:
			t = chroma.Punctuation
		}
	case '&':
		switch {
		case next == '^' && goByteAt(s, i+2) == '=':
			end = i + 3
		case next == '^', next == '=', next == '&':
			end = i + 2
		}
	case '+', '-':
		if next == '=' || next == c {
			end = i + 2
		}
	case '*', '/', '%':
		if next == '=' {
			end = i + 2
		}
	case '|':
		if next == '=' || next == '|' {
			end = i + 2
		} else {
			t = chroma.Punctuation
		}
	case '=', '!', ':':
		if next == '=' {
			end = i + 2
		} else {
			t = chroma.Punctuation
		}
	case '.':
		if next == '.' && goByteAt(s, i+2) == '.' {
			end = i + 3
		} else {
			t = chroma.Punctuation
		}
	case '^', '(', ')', '[', ']', '{', '}', ',', ';', '~':
		t = chroma.Punctuation
	default:
		t = chroma.Error
	}
	ts.emit(t, end)
	return end
}

// goNumber returns the end and type of the number at i, which holds a
// digit, or a "." and a digit. It tries chroma's number patterns in
// chroma's order: imaginary, float, octal, hex, binary, decimal. Go allows
// "_" in hex and decimal literals; the template lexer does not.
func goNumber(s string, i int, underscores bool) (int, chroma.TokenType) {
	if s[i] == '.' {
		f := skip(s, i+1, isDigit)
		if e := goExponent(s, f, true); goByteAt(s, e) == 'i' {
			return e + 1, chroma.LiteralNumber
		}
		return goExponent(s, f, false), chroma.LiteralNumberFloat
	}
	d := skip(s, i, isDigit)
	switch goByteAt(s, d) {
	case 'i':
		return d + 1, chroma.LiteralNumber
	case '.':
		f := skip(s, d+1, isDigit)
		if e := goExponent(s, f, true); goByteAt(s, e) == 'i' {
			return e + 1, chroma.LiteralNumber
		}
		if f > d+1 {
			return goExponent(s, f, false), chroma.LiteralNumberFloat
		}
		return f, chroma.LiteralNumberFloat
	case 'e', 'E':
		if e := goExponent(s, d, true); e > d && goByteAt(s, e) == 'i' {
			return e + 1, chroma.LiteralNumber
		}
		if e := goExponent(s, d, false); e > d {
			return e, chroma.LiteralNumberFloat
		}
	}
	if s[i] != '0' {
		if underscores {
			d = skip(s, i, goIsDecimal)
		}
		return d, chroma.LiteralNumberInteger
	}
	switch c := goByteAt(s, i+1); {
	case isOct(c):
		return skip(s, i+1, isOct), chroma.LiteralNumberOct
	case c == 'x' || c == 'X':
		hex := isHex
		if underscores {
			hex = goIsHex
		}
		if k := skip(s, i+2, hex); k > i+2 {
			return k, chroma.LiteralNumberHex
		}
	case c == 'b':
		if k := skip(s, i+2, goIsBinary); k > i+2 {
			return k, chroma.LiteralNumberBin
		}
	}
	return i + 1, chroma.LiteralNumberInteger
}

// goExponent returns the index past the exponent [eE][+-]?\d+ at i (with a
// required sign when signed is set), or i when there is none.
func goExponent(s string, i int, signed bool) int {
	if i >= len(s) || s[i]|0x20 != 'e' {
		return i
	}
	j := i + 1
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	} else if signed {
		return i
	}
	if k := skip(s, j, isDigit); k > j {
		return k
	}
	return i
}

// goByteAt returns s[k], or 0 past the end of s.
func goByteAt(s string, k int) byte {
	if k < len(s) {
		return s[k]
	}
	return 0
}

func goIsDecimal(c byte) bool { return isDigit(c) || c == '_' }
func goIsHex(c byte) bool     { return isHex(c) || c == '_' }
func goIsBinary(c byte) bool  { return c == '0' || c == '1' || c == '_' }

// goTemplate emits s[i:] as the body of a raw string, which chroma lexes
// as a Go text template: text is LiteralString, and {{…}} actions and
// {{/* comments */}} are highlighted.
func goTemplate(ts *tokens, s string, i int) {
	// commentEnds is cleared once a {{/* has found no end: none after
	// it can, and searching again for each would take quadratic time.
	commentEnds := true
	for {
		k := strings.Index(s[i:], "{{")
		if k < 0 {
			break
		}
		i += k
		ts.emit(chroma.LiteralString, i)
		if commentEnds {
			end, opens := tmplComment(s, i)
			if end > i {
				i = end
				ts.emit(chroma.CommentMultiline, i)
				continue
			}
			commentEnds = !opens
		}
		i += 2
		if i < len(s) && s[i] == '-' {
			i++
		}
		ts.emit(chroma.CommentPreproc, i)
		i = tmplAction(ts, s, i)
	}
	ts.emit(chroma.LiteralString, len(s))
}

// tmplComment returns the end of the {{/* … */}} comment at i (trim
// markers allowed), or i when there is none; opens reports whether the
// "{{/*" was there.
func tmplComment(s string, i int) (end int, opens bool) {
	j := i + 2
	if strings.HasPrefix(s[j:], "- ") {
		j += 2
	}
	if !strings.HasPrefix(s[j:], "/*") {
		return i, false
	}
	for j += 2; ; j += 2 {
		k := strings.Index(s[j:], "*/")
		if k < 0 {
			return i, true
		}
		j += k
		switch rest := s[j+2:]; {
		case strings.HasPrefix(rest, " -}}"):
			return j + 6, true
		case strings.HasPrefix(rest, "}}"):
			return j + 4, true
		}
	}
}

// tmplAction emits the inside of a template action from i up to and
// including its closing "}}" (or "-}}"), and returns the index past it,
// or len(s) when it does not close.
func tmplAction(ts *tokens, s string, i int) int {
	depth := 0 // open parentheses
	for i < len(s) {
		c := s[i]
		if depth == 0 {
			if strings.HasPrefix(s[i:], "}}") {
				ts.emit(chroma.CommentPreproc, i+2)
				return i + 2
			}
			if strings.HasPrefix(s[i:], "-}}") {
				ts.emit(chroma.CommentPreproc, i+3)
				return i + 3
			}
		}
		switch {
		case isSpace(c):
			i = skip(s, i, isSpace)
			ts.emit(chroma.TextWhitespace, i)
		case c == '(':
			depth++
			i++
			ts.emit(chroma.Operator, i)
		case c == ')' && depth > 0:
			depth--
			i++
			ts.emit(chroma.Operator, i)
		case isWord(c):
			// A number too: chroma's regexp engine reads the NameOther
			// pattern [^\W\d]\w* as \w+, and it comes first.
			j := skip(s, i, isWord)
			if tmplKeyword(s[i:j]) {
				ts.emit(chroma.Keyword, j)
			} else {
				ts.emit(chroma.NameOther, j)
			}
			i = j
		case c == '|' || c == ',' || c == '=':
			i++
			ts.emit(chroma.Operator, i)
		case c == ':' && i+1 < len(s) && s[i+1] == '=':
			i += 2
			ts.emit(chroma.Operator, i)
		case c == '$' && i+1 < len(s) && isWord(s[i+1]):
			i = skip(s, i+1, isWord)
			ts.emit(chroma.NameOther, i)
		case c == '$':
			i++
			ts.emit(chroma.NameAttribute, i)
		case c == '.':
			i++
			i = skip(s, i, isWord)
			ts.emit(chroma.NameAttribute, i)
		case c == '"':
			i = goLiteral(ts, s, i, goString(s, i), chroma.LiteralString)
		case c == '\'':
			i = goLiteral(ts, s, i, goRune(s, i), chroma.LiteralStringChar)
		default:
			end, t := tmplNumber(s, i)
			if end == i {
				end, t = i+1, chroma.Error
			}
			i = end
			ts.emit(t, i)
		}
	}
	return i
}

// tmplNumber returns the end and type of the negative number at i, or i
// when there is none. (Other numbers lex as words.)
func tmplNumber(s string, i int) (int, chroma.TokenType) {
	j := i + 1
	switch {
	case s[i] != '-' || j >= len(s):
	case isDigit(s[j]):
		return goNumber(s, j, false)
	case j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]):
		// Only the float pattern allows "-" before ".5".
		return goExponent(s, skip(s, j+1, isDigit), false), chroma.LiteralNumberFloat
	}
	return i, chroma.Error
}

// tmplKeyword reports whether w is a keyword of chroma's template lexer.
func tmplKeyword(w string) bool {
	switch w {
	case "range", "if", "else", "while", "with", "template", "end", "true",
		"false", "nil", "and", "call", "html", "index", "js", "len", "not",
		"or", "print", "printf", "println", "urlquery", "eq", "ne", "lt",
		"le", "gt", "ge", "block", "break", "continue", "define", "slice":
		return true
	}
	return false
}
