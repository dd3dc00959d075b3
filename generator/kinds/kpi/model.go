package kpi

import (
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// ModelName is the key under which the model is stored on the Site.
const ModelName = "kpi"

// Of returns the KPI model of s. It is never nil: a site built without the
// kpi kind gets an empty Model.
func Of(s *site.Site) *Model {
	if s != nil {
		if m, ok := s.Model(ModelName).(*Model); ok && m != nil {
			return m
		}
	}
	return newModel(nil, Config{}, DefaultDora())
}

// Config is the kpis: section of almanac.yaml.
type Config struct {
	// SLOKPIs names the KPI whose target each service SLO overrides; an
	// empty id switches the override off.
	SLOKPIs SLOKPIs `yaml:"slo_kpis"`
}

// SLOKPIs maps the catalog's SLO fields to KPI ids.
type SLOKPIs struct {
	Availability string   `yaml:"availability"`   // slos.availability (percent)
	LatencyP95Ms string   `yaml:"latency_p95_ms"` // slos.latency_p95_ms (milliseconds)
	ErrorRate    string   `yaml:"error_rate"`     // slos.error_rate (percent)
	Pos          site.Pos `yaml:"-"`
}

// DefaultConfig returns the defaults: availability, latency_p95 and
// error_rate.
func DefaultConfig() Config {
	return Config{SLOKPIs: SLOKPIs{Availability: "availability", LatencyP95Ms: "latency_p95", ErrorRate: "error_rate"}}
}

// Model is the KPI catalog and every metric snapshot.
type Model struct {
	KPIs      []*KPI      // in the order of data/kpis.yaml
	Periods   []Period    // every snapshot's period, ascending (see Period)
	Snapshots []*Snapshot // ascending by period
	Config    Config
	Dora      DoraConfig

	byID     map[string]*KPI
	byPeriod map[Period]*Snapshot
	site     *site.Site

	// Memoised Axis and Reporters answers; the snapshots do not change
	// after Load.
	mu        sync.Mutex
	axes      map[string][]Period
	reporters map[string][]Reporter
}

func newModel(s *site.Site, cfg Config, dora DoraConfig) *Model {
	return &Model{Config: cfg, Dora: dora, byID: map[string]*KPI{}, byPeriod: map[Period]*Snapshot{}, site: s}
}

// KPI returns the KPI with id, or nil.
func (m *Model) KPI(id string) *KPI { return m.byID[id] }

func (m *Model) catalog() *catalog.Catalog { return catalog.Of(m.site) }

// Snapshot returns the snapshot of period p, or nil.
func (m *Model) Snapshot(p Period) *Snapshot { return m.byPeriod[p] }

// Value returns the value of kpiID reported for scope ("org", "team" or
// "service") and id ("" for the org) in period p, or nil when there is
// none. A Value whose V is nil was named without a number.
func (m *Model) Value(kpiID, scope, id string, p Period) *Value {
	s := m.byPeriod[p]
	if s == nil {
		return nil
	}
	switch normScope(scope) {
	case ScopeOrg:
		return s.Org[kpiID]
	case ScopeTeam:
		return s.Teams[id][kpiID]
	case ScopeService:
		return s.Services[id][kpiID]
	}
	return nil
}

func (m *Model) number(kpiID, scope, id string, p Period) (float64, bool) {
	if v := m.Value(kpiID, scope, id, p); v != nil && v.V != nil {
		return *v.V, true
	}
	return 0, false
}

// Latest returns the latest value of kpiID for scope "org", "team" or
// "service" and id ("" for the org), its effective target (a service's
// SLO overrides the KPI's default) and whether the value meets it. ok is
// false when there is no value. When no target applies, target is NaN and
// met is false. A value between target and warn is not met.
func (m *Model) Latest(kpiID, scope, id string) (value, target float64, met bool, ok bool) {
	r, ok := m.Reading(kpiID, scope, id)
	if !ok {
		return 0, 0, false, false
	}
	target = math.NaN()
	if r.Goal != nil {
		target = r.Goal.Target
	}
	return r.Value, target, r.Status == StatusMet, true
}

// Reading is the latest value of one KPI for one scope, judged against its
// target, with the change since the previous value of the same
// granularity.
type Reading struct {
	KPI    *KPI
	Scope  string
	ID     string
	Period Period
	Value  float64
	Note   string
	Goal   *Goal // nil: no target
	Status Status
	Trend  *Trend // nil: nothing to compare with
}

// Reading returns the latest reading of kpiID for scope and id on the
// KPI's chart axis (see Axis): a value in a snapshot of another
// granularity is not charted, so it is not the latest either. ok is false
// when no period has a value.
func (m *Model) Reading(kpiID, scope, id string) (Reading, bool) {
	k := m.byID[kpiID]
	if k == nil {
		return Reading{}, false
	}
	scope = normScope(scope)
	if scope == ScopeOrg {
		id = ""
	}
	gran := m.gran(kpiID)
	for i := len(m.Periods) - 1; i >= 0; i-- {
		p := m.Periods[i]
		if p.Gran != gran {
			continue
		}
		v := m.Value(kpiID, scope, id, p)
		if v == nil || v.V == nil {
			continue
		}
		r := Reading{KPI: k, Scope: scope, ID: id, Period: p, Value: *v.V, Note: v.Note}
		if g, ok := m.Goal(kpiID, scope, id); ok {
			r.Goal = &g
			r.Status = g.Judge(r.Value)
		}
		for j := i - 1; j >= 0; j-- {
			q := m.Periods[j]
			if q.Gran != p.Gran {
				continue
			}
			if prev, ok := m.number(kpiID, scope, id, q); ok {
				t := TrendOf(prev, r.Value, k.Lower())
				t.Since = q
				r.Trend = &t
				break
			}
		}
		return r, true
	}
	return Reading{}, false
}

// Goal returns the target (and warn level) of kpiID for scope and id.
// For a service, its SLO overrides the KPI's target when the KPI is mapped
// to that SLO (Config.SLOKPIs); otherwise a per-tier target uses the
// service's tier. Other scopes use the KPI's plain (or default) target.
//
// When the target comes from an SLO, the warn level keeps its distance
// from the target in proportion: warn × SLO ÷ the tier's (or default)
// target, so a 300 ms target with warn 400 becomes warn 20 for a 15 ms SLO.
func (m *Model) Goal(kpiID, scope, id string) (Goal, bool) {
	k := m.byID[kpiID]
	if k == nil {
		return Goal{}, false
	}
	tier := 0
	var slo *float64
	if normScope(scope) == ScopeService {
		if svc := m.catalog().Service(id); svc != nil {
			tier = svc.Tier
			slo = m.sloFor(kpiID, svc)
		}
	}
	base, hasBase := k.Target.For(tier)
	warn, hasWarn := k.Warn.For(tier)
	g := Goal{Lower: k.Lower(), Source: "default"}
	if _, ok := k.Target.Tiers[tier]; ok && tier > 0 {
		g.Source = "tier " + itoa(tier)
	}
	switch {
	case slo != nil:
		g.Target, g.Source = *slo, "SLO"
		if hasWarn && hasBase && base != 0 {
			w := warn * *slo / base
			g.Warn = &w
		}
	case hasBase:
		g.Target = base
		if hasWarn {
			g.Warn = &warn
		}
	default:
		return Goal{}, false
	}
	// A warn level on the better side of the target means nothing.
	if g.Warn != nil && ((g.Lower && *g.Warn < g.Target) || (!g.Lower && *g.Warn > g.Target)) {
		g.Warn = nil
	}
	return g, true
}

// normScope accepts the plural spellings used in snapshots ("teams",
// "services") and "" for the org.
func normScope(scope string) string {
	switch scope {
	case "teams":
		return ScopeTeam
	case "services":
		return ScopeService
	case "":
		return ScopeOrg
	}
	return scope
}

// sloFor returns the service SLO mapped to kpiID, or nil.
func (m *Model) sloFor(kpiID string, svc *catalog.Service) *float64 {
	c := m.Config.SLOKPIs
	switch kpiID {
	case "":
		return nil
	case c.Availability:
		return svc.SLOs.Availability
	case c.LatencyP95Ms:
		return svc.SLOs.LatencyP95Ms
	case c.ErrorRate:
		return svc.SLOs.ErrorRate
	}
	return nil
}

// Reporter is a scope that reported a KPI at least once.
type Reporter struct {
	Scope string // org, team, service
	ID    string // "" for the org
}

// Reporters returns who reported kpiID at least once (a gap counts): the
// org first, then teams, then services, each sorted by id.
func (m *Model) Reporters(kpiID string) []Reporter {
	m.mu.Lock()
	r, ok := m.reporters[kpiID]
	m.mu.Unlock()
	if !ok {
		r = m.reportersOf(kpiID)
		m.mu.Lock()
		if m.reporters == nil {
			m.reporters = map[string][]Reporter{}
		}
		m.reporters[kpiID] = r
		m.mu.Unlock()
	}
	return append([]Reporter(nil), r...)
}

func (m *Model) reportersOf(kpiID string) []Reporter {
	org := false
	teams, services := map[string]bool{}, map[string]bool{}
	for _, s := range m.Snapshots {
		if _, ok := s.Org[kpiID]; ok {
			org = true
		}
		for id, vals := range s.Teams {
			if _, ok := vals[kpiID]; ok {
				teams[id] = true
			}
		}
		for id, vals := range s.Services {
			if _, ok := vals[kpiID]; ok {
				services[id] = true
			}
		}
	}
	var out []Reporter
	if org {
		out = append(out, Reporter{Scope: ScopeOrg})
	}
	for _, id := range sortedKeys(teams) {
		out = append(out, Reporter{Scope: ScopeTeam, ID: id})
	}
	for _, id := range sortedKeys(services) {
		out = append(out, Reporter{Scope: ScopeService, ID: id})
	}
	return out
}

// KPIsFor returns the KPIs reported at least once for scope and id, in
// catalog order.
func (m *Model) KPIsFor(scope, id string) []*KPI {
	seen := map[string]bool{}
	for _, s := range m.Snapshots {
		var vals map[string]*Value
		switch scope {
		case ScopeOrg:
			vals = s.Org
		case ScopeTeam:
			vals = s.Teams[id]
		case ScopeService:
			vals = s.Services[id]
		}
		for k := range vals {
			seen[k] = true
		}
	}
	var out []*KPI
	for _, k := range m.KPIs {
		if seen[k.ID] {
			out = append(out, k)
		}
	}
	return out
}

// Axis returns the periods a chart of kpiIDs runs over: the periods of the
// granularity most of their values have (the finer one on a tie), from the
// first period with a value to the latest period of that granularity, so
// that missing values show as gaps and a KPI nobody reported recently
// ends in one. A period without any snapshot in between is on the axis
// too (a gap), unless the axis would exceed maxAxis periods.
func (m *Model) Axis(kpiIDs ...string) []Period {
	return append([]Period(nil), m.axis(kpiIDs)...)
}

// gran returns the granularity of the periods kpiIDs are charted over
// (see Axis), or 0 when none of them has a value.
func (m *Model) gran(kpiIDs ...string) Granularity {
	if a := m.axis(kpiIDs); len(a) > 0 {
		return a[0].Gran
	}
	return 0
}

// axis is Axis without the copy: the caller must not modify the result.
func (m *Model) axis(kpiIDs []string) []Period {
	key := strings.Join(kpiIDs, "\x00")
	m.mu.Lock()
	a, ok := m.axes[key]
	m.mu.Unlock()
	if !ok {
		a = m.axisOf(kpiIDs)
		m.mu.Lock()
		if m.axes == nil {
			m.axes = map[string][]Period{}
		}
		m.axes[key] = a
		m.mu.Unlock()
	}
	return a
}

func (m *Model) axisOf(kpiIDs []string) []Period {
	count := map[Granularity]int{}
	first := map[Granularity]int{}
	for i, p := range m.Periods {
		s := m.byPeriod[p]
		has := false
		for _, kpiID := range kpiIDs {
			if v := s.Org[kpiID]; v != nil && v.V != nil {
				has = true
			}
			for _, vals := range s.Teams {
				if v := vals[kpiID]; v != nil && v.V != nil {
					has = true
				}
			}
			for _, vals := range s.Services {
				if v := vals[kpiID]; v != nil && v.V != nil {
					has = true
				}
			}
		}
		if has {
			if count[p.Gran] == 0 {
				first[p.Gran] = i
			}
			count[p.Gran]++
		}
	}
	// The granularity most values are reported at; on a tie, the one the
	// KPIs declare (frequency:), else the shortest.
	declared := map[Granularity]bool{}
	for _, id := range kpiIDs {
		if k := m.byID[id]; k != nil {
			declared[frequencyGran(k.Frequency)] = true
		}
	}
	var gran Granularity
	for _, g := range []Granularity{Week, Month, Quarter} {
		if count[g] > count[gran] || count[g] > 0 && count[g] == count[gran] && declared[g] && !declared[gran] {
			gran = g
		}
	}
	if gran == 0 {
		return nil
	}
	var out []Period
	for _, p := range m.Periods[first[gran]:] {
		if p.Gran == gran {
			out = append(out, p)
		}
	}
	// Fill in the periods that have no snapshot.
	var full []Period
	for p := out[len(out)-1]; !p.Before(out[0]) && len(full) <= maxAxis; p = p.Prev() {
		full = append(full, p)
	}
	if len(full) > maxAxis {
		return out
	}
	for i, j := 0, len(full)-1; i < j; i, j = i+1, j-1 {
		full[i], full[j] = full[j], full[i]
	}
	return full
}

// maxAxis bounds the periods of a chart axis (ten years of weeks).
const maxAxis = 530

// Series returns the values of kpiID for scope and id over periods, nil
// where there is none: a gap stays a gap.
func (m *Model) Series(kpiID, scope, id string, periods []Period) ([]*float64, []string) {
	vals := make([]*float64, len(periods))
	notes := make([]string, len(periods))
	for i, p := range periods {
		if v := m.Value(kpiID, scope, id, p); v != nil {
			if v.V != nil {
				x := *v.V
				vals[i] = &x
			}
			notes[i] = v.Note
		}
	}
	return vals, notes
}

// add adds a snapshot, reporting a second snapshot of the same period.
func (m *Model) add(s *Snapshot, diags *site.Diagnostics) {
	if old := m.byPeriod[s.Period]; old != nil {
		diags.Errorf(s.Pos, "kpi-duplicate-period", "a snapshot for %s already exists at %s; keep one snapshot per period (merge the two files or fix the period)", s.Period, old.Pos)
		return
	}
	m.byPeriod[s.Period] = s
	m.Snapshots = append(m.Snapshots, s)
}

// finish sorts the snapshots and fills Periods.
func (m *Model) finish() {
	sort.SliceStable(m.Snapshots, func(i, j int) bool { return m.Snapshots[i].Period.Before(m.Snapshots[j].Period) })
	m.Periods = m.Periods[:0]
	for _, s := range m.Snapshots {
		m.Periods = append(m.Periods, s.Period)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// frequencyGran is the granularity a KPI's frequency: names, or 0.
func frequencyGran(frequency string) Granularity {
	switch strings.ToLower(strings.TrimSpace(frequency)) {
	case "weekly":
		return Week
	case "monthly":
		return Month
	case "quarterly":
		return Quarter
	}
	return 0
}
