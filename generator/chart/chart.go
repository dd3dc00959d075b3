package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
)

// ScriptPath is the site-relative path of the vendored echarts library.
// Pages that render a Line, Bar or Graph must load it (before
// assets/site.js, which holds charts.js); pages without charts should not.
const ScriptPath = "assets/vendor/echarts/echarts.min.js"

// ID returns a stable chart id derived from parts, usable as an HTML id and
// as a JavaScript identifier.
//
// When every part consists of ASCII letters, digits and underscores, the id
// is the parts joined with "_": ID("kpi", "mttr", "org") is "kpi_mttr_org".
// Otherwise other characters become "_" and an 8-digit hash of the original
// parts is appended, so that distinct keys such as "a-b" and "a.b" give
// distinct ids: ID("kpi", "mttr", "team-a") is "kpi_mttr_team_a_" followed by
// eight hex digits. An id that would start with a digit, be empty or be a
// reserved word is prefixed with "chart_".
func ID(parts ...string) string {
	var b strings.Builder
	lossy := false
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('_')
		}
		for j := 0; j < len(p); j++ {
			c := p[j]
			if isIdentByte(c) {
				b.WriteByte(c)
			} else {
				b.WriteByte('_')
				lossy = true
			}
		}
	}
	id := b.String()
	if lossy {
		id = strings.Trim(collapseUnderscores(id), "_")
		h := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
		id += "_" + hex.EncodeToString(h[:4])
	}
	if id == "" || (id[0] >= '0' && id[0] <= '9') || reserved[id] {
		id = "chart_" + id
	}
	return id
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func collapseUnderscores(s string) string {
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	return s
}

// ValidID reports whether id is usable as a chart id: a non-empty ASCII
// JavaScript identifier (letters, digits, "_", "$"; no leading digit) that
// is not a reserved word. Every id returned by ID is valid.
func ValidID(id string) bool {
	if id == "" || reserved[id] {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c == '$' || isIdentByte(c) && !(i == 0 && c >= '0' && c <= '9') {
			continue
		}
		return false
	}
	return true
}

// reserved holds the ECMAScript reserved words and the literals that cannot
// be identifiers.
var reserved = map[string]bool{
	"await": true, "break": true, "case": true, "catch": true, "class": true,
	"const": true, "continue": true, "debugger": true, "default": true,
	"delete": true, "do": true, "else": true, "enum": true, "export": true,
	"extends": true, "false": true, "finally": true, "for": true,
	"function": true, "if": true, "implements": true, "import": true,
	"in": true, "instanceof": true, "interface": true, "let": true, "new": true,
	"null": true, "package": true, "private": true, "protected": true,
	"public": true, "return": true, "static": true, "super": true,
	"switch": true, "this": true, "throw": true, "true": true, "try": true,
	"typeof": true, "var": true, "void": true, "while": true, "with": true,
	"yield": true, "arguments": true, "eval": true, "undefined": true,
	"NaN": true, "Infinity": true,
}

// formatNumber formats v for tables, summaries and tooltips: the shortest
// decimal that round-trips, so 99.9 stays "99.9".
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// optionJSON takes the option map go-echarts built for a chart (the caller
// has run the chart's Validate), drops the fixed colour palette so that the
// light and dark themes pick their own, and marshals it with encoding/json.
// encoding/json escapes <, >, & and U+2028/U+2029, which makes the result
// safe inside a <script type="application/json"> element; map keys come
// out sorted, which keeps the output deterministic.
func optionJSON(bc *charts.BaseConfiguration) (string, error) {
	obj := bc.JSON()
	delete(obj, "color")
	b, err := json.Marshal(obj)
	if err != nil {
		return "", fmt.Errorf("chart %s: marshal options: %w", bc.ChartID, err)
	}
	return string(b), nil
}

// table is the accessible data behind a chart.
type table struct {
	Caption string
	Head    []string // column headers; the first heads the row headers
	Rows    []tableRow
	Notes   []string
}

type tableRow struct {
	Head  string
	Href  string // optional link on the row header
	Cells []cell
}

type cell struct {
	Text string
	Gap  bool
}

// block is what blockTemplate renders.
type block struct {
	ID     string
	Kind   string
	Alt    string
	Height int
	Data   template.JS
	Table  table
}

var blockTemplate = template.Must(template.New("chart").Parse(
	`<div class="chart-block">` +
		`<div class="chart chart-{{.Kind}}" id="{{.ID}}" role="img" aria-label="{{.Alt}}" data-height="{{.Height}}"></div>` +
		"\n" + `<script type="application/json" id="{{.ID}}-data">{{.Data}}</script>` + "\n" +
		`<details class="chart-data"><summary>Data: {{.Table.Caption}}</summary>` + "\n" +
		`<table><caption>{{.Table.Caption}}</caption>` + "\n" +
		`<thead><tr>{{range .Table.Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>` + "\n" +
		`<tbody>` + "\n" +
		`{{range .Table.Rows}}<tr><th scope="row">{{if .Href}}<a href="{{.Href}}">{{.Head}}</a>{{else}}{{.Head}}{{end}}</th>` +
		`{{range .Cells}}{{if .Gap}}<td class="gap" title="no data">—</td>{{else}}<td>{{.Text}}</td>{{end}}{{end}}</tr>` + "\n" + `{{end}}` +
		`</tbody></table>` +
		`{{if .Table.Notes}}` + "\n" + `<ul class="chart-notes">{{range .Table.Notes}}<li>{{.}}</li>{{end}}</ul>{{end}}` +
		`</details></div>` + "\n"))

func renderBlock(b block) (template.HTML, error) {
	var buf bytes.Buffer
	if err := blockTemplate.Execute(&buf, b); err != nil {
		return "", fmt.Errorf("chart %s: %w", b.ID, err)
	}
	return template.HTML(buf.String()), nil
}

func checkID(id string) error {
	if !ValidID(id) {
		return fmt.Errorf("chart: invalid id %q: want a JavaScript identifier (use chart.ID)", id)
	}
	return nil
}

// withUnit appends a unit in parentheses when there is one.
func withUnit(s, unit string) string {
	if unit == "" {
		return s
	}
	return s + " (" + unit + ")"
}

// valueWithUnit formats a value followed by its unit: "99.9%", "3 hours".
func valueWithUnit(v float64, unit string) string {
	switch unit {
	case "":
		return formatNumber(v)
	case "%":
		return formatNumber(v) + "%"
	}
	return formatNumber(v) + " " + unit
}
