package kpi

import (
	"sort"
	"strings"
	"testing"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in      string
		want    Period
		days    int
		wantErr string
	}{
		{in: "2026-10", want: Period{Month, 2026, 10}, days: 31},
		{in: "2026-02", want: Period{Month, 2026, 2}, days: 28},
		{in: "2028-02", want: Period{Month, 2028, 2}, days: 29},
		{in: "2026-W43", want: Period{Week, 2026, 43}, days: 7},
		{in: "2026-w01", want: Period{Week, 2026, 1}, days: 7},
		{in: "2026-W53", want: Period{Week, 2026, 53}, days: 7}, // 2026 has 53 ISO weeks
		{in: "2026-Q4", want: Period{Quarter, 2026, 4}, days: 92},
		{in: "2026-q1", want: Period{Quarter, 2026, 1}, days: 90},
		{in: " 2026-11 ", want: Period{Month, 2026, 11}, days: 30},
		{in: "2026-13", wantErr: `invalid period "2026-13": a month is 01 to 12`},
		{in: "2026-00", wantErr: `a month is 01 to 12`},
		{in: "2026-1", wantErr: `a month is two digits, 01 to 12`},
		{in: "2026-10-01", wantErr: `a month is two digits`},
		{in: "2027-W53", wantErr: `2027 has ISO weeks W01 to W52`},
		{in: "2026-W00", wantErr: `2026 has ISO weeks W01 to W53`},
		{in: "2026-W1", wantErr: `a week is two digits`},
		{in: "2026-Q5", wantErr: `a quarter is Q1 to Q4`},
		{in: "2026-Q0", wantErr: `a quarter is Q1 to Q4`},
		{in: "October", wantErr: `expected YYYY-MM`},
		{in: "26-10", wantErr: `expected YYYY-MM`},
		{in: "+026-10", wantErr: `the year must be four digits`},
		{in: "", wantErr: `expected YYYY-MM`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParsePeriod(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParsePeriod(%q) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParsePeriod(%q): %v", tt.in, err)
			}
			if p != tt.want {
				t.Fatalf("ParsePeriod(%q) = %+v, want %+v", tt.in, p, tt.want)
			}
			if got := p.Days(); got != tt.days {
				t.Errorf("%s has %d days, want %d", p, got, tt.days)
			}
			if q, err := ParsePeriod(p.String()); err != nil || q != p {
				t.Errorf("round trip of %s gave %v, %v", p, q, err)
			}
		})
	}
}

func TestPeriodErrorMessage(t *testing.T) {
	_, err := ParsePeriod("2026-13")
	want := `invalid period "2026-13": a month is 01 to 12; write a month as 2026-10, an ISO week as 2026-W43 or a quarter as 2026-Q4`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestWeekBounds(t *testing.T) {
	tests := []struct {
		in, start, end string
	}{
		{"2026-W01", "2025-12-29", "2026-01-05"}, // week 1 holds 4 January
		{"2026-W43", "2026-10-19", "2026-10-26"},
		{"2026-W53", "2026-12-28", "2027-01-04"},
		{"2021-W01", "2021-01-04", "2021-01-11"}, // 1 January 2021 was a Friday, in 2020-W53
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Start().Format("2006-01-02"); got != tt.start {
			t.Errorf("%s starts %s, want %s", tt.in, got, tt.start)
		}
		if got := p.End().Format("2006-01-02"); got != tt.end {
			t.Errorf("%s ends %s, want %s", tt.in, got, tt.end)
		}
	}
}

func TestPeriodOrder(t *testing.T) {
	// Periods sort by the day they end; on a tie the shorter comes first.
	want := []string{
		"2025-Q4",  // ends 2026-01-01
		"2026-W04", // 19–25 January, ends 2026-01-26
		"2026-01",  // ends 2026-02-01
		"2026-W05", // 26 January – 1 February: ends a day after January
		"2026-10",
		"2026-W44", // 26 Oct – 1 Nov
		"2026-11",
		"2026-12",
		"2026-Q4", // ends with December; longer, so after it
		"2026-W53",
		"2027-01",
	}
	var ps []Period
	for i := len(want) - 1; i >= 0; i-- {
		p, err := ParsePeriod(want[i])
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Before(ps[j]) })
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("order\n got %v\nwant %v", got, want)
	}
	a, _ := ParsePeriod("2026-12")
	b, _ := ParsePeriod("2026-Q4")
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("Compare(2026-12, 2026-Q4) = %d, want -1", a.Compare(b))
	}
}

func TestPeriodPrev(t *testing.T) {
	tests := map[string]string{
		"2026-01":  "2025-12",
		"2026-10":  "2026-09",
		"2026-Q1":  "2025-Q4",
		"2026-Q3":  "2026-Q2",
		"2026-W01": "2025-W52",
		"2027-W01": "2026-W53",
		"2026-W43": "2026-W42",
	}
	for in, want := range tests {
		p, _ := ParsePeriod(in)
		if got := p.Prev().String(); got != want {
			t.Errorf("%s.Prev() = %s, want %s", in, got, want)
		}
	}
}
