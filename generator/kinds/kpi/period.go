package kpi

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Granularity is the length of a reporting period.
type Granularity int

// The granularities a snapshot may cover, shortest first.
const (
	Week Granularity = iota + 1
	Month
	Quarter
)

func (g Granularity) String() string {
	switch g {
	case Week:
		return "week"
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	}
	return "period"
}

// adjective is "weekly", "monthly" or "quarterly".
func (g Granularity) adjective() string {
	switch g {
	case Week:
		return "weekly"
	case Month:
		return "monthly"
	case Quarter:
		return "quarterly"
	}
	return ""
}

// Period is one reporting period: a month ("2026-10"), an ISO 8601 week
// ("2026-W43") or a calendar quarter ("2026-Q4").
//
// Ordering across granularities: a period is placed at the moment it
// closes, so periods sort by their end date; when two periods end on the
// same day (December and Q4, or a week ending on the last day of a month)
// the shorter one comes first. So 2026-10 < 2026-W44 (ends 1 November) <
// 2026-11 < 2026-12 < 2026-Q4 < 2027-W01. "Latest" therefore means the
// period that closed most recently.
type Period struct {
	Gran Granularity
	Year int
	N    int // month 1–12, ISO week 1–53 or quarter 1–4
}

// ParsePeriod parses "2026-10", "2026-W43" or "2026-Q4" (the W and Q may
// be lower case). It rejects impossible periods such as 2026-13, 2026-Q5
// and week 53 of a year that has 52 ISO weeks.
func ParsePeriod(s string) (Period, error) {
	orig := s
	s = strings.TrimSpace(s)
	bad := func(why string) (Period, error) {
		return Period{}, fmt.Errorf("invalid period %q: %s; write a month as 2026-10, an ISO week as 2026-W43 or a quarter as 2026-Q4", orig, why)
	}
	if len(s) < 6 || s[4] != '-' {
		return bad("expected YYYY-MM, YYYY-Www or YYYY-Qn")
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || !allDigits(s[:4]) || year < 1 {
		return bad("the year must be four digits")
	}
	rest := s[5:]
	switch {
	case rest[0] == 'W' || rest[0] == 'w':
		if len(rest) != 3 || !allDigits(rest[1:]) {
			return bad("a week is two digits, W01 to W53")
		}
		n, _ := strconv.Atoi(rest[1:])
		if max := isoWeeks(year); n < 1 || n > max {
			return bad(fmt.Sprintf("%d has ISO weeks W01 to W%02d", year, max))
		}
		return Period{Week, year, n}, nil
	case rest[0] == 'Q' || rest[0] == 'q':
		if len(rest) != 2 || rest[1] < '1' || rest[1] > '4' {
			return bad("a quarter is Q1 to Q4")
		}
		return Period{Quarter, year, int(rest[1] - '0')}, nil
	default:
		if len(rest) != 2 || !allDigits(rest) {
			return bad("a month is two digits, 01 to 12")
		}
		n, _ := strconv.Atoi(rest)
		if n < 1 || n > 12 {
			return bad("a month is 01 to 12")
		}
		return Period{Month, year, n}, nil
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isoWeeks returns the number of ISO weeks in year: 28 December always lies
// in the year's last week.
func isoWeeks(year int) int {
	_, w := time.Date(year, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// String formats the period as it is written in snapshots.
func (p Period) String() string {
	switch p.Gran {
	case Week:
		return fmt.Sprintf("%04d-W%02d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	}
	return ""
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Gran == 0 }

// Start returns the first day of the period (UTC midnight).
func (p Period) Start() time.Time {
	switch p.Gran {
	case Week:
		// The Monday of week 1 is the Monday on or before 4 January.
		jan4 := time.Date(p.Year, 1, 4, 0, 0, 0, 0, time.UTC)
		wd := (int(jan4.Weekday()) + 6) % 7 // Monday = 0
		return jan4.AddDate(0, 0, -wd+7*(p.N-1))
	case Quarter:
		return time.Date(p.Year, time.Month(3*(p.N-1)+1), 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(p.Year, time.Month(p.N), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End returns the first day after the period (exclusive end).
func (p Period) End() time.Time {
	switch p.Gran {
	case Week:
		return p.Start().AddDate(0, 0, 7)
	case Quarter:
		return p.Start().AddDate(0, 3, 0)
	case Month:
		return p.Start().AddDate(0, 1, 0)
	}
	return time.Time{}
}

// Days returns the number of days in the period.
func (p Period) Days() int {
	return int(p.End().Sub(p.Start()).Hours()/24 + 0.5)
}

// Minutes returns the length of the period in minutes.
func (p Period) Minutes() float64 { return float64(p.Days()) * 24 * 60 }

// Compare orders periods by the day they end, then shorter first; see
// Period. It returns -1, 0 or +1.
func (p Period) Compare(q Period) int {
	pe, qe := p.End(), q.End()
	switch {
	case pe.Before(qe):
		return -1
	case pe.After(qe):
		return 1
	}
	ps, qs := p.Start(), q.Start()
	switch {
	case ps.After(qs): // later start, same end: shorter
		return -1
	case ps.Before(qs):
		return 1
	}
	switch {
	case p.Gran < q.Gran:
		return -1
	case p.Gran > q.Gran:
		return 1
	}
	return 0
}

// Before reports whether p sorts before q.
func (p Period) Before(q Period) bool { return p.Compare(q) < 0 }

// Prev returns the period of the same granularity just before p.
func (p Period) Prev() Period {
	switch p.Gran {
	case Week:
		y, w := p.Start().AddDate(0, 0, -7).ISOWeek()
		return Period{Week, y, w}
	case Quarter:
		if p.N == 1 {
			return Period{Quarter, p.Year - 1, 4}
		}
		return Period{Quarter, p.Year, p.N - 1}
	case Month:
		if p.N == 1 {
			return Period{Month, p.Year - 1, 12}
		}
		return Period{Month, p.Year, p.N - 1}
	}
	return p
}
