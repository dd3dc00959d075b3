package ladder

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// KindName is the kind's name, the entity kind of [[ladder:...]] and the
// folder under content/ it reads.
const KindName = "ladder"

// Dir is the folder under content/ holding ladders.
const Dir = "ladders"

// Kind is the ladder content kind. It holds no state: everything a build
// derives lives in the Site (see Of), so one Kind serves any number of
// builds.
type Kind struct{}

// New returns the ladder kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (*Kind) Name() string { return KindName }

// Load implements site.Kind: it claims content/ladders/*.md, parses them,
// registers the entities and adds the pages.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	m := &Model{byID: map[string]*Ladder{}}
	var index *site.SourceFile
	for _, f := range s.Source.DocsUnder(Dir) {
		if !s.Source.Claim(f.Path, KindName) {
			continue
		}
		if site.IsIndexFile(f.Rel, Dir) && index == nil {
			index = f
			continue
		}
		l := Parse(f, s.Diags)
		if old, ok := m.byID[l.ID]; ok {
			s.Diags.Errorf(site.Pos{Path: f.Path, Line: 1, Col: 1}, "ladder-duplicate-id",
				"ladder id %q is already used by %s; rename one of the files", l.ID, old.File.Path)
			continue
		}
		m.byID[l.ID] = l
		m.Ladders = append(m.Ladders, l)
	}
	sort.Slice(m.Ladders, func(i, j int) bool { return m.Ladders[i].ID < m.Ladders[j].ID })
	s.SetModel(KindName, m)
	if len(m.Ladders) == 0 && index == nil {
		return nil
	}
	for _, l := range m.Ladders {
		addLadder(s, l)
	}
	addIndex(s, m, index)
	return nil
}

// idPattern is what level and competency ids may contain: they become
// URL segments and anchors.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// reserved level ids would collide with the ladder's other pages.
var reserved = map[string]bool{"compare": true}

// Parse decodes one ladder file and checks it. Problems are reported to
// diags; the ladder returned is usable (possibly with no levels) whatever
// the input.
func Parse(f *site.SourceFile, diags *site.Diagnostics) *Ladder {
	l := &Ladder{ID: site.IDFromRel(f.Rel, Dir), File: f, Pos: site.Pos{Path: f.Path, Line: 1, Col: 1}}
	var fm frontMatter
	site.Decode(f.Path, f.Front, &fm, diags)
	l.Title, l.Track, l.Description, l.Weight = fm.Title, fm.Track, fm.Description, fm.Weight
	if l.Title == "" {
		l.Title = markdown.Title(f.Body)
	}
	if l.Title == "" {
		l.Title = site.Humanize(l.ID)
	}

	if len(fm.Levels) == 0 {
		pos := f.FrontPos("levels")
		diags.Errorf(pos, "ladder-no-levels", "ladder has no levels; add a levels: list such as - {id: E1, title: Engineer}, lowest level first")
	}
	seenLevel := map[string]*Level{}
	for _, lf := range fm.Levels {
		pos := lf.ID.pos(f.Path, lf.Pos)
		id := lf.ID.Value
		if !checkID(diags, pos, "level", id) {
			continue
		}
		if reserved[strings.ToLower(id)] {
			diags.Errorf(pos, "ladder-reserved-id", "level id %q is reserved: ladders/%s/%s/ is the page comparing levels; choose another id", id, l.ID, strings.ToLower(id))
			continue
		}
		if old, ok := seenLevel[strings.ToLower(id)]; ok {
			what := fmt.Sprintf("%q", id)
			if old.ID != id {
				what = fmt.Sprintf("%q (same as %q: level pages are lower case)", id, old.ID)
			}
			diags.Errorf(pos, "ladder-duplicate-level", "duplicate level id %s: already defined at line %d; give each level its own id", what, old.Pos.Line)
			continue
		}
		v := &Level{ID: id, Title: lf.Title, Summary: lf.Summary.Value, Scope: lf.Scope.Value,
			Index: len(l.Levels), Ladder: l, Pos: pos,
			summaryPos: lf.Summary.textPos(f.Path, lf.Pos), scopePos: lf.Scope.textPos(f.Path, lf.Pos)}
		seenLevel[strings.ToLower(id)] = v
		l.Levels = append(l.Levels, v)
	}

	seenComp := map[string]*Competency{}
	for _, cf := range fm.Competencies {
		pos := cf.ID.pos(f.Path, cf.Pos)
		id := cf.ID.Value
		if !checkID(diags, pos, "competency", id) {
			continue
		}
		if old, ok := seenComp[id]; ok {
			diags.Errorf(pos, "ladder-duplicate-competency", "duplicate competency id %q: already defined at line %d; give each competency its own id", id, old.Pos.Line)
			continue
		}
		c := &Competency{ID: id, Name: cf.Name, Description: cf.Description.Value, Pos: pos,
			descPos: cf.Description.textPos(f.Path, cf.Pos)}
		if c.Name == "" {
			c.Name = site.Humanize(id)
		}
		seenComp[id] = c
		l.Competencies = append(l.Competencies, c)
		c.Expectations = parseExpectations(f.Path, &cf.Expectations, l, c, diags)
		if len(c.Expectations) == 0 && len(l.Levels) > 0 && cf.Expectations.Kind != 0 {
			diags.Warnf(pos, "ladder-empty-competency", "competency %q states no expectation for any level; add expectations: {%s: ...}", id, l.Levels[0].ID)
		} else if cf.Expectations.Kind == 0 && len(l.Levels) > 0 {
			diags.Warnf(pos, "ladder-empty-competency", "competency %q has no expectations; add expectations: {%s: ...}", id, l.Levels[0].ID)
		}
	}
	return l
}

func checkID(diags *site.Diagnostics, pos site.Pos, what, id string) bool {
	if id == "" {
		diags.Errorf(pos, "ladder-missing-id", "%s has no id; add id: (letters, digits, - _ .)", what)
		return false
	}
	if !idPattern.MatchString(id) {
		diags.Errorf(pos, "ladder-invalid-id", "%s id %q may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit: it becomes part of a URL", what, id)
		return false
	}
	return true
}

// parseExpectations reads a competency's expectations mapping (level id ->
// text), reporting unknown levels and levels given twice.
func parseExpectations(file string, n *yaml.Node, l *Ladder, c *Competency, diags *site.Diagnostics) []Expectation {
	if n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		diags.Errorf(site.PosOf(file, n), "ladder-expectation", "expectations of competency %q must be a mapping of level id to text, such as {%s: ...}", c.ID, firstLevel(l))
		return nil
	}
	var out []Expectation
	seen := map[string]int{} // level -> line
	for _, kv := range mappingPairs(n, 0) {
		key, val := kv[0], kv[1]
		keyPos := site.PosOf(file, key)
		v := l.Level(key.Value)
		if v == nil {
			diags.Errorf(keyPos, "ladder-unknown-level", "competency %q has an expectation for unknown level %q%s; levels of this ladder: %s",
				c.ID, key.Value, site.DidYouMean(key.Value, l.LevelIDs()), strings.Join(l.LevelIDs(), ", "))
			continue
		}
		if line, ok := seen[v.ID]; ok {
			diags.Errorf(keyPos, "ladder-duplicate-expectation", "competency %q states level %s twice (first at line %d); keep one", c.ID, v.ID, line)
			continue
		}
		seen[v.ID] = key.Line
		text, ok := scalarText(val)
		if !ok {
			diags.Errorf(site.PosOf(file, val), "ladder-expectation", "the expectation for level %s must be text (Markdown) or a list of text, not %s", v.ID, describe(val))
			continue
		}
		out = append(out, Expectation{Level: v.ID, Text: text, Pos: textPos(file, key, val), KeyPos: keyPos})
	}
	// Order by level so that the file's order does not matter.
	sort.SliceStable(out, func(i, j int) bool { return l.Level(out[i].Level).Index < l.Level(out[j].Level).Index })
	return out
}

func firstLevel(l *Ladder) string {
	if len(l.Levels) > 0 {
		return l.Levels[0].ID
	}
	return "E1"
}

// mappingPairs returns the key/value pairs of a mapping with aliases
// followed and merge keys (<<) expanded; explicit keys come first.
func mappingPairs(n *yaml.Node, depth int) [][2]*yaml.Node {
	var out, merged [][2]*yaml.Node
	if depth > 8 {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			srcs := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				srcs = v.Content
			}
			for _, src := range srcs {
				for src.Kind == yaml.AliasNode && src.Alias != nil {
					src = src.Alias
				}
				if src.Kind == yaml.MappingNode {
					merged = append(merged, mappingPairs(src, depth+1)...)
				}
			}
			continue
		}
		out = append(out, [2]*yaml.Node{k, v})
	}
	for _, kv := range merged {
		dup := false
		for _, o := range out {
			if o[0].Value == kv[0].Value {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, kv)
		}
	}
	return out
}

// scalarText returns the text of a scalar, or a list of scalars joined as a
// Markdown bullet list. A null value is "" (the level is left out).
func scalarText(n *yaml.Node) (string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "", true
		}
		return n.Value, true
	case yaml.SequenceNode:
		var b strings.Builder
		for _, it := range n.Content {
			for it.Kind == yaml.AliasNode && it.Alias != nil {
				it = it.Alias
			}
			if it.Kind != yaml.ScalarNode {
				return "", false
			}
			b.WriteString("- ")
			b.WriteString(strings.ReplaceAll(strings.TrimSpace(it.Value), "\n", "\n  "))
			b.WriteString("\n")
		}
		return b.String(), true
	}
	return "", false
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list of mappings or lists"
	}
	return "that"
}

// textPos estimates where a scalar's text starts in the file: the line
// after a block scalar's | or > (indented below its key), just inside a
// quote, or the value itself.
func textPos(file string, key, val *yaml.Node) site.Pos {
	switch {
	case val.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return site.Pos{Path: file, Line: val.Line + 1, Col: key.Column + 2}
	case val.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return site.Pos{Path: file, Line: val.Line, Col: val.Column + 1}
	}
	return site.PosOf(file, val)
}

// frontMatter is a ladder file's front matter.
type frontMatter struct {
	Title        string          `yaml:"title"`
	Track        string          `yaml:"track"`
	Description  string          `yaml:"description"`
	Weight       int             `yaml:"weight"`
	Levels       []levelFront    `yaml:"levels"`
	Competencies []competencyFrt `yaml:"competencies"`
}

type levelFront struct {
	ID      scalar   `yaml:"id"`
	Title   string   `yaml:"title"`
	Summary scalar   `yaml:"summary"`
	Scope   scalar   `yaml:"scope"`
	Pos     site.Pos `yaml:"-"`
}

type competencyFrt struct {
	ID           scalar    `yaml:"id"`
	Name         string    `yaml:"name"`
	Description  scalar    `yaml:"description"`
	Expectations yaml.Node `yaml:"expectations"`
	Pos          site.Pos  `yaml:"-"`
}

// scalar is any YAML scalar taken as text (so that a level id written 3
// or a description that happens to be a number is accepted), with where
// it was written.
type scalar struct {
	Value             string
	Line, Col         int // of the text's start; Col 0 when unknown
	NodeLine, NodeCol int // of the value as written (a quote, a | indicator)
	set               bool
}

// DecodeNode implements site.NodeDecoder.
func (v *scalar) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected text, got %s", describe(n))
	}
	if n.Tag == "!!null" {
		return nil
	}
	v.Value, v.Line, v.Col, v.set = n.Value, n.Line, n.Column, true
	v.NodeLine, v.NodeCol = n.Line, n.Column
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		v.Line, v.Col = n.Line+1, 0
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		v.Col = n.Column + 1
	}
	return nil
}

// pos is where the value was written, or fallback when it was not.
func (v scalar) pos(file string, fallback site.Pos) site.Pos {
	if !v.set {
		return fallback
	}
	return site.Pos{Path: file, Line: v.NodeLine, Col: v.NodeCol}
}

// textPos is where the value's text starts, or fallback when it was not
// written.
func (v scalar) textPos(file string, fallback site.Pos) site.Pos {
	if !v.set {
		return fallback
	}
	return site.Pos{Path: file, Line: v.Line, Col: v.Col}
}
