package kpi

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Categories are the balanced-scorecard groups, in the order the scorecard
// page shows them.
var Categories = []string{"output", "outcome", "quality", "efficiency", "reliability",
	"improvement", "cost", "collaboration", "stakeholder", "leadership"}

// Units a KPI may be measured in.
var Units = []string{"percent", "ms", "hours", "minutes", "per_week", "count", "ratio", "score", "currency"}

// Directions say which way is better.
const (
	HigherIsBetter = "higher_is_better"
	LowerIsBetter  = "lower_is_better"
)

// Scopes a KPI is measured at.
const (
	ScopeOrg     = "org"
	ScopeTeam    = "team"
	ScopeService = "service"
)

var (
	directions = []string{HigherIsBetter, LowerIsBetter}
	scopes     = []string{ScopeOrg, ScopeTeam, ScopeService}
)

// KPI is one entry of data/kpis.yaml.
type KPI struct {
	ID          string    `yaml:"id"`
	Name        string    `yaml:"name"`
	Category    string    `yaml:"category"`
	Unit        string    `yaml:"unit"`
	Direction   string    `yaml:"direction"`
	Target      Threshold `yaml:"target"`
	Warn        Threshold `yaml:"warn"`
	Frequency   string    `yaml:"frequency"`
	Scope       string    `yaml:"scope"`
	Description string    `yaml:"description"`
	Why         string    `yaml:"why"`
	Guidance    string    `yaml:"guidance"`
	Pos         site.Pos  `yaml:"-"`

	// Rendered Markdown of Description, Why and Guidance (RenderContent).
	DescriptionHTML, WhyHTML, GuidanceHTML template.HTML `yaml:"-"`

	node *yaml.Node
}

// Path is the KPI's page.
func (k *KPI) Path() string { return "kpis/" + k.ID + "/" }

// Title is the KPI's display name: Name, or the id when it has none.
func (k *KPI) Title() string {
	if k.Name != "" {
		return k.Name
	}
	return k.ID
}

// Lower reports whether lower values are better.
func (k *KPI) Lower() bool { return k.Direction == LowerIsBetter }

// UnitLabel is the unit as shown beside numbers and on chart axes.
func (k *KPI) UnitLabel() string { return UnitLabel(k.Unit) }

// UnitLabel turns a unit name into the label shown beside a value.
func UnitLabel(unit string) string {
	switch unit {
	case "percent":
		return "%"
	case "per_week":
		return "per week"
	case "count", "ratio", "score", "currency", "":
		return "" // the description names the currency
	}
	return unit
}

// Format formats v with the KPI's unit: "99.95%", "320 ms", "4.2".
func (k *KPI) Format(v float64) string { return FormatValue(v, k.Unit) }

// FormatValue formats v followed by unit's label.
func FormatValue(v float64, unit string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := FormatNumber(v)
	switch l := UnitLabel(unit); l {
	case "":
		return s
	case "%":
		return s + "%"
	default:
		return s + " " + l
	}
}

// FormatNumber formats a value compactly: at most four significant
// decimals, no trailing zeros.
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 4 {
		s = strconv.FormatFloat(v, 'f', 4, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Threshold is a KPI target or warn level: one number for every scope, or
// a number per service tier ({1: 99.95, 2: 99.9}) with an optional
// "default" for scopes and services without a tier.
type Threshold struct {
	Value *float64
	Tiers map[int]float64
	Set   bool
}

// DecodeNode implements site.NodeDecoder.
func (t *Threshold) DecodeNode(n *yaml.Node) error {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		v, ok := scalarNumber(n)
		if !ok {
			return fmt.Errorf("expected a number or a mapping of tier to number ({1: 99.95, 2: 99.9}), got %q", n.Value)
		}
		*t = Threshold{Value: &v, Set: true}
		return nil
	case yaml.MappingNode:
		out := Threshold{Tiers: map[int]float64{}, Set: true}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			for vn.Kind == yaml.AliasNode && vn.Alias != nil {
				vn = vn.Alias
			}
			v, ok := scalarNumber(vn)
			if !ok {
				return fmt.Errorf("the value for %q must be a number, got %q", k.Value, vn.Value)
			}
			if strings.EqualFold(strings.TrimSpace(k.Value), "default") {
				out.Value = &v
				continue
			}
			tier, err := tierKey(k.Value)
			if err != nil {
				return fmt.Errorf("per-tier keys are tier numbers (1, 2, 3) or default, not %q", k.Value)
			}
			if tier < 1 || tier > 3 {
				continue // checkDefinition reports it at the key
			}
			if _, dup := out.Tiers[tier]; dup {
				return fmt.Errorf("tier %d is given twice", tier)
			}
			out.Tiers[tier] = v
		}
		*t = out
		return nil
	}
	return fmt.Errorf("expected a number or a mapping of tier to number ({1: 99.95, 2: 99.9})")
}

// tierKey reads a per-tier key: 1, tier1, tier-1 or "tier 1".
func tierKey(key string) (int, error) {
	key = strings.ToLower(strings.TrimSpace(key))
	if rest, ok := strings.CutPrefix(key, "tier"); ok {
		key = strings.TrimPrefix(strings.TrimSpace(rest), "-")
	}
	return strconv.Atoi(key)
}

// For returns the threshold for a service of the given tier (0: no tier,
// or not a service).
func (t Threshold) For(tier int) (float64, bool) {
	if v, ok := t.Tiers[tier]; ok && tier > 0 {
		return v, true
	}
	if t.Value != nil {
		return *t.Value, true
	}
	return 0, false
}

// Reference is the threshold a warn level is scaled against: the default,
// or the lowest tier's value.
func (t Threshold) Reference() (float64, bool) {
	if t.Value != nil {
		return *t.Value, true
	}
	if len(t.Tiers) == 0 {
		return 0, false
	}
	tiers := make([]int, 0, len(t.Tiers))
	for k := range t.Tiers {
		tiers = append(tiers, k)
	}
	sort.Ints(tiers)
	return t.Tiers[tiers[0]], true
}

// Describe formats the threshold for the definition page.
func (t Threshold) Describe(unit string) string {
	if !t.Set {
		return ""
	}
	var parts []string
	tiers := make([]int, 0, len(t.Tiers))
	for k := range t.Tiers {
		tiers = append(tiers, k)
	}
	sort.Ints(tiers)
	for _, k := range tiers {
		parts = append(parts, fmt.Sprintf("tier %d: %s", k, FormatValue(t.Tiers[k], unit)))
	}
	if t.Value != nil {
		if len(parts) == 0 {
			return FormatValue(*t.Value, unit)
		}
		parts = append(parts, "otherwise "+FormatValue(*t.Value, unit))
	}
	return strings.Join(parts, ", ")
}

// scalarNumber reads a YAML int or float scalar.
func scalarNumber(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, false
	}
	s := strings.ReplaceAll(n.Value, "_", "")
	var v float64
	var err error
	if n.Tag == "!!int" {
		var i int64
		i, err = strconv.ParseInt(s, 0, 64)
		v = float64(i)
	} else {
		switch strings.ToLower(s) {
		case ".inf", "+.inf", "-.inf", ".nan":
			return 0, false
		}
		v, err = strconv.ParseFloat(s, 64)
	}
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// loadDefinitions reads data/kpis.yaml: a list of KPIs, at the top level
// or under a kpis: key.
func loadDefinitions(df *site.DataFile, diags *site.Diagnostics) []*KPI {
	var out []*KPI
	for _, doc := range df.Docs {
		root := doc
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue
		}
		list := root
		if root.Kind == yaml.MappingNode {
			list = nil
			for i := 0; i+1 < len(root.Content); i += 2 {
				k := root.Content[i]
				if k.Value == "kpis" {
					list = root.Content[i+1]
					continue
				}
				diags.Errorf(site.PosOf(df.Path, k), "kpi-definition", "unknown key %q in %s%s; list the KPIs under kpis:", k.Value, df.Path, site.DidYouMean(k.Value, []string{"kpis"}))
			}
			if list == nil {
				continue
			}
		}
		for list.Kind == yaml.AliasNode && list.Alias != nil {
			list = list.Alias
		}
		if list.Kind == yaml.ScalarNode && list.Tag == "!!null" {
			continue
		}
		if list.Kind != yaml.SequenceNode {
			diags.Errorf(site.PosOf(df.Path, list), "kpi-definition", "%s must hold a list of KPIs (- id: ..., name: ...), not %s", df.Path, nodeDesc(list))
			continue
		}
		for _, item := range list.Content {
			k := &KPI{}
			if !site.Decode(df.Path, item, k, diags) && k.ID == "" {
				continue
			}
			k.node = item
			if k.Pos.Path == "" {
				k.Pos = site.PosOf(df.Path, item)
			}
			checkDefinition(df.Path, k, diags)
			if k.ID == "" {
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

func nodeDesc(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "that"
}

// fieldPos returns the position of a KPI's field value, or the KPI's.
func (k *KPI) fieldPos(key string) site.Pos {
	if v := site.FrontValue(k.node, key); v != nil {
		return site.PosOf(k.Pos.Path, v)
	}
	return k.Pos
}

// checkDefinition reports missing and invalid fields of one KPI.
func checkDefinition(path string, k *KPI, diags *site.Diagnostics) {
	const rule = "kpi-definition"
	if k.ID == "" {
		diags.Errorf(k.Pos, rule, "this KPI has no id; add id: followed by a short lower-case name such as deployment_frequency")
		return
	}
	if !validID(k.ID) {
		diags.Errorf(k.fieldPos("id"), rule, "KPI id %q may only hold lower-case letters, digits, - and _, since it is part of the page URL", k.ID)
	}
	if k.Name == "" {
		diags.Warnf(k.Pos, rule, "KPI %q has no name; add name: with the title shown on the scorecard", k.ID)
	}
	oneOf := func(field, val string, allowed []string, required bool) {
		if val == "" {
			if required {
				diags.Errorf(k.Pos, rule, "KPI %q has no %s; add %s: with one of %s", k.ID, field, field, strings.Join(allowed, ", "))
			}
			return
		}
		for _, a := range allowed {
			if a == val {
				return
			}
		}
		diags.Errorf(k.fieldPos(field), rule, "KPI %q: unknown %s %q%s; use one of %s", k.ID, field, val, site.DidYouMean(val, allowed), strings.Join(allowed, ", "))
	}
	oneOf("category", k.Category, Categories, true)
	oneOf("unit", k.Unit, Units, true)
	oneOf("direction", k.Direction, directions, true)
	oneOf("scope", k.Scope, scopes, false)
	if n := site.FrontValue(k.node, "target"); !k.Target.Set && n == nil {
		diags.Warnf(k.Pos, rule, "KPI %q has no target, so its status cannot be judged; add target: with a number (or one per tier: {1: 99.95, 2: 99.9})", k.ID)
	} else if n != nil && n.Kind == yaml.MappingNode && len(n.Content) == 0 {
		diags.Warnf(k.fieldPos("target"), rule, "KPI %q: target: {} sets no target, so its status cannot be judged; give a number, or one per tier: {1: 99.95, 2: 99.9}", k.ID)
	}
	checkTiers(k, diags)
	if k.Unit == "percent" {
		for _, th := range []struct {
			name string
			t    Threshold
		}{{"target", k.Target}, {"warn", k.Warn}} {
			for _, v := range th.t.values() {
				if v < 0 || v > 100 {
					diags.Errorf(k.fieldPos(th.name), "kpi-percent-range", "KPI %q is a percentage, so its %s must lie between 0 and 100, not %s", k.ID, th.name, FormatNumber(v))
				}
			}
		}
	}
	// warn must lie on the worse side of target.
	if t, ok := k.Target.Reference(); ok {
		if w, ok := k.Warn.Reference(); ok && k.Direction != "" {
			if (k.Lower() && w < t) || (!k.Lower() && w > t) {
				side := "above"
				if !k.Lower() {
					side = "below"
				}
				diags.Errorf(k.fieldPos("warn"), rule, "KPI %q: warn (%s) must lie %s the target (%s) for a KPI where %s: it marks where at-risk turns into missed",
					k.ID, FormatNumber(w), side, FormatNumber(t), strings.ReplaceAll(k.Direction, "_", " "))
			}
		}
	}
}

// checkTiers reports per-tier keys that are not a service tier, and
// per-tier thresholds on a KPI that services do not report.
func checkTiers(k *KPI, diags *site.Diagnostics) {
	const rule = "kpi-definition"
	for _, th := range []struct {
		name, noun string
		t          Threshold
	}{{"target", "target", k.Target}, {"warn", "warn level", k.Warn}} {
		n := site.FrontValue(k.node, th.name)
		for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if n != nil && n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := n.Content[i]
				if tier, err := tierKey(key.Value); err == nil && (tier < 1 || tier > 3) {
					diags.Errorf(site.PosOf(k.Pos.Path, key), rule, "KPI %q: %s has a value for tier %d, but service tiers are 1, 2 and 3 (1 = most critical); fix the tier, or use default: for services without a tier",
						k.ID, th.name, tier)
				}
			}
		}
		if len(th.t.Tiers) == 0 || (k.Scope != ScopeOrg && k.Scope != ScopeTeam) {
			continue
		}
		effect := "its values have no " + th.noun
		if th.t.Value != nil {
			effect = "its values are judged against the default (" + FormatNumber(*th.t.Value) + ")"
		}
		ref, _ := th.t.Reference()
		diags.Warnf(k.fieldPos(th.name), rule, "KPI %q has scope %s, but its %s is given per service tier, which applies to service-scoped KPIs only, so %s; write one number (%s: %s) or set scope: service",
			k.ID, k.Scope, th.name, effect, th.name, FormatNumber(ref))
	}
}

func (t Threshold) values() []float64 {
	var out []float64
	if t.Value != nil {
		out = append(out, *t.Value)
	}
	keys := make([]int, 0, len(t.Tiers))
	for k := range t.Tiers {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		out = append(out, t.Tiers[k])
	}
	return out
}

func validID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return id != ""
}
