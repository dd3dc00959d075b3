package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// scanYAML mirrors chroma's YAML lexer (lexers/embedded/yaml.xml), rule
// for rule and quirks included. That lexer knows lines, not YAML
// structure:
//
//   - a key is everything before the first ": " (or a final ":") on the
//     rest of the line, up to a '"', '{', '#' or "//"; it is NameTag, the
//     colon Punctuation; a double-quoted key runs to the line's last `": `
//     and is NameTag whole;
//   - "- " and "? - " are Text; "---" and "..." at the start of a line
//     NameNamespace; # and // comments Comment; !!tags, &anchors and
//     *aliases CommentPreproc;
//   - a value is a | or > block scalar (Punctuation, then LiteralStringDoc
//     for the lines indented at least as much as the first), a YAML 1.1
//     boolean or null word (KeywordConstant), a quoted string (which may
//     span lines), a date, a number bounded by \b, or else the rest of the
//     line as Literal, less a trailing " #" or " //" comment;
//   - [ ] ? : , are Punctuation, anything else (such as { } and a lone -)
//     Text.
//
// So "{cpu: 1, mem: 2}" gives the key "1, mem", and "10m" is a Literal
// while "5" is a LiteralNumber; that is chroma's output and so ours.
//
// Known differences: chroma's \s, \w and \d are Unicode-aware, so a
// non-ASCII space (say U+00A0) or symbol can end a word or a number
// there but not here; chroma turns \r\n into \n before lexing; and
// where chroma's regexp engine would give up after 250ms of
// backtracking (an unclosed quote followed by very many backslashes)
// this scanner still finds the match the regexp describes.
func scanYAML(s string) []chroma.Token {
	y := yamlScanner{ts: newTokens(s), s: s, noKeyUntil: -1, quoteKeyLine: -1}
	for i := 0; i < len(s); {
		i = y.token(i)
	}
	return y.ts.finish(chroma.TextWhitespace)
}

// yamlScanner remembers where key searches on the current line end, so
// that a long line of flow items costs linear time, not quadratic.
type yamlScanner struct {
	ts *tokens
	s  string
	// No unquoted key starts before noKeyUntil: a search for one from
	// an earlier index reached it without finding a key.
	noKeyUntil int
	// The last `": ` of the line that ends at quoteKeyLine is at
	// quoteKeyColon, or quoteKeyColon is -1.
	quoteKeyLine, quoteKeyColon int
}

// token emits the token or tokens that chroma's root state matches at i,
// trying its rules in their order, and returns the index past them.
func (y *yamlScanner) token(i int) int {
	ts, s := y.ts, y.s
	c := s[i]
	lineStart := i == 0 || s[i-1] == '\n'
	end := -1
	var typ chroma.TokenType
	switch {
	case isSpace(c):
		end, typ = skip(s, i, isSpace), chroma.TextWhitespace
	case lineStart && (strings.HasPrefix(s[i:], "---") || strings.HasPrefix(s[i:], "...")):
		end, typ = i+3, chroma.NameNamespace
	case c == '-' || c == '?':
		end, typ = yamlDash(s, i), chroma.Text
	case c == '#' || c == '/' && i+1 < len(s) && s[i+1] == '/':
		end, typ = lineEnd(s, i), chroma.Comment
	case c == '!' && i+1 < len(s) && s[i+1] == '!':
		end, typ = yamlNonSpace(s, i+2), chroma.CommentPreproc
	case c == '&' || c == '*':
		end, typ = yamlNonSpace(s, i+1), chroma.CommentPreproc
	case lineStart && c == '%':
		end, typ = yamlInclude(s, i), chroma.CommentPreproc
	}
	if end > i {
		ts.emit(typ, end)
		return end
	}
	if end := y.key(i); end > i {
		return end
	}
	if end := yamlValue(ts, s, i); end > i {
		return end
	}
	if strings.IndexByte("?:,[]", c) >= 0 {
		ts.emit(chroma.Punctuation, i+1)
	} else {
		ts.emit(chroma.Text, i+1)
	}
	return i + 1
}

// yamlDash matches [\n?]?\s*- at i, where s[i] is not a space: "- ", or
// '?' and any spaces before "- ". It returns the end, or -1.
func yamlDash(s string, i int) int {
	j := i
	if s[i] == '?' {
		j = skip(s, i+1, isSpace)
	}
	if j+1 < len(s) && s[j] == '-' && s[j+1] == ' ' {
		return j + 2
	}
	return -1
}

// yamlNonSpace returns the end of the run of non-space bytes at i, or -1
// when there is none.
func yamlNonSpace(s string, i int) int {
	j := skip(s, i, func(c byte) bool { return !isSpace(c) })
	if j == i {
		return -1
	}
	return j
}

// yamlInclude matches %include\s+[^\n\r]+ at i, or returns -1.
func yamlInclude(s string, i int) int {
	if !strings.HasPrefix(s[i:], "%include") {
		return -1
	}
	from := i + len("%include")
	j := skip(s, from, isSpace)
	// The last byte of the spaces that is not a line break may start the
	// [^\n\r]+ part when no other byte follows the spaces.
	for j > from && (j == len(s) || s[j] == '\n' || s[j] == '\r') {
		j--
	}
	if j == from {
		return -1
	}
	return skip(s, j, func(c byte) bool { return c != '\n' && c != '\r' })
}

// key emits a key at i as chroma's key state matches it and returns the
// index past it, or -1 when there is no key at i.
func (y *yamlScanner) key(i int) int {
	s := y.s
	// "[^"\n#].*": is NameTag up to and including the last `": ` on the
	// line.
	if s[i] == '"' && i+1 < len(s) && s[i+1] != '"' && s[i+1] != '\n' && s[i+1] != '#' {
		if i > y.quoteKeyLine {
			y.quoteKeyLine = lineEnd(s, i)
			if k := strings.LastIndex(s[i:y.quoteKeyLine], `": `); k >= 0 {
				y.quoteKeyColon = i + k
			} else {
				y.quoteKeyColon = -1
			}
		}
		if y.quoteKeyColon >= i+2 {
			end := y.quoteKeyColon + 3
			y.ts.emit(chroma.NameTag, end)
			return end
		}
	}
	// ((?:(?!//)[^"\n{#])*?)(:)( ), else the same before (:)(\n): the
	// shortest run of key bytes before ": ", else a ':' ending the run.
	if i <= y.noKeyUntil {
		return -1
	}
	for j := i; j < len(s); j++ {
		switch c := s[j]; {
		case c == ':' && j+1 < len(s) && s[j+1] == ' ':
			return yamlKeyColon(y.ts, j)
		case c == '\n' && j > i && s[j-1] == ':':
			return yamlKeyColon(y.ts, j-1)
		case c == '"' || c == '\n' || c == '{' || c == '#' || c == '/' && j+1 < len(s) && s[j+1] == '/':
			// A search from any index up to j stops here too.
			y.noKeyUntil = j
			return -1
		}
	}
	return -1
}

// yamlKeyColon emits the key before the colon at j, the colon and the
// space or newline after it, and returns the index past them.
func yamlKeyColon(ts *tokens, j int) int {
	ts.emit(chroma.NameTag, j)
	ts.emit(chroma.Punctuation, j+1)
	ts.emit(chroma.TextWhitespace, j+2)
	return j + 2
}

// yamlValue emits a value at i as chroma's value state matches it and
// returns the index past it, or -1 when there is no value at i.
func yamlValue(ts *tokens, s string, i int) int {
	c := s[i]
	if c == '|' || c == '>' {
		if sep, end := yamlBlock(s, i); end > 0 {
			ts.emit(chroma.Punctuation, sep)
			ts.emit(chroma.LiteralStringDoc, end)
			return end
		}
	}
	end, typ := yamlConstant(s, i), chroma.KeywordConstant
	switch {
	case end > 0:
	case c == '"':
		end, typ = yamlQuoted(s, i), chroma.LiteralStringDouble
	case c == '\'':
		end, typ = yamlQuoted(s, i), chroma.LiteralStringSingle
	}
	if end < 0 {
		if end = yamlDate(s, i); end > 0 {
			typ = chroma.LiteralDate
		} else if end = yamlNumber(s, i); end > 0 {
			typ = chroma.LiteralNumber
		}
	}
	if end > 0 {
		ts.emit(typ, end)
		return end
	}
	if strings.IndexByte("{}[]?,:!-*&@", c) >= 0 {
		return -1
	}
	// The rest of the line is a Literal, less a comment after a space.
	eol := lineEnd(s, i)
	if h := yamlTrailingComment(s, i+1, eol); h > 0 {
		ts.emit(chroma.Literal, h-1)
		ts.emit(chroma.TextWhitespace, h)
		ts.emit(chroma.Comment, eol)
		return eol
	}
	ts.emit(chroma.Literal, eol)
	return eol
}

// yamlTrailingComment returns the start of the comment in chroma's
// (.*)( )+(#.*) and (.*)( )+(//.*) value rules: the last '#' in
// s[from:eol] after a space, else the last such "//"; or -1. The space
// before it is at from or later.
func yamlTrailingComment(s string, from, eol int) int {
	line := s[from:eol]
	for _, marker := range [...]string{"#", "//"} {
		for end := len(line); ; {
			h := strings.LastIndex(line[:end], marker)
			if h < 1 {
				break
			}
			if line[h-1] == ' ' {
				return from + h
			}
			end = h + len(marker) - 1
		}
	}
	return -1
}

// yamlBlock matches a block scalar at i, chroma's
// ([>|](?:[+-])?)(\n(^ {1,})(?:(?:.*\n*(?:^\3 *).*)+|.*)): the indicator
// right before a newline, then the lines (blank ones aside) indented at
// least as deep as the first, which must be indented. It returns the end
// of the indicator and of the block, or -1.
func yamlBlock(s string, i int) (sep, end int) {
	sep = i + 1
	if sep < len(s) && (s[sep] == '+' || s[sep] == '-') {
		sep++
	}
	if sep >= len(s) || s[sep] != '\n' {
		return -1, -1
	}
	first := sep + 1
	indent := skip(s, first, yamlBlank) - first
	if indent == 0 {
		return -1, -1
	}
	end = lineEnd(s, first)
	for {
		next := skip(s, end, func(c byte) bool { return c == '\n' })
		if next == end || skip(s, next, yamlBlank)-next < indent {
			return sep, end
		}
		end = lineEnd(s, next)
	}
}

func yamlBlank(c byte) bool { return c == ' ' }

// yamlConstant returns the end of the word at i when it is one of
// chroma's KeywordConstant words (YAML 1.1 booleans and null), or -1.
func yamlConstant(s string, i int) int {
	end := skip(s, i, isWord)
	switch s[i:end] {
	case "false", "False", "FALSE", "true", "True", "TRUE", "null",
		"Off", "off", "yes", "Yes", "YES", "OFF", "On", "ON",
		"no", "No", "on", "NO", "n", "N", "Y", "y":
		return end
	}
	return -1
}

// yamlQuoted matches a quoted string at i as chroma's
// "(?:\\.|[^"])*" does (or the same with '): across lines, a backslash
// escaping the next byte. When no quote closes the string that way, the
// regexp backtracks and takes a backslash before the last quote of s
// as a plain byte. It returns the end, or -1 when no quote follows.
func yamlQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\' && j+1 < len(s) && s[j+1] != '\n':
			j++
		case s[j] == q:
			return j + 1
		}
	}
	last := i + 1 + strings.LastIndexByte(s[i+1:], q)
	if last <= i {
		return -1
	}
	for j := i + 1; j <= last; j++ {
		switch {
		case s[j] == q:
			return j + 1
		case s[j] == '\\' && s[j+1] != '\n' && j+2 <= last:
			j++
		}
	}
	return -1
}

// yamlDate matches \d{4}-\d\d-\d\d([T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)?)?
// at i and returns the end, or -1.
func yamlDate(s string, i int) int {
	if !yamlDigits(s, i, "dddd-dd-dd") {
		return -1
	}
	end := i + 10
	if end < len(s) && (s[end] == 'T' || s[end] == ' ') && yamlDigits(s, end+1, "dd:dd:dd") {
		end += 9
		if end+1 < len(s) && s[end] == '.' && isDigit(s[end+1]) {
			end = skip(s, end+1, isDigit)
		}
		if end < len(s) && s[end] == 'Z' {
			end++
		} else if j := skip(s, end, isSpace); j > end && j+1 < len(s) && (s[j] == '-' || s[j] == '+') && isDigit(s[j+1]) {
			end = skip(s, j+1, isDigit)
		}
	}
	return end
}

// yamlDigits reports whether s at i has the shape of pattern, in which d
// stands for a digit and other bytes for themselves.
func yamlDigits(s string, i int, pattern string) bool {
	if i+len(pattern) > len(s) {
		return false
	}
	for j := 0; j < len(pattern); j++ {
		if c := s[i+j]; pattern[j] == 'd' && !isDigit(c) || pattern[j] != 'd' && c != pattern[j] {
			return false
		}
	}
	return true
}

// yamlNumber matches chroma's
// \b[+\-]?(0x[\da-f]+|0o[0-7]+|(\d+\.?\d*|\.?\d+)(e[\+\-]?\d+)?|\.inf|\.nan)\b
// at i and returns the end, or -1. The regexp backtracks to the longest
// prefix of the greedy match that ends on a word boundary.
func yamlNumber(s string, i int) int {
	// boundary reports whether \b holds before s[j].
	boundary := func(j int) bool {
		before := j > 0 && isWord(s[j-1])
		after := j < len(s) && isWord(s[j])
		return before != after
	}
	if !boundary(i) {
		return -1
	}
	p := i
	if s[p] == '+' || s[p] == '-' {
		p++
	}
	if p+2 < len(s) && s[p] == '0' && (s[p+1] == 'x' || s[p+1] == 'o') {
		digit := func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' }
		if s[p+1] == 'o' {
			digit = func(c byte) bool { return c >= '0' && c <= '7' }
		}
		if end := skip(s, p+2, digit); end > p+2 && boundary(end) {
			return end
		}
	}
	// Where \d+\.?\d* and its exponent may end, longest first.
	if p < len(s) && isDigit(s[p]) {
		ints := skip(s, p, isDigit)
		if ints < len(s) && s[ints] == '.' {
			frac := skip(s, ints+1, isDigit)
			if end := yamlExponent(s, frac); end > 0 && boundary(end) {
				return end
			}
			for _, end := range [...]int{frac, ints + 1} {
				if boundary(end) {
					return end
				}
			}
		} else if end := yamlExponent(s, ints); end > 0 && boundary(end) {
			return end
		}
		if boundary(ints) {
			return ints
		}
		return -1
	}
	// \.\d+ and its exponent, then .inf and .nan.
	if p+1 < len(s) && s[p] == '.' && isDigit(s[p+1]) {
		frac := skip(s, p+1, isDigit)
		if end := yamlExponent(s, frac); end > 0 && boundary(end) {
			return end
		}
		if boundary(frac) {
			return frac
		}
	}
	for _, w := range [...]string{".inf", ".nan"} {
		if strings.HasPrefix(s[p:], w) && boundary(p+len(w)) {
			return p + len(w)
		}
	}
	return -1
}

// yamlExponent matches e[+-]?\d+ at i and returns the end, or -1.
func yamlExponent(s string, i int) int {
	if i >= len(s) || s[i] != 'e' {
		return -1
	}
	j := i + 1
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	end := skip(s, j, isDigit)
	if end == j {
		return -1
	}
	return end
}
