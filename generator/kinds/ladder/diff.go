package ladder

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Status says how a competency's expectation at one level relates to the
// level below.
type Status string

// The statuses of a Step.
const (
	StatusNone    Status = "none"    // nothing is expected yet at this level
	StatusNew     Status = "new"     // the first expectation (lowest level, or after levels with none)
	StatusChanged Status = "changed" // the text differs from the level below
	StatusSame    Status = "same"    // as the level below: left out, or the same text again
)

// Step is one level of one competency, compared with the level below.
type Step struct {
	Level    string // this level
	Text     string // the expectation that applies here ("" when none)
	From     string // the level that stated Text ("" when none); equal texts keep the earlier level
	Stated   bool   // this level states text of its own (possibly the same again)
	Status   Status
	Prev     string // the level below ("" for the lowest)
	PrevText string // the expectation that applies at the level below
	PrevFrom string
}

// Steps computes, for levels in ladder order and a competency's stated
// expectations (level id -> Markdown; blank text counts as left out), what
// applies at each level and how it changed from the level below. A level
// left out inherits the text of the level below. Texts are compared with
// runs of white space collapsed, so re-wrapping a paragraph is no change.
// Keys of specified that are not in levels are ignored.
func Steps(levels []string, specified map[string]string) []Step {
	out := make([]Step, len(levels))
	var text, from string
	for i, lv := range levels {
		st := Step{Level: lv}
		if i > 0 {
			st.Prev = levels[i-1]
			st.PrevText, st.PrevFrom = text, from
		}
		t, ok := specified[lv]
		if ok && strings.TrimSpace(t) == "" {
			ok = false
		}
		switch {
		case ok && text != "" && normalize(t) == normalize(text):
			st.Stated, st.Status = true, StatusSame
			// the earlier level keeps being the source: nothing changed
		case ok && text == "":
			st.Stated, st.Status = true, StatusNew
			text, from = t, lv
		case ok:
			st.Stated, st.Status = true, StatusChanged
			text, from = t, lv
		case text == "":
			st.Status = StatusNone
		default:
			st.Status = StatusSame
		}
		st.Text, st.From = text, from
		out[i] = st
	}
	return out
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// Segment is a piece of a text diffed against an older version.
type Segment struct {
	Text  string
	Added bool // not in the older text
}

// WordDiff splits cur into segments, marking the words that are not in
// prev (a longest-common-subsequence diff on white-space separated words).
// White space between two added words is part of the addition; other white
// space is not. Adjacent segments with the same mark are merged.
func WordDiff(prev, cur string) []Segment {
	toks := splitSpace(cur)
	added := addedWords(wordsOf(splitSpace(prev)), wordsOf(toks))
	marks := make([]bool, len(toks))
	w := 0
	for i, t := range toks {
		if !isSpace(t) {
			marks[i] = added[w]
			w++
		}
	}
	// white space between two added words is part of the addition
	for i, t := range toks {
		if isSpace(t) && i > 0 && i+1 < len(toks) && marks[i-1] && marks[i+1] {
			marks[i] = true
		}
	}
	var out []Segment
	for i, t := range toks {
		if n := len(out); n > 0 && out[n-1].Added == marks[i] {
			out[n-1].Text += t
		} else {
			out = append(out, Segment{Text: t, Added: marks[i]})
		}
	}
	return out
}

// maxDiffCells bounds the LCS table; longer texts are not highlighted.
const maxDiffCells = 1 << 20

// addedWords returns, for each word of b, whether it is outside a longest
// common subsequence of a and b. When the texts are too long to diff
// cheaply every word counts as added.
func addedWords(a, b []string) []bool {
	added := make([]bool, len(b))
	if (len(a)+1)*(len(b)+1) > maxDiffCells {
		for i := range added {
			added[i] = true
		}
		return added
	}
	n, m := len(a), len(b)
	// lcs[i][j] = LCS length of a[i:] and b[j:]
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	i, j := 0, 0
	for j < m {
		switch {
		case i < n && a[i] == b[j]:
			i++
			j++
		case i < n && lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			added[j] = true
			j++
		}
	}
	return added
}

// splitSpace splits s into tokens for diffing: runs of white space, runs
// of letters and digits (a word), HTML character references such as
// &amp; (kept whole so a mark never cuts one), and any other character on
// its own, so that "help." and "help" share the word "help".
func splitSpace(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n
			}
		case isWordRune(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += n
			}
		case r == '&':
			if m := entityLen(s[i:]); m > 0 {
				j = i + m
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

// entityLen returns the length of the character reference s starts with
// (&name; &#123; &#x1F;), or 0.
func entityLen(s string) int {
	for i := 1; i < len(s) && i < 40; i++ {
		c := s[i]
		switch {
		case c == ';':
			if i > 1 {
				return i + 1
			}
			return 0
		case c == '#' && i == 1, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

func isSpaceRune(s string, i int) bool {
	for _, r := range s[i:] {
		return unicode.IsSpace(r)
	}
	return false
}

func isSpace(t string) bool { return t != "" && isSpaceRune(t, 0) }

func wordsOf(toks []string) []string {
	var out []string
	for _, t := range toks {
		if !isSpace(t) {
			out = append(out, t)
		}
	}
	return out
}

// AddedClass is the class of the <mark> elements HighlightAdded inserts.
const AddedClass = "ladder-added"

// HighlightAdded returns curHTML with the words that are not in prevHTML
// wrapped in <mark class="ladder-added">. Both are trusted HTML fragments
// as the Markdown renderer produces them; tags are never split or wrapped
// (a mark never spans a tag), so the result stays well formed. Only text
// is compared: a changed link target alone is not highlighted.
func HighlightAdded(prevHTML, curHTML string) string {
	a := wordsOf(textTokens(htmlTokens(prevHTML)))
	toks := htmlTokens(curHTML)
	var b []string
	for _, t := range toks {
		if !t.tag && !isSpace(t.s) {
			b = append(b, t.s)
		}
	}
	added := addedWords(a, b)
	var sb strings.Builder
	sb.Grow(len(curHTML) + 64)
	open := false
	pendingSpace := ""
	w := 0
	closeMark := func() {
		if open {
			sb.WriteString("</mark>")
			open = false
		}
	}
	for _, t := range toks {
		switch {
		case t.tag:
			closeMark()
			sb.WriteString(pendingSpace)
			pendingSpace = ""
			sb.WriteString(t.s)
		case isSpace(t.s):
			if open {
				pendingSpace += t.s
			} else {
				sb.WriteString(t.s)
			}
		default:
			mark := added[w]
			w++
			if !mark {
				closeMark()
			}
			sb.WriteString(pendingSpace)
			pendingSpace = ""
			if mark && !open {
				sb.WriteString(`<mark class="` + AddedClass + `">`)
				open = true
			}
			sb.WriteString(t.s)
		}
	}
	closeMark()
	sb.WriteString(pendingSpace)
	return sb.String()
}

type htmlToken struct {
	s   string
	tag bool
}

// htmlTokens splits an HTML fragment into tags (including comments) and
// runs of text split at white space.
func htmlTokens(h string) []htmlToken {
	var out []htmlToken
	for len(h) > 0 {
		if h[0] == '<' {
			end := strings.IndexByte(h, '>')
			if strings.HasPrefix(h, "<!--") {
				if e := strings.Index(h, "-->"); e >= 0 {
					end = e + 2
				}
			}
			if end < 0 {
				end = len(h) - 1
			}
			out = append(out, htmlToken{s: h[:end+1], tag: true})
			h = h[end+1:]
			continue
		}
		end := strings.IndexByte(h, '<')
		if end < 0 {
			end = len(h)
		}
		for _, t := range splitSpace(h[:end]) {
			out = append(out, htmlToken{s: t})
		}
		h = h[end:]
	}
	return out
}

func textTokens(toks []htmlToken) []string {
	var out []string
	for _, t := range toks {
		if !t.tag {
			out = append(out, t.s)
		}
	}
	return out
}
