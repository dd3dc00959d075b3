package e2e

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/search"
)

// subpath is where the test server mounts the site: a handbook must work
// under any prefix, so nothing may link to "/assets/..." from the root.
const subpath = "/handbook/"

// partsSubpath is where the same handbook is mounted built with its search
// index in small parts, as a large handbook's is (search.PartDocs).
const (
	partsSubpath = "/parts/"
	partsPerPart = 16
)

// Set once by TestMain, read-only afterwards.
var (
	skipReason string // set when Chromium is missing outside CI
	setupErr   error  // set when the site or the browser could not be set up

	siteDir    string          // the built site
	serverURL  string          // e.g. http://127.0.0.1:41234/handbook/
	partsURL   string          // e.g. http://127.0.0.1:41234/parts/
	partsDir   string          // the site partsURL serves
	browserCtx context.Context // one browser for every test; each test opens tabs in it
	shotDir    string          // screenshots for a person to look at
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	inCI := os.Getenv("CI") != "" && os.Getenv("CI") != "false" && os.Getenv("CI") != "0"
	chromium := findChromium()
	switch {
	case chromium == "" && inCI:
		setupErr = errors.New("Chromium is not installed, and CI is set: the browser tests must run in CI " +
			"(.ci/run installs it with apt-get install chromium; or set ALMANAC_CHROMIUM to a Chromium binary)")
		return m.Run()
	case chromium == "":
		skipReason = "Chromium not found (install Debian's chromium package, or set ALMANAC_CHROMIUM): skipping the browser tests; they are never skipped when CI is set"
		return m.Run()
	case testing.Short() && !inCI:
		skipReason = "browser tests skipped in -short mode"
		return m.Run()
	}

	tmp, err := os.MkdirTemp("", "almanac-e2e-")
	if err != nil {
		setupErr = err
		return m.Run()
	}
	defer os.RemoveAll(tmp)

	shotDir = os.Getenv("ALMANAC_SCREENSHOTS")
	if shotDir == "" {
		shotDir = filepath.Join(os.TempDir(), "almanac-screenshots")
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		setupErr = fmt.Errorf("screenshot folder: %w", err)
		return m.Run()
	}

	siteDir = filepath.Join(tmp, "site")
	if err := buildSite(tmp, siteDir); err != nil {
		setupErr = err
		return m.Run()
	}

	partsDir = filepath.Join(tmp, "parts")
	if err := buildPartsSite(partsDir); err != nil {
		setupErr = err
		return m.Run()
	}

	mux := http.NewServeMux()
	for prefix, dir := range map[string]string{subpath: siteDir, partsSubpath: partsDir} {
		files := http.FileServer(http.Dir(dir))
		mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			files.ServeHTTP(w, r)
		})))
	}
	// Everything outside the subpath is a 404, so that a root-relative link
	// ("/assets/site.css") shows up as a failed request.
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	defer srv.Close()
	serverURL = srv.URL + subpath
	partsURL = srv.URL + partsSubpath

	var out lockedBuffer
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	// The first Run starts the browser and ties its life to the context it
	// gets, so it cannot take a timeout; bound it from outside instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(bctx) }()
	select {
	case err = <-started:
	case <-time.After(60 * time.Second):
		err = errors.New("timed out after 60s")
		cancelBrowser()
	}
	if err != nil {
		setupErr = fmt.Errorf("starting %s: %v\n%s", chromium, err, lastLines(out.String(), 30))
		return m.Run()
	}
	browserCtx = bctx
	return m.Run()
}

// findChromium returns the Chromium binary to drive, or "".
func findChromium() string {
	if p := os.Getenv("ALMANAC_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// buildSite builds the almanac binary and runs `almanac build` on the
// sample handbook at the module root (this package's parent folder).
func buildSite(tmp, out string) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("the go command is needed to build almanac: %w", err)
	}
	bin := filepath.Join(tmp, "almanac")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "build", "-o", bin, "./cmd/almanac")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/almanac: %v\n%s", err, b)
	}
	cmd = exec.CommandContext(ctx, bin, "build", "--source", root, "--out", out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("almanac build --source %s failed (%v); the browser tests need the sample handbook to build:\n%s",
			root, err, lastLines(string(b), 40))
	}
	return nil
}

// buildPartsSite builds the sample handbook into out, in this process, with
// its search index in parts of partsPerPart pages.
func buildPartsSite(out string) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	res, err := generator.Build(context.Background(), generator.Options{
		Source: root, Out: out, Kinds: all.Kinds(), Version: "test", SearchPartDocs: partsPerPart,
	})
	if err != nil {
		return fmt.Errorf("building the sample handbook with a search index in parts: %w", err)
	}
	if _, err := os.Stat(filepath.Join(out, search.PartPath(2))); err != nil {
		return fmt.Errorf("the sample handbook's search index in parts of %d pages has fewer than three parts (%d pages): %w", partsPerPart, res.Pages, err)
	}
	return nil
}

// noteInputs stats every file the built site depends on. The build runs
// in a subprocess, which go test cannot see; the stats tell its test cache
// to run these tests again when the handbook, the theme or the generator
// changes, instead of reporting a stale "(cached)" pass. go test only
// records what a test does once m.Run has started, so needBrowser calls it.
func noteInputs() {
	// The same for the environment that decides between run, skip and fail:
	// a skip cached outside CI must not be replayed when CI is set.
	for _, name := range []string{"CI", "ALMANAC_CHROMIUM", "ALMANAC_SCREENSHOTS"} {
		os.Getenv(name)
	}
	for _, name := range []string{"almanac.yaml", "go.mod", "go.sum"} {
		os.Stat(filepath.Join("..", name))
	}
	for _, dir := range []string{"content", "data", "templates", "static", "cmd", "generator"} {
		filepath.WalkDir(filepath.Join("..", dir), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			os.Stat(path)
			return nil
		})
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return fmt.Sprintf("... (%d lines before)\n%s", len(lines)-n, strings.Join(lines[len(lines)-n:], "\n"))
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var inputsNoted sync.Once

// needBrowser skips or fails the test when TestMain could not set up.
func needBrowser(t *testing.T) {
	t.Helper()
	inputsNoted.Do(noteInputs)
	if skipReason != "" {
		t.Skip(skipReason)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
}

// tab is one browser tab. It records the problems a page reports: uncaught
// exceptions, console.error calls, browser log errors, failed requests and
// responses with status >= 400.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	urls     map[network.RequestID]string
	problems []string
}

// openTab opens a tab that lives at most life; every step on it has its
// own, shorter timeout.
func openTab(t *testing.T, life time.Duration) *tab {
	t.Helper()
	needBrowser(t)
	tb := &tab{urls: map[network.RequestID]string{}}
	lctx, cancelLife := context.WithTimeout(browserCtx, life)
	ctx, cancel := chromedp.NewContext(lctx, chromedp.WithListener(tb.event))
	t.Cleanup(func() { cancel(); cancelLife() })
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tb.emulateMedia(t)
	return tb
}

// emulateMedia sets the emulated CSS media features: always
// prefers-reduced-motion: reduce, so that charts draw without animation and
// screenshots show them finished, plus the given extra features.
func (tb *tab) emulateMedia(t *testing.T, extra ...*emulation.MediaFeature) {
	t.Helper()
	features := append([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}, extra...)
	tb.do(t, "emulating media features", 10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
		return err
	}))
}

// event runs in the tab's message loop: it must return fast.
func (tb *tab) event(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response != nil && ev.Response.Status >= 400 {
			tb.problems = append(tb.problems, fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		if ev.Canceled {
			return // e.g. a navigation away; not the site's fault
		}
		tb.problems = append(tb.problems, fmt.Sprintf("request failed: %s (%s, %s)", tb.urls[ev.RequestID], ev.ErrorText, ev.Type))
	case *runtime.EventExceptionThrown:
		tb.problems = append(tb.problems, "uncaught exception: "+exceptionText(ev.ExceptionDetails))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, remoteText(a))
			}
			tb.problems = append(tb.problems, "console."+string(ev.Type)+": "+strings.Join(args, " ")+stackPlace(ev.StackTrace))
		}
	case *log.EventEntryAdded:
		// Failed loads are reported by the network events above already.
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError && e.Source != log.EntrySourceNetwork {
			tb.problems = append(tb.problems, fmt.Sprintf("browser log (%s): %s %s:%d", e.Source, e.Text, e.URL, e.LineNumber+1))
		}
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "?"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	where := d.URL
	if where == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		where = d.StackTrace.CallFrames[0].URL
	}
	return fmt.Sprintf("%s (at %s:%d:%d)", s, where, d.LineNumber+1, d.ColumnNumber+1)
}

func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if len(o.Value) > 0 {
		return strings.Trim(string(o.Value), `"`)
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Type)
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (at %s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

// takeProblems returns the problems recorded since the last call.
func (tb *tab) takeProblems() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	p := tb.problems
	tb.problems = nil
	return p
}

// checkProblems fails t with every problem recorded since the last call.
func (tb *tab) checkProblems(t *testing.T, what string) {
	t.Helper()
	if p := tb.takeProblems(); len(p) > 0 {
		t.Errorf("%s: %d problem(s) in the browser:\n  %s", what, len(p), strings.Join(p, "\n  "))
	}
}

// do runs actions with a timeout, failing t on error.
func (tb *tab) do(t *testing.T, what string, d time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := tb.try(d, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func (tb *tab) try(d time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tb.ctx, d)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// eval evaluates a JavaScript expression and decodes its value into T.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

// poll waits (at most d) until the expression is truthy; it returns false
// on timeout.
func poll(t *testing.T, tb *tab, expr string, d time.Duration) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, d+5*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil && !errors.Is(err, chromedp.ErrPollingTimeout) && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting for %.80q: %v", expr, err)
	}
	return err == nil
}

// settleJS resolves once the page has loaded and painted twice, so that
// deferred scripts ran and charts drew.
const settleJS = `new Promise(function (resolve) {
  function done() { requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(resolve, 50); }); }); }
  if (document.readyState === "complete") done(); else addEventListener("load", done);
})`

// open navigates to a page of the served site (path relative to the site
// root, e.g. "adr/0012/") and waits for it to settle. It fails t when the
// page does not answer 200.
func (tb *tab) open(t *testing.T, path string) string {
	t.Helper()
	return tb.openURL(t, serverURL+path)
}

// openURL is open for a page elsewhere on the test server.
func (tb *tab) openURL(t *testing.T, u string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
	if resp == nil || resp.Status != 200 {
		status := int64(0)
		if resp != nil {
			status = resp.Status
		}
		t.Fatalf("opening %s: HTTP %d (is the kind that makes this page listed in generator/kinds/all?)", u, status)
	}
	tb.settle(t)
	return u
}

// openFile navigates to a file:// URL and waits for it to settle.
func (tb *tab) openFile(t *testing.T, u string) {
	t.Helper()
	tb.do(t, "opening "+u, 30*time.Second, chromedp.Navigate(u))
	tb.settle(t)
}

func (tb *tab) settle(t *testing.T) {
	t.Helper()
	eval[chromedp.Void](t, tb, settleJS)
}

// screenshot writes a PNG of the tab to the screenshot folder: the whole
// page when full is set, else what the viewport shows.
func (tb *tab) screenshot(t *testing.T, name string, full bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: &full,
			FromSurface:           new(true),
		})
		return res.Data, err
	})
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	file := filepath.Join(shotDir, name+".png")
	if err := os.WriteFile(file, buf, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	t.Logf("screenshot: %s", file)
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// shotName names a screenshot after a test concern and a page path.
func shotName(concern, path string) string {
	p := strings.Trim(unsafeName.ReplaceAllString(path, "-"), "-")
	if p == "" {
		p = "home"
	}
	return concern + "-" + p
}

// fileURL is the file:// URL of a file in the built site.
func fileURL(rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(siteDir, rel))}).String()
}
