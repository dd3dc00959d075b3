package chart

import (
	"encoding/json"
	"flag"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func num(v float64) *float64 { return &v }

const evil = `</script><script>alert(1)</script>`

// dataRe finds the JSON option blocks of rendered charts.
var dataRe = regexp.MustCompile(`<script type="application/json" id="([^"]*)-data">(.*?)</script>`)

// option extracts and decodes the single chart option in out.
func option(t *testing.T, out template.HTML) map[string]any {
	t.Helper()
	m := dataRe.FindAllStringSubmatch(string(out), -1)
	if len(m) != 1 {
		t.Fatalf("want 1 option block, found %d in\n%s", len(m), out)
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(m[0][2]), &opt); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, m[0][2])
	}
	return opt
}

func sampleLine() Line {
	return Line{
		ID:     ID("kpi", "availability", "org"),
		Title:  "Availability",
		Unit:   "%",
		Labels: []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05"},
		Series: []Series{
			{Name: "org", Values: []*float64{num(99.95), num(99.9), nil, num(99.5), num(99.97)},
				Notes: []string{"", "", "", "payments outage on the 12th"}},
			{Name: "payments", Values: []*float64{nil, num(99.8), num(99.9), nil, num(0)}},
		},
		Target:      num(99.9),
		TargetLabel: "SLO",
	}
}

func sampleBar() Bar {
	return Bar{
		ID:      ID("scorecard", "levels"),
		Title:   "Scorecard levels",
		Axis:    "Team",
		Labels:  []string{"payments", "search", "platform"},
		Series:  []Series{{Name: "bronze", Values: []*float64{num(3), num(2), nil}}, {Name: "gold", Values: []*float64{num(1), nil, num(4)}}},
		Stacked: true,
	}
}

func sampleGraph(layout string) Graph {
	return Graph{
		ID:         ID("catalog", "deps", layout),
		Title:      "Service dependencies",
		Layout:     layout,
		Categories: []string{"payments-team", "platform-team"},
		Nodes: []Node{
			{ID: "checkout", Name: "Checkout", Category: "payments-team", URL: "../services/checkout/"},
			{ID: "ledger", Category: "payments-team", URL: "../services/ledger/"},
			{ID: "auth", Category: "platform-team", Size: 32},
			{ID: "postgres", Category: "platform-team"},
			{ID: "search", Category: "search-team"},
		},
		Edges: []Edge{
			{From: "checkout", To: "ledger"}, {From: "checkout", To: "auth"},
			{From: "ledger", To: "postgres"}, {From: "auth", To: "postgres"},
			{From: "search", To: "auth"}, {From: "postgres", To: "ledger"}, // a cycle
		},
	}
}

func TestID(t *testing.T) {
	tests := []struct {
		parts []string
		want  string // "" when only validity is checked
	}{
		{[]string{"kpi_mttr_org"}, "kpi_mttr_org"},
		{[]string{"kpi", "mttr", "org"}, "kpi_mttr_org"},
		{[]string{"KPI", "x1"}, "KPI_x1"},
		{[]string{"2026", "q1"}, "chart_2026_q1"},
		{[]string{"class"}, "chart_class"},
		{[]string{}, "chart_"},
		{[]string{""}, "chart_"},
		{[]string{"kpi", "mttr", "team-a"}, ""},
		{[]string{"kpi", "mttr", "team.a"}, ""},
		{[]string{"kpi", "latency p95", "svc/checkout"}, ""},
		{[]string{"ünïcode", "名前"}, ""},
		{[]string{"-"}, ""},
		{[]string{"9-lives"}, ""},
		{[]string{evil}, ""},
	}
	seen := map[string][]string{}
	for _, tt := range tests {
		got := ID(tt.parts...)
		if tt.want != "" && got != tt.want {
			t.Errorf("ID(%q) = %q, want %q", tt.parts, got, tt.want)
		}
		if !ValidID(got) {
			t.Errorf("ID(%q) = %q is not a valid identifier", tt.parts, got)
		}
		if !regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`).MatchString(got) {
			t.Errorf("ID(%q) = %q is not an ASCII JS identifier", tt.parts, got)
		}
		if again := ID(tt.parts...); again != got {
			t.Errorf("ID(%q) not stable: %q then %q", tt.parts, got, again)
		}
		if prev, dup := seen[got]; dup && strings.Join(prev, "_") != strings.Join(tt.parts, "_") {
			t.Errorf("ID(%q) and ID(%q) are both %q", prev, tt.parts, got)
		}
		seen[got] = tt.parts
	}
	if a, b := ID("team-a"), ID("team.a"); a == b {
		t.Errorf("team-a and team.a share the id %q", a)
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"a": true, "_a1": true, "$x": true, "kpi_mttr_org": true,
		"": false, "1a": false, "a-b": false, "a b": false, "new": false, "é": false, `a"`: false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}

// renderers are every chart kind, for the properties all must have.
func renderers() map[string]func() (template.HTML, error) {
	return map[string]func() (template.HTML, error){
		"line":           sampleLine().Render,
		"bar":            sampleBar().Render,
		"graph layered":  sampleGraph(LayoutLayered).Render,
		"graph circular": sampleGraph(LayoutCircular).Render,
		"graph force":    sampleGraph(LayoutForce).Render,
		"graph default":  sampleGraph("").Render,
		"sparkline": func() (template.HTML, error) {
			return Sparkline(sampleLine().Series[0].Values, 0, 0, ""), nil
		},
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	for name, render := range renderers() {
		t.Run(name, func(t *testing.T) {
			a, err := render()
			if err != nil {
				t.Fatal(err)
			}
			b, err := render()
			if err != nil {
				t.Fatal(err)
			}
			if a != b {
				t.Errorf("two renders differ:\n%s\n---\n%s", a, b)
			}
		})
	}
}

func TestChartStructure(t *testing.T) {
	for name, render := range renderers() {
		if name == "sparkline" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			out, err := render()
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			m := regexp.MustCompile(`<div class="chart chart-\w+" id="([^"]+)" role="img" aria-label="([^"]+)" data-height="(\d+)"></div>`).FindStringSubmatch(s)
			if m == nil {
				t.Fatalf("no chart div in\n%s", s)
			}
			if !ValidID(m[1]) {
				t.Errorf("id %q is not valid", m[1])
			}
			if !strings.Contains(s, `<script type="application/json" id="`+m[1]+`-data">`) {
				t.Errorf("no data block for %s", m[1])
			}
			for _, want := range []string{"<details", "<table>", "<caption>", `<th scope="col">`, `<th scope="row">`} {
				if !strings.Contains(s, want) {
					t.Errorf("output lacks %s", want)
				}
			}
			opt := option(t, out)
			if opt["backgroundColor"] != "transparent" {
				t.Errorf("backgroundColor = %v", opt["backgroundColor"])
			}
			if _, ok := opt["color"]; ok {
				t.Error("option fixes a palette; the theme should choose")
			}
		})
	}
}

func TestGapsStayGaps(t *testing.T) {
	l := sampleLine()
	out, err := l.Render()
	if err != nil {
		t.Fatal(err)
	}
	series := option(t, out)["series"].([]any)
	if len(series) != 3 {
		t.Fatalf("want 2 series and the target, got %d", len(series))
	}
	for i, s := range l.Series {
		got := series[i].(map[string]any)
		if got["connectNulls"] != false {
			t.Errorf("series %s: connectNulls = %v, want false", s.Name, got["connectNulls"])
		}
		data := got["data"].([]any)
		for j, v := range s.Values {
			item := data[j].(map[string]any)
			value, present := item["value"]
			switch {
			case !present:
				t.Errorf("series %s[%d]: no value key (echarts may read it as 0 or skip the gap)", s.Name, j)
			case v == nil && value != nil:
				t.Errorf("series %s[%d]: gap became %v", s.Name, j, value)
			case v != nil && value != *v:
				t.Errorf("series %s[%d]: value %v, want %v", s.Name, j, value, *v)
			}
		}
	}
	// A zero is a value, a gap is not.
	if !strings.Contains(string(out), `<td class="gap" title="no data">—</td>`) {
		t.Error("table has no gap cell")
	}
	if !strings.Contains(string(out), `<th scope="row">2026-05</th><td>99.97</td><td>0</td>`) {
		t.Error("zero value not in the table as 0")
	}

	bar, err := sampleBar().Render()
	if err != nil {
		t.Fatal(err)
	}
	bdata := option(t, bar)["series"].([]any)[0].(map[string]any)["data"].([]any)
	if v, ok := bdata[2].(map[string]any)["value"]; !ok || v != nil {
		t.Errorf("bar gap = %v (present %v), want null", v, ok)
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		name      string
		values    []*float64
		polylines int
		dots      int // isolated points, not counting the last-value marker
		last      bool
	}{
		{"empty", nil, 0, 0, false},
		{"all gaps", []*float64{nil, nil}, 0, 0, false},
		{"one value", []*float64{num(3)}, 0, 0, true},
		{"no gaps", []*float64{num(1), num(2), num(3)}, 1, 0, true},
		{"flat", []*float64{num(2), num(2), num(2)}, 1, 0, true},
		{"gap in the middle", []*float64{num(1), num(2), nil, num(3), num(4)}, 2, 0, true},
		{"isolated point", []*float64{num(1), num(2), nil, num(5), nil, num(3), num(1)}, 2, 1, true},
		{"trailing gap", []*float64{num(1), num(2), nil}, 1, 0, true},
		{"NaN is a gap", []*float64{num(1), num(2), func() *float64 { z := 0.0; v := z / z; return &v }(), num(3), num(4)}, 2, 0, true},
		{"zero is a value", []*float64{num(0), num(0)}, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(Sparkline(tt.values, 80, 20, ""))
			if again := string(Sparkline(tt.values, 80, 20, "")); again != out {
				t.Errorf("not deterministic:\n%s\n%s", out, again)
			}
			if got := strings.Count(out, "<polyline"); got != tt.polylines {
				t.Errorf("%d polylines, want %d:\n%s", got, tt.polylines, out)
			}
			if got := strings.Count(out, `r="1.25"`); got != tt.dots {
				t.Errorf("%d dots, want %d:\n%s", got, tt.dots, out)
			}
			if got := strings.Contains(out, "sparkline-last"); got != tt.last {
				t.Errorf("last marker %v, want %v", got, tt.last)
			}
			if !strings.HasPrefix(out, `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="80" height="20" viewBox="0 0 80 20" role="img"`) ||
				!strings.Contains(out, "<title>Trend") || !strings.HasSuffix(out, "</svg>") {
				t.Errorf("unexpected svg:\n%s", out)
			}
			if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
				t.Errorf("non-finite coordinate:\n%s", out)
			}
		})
	}
	out := string(Sparkline([]*float64{num(1), nil, nil, num(2), num(3)}, 0, 0, "MTTR, last 5 months"))
	if !strings.Contains(out, `width="100" height="24"`) || !strings.Contains(out, "<title>MTTR, last 5 months</title>") {
		t.Errorf("defaults or title wrong:\n%s", out)
	}
	// The gap must not be bridged: the run after it starts a new polyline.
	if !strings.Contains(out, `<circle cx="2.5"`) {
		t.Errorf("isolated first value not drawn as a dot:\n%s", out)
	}
}

// TestUserTextIsEscaped puts markup in every piece of user text. It must
// come out as text: no extra <script> element, and the JSON and the table
// must give back the original string.
func TestUserTextIsEscaped(t *testing.T) {
	tgt := 1.0
	cases := map[string]func() (template.HTML, error){
		"line": Line{
			ID: "x", Title: evil, Unit: evil, Axis: evil, Labels: []string{evil, "b"},
			Series:      []Series{{Name: evil, Values: []*float64{num(1), num(2)}, Notes: []string{evil}}},
			Target:      &tgt,
			TargetLabel: evil,
		}.Render,
		"bar": Bar{
			ID: "x", Title: evil, Unit: evil, Axis: evil, Labels: []string{evil},
			Series: []Series{{Name: evil, Values: []*float64{num(1)}, Notes: []string{evil}}},
		}.Render,
		"graph": Graph{
			ID: "x", Title: evil, Categories: []string{evil},
			Nodes: []Node{{ID: evil, Name: evil, Category: evil, URL: "a/" + evil}, {ID: "b", Category: "<b>"}},
			Edges: []Edge{{From: evil, To: "b"}},
		}.Render,
		"sparkline": func() (template.HTML, error) { return Sparkline([]*float64{num(1), num(2)}, 0, 0, evil), nil },
	}
	for name, render := range cases {
		t.Run(name, func(t *testing.T) {
			out, err := render()
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			for _, bad := range []string{"<script>", "alert(1)</script>", "</script><script", "<b>"} {
				if strings.Contains(s, bad) {
					t.Errorf("output contains %q:\n%s", bad, s)
				}
			}
			wantScripts := 1
			if name == "sparkline" {
				wantScripts = 0
			}
			if n := strings.Count(strings.ToLower(s), "<script"); n != wantScripts {
				t.Errorf("%d <script elements, want %d", n, wantScripts)
			}
			if n := strings.Count(strings.ToLower(s), "</script"); n != wantScripts {
				t.Errorf("%d </script, want %d", n, wantScripts)
			}
			if name == "sparkline" {
				if !strings.Contains(s, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
					t.Errorf("title not escaped as text:\n%s", s)
				}
				return
			}
			if !strings.Contains(s, `<caption>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`) {
				t.Errorf("caption not escaped as text:\n%s", s)
			}
			opt := option(t, out)
			if got := opt["title"].(map[string]any)["text"]; got != evil {
				t.Errorf("title in JSON = %q, want the original text", got)
			}
			if name != "graph" {
				if got := opt["series"].([]any)[0].(map[string]any)["name"]; got != evil {
					t.Errorf("series name in JSON = %q", got)
				}
				if got := opt["xAxis"].([]any)[0].(map[string]any)["data"].([]any)[0]; got != evil {
					t.Errorf("label in JSON = %q", got)
				}
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	nan := func() *float64 { z := 0.0; v := z / z; return &v }()
	tests := map[string]func() (template.HTML, error){
		"empty id":          Line{}.Render,
		"invalid id":        Line{ID: "kpi-mttr"}.Render,
		"reserved id":       Bar{ID: "class"}.Render,
		"short series":      Line{ID: "a", Labels: []string{"x", "y"}, Series: []Series{{Name: "s", Values: []*float64{num(1)}}}}.Render,
		"too many notes":    Line{ID: "a", Labels: []string{"x"}, Series: []Series{{Name: "s", Values: []*float64{num(1)}, Notes: []string{"a", "b"}}}}.Render,
		"NaN value":         Bar{ID: "a", Labels: []string{"x"}, Series: []Series{{Name: "s", Values: []*float64{nan}}}}.Render,
		"NaN target":        Line{ID: "a", Target: nan}.Render,
		"graph invalid id":  Graph{ID: "a b"}.Render,
		"duplicate node":    Graph{ID: "g", Nodes: []Node{{ID: "a"}, {ID: "a"}}}.Render,
		"empty node id":     Graph{ID: "g", Nodes: []Node{{Name: "a"}}}.Render,
		"unknown edge from": Graph{ID: "g", Nodes: []Node{{ID: "a"}}, Edges: []Edge{{From: "b", To: "a"}}}.Render,
		"unknown edge to":   Graph{ID: "g", Nodes: []Node{{ID: "a"}}, Edges: []Edge{{From: "a", To: "b"}}}.Render,
		"javascript url":    Graph{ID: "g", Nodes: []Node{{ID: "a", URL: "javascript:alert(1)"}}}.Render,
		"data url":          Graph{ID: "g", Nodes: []Node{{ID: "a", URL: "data:text/html,x"}}}.Render,
		"negative size":     Graph{ID: "g", Nodes: []Node{{ID: "a", Size: -1}}}.Render,
		"unknown layout":    Graph{ID: "g", Layout: "spiral"}.Render,
	}
	for name, render := range tests {
		t.Run(name, func(t *testing.T) {
			if out, err := render(); err == nil {
				t.Errorf("no error; output:\n%s", out)
			}
		})
	}
}

func TestGraph(t *testing.T) {
	g := sampleGraph(LayoutLayered)
	out, err := g.Render()
	if err != nil {
		t.Fatal(err)
	}
	s := option(t, out)["series"].([]any)[0].(map[string]any)
	if s["type"] != "graph" || s["layout"] != "none" {
		t.Errorf("type %v layout %v, want graph with positions computed here", s["type"], s["layout"])
	}
	if _, ok := s["force"]; ok {
		t.Error("null force option in a layered graph")
	}
	cats := s["categories"].([]any)
	var names []string
	for _, c := range cats {
		names = append(names, c.(map[string]any)["name"].(string))
	}
	if got := strings.Join(names, ","); got != "payments-team,platform-team,search-team" {
		t.Errorf("categories %s", got)
	}
	x := map[string]float64{}
	for _, d := range s["data"].([]any) {
		n := d.(map[string]any)
		id := n["id"].(string)
		xv, okx := n["x"].(float64)
		_, oky := n["y"].(float64)
		if !okx || !oky {
			t.Fatalf("node %s has no position: %v", id, n)
		}
		x[id] = xv
		if want := map[string]any{"checkout": "../services/checkout/", "ledger": "../services/ledger/"}[id]; n["url"] != want {
			t.Errorf("node %s url %v, want %v", id, n["url"], want)
		}
	}
	// Callers left of what they depend on (the postgres→ledger edge closes
	// a cycle and is ignored for placement).
	for _, e := range [][2]string{{"checkout", "ledger"}, {"checkout", "auth"}, {"ledger", "postgres"}, {"auth", "postgres"}, {"search", "auth"}} {
		if x[e[0]] >= x[e[1]] {
			t.Errorf("%s (x=%v) not left of %s (x=%v)", e[0], x[e[0]], e[1], x[e[1]])
		}
	}
	if s["edgeSymbol"].([]any)[1] != "arrow" {
		t.Errorf("edges without arrows: %v", s["edgeSymbol"])
	}
	if !strings.Contains(string(out), `<th scope="row"><a href="../services/checkout/">Checkout</a></th><td>payments-team</td><td>ledger, auth</td><td>none</td>`) {
		t.Errorf("table row for checkout missing:\n%s", out)
	}

	// One invisible, silent pad node keeps labels and title in view.
	data := s["data"].([]any)
	if len(data) != len(g.Nodes)+1 {
		t.Fatalf("%d nodes in the layered option, want %d and a pad node", len(data), len(g.Nodes))
	}
	pad := data[len(data)-1].(map[string]any)
	if pad["id"] != "_pad" || pad["silent"] != true || pad["symbolSize"] != 0.0 || pad["category"] != nil {
		t.Errorf("pad node %v", pad)
	}
	g2 := Graph{ID: "g", Nodes: []Node{{ID: "_pad"}, {ID: "_pad_"}}}
	out2, err := g2.Render()
	if err != nil {
		t.Fatal(err)
	}
	data2 := option(t, out2)["series"].([]any)[0].(map[string]any)["data"].([]any)
	if id := data2[2].(map[string]any)["id"]; id != "_pad__" {
		t.Errorf("pad node id %v collides with a node", id)
	}

	circ, err := sampleGraph(LayoutCircular).Render()
	if err != nil {
		t.Fatal(err)
	}
	cs := option(t, circ)["series"].([]any)[0].(map[string]any)
	if cs["layout"] != "circular" {
		t.Errorf("layout %v", cs["layout"])
	}
	if n := len(cs["data"].([]any)); n != len(g.Nodes) {
		t.Errorf("circular layout has %d nodes, want %d", n, len(g.Nodes))
	}
	force, err := sampleGraph(LayoutForce).Render()
	if err != nil {
		t.Fatal(err)
	}
	fs := option(t, force)["series"].([]any)[0].(map[string]any)
	if fs["layout"] != "force" || fs["force"] == nil {
		t.Errorf("layout %v force %v", fs["layout"], fs["force"])
	}
	if _, ok := fs["data"].([]any)[0].(map[string]any)["x"]; !ok {
		t.Error("force layout not seeded with positions")
	}
	if n := len(fs["data"].([]any)); n != len(g.Nodes) {
		t.Errorf("force layout has %d nodes, want %d", n, len(g.Nodes))
	}
	empty, err := Graph{ID: "empty"}.Render()
	if err != nil {
		t.Fatal(err)
	}
	if d := option(t, empty)["series"].([]any)[0].(map[string]any)["data"]; d != nil && len(d.([]any)) != 0 {
		t.Errorf("empty graph has nodes %v", d)
	}
}

func TestLineGolden(t *testing.T) {
	out, err := sampleLine().Render()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "line.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(out) != string(want) {
		t.Errorf("line chart HTML differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", golden, out, want)
	}
}

// TestEchartsAcceptsOptions draws every sample chart with the vendored
// echarts in Node (server-side SVG rendering), when node is installed: it
// catches options echarts rejects, and checks that a gap breaks the line.
func TestEchartsAcceptsOptions(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	var page strings.Builder
	for name, render := range renderers() {
		if name == "sparkline" {
			continue
		}
		out, err := render()
		if err != nil {
			t.Fatal(err)
		}
		page.WriteString(string(out))
	}
	lib, err := filepath.Abs(filepath.Join(vendorDir, "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	const script = `
const echarts = require(process.argv[1]);
const html = require('fs').readFileSync(0, 'utf8');
const re = /<script type="application\/json" id="([^"]+)-data">([\s\S]*?)<\/script>/g;
const errors = [];
console.error = console.warn = (...a) => errors.push(a.join(' '));
let m;
while ((m = re.exec(html))) {
  const opt = JSON.parse(m[2]);
  opt.animation = false;
  const chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: 640, height: 320});
  chart.setOption(opt);
  const svg = chart.renderToSVGString();
  const lines = (svg.match(/<path d="M[^"]*"[^>]*stroke="#5470c6"[^>]*stroke-linejoin="bevel"/g) || []);
  process.stdout.write(m[1] + ' ' + svg.length + ' ' + lines.map(l => (l.match(/M/g) || []).length).join(',') + '\n');
  chart.dispose();
}
if (errors.length) { process.stdout.write('ERRORS ' + errors.join(' | ') + '\n'); process.exit(1); }
`
	cmd := exec.Command(node, "-e", script, lib)
	cmd.Stdin = strings.NewReader(page.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("echarts rejected an option: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			t.Fatalf("unexpected output %q", line)
		}
		if f[1] == "0" {
			t.Errorf("chart %s drew nothing", f[0])
		}
		got[f[0]] = strings.Join(f[2:], "")
	}
	if len(got) != len(renderers())-1 {
		t.Errorf("drew %d charts, want %d:\n%s", len(got), len(renderers())-1, out)
	}
	// The org series has a gap at 2026-03: its line has two moves (M).
	if moves := got[sampleLine().ID]; moves != "2" {
		t.Errorf("org line subpaths = %q, want 2 (the gap breaks the line)", moves)
	}
}
