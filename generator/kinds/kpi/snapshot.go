package kpi

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Value is one reported value of a KPI. V is nil when the snapshot names
// the KPI without a number (a gap, shown as such, never as zero).
type Value struct {
	V      *float64
	Note   string
	Pos    site.Pos // of the value
	KeyPos site.Pos // of the KPI id
}

// Snapshot is one data/metrics file (or one document of it): the values
// of one period.
type Snapshot struct {
	Period   Period
	Path     string
	Pos      site.Pos                     // of the period
	Org      map[string]*Value            // kpi id -> value
	Teams    map[string]map[string]*Value // team id -> kpi id -> value
	Services map[string]map[string]*Value // service id -> kpi id -> value
	// Positions of the team and service ids, for unknown-id checks.
	TeamPos, ServicePos map[string]site.Pos
}

// maxSnapshotNodes bounds the YAML nodes one snapshot may expand to, so an
// alias bomb is refused quickly.
const maxSnapshotNodes = 200_000

var snapshotKeys = []string{"notes", "org", "period", "services", "teams"}

type snapLoader struct {
	path   string
	diags  *site.Diagnostics
	budget int
	kpis   map[string]*KPI // nil: do not check KPI ids
	ids    []string
}

// parseSnapshots reads every snapshot of one metrics file. kpis, when not
// nil, is the KPI catalog used to report unknown KPIs and percentages out
// of range.
func parseSnapshots(df *site.DataFile, kpis map[string]*KPI, diags *site.Diagnostics) []*Snapshot {
	l := &snapLoader{path: df.Path, diags: diags, kpis: kpis}
	if kpis != nil {
		for id := range kpis {
			l.ids = append(l.ids, id)
		}
		sort.Strings(l.ids)
	}
	var out []*Snapshot
	for _, doc := range df.Docs {
		root := l.deref(doc)
		if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = l.deref(root.Content[0])
		}
		if root == nil || (root.Kind == yaml.ScalarNode && root.Tag == "!!null") {
			continue
		}
		items := []*yaml.Node{root}
		if root.Kind == yaml.SequenceNode {
			items = root.Content
		}
		for _, item := range items {
			item = l.deref(item)
			if item == nil {
				continue
			}
			if s := l.snapshot(item, len(df.Docs) == 1 && len(items) == 1); s != nil {
				out = append(out, s)
			}
		}
	}
	return out
}

func (l *snapLoader) errorf(n *yaml.Node, rule, format string, args ...any) {
	l.diags.Errorf(site.PosOf(l.path, n), rule, format, args...)
}

// deref follows aliases; nil when the budget is spent.
func (l *snapLoader) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if n.Alias == nil || i > 100 {
			l.errorf(n, "yaml", "unknown alias %q", n.Value)
			return nil
		}
		n = n.Alias
	}
	if n == nil {
		return nil
	}
	l.budget++
	if l.budget == maxSnapshotNodes {
		l.errorf(n, "yaml", "this file expands to more than %d values (an alias bomb?); refusing to read it", maxSnapshotNodes)
	}
	if l.budget >= maxSnapshotNodes {
		return nil
	}
	return n
}

// pairs returns the key/value pairs of mapping n with merge keys (<<)
// expanded, reporting keys that appear twice.
func (l *snapLoader) pairs(n *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]int{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			l.errorf(k, "kpi-snapshot", "a key here must be a plain name, not %s", nodeDesc(k))
			continue
		}
		if j, ok := seen[k.Value]; ok {
			l.errorf(k, "kpi-snapshot", "key %q appears twice in this mapping (first at line %d); keep one", k.Value, out[j][0].Line)
			out[j][1] = v
			continue
		}
		seen[k.Value] = len(out)
		out = append(out, [2]*yaml.Node{k, v})
	}
	for _, m := range merges {
		m = l.deref(m)
		if m == nil {
			continue
		}
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, src := range srcs {
			src = l.deref(src)
			if src == nil {
				continue
			}
			if src.Kind != yaml.MappingNode {
				l.errorf(m, "yaml", "a merge key (<<) needs a mapping")
				continue
			}
			for i := 0; i+1 < len(src.Content); i += 2 {
				k := src.Content[i]
				if _, ok := seen[k.Value]; ok || k.Kind != yaml.ScalarNode {
					continue // explicit keys win over merged ones
				}
				seen[k.Value] = len(out)
				out = append(out, [2]*yaml.Node{k, src.Content[i+1]})
			}
		}
	}
	return out
}

// mapping derefs n and checks that it is a mapping (or empty).
func (l *snapLoader) mapping(n *yaml.Node, what string) *yaml.Node {
	n = l.deref(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "kpi-snapshot", "%s must be a mapping, got %s", what, nodeDesc(n))
		return nil
	}
	return n
}

func (l *snapLoader) snapshot(n *yaml.Node, single bool) *Snapshot {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "kpi-snapshot", "a metrics snapshot must be a mapping with period:, org:, teams: and services:, got %s", nodeDesc(n))
		return nil
	}
	s := &Snapshot{Path: l.path, Org: map[string]*Value{}, Teams: map[string]map[string]*Value{},
		Services: map[string]map[string]*Value{}, TeamPos: map[string]site.Pos{}, ServicePos: map[string]site.Pos{}}
	var periodNode, orgNode, teamsNode, servicesNode, notesNode *yaml.Node
	for _, kv := range l.pairs(n) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "period":
			periodNode = v
		case "org":
			orgNode = v
		case "teams":
			teamsNode = v
		case "services":
			servicesNode = v
		case "notes":
			notesNode = v
		default:
			l.errorf(k, "kpi-snapshot", "unknown key %q in a metrics snapshot%s; known keys: %s", k.Value, site.DidYouMean(k.Value, snapshotKeys), strings.Join(snapshotKeys, ", "))
		}
	}

	// The period, or the file name when a file holds one snapshot.
	if pn := l.deref(periodNode); pn != nil && !(pn.Kind == yaml.ScalarNode && pn.Tag == "!!null") {
		if pn.Kind != yaml.ScalarNode {
			l.errorf(pn, "kpi-period", "period must be written like 2026-10 (a month), 2026-W43 (an ISO week) or 2026-Q4 (a quarter), got %s", nodeDesc(pn))
			return nil
		}
		p, err := ParsePeriod(pn.Value)
		if err != nil {
			l.errorf(pn, "kpi-period", "%v", err)
			return nil
		}
		s.Period, s.Pos = p, site.PosOf(l.path, pn)
	} else {
		base := strings.TrimSuffix(strings.TrimSuffix(path.Base(l.path), ".yaml"), ".yml")
		p, err := ParsePeriod(base)
		if err != nil || !single {
			l.errorf(n, "kpi-period", "this snapshot has no period; add period: 2026-10 (a month), 2026-W43 (an ISO week) or 2026-Q4 (a quarter)")
			return nil
		}
		s.Period, s.Pos = p, site.PosOf(l.path, n)
	}

	if m := l.mapping(orgNode, "org"); m != nil {
		l.values(m, s.Org)
	}
	for _, grp := range []struct {
		node *yaml.Node
		name string
		dst  map[string]map[string]*Value
		pos  map[string]site.Pos
	}{{teamsNode, "teams", s.Teams, s.TeamPos}, {servicesNode, "services", s.Services, s.ServicePos}} {
		m := l.mapping(grp.node, grp.name)
		if m == nil {
			continue
		}
		for _, kv := range l.pairs(m) {
			id := kv[0].Value
			inner := l.mapping(kv[1], fmt.Sprintf("%s.%s", grp.name, id))
			if inner == nil {
				continue
			}
			vals := map[string]*Value{}
			l.values(inner, vals)
			grp.dst[id] = vals
			grp.pos[id] = site.PosOf(l.path, kv[0])
		}
	}
	if m := l.mapping(notesNode, "notes"); m != nil {
		l.notes(m, s)
	}
	return s
}

// values reads a mapping of KPI id to value into dst.
func (l *snapLoader) values(m *yaml.Node, dst map[string]*Value) {
	for _, kv := range l.pairs(m) {
		k := kv[0]
		if !l.checkKPI(k) {
			continue
		}
		v, ok := l.value(kv[1], k.Value)
		if !ok {
			continue
		}
		v.KeyPos = site.PosOf(l.path, k)
		dst[k.Value] = v
	}
}

// checkKPI reports an unknown KPI id.
func (l *snapLoader) checkKPI(k *yaml.Node) bool {
	if l.kpis == nil || l.kpis[k.Value] != nil {
		return true
	}
	l.errorf(k, "kpi-unknown", "unknown KPI %q%s; define it in data/kpis.yaml or fix the id", k.Value, site.DidYouMean(k.Value, l.ids))
	return false
}

// value reads one value: a number, an empty value (a gap) or
// {value: 12.5, note: "text"}.
func (l *snapLoader) value(n *yaml.Node, kpiID string) (*Value, bool) {
	n = l.deref(n)
	if n == nil {
		return nil, false
	}
	v := &Value{Pos: site.PosOf(l.path, n)}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return v, true // a gap
		}
		if !l.number(n, kpiID, v) {
			return nil, false
		}
		return v, true
	case yaml.MappingNode:
		var valueNode *yaml.Node
		for _, kv := range l.pairs(n) {
			switch kv[0].Value {
			case "value":
				valueNode = kv[1]
			case "note":
				nn := l.deref(kv[1])
				if nn == nil || (nn.Kind == yaml.ScalarNode && nn.Tag == "!!null") {
					continue
				}
				if nn.Kind != yaml.ScalarNode {
					l.errorf(nn, "kpi-snapshot", "the note for %q must be text, got %s", kpiID, nodeDesc(nn))
					continue
				}
				v.Note = strings.TrimSpace(nn.Value)
			default:
				l.errorf(kv[0], "kpi-snapshot", "unknown key %q in the value of %q%s; write {value: 12.5, note: \"text\"}", kv[0].Value, kpiID, site.DidYouMean(kv[0].Value, []string{"note", "value"}))
			}
		}
		if vn := l.deref(valueNode); vn != nil {
			v.Pos = site.PosOf(l.path, vn)
			if vn.Kind != yaml.ScalarNode {
				l.errorf(vn, "kpi-not-a-number", "the value of %q must be a number, got %s", kpiID, nodeDesc(vn))
				return nil, false
			}
			if vn.Tag != "!!null" && !l.number(vn, kpiID, v) {
				return nil, false
			}
		}
		return v, true
	}
	l.errorf(n, "kpi-not-a-number", "the value of %q must be a number (or {value: 12.5, note: \"text\"}), got %s", kpiID, nodeDesc(n))
	return nil, false
}

// number reads a numeric scalar into v, checking percentages.
func (l *snapLoader) number(n *yaml.Node, kpiID string, v *Value) bool {
	f, ok := scalarNumber(n)
	if !ok {
		hint := ""
		s := strings.TrimSpace(n.Value)
		switch {
		case strings.HasSuffix(s, "%"):
			hint = "; write the number without the % sign"
		case n.Tag == "!!str" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			if _, isNum := scalarNumber(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: s}); isNum {
				hint = "; remove the quotes"
			}
		}
		if hint == "" {
			hint = "; leave the value empty (or remove the line) if there is no data for this period"
		}
		l.errorf(n, "kpi-not-a-number", "the value of %q must be a number, got %q%s", kpiID, n.Value, hint)
		return false
	}
	if k := l.kpis[kpiID]; k != nil && k.Unit == "percent" && (f < 0 || f > 100) {
		l.errorf(n, "kpi-percent-range", "%q is a percentage, so its value must lie between 0 and 100, not %s", kpiID, FormatNumber(f))
		return false
	}
	v.V = &f
	return true
}

// notes reads notes: {org: {kpi: text}, teams: {t: {kpi: text}}, services: {s: {kpi: text}}}.
func (l *snapLoader) notes(m *yaml.Node, s *Snapshot) {
	text := func(n *yaml.Node, kpiID string) (string, bool) {
		n = l.deref(n)
		if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
			return "", false
		}
		if n.Kind != yaml.ScalarNode {
			l.errorf(n, "kpi-snapshot", "the note for %q must be text, got %s", kpiID, nodeDesc(n))
			return "", false
		}
		return strings.TrimSpace(n.Value), true
	}
	attach := func(kv [2]*yaml.Node, dst map[string]*Value) {
		if !l.checkKPI(kv[0]) {
			return
		}
		t, ok := text(kv[1], kv[0].Value)
		if !ok {
			return
		}
		v := dst[kv[0].Value]
		if v == nil { // a note on a period without a value: keep it on a gap
			v = &Value{Pos: site.PosOf(l.path, kv[1]), KeyPos: site.PosOf(l.path, kv[0])}
			dst[kv[0].Value] = v
		}
		if v.Note != "" && t != "" {
			v.Note += " — " + t
		} else if t != "" {
			v.Note = t
		}
	}
	for _, kv := range l.pairs(m) {
		switch kv[0].Value {
		case "org":
			if in := l.mapping(kv[1], "notes.org"); in != nil {
				for _, p := range l.pairs(in) {
					attach(p, s.Org)
				}
			}
		case "teams", "services":
			dst, pos := s.Teams, s.TeamPos
			if kv[0].Value == "services" {
				dst, pos = s.Services, s.ServicePos
			}
			in := l.mapping(kv[1], "notes."+kv[0].Value)
			if in == nil {
				continue
			}
			for _, p := range l.pairs(in) {
				id := p[0].Value
				inner := l.mapping(p[1], "notes."+kv[0].Value+"."+id)
				if inner == nil {
					continue
				}
				if dst[id] == nil {
					dst[id] = map[string]*Value{}
				}
				if _, ok := pos[id]; !ok {
					pos[id] = site.PosOf(l.path, p[0])
				}
				for _, q := range l.pairs(inner) {
					attach(q, dst[id])
				}
			}
		default:
			l.errorf(kv[0], "kpi-snapshot", "unknown key %q under notes%s; notes are grouped like the values: org, teams, services",
				kv[0].Value, site.DidYouMean(kv[0].Value, []string{"org", "services", "teams"}))
		}
	}
}
