package site

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// NodeDecoder is implemented by types that decode themselves from YAML.
// DecodeNode returns an error whose message is shown at the node's position.
type NodeDecoder interface {
	DecodeNode(n *yaml.Node) error
}

// maxDecodedNodes bounds the work one Decode call may do, so that an alias
// bomb ("billion laughs") is refused quickly instead of exhausting memory.
const maxDecodedNodes = 1_000_000

// Decode decodes node into v, which must be a non-nil pointer. Every
// problem is reported to diags at the offending node's position in path:
// unknown keys (with a "did you mean" hint), a value of the wrong type, and
// errors from NodeDecoder implementations. Decoding continues after a
// problem so that one run shows them all. It returns false if anything was
// reported.
//
// A struct field named Pos of type Pos (tagged yaml:"-") receives the
// position of the mapping it was decoded from.
func Decode(path string, node *yaml.Node, v any, diags *Diagnostics) bool {
	d := &decoder{path: path, diags: diags}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("site.Decode: v must be a non-nil pointer")
	}
	if node != nil && node.Kind == yaml.DocumentNode && len(node.Content) == 1 {
		node = node.Content[0]
	}
	if node != nil {
		d.value(node, rv.Elem(), "")
	}
	return !d.failed
}

// PosOf returns the position of a YAML node in path.
func PosOf(path string, n *yaml.Node) Pos {
	if n == nil {
		return Pos{Path: path}
	}
	return Pos{Path: path, Line: n.Line, Col: n.Column}
}

type decoder struct {
	path   string
	diags  *Diagnostics
	failed bool
	count  int
	bombed bool
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.failed = true
	d.diags.Errorf(PosOf(d.path, n), "yaml", format, args...)
}

var (
	posType       = reflect.TypeOf(Pos{})
	nodeType      = reflect.TypeOf(yaml.Node{})
	nodeDecoderTy = reflect.TypeOf((*NodeDecoder)(nil)).Elem()
)

// Describe names what a YAML node holds, for messages such as "expected a
// number, got the boolean true".
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		case "!!null":
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "a value"
}

func field(name string) string {
	if name == "" {
		return ""
	}
	return fmt.Sprintf(" for %q", name)
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, name string) {
	if d.bombed {
		return
	}
	d.count++
	if d.count > maxDecodedNodes {
		d.bombed = true
		d.errorf(n, "YAML expands to more than %d values (an alias bomb?); refusing to decode it", maxDecodedNodes)
		return
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			d.errorf(n, "unknown alias %q", n.Value)
			return
		}
		d.value(n.Alias, v, name)
		return
	}
	if v.Type() == nodeType {
		v.Set(reflect.ValueOf(*n))
		return
	}
	if v.Kind() == reflect.Pointer {
		if n.Tag == "!!null" {
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), name)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(nodeDecoderTy) {
		if err := v.Addr().Interface().(NodeDecoder).DecodeNode(n); err != nil {
			d.errorf(n, "%s%s", err.Error(), field(name))
		}
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value leaves the zero value
	}
	switch v.Kind() {
	case reflect.Interface:
		if x := d.generic(n); x != nil {
			v.Set(reflect.ValueOf(x))
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "expected text%s, got %s", field(name), Describe(n))
			return
		}
		switch n.Tag {
		case "!!int", "!!float", "!!bool":
			d.errorf(n, "expected text%s, got %s; put it in quotes if you mean the text %q", field(name), Describe(n), n.Value)
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errorf(n, "expected true or false%s, got %s", field(name), Describe(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || v.OverflowInt(i) {
			d.errorf(n, "expected a whole number%s, got %s", field(name), Describe(n))
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		i, err := strconv.ParseUint(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || v.OverflowUint(i) {
			d.errorf(n, "expected a whole number of zero or more%s, got %s", field(name), Describe(n))
			return
		}
		v.SetUint(i)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil {
			d.errorf(n, "expected a number%s, got %s", field(name), Describe(n))
			return
		}
		v.SetFloat(f)
	case reflect.Slice:
		items := n.Content
		if n.Kind == yaml.ScalarNode {
			items = []*yaml.Node{n} // a lone value where a list is expected is a list of one
		} else if n.Kind != yaml.SequenceNode {
			d.errorf(n, "expected a list%s, got %s", field(name), Describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			d.value(item, s.Index(i), name)
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "expected a mapping%s, got %s", field(name), Describe(n))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for _, kv := range d.pairs(n) {
			key := reflect.New(v.Type().Key()).Elem()
			switch key.Kind() {
			case reflect.String:
				key.SetString(kv[0].Value)
			default:
				// Non-string keys (a per-tier map {1: 99.95}) decode like values.
				d.value(kv[0], key, name)
			}
			elem := reflect.New(v.Type().Elem()).Elem()
			d.value(kv[1], elem, kv[0].Value)
			v.SetMapIndex(key, elem)
		}
	case reflect.Struct:
		d.structValue(n, v, name)
	default:
		panic("site.Decode: unsupported type " + v.Type().String())
	}
}

// generic decodes n into map[string]any, []any and scalars, counting
// every node against the same budget as typed decoding.
func (d *decoder) generic(n *yaml.Node) any {
	if d.bombed {
		return nil
	}
	d.count++
	if d.count > maxDecodedNodes {
		d.bombed = true
		d.errorf(n, "YAML expands to more than %d values (an alias bomb?); refusing to decode it", maxDecodedNodes)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		return d.generic(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for _, kv := range d.pairs(n) {
			m[kv[0].Value] = d.generic(kv[1])
		}
		return m
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, d.generic(c))
		}
		return out
	case yaml.ScalarNode:
		var x any
		if err := n.Decode(&x); err != nil {
			d.errorf(n, "%v", err)
			return nil
		}
		return x
	}
	return nil
}

// pairs returns a mapping's key/value nodes with merge keys (<<) expanded
// and later keys winning, reporting duplicate keys.
func (d *decoder) pairs(n *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]int{}
	add := func(k, v *yaml.Node, merged bool) {
		if i, ok := seen[k.Value]; ok {
			if !merged {
				if out[i][0].Line != 0 && !d.isMerged(out[i][0], n) {
					d.errorf(k, "key %q appears twice in this mapping (first at line %d)", k.Value, out[i][0].Line)
				}
				out[i] = [2]*yaml.Node{k, v}
			}
			return
		}
		seen[k.Value] = len(out)
		out = append(out, [2]*yaml.Node{k, v})
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		add(k, v, false)
	}
	for _, m := range merges {
		d.count++
		if d.count > maxDecodedNodes {
			return out
		}
		for m.Kind == yaml.AliasNode && m.Alias != nil {
			m = m.Alias
		}
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, src := range srcs {
			for src.Kind == yaml.AliasNode && src.Alias != nil {
				src = src.Alias
			}
			if src.Kind != yaml.MappingNode {
				d.errorf(m, "a merge key (<<) needs a mapping")
				continue
			}
			for i := 0; i+1 < len(src.Content); i += 2 {
				add(src.Content[i], src.Content[i+1], true)
			}
		}
	}
	return out
}

func (d *decoder) isMerged(k, parent *yaml.Node) bool {
	for i := 0; i < len(parent.Content); i += 2 {
		if parent.Content[i] == k {
			return false
		}
	}
	return true
}

type structField struct {
	index []int
	name  string
}

func structFields(t reflect.Type) (fields map[string]structField, names []string, posIndex []int) {
	fields = map[string]structField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Name == "Pos" && f.Type == posType {
			posIndex = f.Index
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			inner, innerNames, _ := structFields(f.Type)
			for k, sf := range inner {
				fields[k] = structField{index: append(append([]int(nil), f.Index...), sf.index...), name: k}
			}
			names = append(names, innerNames...)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = structField{index: f.Index, name: name}
		names = append(names, name)
	}
	sort.Strings(names)
	return fields, names, posIndex
}

func (d *decoder) structValue(n *yaml.Node, v reflect.Value, name string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "expected a mapping%s, got %s", field(name), Describe(n))
		return
	}
	fields, names, posIndex := structFields(v.Type())
	if posIndex != nil {
		v.FieldByIndex(posIndex).Set(reflect.ValueOf(PosOf(d.path, n)))
	}
	for _, kv := range d.pairs(n) {
		k := kv[0]
		f, ok := fields[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q%s; known keys: %s", k.Value, DidYouMean(k.Value, names), strings.Join(names, ", "))
			continue
		}
		d.value(kv[1], v.FieldByIndex(f.index), f.name)
	}
}

// Date is a calendar date written as YYYY-MM-DD. Impossible dates such as
// 2026-02-30 are rejected.
type Date struct{ time.Time }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("expected a date written YYYY-MM-DD, got %q", s)
	}
	return Date{t}, nil
}

// DecodeNode implements NodeDecoder.
func (d *Date) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a date written YYYY-MM-DD, got %s", Describe(n))
	}
	v := n.Value
	// A timestamp with a time of day keeps its date.
	if len(v) > 10 && (v[10] == 'T' || v[10] == ' ') {
		v = v[:10]
	}
	x, err := ParseDate(v)
	if err != nil {
		return err
	}
	*d = x
	return nil
}

// String formats the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}
