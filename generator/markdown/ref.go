package markdown

import (
	"regexp"

	"github.com/yuin/goldmark/ast"
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
}

// Kind implements ast.Node.
func (n *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (n *Ref) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.RefKind, "ID": n.ID}, nil)
}

// refPattern matches [[kind:id]] and [[kind:id|text]]. Ids may contain
// letters, digits, and -_./# so that [[page:handbook/on-call]] and
// [[ladder:backend#E4]] work.
var refPattern = regexp.MustCompile(`^\[\[([a-z][a-z0-9_-]*):([^\]\|\n]+?)(?:\|([^\]\n]+))?\]\]`)

// MatchRefs returns every [[kind:id]] in plain text, for fields that are
// not Markdown (onboarding reading lists).
func MatchRefs(s string) [][3]string {
	var out [][3]string
	for i := 0; i < len(s); i++ {
		if s[i] == '[' {
			if m := refPattern.FindStringSubmatch(s[i:]); m != nil {
				out = append(out, [3]string{m[1], m[2], m[3]})
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
	m := refPattern.FindSubmatch(line)
	if m == nil {
		return nil
	}
	block.Advance(len(m[0]))
	return &Ref{RefKind: string(m[1]), ID: string(m[2]), Label: string(m[3]), Offset: seg.Start}
}
