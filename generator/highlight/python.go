package highlight

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// scanPython follows chroma's Python 3 lexer (lexers/embedded/python.xml)
// rule for rule, with an explicit stack in place of chroma's states: the
// top level ("root"), string literals of every prefix and quote, and the
// expressions inside f-string replacement fields.
//
// Some of chroma's quirks are kept on purpose, since matching its output
// is the point:
//   - Its docstring rule is dead (regexp2 reads `[rRuUbB]{,2}` as a
//     literal "{,2}"), so docstrings are ordinary LiteralStringDouble or
//     LiteralStringSingle, never LiteralStringDoc.
//   - "match" and "case" are keywords anywhere, even in re.match.
//   - "from" followed by a space always starts an import, so in
//     "raise E from err" err is a NameNamespace.
//   - "%" followed by printf-like text is an interpolation in any
//     non-f string ("50% off" holds the interpolation "% o").
//   - A newline in an unclosed one-line string ends every open string and
//     f-string field at once.
//
// Known differences, all rare in real code: chroma's \d and \w are
// Unicode, so it lexes non-ASCII decimal digits as numbers (here they are
// Error) and counts combining marks as word characters; identifiers here
// are [_\p{L}][_\p{L}\p{N}]* throughout. The literal "{,2}" docstring
// rule is not copied.
func scanPython(s string) []chroma.Token {
	p := &pyScanner{s: s, ts: newTokens(s), stack: make([]pyFrame, 1, 8)}
	for p.i < len(s) {
		var ok bool
		switch top := p.stack[len(p.stack)-1]; top.state {
		case pyRoot:
			ok = p.root()
		case pyString:
			ok = p.str(top)
		case pyField:
			ok = p.field()
		case pyBracket:
			ok = p.bracket()
		}
		if !ok {
			p.noMatch()
		}
	}
	return p.ts.finish(chroma.Text)
}

// pyState names chroma's lexer states that scanPython keeps on its stack.
// The short-lived ones (def, class, import) are scanned in one go.
type pyState uint8

const (
	pyRoot    pyState = iota // root
	pyString                 // dqs, tsqf, … and their escape rules
	pyField                  // expr-inside-fstring
	pyBracket                // expr-inside-fstring-inner
)

type pyFrame struct {
	state   pyState
	quote   byte // a string's quote, ' or "
	triple  bool // ''' or """
	escapes bool // backslash escapes apply: not a raw string
	fstr    bool
}

type pyScanner struct {
	s     string
	i     int // s[:i] has been emitted
	ts    *tokens
	stack []pyFrame
}

// to emits s[i:end] as t and moves on to end.
func (p *pyScanner) to(t chroma.TokenType, end int) {
	p.ts.emit(t, end)
	p.i = end
}

func (p *pyScanner) push(f pyFrame) { p.stack = append(p.stack, f) }
func (p *pyScanner) pop()           { p.stack = p.stack[:len(p.stack)-1] }

func (p *pyScanner) at(i int) byte { return pyAt(p.s, i) }

// pyAt returns s[i], or 0 past the end.
func pyAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// noMatch does what chroma does when no rule of the state matches: a
// newline outside the root state drops back to root, anything else is
// one rune of Error.
func (p *pyScanner) noMatch() {
	if p.s[p.i] == '\n' && len(p.stack) > 1 {
		p.stack = p.stack[:1]
		return
	}
	_, n := utf8.DecodeRuneInString(p.s[p.i:])
	p.to(chroma.Error, p.i+n)
}

// root is chroma's root state: comments, line continuations, keywords,
// def/class/import heads, then everything an expression may hold.
func (p *pyScanner) root() bool {
	s, i := p.s, p.i
	switch c := s[i]; {
	case c == '\n':
		p.to(chroma.Text, i+1)
	case c == '#':
		end := lineEnd(s, i)
		if i == 0 && p.at(1) == '!' && end > 2 {
			p.to(chroma.CommentHashbang, end)
		} else {
			p.to(chroma.CommentSingle, end)
		}
	case c == '\\':
		if p.at(i+1) == '\n' {
			p.to(chroma.Text, i+2)
		} else {
			p.to(chroma.Text, i+1)
		}
	case pyIdentStart(s, i) && p.statement():
	default:
		return p.expr()
	}
	return true
}

// statement scans the keyword at i and what it introduces, reporting
// false when the word there is not one of root's keywords.
func (p *pyScanner) statement() bool {
	s, i := p.s, p.i
	end := pyWordEnd(s, i)
	w := s[i:end]
	if t, ok := pyKeywords[w]; ok {
		if w == "yield" {
			end = pyTwoWords(s, end, " from")
		}
		p.to(t, end)
		return true
	}
	switch w {
	case "def", "class", "from", "import":
	default:
		return false
	}
	gap := pyGap(s, end)
	if gap == end {
		return false
	}
	if w == "from" || w == "import" {
		p.to(chroma.KeywordNamespace, end)
	} else {
		p.to(chroma.Keyword, end)
	}
	p.to(chroma.Text, gap)
	switch w {
	case "def":
		p.funcName()
	case "class":
		p.className()
	case "from":
		p.fromImport()
	default:
		p.importNames()
	}
	return true
}

// funcName is chroma's funcname state, after "def ".
func (p *pyScanner) funcName() {
	end := pyWordEnd(p.s, p.i)
	switch {
	case pyMagic[p.s[p.i:end]] == chroma.NameFunctionMagic:
		p.to(chroma.NameFunctionMagic, end)
	case pyIdentStart(p.s, p.i):
		p.to(chroma.NameFunction, end)
	}
}

// className is chroma's classname state, after "class ": it waits for
// a name, turning anything else on the line into Error.
func (p *pyScanner) className() {
	for p.i < len(p.s) && p.s[p.i] != '\n' {
		if pyIdentStart(p.s, p.i) {
			p.to(chroma.NameClass, pyWordEnd(p.s, p.i))
			return
		}
		p.noMatch()
	}
}

// fromImport is chroma's fromimport state, after "from ": a dotted module
// name up to "import", or None after "raise … from".
func (p *pyScanner) fromImport() {
	s := p.s
	for p.i < len(s) {
		i := p.i
		if j := pySpaceEnd(s, i, true); j > i && pyWordAt(s, j, "import") {
			p.to(chroma.Text, j)
			p.to(chroma.KeywordNamespace, j+len("import"))
			return
		}
		switch end := pyWordEnd(s, i); {
		case s[i] == '.':
			p.to(chroma.NameNamespace, i+1)
		case s[i:end] == "None":
			p.to(chroma.NameBuiltinPseudo, end)
			return
		case pyIdentStart(s, i):
			p.to(chroma.NameNamespace, end)
		default:
			return
		}
	}
}

// importNames is chroma's import state, after "import ": dotted names,
// "as" and commas.
func (p *pyScanner) importNames() {
	s := p.s
	for p.i < len(s) {
		i := p.i
		j := pySpaceEnd(s, i, true)
		switch {
		case j > i && strings.HasPrefix(s[j:], "as") && pySpaceEnd(s, j+2, true) > j+2:
			p.to(chroma.Text, j)
			p.to(chroma.Keyword, j+2)
			p.to(chroma.Text, pySpaceEnd(s, j+2, true))
		case s[i] == '.':
			p.to(chroma.NameNamespace, i+1)
		case pyIdentStart(s, i):
			p.to(chroma.NameNamespace, pyWordEnd(s, i))
		case p.at(j) == ',':
			p.to(chroma.Text, j)
			p.to(chroma.Operator, j+1)
			p.to(chroma.Text, pySpaceEnd(s, j+1, true))
		default:
			return
		}
	}
}

// expr is chroma's expr state, shared by root and f-string fields.
func (p *pyScanner) expr() bool {
	s, i := p.s, p.i
	switch c := s[i]; {
	case c == '"' || c == '\'':
		p.openString(i)
	case pySpaceEnd(s, i, false) > i:
		p.to(chroma.Text, pySpaceEnd(s, i, false))
	case isDigit(c) || c == '.' && isDigit(p.at(i+1)):
		end, t := pyNumber(s, i)
		p.to(t, end)
	case pyIdentStart(s, i):
		p.word()
	case c == '@':
		p.to(chroma.NameDecorator, pyDecorator(s, i))
		if p.i == i {
			p.to(chroma.Operator, i+1)
		}
	default:
		if n := pyOperator(s, i); n > 0 {
			p.to(chroma.Operator, i+n)
		} else if strings.IndexByte("[]{}:(),;", c) >= 0 {
			p.to(chroma.Punctuation, i+1)
		} else {
			return false
		}
	}
	return true
}

// word scans an identifier in an expression: a string prefix, an
// operator word, a keyword, a builtin or a plain name.
func (p *pyScanner) word() {
	s, i := p.s, p.i
	end := pyWordEnd(s, i)
	w := s[i:end]
	if q := p.at(end); (q == '"' || q == '\'') && pyPrefixes[strings.ToLower(w)] {
		p.openString(end)
		return
	}
	if t, ok := pyExprWords[w]; ok {
		switch w {
		case "yield":
			end = pyTwoWords(s, end, " from")
		case "async":
			if end = pyTwoWords(s, end, " for"); end == i+len(w) {
				t = chroma.Name
			}
		}
		p.to(t, end)
		return
	}
	if t, ok := pyBuiltins[w]; ok && (i == 0 || s[i-1] != '.') {
		p.to(t, end)
		return
	}
	if t, ok := pyMagic[w]; ok {
		p.to(t, end)
		return
	}
	p.to(chroma.Name, end)
}

// openString emits the prefix s[p.i:q] and the opening quote at q, and
// pushes the string's state.
func (p *pyScanner) openString(q int) {
	prefix := strings.ToLower(p.s[p.i:q])
	f := pyFrame{
		state:   pyString,
		quote:   p.s[q],
		escapes: !strings.Contains(prefix, "r"),
		fstr:    strings.Contains(prefix, "f"),
	}
	n := 1
	if p.at(q+1) == f.quote && p.at(q+2) == f.quote {
		f.triple, n = true, 3
	}
	p.to(chroma.LiteralStringAffix, q)
	p.to(f.stringType(), q+n)
	p.push(f)
}

func (f pyFrame) stringType() chroma.TokenType {
	if f.quote == '\'' {
		return chroma.LiteralStringSingle
	}
	return chroma.LiteralStringDouble
}

// str scans one token inside a string literal. The rules are those of
// chroma's combined string states, in their order: {{ and }} in
// f-strings, backslash escapes, the closing quote, the escapes even raw
// one-line strings have, then the body.
func (p *pyScanner) str(f pyFrame) bool {
	s, i := p.s, p.i
	c, next := s[i], p.at(i+1)
	st := f.stringType()
	switch {
	case f.fstr && (c == '{' || c == '}') && next == c:
		p.to(chroma.LiteralStringEscape, i+2)
	case f.escapes && c == '\\' && pyEscape(s, i) > 0:
		p.to(chroma.LiteralStringEscape, pyEscape(s, i))
	case c == f.quote && (!f.triple || next == c && p.at(i+2) == c):
		if f.triple {
			p.to(st, i+3)
		} else {
			p.to(st, i+1)
		}
		p.pop()
	case !f.triple && c == '\\' && (next == '\\' || next == f.quote || next == '\n'):
		p.to(chroma.LiteralStringEscape, i+2)
	case c == '\n':
		if !f.triple {
			return false
		}
		p.to(st, i+1)
	case c == '\\' || c == '\'' || c == '"':
		p.to(st, i+1)
	case f.fstr:
		p.fstrBody(st)
	default:
		p.strBody(st)
	}
	return true
}

// fstrBody is chroma's fstrings-double and fstrings-single, less the
// quotes and backslashes str handles.
func (p *pyScanner) fstrBody(st chroma.TokenType) {
	s, i := p.s, p.i
	switch s[i] {
	case '}':
		p.to(chroma.LiteralStringInterpol, i+1)
	case '{':
		p.to(chroma.LiteralStringInterpol, i+1)
		p.push(pyFrame{state: pyField})
	default:
		p.to(st, pyRunUntil(s, i, "\\'\"{}\n"))
	}
}

// strBody is chroma's strings-double and strings-single, less the quotes
// and backslashes str handles: %-formats and {}-fields are
// interpolations.
func (p *pyScanner) strBody(st chroma.TokenType) {
	s, i := p.s, p.i
	switch s[i] {
	case '%':
		if end := pyPercent(s, i); end > 0 {
			p.to(chroma.LiteralStringInterpol, end)
		} else {
			p.to(st, i+1)
		}
	case '{':
		if end := pyFormatField(s, i); end > 0 {
			p.to(chroma.LiteralStringInterpol, end)
		} else if p.at(i+1) == '{' {
			p.to(st, i+2)
		} else {
			p.to(st, i+1)
		}
	default:
		p.to(st, pyRunUntil(s, i, "\\'\"%{\n"))
	}
}

// field is chroma's expr-inside-fstring: the expression of a replacement
// field, up to "}" or the ":" of a format spec (with "=" and "!r" before
// them).
func (p *pyScanner) field() bool {
	s, i := p.s, p.i
	c := s[i]
	switch {
	case c == '{' || c == '(' || c == '[':
		p.to(chroma.Punctuation, i+1)
		p.push(pyFrame{state: pyBracket})
	case pyFieldEnd(s, i) > 0:
		p.to(chroma.LiteralStringInterpol, pyFieldEnd(s, i))
		p.pop()
	case pySpaceEnd(s, i, true) > i:
		p.to(chroma.Text, pySpaceEnd(s, i, true))
	default:
		return p.expr()
	}
	return true
}

// bracket is chroma's expr-inside-fstring-inner: brackets nested in a
// replacement field's expression.
func (p *pyScanner) bracket() bool {
	s, i := p.s, p.i
	switch c := s[i]; {
	case c == '{' || c == '(' || c == '[':
		p.to(chroma.Punctuation, i+1)
		p.push(pyFrame{state: pyBracket})
	case c == '}' || c == ')' || c == ']':
		p.to(chroma.Punctuation, i+1)
		p.pop()
	case pySpaceEnd(s, i, true) > i:
		p.to(chroma.Text, pySpaceEnd(s, i, true))
	default:
		return p.expr()
	}
	return true
}

// pyIdentStart reports whether an identifier starts at s[i]: [_\p{L}].
func pyIdentStart(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isWord(c) && !isDigit(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// pyWordEnd returns the end of the identifier characters at i,
// [_\p{L}\p{N}]*, which also stand for \w.
func pyWordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isWord(c) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			return i
		}
		i += n
	}
	return i
}

// pySpaceEnd returns the end of the white space at i: \s* with newlines,
// else [^\S\n]*.
func pySpaceEnd(s string, i int, newlines bool) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isSpace(c) || c == '\n' && !newlines {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}

// pyWordAt reports whether word w stands at s[i:], followed by a word
// boundary.
func pyWordAt(s string, i int, w string) bool {
	end := i + len(w)
	return strings.HasPrefix(s[i:], w) && pyWordEnd(s, end) == end
}

// pyTwoWords returns the end of rest (" from", " for") when it follows
// the word ending at end as a whole word, else end.
func pyTwoWords(s string, end int, rest string) int {
	if pyWordAt(s, end, rest) {
		return end + len(rest)
	}
	return end
}

// pyGap returns the end of the (?:\s|\\\s)* at i.
func pyGap(s string, i int) int {
	for i < len(s) {
		switch {
		case pySpaceEnd(s, i, true) > i:
			i = pySpaceEnd(s, i, true)
		case s[i] == '\\' && pySpaceEnd(s, i+1, true) > i+1:
			i = pySpaceEnd(s, i+1, true)
		default:
			return i
		}
	}
	return i
}

// pyRunUntil returns the first index after i holding one of stop, or
// len(s).
func pyRunUntil(s string, i int, stop string) int {
	if j := strings.IndexAny(s[i+1:], stop); j >= 0 {
		return i + 1 + j
	}
	return len(s)
}

// pyDecorator returns the end of @name(\s*\.\s*name)* at i, or i.
func pyDecorator(s string, i int) int {
	if !pyIdentStart(s, i+1) {
		return i
	}
	end := pyWordEnd(s, i+1)
	for {
		j := pySpaceEnd(s, end, true)
		if j >= len(s) || s[j] != '.' {
			return end
		}
		j = pySpaceEnd(s, j+1, true)
		if !pyIdentStart(s, j) {
			return end
		}
		end = pyWordEnd(s, j)
	}
}

// pyOperator returns the length of the operator at i, or 0.
func pyOperator(s string, i int) int {
	if i+1 < len(s) {
		switch s[i : i+2] {
		case "!=", "==", "<<", ">>", ":=":
			return 2
		}
	}
	if strings.IndexByte("-~+/*%=<>&^|.", s[i]) >= 0 {
		return 1
	}
	return 0
}

// pyDigits returns the end of \d(?:_?\d)* at i (with ok for \d), or i.
func pyDigits(s string, i int, ok func(byte) bool) int {
	if i >= len(s) || !ok(s[i]) {
		return i
	}
	return pyRadixDigits(s, i, ok)
}

// pyRadixDigits returns the end of (?:_?\d)* at i, with ok for \d.
func pyRadixDigits(s string, i int, ok func(byte) bool) int {
	for i < len(s) {
		switch {
		case ok(s[i]):
			i++
		case s[i] == '_' && i+1 < len(s) && ok(s[i+1]):
			i += 2
		default:
			return i
		}
	}
	return i
}

// pyExponent returns the end of [eE][+-]?\d(?:_?\d)* at i, or i.
func pyExponent(s string, i int) int {
	if i >= len(s) || s[i]|0x20 != 'e' {
		return i
	}
	j := i + 1
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	if end := pyDigits(s, j, isDigit); end > j {
		return end
	}
	return i
}

func pyOct(c byte) bool { return c >= '0' && c <= '7' }
func pyBin(c byte) bool { return c == '0' || c == '1' }

// pyNumber scans the number at i, which starts with a digit or with a
// dot and a digit, following chroma's numbers state.
func pyNumber(s string, i int) (int, chroma.TokenType) {
	d := pyDigits(s, i, isDigit)
	switch {
	case pyAt(s, d) == '.' && (d > i || isDigit(pyAt(s, d+1))):
		return pyExponent(s, pyDigits(s, d+1, isDigit)), chroma.LiteralNumberFloat
	case d > i && pyExponent(s, d) > d:
		end := pyExponent(s, d)
		if pyAt(s, end) == 'j' {
			end++
		}
		return end, chroma.LiteralNumberFloat
	case s[i] == '0' && d == i+1:
		var ok func(byte) bool
		var t chroma.TokenType
		switch pyAt(s, d) | 0x20 {
		case 'o':
			ok, t = pyOct, chroma.LiteralNumberOct
		case 'b':
			ok, t = pyBin, chroma.LiteralNumberBin
		case 'x':
			ok, t = isHex, chroma.LiteralNumberHex
		}
		if end := d + 1; ok != nil && pyRadixDigits(s, end, ok) > end {
			return pyRadixDigits(s, end, ok), t
		}
	}
	return d, chroma.LiteralNumberInteger
}

// pyEscape returns the end of the backslash escape at i, or 0 (chroma's
// stringescape state).
func pyEscape(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	c := s[i+1]
	switch {
	case strings.IndexByte("\\abfnrtv\"'\n", c) >= 0:
		return i + 2
	case c == 'N' && i+2 < len(s) && s[i+2] == '{':
		for j := i + 3; j < len(s) && s[j] != '\n'; j++ {
			if s[j] == '}' {
				return j + 1
			}
		}
	case c == 'u':
		return pyHexRun(s, i+2, 4)
	case c == 'U':
		return pyHexRun(s, i+2, 8)
	case c == 'x':
		return pyHexRun(s, i+2, 2)
	case pyOct(c):
		j := i + 2
		for j < i+4 && j < len(s) && pyOct(s[j]) {
			j++
		}
		return j
	}
	return 0
}

// pyHexRun returns i+n when s[i:i+n] are all hex digits, else 0.
func pyHexRun(s string, i, n int) int {
	if i+n > len(s) {
		return 0
	}
	for j := i; j < i+n; j++ {
		if !isHex(s[j]) {
			return 0
		}
	}
	return i + n
}

// pyPercent returns the end of the printf-style format at i, or 0:
// %(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]
func pyPercent(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '(' {
		if k := pyWordEnd(s, j+1); k > j+1 && k < len(s) && s[k] == ')' {
			j = k + 1
		}
	}
	j = skip(s, j, func(c byte) bool { return strings.IndexByte("-#0 +", c) >= 0 })
	j = pyWidth(s, j)
	if j+1 < len(s) && s[j] == '.' && pyWidth(s, j+1) > j+1 {
		j = pyWidth(s, j+1)
	}
	if j < len(s) && strings.IndexByte("hlL", s[j]) >= 0 {
		j++
	}
	if j < len(s) && strings.IndexByte("EFGXcdefgiorsaux%", s[j]) >= 0 {
		return j + 1
	}
	return 0
}

// pyWidth returns the end of ([0-9]+|[*])? at i.
func pyWidth(s string, i int) int {
	if i < len(s) && s[i] == '*' {
		return i + 1
	}
	return skip(s, i, isDigit)
}

// pyFormatField returns the end of the str.format field at i, or 0:
// \{((\w+)((\.\w+)|(\[[^\]]+\]))*)?(\![sra])?(\:(.?[<>=\^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}
func pyFormatField(s string, i int) int {
	j := pyWordEnd(s, i+1)
	for j > i+1 && j < len(s) {
		if s[j] == '.' && pyWordEnd(s, j+1) > j+1 {
			j = pyWordEnd(s, j+1)
		} else if s[j] == '[' && j+1 < len(s) && s[j+1] != ']' {
			k := strings.IndexByte(s[j+1:], ']')
			if k < 0 {
				break
			}
			j += k + 2
		} else {
			break
		}
	}
	if j+1 < len(s) && s[j] == '!' && strings.IndexByte("sra", s[j+1]) >= 0 {
		j += 2
	}
	if j < len(s) && s[j] == ':' {
		if end := pyFormatSpec(s, j+1); end > 0 {
			return end
		}
	}
	if j < len(s) && s[j] == '}' {
		return j + 1
	}
	return 0
}

// pyFormatSpec returns the end of a format spec at i and the closing
// brace, or 0. The optional fill and align (.?[<>=\^])? may match three
// ways, tried in the regexp's order.
func pyFormatSpec(s string, i int) int {
	isAlign := func(j int) bool { return j < len(s) && strings.IndexByte("<>=^", s[j]) >= 0 }
	if i < len(s) && s[i] != '\n' {
		if _, n := utf8.DecodeRuneInString(s[i:]); isAlign(i + n) {
			if end := pyFormatRest(s, i+n+1); end > 0 {
				return end
			}
		}
	}
	if isAlign(i) {
		if end := pyFormatRest(s, i+1); end > 0 {
			return end
		}
	}
	return pyFormatRest(s, i)
}

// pyFormatRest returns the end of [-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?\}
// at i, or 0.
func pyFormatRest(s string, i int) int {
	opt := func(j int, set string) int {
		if j < len(s) && strings.IndexByte(set, s[j]) >= 0 {
			return j + 1
		}
		return j
	}
	j := opt(i, "-+ ")
	j = opt(j, "#")
	j = opt(j, "0")
	j = skip(s, j, isDigit)
	j = opt(j, ",")
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j = skip(s, j+1, isDigit)
	}
	j = opt(j, "EFGXbcdefgnosx%")
	if j < len(s) && s[j] == '}' {
		return j + 1
	}
	return 0
}

// pyFieldEnd returns the end of (=\s*)?(\![sraf])?[}:] at i, which ends
// an f-string field's expression, or 0.
func pyFieldEnd(s string, i int) int {
	j := i
	if s[j] == '=' {
		j = pySpaceEnd(s, j+1, true)
	}
	if j+1 < len(s) && s[j] == '!' && strings.IndexByte("sraf", s[j+1]) >= 0 {
		j += 2
	}
	if j < len(s) && (s[j] == '}' || s[j] == ':') {
		return j + 1
	}
	return 0
}

// pyPrefixes are the string prefixes chroma knows, lower-cased.
var pyPrefixes = map[string]bool{
	"rf": true, "fr": true, "f": true, "rb": true, "br": true, "r": true, "u": true, "b": true,
}

// pyWordSet maps each word of list to t.
func pyWordSet(m map[string]chroma.TokenType, t chroma.TokenType, list string) map[string]chroma.TokenType {
	for _, w := range strings.Fields(list) {
		m[w] = t
	}
	return m
}

var (
	// pyKeywords are root's keywords (the "keywords" state).
	pyKeywords = pyWordSet(pyWordSet(map[string]chroma.TokenType{}, chroma.Keyword,
		`nonlocal continue finally except lambda assert global return raise yield
		while break await async pass else elif with try for del as if match case`),
		chroma.KeywordConstant, `False True None`)

	// pyExprWords are the words expr knows before builtins: operator words
	// and the "expr-keywords" state. "async" counts only before " for".
	pyExprWords = pyWordSet(pyWordSet(pyWordSet(map[string]chroma.TokenType{},
		chroma.OperatorWord, `in is and or not`),
		chroma.Keyword, `async lambda yield await else for if`),
		chroma.KeywordConstant, `False True None`)

	// pyBuiltins are the "builtins" state, which skips names after a dot.
	pyBuiltins = pyWordSet(pyWordSet(pyWordSet(map[string]chroma.TokenType{},
		chroma.NameBuiltin, `staticmethod classmethod memoryview __import__
		issubclass isinstance frozenset bytearray enumerate reversed property
		compile complex delattr hasattr setattr globals getattr divmod filter
		locals format object sorted slice print bytes range input tuple round
		super float eval list dict repr type vars hash next bool open iter oct
		pow min zip max map bin len set any dir all abs str sum chr int hex ord id`),
		chroma.NameBuiltinPseudo, `self Ellipsis NotImplemented cls`),
		chroma.NameException, `PendingDeprecationWarning ConnectionAbortedError
		ConnectionRefusedError UnicodeTranslateError ConnectionResetError
		ModuleNotFoundError NotImplementedError FloatingPointError
		StopAsyncIteration UnicodeDecodeError DeprecationWarning
		UnicodeEncodeError NotADirectoryError ProcessLookupError
		ZeroDivisionError IsADirectoryError FileNotFoundError UnboundLocalError
		KeyboardInterrupt ChildProcessError EnvironmentError IndentationError
		InterruptedError BlockingIOError ArithmeticError ConnectionError
		BrokenPipeError FileExistsError ResourceWarning PermissionError
		RuntimeWarning ReferenceError AttributeError AssertionError
		UnicodeWarning RecursionError StopIteration BaseException OverflowError
		SyntaxWarning FutureWarning GeneratorExit ImportWarning UnicodeError
		TimeoutError WindowsError RuntimeError BytesWarning SystemError
		UserWarning MemoryError ImportError LookupError BufferError SyntaxError
		SystemExit ValueError IndexError NameError Exception TypeError TabError
		EOFError KeyError VMSError Warning OSError IOError`)

	// pyMagic are the "magicfuncs" and "magicvars" states.
	pyMagic = pyWordSet(pyWordSet(map[string]chroma.TokenType{},
		chroma.NameFunctionMagic, `__instancecheck__ __subclasscheck__
		__getattribute__ __length_hint__ __rfloordiv__ __ifloordiv__
		__itruediv__ __contains__ __floordiv__ __rtruediv__ __reversed__
		__setitem__ __complex__ __rdivmod__ __delattr__ __rmatmul__ __ilshift__
		__prepare__ __delitem__ __rrshift__ __imatmul__ __rlshift__ __setattr__
		__truediv__ __getitem__ __missing__ __getattr__ __irshift__ __rshift__
		__format__ __invert__ __matmul__ __divmod__ __delete__ __aenter__
		__lshift__ __await__ __bytes__ __anext__ __aiter__ __aexit__ __round__
		__float__ __enter__ __index__ __iadd__ __ipow__ __rpow__ __iter__
		__init__ __ixor__ __rmul__ __rmod__ __imul__ __imod__ __iand__ __hash__
		__rsub__ __exit__ __rxor__ __bool__ __call__ __rand__ __next__ __radd__
		__isub__ __repr__ __set__ __add__ __new__ __neg__ __xor__ __and__
		__mul__ __mod__ __sub__ __len__ __str__ __ror__ __ior__ __pos__ __del__
		__get__ __dir__ __abs__ __int__ __pow__ __eq__ __gt__ __le__ __lt__
		__ne__ __or__ __ge__`),
		chroma.NameVariableMagic, `__annotations__ __kwdefaults__ __qualname__
		__objclass__ __defaults__ __closure__ __globals__ __weakref__
		__module__ __class__ __bases__ __slots__ __file__ __code__ __name__
		__func__ __dict__ __self__ __mro__ __doc__`)
)
