package chart

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestChartsJS runs templates/static/js/charts.js in Node against a fake
// DOM and a fake echarts, when node is installed: it starts every chart
// from its JSON block, picks the theme from the colour scheme, redraws on
// a scheme change, and follows only safe node links.
func TestChartsJS(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	line, err := sampleLine().Render()
	if err != nil {
		t.Fatal(err)
	}
	graph, err := sampleGraph(LayoutLayered).Render()
	if err != nil {
		t.Fatal(err)
	}
	js, err := filepath.Abs(filepath.Join("..", "..", "templates", "static", "js", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	const harness = `
const fs = require('fs');
const html = fs.readFileSync(0, 'utf8');
const fail = (msg) => { console.log('FAIL ' + msg); process.exitCode = 1; };
const blocks = {}, divs = [];
for (const m of html.matchAll(/<script type="application\/json" id="([^"]+)">([\s\S]*?)<\/script>/g)) blocks[m[1]] = { textContent: m[2] };
for (const m of html.matchAll(/<div class="chart[^"]*" id="([^"]+)"[^>]*data-height="(\d+)"/g)) {
  const attrs = { id: m[1], 'data-height': m[2] };
  divs.push({ id: m[1], style: {}, getAttribute: (k) => attrs[k] ?? null, setAttribute: (k, v) => { attrs[k] = String(v); } });
}
let dark = false; const schemeListeners = [];
const listeners = {};
const instances = [];
global.window = {
  location: { href: 'https://handbook.example/kpis/availability/', protocol: 'https:' },
  matchMedia: (q) => ({ get matches() { return q.includes('dark') ? dark : false; }, addEventListener: (e, f) => schemeListeners.push(f) }),
  addEventListener: (e, f) => { (listeners[e] = listeners[e] || []).push(f); },
  requestAnimationFrame: (f) => f(),
  echarts: {
    init(el, theme) {
      const inst = { el, theme, handlers: {}, disposed: false, option: null, resized: 0,
        setOption(o) { this.option = o; }, on(e, f) { this.handlers[e] = f; },
        dispose() { this.disposed = true; }, resize() { this.resized++; } };
      instances.push(inst); return inst;
    },
  },
};
global.document = {
  readyState: 'complete', baseURI: window.location.href,
  documentElement: { getAttribute: () => null },
  getElementById: (id) => blocks[id] || null,
  querySelectorAll: (sel) => sel === 'div.chart[id]' ? divs : [],
  addEventListener() {},
};
require(process.argv[1]);
if (divs.length !== 2) fail('want 2 chart divs, got ' + divs.length);
if (instances.length !== 2) fail('want 2 charts started, got ' + instances.length);
for (const inst of instances) {
  if (inst.theme !== null) fail('light theme expected, got ' + inst.theme);
  if (!inst.option || !inst.option.series) fail('no option set for ' + inst.el.id);
  if (!inst.el.style.height || !/^\d+px$/.test(inst.el.style.height)) fail('height not set: ' + inst.el.style.height);
}
// Starting twice (load event) must not start charts again.
(listeners.load || []).forEach((f) => f());
if (instances.length !== 2) fail('charts started twice');
// Resize.
(listeners.resize || []).forEach((f) => f());
if (instances.some((i) => i.resized !== 1)) fail('resize not forwarded');
// Colour scheme change: redraw with the dark theme.
dark = true; schemeListeners.forEach((f) => f());
if (instances.length !== 4) fail('no redraw on scheme change');
if (!instances[0].disposed || !instances[1].disposed) fail('old charts not disposed');
if (instances[2].theme !== 'dark' || instances[3].theme !== 'dark') fail('dark theme not used');
// Node links.
const graph = instances.find((i) => !i.disposed && i.option.series[0].type === 'graph');
const click = (data) => { window.location.href = 'unchanged'; graph.handlers.click({ data }); return window.location.href; };
let got = click({ url: '../services/checkout/' });
if (got !== 'https://handbook.example/kpis/services/checkout/') fail('relative link followed to ' + got);
for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'JaVaScRiPt:alert(1)', '']) {
  got = click({ url: bad });
  if (got !== 'unchanged') fail('unsafe link ' + bad + ' followed to ' + got);
}
if (click({}) !== 'unchanged') fail('node without url navigated');
// Printing opens the closed data tables, then closes them again.
const details = [{ open: false }, { open: true }];
const realQSA = document.querySelectorAll;
document.querySelectorAll = (sel) => sel === 'details.chart-data' ? details : realQSA(sel);
(listeners.beforeprint || []).forEach((f) => f());
if (!details[0].open || !details[1].open) fail('data tables not opened for print');
(listeners.afterprint || []).forEach((f) => f());
if (details[0].open || !details[1].open) fail('data tables not restored after print');
console.log('ok');
`
	cmd := exec.Command(node, "-e", harness, js)
	cmd.Stdin = strings.NewReader(string(line) + string(graph))
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("charts.js: %v\n%s", err, out)
	}
}
