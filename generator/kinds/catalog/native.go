package catalog

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// This file reads Almanac's own catalog format: data/teams.yaml,
// data/services.yaml and data/catalog/*.yaml. Each file holds either a
// top-level list (of teams in a file named teams.yaml, of services
// otherwise) or a mapping with any of the keys teams:, services: and
// systems:. Unknown keys are errors with a "did you mean" hint.

// text is a scalar decoded with its position.
type text struct {
	V         string
	Line, Col int
}

// DecodeNode implements site.NodeDecoder: any non-null scalar is text.
func (t *text) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected text, got %s", site.Describe(n))
	}
	t.V, t.Line, t.Col = strings.TrimSpace(n.Value), n.Line, n.Column
	return nil
}

func (t text) pos(path string) site.Pos { return site.Pos{Path: path, Line: t.Line, Col: t.Col} }

// number is a float that also accepts "99.9%" and "300ms".
type number struct {
	V         float64
	Line, Col int
}

// DecodeNode implements site.NodeDecoder.
func (x *number) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!bool" {
		return fmt.Errorf("expected a number, got %s", site.Describe(n))
	}
	s := strings.TrimSpace(strings.ReplaceAll(n.Value, "_", ""))
	for _, suffix := range []string{"%", "ms"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suffix))
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("expected a number, got %s", site.Describe(n))
	}
	x.V, x.Line, x.Col = f, n.Line, n.Column
	return nil
}

type teamIn struct {
	ID          text       `yaml:"id"`
	Name        string     `yaml:"name"`
	Description text       `yaml:"description"`
	Lead        string     `yaml:"lead"`
	Members     *yaml.Node `yaml:"members"`
	Channel     string     `yaml:"channel"`
	Email       string     `yaml:"email"`
	OnCall      *yaml.Node `yaml:"on_call"`
	Links       *yaml.Node `yaml:"links"`
	Pos         site.Pos   `yaml:"-"`
}

type serviceIn struct {
	ID          text       `yaml:"id"`
	Name        string     `yaml:"name"`
	Description text       `yaml:"description"`
	Owner       text       `yaml:"owner"`
	Tier        *yaml.Node `yaml:"tier"`
	Lifecycle   text       `yaml:"lifecycle"`
	Language    string     `yaml:"language"`
	Repo        string     `yaml:"repo"`
	System      text       `yaml:"system"`
	DependsOn   []text     `yaml:"depends_on"`
	SLOs        *slosIn    `yaml:"slos"`
	Alerts      []text     `yaml:"alerts"`
	Dashboards  *yaml.Node `yaml:"dashboards"`
	Tags        []string   `yaml:"tags"`
	Links       *yaml.Node `yaml:"links"`
	Pos         site.Pos   `yaml:"-"`
}

type slosIn struct {
	Availability *number `yaml:"availability"`
	LatencyP95Ms *number `yaml:"latency_p95_ms"`
	LatencyP95   *number `yaml:"latency_p95"` // the KPI's id, accepted as a synonym
	ErrorRate    *number `yaml:"error_rate"`
}

type systemIn struct {
	ID          text     `yaml:"id"`
	Name        string   `yaml:"name"`
	Description text     `yaml:"description"`
	Owner       text     `yaml:"owner"`
	Pos         site.Pos `yaml:"-"`
}

// Lifecycles are the lifecycle values of the YAML format.
var Lifecycles = []string{"experimental", "production", "deprecated"}

var idRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// reservedServiceIDs would collide with the catalog's own pages.
var reservedServiceIDs = map[string]bool{"graph": true}

// nativeFile reads one YAML-format catalog file into l.
func (l *loader) nativeFile(df *site.DataFile) {
	base := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(path.Base(df.Path), ".yaml"), ".yml"))
	for _, doc := range df.Docs {
		root := doc
		if root.Kind == yaml.DocumentNode {
			if len(root.Content) == 0 {
				continue
			}
			root = root.Content[0]
		}
		switch {
		case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
		case root.Kind == yaml.SequenceNode:
			if base == "teams" {
				l.teamList(df.Path, root)
			} else {
				l.serviceList(df.Path, root)
			}
		case root.Kind == yaml.MappingNode:
			keys := []string{"services", "systems", "teams"}
			for i := 0; i+1 < len(root.Content); i += 2 {
				k, v := root.Content[i], root.Content[i+1]
				switch k.Value {
				case "teams":
					l.teamList(df.Path, v)
				case "services":
					l.serviceList(df.Path, v)
				case "systems":
					l.systemList(df.Path, v)
				default:
					l.diags.Errorf(site.PosOf(df.Path, k), "catalog-format", "unknown key %q%s; a catalog file holds teams:, services: and systems: lists",
						k.Value, site.DidYouMean(k.Value, keys))
				}
			}
		default:
			l.diags.Errorf(site.PosOf(df.Path, root), "catalog-format",
				"a catalog file must hold a list of %s or a mapping with teams: and services: lists, not %s", map[bool]string{true: "teams", false: "services"}[base == "teams"], site.Describe(root))
		}
	}
}

// items returns the entries of a list node, reporting anything else.
func (l *loader) items(path string, n *yaml.Node, what string) []*yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.diags.Errorf(site.PosOf(path, n), "catalog-format", "%s must be a list (one \"- id: ...\" entry per item), not %s", what, site.Describe(n))
		return nil
	}
	return n.Content
}

func (l *loader) checkID(path string, id text, what string, fallback site.Pos) bool {
	if id.V == "" {
		l.diags.Errorf(fallback, "catalog-missing-id", "this %s has no id; add id: with a short lowercase name such as \"payments\"", what)
		return false
	}
	if !idRe.MatchString(id.V) {
		l.diags.Errorf(id.pos(path), "catalog-id", "%s id %q may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit (it becomes part of a URL); try %q",
			what, id.V, slugify(id.V))
		return false
	}
	return true
}

func (l *loader) teamList(path string, n *yaml.Node) {
	for _, item := range l.items(path, n, "teams") {
		var in teamIn
		site.Decode(path, item, &in, l.diags)
		if item.Kind != yaml.MappingNode || !l.checkID(path, in.ID, "team", in.Pos) {
			continue
		}
		t := &Team{ID: in.ID.V, Name: in.Name, Description: in.Description.V, Lead: in.Lead, Channel: in.Channel, Email: in.Email,
			Pos: in.ID.pos(path), descPos: in.Description.pos(path)}
		if t.Name == "" {
			t.Name = t.ID
		}
		t.Members = l.members(path, in.Members)
		t.OnCall = l.onCall(path, in.OnCall)
		t.Links = l.links(path, in.Links, "links")
		l.teams = append(l.teams, &teamSrc{team: t, path: path})
	}
}

func (l *loader) serviceList(path string, n *yaml.Node) {
	for _, item := range l.items(path, n, "services") {
		var in serviceIn
		site.Decode(path, item, &in, l.diags)
		if item.Kind != yaml.MappingNode || !l.checkID(path, in.ID, "service", in.Pos) {
			continue
		}
		if reservedServiceIDs[in.ID.V] {
			l.diags.Errorf(in.ID.pos(path), "catalog-id", "service id %q is reserved: services/%s/ is the dependency graph page; choose another id", in.ID.V, in.ID.V)
			continue
		}
		svc := &Service{ID: in.ID.V, Name: in.Name, Description: in.Description.V, Language: in.Language, Repo: in.Repo,
			Tags: in.Tags, Pos: in.ID.pos(path), descPos: in.Description.pos(path)}
		if svc.Name == "" {
			svc.Name = svc.ID
		}
		if !l.safeURL(path, site.FrontValue(item, "repo"), svc.Repo, "repo") {
			svc.Repo = ""
		}
		src := &svcSrc{svc: svc, path: path, idPos: svc.Pos, tierPos: in.Pos}
		if in.Owner.V != "" {
			src.owner = refAt{raw: in.Owner.V, pos: in.Owner.pos(path)}
		}
		if in.Tier != nil {
			src.tierPos = site.PosOf(path, in.Tier)
			svc.Tier = l.tier(path, in.Tier)
		}
		if in.Lifecycle.V != "" {
			lc := strings.ToLower(in.Lifecycle.V)
			if !contains(Lifecycles, lc) {
				l.diags.Errorf(in.Lifecycle.pos(path), "catalog-lifecycle", "unknown lifecycle %q%s; use one of: %s",
					in.Lifecycle.V, site.DidYouMean(lc, Lifecycles), strings.Join(Lifecycles, ", "))
			}
			svc.Lifecycle = lc
		}
		if in.System.V != "" {
			src.system = refAt{raw: in.System.V, pos: in.System.pos(path)}
		}
		svc.DependenciesDeclared = site.FrontValue(item, "depends_on") != nil
		for _, d := range in.DependsOn {
			if d.V != "" {
				src.deps = append(src.deps, refAt{raw: d.V, pos: d.pos(path)})
			}
		}
		for _, a := range in.Alerts {
			if a.V != "" && !contains(svc.Alerts, a.V) {
				svc.Alerts = append(svc.Alerts, a.V)
			}
		}
		if in.SLOs != nil {
			svc.SLOs = l.slos(path, in.SLOs)
		}
		svc.Dashboards = l.links(path, in.Dashboards, "dashboards")
		svc.Links = l.links(path, in.Links, "links")
		l.services = append(l.services, src)
	}
}

func (l *loader) systemList(path string, n *yaml.Node) {
	for _, item := range l.items(path, n, "systems") {
		var in systemIn
		site.Decode(path, item, &in, l.diags)
		if item.Kind != yaml.MappingNode || !l.checkID(path, in.ID, "system", in.Pos) {
			continue
		}
		x := &System{ID: in.ID.V, Name: in.Name, Description: in.Description.V, Pos: in.ID.pos(path), descPos: in.Description.pos(path)}
		if x.Name == "" {
			x.Name = x.ID
		}
		src := &systemSrc{sys: x, path: path}
		if in.Owner.V != "" {
			src.owner = refAt{raw: in.Owner.V, pos: in.Owner.pos(path)}
		}
		l.systems = append(l.systems, src)
	}
}

var tierRe = regexp.MustCompile(`^(?i)(?:tier)?[\s_-]*(\d+)$`)

// tier reads 1, "1", "tier1", "tier-1" or "Tier 1".
func (l *loader) tier(path string, n *yaml.Node) int {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return 0
	}
	if n.Kind == yaml.ScalarNode {
		if m := tierRe.FindStringSubmatch(strings.TrimSpace(n.Value)); m != nil {
			if t, err := strconv.Atoi(m[1]); err == nil && t >= 1 && t <= 3 {
				return t
			}
		}
	}
	l.diags.Errorf(site.PosOf(path, n), "catalog-tier", "tier must be 1, 2 or 3 (1 = most critical), not %s", site.Describe(n))
	return 0
}

func (l *loader) slos(path string, in *slosIn) SLOs {
	var out SLOs
	pct := func(x *number, name string) *float64 {
		if x == nil {
			return nil
		}
		v := x.V
		pos := site.Pos{Path: path, Line: x.Line, Col: x.Col}
		switch {
		case v < 0 || v > 100:
			l.diags.Errorf(pos, "catalog-slo", "slos.%s is a percentage between 0 and 100, not %s", name, formatFloat(v))
			return nil
		case name == "availability" && v < 1:
			l.diags.Warnf(pos, "catalog-slo", "slos.availability is a percentage: %s means %s %%; write %s for %s %%",
				formatFloat(v), formatFloat(v), formatFloat(v*100), formatFloat(v*100))
		}
		return &v
	}
	out.Availability = pct(in.Availability, "availability")
	out.ErrorRate = pct(in.ErrorRate, "error_rate")
	lat := in.LatencyP95Ms
	if lat == nil {
		lat = in.LatencyP95
	} else if in.LatencyP95 != nil {
		l.diags.Errorf(site.Pos{Path: path, Line: in.LatencyP95.Line, Col: in.LatencyP95.Col}, "catalog-slo",
			"slos has both latency_p95_ms and latency_p95; keep latency_p95_ms")
	}
	if lat != nil {
		v := lat.V
		if v < 0 {
			l.diags.Errorf(site.Pos{Path: path, Line: lat.Line, Col: lat.Col}, "catalog-slo", "slos.latency_p95_ms must be zero or more milliseconds, not %s", formatFloat(v))
		} else {
			out.LatencyP95Ms = &v
		}
	}
	return out
}

type linkIn struct {
	Title string `yaml:"title"`
	Name  string `yaml:"name"`
	URL   string `yaml:"url"`
	Icon  string `yaml:"icon"`
	Type  string `yaml:"type"`
}

// links reads a list of {title|name, url} mappings or plain URL strings.
func (l *loader) links(path string, n *yaml.Node, what string) []Link {
	var out []Link
	for _, item := range l.items(path, n, what) {
		for item.Kind == yaml.AliasNode && item.Alias != nil {
			item = item.Alias
		}
		if item.Kind == yaml.ScalarNode {
			if item.Value != "" && l.safeURL(path, item, item.Value, what) {
				out = append(out, Link{Title: item.Value, URL: item.Value})
			}
			continue
		}
		var in linkIn
		if !site.Decode(path, item, &in, l.diags) {
			continue
		}
		title := in.Title
		if title != "" && in.Name != "" {
			l.diags.Errorf(site.PosOf(path, item), "catalog-link", "a link has both title and name; keep title")
		}
		if title == "" {
			title = in.Name
		}
		if in.URL == "" {
			l.diags.Errorf(site.PosOf(path, item), "catalog-link", "this entry of %s has no url; add url: https://...", what)
			continue
		}
		if !l.safeURL(path, site.FrontValue(item, "url"), in.URL, what) {
			continue
		}
		if title == "" {
			title = in.URL
		}
		out = append(out, Link{Title: title, URL: in.URL})
	}
	return out
}

// safeURL reports whether url may become a link. One that runs code or
// embeds content when clicked (see site.UnsafeURL) is reported at n, as
// Markdown links are, and the caller drops it.
func (l *loader) safeURL(path string, n *yaml.Node, url, field string) bool {
	if !site.UnsafeURL(url, false) {
		return true
	}
	if r := []rune(url); len(r) > 40 {
		url = string(r[:40]) + "…"
	}
	l.diags.Warnf(site.PosOf(path, n), "link-unsafe", "unsafe URL %q in %s dropped; Almanac never emits javascript:, vbscript:, file: or non-image data: URLs, so link to an https:// page instead", url, field)
	return false
}

type memberIn struct {
	Name   string `yaml:"name"`
	Role   string `yaml:"role"`
	Handle string `yaml:"handle"`
	Email  string `yaml:"email"`
}

// members reads a list of {name, role, handle} mappings or plain names.
func (l *loader) members(path string, n *yaml.Node) []Member {
	var out []Member
	for _, item := range l.items(path, n, "members") {
		for item.Kind == yaml.AliasNode && item.Alias != nil {
			item = item.Alias
		}
		if item.Kind == yaml.ScalarNode {
			if item.Value != "" {
				out = append(out, Member{Name: item.Value})
			}
			continue
		}
		var in memberIn
		if !site.Decode(path, item, &in, l.diags) {
			continue
		}
		if in.Name == "" && in.Handle == "" {
			l.diags.Errorf(site.PosOf(path, item), "catalog-member", "a member needs a name (or at least a handle)")
			continue
		}
		if in.Name == "" {
			in.Name = in.Handle
		}
		out = append(out, Member{Name: in.Name, Role: in.Role, Handle: in.Handle, Email: in.Email})
	}
	return out
}

type onCallIn struct {
	Rotation    string     `yaml:"rotation"`
	Name        string     `yaml:"name"`
	Schedule    string     `yaml:"schedule"`
	ScheduleURL string     `yaml:"schedule_url"`
	URL         string     `yaml:"url"`
	Current     string     `yaml:"current"`
	Escalation  *yaml.Node `yaml:"escalation"`
}

// onCall reads on_call: a mapping, or just the rotation's name.
func (l *loader) onCall(path string, n *yaml.Node) *OnCall {
	if n == nil {
		return nil
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" || n.Value == "" {
			return nil
		}
		return &OnCall{Rotation: n.Value}
	}
	var in onCallIn
	site.Decode(path, n, &in, l.diags)
	oc := &OnCall{Current: in.Current}
	oc.Rotation = l.oneOf(path, n, &in.Rotation, "rotation", &in.Name, "name")
	for _, f := range []struct {
		v   *string
		key string
	}{{&in.Schedule, "schedule"}, {&in.ScheduleURL, "schedule_url"}, {&in.URL, "url"}} {
		if !l.safeURL(path, site.FrontValue(n, f.key), *f.v, "on_call."+f.key) {
			*f.v = ""
		}
	}
	oc.Schedule = l.oneOf(path, n, &in.Schedule, "schedule", &in.ScheduleURL, "schedule_url", &in.URL, "url")
	prev := -1
	for i, item := range l.items(path, in.Escalation, "on_call.escalation") {
		lvl, ok := l.escalation(path, item)
		if !ok {
			continue
		}
		if lvl.AfterMinutes < prev {
			l.diags.Warnf(site.PosOf(path, item), "catalog-escalation-order", "escalation step %d comes after %d minutes, earlier than the step before it (%d minutes); list steps in the order they are paged",
				i+1, lvl.AfterMinutes, prev)
		}
		prev = lvl.AfterMinutes
		oc.Escalation = append(oc.Escalation, lvl)
	}
	if oc.Rotation == "" && oc.Schedule == "" && oc.Current == "" && len(oc.Escalation) == 0 {
		return nil
	}
	return oc
}

// oneOf returns the one of several synonymous keys that is set, reporting
// more than one. Arguments alternate: value pointer, key name.
func (l *loader) oneOf(path string, m *yaml.Node, args ...any) string {
	var val, key string
	for i := 0; i+1 < len(args); i += 2 {
		v, k := *args[i].(*string), args[i+1].(string)
		if v == "" {
			continue
		}
		if val != "" {
			l.diags.Errorf(site.PosOf(path, site.FrontValue(m, k)), "catalog-format", "%s and %s mean the same thing here; keep only %s", key, k, key)
			continue
		}
		val, key = v, k
	}
	return val
}

type escalationIn struct {
	Who          string     `yaml:"who"`
	AfterMinutes *yaml.Node `yaml:"after_minutes"`
	After        *yaml.Node `yaml:"after"`
	Minutes      *yaml.Node `yaml:"minutes"`
	Level        *int       `yaml:"level"`
}

var minutesRe = regexp.MustCompile(`^(?i)(\d+)\s*(m|min|mins|minutes?|h|hours?)?$`)

func (l *loader) escalation(path string, item *yaml.Node) (EscalationLevel, bool) {
	for item.Kind == yaml.AliasNode && item.Alias != nil {
		item = item.Alias
	}
	if item.Kind == yaml.ScalarNode {
		if item.Value == "" {
			return EscalationLevel{}, false
		}
		return EscalationLevel{Who: item.Value}, true
	}
	var in escalationIn
	if !site.Decode(path, item, &in, l.diags) {
		return EscalationLevel{}, false
	}
	if in.Who == "" {
		l.diags.Errorf(site.PosOf(path, item), "catalog-escalation", "an escalation step needs who: (a person, role or rotation to page)")
		return EscalationLevel{}, false
	}
	lvl := EscalationLevel{Who: in.Who}
	var node *yaml.Node
	for _, c := range []struct {
		n   *yaml.Node
		key string
	}{{in.AfterMinutes, "after_minutes"}, {in.After, "after"}, {in.Minutes, "minutes"}} {
		if c.n == nil {
			continue
		}
		if node != nil {
			l.diags.Errorf(site.PosOf(path, c.n), "catalog-escalation", "this step already says after how many minutes; keep only after_minutes")
			continue
		}
		node = c.n
	}
	if node != nil {
		m := minutesRe.FindStringSubmatch(strings.TrimSpace(node.Value))
		if node.Kind != yaml.ScalarNode || m == nil {
			l.diags.Errorf(site.PosOf(path, node), "catalog-escalation", "after_minutes must be a whole number of minutes such as 15, not %s", site.Describe(node))
		} else {
			v, err := strconv.Atoi(m[1])
			if err != nil || v > 100000 {
				l.diags.Errorf(site.PosOf(path, node), "catalog-escalation", "after_minutes %s is too large", m[1])
			} else {
				if u := strings.ToLower(m[2]); strings.HasPrefix(u, "h") {
					v *= 60
				}
				lvl.AfterMinutes = v
			}
		}
	}
	return lvl, true
}

var slugRe = regexp.MustCompile(`[^a-z0-9._-]+`)

// slugify suggests an id for a name that is not one.
func slugify(s string) string {
	s = strings.Trim(slugRe.ReplaceAllString(strings.ToLower(s), "-"), "-._")
	if s == "" {
		return "x"
	}
	return s
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
