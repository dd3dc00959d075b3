package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// scanJSON follows chroma's JSON lexer: object keys are NameTag, other
// strings LiteralStringDouble, // comments allowed, and a byte that fits
// nowhere is an Error.
func scanJSON(s string) []chroma.Token {
	ts := newTokens(s)
	// stack holds '{' or '[' for each open container; inKey is true
	// where an object key may come next.
	var stack []byte
	inKey := false
	i := 0
	for i < len(s) {
		c := s[i]
		top := byte(0)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch {
		case isSpace(c):
			i = skip(s, i, isSpace)
			ts.emit(chroma.Text, i)
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			i = lineEnd(s, i) + 1
			if i > len(s) {
				i = len(s)
			}
			ts.emit(chroma.CommentSingle, i)
		case c == '"':
			i = jsonString(s, i)
			if top == '{' && inKey {
				ts.emit(chroma.NameTag, i)
				inKey = false
			} else {
				ts.emit(chroma.LiteralStringDouble, i)
			}
		case top == '{' && inKey:
			// Only a key, whitespace, a comment or '}' fit here.
			i++
			if c == '}' {
				stack = stack[:len(stack)-1]
				ts.emit(chroma.Punctuation, i)
				inKey = false
			} else {
				ts.emit(chroma.Error, i)
			}
		case c == '{' || c == '[':
			stack = append(stack, c)
			inKey = c == '{'
			i++
			ts.emit(chroma.Punctuation, i)
		case c == '}' && top == '{', c == ']' && top == '[':
			stack = stack[:len(stack)-1]
			inKey = false
			i++
			ts.emit(chroma.Punctuation, i)
		case c == ',' && top != 0, c == ':' && top == '{':
			inKey = c == ',' && top == '{'
			i++
			ts.emit(chroma.Punctuation, i)
		case c == '-' || isDigit(c):
			end, float := jsonNumber(s, i)
			if end == i {
				i++
				ts.emit(chroma.Error, i)
				break
			}
			i = end
			if float {
				ts.emit(chroma.LiteralNumberFloat, i)
			} else {
				ts.emit(chroma.LiteralNumberInteger, i)
			}
		default:
			if w := jsonLiteral(s[i:]); w > 0 {
				i += w
				ts.emit(chroma.KeywordConstant, i)
				break
			}
			i++
			ts.emit(chroma.Error, i)
		}
	}
	return ts.finish(chroma.Text)
}

// jsonString returns the index past the string opening at i. Like
// chroma's pattern, a string may span lines; unclosed, it is one byte.
func jsonString(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return i + 1
}

// jsonNumber scans -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? at i.
func jsonNumber(s string, i int) (end int, float bool) {
	j := i
	if s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && isDigit(s[j]):
		j = skip(s, j, isDigit)
	default:
		return i, false
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j = skip(s, j+1, isDigit)
		float = true
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			j = skip(s, k, isDigit)
			float = true
		}
	}
	return j, float
}

// jsonLiteral returns the length of true, false or null at the start of
// s when a word boundary follows, else 0.
func jsonLiteral(s string) int {
	for _, w := range [...]string{"true", "false", "null"} {
		if strings.HasPrefix(s, w) && (len(s) == len(w) || !isWord(s[len(w)])) {
			return len(w)
		}
	}
	return 0
}
