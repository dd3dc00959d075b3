package load

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// codecCases are front matters covering every node field yaml.v3 fills.
var codecCases = []struct {
	name string
	src  string
}{
	{"plain scalars", "title: Hello\nweight: 3\nratio: 0.5\ndraft: false\ndate: 2026-01-02\n"},
	{"double quoted", "title: \"Say \\\"hi\\\"\\n\\t\\u00e9\"\n"},
	{"single quoted", "title: 'it''s here'\n"},
	{"literal block", "body: |\n  line one\n  line two\n\n  after blank\n"},
	{"literal strip and keep", "a: |-\n  no newline\nb: |+\n  keep\n\nc: x\n"},
	{"folded block", "summary: >\n  folded\n  text\n\n  para\n"},
	{"indented literal", "code: |2\n    indented\n  less\n"},
	{"multi-line plain", "title: first\n  second\n  third\n"},
	{"flow sequence", "tags: [a, \"b c\", 'd', 3]\n"},
	{"flow mapping", "meta: {a: 1, b: [x, y], c: {d: e}}\n"},
	{"nested maps", "a:\n  b:\n    c:\n      d: deep\n  e: [1, 2]\nf:\n  - g: h\n    i: j\n  - - nested\n    - list\n"},
	{"block sequence", "people:\n  - Ana\n  - Ben\n  -\n  - ''\n"},
	{"comments", "# head of title\ntitle: x # line of title\n# foot of title\n\n# head of tags\ntags:\n  # head of a\n  - a # line of a\n  - b\n# foot of document\n"},
	{"anchors and aliases", "base: &base {owner: ops, tier: 1}\ncopy: *base\nlist: [&x one, *x, *x]\n"},
	{"merge keys", "defaults: &d\n  owner: ops\n  tier: 1\nservice:\n  <<: *d\n  tier: 2\nmulti:\n  <<: [*d, {extra: yes}]\n"},
	{"alias to an ancestor", "a: &a [*a, x]\n"},
	{"anchor on a scalar key", "&k key: value\nother: *k\n"},
	{"unicode", "title: \"Zürich — 東京 🚀\"\nnaïve: ça va\n\"ключ\": значение\n"},
	{"empty values", "a:\nb: \"\"\nc: ''\nd: ~\ne: null\nf: {}\ng: []\n"},
	{"tags", "a: !!str 123\nb: !!int \"5\"\nc: !custom x\nd: !!binary aGVsbG8=\ne: !!float 1\nf: !<tag:example.com,2000:x> y\ng: !!map {k: v}\nh: !!seq [1]\n"},
	{"special keys", "? complex key\n: value\n\"quoted key\": 1\n'1': one\n? [a, b]\n: flow key\n"},
	{"long strings", "description: " + strings.Repeat("long text ", 40) + "\n" + strings.Repeat("k", 200) + ": v\n"},
	{"numbers and booleans", "a: 0x1F\nb: 1e3\nc: .inf\nd: -.Inf\ne: .nan\nf: yes\ng: on\nh: True\ni: -0\n"},
	{"deep nesting", strings.Repeat("[", 60) + strings.Repeat("]", 60) + ": x\nk: " + strings.Repeat("{a: ", 40) + "b" + strings.Repeat("}", 40) + "\n"},
	{"windows-like spacing", "title:    spaced    \nwide:\n\n\n  value\n"},
}

// mustParseFront parses src as front matter the way ParseMarkdown does,
// without a cache.
func mustParseFront(t testing.TB, src string) *yaml.Node {
	t.Helper()
	var diags site.Diagnostics
	root, _ := parseFrontYAML("doc.md", []byte(src), &diags)
	if root == nil || len(diags.List()) > 0 {
		t.Fatalf("parsing %q: root %v, diagnostics %v", src, root, diags.List())
	}
	return root
}

// checkRoundTrip encodes n, decodes it and checks the result equals n and
// encodes to the same bytes.
func checkRoundTrip(t testing.TB, n *yaml.Node) {
	t.Helper()
	b, err := encodeNode(n)
	if err != nil {
		t.Fatalf("encodeNode: %v", err)
	}
	got, err := decodeNode(b)
	if err != nil {
		t.Fatalf("decodeNode: %v", err)
	}
	if !reflect.DeepEqual(got, n) {
		t.Fatalf("round trip differs:\n got %s\nwant %s", dumpNode(got), dumpNode(n))
	}
	again, err := encodeNode(got)
	if err != nil {
		t.Fatalf("encodeNode of decoded tree: %v", err)
	}
	if !bytes.Equal(again, b) {
		t.Fatalf("encoding is not stable:\n got %x\nwant %x", again, b)
	}
}

func TestNodeCodecRoundTrip(t *testing.T) {
	for _, tt := range codecCases {
		t.Run(tt.name, func(t *testing.T) {
			root := mustParseFront(t, tt.src)
			checkRoundTrip(t, root)

			// The whole document too, with the comments yaml.v3 puts on
			// the document node.
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tt.src), &doc); err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, &doc)

			// A decoded tree decodes into Go values as the parsed one does,
			// errors included.
			b, _ := encodeNode(root)
			decoded, _ := decodeNode(b)
			if got, want := goValue(decoded), goValue(root); got != want {
				t.Errorf("Decode: got %s, want %s", got, want)
			}
		})
	}
}

func TestNodeCodecKeepsAliasTargets(t *testing.T) {
	root := mustParseFront(t, "base: &base {owner: ops}\ncopy: *base\n")
	b, err := encodeNode(root)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeNode(b)
	if err != nil {
		t.Fatal(err)
	}
	if alias := got.Content[3]; alias.Kind != yaml.AliasNode || alias.Alias != got.Content[1] {
		t.Errorf("alias points to %p, want the anchored node %p", alias.Alias, got.Content[1])
	}
}

func TestNodeCodecKeepsEmptyContent(t *testing.T) {
	// yaml.v3 leaves Content nil for {} and []; a non-nil empty slice must
	// survive too, so DeepEqual holds for trees built by hand.
	n := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "k"},
		{Kind: yaml.SequenceNode, Content: []*yaml.Node{}},
	}}
	checkRoundTrip(t, n)
	checkRoundTrip(t, &yaml.Node{Kind: yaml.ScalarNode, Line: -3, Column: 1 << 40, Style: 1<<32 - 1})
}

func TestEncodeNodeRefusesMalformedTrees(t *testing.T) {
	scalar := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	shared := scalar("shared")
	cyclic := &yaml.Node{Kind: yaml.SequenceNode}
	cyclic.Content = []*yaml.Node{cyclic}
	tests := []struct {
		name string
		n    *yaml.Node
	}{
		{"nil root", nil},
		{"nil child", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{nil}}},
		{"zero kind", &yaml.Node{}},
		{"unknown kind", &yaml.Node{Kind: 3}},
		{"odd mapping", &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalar("k")}}},
		{"scalar with content", &yaml.Node{Kind: yaml.ScalarNode, Content: []*yaml.Node{scalar("x")}}},
		{"alias without target", &yaml.Node{Kind: yaml.AliasNode, Value: "a"}},
		{"target on a scalar", &yaml.Node{Kind: yaml.ScalarNode, Alias: scalar("x")}},
		{"alias outside the tree", &yaml.Node{Kind: yaml.AliasNode, Value: "a", Alias: scalar("elsewhere")}},
		{"node twice", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{shared, shared}}},
		{"content cycle", cyclic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := encodeNode(tt.n); err == nil {
				t.Errorf("encodeNode succeeded with %x", b)
			}
		})
	}
}

func TestDecodeNodeRejectsDamage(t *testing.T) {
	var all [][]byte
	for _, tt := range codecCases {
		b, err := encodeNode(mustParseFront(t, tt.src))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b)
	}
	for _, b := range all {
		for n := range len(b) {
			if _, err := decodeNode(b[:n]); err == nil {
				t.Fatalf("decoding %x truncated to %d bytes succeeded", b, n)
			}
		}
		if _, err := decodeNode(append(bytes.Clone(b), 0)); err == nil {
			t.Fatalf("decoding %x with a trailing byte succeeded", b)
		}
		// A changed byte must never panic; it may still decode, as a
		// changed letter in a string does.
		for i := range b {
			for _, v := range []byte{0, 1, 0x7f, 0x80, 0xff, b[i] ^ 1} {
				damaged := bytes.Clone(b)
				damaged[i] = v
				if n, err := decodeNode(damaged); err == nil {
					checkTree(t, n)
				}
			}
		}
	}
	for _, b := range []string{"", "\x00", "\x01", "\x01\x00", "\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", "\x01\x01\x04\x00\x00\x00\x00\x00", "\x01\x01\x03\x00\x00\x00\x00", "\x01\x02\x04\x00\x40\x00\x00\x01"} {
		if _, err := decodeNode([]byte(b)); err == nil {
			t.Errorf("decoding %q succeeded", b)
		}
	}
}

// goValue returns what n decodes to as Go values, or the error, printed.
func goValue(n *yaml.Node) string {
	var v any
	if err := n.Decode(&v); err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%#v", v)
}

// checkTree fails unless every node of the decoded tree n keeps the rules
// checkNode enforces and every alias points into the tree.
func checkTree(t testing.TB, root *yaml.Node) {
	t.Helper()
	in := map[*yaml.Node]bool{}
	var all []*yaml.Node
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || in[n] {
			t.Fatalf("decoded tree has a nil or repeated node")
		}
		in[n] = true
		all = append(all, n)
		if err := checkNode(n, n.Alias != nil); err != nil {
			t.Fatalf("decoded node: %v", err)
		}
		stack = append(stack, n.Content...)
	}
	for _, n := range all {
		if n.Alias != nil && !in[n.Alias] {
			t.Fatalf("decoded alias points outside the tree")
		}
	}
}

// dumpNode renders a tree for failure messages.
func dumpNode(n *yaml.Node) string {
	var sb strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&sb, "\n%s", strings.Repeat("  ", depth))
		if n == nil {
			sb.WriteString("<nil>")
			return
		}
		fmt.Fprintf(&sb, "kind=%d style=%d tag=%q value=%q anchor=%q head=%q line=%q foot=%q pos=%d:%d alias=%t content=%t",
			n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment,
			n.Line, n.Column, n.Alias != nil, n.Content != nil)
		if depth < 50 {
			for _, c := range n.Content {
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	return sb.String()
}

func FuzzNodeCodec(f *testing.F) {
	for _, tt := range codecCases {
		f.Add([]byte(tt.src))
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tt.src), &doc); err == nil {
			if b, err := encodeNode(&doc); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// As an encoding: decoding must not panic, and what decodes must
		// be a sound tree that encodes and decodes to itself.
		if n, err := decodeNode(b); err == nil {
			checkTree(t, n)
			again, err := encodeNode(n)
			if err != nil {
				t.Fatalf("decoded tree does not encode: %v", err)
			}
			m, err := decodeNode(again)
			if err != nil || !reflect.DeepEqual(m, n) {
				t.Fatalf("decoded tree does not round-trip: %v", err)
			}
			goValue(n) // code reading trees must cope with what decodes
		}

		// As YAML: a parsed tree round-trips, and a cached parse of it as
		// front matter equals a fresh one, diagnostics included.
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil || doc.Kind == 0 {
			return
		}
		checkRoundTrip(t, &doc)
		cache := newMemCache()
		var freshDiags site.Diagnostics
		fresh, _ := parseFrontYAML("f.md", b, &freshDiags)
		for range 2 {
			var diags site.Diagnostics
			got, _ := parseFront("f.md", b, cache, &diags)
			if !reflect.DeepEqual(got, fresh) {
				t.Fatalf("cached front matter differs:\n got %s\nwant %s", dumpNode(got), dumpNode(fresh))
			}
			if g, w := diagStrings(&diags), diagStrings(&freshDiags); !reflect.DeepEqual(g, w) {
				t.Fatalf("diagnostics %q, want %q", g, w)
			}
		}
	})
}
