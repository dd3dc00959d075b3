package kpi

import (
	"fmt"

	"github.com/almanac-handbook/almanac/generator/site"
)

// DoraReading is one DORA key's value in one period and its band.
type DoraReading struct {
	Key   DoraKey
	KPI   *KPI
	Value float64 // in the KPI's unit
	Band  Band
}

// DoraPeriod is the four keys of one scope in one period.
type DoraPeriod struct {
	Period  Period
	Keys    []*DoraReading // aligned with DoraConfig.Keys(); nil where missing
	Overall Band           // the worst band among the keys reported
	N       int            // keys reported
}

// DoraKeys returns the keys whose KPI exists in a unit the thresholds can
// be compared with.
func (m *Model) DoraKeys() []DoraKey {
	var out []DoraKey
	for _, k := range m.Dora.Keys() {
		if kp := m.KPI(k.KPI); kp != nil {
			if _, ok := toCanonical(1, kp.Unit, k.Unit); ok {
				out = append(out, k)
			}
		}
	}
	return out
}

func (m *Model) doraKPIs() []string {
	var ids []string
	for _, k := range m.DoraKeys() {
		ids = append(ids, k.KPI)
	}
	return ids
}

// DoraAt classifies the four keys of scope and id in period p. ok is false
// when no key has a value.
func (m *Model) DoraAt(scope, id string, p Period) (DoraPeriod, bool) {
	keys := m.Dora.Keys()
	d := DoraPeriod{Period: p, Keys: make([]*DoraReading, len(keys))}
	for i, key := range keys {
		kp := m.KPI(key.KPI)
		if kp == nil {
			continue
		}
		v, ok := m.number(key.KPI, scope, id, p)
		if !ok {
			continue
		}
		c, ok := toCanonical(v, kp.Unit, key.Unit)
		if !ok {
			continue
		}
		r := &DoraReading{Key: key, KPI: kp, Value: v, Band: key.Classify(c)}
		d.Keys[i] = r
		d.N++
		if d.Overall == BandNone || r.Band.rank() > d.Overall.rank() {
			d.Overall = r.Band
		}
	}
	return d, d.N > 0
}

// DoraLatest returns the latest period in which scope and id reported at
// least one DORA key, among the periods the keys are charted over (see
// Axis).
func (m *Model) DoraLatest(scope, id string) (DoraPeriod, bool) {
	gran := m.gran(m.doraKPIs()...)
	for i := len(m.Periods) - 1; i >= 0; i-- {
		if m.Periods[i].Gran != gran {
			continue
		}
		if d, ok := m.DoraAt(scope, id, m.Periods[i]); ok {
			return d, true
		}
	}
	return DoraPeriod{}, false
}

// ---------------------------------------------------------------- dora/

// DoraPage is the data of dora/.
type DoraPage struct {
	Keys   []DoraKeyView
	Scopes []DoraScopeView
	Custom bool // thresholds come from almanac.yaml
}

// DoraKeyView describes one key and its thresholds.
type DoraKeyView struct {
	Key, Name           string
	KPI                 *KPI
	Unit                string
	Elite, High, Medium string
	Low                 string
	Missing             string // why the key cannot be shown
}

// DoraScopeView is the org or one team over time.
type DoraScopeView struct {
	ID, Who, Path string
	Latest        *DoraRow
	Rows          []DoraRow // newest first
}

// DoraRow is one period of a scope.
type DoraRow struct {
	Period  string
	Cells   []DoraCell
	Overall Band
	Partial string // "3 of 4 keys" when not all were reported
}

// DoraCell is one key's value and band.
type DoraCell struct {
	Text string
	Band Band
	Gap  bool
}

func (m *Model) doraRow(d DoraPeriod) DoraRow {
	row := DoraRow{Period: d.Period.String(), Overall: d.Overall}
	for _, r := range d.Keys {
		if r == nil {
			row.Cells = append(row.Cells, DoraCell{Gap: true})
			continue
		}
		row.Cells = append(row.Cells, DoraCell{Text: r.KPI.Format(r.Value), Band: r.Band})
	}
	if n := len(d.Keys); d.N < n {
		row.Partial = fmt.Sprintf("%d of %d keys", d.N, n)
	}
	return row
}

// doraScopes lists the org (when it reports a key) and the teams that do.
func (m *Model) doraScopes() []Reporter {
	var out []Reporter
	seen := map[Reporter]bool{}
	for _, id := range m.doraKPIs() {
		for _, r := range m.Reporters(id) {
			if r.Scope != ScopeService && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	// Org first, then teams by id.
	sortReporters(out)
	return out
}

func sortReporters(rs []Reporter) {
	rank := map[string]int{ScopeOrg: 0, ScopeTeam: 1, ScopeService: 2}
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0; j-- {
			a, b := rs[j-1], rs[j]
			if rank[a.Scope] < rank[b.Scope] || (a.Scope == b.Scope && a.ID <= b.ID) {
				break
			}
			rs[j-1], rs[j] = b, a
		}
	}
}

func (k *Kind) doraData(s *site.Site) *DoraPage {
	m := k.model
	cat := m.catalog()
	d := &DoraPage{Custom: m.Dora != DefaultDora()}
	for _, key := range m.Dora.Keys() {
		v := DoraKeyView{Key: key.Key, Name: key.Name, Unit: UnitLabel(key.Unit),
			Elite: key.Describe(BandElite), High: key.Describe(BandHigh), Medium: key.Describe(BandMedium), Low: key.Describe(BandLow)}
		kp := m.KPI(key.KPI)
		switch {
		case kp == nil:
			v.Missing = fmt.Sprintf("no KPI %q in data/kpis.yaml", key.KPI)
		default:
			v.KPI = kp
			if _, ok := toCanonical(1, kp.Unit, key.Unit); !ok {
				v.Missing = fmt.Sprintf("KPI %q is in %s, not %s", kp.ID, kp.Unit, key.Unit)
			}
		}
		d.Keys = append(d.Keys, v)
	}
	axis := m.Axis(m.doraKPIs()...)
	for _, r := range m.doraScopes() {
		name, path := who(cat, r.Scope, r.ID)
		sv := DoraScopeView{ID: r.Scope + "-" + r.ID, Who: name, Path: path}
		if r.Scope == ScopeOrg {
			sv.ID = "org"
		}
		for i := len(axis) - 1; i >= 0; i-- {
			dp, ok := m.DoraAt(r.Scope, r.ID, axis[i])
			if !ok {
				sv.Rows = append(sv.Rows, DoraRow{Period: axis[i].String(), Cells: make([]DoraCell, len(d.Keys)), Partial: "no data"})
				for j := range sv.Rows[len(sv.Rows)-1].Cells {
					sv.Rows[len(sv.Rows)-1].Cells[j].Gap = true
				}
				continue
			}
			row := m.doraRow(dp)
			sv.Rows = append(sv.Rows, row)
			if sv.Latest == nil {
				latest := row
				sv.Latest = &latest
			}
		}
		d.Scopes = append(d.Scopes, sv)
	}
	return d
}
