// Package chart builds the charts of an Almanac site: line charts over
// periods, bar charts, dependency graphs and inline SVG sparklines.
//
// The options of every ECharts chart are built with go-echarts
// (github.com/go-echarts/go-echarts/v2) and then serialised by this package
// with encoding/json, which escapes <, > and & as \u003c, \u003e and \u0026.
// A chart renders as an HTML fragment made of
//
//   - a <div class="chart" role="img" aria-label="..."> that the chart is
//     drawn into, whose aria-label is a text summary of the chart;
//   - a <script type="application/json" id="ID-data"> block holding the
//     ECharts option, which is data and never executed;
//   - a <details> element with the chart's data as an HTML table, so the
//     numbers are there without JavaScript, for screen readers and in print.
//
// templates/static/js/charts.js finds every div.chart, parses its data block,
// and draws it with the echarts library vendored under
// templates/static/vendor/echarts (served as ScriptPath, never from a CDN).
// User data (titles, series names, labels) therefore only ever reaches the
// page as escaped HTML text or as a JSON string, never as script.
//
// Output is deterministic: a chart's id is derived from a caller-given key
// with ID (go-echarts ids are random by default), graph node positions are
// computed here, and the same input renders byte-identical HTML.
//
// Missing values are gaps, never zeros: a nil *float64 becomes null in the
// chart data (with connectNulls off), a break in a sparkline and an empty
// cell in the data table.
//
// Sparkline needs no JavaScript at all: it is inline SVG.
package chart
