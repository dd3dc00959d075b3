package scorecard

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Scorecard is one maturity scorecard of data/scorecards.yaml.
type Scorecard struct {
	ID, Name, Description string
	Levels                []string // lowest first
	Rules                 []*Rule
	When                  []Cond // services the scorecard applies to (all when empty)
	Pos                   site.Pos
	descPos               site.Pos

	// Results are the services the scorecard applies to, sorted by id.
	// Set in Link.
	Results []*Result
	// resultOf is the Result for each service id, so that each service's
	// page finds its own without going through every service's.
	resultOf map[string]*Result
}

// Anchor is the id of the scorecard's section on scorecards/.
func (sc *Scorecard) Anchor() string { return "scorecard-" + sc.ID }

// Path is the scorecard's section on scorecards/.
func (sc *Scorecard) Path() string { return IndexPath + "#" + sc.Anchor() }

// Rule is one rule of a scorecard.
type Rule struct {
	ID, Name, Description, Level string
	Check                        string // a built-in check, see Checks
	Fix                          string // Markdown: how to make the rule pass

	Days  int    // runbooks_reviewed: maximum days since the last review (0: the runbook's own review_every)
	Field string // field: dotted path into the service
	Op    string
	Value Value
	KPI   string // kpi_target
	When  []Cond // the rule applies only where every condition holds

	Pos, fixPos, kpiPos site.Pos
}

// Anchor is the id of the rule's entry on scorecards/.
func (r *Rule) Anchor(sc *Scorecard) string { return sc.Anchor() + "-" + r.ID }

// Cond is a field predicate: field op value.
type Cond struct {
	Field, Op string
	Value     Value
	Pos       site.Pos
}

func (c Cond) String() string {
	if c.Op == "exists" {
		return c.Field + " exists"
	}
	return c.Field + " " + c.Op + " " + c.Value.String()
}

// Value is a literal of a field predicate: absent, a number, a text or a
// list of those.
type Value struct {
	Set    bool
	IsNum  bool
	Num    float64
	Str    string
	IsList bool
	List   []Value
}

func (v Value) String() string {
	switch {
	case !v.Set:
		return ""
	case v.IsList:
		parts := make([]string, len(v.List))
		for i, x := range v.List {
			parts[i] = x.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case v.IsNum:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	}
	return v.Str
}

// Checks are the built-in checks a rule can use.
var Checks = []string{"alerts_have_runbooks", "dependencies_declared", "field", "has_adr", "has_dashboards", "has_on_call",
	"has_owner", "has_runbook", "has_slos", "kpi_target", "runbooks_reviewed"}

// Ops are the operators of field predicates.
var Ops = []string{"==", "!=", "<", "<=", ">", ">=", "in", "not_in", "exists"}

type text struct {
	V         string
	Line, Col int
}

// DecodeNode implements site.NodeDecoder: any scalar is text.
func (t *text) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected text, got %s", site.Describe(n))
	}
	t.V, t.Line, t.Col = strings.TrimSpace(n.Value), n.Line, n.Column
	return nil
}

func (t text) pos(path string) site.Pos { return site.Pos{Path: path, Line: t.Line, Col: t.Col} }

type fileIn struct {
	Scorecards *yaml.Node `yaml:"scorecards"`
}

type scorecardIn struct {
	ID          text       `yaml:"id"`
	Name        string     `yaml:"name"`
	Description text       `yaml:"description"`
	Levels      []text     `yaml:"levels"`
	Rules       *yaml.Node `yaml:"rules"`
	When        *yaml.Node `yaml:"when"`
	Pos         site.Pos   `yaml:"-"`
}

type ruleIn struct {
	ID          text       `yaml:"id"`
	Name        string     `yaml:"name"`
	Description string     `yaml:"description"`
	Level       text       `yaml:"level"`
	Check       text       `yaml:"check"`
	Fix         text       `yaml:"fix"`
	Days        *yaml.Node `yaml:"days"`
	Field       text       `yaml:"field"`
	Op          text       `yaml:"op"`
	Value       *yaml.Node `yaml:"value"`
	KPI         text       `yaml:"kpi"`
	When        *yaml.Node `yaml:"when"`
	Pos         site.Pos   `yaml:"-"`
}

type condIn struct {
	Field text       `yaml:"field"`
	Op    text       `yaml:"op"`
	Value *yaml.Node `yaml:"value"`
	Pos   site.Pos   `yaml:"-"`
}

// parser reads data/scorecards.yaml.
type parser struct {
	path  string
	diags *site.Diagnostics
}

// Parse reads the scorecards of one file. Problems go to diags; the
// scorecards returned are usable (broken rules are left out).
func Parse(df *site.DataFile, diags *site.Diagnostics) []*Scorecard {
	p := &parser{path: df.Path, diags: diags}
	var out []*Scorecard
	seen := map[string]site.Pos{}
	for _, doc := range df.Docs {
		root := doc
		if root.Kind == yaml.DocumentNode {
			if len(root.Content) == 0 {
				continue
			}
			root = root.Content[0]
		}
		var list *yaml.Node
		switch {
		case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
			continue
		case root.Kind == yaml.SequenceNode:
			list = root
		case root.Kind == yaml.MappingNode:
			var in fileIn
			site.Decode(p.path, root, &in, diags)
			list = in.Scorecards
		default:
			p.errorf(site.PosOf(p.path, root), "scorecard-format", "data/scorecards.yaml must hold a mapping with a scorecards: list, not %s", site.Describe(root))
			continue
		}
		for _, item := range p.items(list, "scorecards") {
			sc := p.scorecard(item)
			if sc == nil {
				continue
			}
			if old, ok := seen[sc.ID]; ok {
				p.errorf(sc.Pos, "scorecard-duplicate-id", "duplicate scorecard id %q: already defined at %s", sc.ID, old)
				continue
			}
			seen[sc.ID] = sc.Pos
			out = append(out, sc)
		}
	}
	return out
}

func (p *parser) errorf(pos site.Pos, rule, format string, args ...any) {
	p.diags.Errorf(pos, rule, format, args...)
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

func (p *parser) items(n *yaml.Node, what string) []*yaml.Node {
	n = deref(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(site.PosOf(p.path, n), "scorecard-format", "%s must be a list, not %s", what, site.Describe(n))
		return nil
	}
	var out []*yaml.Node
	for _, it := range n.Content {
		if it = deref(it); it != nil {
			out = append(out, it)
		}
	}
	return out
}

func (p *parser) scorecard(item *yaml.Node) *Scorecard {
	var in scorecardIn
	site.Decode(p.path, item, &in, p.diags)
	if item.Kind != yaml.MappingNode {
		return nil
	}
	if in.ID.V == "" {
		p.errorf(in.Pos, "scorecard-format", "this scorecard has no id; add id: such as production-readiness")
		return nil
	}
	if !validID(in.ID.V) {
		p.errorf(in.ID.pos(p.path), "scorecard-format", "scorecard id %q may contain only letters, digits, '-', '_' and '.'", in.ID.V)
		return nil
	}
	sc := &Scorecard{ID: in.ID.V, Name: in.Name, Description: in.Description.V, Pos: in.ID.pos(p.path), descPos: in.Description.pos(p.path)}
	if sc.Name == "" {
		sc.Name = sc.ID
	}
	for _, l := range in.Levels {
		if l.V == "" {
			continue
		}
		if contains(sc.Levels, l.V) {
			p.errorf(l.pos(p.path), "scorecard-level", "level %q is listed twice in scorecard %s", l.V, sc.ID)
			continue
		}
		sc.Levels = append(sc.Levels, l.V)
	}
	if len(sc.Levels) == 0 {
		pos := in.Pos
		if n := site.FrontValue(item, "levels"); n != nil {
			pos = site.PosOf(p.path, n)
		}
		p.errorf(pos, "scorecard-level", "scorecard %s has no levels; add levels: [bronze, silver, gold] (lowest first)", sc.ID)
		return nil
	}
	sc.When = p.conds(in.When)
	seen := map[string]site.Pos{}
	for _, it := range p.items(in.Rules, "rules") {
		r := p.rule(sc, it)
		if r == nil {
			continue
		}
		if old, ok := seen[r.ID]; ok {
			p.errorf(r.Pos, "scorecard-duplicate-id", "duplicate rule id %q in scorecard %s: already defined at %s", r.ID, sc.ID, old)
			continue
		}
		seen[r.ID] = r.Pos
		sc.Rules = append(sc.Rules, r)
	}
	return sc
}

// paramsOf lists the parameters each check takes besides the common keys.
var paramsOf = map[string][]string{
	"runbooks_reviewed": {"days"},
	"field":             {"field", "op", "value"},
	"kpi_target":        {"kpi"},
}

func (p *parser) rule(sc *Scorecard, item *yaml.Node) *Rule {
	var in ruleIn
	ok := site.Decode(p.path, item, &in, p.diags)
	if item.Kind != yaml.MappingNode {
		return nil
	}
	if in.ID.V == "" {
		p.errorf(in.Pos, "scorecard-format", "this rule of scorecard %s has no id; add id: such as has-owner", sc.ID)
		return nil
	}
	if !validID(in.ID.V) {
		p.errorf(in.ID.pos(p.path), "scorecard-format", "rule id %q may contain only letters, digits, '-', '_' and '.'", in.ID.V)
		return nil
	}
	r := &Rule{ID: in.ID.V, Name: in.Name, Description: strings.TrimSpace(in.Description), Fix: in.Fix.V, Pos: in.ID.pos(p.path), fixPos: in.Fix.pos(p.path)}
	if r.Name == "" {
		r.Name = r.ID
	}
	switch {
	case in.Level.V == "":
		p.errorf(in.Pos, "scorecard-level", "rule %s has no level; add level: with one of %s", r.ID, strings.Join(sc.Levels, ", "))
		ok = false
	case !contains(sc.Levels, in.Level.V):
		p.errorf(in.Level.pos(p.path), "scorecard-level", "rule %s: unknown level %q%s; scorecard %s has levels %s",
			r.ID, in.Level.V, site.DidYouMean(in.Level.V, sc.Levels), sc.ID, strings.Join(sc.Levels, ", "))
		ok = false
	default:
		r.Level = in.Level.V
	}
	check := strings.ReplaceAll(strings.ToLower(in.Check.V), "-", "_")
	switch {
	case in.Check.V == "":
		p.errorf(in.Pos, "scorecard-check", "rule %s has no check; add check: with one of %s", r.ID, strings.Join(Checks, ", "))
		return nil
	case !contains(Checks, check):
		p.errorf(in.Check.pos(p.path), "scorecard-check", "rule %s: unknown check %q%s; built-in checks: %s",
			r.ID, in.Check.V, site.DidYouMean(check, Checks), strings.Join(Checks, ", "))
		return nil
	}
	r.Check = check

	// Parameters that do not belong to the check.
	params := paramsOf[check]
	for _, key := range []string{"days", "field", "op", "value", "kpi"} {
		if n := site.FrontValue(item, key); n != nil && !contains(params, key) {
			want := "takes no parameters"
			if len(params) > 0 {
				want = "takes " + strings.Join(params, ", ")
			}
			p.errorf(site.PosOf(p.path, n), "scorecard-param", "rule %s: check %s does not use %s: (it %s)", r.ID, check, key, want)
			ok = false
		}
	}
	switch check {
	case "runbooks_reviewed":
		if in.Days != nil {
			d, err := strconv.Atoi(in.Days.Value)
			if in.Days.Kind != yaml.ScalarNode || err != nil || d <= 0 {
				p.errorf(site.PosOf(p.path, in.Days), "scorecard-param", "rule %s: days must be a whole number of days above 0, not %s", r.ID, site.Describe(in.Days))
				ok = false
			}
			r.Days = d
		}
	case "field":
		c, good := p.cond(r.ID, in.Field, in.Op, in.Value, in.Pos)
		if !good {
			return nil
		}
		r.Field, r.Op, r.Value = c.Field, c.Op, c.Value
	case "kpi_target":
		if in.KPI.V == "" {
			p.errorf(in.Pos, "scorecard-param", "rule %s: check kpi_target needs kpi: with the id of a KPI", r.ID)
			return nil
		}
		r.KPI, r.kpiPos = in.KPI.V, in.KPI.pos(p.path)
	}
	r.When = p.conds(in.When)
	if !ok {
		return nil
	}
	return r
}

// conds reads when: a {field, op, value} mapping or a list of them.
func (p *parser) conds(n *yaml.Node) []Cond {
	n = deref(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []Cond
	for _, it := range items {
		it = deref(it)
		if it == nil {
			continue
		}
		if it.Kind != yaml.MappingNode {
			p.errorf(site.PosOf(p.path, it), "scorecard-format", "when: must be {field: ..., op: ..., value: ...} (or a list of them), not %s", site.Describe(it))
			continue
		}
		var in condIn
		if !site.Decode(p.path, it, &in, p.diags) {
			continue
		}
		if c, ok := p.cond("", in.Field, in.Op, in.Value, in.Pos); ok {
			out = append(out, c)
		}
	}
	return out
}

// cond checks a field predicate: a known field, a known operator and a
// value of the right type.
func (p *parser) cond(rule string, field, op text, value *yaml.Node, pos site.Pos) (Cond, bool) {
	where := "when"
	if rule != "" {
		where = "rule " + rule
	}
	if field.V == "" {
		p.errorf(pos, "scorecard-field", "%s: field: is missing; name a service field such as tier or slos.availability", where)
		return Cond{}, false
	}
	ft, known := Fields[field.V]
	if !known {
		p.errorf(field.pos(p.path), "scorecard-field", "%s: unknown field %q%s; fields: %s", where, field.V, site.DidYouMean(field.V, FieldNames()), strings.Join(FieldNames(), ", "))
		return Cond{}, false
	}
	c := Cond{Field: field.V, Op: op.V, Pos: field.pos(p.path)}
	if c.Op == "" {
		c.Op = "=="
		if value == nil {
			c.Op = "exists"
		}
	}
	if c.Op == "=" {
		c.Op = "=="
	}
	if c.Op == "not in" || c.Op == "notin" || c.Op == "not-in" {
		c.Op = "not_in"
	}
	if !contains(Ops, c.Op) {
		hint := site.DidYouMean(op.V, Ops)
		if r := []rune(op.V); len(r) == 2 && contains(Ops, string([]rune{r[1], r[0]})) {
			hint = fmt.Sprintf(" (did you mean %q?)", string([]rune{r[1], r[0]})) // "=<" for "<="
		}
		p.errorf(op.pos(p.path), "scorecard-op", "%s: unknown operator %q%s; operators: %s", where, op.V, hint, strings.Join(Ops, " "))
		return Cond{}, false
	}
	vpos := pos
	if value != nil {
		vpos = site.PosOf(p.path, value)
		c.Value = literal(value)
	}
	bad := func(format string, args ...any) (Cond, bool) {
		p.errorf(vpos, "scorecard-value", "%s: %s", where, fmt.Sprintf(format, args...))
		return Cond{}, false
	}
	if v := deref(value); v != nil && v.Kind == yaml.MappingNode {
		return bad("value: must be a number, a text or a list, not a mapping")
	}
	switch c.Op {
	case "exists":
		if c.Value.Set && (c.Value.IsList || (c.Value.Str != "true" && c.Value.Str != "false")) {
			return bad("op exists takes no value (or value: true / false), not %s", c.Value)
		}
		return c, true
	case "in", "not_in":
		if !c.Value.Set {
			return bad("op %s needs value: with a list, such as [1, 2]", c.Op)
		}
		if !c.Value.IsList {
			c.Value = Value{Set: true, IsList: true, List: []Value{c.Value}}
		}
		for _, x := range c.Value.List {
			if x.IsList {
				return bad("value: must be a flat list")
			}
			if ft == Number && !x.IsNum {
				return bad("%s is a number, so %s needs numbers, not %q", c.Field, c.Op, x.Str)
			}
		}
		if ft == Object {
			return bad("%s is a group of fields; use op: exists, or name one of its fields", c.Field)
		}
		return c, true
	}
	if !c.Value.Set {
		return bad("op %s needs value:", c.Op)
	}
	if c.Value.IsList {
		return bad("op %s needs a single value, not a list (use in / not_in for lists)", c.Op)
	}
	ordered := c.Op == "<" || c.Op == "<=" || c.Op == ">" || c.Op == ">="
	switch ft {
	case Number:
		if !c.Value.IsNum {
			return bad("%s is a number; compare it with a number, not %q", c.Field, c.Value.Str)
		}
	case Text:
		if ordered {
			return bad("%s is text; %s compares numbers (use == != in not_in)", c.Field, c.Op)
		}
		if c.Value.IsNum {
			c.Value = Value{Set: true, Str: c.Value.String()}
		}
	case List:
		if ordered && !c.Value.IsNum {
			return bad("%s is a list; %s compares its length with a number", c.Field, c.Op)
		}
		if !ordered && c.Value.IsNum {
			c.Value = Value{Set: true, Str: c.Value.String()}
		}
	case Object:
		return bad("%s is a group of fields; use op: exists, or name one of its fields", c.Field)
	}
	return c, true
}

// literal reads a predicate value.
func literal(n *yaml.Node) Value {
	n = deref(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return Value{}
	}
	if n.Kind == yaml.SequenceNode {
		v := Value{Set: true, IsList: true}
		for _, it := range n.Content {
			x := literal(it)
			if x.Set {
				v.List = append(v.List, x)
			}
		}
		return v
	}
	if n.Kind != yaml.ScalarNode {
		return Value{Set: true, IsList: true, List: []Value{{Set: true, IsList: true}}} // a mapping inside a list: reported as "not flat"
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return Value{Set: true, IsNum: true, Num: f, Str: n.Value}
		}
	}
	return Value{Set: true, Str: n.Value}
}

func validID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case (r == '-' || r == '_' || r == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
