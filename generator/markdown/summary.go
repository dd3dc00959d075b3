package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"

	"github.com/yuin/goldmark/ast"
)

// A Summary is what the pipeline needs of a body apart from its HTML: its
// headings, every link and reference in the order Resolve meets them, and
// its plain text. It is small and depends on the body alone, so it is
// cached by content: a rebuild resolves an unchanged page's links from
// its summary instead of parsing the page again.
type Summary struct {
	Headings []Heading
	Links    []LinkUse
	Text     string
}

// A LinkUse is one call Resolve makes to a Resolver.
type LinkUse struct {
	Op     LinkOp
	Dest   string // Link, Image, AutoLink: the destination as written
	Kind   string // Ref: [[kind:id]]
	ID     string
	Offset int
}

// LinkOp says which Resolver call a LinkUse is.
type LinkOp byte

const (
	OpLink     LinkOp = 'l' // Dest(dest, offset, false)
	OpImage    LinkOp = 'i' // Dest(dest, offset, true)
	OpAutoLink LinkOp = 'a' // Dest(url, offset, false) for a bare URL
	OpRef      LinkOp = 'r' // Ref(kind, id, offset)
	OpUnclosed LinkOp = 'u' // UnclosedRef(kind, id, offset), if the Resolver has it
)

// Replay makes the Resolver calls Resolve would make for the body s sums
// up, in the same order, so res sees the same links; nothing is rendered.
func (s *Summary) Replay(res Resolver) {
	for _, u := range s.Links {
		switch u.Op {
		case OpLink, OpAutoLink:
			res.Dest(u.Dest, u.Offset, false)
		case OpImage:
			res.Dest(u.Dest, u.Offset, true)
		case OpRef:
			res.Ref(u.Kind, u.ID, u.Offset)
		case OpUnclosed:
			if uc, ok := res.(UnclosedRefs); ok {
				uc.UnclosedRef(u.Kind, u.ID, u.Offset)
			}
		}
	}
}

// Summarize returns the summary of the body src, from the cache when the
// Renderer has one and has seen src before.
func (r *Renderer) Summarize(src []byte) *Summary {
	s, _ := r.SummarizeParsed(src)
	return s
}

// SummarizeParsed is Summarize that also returns the Doc it parsed, links
// not yet resolved, or nil when the summary came from the cache.
func (r *Renderer) SummarizeParsed(src []byte) (*Summary, *Doc) {
	var key string
	if r.opts.Cache != nil {
		h := sha256.New()
		h.Write([]byte("summary\x00" + Version + "\x00"))
		h.Write(src)
		key = hex.EncodeToString(h.Sum(nil))
		if b, ok := r.opts.Cache.Get(key); ok {
			if s, err := decodeSummary(b); err == nil {
				return s, nil
			}
		}
	}
	d := r.Parse(src)
	s := &Summary{Headings: d.Headings, Text: Text(d)}
	for _, u := range linkUses(d) {
		s.Links = append(s.Links, u.LinkUse)
	}
	if r.opts.Cache != nil {
		r.opts.Cache.Put(key, s.encode())
	}
	return s, d
}

// linkUse is a LinkUse with the node it came from.
type linkUse struct {
	LinkUse
	node ast.Node
}

// linkUses lists the links and references of d in document order: the
// calls Resolve makes, whether it rewrites d or replays a Summary.
func linkUses(d *Doc) []linkUse {
	var out []linkUse
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, linkUse{LinkUse{Op: OpLink, Dest: string(n.Destination), Offset: startOffset(n, d.Source) - 1}, n})
		case *ast.Image:
			out = append(out, linkUse{LinkUse{Op: OpImage, Dest: string(n.Destination), Offset: startOffset(n, d.Source) - 2}, n})
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				out = append(out, linkUse{LinkUse{Op: OpAutoLink, Dest: string(n.URL(d.Source)), Offset: startOffset(n, d.Source)}, n})
			}
		case *Ref:
			op := OpRef
			if n.Unclosed {
				op = OpUnclosed
			}
			out = append(out, linkUse{LinkUse{Op: op, Kind: n.RefKind, ID: n.ID, Offset: n.Offset}, n})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// encode writes s as uvarint-prefixed fields; decodeSummary reads it.
func (s *Summary) encode() []byte {
	size := len(s.Text) + 16
	for _, h := range s.Headings {
		size += len(h.ID) + len(h.Text) + 8
	}
	for _, u := range s.Links {
		size += len(u.Dest) + len(u.Kind) + len(u.ID) + 12
	}
	b := make([]byte, 0, size)
	str := func(v string) []byte { return append(binary.AppendUvarint(b, uint64(len(v))), v...) }
	b = binary.AppendUvarint(b, uint64(len(s.Headings)))
	for _, h := range s.Headings {
		b = binary.AppendUvarint(b, uint64(h.Level))
		b = str(h.ID)
		b = str(h.Text)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Links)))
	for _, u := range s.Links {
		b = append(b, byte(u.Op))
		b = str(u.Dest)
		b = str(u.Kind)
		b = str(u.ID)
		b = binary.AppendVarint(b, int64(u.Offset))
	}
	return str(s.Text)
}

var errBadSummary = errors.New("damaged summary")

func decodeSummary(b []byte) (*Summary, error) {
	bad := false
	num := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() string {
		n := num()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		v := string(b[:n])
		b = b[n:]
		return v
	}
	s := &Summary{}
	nh := num()
	if nh > uint64(len(b)) {
		return nil, errBadSummary
	}
	for i := uint64(0); i < nh && !bad; i++ {
		s.Headings = append(s.Headings, Heading{Level: int(num()), ID: str(), Text: str()})
	}
	nl := num()
	if nl > uint64(len(b)) {
		return nil, errBadSummary
	}
	for i := uint64(0); i < nl && !bad; i++ {
		if len(b) == 0 {
			return nil, errBadSummary
		}
		u := LinkUse{Op: LinkOp(b[0])}
		b = b[1:]
		u.Dest, u.Kind, u.ID = str(), str(), str()
		off, n := binary.Varint(b)
		if n <= 0 {
			return nil, errBadSummary
		}
		b = b[n:]
		u.Offset = int(off)
		s.Links = append(s.Links, u)
	}
	s.Text = str()
	if bad || len(b) != 0 {
		return nil, errBadSummary
	}
	return s, nil
}
