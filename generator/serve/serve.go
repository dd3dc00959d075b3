// Package serve previews a handbook while it is being written: it builds
// the site, serves the output folder over HTTP (loopback only unless told
// otherwise), watches the sources and rebuilds on every change, and tells
// open browser tabs to reload over server-sent events.
//
//	s, err := serve.New(serve.Options{
//		Source: ".", Addr: "127.0.0.1:8080",
//		Build:  serve.Generator(generator.Options{}, kinds),
//	})
//	if err != nil { ... }
//	err = s.Run(ctx) // until ctx is cancelled
//
// The live-reload script is added by the server to the HTML it serves
// (/_almanac/reload.js), so published sites carry no live-reload code.
package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/generator/write"
)

// DefaultAddr is where the server listens unless told otherwise.
const DefaultAddr = "127.0.0.1:8080"

// Rebuild describes one build the server asks for.
type Rebuild struct {
	Source  string // absolute handbook root
	Out     string // absolute output folder the server serves
	BaseURL string // the server's own URL ("http://127.0.0.1:8080/"), so canonical links and the 404 page's <base> stay local
	// Changed lists the slash paths (relative to Source) changed since the
	// last good build, sorted; nil for the first build. An incremental
	// builder may use it; a full build ignores it.
	Changed []string
	// Cache keeps highlighted code between the server's builds.
	Cache markdown.Cache
}

// BuildFunc builds the handbook for the server. It has the contract of
// generator.Build: on error the previous output is left untouched.
type BuildFunc func(ctx context.Context, r Rebuild) (*generator.Result, error)

// Generator returns a BuildFunc running a generator.Session with base,
// filling in Source, Out, BaseURL and Cache from the first Rebuild and
// calling kinds for a fresh list of kinds every full build (kinds may hold
// per-build state). The session rewrites just the edited page when a
// change stays inside one plain page, and builds everything otherwise.
func Generator(base generator.Options, kinds func() []site.Kind) BuildFunc {
	var session *generator.Session
	return func(ctx context.Context, r Rebuild) (*generator.Result, error) {
		if session == nil {
			o := base
			o.Source, o.Out = r.Source, r.Out
			if o.BaseURL == "" {
				o.BaseURL = r.BaseURL
			}
			if o.Cache == nil {
				o.Cache = r.Cache
			}
			session = generator.NewSession(o, kinds)
		}
		return session.Build(ctx, r.Changed)
	}
}

// Options configure a Server.
type Options struct {
	Source string    // handbook root; "" means the current folder
	Out    string    // output folder; "" means a temporary folder removed when the server stops
	Addr   string    // listen address; "" means DefaultAddr, and a bare ":port" binds loopback too
	Build  BuildFunc // required

	Poll         bool          // poll modification times instead of using file system events
	PollInterval time.Duration // 0 means 250ms
	Debounce     time.Duration // quiet time that ends a burst of changes; 0 means 30ms

	Log    *slog.Logger // internal problems (watcher errors); nil discards
	Stdout io.Writer    // the URL at start and one line per rebuild; nil discards
	Stderr io.Writer    // diagnostics of failed builds; nil discards
}

// Server builds, serves and watches one handbook.
type Server struct {
	opts     Options
	source   string // absolute handbook root
	out      string // absolute output folder
	tempDir  string // removed by Close when Out was not given
	ln       net.Listener
	url      string
	loopback bool
	log      *slog.Logger
	stdout   io.Writer
	stderr   io.Writer
	hub      hub
	cache    *memCache

	mu      sync.Mutex
	gen     uint64   // number of good builds; the site in out is from build gen
	errs    []string // errors of the latest build; nil when it succeeded
	running bool

	done      chan struct{} // closed when the server stops
	closeOnce sync.Once
}

// New checks the options and starts listening; call Run to build, serve
// and watch, or Close to give the port and temporary folder back.
func New(opts Options) (*Server, error) {
	if opts.Build == nil {
		return nil, errors.New("serve: Options.Build is required")
	}
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 250 * time.Millisecond
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 30 * time.Millisecond
	}
	s := &Server{opts: opts, log: opts.Log, stdout: opts.Stdout, stderr: opts.Stderr, cache: newMemCache(), done: make(chan struct{})}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.stdout == nil {
		s.stdout = io.Discard
	}
	if s.stderr == nil {
		s.stderr = io.Discard
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(src); err != nil {
		return nil, fmt.Errorf("handbook folder: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("handbook folder %s is not a folder", src)
	}
	s.source = src
	if opts.Out == "" {
		tmp, err := os.MkdirTemp("", "almanac-serve-")
		if err != nil {
			return nil, err
		}
		s.tempDir = tmp
		s.out = filepath.Join(tmp, "site")
	} else {
		if s.out, err = filepath.Abs(opts.Out); err != nil {
			return nil, err
		}
		if err := write.CheckOwned(s.out); err != nil {
			return nil, err
		}
	}
	addr, err := listenAddr(opts.Addr)
	if err != nil {
		s.removeTemp()
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		s.removeTemp()
		return nil, fmt.Errorf("%w (is another almanac serve running? choose another port with --addr 127.0.0.1:PORT)", err)
	}
	s.ln = ln
	s.url, s.loopback = serverURL(ln.Addr().(*net.TCPAddr))
	return s, nil
}

// listenAddr applies the default and keeps a bare ":port" on loopback.
func listenAddr(addr string) (string, error) {
	if addr == "" {
		return DefaultAddr, nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: %w (want HOST:PORT, such as 127.0.0.1:8080)", addr, err)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// serverURL returns the URL to print and whether the server is on loopback only.
func serverURL(a *net.TCPAddr) (string, bool) {
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(a.Port)) + "/", a.IP.IsLoopback()
}

// URL returns the address the server answers on, such as "http://127.0.0.1:8080/".
func (s *Server) URL() string { return s.url }

// Out returns the output folder being served.
func (s *Server) Out() string { return s.out }

// Close stops listening and removes the temporary output folder. Run calls
// it on return; calling it again does nothing.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		close(s.done)
		if e := s.ln.Close(); e != nil && !errors.Is(e, net.ErrClosed) {
			err = e
		}
		s.removeTemp()
	})
	return err
}

func (s *Server) removeTemp() {
	if s.tempDir != "" {
		_ = os.RemoveAll(s.tempDir)
	}
}

// Run builds the handbook, serves it and rebuilds on every change until ctx
// is cancelled. It returns nil when stopped by ctx.
func (s *Server) Run(ctx context.Context) error {
	defer s.Close()
	s.mu.Lock()
	if s.running {
		s.mu.Unlock()
		return errors.New("serve: Run called twice")
	}
	s.running = true
	s.mu.Unlock()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	changes := make(chan string, 4096)
	var wg sync.WaitGroup
	watchErr := make(chan error, 1)
	startWatch := s.watchEvents
	how := "file system events"
	if s.opts.Poll {
		startWatch = s.watchPoll
		how = fmt.Sprintf("polling every %s", s.opts.PollInterval)
	}
	ready := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := startWatch(ctx, changes, ready); err != nil && ctx.Err() == nil {
			watchErr <- err
		}
	}()
	if err := <-ready; err != nil {
		cancel()
		wg.Wait()
		return fmt.Errorf("watching %s: %w", s.source, err)
	}

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(s.ln) }()

	fmt.Fprintf(s.stdout, "serving %s on %s (watching with %s; Ctrl-C to stop)\n", s.source, s.url, how)
	if !s.loopback {
		fmt.Fprintf(s.stdout, "warning: listening on %s, which other machines can reach; the preview has no access control\n", s.ln.Addr())
	}

	var err error
	loopDone := make(chan struct{})
	go func() { s.loop(ctx, changes); close(loopDone) }()
	select {
	case <-ctx.Done():
	case err = <-serveErr:
		err = fmt.Errorf("serving: %w", err)
	case err = <-watchErr:
		err = fmt.Errorf("watching: %w", err)
	}
	cancel()
	<-loopDone
	wg.Wait()
	s.Close() // ends event streams so Shutdown need not wait for them
	sctx, scancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer scancel()
	_ = srv.Shutdown(sctx)
	return err
}

// loop runs the first build, then one build per burst of changes.
func (s *Server) loop(ctx context.Context, changes <-chan string) {
	s.rebuild(ctx, nil, time.Time{})
	const maxWait = time.Second // build even if changes never stop
	var (
		pending  = map[string]bool{}
		sinceOK  = map[string]bool{} // changed since the last good build
		first    time.Time
		timer    = time.NewTimer(time.Hour)
		timerSet bool
	)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case p := <-changes:
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[p] = true
			wait := s.opts.Debounce
			if left := maxWait - time.Since(first); left < wait {
				wait = max(left, 0)
			}
			timer.Reset(wait)
			timerSet = true
		case <-timer.C:
			if !timerSet {
				continue
			}
			timerSet = false
			for p := range pending {
				sinceOK[p] = true
			}
			clear(pending)
			if s.rebuild(ctx, sortedKeys(sinceOK), first) {
				clear(sinceOK)
			}
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// maxOverlayErrors caps the list sent to the browser.
const maxOverlayErrors = 50

// rebuild runs one build and tells the browsers. changed is nil for the
// first build; since is when the first change of the burst was seen. It
// reports whether the build succeeded.
func (s *Server) rebuild(ctx context.Context, changed []string, since time.Time) bool {
	start := time.Now()
	res, err := s.build(ctx, Rebuild{Source: s.source, Out: s.out, BaseURL: s.url, Changed: changed, Cache: s.cache})
	if ctx.Err() != nil {
		return false
	}
	took := time.Since(start).Round(time.Millisecond)
	what := ""
	if len(changed) > 0 {
		what = ": " + changed[0]
		if len(changed) > 1 {
			what += fmt.Sprintf(" and %d more", len(changed)-1)
		}
	}
	after := ""
	if !since.IsZero() {
		after = fmt.Sprintf(", %s after the change", time.Since(since).Round(time.Millisecond))
	}
	warnings := 0
	if res != nil {
		warnings = res.Warnings
	}

	if err != nil {
		var errs []string
		if res != nil {
			for _, d := range res.Diagnostics {
				if d.Severity == site.Error {
					errs = append(errs, d.String())
				}
			}
		}
		if len(errs) == 0 || !errors.Is(err, site.ErrContent) {
			errs = append(errs, err.Error())
		}
		for _, e := range errs {
			fmt.Fprintln(s.stderr, e)
		}
		fmt.Fprintf(s.stdout, "build failed in %s%s: %d error(s), %d warning(s); still serving the last good build%s\n", took, after, max(len(errs), 1), warnings, what)
		if len(errs) > maxOverlayErrors {
			errs = append(errs[:maxOverlayErrors:maxOverlayErrors], fmt.Sprintf("… and %d more", len(errs)-maxOverlayErrors))
		}
		s.mu.Lock()
		s.errs = errs
		gen := s.gen
		s.mu.Unlock()
		s.hub.publish("build-error", eventData{Build: gen, Errors: errs})
		return false
	}

	if changed == nil && res != nil {
		for _, d := range res.Diagnostics {
			fmt.Fprintln(s.stderr, d.String())
		}
	}
	s.cache.rotate()
	s.mu.Lock()
	from := s.gen
	s.gen++
	gen := s.gen
	s.errs = nil
	s.mu.Unlock()
	pages := 0
	if res != nil {
		pages = res.Pages
	}
	verb := "built"
	if changed != nil {
		verb = "rebuilt"
	}
	count := fmt.Sprintf("%d pages", pages)
	if res != nil && res.Patched {
		count = "the edited page only"
		if pages > 1 {
			count = "the edited pages only"
		}
	}
	fmt.Fprintf(s.stdout, "%s %s in %s%s (%d warnings)%s\n", verb, count, took, after, warnings, what)
	name := "reload"
	if from > 0 && onlyCSS(changed) {
		name = "css"
	}
	s.hub.publish(name, eventData{Build: gen, From: from})
	return true
}

// build calls the BuildFunc, turning a panic into a failed build so that
// the server keeps running and the writer sees it in the browser.
func (s *Server) build(ctx context.Context, r Rebuild) (res *generator.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("the build panicked", "panic", p, "stack", string(debug.Stack()))
			res, err = nil, fmt.Errorf("internal error: the build panicked: %v; please report it with the stack trace printed in the terminal", p)
		}
	}()
	return s.opts.Build(ctx, r)
}

// onlyCSS reports whether every change is to a stylesheet, so open pages
// can swap stylesheets instead of reloading.
func onlyCSS(changed []string) bool {
	for _, p := range changed {
		if !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return len(changed) > 0
}

// eventData is the JSON payload of every event.
type eventData struct {
	Build  uint64   `json:"build"`          // the good build the site now shows
	From   uint64   `json:"from,omitempty"` // css: the build the stylesheet swap applies to
	Errors []string `json:"errors,omitempty"`
}

func (d eventData) encode() []byte {
	b, _ := json.Marshal(d)
	return b
}

// state returns the current build number and errors.
func (s *Server) state() (uint64, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen, s.errs
}
