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
)

// keyPage is a page every handbook kind contract promises (issues 2-6).
type keyPage struct {
	name string
	path string // relative to the site root
	kind bool   // made by a dedicated kind, not the plain Markdown page kind
}

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
		t.Errorf("%s: no <h1> in <main>", p.path)
	}
	if !strings.Contains(f.Title, f.H1) && p.path != "" {
		t.Errorf("%s: <title> %q does not name the page (h1 %q)", p.path, f.Title, f.H1)
	}
	if f.MainText < 200 {
		t.Errorf("%s: <main> holds only %d characters of text", p.path, f.MainText)
	}
	if !f.Styled {
		t.Errorf("%s: the site stylesheet is not applied (.visually-hidden is not position:absolute)", p.path)
	}
	if p.kind && strings.Contains(" "+f.BodyClass+" ", " kind-page ") {
		t.Errorf("%s is rendered as a plain Markdown page (body class %q): is the %s kind registered in cmd/almanac/kinds.go?",
			p.path, f.BodyClass, p.name)
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
			tb.checkProblems(t, p.path)
			checkFacts(t, tb, p)
			tb.screenshot(t, shotName("page", p.path))
		})
	}
}

type chartInfo struct {
	ID     string  `json:"id"`
	What   string  `json:"what"` // "canvas", "svg" or ""
	Width  float64 `json:"w"`
	Height float64 `json:"h"`
}

// chartsJS describes every div.chart of the page and what it drew.
const chartsJS = `Array.prototype.map.call(document.querySelectorAll("div.chart"), function (d) {
  var c = d.querySelector("canvas, svg");
  var r = c ? c.getBoundingClientRect() : { width: 0, height: 0 };
  return { id: d.id, what: c ? c.tagName.toLowerCase() : "", w: r.width, h: r.height };
})`

const chartsDrawnJS = `(function () {
  var ds = document.querySelectorAll("div.chart");
  for (var i = 0; i < ds.length; i++) {
    var c = ds[i].querySelector("canvas, svg");
    if (!c) return false;
    var r = c.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
  }
  return true;
})()`

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
	tb := openTab(t, 3*time.Minute)
	pages := chartPages(t)
	for _, p := range pages {
		t.Run(strings.TrimSuffix(p, "/"), func(t *testing.T) {
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
			for _, c := range charts {
				if c.What == "" || c.Width <= 0 || c.Height <= 0 {
					t.Errorf("%s: chart #%s did not draw (got %q of %.0fx%.0f px)", p, c.ID, c.What, c.Width, c.Height)
				}
			}
			tb.checkProblems(t, p)
			if p == "services/payments-api/" || p == "kpis/availability/" {
				tb.screenshot(t, shotName("charts", p))
			}
		})
	}
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
			tb.do(t, "typing the query", 10*time.Second,
				chromedp.Click(chromedp.ID("search-input")),
				chromedp.SendKeys(chromedp.ID("search-input"), c.query),
				chromedp.WaitVisible(chromedp.CSS("#search-results li a")),
			)
			first := eval[string](t, tb, `document.querySelector("#search-results li a").href`)
			if !strings.HasSuffix(first, subpath+c.want) {
				all := eval[[]string](t, tb, `Array.prototype.map.call(document.querySelectorAll("#search-results li a"), function (a) { return a.getAttribute("href"); })`)
				t.Errorf("search %q: first result is %s, want %s (results: %v)", c.query, first, c.want, all)
			}
			tb.screenshot(t, shotName("search", c.query))
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
