package chart

import (
	"cmp"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Series is one named row of values, aligned with the Labels of its chart.
type Series struct {
	Name string
	// Values holds one value per label; nil is a missing value, drawn as a
	// gap and never as zero.
	Values []*float64
	// Notes optionally annotates values, aligned with Values ("" for none).
	// A Line chart marks annotated points with a pin whose tooltip is the
	// note; every chart lists the notes under its data table.
	Notes []string
}

// Line is a line chart over periods: Labels are the x axis ("2026-01", ...)
// and every Series is a line.
type Line struct {
	ID    string // from ID; the id of the chart's element
	Title string
	Unit  string // shown on the y axis and in the table, e.g. "%", "hours"
	// Axis heads the first column of the data table; "Period" when empty.
	Axis   string
	Labels []string
	Series []Series
	// Target, when set, is drawn as a dashed horizontal line named
	// TargetLabel ("Target" when empty).
	Target      *float64
	TargetLabel string
	// Alt replaces the generated text alternative (the aria-label).
	Alt string
}

// Bar is a bar chart: one group of bars per label, one bar per series.
type Bar struct {
	ID    string // from ID; the id of the chart's element
	Title string
	Unit  string
	// Axis heads the first column of the data table; "Category" when empty.
	Axis    string
	Labels  []string
	Series  []Series
	Stacked bool   // stack the series instead of placing them side by side
	Alt     string // replaces the generated text alternative
}

const (
	lineHeight  = 320
	targetColor = "#888888"
	maxSummary  = 6 // series described one by one in a text alternative
)

// Check reports what Render would fail on in l: an invalid id, series
// whose length differs from Labels, and NaN or infinite values. A caller
// that renders later, or not at all, can report bad data early with it.
func (l Line) Check() error {
	if err := checkSeries(l.ID, l.Labels, l.Series); err != nil {
		return err
	}
	if l.Target != nil && !finite(*l.Target) {
		return fmt.Errorf("chart %s: target is not a finite number", l.ID)
	}
	return nil
}

// Render returns the chart as HTML: the chart element, its options as JSON
// and its data as a table. It fails on the inputs Check rejects.
func (l Line) Render() (template.HTML, error) {
	if err := l.Check(); err != nil {
		return "", err
	}
	targetLabel := cmp.Or(l.TargetLabel, "Target")

	c := charts.NewLine()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: l.ID, BackgroundColor: "transparent"}),
		charts.WithTitleOpts(opts.Title{Title: l.Title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "24", Top: gridTop(l.Title), Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: l.Unit, Scale: opts.Bool(true)}),
	)
	c.SetXAxis(l.Labels)
	for _, s := range l.Series {
		data := make([]opts.LineData, len(s.Values))
		for j, v := range s.Values {
			data[j] = opts.LineData{Value: v} // a nil *float64 marshals as null: a gap
		}
		seriesOpts := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{
				ConnectNulls: opts.Bool(false),
				ShowSymbol:   opts.Bool(true), // a point between two gaps stays visible
				Symbol:       "circle",
				SymbolSize:   6,
			}),
		}
		var pins []opts.MarkPointNameCoordItem
		for j, note := range s.Notes {
			if note == "" || s.Values[j] == nil {
				continue
			}
			pins = append(pins, opts.MarkPointNameCoordItem{
				Name:       note,
				Coordinate: []any{j, *s.Values[j]},
				Value:      formatNumber(*s.Values[j]),
				Symbol:     "pin",
				SymbolSize: 28,
			})
		}
		if len(pins) > 0 {
			seriesOpts = append(seriesOpts,
				charts.WithMarkPointNameCoordItemOpts(pins...),
				charts.WithMarkPointStyleOpts(opts.MarkPointStyle{Label: &opts.Label{Show: opts.Bool(false)}}))
		}
		c.AddSeries(s.Name, data, seriesOpts...)
	}
	if l.Target != nil {
		data := make([]opts.LineData, len(l.Labels))
		for j := range data {
			data[j] = opts.LineData{Value: *l.Target}
		}
		c.AddSeries(targetLabel, data,
			charts.WithLineChartOpts(opts.LineChart{Symbol: "none", ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: targetColor}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: targetColor}),
		)
	}
	c.Validate()
	data, err := optionJSON(&c.BaseConfiguration)
	if err != nil {
		return "", err
	}

	axis := cmp.Or(l.Axis, "Period")
	t := seriesTable(withUnit(cmp.Or(l.Title, "Chart"), l.Unit), axis, l.Labels, l.Series)
	if l.Target != nil {
		t.Head = append(t.Head, targetLabel)
		for i := range t.Rows {
			t.Rows[i].Cells = append(t.Rows[i].Cells, cell{Text: formatNumber(*l.Target)})
		}
	}
	alt := l.Alt
	if alt == "" {
		alt = seriesSummary("line chart", l.Title, l.Unit, l.Labels, l.Series)
		if l.Target != nil {
			alt += " " + targetLabel + ": " + valueWithUnit(*l.Target, l.Unit) + "."
		}
	}
	return renderBlock(block{ID: l.ID, Kind: "line", Alt: alt, Height: lineHeight, Data: template.JS(data), Table: t})
}

// Render returns the chart as HTML: the chart element, its options as JSON
// and its data as a table. It fails like Line.Render.
func (b Bar) Render() (template.HTML, error) {
	if err := checkSeries(b.ID, b.Labels, b.Series); err != nil {
		return "", err
	}
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: b.ID, BackgroundColor: "transparent"}),
		charts.WithTitleOpts(opts.Title{Title: b.Title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(b.Series) > 1), Type: "scroll", Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "24", Top: gridTop(b.Title), Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: b.Unit}),
	)
	c.SetXAxis(b.Labels)
	for _, s := range b.Series {
		data := make([]opts.BarData, len(s.Values))
		for j, v := range s.Values {
			data[j] = opts.BarData{Value: v} // nil marshals as null: no bar
		}
		var seriesOpts []charts.SeriesOpts
		if b.Stacked {
			seriesOpts = append(seriesOpts, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		c.AddSeries(s.Name, data, seriesOpts...)
	}
	c.Validate()
	data, err := optionJSON(&c.BaseConfiguration)
	if err != nil {
		return "", err
	}
	axis := cmp.Or(b.Axis, "Category")
	alt := b.Alt
	if alt == "" {
		alt = seriesSummary("bar chart", b.Title, b.Unit, b.Labels, b.Series)
	}
	t := seriesTable(withUnit(cmp.Or(b.Title, "Chart"), b.Unit), axis, b.Labels, b.Series)
	return renderBlock(block{ID: b.ID, Kind: "bar", Alt: alt, Height: lineHeight, Data: template.JS(data), Table: t})
}

func gridTop(title string) string {
	if title == "" {
		return "32"
	}
	return "56"
}

func checkSeries(id string, labels []string, series []Series) error {
	if err := checkID(id); err != nil {
		return err
	}
	for _, s := range series {
		if len(s.Values) != len(labels) {
			return fmt.Errorf("chart %s: series %q has %d values for %d labels", id, s.Name, len(s.Values), len(labels))
		}
		if len(s.Notes) > len(labels) {
			return fmt.Errorf("chart %s: series %q has %d notes for %d labels", id, s.Name, len(s.Notes), len(labels))
		}
		for j, v := range s.Values {
			if v != nil && !finite(*v) {
				return fmt.Errorf("chart %s: series %q: value for %q is not a finite number", id, s.Name, labels[j])
			}
		}
	}
	return nil
}

// seriesTable lays out labels as rows and series as columns.
func seriesTable(caption, axis string, labels []string, series []Series) table {
	t := table{Caption: caption, Head: []string{axis}}
	for _, s := range series {
		t.Head = append(t.Head, s.Name)
	}
	for j, label := range labels {
		row := tableRow{Head: label}
		for _, s := range series {
			if v := s.Values[j]; v != nil {
				row.Cells = append(row.Cells, cell{Text: formatNumber(*v)})
			} else {
				row.Cells = append(row.Cells, cell{Gap: true})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	for j, label := range labels {
		for _, s := range series {
			if j < len(s.Notes) && s.Notes[j] != "" {
				t.Notes = append(t.Notes, label+", "+s.Name+": "+s.Notes[j])
			}
		}
	}
	return t
}

// seriesSummary describes a chart in a sentence or a few: what it shows,
// and per series its latest value, its range and how many values are
// missing.
func seriesSummary(kind, title, unit string, labels []string, series []Series) string {
	var b strings.Builder
	if title != "" {
		b.WriteString(title + ": ")
	}
	b.WriteString(kind)
	if len(labels) > 0 {
		fmt.Fprintf(&b, ", %d %s from %s to %s", len(labels), plural(len(labels), "point", "points"), labels[0], labels[len(labels)-1])
	}
	b.WriteString(".")
	for i, s := range series {
		if i == maxSummary {
			fmt.Fprintf(&b, " And %d more %s; see the data table.", len(series)-maxSummary, plural(len(series)-maxSummary, "series", "series"))
			break
		}
		b.WriteString(" " + s.Name + ": ")
		last, lo, hi, n := -1, 0.0, 0.0, 0
		for j, v := range s.Values {
			if v == nil {
				continue
			}
			if n == 0 || *v < lo {
				lo = *v
			}
			if n == 0 || *v > hi {
				hi = *v
			}
			last = j
			n++
		}
		if n == 0 {
			b.WriteString("no data.")
			continue
		}
		fmt.Fprintf(&b, "latest %s (%s)", valueWithUnit(*s.Values[last], unit), labels[last])
		if n > 1 {
			fmt.Fprintf(&b, ", lowest %s, highest %s", valueWithUnit(lo, unit), valueWithUnit(hi, unit))
		}
		if missing := len(s.Values) - n; missing > 0 {
			fmt.Fprintf(&b, ", %d missing", missing)
		}
		b.WriteString(".")
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// itoa is strconv.Itoa, kept short for the graph and sparkline code.
func itoa(n int) string { return strconv.Itoa(n) }
