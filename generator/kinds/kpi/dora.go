package kpi

import (
	"fmt"
	"math"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Band is a DORA performance band.
type Band string

// The bands, best first.
const (
	BandNone   Band = ""
	BandElite  Band = "elite"
	BandHigh   Band = "high"
	BandMedium Band = "medium"
	BandLow    Band = "low"
)

// Bands lists the bands from best to worst.
var Bands = []Band{BandElite, BandHigh, BandMedium, BandLow}

func (b Band) rank() int {
	for i, x := range Bands {
		if x == b {
			return i
		}
	}
	return -1
}

// Label is the band's name as shown in pages.
func (b Band) Label() string {
	if b == BandNone {
		return "—"
	}
	return string(b)
}

// BandThresholds classify one DORA key. A value that reaches a band's
// threshold is in that band: for deployment frequency (higher is better)
// value ≥ Elite is elite, ≥ High high, ≥ Medium medium, anything less low;
// for the other keys (lower is better) value ≤ Elite is elite, and so on.
// Thresholds are in the key's canonical unit (DoraKey.Unit).
type BandThresholds struct {
	KPI    string   `yaml:"kpi"` // the KPI id that holds this key
	Elite  float64  `yaml:"elite"`
	High   float64  `yaml:"high"`
	Medium float64  `yaml:"medium"`
	Pos    site.Pos `yaml:"-"`
}

// DoraConfig is the dora: section of almanac.yaml.
//
// The defaults are the performance levels of the 2023 Accelerate State of
// DevOps Report (DORA, Google Cloud), written as thresholds:
//
//	deployment_frequency  deploys per week   elite ≥ 7 (on demand, daily or more)
//	                                         high ≥ 1 (between daily and weekly)
//	                                         medium ≥ 0.23 (between weekly and monthly: 12/52)
//	                                         low: less than monthly
//	lead_time             hours, commit to production
//	                                         elite ≤ 24 (less than a day)
//	                                         high ≤ 168 (a day to a week)
//	                                         medium ≤ 720 (a week to a month, 30 days)
//	                                         low: more than a month
//	change_failure_rate   percent            elite ≤ 5, high ≤ 10, medium ≤ 15, low above
//	                                         (the report's cluster values 5%, 10%, 15%, 64%)
//	mttr                  minutes, failed deployment recovery time
//	                                         elite ≤ 60 (less than an hour)
//	                                         high ≤ 1440 (less than a day)
//	                                         medium ≤ 10080 (a day to a week)
//	                                         low: more than a week
//
// DORA revises these every year; override them in almanac.yaml.
type DoraConfig struct {
	DeploymentFrequency BandThresholds `yaml:"deployment_frequency"`
	LeadTime            BandThresholds `yaml:"lead_time"`
	ChangeFailureRate   BandThresholds `yaml:"change_failure_rate"`
	MTTR                BandThresholds `yaml:"mttr"`
}

// DefaultDora returns the 2023 report's levels.
func DefaultDora() DoraConfig {
	return DoraConfig{
		DeploymentFrequency: BandThresholds{KPI: "deployment_frequency", Elite: 7, High: 1, Medium: 0.23},
		LeadTime:            BandThresholds{KPI: "lead_time", Elite: 24, High: 168, Medium: 720},
		ChangeFailureRate:   BandThresholds{KPI: "change_failure_rate", Elite: 5, High: 10, Medium: 15},
		MTTR:                BandThresholds{KPI: "mttr", Elite: 60, High: 1440, Medium: 10080},
	}
}

// DoraKey is one of the four keys with its thresholds.
type DoraKey struct {
	Key    string // deployment_frequency, lead_time, change_failure_rate, mttr
	Name   string
	Unit   string // canonical unit of the thresholds
	Higher bool   // higher is better (deployment frequency)
	BandThresholds
}

// Keys returns the four keys in the report's order.
func (c DoraConfig) Keys() []DoraKey {
	return []DoraKey{
		{Key: "deployment_frequency", Name: "Deployment frequency", Unit: "per_week", Higher: true, BandThresholds: c.DeploymentFrequency},
		{Key: "lead_time", Name: "Lead time for changes", Unit: "hours", BandThresholds: c.LeadTime},
		{Key: "change_failure_rate", Name: "Change failure rate", Unit: "percent", BandThresholds: c.ChangeFailureRate},
		{Key: "mttr", Name: "Time to restore service", Unit: "minutes", BandThresholds: c.MTTR},
	}
}

// Classify returns the band of v, given in the key's canonical unit.
func (k DoraKey) Classify(v float64) Band {
	if k.Higher {
		switch {
		case v >= k.Elite:
			return BandElite
		case v >= k.High:
			return BandHigh
		case v >= k.Medium:
			return BandMedium
		}
		return BandLow
	}
	switch {
	case v <= k.Elite:
		return BandElite
	case v <= k.High:
		return BandHigh
	case v <= k.Medium:
		return BandMedium
	}
	return BandLow
}

// Describe explains the thresholds in words for the DORA page: "≤ 24
// hours (1 day)".
func (k DoraKey) Describe(b Band) string {
	op := "≤"
	if k.Higher {
		op = "≥"
	}
	v := 0.0
	switch b {
	case BandElite:
		v = k.Elite
	case BandHigh:
		v = k.High
	case BandMedium:
		v = k.Medium
	case BandLow:
		v, op = k.Medium, ">"
		if k.Higher {
			op = "<"
		}
	default:
		return ""
	}
	s := op + " " + FormatValue(v, k.Unit)
	if d := humanDuration(v, k.Unit); d != "" {
		s += " (" + d + ")"
	}
	return s
}

// humanDuration restates a whole number of hours, days or weeks given in
// minutes or hours: 1440 minutes is "1 day". It returns "" when there is
// nothing simpler to say.
func humanDuration(v float64, unit string) string {
	mins, ok := toCanonical(v, unit, "minutes")
	if !ok || unit == "ms" || mins <= 0 {
		return ""
	}
	for _, u := range []struct {
		name string
		size float64
	}{{"week", 10080}, {"day", 1440}, {"hour", 60}} {
		n := mins / u.size
		if n >= 1 && n == math.Trunc(n) && (u.name != "hour" || unit != "hours") {
			if n == 1 {
				return "1 " + u.name
			}
			return FormatNumber(n) + " " + u.name + "s"
		}
	}
	return ""
}

// check reports thresholds in the wrong order.
func (c DoraConfig) check(diags *site.Diagnostics) {
	for _, k := range c.Keys() {
		pos := k.Pos
		if pos.Path == "" {
			continue // defaults
		}
		ordered := k.Elite >= k.High && k.High >= k.Medium
		word := "at least"
		if !k.Higher {
			ordered = k.Elite <= k.High && k.High <= k.Medium
			word = "at most"
		}
		if !ordered {
			diags.Errorf(pos, "dora-config", "dora.%s: the thresholds must run elite, high, medium from best to worst (each is the value a band needs %s), got elite %s, high %s, medium %s",
				k.Key, word, FormatNumber(k.Elite), FormatNumber(k.High), FormatNumber(k.Medium))
		}
		if k.KPI == "" {
			diags.Errorf(pos, "dora-config", "dora.%s: kpi: must name the KPI that holds this key", k.Key)
		}
	}
}

// toCanonical converts v from a KPI's unit into the key's unit. ok is false
// when the units cannot be converted.
func toCanonical(v float64, from, to string) (float64, bool) {
	if from == to {
		return v, true
	}
	minutes := map[string]float64{"ms": 1.0 / 60000, "minutes": 1, "hours": 60}
	if f, ok := minutes[from]; ok {
		if t, ok := minutes[to]; ok {
			return v * f / t, true
		}
	}
	if from == "ratio" && to == "percent" { // a ratio is a fraction: 0.15 is 15%
		return v * 100, true
	}
	return 0, false
}

// unitError explains why a DORA key's KPI cannot be classified.
func unitError(k DoraKey, kp *KPI) string {
	return fmt.Sprintf("DORA key %s uses KPI %q measured in %s, which cannot be converted to %s; the band thresholds in dora.%s are in %s",
		k.Key, kp.ID, kp.Unit, k.Unit, k.Key, k.Unit)
}
