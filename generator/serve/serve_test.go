package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/serve"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// wait bounds every wait for the server; tests poll and return as soon as
// what they wait for happens.
const wait = 15 * time.Second

const handbook = `
-- almanac.yaml --
title: Serve Test
base_url: https://handbook.example.org/
-- content/_index.md --
---
title: Home
---
Welcome home.
-- content/guide.md --
---
title: Guide
---
First version of the guide.
`

// syncBuffer collects the server's output across goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type testServer struct {
	*serve.Server
	dir    string // the handbook
	stdout *syncBuffer
	stderr *syncBuffer
	stop   func() // stops Run and waits for it
}

// start writes archive to a temporary handbook and runs a server for it on
// a free loopback port with the page kind. It returns once the first
// build is served.
func start(t *testing.T, archive string, edit func(*serve.Options)) *testServer {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, archive)
	ts := &testServer{dir: dir, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	opts := serve.Options{
		Source: dir,
		Addr:   "127.0.0.1:0",
		Build: serve.Generator(generator.Options{Now: sitetest.Now, Version: "test"},
			func() []site.Kind { return []site.Kind{page.New()} }),
		Debounce: 20 * time.Millisecond,
		Stdout:   ts.stdout,
		Stderr:   ts.stderr,
	}
	if edit != nil {
		edit(&opts)
	}
	s, err := serve.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = s
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	ts.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(wait):
				t.Errorf("Run did not return within %s of cancelling", wait)
			}
		})
	}
	t.Cleanup(ts.stop)
	ev := ts.events(t)
	ev.waitBuild(t, 1)
	return ts
}

func (ts *testServer) write(t *testing.T, rel, body string) {
	t.Helper()
	p := filepath.Join(ts.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (ts *testServer) get(t *testing.T, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(ts.URL(), "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// wantPage fails unless path is served with status 200 and contains every want.
func (ts *testServer) wantPage(t *testing.T, path string, want ...string) string {
	t.Helper()
	code, body, _ := ts.get(t, path)
	if code != http.StatusOK {
		t.Fatalf("GET %s: status %d\n%s", path, code, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("GET %s lacks %q:\n%s", path, w, body)
		}
	}
	return body
}

// sse is one server-sent event as the browser sees it.
type sse struct {
	name   string
	Build  uint64   `json:"build"`
	From   uint64   `json:"from"`
	Errors []string `json:"errors"`
}

// stream reads the event stream the way the injected script does.
type stream struct {
	ch     chan sse
	closed chan struct{}
}

func (ts *testServer) events(t *testing.T) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL()+"_almanac/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	st := &stream{ch: make(chan sse, 100), closed: make(chan struct{})}
	go func() {
		defer close(st.closed)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				e := sse{name: name}
				if err := json.Unmarshal([]byte(data), &e); err != nil {
					t.Errorf("event %s: bad data %q: %v", name, data, err)
				}
				st.ch <- e
				name, data = "", ""
			}
		}
	}()
	t.Cleanup(func() { cancel(); resp.Body.Close(); <-st.closed })
	return st
}

// next returns the next event, failing after the deadline.
func (st *stream) next(t *testing.T) sse {
	t.Helper()
	select {
	case e := <-st.ch:
		return e
	case <-st.closed:
		t.Fatal("event stream closed")
	case <-time.After(wait):
		t.Fatalf("no event within %s", wait)
	}
	return sse{}
}

// waitFor skips events until one named name arrives; it fails on an
// unexpected build error.
func (st *stream) waitFor(t *testing.T, name string) sse {
	t.Helper()
	for {
		e := st.next(t)
		if e.name == name {
			return e
		}
		if e.name == "build-error" {
			t.Fatalf("build failed while waiting for %s: %v", name, e.Errors)
		}
	}
}

// waitBuild waits until the site shown is from good build n or later.
func (st *stream) waitBuild(t *testing.T, n uint64) sse {
	t.Helper()
	for {
		e := st.next(t)
		switch {
		case e.name == "build-error":
			t.Fatalf("build failed while waiting for build %d: %v", n, e.Errors)
		case e.Build >= n:
			return e
		}
	}
}

func TestEditReloads(t *testing.T) {
	ts := start(t, handbook, nil)
	ev := ts.events(t)
	if e := ev.next(t); e.name != "hello" || e.Build != 1 || len(e.Errors) != 0 {
		t.Fatalf("first event = %+v, want hello for build 1 without errors", e)
	}
	body := ts.wantPage(t, "/guide/", "First version of the guide.")
	if !strings.Contains(body, `<script src="/_almanac/reload.js" data-build="1" defer></script>`+"\n</body>") {
		t.Errorf("reload script not injected before </body>:\n%s", body)
	}
	if strings.Contains(sitetest.Tree(t, ts.Out())["guide/index.html"], "_almanac") {
		t.Error("the output folder itself carries the reload script; only served pages should")
	}

	ts.write(t, "content/guide.md", "---\ntitle: Guide\n---\nSecond version of the guide.\n")
	if e := ev.waitFor(t, "reload"); e.Build != 2 {
		t.Fatalf("reload event %+v, want build 2", e)
	}
	ts.wantPage(t, "/guide/", "Second version of the guide.", `data-build="2"`)
	if out := ts.stdout.String(); !strings.Contains(out, "serving ") || !strings.Contains(out, ts.URL()) ||
		!strings.Contains(out, "rebuilt ") || !strings.Contains(out, "after the change") || !strings.Contains(out, ": content/guide.md") {
		t.Errorf("stdout lacks the URL or the rebuild line:\n%s", out)
	}

	// The temporary output folder goes away with the server.
	out := ts.Out()
	ts.stop()
	if _, err := os.Stat(filepath.Dir(out)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temporary output %s still there after Run returned (%v)", out, err)
	}
}

func TestRenameOverEdits(t *testing.T) {
	ts := start(t, handbook, nil)
	ev := ts.events(t)
	ev.waitFor(t, "hello")
	guide := filepath.Join(ts.dir, "content", "guide.md")
	build := uint64(1)
	check := func(t *testing.T, text string) {
		t.Helper()
		e := ev.waitFor(t, "reload")
		if e.Build <= build {
			t.Fatalf("reload for build %d, want a build after %d", e.Build, build)
		}
		build = e.Build
		// Every step of a save lands in one quiet window, so one save is
		// one build; wait out a second build should one come.
		for {
			code, body, _ := ts.get(t, "/guide/")
			if code == http.StatusOK && strings.Contains(body, text) {
				break
			}
			build = ev.waitFor(t, "reload").Build
		}
	}

	t.Run("rename over", func(t *testing.T) {
		tmp := guide + ".tmp"
		if err := os.WriteFile(tmp, []byte("Written to a temporary file, renamed over.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, guide); err != nil {
			t.Fatal(err)
		}
		check(t, "Written to a temporary file, renamed over.")
	})
	t.Run("vim", func(t *testing.T) {
		// vim with backupcopy=no: probe file 4913, move the original to a
		// backup, write a new file, delete the backup.
		probe := filepath.Join(filepath.Dir(guide), "4913")
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(probe)
		if err := os.Rename(guide, guide+"~"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(guide, []byte("Saved by vim.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(guide + "~")
		check(t, "Saved by vim.")
	})
	t.Run("jetbrains", func(t *testing.T) {
		// JetBrains safe write: write a temporary file, move the original
		// aside, move the temporary file in, delete the original.
		tmp, old := guide+"___jb_tmp___", guide+"___jb_old___"
		if err := os.WriteFile(tmp, []byte("Saved by a JetBrains IDE.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(guide, old); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, guide); err != nil {
			t.Fatal(err)
		}
		os.Remove(old)
		check(t, "Saved by a JetBrains IDE.")
	})
}

func TestBurstIsOneRebuild(t *testing.T) {
	ts := start(t, handbook, func(o *serve.Options) { o.Debounce = 100 * time.Millisecond })
	ev := ts.events(t)
	ev.waitFor(t, "hello")
	const n = 20
	for i := range n {
		ts.write(t, fmt.Sprintf("content/burst/p%02d.md", i), fmt.Sprintf("# Page %d\n", i))
	}
	ev.waitFor(t, "reload")
	for {
		if code, _, _ := ts.get(t, fmt.Sprintf("/burst/p%02d/", n-1)); code == http.StatusOK {
			break
		}
		ev.waitFor(t, "reload")
	}
	_, _, _ = ts.get(t, "/")
	t.Logf("server output:\n%s", ts.stdout)
	builds := strings.Count(ts.stdout.String(), "rebuilt ")
	if builds > 2 {
		t.Errorf("a burst of %d new files took %d rebuilds, want 1 (2 at most on a loaded machine):\n%s", n, builds, ts.stdout)
	}
}

func TestNewFolder(t *testing.T) {
	ts := start(t, handbook, nil)
	ev := ts.events(t)
	ev.waitFor(t, "hello")

	// Folders made after the server started, two levels at once.
	ts.write(t, "content/teams/platform/oncall.md", "---\ntitle: On call\n---\nPlatform on-call rota.\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/teams/platform/oncall/", "Platform on-call rota.")

	// The new folder is watched: a later edit in it rebuilds too.
	ts.write(t, "content/teams/platform/oncall.md", "---\ntitle: On call\n---\nNew rota.\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/teams/platform/oncall/", "New rota.")

	// A watched folder renamed: watched under its new name, with paths
	// reported under the new name.
	if err := os.Rename(filepath.Join(ts.dir, "content", "teams"), filepath.Join(ts.dir, "content", "squads")); err != nil {
		t.Fatal(err)
	}
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/squads/platform/oncall/", "New rota.")
	ts.write(t, "content/squads/platform/oncall.md", "---\ntitle: On call\n---\nRenamed rota.\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/squads/platform/oncall/", "Renamed rota.")
	if out := ts.stdout.String(); !strings.Contains(out, ": content/squads/platform/oncall.md\n") {
		t.Errorf("the edit after the rename is not reported under the new path:\n%s", out)
	}

	// A watched top-level folder that did not exist at start.
	ts.write(t, "static/files/handout.txt", "handout v1\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/files/handout.txt", "handout v1")
	ts.write(t, "static/files/handout.txt", "handout v2\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/files/handout.txt", "handout v2")
}

// waitServed waits until path serves text, taking further reloads as they come.
func waitServed(t *testing.T, ts *testServer, ev *stream, path, text string) {
	t.Helper()
	for {
		code, body, _ := ts.get(t, path)
		if code == http.StatusOK && strings.Contains(body, text) {
			return
		}
		ev.waitFor(t, "reload")
	}
}

func TestBrokenEditThenFix(t *testing.T) {
	ts := start(t, handbook, nil)
	ev := ts.events(t)
	ev.waitFor(t, "hello")

	ts.write(t, "content/guide.md", "---\ntitle: Broken <b>guide</b>\n\nThe front matter never ends.\n")
	e := ev.waitFor(t, "build-error")
	if e.Build != 1 || len(e.Errors) == 0 {
		t.Fatalf("build-error event %+v, want the errors and build 1 still shown", e)
	}
	joined := strings.Join(e.Errors, "\n")
	if !strings.Contains(joined, "content/guide.md:1:1: error: ") || !strings.Contains(joined, "never closed") {
		t.Errorf("errors lack content/guide.md:1:1 and the message:\n%s", joined)
	}
	// The last good build is still served.
	ts.wantPage(t, "/guide/", "First version of the guide.")
	if out := ts.stdout.String(); !strings.Contains(out, "build failed") || !strings.Contains(out, "still serving the last good build") {
		t.Errorf("stdout lacks the failure line:\n%s", out)
	}
	if !strings.Contains(ts.stderr.String(), "content/guide.md:1:1: error:") {
		t.Errorf("stderr lacks the diagnostic:\n%s", ts.stderr)
	}
	// A tab opened now learns about the errors at once.
	late := ts.events(t)
	if h := late.next(t); h.name != "hello" || h.Build != 1 || !strings.Contains(strings.Join(h.Errors, "\n"), "content/guide.md:1:1") {
		t.Errorf("hello on a failed build = %+v, want build 1 with the errors", h)
	}

	ts.write(t, "content/guide.md", "---\ntitle: Guide\n---\nFixed guide.\n")
	if e := ev.waitFor(t, "reload"); e.Build != 2 {
		t.Errorf("reload after the fix = %+v, want build 2", e)
	}
	ts.wantPage(t, "/guide/", "Fixed guide.")
	if h := ts.events(t).next(t); h.name != "hello" || h.Build != 2 || len(h.Errors) != 0 {
		t.Errorf("hello after the fix = %+v, want build 2 without errors", h)
	}
}

func TestCSSChangeSwapsStyles(t *testing.T) {
	ts := start(t, handbook+"-- static/extra.css --\nbody { color: red; }\n", nil)
	ev := ts.events(t)
	ev.waitFor(t, "hello")
	ts.write(t, "static/extra.css", "body { color: blue; }\n")
	e := ev.waitFor(t, "css")
	if e.From != 1 || e.Build != 2 {
		t.Errorf("css event %+v, want from 1 to build 2", e)
	}
	if code, body, h := ts.get(t, "/extra.css"); code != http.StatusOK || !strings.Contains(body, "blue") || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("GET /extra.css: %d %q %s", code, body, h.Get("Content-Type"))
	}
	ts.write(t, "content/guide.md", "Not a stylesheet.\n")
	if e := ev.waitFor(t, "reload"); e.Build != 3 {
		t.Errorf("reload event %+v, want build 3", e)
	}
}

func TestPollMode(t *testing.T) {
	ts := start(t, handbook, func(o *serve.Options) {
		o.Poll = true
		o.PollInterval = 20 * time.Millisecond
	})
	ev := ts.events(t)
	ev.waitFor(t, "hello")
	ts.write(t, "content/guide.md", "Polled edit.\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/guide/", "Polled edit.")
	ts.write(t, "content/new/polled.md", "A page in a new folder.\n")
	ev.waitFor(t, "reload")
	waitServed(t, ts, ev, "/new/polled/", "A page in a new folder.")
	if err := os.Remove(filepath.Join(ts.dir, "content", "new", "polled.md")); err != nil {
		t.Fatal(err)
	}
	ev.waitFor(t, "reload")
	for {
		if code, _, _ := ts.get(t, "/new/polled/"); code == http.StatusNotFound {
			break
		}
		ev.waitFor(t, "reload")
	}
}

// rawGet sends target byte for byte, as curl --path-as-is or an attacker
// would, bypassing any client-side cleaning.
func rawGet(t *testing.T, ts *testServer, target string) (int, string) {
	t.Helper()
	u, _ := url.Parse(ts.URL())
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, u.Host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestPathTraversal(t *testing.T) {
	const secret = "TOPSECRET-not-part-of-the-site"
	var outParent string
	ts := start(t, handbook+"-- secret.txt --\n"+secret+"\n", func(o *serve.Options) {
		outParent = filepath.Join(o.Source, "preview")
		o.Out = filepath.Join(outParent, "site")
	})
	// Secrets next to the output folder, and links out of it.
	if err := os.WriteFile(filepath.Join(outParent, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outParent, "secret.txt"), filepath.Join(ts.Out(), "leak.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(ts.dir, filepath.Join(ts.Out(), "leakdir")); err != nil {
		t.Fatal(err)
	}
	if code, _ := rawGet(t, ts, "/assets/site.css"); code != http.StatusOK {
		t.Fatalf("a real file: status %d", code)
	}
	for _, target := range []string{
		"/../secret.txt",
		"/../../secret.txt",
		"/assets/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/.%2e/secret.txt",
		"/..%2fsecret.txt",
		"/..%2Fsite%2f..%2f..%2fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"/..%5csecret.txt",
		"/%5c..%5c..%5csecret.txt",
		"/..\\secret.txt",
		"/%252e%252e/secret.txt",
		"/%252e%252e%252fsecret.txt",
		"/assets/%00/../../secret.txt",
		"/leak.txt",
		"/leakdir/secret.txt",
		"/leakdir/content/guide.md",
		"/.almanac-output",
		"//secret.txt",
		"/preview/secret.txt",
		"/secret.txt",
	} {
		code, body := rawGet(t, ts, target)
		if code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, code)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "First version") {
			t.Errorf("GET %s returned a file from outside the output:\n%s", target, body)
		}
	}
	for _, target := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt"} {
		if code, _ := rawGet(t, ts, target); code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", target, code)
		}
	}
}

func TestHeadersAndRouting(t *testing.T) {
	ts := start(t, handbook, nil)
	if !strings.HasPrefix(ts.URL(), "http://127.0.0.1:") {
		t.Errorf("URL %s is not on loopback", ts.URL())
	}
	code, body, h := ts.get(t, "/")
	if code != http.StatusOK || !strings.Contains(body, "Welcome home.") {
		t.Fatalf("GET /: %d\n%s", code, body)
	}
	for k, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY",
		"Content-Type":           "text/html; charset=utf-8",
		"Cache-Control":          "no-store",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(strings.SplitN(strings.SplitN(csp, "script-src", 2)[1], ";", 2)[0], "'unsafe-inline'") {
		t.Errorf("script-src allows inline scripts: %s", csp)
	}
	// The local URL replaces base_url while serving.
	if !strings.Contains(body, `<link rel="canonical" href="`+ts.URL()+`">`) {
		t.Errorf("canonical link does not point at the server:\n%s", body)
	}

	code, js, h := ts.get(t, "/_almanac/reload.js")
	if code != http.StatusOK || !strings.Contains(js, "EventSource") || !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET reload.js: %d %s", code, h.Get("Content-Type"))
	}

	// A folder without its slash redirects; a missing page gets the site's 404.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.URL() + "guide?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/guide/?x=1" {
		t.Errorf("GET /guide: %d Location %q, want 301 to /guide/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, body, h = ts.get(t, "/no/such/page/")
	if code != http.StatusNotFound || !strings.Contains(body, "There is no page at this address") || !strings.Contains(body, "/_almanac/reload.js") {
		t.Errorf("GET missing page: %d\n%s", code, body)
	}
	if h.Get("X-Frame-Options") != "DENY" {
		t.Error("404 response lacks the security headers")
	}

	// Only GET and HEAD; only localhost names (no DNS rebinding).
	resp, err = http.Post(ts.URL(), "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL(), nil)
	req.Host = "attacker.example:80"
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("Host attacker.example: %d, want 403", resp.StatusCode)
	}
	req.Host = "localhost"
	if resp, err = http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("Host localhost: %d, want 200", resp.StatusCode)
		}
	}
	resp, err = http.Head(ts.URL() + "guide/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD /guide/: %d", resp.StatusCode)
	}
}

func TestNewChecks(t *testing.T) {
	build := serve.Generator(generator.Options{}, nil)
	dir := t.TempDir()
	s, err := serve.New(serve.Options{Source: dir, Addr: ":0", Build: build})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("a bare :port should bind loopback, got %s", s.URL())
	}
	tmp := filepath.Dir(s.Out())
	s.Close()
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Close left the temporary output %s (%v)", tmp, err)
	}

	mine := filepath.Join(dir, "mine")
	sitetest.Write(t, mine, "-- notes.txt --\nmy notes\n")
	if _, err := serve.New(serve.Options{Source: dir, Out: mine, Addr: "127.0.0.1:0", Build: build}); err == nil {
		t.Error("New accepted an --out folder almanac did not make")
	}
	if _, err := serve.New(serve.Options{Source: filepath.Join(dir, "missing"), Addr: "127.0.0.1:0", Build: build}); err == nil {
		t.Error("New accepted a missing handbook folder")
	}
}

// BenchmarkEditToEvent measures what the server adds to a rebuild: from a
// file write to the reload event on the stream, with a build that does
// nothing (so the time is the watcher, the debounce window and the event).
func BenchmarkEditToEvent(b *testing.B) {
	dir := b.TempDir()
	sitetest.Write(b, dir, handbook)
	_, next := serveEvents(b, serve.Options{
		Source: dir, Addr: "127.0.0.1:0",
		Build: func(ctx context.Context, r serve.Rebuild) (*generator.Result, error) {
			return &generator.Result{Out: r.Out}, nil
		},
	})
	if e, _ := next(); e != "hello" {
		b.Fatalf("first event %s", e)
	}
	guide := filepath.Join(dir, "content", "guide.md")
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if err := os.WriteFile(guide, []byte(fmt.Sprintf("Edit %d.\n", i)), 0o644); err != nil {
			b.Fatal(err)
		}
		for name, _ := next(); name != "reload"; name, _ = next() {
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

func TestPanickingBuildIsAFailedBuild(t *testing.T) {
	ts := start(t, handbook, func(o *serve.Options) {
		build := o.Build
		o.Build = func(ctx context.Context, r serve.Rebuild) (*generator.Result, error) {
			if b, _ := os.ReadFile(filepath.Join(r.Source, "content", "guide.md")); strings.Contains(string(b), "PANIC") {
				panic("boom")
			}
			return build(ctx, r)
		}
	})
	ev := ts.events(t)
	ev.waitFor(t, "hello")
	ts.write(t, "content/guide.md", "PANIC\n")
	if e := ev.waitFor(t, "build-error"); !strings.Contains(strings.Join(e.Errors, "\n"), "the build panicked: boom") {
		t.Errorf("build-error after a panic: %v", e.Errors)
	}
	ts.wantPage(t, "/guide/", "First version of the guide.")
	ts.write(t, "content/guide.md", "Calm again.\n")
	ev.waitFor(t, "reload")
	ts.wantPage(t, "/guide/", "Calm again.")
}
