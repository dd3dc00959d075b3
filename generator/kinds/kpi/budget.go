package kpi

import "strconv"

// BudgetPeriod is a service's error budget in one period.
//
// With an availability SLO of S percent over a period of M minutes, the
// budget is (100 − S) / 100 × M minutes of allowed unavailability. A
// measured availability of A percent used (100 − A) / 100 × M minutes, and
// the burn rate is used ÷ budget = (100 − A) / (100 − S): 1 spends exactly
// the budget, 2 spends it twice over. A period without an availability
// value has no used minutes and no burn rate (a gap, not a perfect month).
type BudgetPeriod struct {
	Period        Period
	BudgetMinutes float64
	Availability  *float64
	UsedMinutes   *float64
	Remaining     *float64 // budget − used; negative when overspent
	Burn          *float64 // nil without a value, or when the budget is zero
}

// Status is "met" when the period stayed within its budget, "missed" when
// it overspent, "" without a value.
func (b BudgetPeriod) Status() Status {
	switch {
	case b.UsedMinutes == nil:
		return StatusNone
	case *b.UsedMinutes <= b.BudgetMinutes+epsilon:
		return StatusMet
	}
	return StatusMissed
}

// BudgetWindow sums a service's error budget over several periods (the
// last quarter). Only periods with a value count towards Budget, Used and
// Burn; Full is the budget of the whole window.
type BudgetWindow struct {
	From, To Period
	Periods  int     // periods in the window
	Reported int     // periods with a value
	Full     float64 // budget of every period in the window, minutes
	Budget   float64 // budget of the reported periods, minutes
	Used     float64 // minutes used in the reported periods
	Burn     *float64
}

// Label names the window: "2026-08 – 2026-10".
func (w BudgetWindow) Label() string {
	if w.From == w.To {
		return w.From.String()
	}
	return w.From.String() + " – " + w.To.String()
}

// Remaining is Budget − Used.
func (w BudgetWindow) Remaining() float64 { return w.Budget - w.Used }

// Status is "met" when the reported periods stayed within their budget.
func (w BudgetWindow) Status() Status {
	switch {
	case w.Reported == 0:
		return StatusNone
	case w.Used <= w.Budget+epsilon:
		return StatusMet
	}
	return StatusMissed
}

// Budget is the error budget of one service with an availability SLO.
type Budget struct {
	Service string
	KPI     *KPI
	SLO     float64 // percent
	Periods []BudgetPeriod
	Quarter *BudgetWindow // the last three months (see Model.Budget)
}

// BudgetFor computes one period's budget from an SLO and an availability
// (nil when not reported), both in percent.
func BudgetFor(p Period, slo float64, availability *float64) BudgetPeriod {
	b := BudgetPeriod{Period: p, BudgetMinutes: (100 - slo) / 100 * p.Minutes()}
	if availability == nil {
		return b
	}
	a := *availability
	used := (100 - a) / 100 * p.Minutes()
	rem := b.BudgetMinutes - used
	b.Availability, b.UsedMinutes, b.Remaining = &a, &used, &rem
	if b.BudgetMinutes > 0 {
		burn := used / b.BudgetMinutes
		b.Burn = &burn
	}
	return b
}

// Window sums periods into a BudgetWindow.
func Window(periods []BudgetPeriod) *BudgetWindow {
	if len(periods) == 0 {
		return nil
	}
	w := &BudgetWindow{From: periods[0].Period, To: periods[len(periods)-1].Period, Periods: len(periods)}
	for _, p := range periods {
		w.Full += p.BudgetMinutes
		if p.UsedMinutes == nil {
			continue
		}
		w.Reported++
		w.Budget += p.BudgetMinutes
		w.Used += *p.UsedMinutes
	}
	if w.Reported > 0 && w.Budget > 0 {
		burn := w.Used / w.Budget
		w.Burn = &burn
	}
	return w
}

// Budget returns the error budget of service id, or nil when it has no
// availability SLO (or the SLO override for availability is switched off).
//
// Periods are the periods of the availability KPI's chart axis. The
// quarter is the last three calendar months in periods of the axis's
// granularity: the months ending with the latest month, the weeks starting
// in the three months before the latest week ends, or the latest quarter.
// Without an availability value, the axis is the model's monthly periods
// (or weekly, or quarterly).
func (m *Model) Budget(id string) *Budget {
	kpiID := m.Config.SLOKPIs.Availability
	svc := m.catalog().Service(id)
	if kpiID == "" || svc == nil || svc.SLOs.Availability == nil {
		return nil
	}
	slo := *svc.SLOs.Availability
	b := &Budget{Service: id, KPI: m.byID[kpiID], SLO: slo}
	axis := m.Axis(kpiID)
	if len(axis) == 0 {
		axis = m.latestGranularity()
	}
	for _, p := range axis {
		vals, _ := m.Series(kpiID, ScopeService, id, []Period{p})
		b.Periods = append(b.Periods, BudgetFor(p, slo, vals[0]))
	}
	var window []BudgetPeriod
	var gran Granularity
	if len(axis) > 0 {
		gran = axis[0].Gran
	}
	for _, p := range m.quarterWindow(gran) {
		vals, _ := m.Series(kpiID, ScopeService, id, []Period{p})
		window = append(window, BudgetFor(p, slo, vals[0]))
	}
	b.Quarter = Window(window)
	return b
}

// latestGranularity returns the periods of the finest granularity the
// model has.
func (m *Model) latestGranularity() []Period {
	for _, g := range []Granularity{Month, Week, Quarter} {
		var out []Period
		for _, p := range m.Periods {
			if p.Gran == g {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// quarterWindow returns the periods of granularity g in the last quarter:
// the latest month and the two calendar months before it, whether or not
// they have a snapshot (see Budget).
func (m *Model) quarterWindow(g Granularity) []Period {
	var last Period
	for _, p := range m.Periods {
		if p.Gran == g {
			last = p
		}
	}
	if last.IsZero() {
		return nil
	}
	start := last.End().AddDate(0, -3, 0)
	var out []Period
	for p := last; !p.Start().Before(start); p = p.Prev() {
		out = append([]Period{p}, out...)
		if g == Quarter {
			break
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
