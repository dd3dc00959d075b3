package kpi

import (
	"html/template"
	"strings"
	"sync"
	"testing"
)

// TestChartsDrawnWhenShown checks that linking and contributing sections
// draw no chart: a warm rebuild renders only the pages whose key changed,
// and must not pay for the charts of the others. The first pages to show
// a chart may do so in parallel; they must all get the same HTML.
func TestChartsDrawnWhenShown(t *testing.T) {
	b := metricsBuild(t, "")
	b.wantDiags(t)
	views := append([]ChartView(nil), b.k.pages["deployment_frequency"].Data.(*KPIPage).Charts...)
	for _, sec := range b.k.Contribute(b.s, "team:payments") {
		if ks, ok := sec.Data.(*KPISection); ok {
			views = append(views, ks.Charts...)
		}
	}
	if len(views) < 2 {
		t.Fatalf("%d charts on the KPI page and the team page, want at least 2", len(views))
	}
	for _, v := range views {
		if v.chart.draws.Load() != 0 {
			t.Errorf("chart %q drawn before a page showed it", v.Title)
		}
	}

	v := views[0]
	got := make([]template.HTML, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			h, err := v.HTML()
			if err != nil {
				t.Error(err)
			}
			got[i] = h
		})
	}
	wg.Wait()
	if !strings.Contains(string(got[0]), `<div class="chart-block">`) {
		t.Fatalf("chart HTML:\n%s", got[0])
	}
	for i, h := range got {
		if h != got[0] {
			t.Errorf("call %d got different HTML", i)
		}
	}
	if n := v.chart.draws.Load(); n != int32(len(got)) {
		t.Errorf("%d calls drew the chart %d times; each call draws it (nothing keeps the HTML)", len(got), n)
	}
	if views[1].chart.draws.Load() != 0 {
		t.Errorf("drawing one chart drew another")
	}
}
