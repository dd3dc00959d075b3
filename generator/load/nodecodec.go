package load

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"gopkg.in/yaml.v3"
)

// The node encoding stores a *yaml.Node tree so that it can be rebuilt
// without running the YAML parser. It is a format byte, the number of
// nodes, then every node in preorder (a node, then its Content in order):
//
//	uvarint Kind, uvarint Style, byte flags,
//	for each string flagged present: uvarint length, bytes
//	  (Tag, Value, Anchor, HeadComment, LineComment, FootComment),
//	varint Line, varint Column,
//	if flagContent: uvarint len(Content),
//	if flagAlias: uvarint preorder number of the Alias target.
//
// Children follow their parent, so Content needs no pointers; an alias
// names its target by preorder number, since the target may be anywhere
// in the tree, even an ancestor (a: &a [*a]).
const nodeFormat byte = 1

// Flags say which optional fields of a node are present. The first six
// follow the order of nodeStrings.
const (
	flagTag byte = 1 << iota
	flagValue
	flagAnchor
	flagHeadComment
	flagLineComment
	flagFootComment
	flagContent // Content is non-nil (possibly empty)
	flagAlias
)

// minEncodedNode is the fewest bytes a node takes (Kind, Style, flags,
// Line, Column); it bounds the node count a decoder believes.
const minEncodedNode = 5

var errDamagedNode = errors.New("damaged YAML node encoding")

// encodeNode returns the encoding of the tree under root. It refuses trees
// the YAML parser never produces and decodeNode would reject: a nil node,
// a node reachable twice through Content, an alias whose target lies
// outside the tree, and the malformed nodes checkNode describes.
func encodeNode(root *yaml.Node) ([]byte, error) {
	// Number the nodes in preorder, the order they are written in, so an
	// alias can name its target.
	var order []*yaml.Node
	number := map[*yaml.Node]int{}
	size := 16 // a generous estimate of the encoding's length, to allocate once
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			return nil, errors.New("encoding YAML node: nil node in tree")
		}
		if _, ok := number[n]; ok {
			return nil, fmt.Errorf("encoding YAML node: node at line %d column %d appears twice in the tree", n.Line, n.Column)
		}
		if err := checkNode(n, n.Alias != nil); err != nil {
			return nil, fmt.Errorf("encoding YAML node at line %d column %d: %w", n.Line, n.Column, err)
		}
		number[n] = len(order)
		order = append(order, n)
		size += 3*binary.MaxVarintLen32 + len(n.Tag) + len(n.Value) + len(n.Anchor) +
			len(n.HeadComment) + len(n.LineComment) + len(n.FootComment) + 6
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}

	b := make([]byte, 0, size)
	b = append(b, nodeFormat)
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, n := range order {
		strs := nodeStrings(n)
		var flags byte
		for i, s := range strs {
			if s != "" {
				flags |= 1 << i
			}
		}
		if n.Content != nil {
			flags |= flagContent
		}
		if n.Alias != nil {
			flags |= flagAlias
		}
		b = binary.AppendUvarint(b, uint64(n.Kind))
		b = binary.AppendUvarint(b, uint64(n.Style))
		b = append(b, flags)
		for _, s := range strs {
			if s != "" {
				b = binary.AppendUvarint(b, uint64(len(s)))
				b = append(b, s...)
			}
		}
		b = binary.AppendVarint(b, int64(n.Line))
		b = binary.AppendVarint(b, int64(n.Column))
		if n.Content != nil {
			b = binary.AppendUvarint(b, uint64(len(n.Content)))
		}
		if n.Alias != nil {
			target, ok := number[n.Alias]
			if !ok {
				return nil, fmt.Errorf("encoding YAML node at line %d column %d: alias *%s points outside the tree", n.Line, n.Column, n.Value)
			}
			b = binary.AppendUvarint(b, uint64(target))
		}
	}
	return b, nil
}

// nodeStrings returns the string fields of n in the order they are
// encoded and flagged.
func nodeStrings(n *yaml.Node) [6]string {
	return [6]string{n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment}
}

// checkNode reports a node that code walking YAML trees (yaml.v3's own
// Node.Decode among it) does not expect: an unknown kind, an alias kind
// without a target or a target on another kind, content on a scalar or
// alias, or a mapping with a key and no value.
func checkNode(n *yaml.Node, hasAlias bool) error {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
	case yaml.MappingNode:
		if len(n.Content)%2 != 0 {
			return fmt.Errorf("mapping has %d keys and values, an odd number", len(n.Content))
		}
	case yaml.ScalarNode, yaml.AliasNode:
		if len(n.Content) != 0 {
			return fmt.Errorf("scalar or alias has %d child nodes", len(n.Content))
		}
	default:
		return fmt.Errorf("unknown node kind %d", n.Kind)
	}
	if (n.Kind == yaml.AliasNode) != hasAlias {
		return errors.New("alias target set on a node that is not an alias, or missing on one that is")
	}
	return nil
}

// nodeDecoder reads an encoding. A read past the end or a malformed
// number sets bad and returns a zero value, so decodeNode checks once per
// node instead of after every field.
type nodeDecoder struct {
	b   []byte
	s   string // b as a string: node strings are sliced from it, one copy for all
	off int    // next byte to read; never more than len(b)
	bad bool
}

func (d *nodeDecoder) uvarint() uint64 {
	// Most numbers fit in one byte; this path inlines.
	if d.off < len(d.b) && d.b[d.off] < 0x80 {
		d.off++
		return uint64(d.b[d.off-1])
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.off += n
	return v
}

func (d *nodeDecoder) varint() int {
	u := d.uvarint()
	v := int64(u>>1) ^ -int64(u&1) // zigzag, as binary.Varint
	if v < math.MinInt || v > math.MaxInt {
		d.bad = true
		return 0
	}
	return int(v)
}

func (d *nodeDecoder) nextByte() byte {
	if d.off >= len(d.b) {
		d.bad = true
		return 0
	}
	d.off++
	return d.b[d.off-1]
}

func (d *nodeDecoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.off) {
		d.bad = true
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

// decodeNode rebuilds the tree encodeNode wrote. Damaged input of any kind
// gives an error, never a panic or a tree that breaks the rules checkNode
// enforces.
func decodeNode(b []byte) (*yaml.Node, error) {
	if len(b) == 0 || b[0] != nodeFormat {
		return nil, errDamagedNode
	}
	d := nodeDecoder{b: b, s: string(b), off: 1}
	count := d.uvarint()
	if d.bad || count == 0 || count > uint64(len(b))/minEncodedNode {
		return nil, errDamagedNode
	}
	// One allocation for the nodes and one for all Content slices: the
	// tree lives and dies as a whole.
	nodes := make([]yaml.Node, count)
	children := make([]*yaml.Node, count-1)
	used := 0 // children handed out to Content slices so far

	type open struct {
		node   *yaml.Node
		filled int // children of node decoded so far
	}
	var stack []open // nodes whose children are still being decoded
	type alias struct {
		node   *yaml.Node
		target uint64
	}
	var aliases []alias

	for i := range nodes {
		n := &nodes[i]
		if i > 0 {
			for len(stack) > 0 && stack[len(stack)-1].filled == len(stack[len(stack)-1].node.Content) {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				return nil, errDamagedNode // more nodes than Content holds
			}
			top := &stack[len(stack)-1]
			top.node.Content[top.filled] = n
			top.filled++
		}
		kind, style := d.uvarint(), d.uvarint()
		if kind > math.MaxUint32 || style > math.MaxUint32 {
			return nil, errDamagedNode
		}
		n.Kind, n.Style = yaml.Kind(kind), yaml.Style(style)
		flags := d.nextByte()
		// In nodeStrings order.
		for i, field := range [...]*string{&n.Tag, &n.Value, &n.Anchor, &n.HeadComment, &n.LineComment, &n.FootComment} {
			if flags&(1<<i) != 0 {
				*field = d.str()
			}
		}
		n.Line = d.varint()
		n.Column = d.varint()
		if flags&flagContent != 0 {
			c := d.uvarint()
			if c > uint64(len(children)-used) {
				return nil, errDamagedNode
			}
			n.Content = children[used : used+int(c) : used+int(c)]
			used += int(c)
			if c > 0 {
				stack = append(stack, open{node: n})
			}
		}
		if flags&flagAlias != 0 {
			target := d.uvarint()
			if target >= count {
				return nil, errDamagedNode
			}
			aliases = append(aliases, alias{n, target})
		}
		if d.bad || checkNode(n, flags&flagAlias != 0) != nil {
			return nil, errDamagedNode
		}
	}
	// Every node but the root fills one Content slot, so the slots handed
	// out are all filled exactly when there are as many as nodes below the
	// root.
	if used != len(children) || d.off != len(b) {
		return nil, errDamagedNode
	}
	for _, a := range aliases {
		a.node.Alias = &nodes[a.target]
	}
	return &nodes[0], nil
}
