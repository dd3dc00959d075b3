package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/almanac-handbook/almanac/generator/search"
)

// keyPage is a page every handbook kind contract promises (issues 2-6).
type keyPage struct {
	name string
	path string // relative to the site root
	kind bool   // made by a dedicated kind, not the plain Markdown page kind
}

// where names the page in messages: "/" for the home page.
func (p keyPage) where() string { return "/" + p.path }

var keyPages = []keyPage{
	{"home", "", false},
	{"service", "services/payments-api/", true},
	{"adr", "adr/0012/", true},
	{"runbook", "runbooks/payments-api-high-latency/", true},
	{"ladder", "ladders/backend/", true},
	{"onboarding", "onboarding/payments-backend-engineer/", true},
}

// pageFacts is what every page is checked for.
type pageFacts struct {
	Title     string `json:"title"`
	H1        string `json:"h1"`
	BodyClass string `json:"bodyClass"`
	MainText  int    `json:"mainText"`
	Styled    bool   `json:"styled"` // site.css applied
}

const pageFactsJS = `(function () {
  var h1 = document.querySelector("main h1");
  if (h1) { h1 = h1.cloneNode(true); h1.querySelectorAll(".badge").forEach(function (b) { b.remove(); }); }
  var hidden = document.querySelector(".visually-hidden");
  var main = document.querySelector("main");
  return {
    title: document.title,
    h1: h1 ? h1.textContent.trim() : "",
    bodyClass: document.body.className,
    mainText: main ? main.innerText.trim().length : 0,
    styled: !!hidden && getComputedStyle(hidden).position === "absolute"
  };
})()`

func checkFacts(t *testing.T, tb *tab, p keyPage) {
	t.Helper()
	f := eval[pageFacts](t, tb, pageFactsJS)
	if f.H1 == "" {
		t.Errorf("%s: no <h1> in <main>", p.where())
	}
	if !strings.Contains(f.Title, f.H1) && p.path != "" {
		t.Errorf("%s: <title> %q does not name the page (h1 %q)", p.where(), f.Title, f.H1)
	}
	if f.MainText < 200 && p.name != "" {
		t.Errorf("%s: <main> holds only %d characters of text", p.where(), f.MainText)
	}
	if !f.Styled {
		t.Errorf("%s: the site stylesheet is not applied (.visually-hidden is not position:absolute)", p.where())
	}
	if p.kind && strings.Contains(" "+f.BodyClass+" ", " kind-page ") {
		t.Errorf("%s is rendered as a plain Markdown page (body class %q): is the %s kind listed in generator/kinds/all?",
			p.where(), f.BodyClass, p.name)
	}
}

// TestPagesRender opens the key pages under a subpath and checks that they
// render with no console error, no uncaught exception and no failed
// request.
func TestPagesRender(t *testing.T) {
	tb := openTab(t, 90*time.Second)
	t.Logf("site served at %s; screenshots in %s", serverURL, shotDir)
	for _, p := range keyPages {
		t.Run(p.name, func(t *testing.T) {
			tb.takeProblems()
			tb.open(t, p.path)
			tb.checkProblems(t, p.where())
			checkFacts(t, tb, p)
			tb.screenshot(t, shotName("page", p.path), true)
		})
	}
}

type chartInfo struct {
	ID       string  `json:"id"`
	What     string  `json:"what"` // "canvas", "svg" or ""
	Width    float64 `json:"w"`
	Height   float64 `json:"h"`
	BoxWidth float64 `json:"boxW"` // the div.chart's own width
}

// chartsJS describes every div.chart of the page and what it drew.
const chartsJS = `Array.prototype.map.call(document.querySelectorAll("div.chart"), function (d) {
  var c = d.querySelector("canvas, svg");
  var r = c ? c.getBoundingClientRect() : { width: 0, height: 0 };
  return { id: d.id, what: c ? c.tagName.toLowerCase() : "", w: r.width, h: r.height, boxW: d.getBoundingClientRect().width };
})`

// chartsDrawnJS is true once every div.chart holds a canvas or svg that
// fills at least half its width and has some height.
const chartsDrawnJS = `(function () {
  var ds = document.querySelectorAll("div.chart");
  for (var i = 0; i < ds.length; i++) {
    var c = ds[i].querySelector("canvas, svg");
    if (!c) return false;
    var r = c.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0 && r.width >= ds[i].getBoundingClientRect().width / 2)) return false;
  }
  return true;
})()`

func checkCharts(t *testing.T, p string, charts []chartInfo) {
	t.Helper()
	for _, c := range charts {
		if c.What == "" || c.Width <= 0 || c.Height <= 0 || c.Width < c.BoxWidth/2 {
			t.Errorf("%s: chart #%s did not draw (got %q of %.0fx%.0f px in a box %.0f px wide)", p, c.ID, c.What, c.Width, c.Height, c.BoxWidth)
		}
	}
}

// chartPages lists the built KPI pages (kpis/<id>/) and service pages
// (services/<id>/).
func chartPages(t *testing.T) []string {
	t.Helper()
	var pages []string
	for _, dir := range []string{"kpis", "services"} {
		matches, err := filepath.Glob(filepath.Join(siteDir, dir, "*", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if len(matches) == 0 {
			t.Errorf("no %s/<id>/ pages were built", dir)
		}
		for _, m := range matches {
			pages = append(pages, dir+"/"+filepath.Base(filepath.Dir(m))+"/")
		}
	}
	if !slices.Contains(pages, "services/payments-api/") {
		t.Errorf("services/payments-api/ was not built")
	}
	return pages
}

// TestChartsDraw checks that every chart on every KPI page and service page
// draws: each div.chart gets a canvas or an svg of non-zero size.
func TestChartsDraw(t *testing.T) {
	needBrowser(t)
	pages := chartPages(t)
	// Two tabs take turns: page loads overlap on the two cores.
	tabs := make(chan *tab, 2)
	for range cap(tabs) {
		tabs <- openTab(t, 3*time.Minute)
	}
	t.Run("page", func(t *testing.T) {
		for _, p := range pages {
			t.Run(strings.TrimSuffix(p, "/"), func(t *testing.T) {
				t.Parallel()
				tb := <-tabs
				defer func() { tabs <- tb }()
				tb.takeProblems()
				tb.open(t, p)
				poll(t, tb, chartsDrawnJS, 5*time.Second)
				charts := eval[[]chartInfo](t, tb, chartsJS)
				if strings.HasPrefix(p, "kpis/") && len(charts) == 0 {
					t.Errorf("%s: no div.chart on a KPI page", p)
				}
				if p == "services/payments-api/" && len(charts) == 0 {
					t.Errorf("%s: no div.chart on the service page of a service with KPIs", p)
				}
				checkCharts(t, p, charts)
				tb.checkProblems(t, p)
				if p == "kpis/availability/" {
					tb.screenshot(t, shotName("charts", p), true)
				}
			})
		}
	})
}

// TestSearch types a query in the header search box, waits for results,
// clicks the first one and checks where it leads.
func TestSearch(t *testing.T) {
	tb := openTab(t, 60*time.Second)
	cases := []struct {
		from, query, want string
	}{
		{"", "payments api high latency", "runbooks/payments-api-high-latency/"},
		{"adr/0012/", "workload identity tokens", "adr/0012/"},
		{"services/payments-api/", "backend engineering ladder", "ladders/backend/"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			tb.takeProblems()
			tb.open(t, c.from)
			tb.search(t, c.query)
			first := eval[string](t, tb, `document.querySelector("#search-results li a").href`)
			if !strings.HasSuffix(first, subpath+c.want) {
				all := eval[[]string](t, tb, `Array.prototype.map.call(document.querySelectorAll("#search-results li a"), function (a) { return a.getAttribute("href"); })`)
				t.Errorf("search %q: first result is %s, want %s (results: %v)", c.query, first, c.want, all)
			}
			tb.screenshot(t, shotName("search", c.query), false)
			tb.clickAndWait(t, "#search-results li a")
			loc := eval[string](t, tb, `location.href`)
			if loc != first {
				t.Errorf("search %q: clicking the first result led to %s, want %s", c.query, loc, first)
			}
			h1 := eval[string](t, tb, `(document.querySelector("main h1") || {textContent: ""}).textContent.trim()`)
			if h1 == "" {
				t.Errorf("search %q: the result page %s has no <h1>", c.query, loc)
			}
			tb.checkProblems(t, "search "+c.query)
		})
	}
	// Issue 7: "/" focuses the box, arrows move through the results and
	// Enter opens the chosen one.
	t.Run("keyboard", func(t *testing.T) {
		tb.takeProblems()
		tb.open(t, "")
		tb.do(t, "pressing /", 10*time.Second, chromedp.Click(chromedp.CSS("main h1")), chromedp.KeyEvent("/"))
		if id := eval[string](t, tb, `document.activeElement ? document.activeElement.id : ""`); id != "search-input" {
			t.Fatalf(`pressing "/" focused %q, want the search box`, id)
		}
		tb.do(t, "typing", 20*time.Second, chromedp.KeyEvent("adr-0012 workload"))
		if !poll(t, tb, `!!document.querySelector("#search-results li a")`, 10*time.Second) {
			t.Fatal("no search results for the typed query")
		}
		want := eval[string](t, tb, `document.querySelector("#search-results li a").href`)
		tb.do(t, "pressing ArrowDown", 10*time.Second, chromedp.KeyEvent(kb.ArrowDown))
		if sel := eval[string](t, tb, `(document.querySelector("#search-results [aria-selected=true]") || {id: ""}).id`); sel != "search-result-0" {
			t.Errorf("after ArrowDown the selected result is %q, want search-result-0", sel)
		}
		ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
		defer cancel()
		if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
			t.Fatalf("pressing Enter: %v", err)
		}
		tb.settle(t)
		if loc := eval[string](t, tb, `location.href`); loc != want || !strings.HasSuffix(loc, subpath+"adr/0012/") {
			t.Errorf("Enter on the first result led to %s, want %s (adr/0012/)", loc, want)
		}
		tb.checkProblems(t, "keyboard search")
	})
}

// TestSearchInParts searches the handbook built with its search index in
// parts, as a large handbook's is: the page loads every part, and each
// query lists the same results, in the same order, as in one part.
func TestSearchInParts(t *testing.T) {
	tb := openTab(t, 90*time.Second)
	const resultsJS = `Array.prototype.map.call(document.querySelectorAll("#search-results li a"), function (a) { return a.getAttribute("href") + " " + a.textContent; })`
	for _, query := range []string{"payments api high latency", "workload identity tokens", "backend engineering ladder", "kafka", "on-call", "sev"} {
		t.Run(query, func(t *testing.T) {
			tb.takeProblems()
			tb.open(t, "")
			tb.search(t, query)
			want := eval[[]string](t, tb, resultsJS)
			tb.openURL(t, partsURL)
			tb.search(t, query)
			got := eval[[]string](t, tb, resultsJS)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("search %q with the index in parts:\n%s\nwant, as with one part:\n%s", query, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			parts := eval[int](t, tb, `window.ALMANAC_SEARCH.parts`)
			loaded := eval[int](t, tb, `Object.keys(window.ALMANAC_SEARCH_PARTS || {}).length`)
			if parts < 3 || loaded != parts-1 {
				t.Errorf("the index says it has %d parts and the page loaded %d besides the first; want 3 or more, all loaded", parts, loaded)
			}
			tb.checkProblems(t, "search in parts "+query)
		})
	}
	// A site published without one of its parts says so when searched.
	t.Run("a part missing", func(t *testing.T) {
		missing := filepath.Join(partsDir, filepath.FromSlash(search.PartPath(2)))
		if err := os.Rename(missing, missing+".away"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Rename(missing+".away", missing) })
		tb.takeProblems()
		tb.openURL(t, partsURL)
		tb.do(t, "typing kafka", 20*time.Second,
			chromedp.Click(chromedp.ID("search-input")),
			chromedp.SendKeys(chromedp.ID("search-input"), "kafka"),
		)
		const errorJS = `(function () { var li = document.querySelector("#search-results li.search-error"); return li && li.getClientRects().length > 0 ? li.textContent : ""; })()`
		if !poll(t, tb, `!!`+errorJS, 10*time.Second) {
			t.Fatalf("with %s missing, the results never said search is unavailable: %s", search.PartPath(2),
				eval[string](t, tb, `document.getElementById("search-results").outerHTML.slice(0, 300)`))
		}
		if msg := eval[string](t, tb, errorJS); !strings.Contains(msg, search.PartPath(2)) {
			t.Errorf("the message %q does not name the missing %s", msg, search.PartPath(2))
		}
		tb.takeProblems() // the failed request is the point
	})
}

// search types a query into the header search box and waits for result
// links.
func (tb *tab) search(t *testing.T, query string) {
	t.Helper()
	tb.do(t, "typing "+query, 20*time.Second,
		chromedp.Click(chromedp.ID("search-input")),
		chromedp.SendKeys(chromedp.ID("search-input"), query),
	)
	if !poll(t, tb, `(function () { var a = document.querySelector("#search-results li a"); return !!a && a.getClientRects().length > 0; })()`, 10*time.Second) {
		state := eval[string](t, tb, `JSON.stringify({ value: document.getElementById("search-input").value, index: typeof window.ALMANAC_SEARCH,
  results: document.getElementById("search-results").outerHTML.slice(0, 300) })`)
		t.Fatalf("search %q: no result link showed up within 10s: %s", query, state)
	}
}

// clickAndWait clicks the first element matching the CSS selector and waits
// for the page it leads to to load.
func (tb *tab) clickAndWait(t *testing.T, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
	tb.settle(t)
}

// filterCase is an in-page filter: a form that the script shows, rows it
// hides, and the selects that filter them.
type filterCase struct {
	name    string
	path    string
	form    string // CSS selector of the form (hidden until the script runs)
	rows    string // CSS selector of the filtered rows
	selects string // CSS selector of the filter selects
}

var filterCases = []filterCase{
	{"adr", "adr/", "form[data-adr-filters]", "table[data-adr-table] tbody tr", "form[data-adr-filters] select:not([name=sort])"},
	{"catalog", "services/", "form.filters[data-filter-target]", "[data-filter-row]", "form.filters[data-filter-target] select[data-filter]"},
}

type selectInfo struct {
	Name    string   `json:"name"`
	Options []string `json:"options"`
}

// TestFilters changes each filter select of the ADR index and the service
// catalog and counts the rows left visible.
func TestFilters(t *testing.T) {
	tb := openTab(t, 60*time.Second)
	for _, c := range filterCases {
		t.Run(c.name, func(t *testing.T) {
			tb.takeProblems()
			tb.open(t, c.path)
			formShown := eval[bool](t, tb, fmt.Sprintf(`(function () { var f = document.querySelector(%q); return !!f && !f.hidden && f.getClientRects().length > 0; })()`, c.form))
			if !formShown {
				t.Fatalf("%s: the filter form %s is missing or still hidden (its script did not run?)", c.path, c.form)
			}
			countJS := fmt.Sprintf(`Array.prototype.filter.call(document.querySelectorAll(%q), function (r) { return !r.hidden && r.getClientRects().length > 0; }).length`, c.rows)
			total := eval[int](t, tb, fmt.Sprintf(`document.querySelectorAll(%q).length`, c.rows))
			if shown := eval[int](t, tb, countJS); total < 2 || shown != total {
				t.Fatalf("%s: %d of %d rows shown before filtering; want all, and at least 2", c.path, shown, total)
			}
			selects := eval[[]selectInfo](t, tb, fmt.Sprintf(`Array.prototype.map.call(document.querySelectorAll(%q), function (s, i) {
  s.setAttribute("data-e2e-select", String(i));
  return { name: s.name || s.getAttribute("data-filter") || String(i), options: Array.prototype.map.call(s.options, function (o) { return o.value; }) };
})`, c.selects))
			if len(selects) == 0 {
				t.Fatalf("%s: no filter select matches %s", c.path, c.selects)
			}
			for i, s := range selects {
				set := func(v string) int {
					eval[chromedp.Void](t, tb, fmt.Sprintf(`(function () { var s = document.querySelector('[data-e2e-select="%d"]'); s.value = %q; s.dispatchEvent(new Event("input", {bubbles: true})); s.dispatchEvent(new Event("change", {bubbles: true})); })()`, i, v))
					return eval[int](t, tb, countJS)
				}
				narrowed := false
				for _, v := range s.Options {
					if v == "" {
						continue
					}
					n := set(v)
					if n > 0 && n < total {
						narrowed = true
					}
					if n == 0 {
						t.Logf("%s: filter %s=%q matches no row", c.path, s.Name, v)
					}
				}
				if !narrowed {
					t.Errorf("%s: no choice of filter %s (%v) changed what is shown (%d rows)", c.path, s.Name, s.Options, total)
				}
				if n := set(""); n != total {
					t.Errorf("%s: after resetting filter %s, %d of %d rows shown", c.path, s.Name, n, total)
				}
			}
			// Leave one filter on for the screenshot.
			for i, s := range selects {
				if len(s.Options) > 1 {
					eval[chromedp.Void](t, tb, fmt.Sprintf(`(function () { var s = document.querySelector('[data-e2e-select="%d"]'); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })()`, i, s.Options[1]))
					break
				}
			}
			tb.screenshot(t, shotName("filtered", c.path), false)
			tb.checkProblems(t, c.path)
		})
	}
}

type boxState struct {
	Count   int    `json:"count"`
	Checked []bool `json:"checked"`
	Stored  int    `json:"stored"`
}

const boxesJS = `(function () {
  var bs = document.querySelectorAll("main input[type=checkbox]");
  var stored = 0;
  try { stored = localStorage.length; } catch (e) { stored = -1; }
  return { count: bs.length, checked: Array.prototype.map.call(bs, function (b) { return b.checked; }), stored: stored };
})()`

// TestOnboardingChecklist ticks tasks of an onboarding plan and checks that
// they stay ticked across a reload (localStorage, per page).
func TestOnboardingChecklist(t *testing.T) {
	tb := openTab(t, 60*time.Second)
	const plan = "onboarding/payments-backend-engineer/"
	const other = "onboarding/backend-engineering-manager/"
	tb.open(t, plan)
	eval[chromedp.Void](t, tb, `localStorage.clear()`)
	// Leave no ticks behind for later tests in the same browser profile.
	defer tb.try(10*time.Second, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	tb.do(t, "reloading", 20*time.Second, chromedp.Reload())
	tb.settle(t)
	st := eval[boxState](t, tb, boxesJS)
	if st.Count < 3 {
		t.Fatalf("%s: %d task checkboxes in <main>; want the plan's tasks as checkboxes", plan, st.Count)
	}
	if slices.Contains(st.Checked, true) {
		t.Fatalf("%s: tasks are ticked on a fresh page: %v", plan, st.Checked)
	}
	// Tick the first and the third task with real clicks.
	tick := func(i int) {
		t.Helper()
		eval[chromedp.Void](t, tb, fmt.Sprintf(`(function () { var b = document.querySelectorAll("main input[type=checkbox]")[%d]; b.setAttribute("data-e2e-box", "%d"); b.scrollIntoView({block: "center"}); })()`, i, i))
		sel := fmt.Sprintf(`[data-e2e-box="%d"]`, i)
		if err := tb.try(10*time.Second, chromedp.Click(chromedp.CSS(sel))); err != nil {
			// A styled checkbox may be covered by its label: click that.
			label := eval[bool](t, tb, fmt.Sprintf(`(function () { var b = document.querySelector(%q); var l = b.closest("label") || (b.id && document.querySelector("label[for='" + b.id + "']")); if (!l) return false; l.setAttribute("data-e2e-label", "%d"); return true; })()`, sel, i))
			if !label {
				t.Fatalf("clicking task %d: %v", i, err)
			}
			tb.do(t, fmt.Sprintf("clicking the label of task %d", i), 10*time.Second, chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-e2e-label="%d"]`, i))))
		}
	}
	tick(0)
	tick(2)
	st = eval[boxState](t, tb, boxesJS)
	if !st.Checked[0] || !st.Checked[2] {
		t.Fatalf("%s: clicking tasks 0 and 2 did not tick them: %v", plan, st.Checked)
	}
	if st.Stored < 1 {
		t.Errorf("%s: nothing in localStorage after ticking tasks", plan)
	}
	want := slices.Clone(st.Checked)

	tb.do(t, "reloading", 20*time.Second, chromedp.Reload())
	tb.settle(t)
	poll(t, tb, `document.querySelectorAll("main input[type=checkbox]")[0].checked`, 3*time.Second)
	st = eval[boxState](t, tb, boxesJS)
	if !slices.Equal(st.Checked, want) {
		t.Errorf("%s: after a reload the tasks are %v, want %v", plan, st.Checked, want)
	}
	tb.screenshot(t, shotName("ticked", plan), false)

	// Untick one; that must stick too.
	tick(0)
	want[0] = false
	tb.do(t, "reloading", 20*time.Second, chromedp.Reload())
	tb.settle(t)
	poll(t, tb, `document.querySelectorAll("main input[type=checkbox]")[2].checked`, 3*time.Second)
	st = eval[boxState](t, tb, boxesJS)
	if !slices.Equal(st.Checked, want) {
		t.Errorf("%s: after unticking task 0 and a reload the tasks are %v, want %v", plan, st.Checked, want)
	}

	// The state is per page: another plan starts unticked.
	tb.open(t, other)
	st = eval[boxState](t, tb, boxesJS)
	if slices.Contains(st.Checked, true) {
		t.Errorf("%s: tasks ticked on %s show up here: %v", other, plan, st.Checked)
	}
	tb.checkProblems(t, "onboarding")
}

type linkInfo struct {
	Text string `json:"text"`
	Href string `json:"href"`
}

const linksJS = `Array.prototype.map.call(document.querySelectorAll("a[href]"), function (a) {
  return { text: a.textContent.trim().slice(0, 60), href: a.href };
})`

// TestFromFile opens the built site from disk (file://): assets load, the
// links lead to real pages (not folder listings), charts draw and search
// works.
func TestFromFile(t *testing.T) {
	tb := openTab(t, 90*time.Second)
	for _, p := range []keyPage{keyPages[0], keyPages[1], keyPages[2]} {
		t.Run(p.name, func(t *testing.T) {
			tb.takeProblems()
			u := fileURL(filepath.Join(p.path, "index.html"))
			tb.openFile(t, u)
			tb.checkProblems(t, u)
			checkFacts(t, tb, p)
			poll(t, tb, chartsDrawnJS, 5*time.Second)
			checkCharts(t, u, eval[[]chartInfo](t, tb, chartsJS))
			// Every link into the site names a file that exists.
			var broken []string
			for _, l := range eval[[]linkInfo](t, tb, linksJS) {
				lu, err := url.Parse(l.Href)
				if err != nil || lu.Scheme != "file" {
					continue
				}
				fi, err := os.Stat(lu.Path)
				switch {
				case err != nil:
					broken = append(broken, fmt.Sprintf("%q -> %s (missing)", l.Text, l.Href))
				case fi.IsDir():
					broken = append(broken, fmt.Sprintf("%q -> %s (a folder: the browser shows a listing)", l.Text, l.Href))
				}
			}
			if len(broken) > 0 {
				total, more := len(broken), ""
				if total > 10 {
					more = fmt.Sprintf("\n  ... and %d more", total-10)
					broken = broken[:10]
				}
				t.Errorf("%s: %d link(s) lead nowhere from file://:\n  %s%s", u, total, strings.Join(broken, "\n  "), more)
			}
			tb.screenshot(t, shotName("file", p.path), false)
		})
	}
	t.Run("navigate", func(t *testing.T) {
		tb.takeProblems()
		tb.openFile(t, fileURL("index.html"))
		want := eval[string](t, tb, `document.querySelector("#site-nav a").href`)
		tb.clickAndWait(t, "#site-nav a")
		loc := eval[string](t, tb, `location.href`)
		if loc != want || !strings.HasSuffix(loc, "/index.html") {
			t.Errorf("clicking the first nav link led to %s, want %s (a page, not a folder)", loc, want)
		}
		checkFacts(t, tb, keyPage{path: strings.TrimPrefix(loc, fileURL("")+"/")}) // any page: no text minimum
		tb.checkProblems(t, loc)
	})
	t.Run("search", func(t *testing.T) {
		tb.takeProblems()
		tb.openFile(t, fileURL("index.html"))
		tb.search(t, "payments api high latency")
		tb.clickAndWait(t, "#search-results li a")
		loc := eval[string](t, tb, `location.href`)
		if !strings.HasSuffix(loc, "/runbooks/payments-api-high-latency/index.html") {
			t.Errorf("the first search result led to %s, want runbooks/payments-api-high-latency/index.html", loc)
		}
		tb.checkProblems(t, "search from file://")
	})
}

type colours struct {
	Background string `json:"bg"`
	Foreground string `json:"fg"`
}

const coloursJS = `(function () { var s = getComputedStyle(document.body); return { bg: s.backgroundColor, fg: s.color }; })()`

// TestDarkMode emulates prefers-color-scheme: dark and checks that the page
// follows it.
func TestDarkMode(t *testing.T) {
	tb := openTab(t, 60*time.Second)
	setScheme := func(t *testing.T, scheme string) {
		t.Helper()
		if scheme == "" {
			tb.emulateMedia(t)
		} else {
			tb.emulateMedia(t, &emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
		}
		tb.settle(t)
	}
	for _, p := range []keyPage{keyPages[0], keyPages[1], keyPages[4]} {
		t.Run(p.name, func(t *testing.T) {
			tb.takeProblems()
			setScheme(t, "light")
			tb.open(t, p.path)
			light := eval[colours](t, tb, coloursJS)
			setScheme(t, "dark")
			dark := eval[colours](t, tb, coloursJS)
			if light.Background == dark.Background {
				t.Errorf("%s: body background is %s in both light and dark mode", p.where(), light.Background)
			}
			if light.Foreground == dark.Foreground {
				t.Errorf("%s: body text colour is %s in both light and dark mode", p.where(), light.Foreground)
			}
			if l := luminance(dark.Background); l < 0 || l > 0.4 {
				t.Errorf("%s: dark-mode background %s is not dark", p.where(), dark.Background)
			}
			if l := luminance(dark.Foreground); l >= 0 && l < 0.5 {
				t.Errorf("%s: dark-mode text colour %s is not light", p.where(), dark.Foreground)
			}
			if p.path == "services/payments-api/" {
				// Charts redraw in the dark theme; they must still draw.
				poll(t, tb, chartsDrawnJS, 5*time.Second)
				checkCharts(t, p.path+" (dark)", eval[[]chartInfo](t, tb, chartsJS))
			}
			eval[chromedp.Void](t, tb, `(function () { var c = document.querySelector("div.chart"); if (c) c.scrollIntoView({block: "center"}); })()`)
			tb.screenshot(t, shotName("dark", p.path), false)
			tb.checkProblems(t, p.where())
			setScheme(t, "")
		})
	}
}

// luminance is the relative lightness (0..1) of a CSS rgb()/rgba() colour,
// or -1 when it cannot be read.
func luminance(css string) float64 {
	var r, g, b float64
	s := strings.TrimSpace(css)
	if i := strings.Index(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		parts := strings.Split(s[i+1:len(s)-1], ",")
		if len(parts) >= 3 {
			if _, err := fmt.Sscanf(strings.TrimSpace(parts[0])+" "+strings.TrimSpace(parts[1])+" "+strings.TrimSpace(parts[2]), "%g %g %g", &r, &g, &b); err == nil {
				return (0.2126*r + 0.7152*g + 0.0722*b) / 255
			}
		}
	}
	return -1
}

type phoneFacts struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Offenders   []string `json:"offenders"`
	Toggle      bool     `json:"toggle"`
	NavShown    bool     `json:"navShown"`
	Expanded    string   `json:"expanded"`
	NavLinks    int      `json:"navLinks"`
}

const phoneJS = `(function () {
  var de = document.documentElement, vw = de.clientWidth;
  function shown(el) { if (!el) return false; var r = el.getBoundingClientRect(); return getComputedStyle(el).display !== "none" && getComputedStyle(el).visibility !== "hidden" && r.width > 0 && r.height > 0; }
  function name(el) {
    var n = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
    var p = el.parentElement, path = [];
    for (var i = 0; i < 2 && p && p !== document.body; i++, p = p.parentElement) path.unshift(p.tagName.toLowerCase() + (p.className && typeof p.className === "string" ? "." + p.className.trim().split(/\s+/)[0] : ""));
    return (path.length ? path.join(" > ") + " > " : "") + n + " " + JSON.stringify(el.textContent.trim().replace(/\s+/g, " ").slice(0, 40));
  }
  // clipped: el sits inside a box that scrolls or clips it, so it cannot
  // widen the page. An absolutely positioned element is clipped only by its
  // containing block or the block's ancestors; a fixed one by nothing.
  function clipped(el) {
    var pos = getComputedStyle(el).position, a = el.parentElement;
    if (pos === "fixed") return false;
    if (pos === "absolute") a = el.offsetParent;
    for (; a && a !== de && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  }
  function sticksOut(el) { return el.getBoundingClientRect().right > vw + 1 && !clipped(el); }
  // The outermost elements that stick out past the right edge.
  var offenders = [];
  if (de.scrollWidth > vw + 1) {
    document.querySelectorAll("body *").forEach(function (el) {
      if (offenders.length >= 8 || !sticksOut(el) || el.closest("details:not([open]) > :not(summary)")) return;
      var p = el.parentElement;
      if (p && p !== document.body && sticksOut(p) && getComputedStyle(el).position !== "absolute") return;
      offenders.push(name(el) + " (right edge at " + Math.round(el.getBoundingClientRect().right) + "px)");
    });
  }
  var toggle = document.querySelector(".nav-toggle"), nav = document.getElementById("site-nav");
  var links = nav ? Array.prototype.filter.call(nav.querySelectorAll("a"), shown).length : 0;
  return { scrollWidth: de.scrollWidth, clientWidth: vw, offenders: offenders, toggle: shown(toggle), navShown: shown(nav),
    expanded: toggle ? toggle.getAttribute("aria-expanded") : "", navLinks: links };
})()`

// TestPhoneWidth emulates a 390x844 phone: no page may scroll sideways, and
// the navigation hides behind a toggle that works.
func TestPhoneWidth(t *testing.T) {
	tb := openTab(t, 90*time.Second)
	tb.do(t, "emulating a phone", 10*time.Second, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	pages := append(slices.Clone(keyPages),
		keyPage{"adr-index", "adr/", false},
		keyPage{"catalog", "services/", false},
		keyPage{"kpis", "kpis/", false},
		keyPage{"ladder-compare", "ladders/backend/compare/", false},
	)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			tb.takeProblems()
			tb.open(t, p.path)
			f := eval[phoneFacts](t, tb, phoneJS)
			if f.ScrollWidth > f.ClientWidth+1 {
				t.Errorf("%s: the page scrolls sideways at 390px: %dpx wide; elements sticking out:\n  %s", p.where(), f.ScrollWidth, strings.Join(f.Offenders, "\n  "))
			}
			tb.screenshot(t, shotName("phone", p.path), true)
			if !f.Toggle {
				t.Errorf("%s: the nav toggle (.nav-toggle) is not visible at phone width", p.where())
			}
			if f.NavShown {
				t.Errorf("%s: the nav is open before the toggle is pressed", p.where())
			}
			if f.Toggle {
				tb.do(t, "opening the nav", 10*time.Second, chromedp.Click(chromedp.CSS(".nav-toggle")))
				f = eval[phoneFacts](t, tb, phoneJS)
				if !f.NavShown || f.NavLinks == 0 || f.Expanded != "true" {
					t.Errorf("%s: after pressing the nav toggle: nav shown %v, %d links visible, aria-expanded %q", p.where(), f.NavShown, f.NavLinks, f.Expanded)
				}
				if p.name == "home" {
					tb.screenshot(t, shotName("phone-nav-open", p.path), false)
				}
				tb.do(t, "closing the nav", 10*time.Second, chromedp.Click(chromedp.CSS(".nav-toggle")))
				if f = eval[phoneFacts](t, tb, phoneJS); f.NavShown || f.Expanded != "false" {
					t.Errorf("%s: pressing the nav toggle again did not close the nav (shown %v, aria-expanded %q)", p.where(), f.NavShown, f.Expanded)
				}
			}
			tb.checkProblems(t, p.where())
		})
	}
}
