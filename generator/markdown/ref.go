package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindRef is the node kind of a [[kind:id]] reference.
var KindRef = ast.NewNodeKind("Ref")

// Ref is a [[kind:id|text]] reference. Target is filled by Render.
type Ref struct {
	ast.BaseInline
	RefKind string
	ID      string
	Label   string // the |custom text, or ""
	Offset  int    // byte offset of "[[" in the source
	Target  *Target
	// Unclosed says the reference is "[[kind:id" at the end of a table
	// cell: a | in it ended the cell. It renders as written.
	Unclosed bool
}

// Kind implements ast.Node.
func (n *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (n *Ref) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.RefKind, "ID": n.ID}, nil)
}

// refPattern matches [[kind:id]] and [[kind:id|text]]. Ids may contain
// letters, digits, and -_./# so that [[page:handbook/on-call]] and
// [[ladder:backend#E4]] work. The kind is matched in any case ([[ADR:3]]
// is [[adr:3]]); "\|" separates the text as "|" does, since GFM tables
// need their pipes escaped, and an empty text is no text.
var refPattern = regexp.MustCompile(`^\[\[([a-zA-Z][a-zA-Z0-9_-]*):([^\]\|\n]*?)(?:\\?\|([^\]\n]*))?\]\]`)

// unclosedRef matches what is left of a table cell that holds "[[kind:id"
// without its "]]".
var unclosedRef = regexp.MustCompile(`^\[\[([a-zA-Z][a-zA-Z0-9_-]*):([^\]\|\n]*)$`)

// newRef returns the reference [[kind:id|label]] as refPattern matched it.
func newRef(kind, id, label string, offset int) *Ref {
	return &Ref{RefKind: strings.ToLower(kind), ID: id, Label: strings.ReplaceAll(label, `\|`, "|"), Offset: offset}
}

// MatchRefs returns every [[kind:id]] in plain text, for fields that are
// not Markdown (onboarding reading lists).
func MatchRefs(s string) [][3]string {
	var out [][3]string
	for i := 0; i < len(s); i++ {
		if s[i] == '[' {
			if m := refPattern.FindStringSubmatch(s[i:]); m != nil {
				r := newRef(m[1], m[2], m[3], i)
				out = append(out, [3]string{r.RefKind, r.ID, r.Label})
				i += len(m[0]) - 1
			}
		}
	}
	return out
}

type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'['} }

func (refParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '[' {
		return nil
	}
	if m := refPattern.FindSubmatch(line); m != nil {
		block.Advance(len(m[0]))
		return newRef(string(m[1]), string(m[2]), string(m[3]), seg.Start)
	}
	if parent.Kind() == extast.KindTableCell {
		if m := unclosedRef.FindSubmatch(line); m != nil {
			block.Advance(len(m[0]))
			ref := newRef(string(m[1]), string(m[2]), "", seg.Start)
			ref.Unclosed = true
			return ref
		}
	}
	return nil
}
