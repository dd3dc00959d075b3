package kpi

// Status of a value against its target.
type Status string

// Statuses. The words match base.css badge classes.
const (
	StatusNone   Status = ""        // no value or no target
	StatusMet    Status = "met"     // on the right side of the target (or on it)
	StatusAtRisk Status = "at-risk" // missed the target but within warn
	StatusMissed Status = "missed"  // beyond warn (or missed with no warn)
)

// Label is the status as shown in pages.
func (s Status) Label() string {
	switch s {
	case StatusMet:
		return "met"
	case StatusAtRisk:
		return "at risk"
	case StatusMissed:
		return "missed"
	}
	return "no target"
}

// Goal is a target with its optional warn level and direction.
type Goal struct {
	Target float64
	Warn   *float64
	Lower  bool   // lower is better
	Source string // where the target comes from: "default", "tier 1", "SLO"
}

// Judge returns the status of v against g. The target itself counts as
// met and the warn level itself as at risk: for higher-is-better, v ≥
// target is met, warn ≤ v < target at risk, v < warn missed; mirrored for
// lower-is-better.
func (g Goal) Judge(v float64) Status {
	better := func(a, b float64) bool { // a is at least as good as b
		if g.Lower {
			return a <= b
		}
		return a >= b
	}
	if better(v, g.Target) {
		return StatusMet
	}
	if g.Warn != nil && better(v, *g.Warn) {
		return StatusAtRisk
	}
	return StatusMissed
}

// Trend is the change between two values of a KPI.
type Trend struct {
	Delta float64
	Arrow string // "↑", "↓" or "→"
	// Verdict is "better", "worse" or "same", knowing the KPI's direction.
	Verdict string
	Since   Period // the earlier period
}

// Label is the signed change as shown in pages: "+1.2 ms", "−0.5 pp". A
// change of a percentage is in percentage points (pp), so that it is not
// read as a relative change.
func (t Trend) Label(unit string) string {
	d := t.Delta
	sign := "+"
	if d < 0 {
		sign, d = "−", -d
	}
	if d == 0 {
		return "±0"
	}
	if unit == "percent" {
		return sign + FormatNumber(d) + " pp"
	}
	return sign + FormatValue(d, unit)
}

// epsilon absorbs float noise in differences such as 99.95 − 99.9.
const epsilon = 1e-9

// TrendOf compares cur with prev for a KPI where lower is better when
// lower is set.
func TrendOf(prev, cur float64, lower bool) Trend {
	d := cur - prev
	if d > -epsilon && d < epsilon {
		return Trend{Delta: 0, Arrow: "→", Verdict: "same"}
	}
	t := Trend{Delta: d, Arrow: "↑"}
	if d < 0 {
		t.Arrow = "↓"
	}
	if (d > 0) != lower {
		t.Verdict = "better"
	} else {
		t.Verdict = "worse"
	}
	return t
}
