package kpi

import (
	"math"
	"testing"
)

func ptr(v float64) *float64 { return &v }

func TestJudge(t *testing.T) {
	higher := Goal{Target: 85, Warn: ptr(75)}
	lower := Goal{Target: 300, Warn: ptr(400), Lower: true}
	noWarnHigher := Goal{Target: 99.9}
	noWarnLower := Goal{Target: 0, Lower: true}
	tests := []struct {
		name string
		g    Goal
		v    float64
		want Status
	}{
		{"higher: above target", higher, 90, StatusMet},
		{"higher: exactly target is met", higher, 85, StatusMet},
		{"higher: just below target", higher, 84.999, StatusAtRisk},
		{"higher: exactly warn is at risk", higher, 75, StatusAtRisk},
		{"higher: below warn", higher, 74.9, StatusMissed},
		{"lower: below target", lower, 250, StatusMet},
		{"lower: exactly target is met", lower, 300, StatusMet},
		{"lower: just above target", lower, 300.1, StatusAtRisk},
		{"lower: exactly warn is at risk", lower, 400, StatusAtRisk},
		{"lower: above warn", lower, 401, StatusMissed},
		{"higher without warn: below", noWarnHigher, 99.89, StatusMissed},
		{"higher without warn: met", noWarnHigher, 99.95, StatusMet},
		{"lower target zero: zero met", noWarnLower, 0, StatusMet},
		{"lower target zero: one missed", noWarnLower, 1, StatusMissed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.g.Judge(tt.v); got != tt.want {
				t.Errorf("Judge(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestTrend(t *testing.T) {
	tests := []struct {
		name           string
		prev, cur      float64
		lower          bool
		arrow, verdict string
		label          string
	}{
		{"higher is better, up", 80, 85, false, "↑", "better", "+5 pp"},
		{"higher is better, down", 85, 80, false, "↓", "worse", "−5 pp"},
		{"lower is better, down", 320, 280, true, "↓", "better", "−40 ms"},
		{"lower is better, up", 280, 320, true, "↑", "worse", "+40 ms"},
		{"unchanged", 99.9, 99.9, false, "→", "same", "±0"},
		{"float noise is unchanged", 0.1 + 0.2, 0.3, true, "→", "same", "±0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := TrendOf(tt.prev, tt.cur, tt.lower)
			if tr.Arrow != tt.arrow || tr.Verdict != tt.verdict {
				t.Errorf("TrendOf(%v, %v, lower=%v) = %s %s, want %s %s", tt.prev, tt.cur, tt.lower, tr.Arrow, tr.Verdict, tt.arrow, tt.verdict)
			}
			unit := "percent"
			if tt.lower {
				unit = "ms"
			}
			if got := tr.Label(unit); got != tt.label {
				t.Errorf("Label = %q, want %q", got, tt.label)
			}
		})
	}
}

func TestDoraClassifyEdges(t *testing.T) {
	keys := map[string]DoraKey{}
	for _, k := range DefaultDora().Keys() {
		keys[k.Key] = k
	}
	tests := []struct {
		key  string
		v    float64
		want Band
	}{
		// Deployment frequency, deploys per week, higher is better: a
		// threshold belongs to the better band.
		{"deployment_frequency", 20, BandElite},
		{"deployment_frequency", 7, BandElite},
		{"deployment_frequency", 6.99, BandHigh},
		{"deployment_frequency", 1, BandHigh},
		{"deployment_frequency", 0.99, BandMedium},
		{"deployment_frequency", 0.23, BandMedium},
		{"deployment_frequency", 0.2299, BandLow},
		{"deployment_frequency", 0, BandLow},
		// Lead time, hours, lower is better.
		{"lead_time", 0.5, BandElite},
		{"lead_time", 24, BandElite},
		{"lead_time", 24.01, BandHigh},
		{"lead_time", 168, BandHigh},
		{"lead_time", 168.5, BandMedium},
		{"lead_time", 720, BandMedium},
		{"lead_time", 721, BandLow},
		// Change failure rate, percent.
		{"change_failure_rate", 0, BandElite},
		{"change_failure_rate", 5, BandElite},
		{"change_failure_rate", 5.1, BandHigh},
		{"change_failure_rate", 10, BandHigh},
		{"change_failure_rate", 10.01, BandMedium},
		{"change_failure_rate", 15, BandMedium},
		{"change_failure_rate", 15.01, BandLow},
		{"change_failure_rate", 64, BandLow},
		// Time to restore, minutes.
		{"mttr", 60, BandElite},
		{"mttr", 61, BandHigh},
		{"mttr", 1440, BandHigh},
		{"mttr", 1441, BandMedium},
		{"mttr", 10080, BandMedium},
		{"mttr", 10081, BandLow},
	}
	for _, tt := range tests {
		if got := keys[tt.key].Classify(tt.v); got != tt.want {
			t.Errorf("%s %v: band %q, want %q", tt.key, tt.v, got, tt.want)
		}
	}
}

func TestToCanonical(t *testing.T) {
	tests := []struct {
		v        float64
		from, to string
		want     float64
		ok       bool
	}{
		{90, "minutes", "minutes", 90, true},
		{90, "minutes", "hours", 1.5, true},
		{2, "hours", "minutes", 120, true},
		{3600000, "ms", "hours", 1, true},
		{0.15, "ratio", "percent", 15, true},
		{3, "count", "per_week", 0, false},
		{3, "score", "hours", 0, false},
	}
	for _, tt := range tests {
		got, ok := toCanonical(tt.v, tt.from, tt.to)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("toCanonical(%v, %s, %s) = %v, %v; want %v, %v", tt.v, tt.from, tt.to, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBudgetArithmetic(t *testing.T) {
	nov, _ := ParsePeriod("2026-11") // 30 days: 43200 minutes
	oct, _ := ParsePeriod("2026-10") // 31 days: 44640 minutes
	q4, _ := ParsePeriod("2026-Q4")  // 92 days
	w43, _ := ParsePeriod("2026-W43")
	tests := []struct {
		name         string
		p            Period
		slo          float64
		avail        *float64
		budget, used float64
		burn         *float64
		status       Status
	}{
		{"99.9% over 30 days allows 43.2 minutes", nov, 99.9, ptr(99.9), 43.2, 43.2, ptr(1), StatusMet},
		{"twice the allowed downtime burns at 2x", nov, 99.9, ptr(99.8), 43.2, 86.4, ptr(2), StatusMissed},
		{"a perfect month burns nothing", nov, 99.9, ptr(100), 43.2, 0, ptr(0), StatusMet},
		{"31 days at 99.95%", oct, 99.95, ptr(99.97), 22.32, 13.392, ptr(0.6), StatusMet},
		{"a quarter at 99.5%", q4, 99.5, ptr(99), 662.4, 1324.8, ptr(2), StatusMissed},
		{"a week at 99.9%", w43, 99.9, ptr(99.95), 10.08, 5.04, ptr(0.5), StatusMet},
		{"an SLO of 100% has no budget and no burn rate", nov, 100, ptr(99.99), 0, 4.32, nil, StatusMissed},
		{"a gap uses nothing and has no burn rate", nov, 99.9, nil, 43.2, 0, nil, StatusNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := BudgetFor(tt.p, tt.slo, tt.avail)
			if !near(b.BudgetMinutes, tt.budget) {
				t.Errorf("budget %v, want %v", b.BudgetMinutes, tt.budget)
			}
			if tt.avail == nil {
				if b.UsedMinutes != nil || b.Remaining != nil || b.Burn != nil {
					t.Errorf("a gap got used %v, remaining %v, burn %v", b.UsedMinutes, b.Remaining, b.Burn)
				}
			} else {
				if b.UsedMinutes == nil || !near(*b.UsedMinutes, tt.used) {
					t.Errorf("used %v, want %v", deref(b.UsedMinutes), tt.used)
				}
				if b.Remaining == nil || !near(*b.Remaining, tt.budget-tt.used) {
					t.Errorf("remaining %v, want %v", deref(b.Remaining), tt.budget-tt.used)
				}
			}
			if (b.Burn == nil) != (tt.burn == nil) || (b.Burn != nil && !near(*b.Burn, *tt.burn)) {
				t.Errorf("burn %v, want %v", deref(b.Burn), deref(tt.burn))
			}
			if got := b.Status(); got != tt.status {
				t.Errorf("status %q, want %q", got, tt.status)
			}
		})
	}
}

func TestBudgetWindow(t *testing.T) {
	aug, _ := ParsePeriod("2026-08") // 31 days
	sep, _ := ParsePeriod("2026-09") // 30 days
	oct, _ := ParsePeriod("2026-10") // 31 days
	w := Window([]BudgetPeriod{
		BudgetFor(aug, 99.9, ptr(99.9)), // 44.64 of 44.64
		BudgetFor(sep, 99.9, nil),       // a gap: not counted
		BudgetFor(oct, 99.9, ptr(99.8)), // 89.28 of 44.64
	})
	if w.Label() != "2026-08 – 2026-10" || w.Periods != 3 || w.Reported != 2 {
		t.Fatalf("window %s: %d periods, %d reported", w.Label(), w.Periods, w.Reported)
	}
	if !near(w.Full, 44.64+43.2+44.64) || !near(w.Budget, 89.28) || !near(w.Used, 133.92) || !near(*w.Burn, 1.5) {
		t.Errorf("full %v budget %v used %v burn %v", w.Full, w.Budget, w.Used, *w.Burn)
	}
	if w.Status() != StatusMissed || !near(w.Remaining(), -44.64) {
		t.Errorf("status %s remaining %v", w.Status(), w.Remaining())
	}
	empty := Window([]BudgetPeriod{BudgetFor(sep, 99.9, nil)})
	if empty.Burn != nil || empty.Status() != StatusNone || empty.Used != 0 {
		t.Errorf("a window of gaps: burn %v status %q used %v", empty.Burn, empty.Status(), empty.Used)
	}
	if Window(nil) != nil {
		t.Error("Window(nil) should be nil")
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestThresholdFor(t *testing.T) {
	tiers := Threshold{Tiers: map[int]float64{1: 99.95, 2: 99.9}, Set: true}
	withDefault := Threshold{Tiers: map[int]float64{1: 99.95}, Value: ptr(99.5), Set: true}
	plain := Threshold{Value: ptr(300), Set: true}
	tests := []struct {
		name string
		t    Threshold
		tier int
		want float64
		ok   bool
	}{
		{"tier 1", tiers, 1, 99.95, true},
		{"tier 2", tiers, 2, 99.9, true},
		{"tier without a value and no default", tiers, 3, 0, false},
		{"no tier and no default", tiers, 0, 0, false},
		{"default for another tier", withDefault, 2, 99.5, true},
		{"default without a tier", withDefault, 0, 99.5, true},
		{"plain number for any tier", plain, 1, 300, true},
		{"unset", Threshold{}, 1, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.t.For(tt.tier)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: For(%d) = %v, %v; want %v, %v", tt.name, tt.tier, got, ok, tt.want, tt.ok)
		}
	}
	if got := tiers.Describe("percent"); got != "tier 1: 99.95%, tier 2: 99.9%" {
		t.Errorf("Describe = %q", got)
	}
	if got := withDefault.Describe("percent"); got != "tier 1: 99.95%, otherwise 99.5%" {
		t.Errorf("Describe = %q", got)
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		unit string
		want string
	}{
		{99.95, "percent", "99.95%"},
		{320, "ms", "320 ms"},
		{4.5, "per_week", "4.5 per week"},
		{12, "count", "12"},
		{1.0 / 3, "ratio", "0.3333"},
		{-0.00001, "score", "0"},
		{math.NaN(), "hours", "—"},
	}
	for _, tt := range tests {
		if got := FormatValue(tt.v, tt.unit); got != tt.want {
			t.Errorf("FormatValue(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestDescribeBands(t *testing.T) {
	want := map[string][]string{
		"deployment_frequency": {"≥ 7 per week", "≥ 1 per week", "≥ 0.23 per week", "< 0.23 per week"},
		"lead_time":            {"≤ 24 hours (1 day)", "≤ 168 hours (1 week)", "≤ 720 hours (30 days)", "> 720 hours (30 days)"},
		"change_failure_rate":  {"≤ 5%", "≤ 10%", "≤ 15%", "> 15%"},
		"mttr":                 {"≤ 60 minutes (1 hour)", "≤ 1440 minutes (1 day)", "≤ 10080 minutes (1 week)", "> 10080 minutes (1 week)"},
	}
	for _, k := range DefaultDora().Keys() {
		for i, b := range Bands {
			if got := k.Describe(b); got != want[k.Key][i] {
				t.Errorf("%s %s: %q, want %q", k.Key, b, got, want[k.Key][i])
			}
		}
	}
}
