package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/cmd/benchgen/synth"
	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/search"
	"github.com/almanac-handbook/almanac/generator/serve"
)

// BenchmarkSaveToReload measures what a writer waits for in almanac serve:
// from saving one page of a synthetic handbook (a prose edit, as bench/run.sh
// makes) to the reload event on the event stream, with the real build, the
// watcher and the debounce. The search index follows the reload in the
// background; ms-search is when it has the edit. The next save waits for
// that, as a writer's next save comes seconds later. ALMANAC_BENCH_PAGES sets the handbook's size
// (1,000 pages unless set); ALMANAC_BENCH_DIR uses a handbook already
// generated there instead, editing its change page and restoring it after.
func BenchmarkSaveToReload(b *testing.B) {
	dir, change := saveBenchTree(b)
	original, err := os.ReadFile(change)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = os.WriteFile(change, original, 0o644) })

	s, next := serveEvents(b, serve.Options{
		Source: dir, Addr: "127.0.0.1:0",
		Build: serve.Generator(generator.Options{Version: "bench"}, all.Kinds),
	})
	if name, build := next(); name != "hello" || build == 0 {
		for name != "reload" { // the first build is still running
			if name == "build-error" {
				b.Fatal("the first build failed")
			}
			name, _ = next()
		}
	}

	lat := make([]time.Duration, 0, b.N)
	var searchLat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		token := fmt.Sprintf("zqxedit%d", i)
		edited := append(slices.Clip(original), fmt.Sprintf("\nEdited while serving, %s.\n", token)...)
		start := time.Now()
		if err := os.WriteFile(change, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			name, _ := next()
			if name == "build-error" {
				b.Fatal("the rebuild failed")
			}
			if name == "reload" {
				break
			}
		}
		lat = append(lat, time.Since(start))
		b.StopTimer()
		waitForSearch(b, s.URL(), token)
		searchLat = append(searchLat, time.Since(start))
		b.StartTimer()
	}
	b.StopTimer()
	reportLatency(b, lat)
	slices.Sort(searchLat)
	b.ReportMetric(float64(searchLat[len(searchLat)/2].Microseconds())/1000, "ms-search")
}

// serveEvents runs a server made with opts for the rest of the benchmark
// and returns it with a reader of its event stream.
func serveEvents(b *testing.B, opts serve.Options) (*serve.Server, func() (string, uint64)) {
	s, err := serve.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	b.Cleanup(func() { cancel(); <-done })
	resp, err := http.Get(s.URL() + "_almanac/events")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { resp.Body.Close() })
	return s, eventReader(b, bufio.NewScanner(resp.Body))
}

// reportLatency reports the median and 90th percentile of lat.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "ms-p90")
}

// waitForSearch polls the served search index until one of its parts has
// token.
func waitForSearch(b *testing.B, base, token string) {
	get := func(path string) string {
		resp, err := http.Get(base + path)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		first := get(search.PartPath(0))
		parts := 1
		if m := partsField.FindStringSubmatch(first); m != nil {
			parts, _ = strconv.Atoi(m[1])
		}
		for i := range parts {
			body := first
			if i > 0 {
				body = get(search.PartPath(i))
			}
			if strings.Contains(body, `"`+token+`"`) {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.Fatalf("the search index never got %q", token)
}

// partsField finds how many parts the first part of the index names.
var partsField = regexp.MustCompile(`^window\.ALMANAC_SEARCH=\{"v":\d+,"parts":(\d+),`)

// saveBenchTree returns the handbook to serve and the page to edit.
func saveBenchTree(b *testing.B) (dir, change string) {
	if dir := os.Getenv("ALMANAC_BENCH_DIR"); dir != "" {
		page := os.Getenv("ALMANAC_BENCH_CHANGE")
		if page == "" {
			b.Fatal("ALMANAC_BENCH_DIR needs ALMANAC_BENCH_CHANGE, the page to edit (benchgen prints it as change-page)")
		}
		return dir, filepath.Join(dir, filepath.FromSlash(page))
	}
	n := 1000
	if s := os.Getenv("ALMANAC_BENCH_PAGES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < synth.MinPages {
			b.Fatalf("ALMANAC_BENCH_PAGES=%q: want a number of at least %d", s, synth.MinPages)
		}
	}
	dir = filepath.Join(b.TempDir(), "handbook")
	res, err := synth.Write(dir, synth.Options{N: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return dir, filepath.Join(dir, filepath.FromSlash(res.ChangePage))
}

// eventReader returns a function giving the next event's name and build.
func eventReader(b *testing.B, sc *bufio.Scanner) func() (string, uint64) {
	return func() (string, uint64) {
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name != "":
				var d struct{ Build uint64 }
				_ = json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &d)
				return name, d.Build
			}
		}
		b.Fatal("the event stream ended")
		return "", 0
	}
}
