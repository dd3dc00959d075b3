package kpi

import (
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// FuzzSnapshot feeds arbitrary YAML to the snapshot loader and the model
// built on it: it must never panic or hang, and every diagnostic must
// carry a position in the file.
func FuzzSnapshot(f *testing.F) {
	seeds := []string{
		"period: 2026-10\norg: {deployment_frequency: 12}\n",
		"period: 2026-W43\nteams:\n  payments: {lead_time: 20, change_failure_rate: 150}\n",
		"period: 2026-Q4\nservices:\n  api: {availability: {value: 99.9, note: \"</script><b>\"}}\n",
		"org: {lead_time: }\nnotes: {org: {lead_time: gap}}\n",
		"- period: 2026-01\n  org: {mttr: 30}\n- period: 2026-01\n  org: {mttr: 31}\n",
		"period: 2026-10\norg: &a {mttr: 1}\nteams: {x: *a, y: {<<: *a, lead_time: 2}}\n",
		"a: &a [*a]\n",
		"period: [1, 2]\n",
		"period: 0001-01\n---\nperiod: 9999-12\norg: {mttr: .nan, lead_time: .inf}\n",
		"period: 2026-10\norg: {mttr: 1e400, lead_time: 0x1F, deployment_frequency: 1_000}\n",
		"period: 2026-10\nnotes:\n  teams: {t: {mttr: x}}\n  services: {s: [1]}\n",
		"",
		"~",
		"!!binary aGVsbG8=",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	kpis := map[string]*KPI{}
	for _, id := range []string{"deployment_frequency", "lead_time", "change_failure_rate", "mttr", "availability"} {
		unit := "hours"
		if id == "change_failure_rate" || id == "availability" {
			unit = "percent"
		}
		kpis[id] = &KPI{ID: id, Unit: unit, Direction: LowerIsBetter, Target: Threshold{Value: ptr(5), Set: true}}
	}
	f.Fuzz(func(t *testing.T, in string) {
		diags := &site.Diagnostics{}
		df := load.ParseYAML("data/metrics/2026-10.yaml", []byte(in), diags)
		snaps := parseSnapshots(df, kpis, diags)
		m := newModel(nil, DefaultConfig(), DefaultDora())
		for _, k := range kpis {
			m.KPIs = append(m.KPIs, k)
			m.byID[k.ID] = k
		}
		for _, s := range snaps {
			m.add(s, diags)
		}
		m.finish()
		for id := range kpis {
			axis := m.Axis(id)
			if len(axis) > maxAxis+len(m.Periods) {
				t.Fatalf("axis of %d periods", len(axis))
			}
			for _, r := range m.Reporters(id) {
				m.Series(id, r.Scope, r.ID, axis)
				m.Reading(id, r.Scope, r.ID)
				m.DoraLatest(r.Scope, r.ID)
			}
		}
		for _, g := range []Granularity{0, Week, Month, Quarter} {
			m.quarterWindow(g)
		}
		for _, d := range diags.List() {
			if d.Pos.Path != "data/metrics/2026-10.yaml" || d.Pos.Line == 0 {
				t.Fatalf("diagnostic without a position: %s", d)
			}
		}
	})
}

// FuzzParsePeriod checks that ParsePeriod never panics and that whatever
// it accepts formats back to an equivalent period.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-10", "2026-W43", "2026-Q4", "2026-W53", "2027-W53", "0000-01", "9999-12", "2026-", "2026-W", "2026-Q", "२०२६-10", "2026-1\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParsePeriod(in)
		if err != nil {
			return
		}
		q, err := ParsePeriod(p.String())
		if err != nil || q != p {
			t.Fatalf("%q parsed as %v, which formats as %q and parses as %v, %v", in, p, p.String(), q, err)
		}
		if !p.Start().Before(p.End()) || p.Prev().Compare(p) >= 0 {
			t.Fatalf("%v: start %v end %v prev %v", p, p.Start(), p.End(), p.Prev())
		}
		if !strings.Contains(strings.ToUpper(in), p.String()[5:]) {
			t.Fatalf("%q parsed as %v", in, p)
		}
	})
}

// FuzzDefinitions feeds arbitrary YAML to the kpis.yaml loader.
func FuzzDefinitions(f *testing.F) {
	for _, s := range []string{
		testKPIs,
		"- {id: a, target: {1: 2, tier2: 3, default: 4}, warn: {1: 1}}\n",
		"kpis: {id: a}\n",
		"kpis:\n  - id: a\n    target: {1: x}\n",
		"kpis:\n  - &k {id: a, unit: percent, target: 101}\n  - *k\n",
		"- {id: \"</script>\", name: \"<img src=x>\", category: cost, unit: count, direction: lower_is_better, target: 1}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		diags := &site.Diagnostics{}
		df := load.ParseYAML("data/kpis.yaml", []byte(in), diags)
		for _, k := range loadDefinitions(df, diags) {
			k.Target.Describe(k.Unit)
			k.Warn.Reference()
			for tier := 0; tier < 4; tier++ {
				k.Target.For(tier)
			}
		}
	})
}
