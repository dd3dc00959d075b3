package generator_test

// Benchmarks of the hot stages of a build, on a synthetic handbook written
// by cmd/benchgen (200 pages unless ALMANAC_BENCH_PAGES says otherwise).
// They run only with -bench:
//
//	go test -run XXX -bench . -benchtime 1x ./generator/
//	ALMANAC_BENCH_PAGES=10000 go test -run XXX -bench 'Build/cold' -benchtime 1x \
//	    -cpuprofile cpu.prof -memprofile mem.prof ./generator/
//	ALMANAC_BENCH_DIR=$PWD/testdata/bench/n10000 go test -run XXX -bench 'Build/warm' ...
//
// bench/run.sh measures the almanac binary end to end, against Hugo.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/cmd/benchgen/synth"
	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/cache"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/render"
	"github.com/almanac-handbook/almanac/generator/site"
	"github.com/almanac-handbook/almanac/templates"
)

var benchNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// benchPages is the size of the synthetic handbook.
func benchPages(b *testing.B) int {
	if s := os.Getenv("ALMANAC_BENCH_PAGES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < synth.MinPages {
			b.Fatalf("ALMANAC_BENCH_PAGES=%q: want a number of at least %d", s, synth.MinPages)
		}
		return n
	}
	return 200
}

// benchTree writes a synthetic handbook into a temporary folder, or
// returns ALMANAC_BENCH_DIR (a handbook bench/run.sh generated, say) when
// that is set: builds then write its public/ and .almanac/cache/.
func benchTree(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("ALMANAC_BENCH_DIR"); dir != "" {
		return dir
	}
	dir := filepath.Join(b.TempDir(), "handbook")
	if _, err := synth.Write(dir, synth.Options{N: benchPages(b), Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchBuild(b *testing.B, opts generator.Options) *generator.Result {
	b.Helper()
	opts.Kinds, opts.Now, opts.Version = all.Kinds(), benchNow, "bench"
	res, err := generator.Build(context.Background(), opts)
	if err != nil {
		var diags []string
		if res != nil {
			for i, d := range res.Diagnostics {
				if i == 10 {
					break
				}
				diags = append(diags, d.String())
			}
		}
		b.Fatalf("build: %v\n%s", err, strings.Join(diags, "\n"))
	}
	return res
}

// BenchmarkBuild is a whole build: cold (no cache), with a warm code-block
// cache on disk opened afresh as a new process would, and check only.
func BenchmarkBuild(b *testing.B) {
	b.Run("cold", func(b *testing.B) {
		dir := benchTree(b)
		var res *generator.Result
		for b.Loop() {
			res = benchBuild(b, generator.Options{Source: dir, Out: filepath.Join(dir, "public")})
		}
		b.ReportMetric(float64(res.Pages), "pages")
	})
	b.Run("warm-cache", func(b *testing.B) {
		dir := benchTree(b)
		cacheDir := filepath.Join(dir, ".almanac", "cache")
		build := func() {
			c, err := cache.Open(cacheDir)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			benchBuild(b, generator.Options{Source: dir, Out: filepath.Join(dir, "public"), Cache: c, Keep: filepath.Join(cacheDir, "site")})
			if err := c.Save(); err != nil {
				b.Fatal(err)
			}
		}
		build()
		for b.Loop() {
			build()
		}
	})
	b.Run("check", func(b *testing.B) {
		dir := benchTree(b)
		for b.Loop() {
			benchBuild(b, generator.Options{Source: dir, CheckOnly: true})
		}
	})
}

// BenchmarkLoad reads and parses every file (front matter and YAML).
func BenchmarkLoad(b *testing.B) {
	dir := benchTree(b)
	var docs int
	for b.Loop() {
		diags := &site.Diagnostics{}
		src, _, err := load.Load(context.Background(), load.Options{Root: dir}, diags)
		if err != nil {
			b.Fatal(err)
		}
		if e, _ := diags.Count(); e > 0 {
			b.Fatalf("load: %d errors", e)
		}
		docs = len(src.Docs)
	}
	b.ReportMetric(float64(docs), "files")
}

// benchResolver resolves every link and reference without a site.
type benchResolver struct{}

func (benchResolver) Dest(dest string, offset int, image bool) string { return dest }
func (benchResolver) Ref(kind, id string, offset int) (markdown.Target, bool) {
	return markdown.Target{Href: "/" + kind + "/" + id + "/", Title: id, Kind: kind}, true
}

// memCache is an in-memory markdown.Cache.
type memCache struct{ m sync.Map }

func (c *memCache) Get(k string) ([]byte, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		return nil, false
	}
	return v.([]byte), true
}
func (c *memCache) Put(k string, v []byte) { c.m.Store(k, v) }

// benchBody returns the Markdown body (after the front matter) of a
// handbook page with a table, a task list, links, references and one code
// block.
func benchBody(b *testing.B) []byte {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "handbook")
	res, err := synth.Write(dir, synth.Options{N: synth.MinPages * 10, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(res.ChangePage)))
	if err != nil {
		b.Fatal(err)
	}
	parts := bytes.SplitN(raw, []byte("---\n"), 3)
	if len(parts) != 3 {
		b.Fatalf("%s has no front matter", res.ChangePage)
	}
	return parts[2]
}

// BenchmarkMarkdown parses and renders one page. "render-cached-code"
// serves the code block from a warm cache, so the difference to "render"
// is the cost of highlighting.
func BenchmarkMarkdown(b *testing.B) {
	src := benchBody(b)
	b.Run("parse", func(b *testing.B) {
		md := markdown.New(markdown.Options{})
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			md.Parse(src)
		}
	})
	b.Run("render", func(b *testing.B) {
		md := markdown.New(markdown.Options{})
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, _, err := md.Render(md.Parse(src), benchResolver{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render-cached-code", func(b *testing.B) {
		md := markdown.New(markdown.Options{Cache: &memCache{}})
		md.Render(md.Parse(src), benchResolver{})
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, _, err := md.Render(md.Parse(src), benchResolver{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// countingOutput discards rendered files, counting their bytes.
type countingOutput struct{ n atomic.Int64 }

func (o *countingOutput) WriteFile(rel string, data []byte) error {
	o.n.Add(int64(len(data)))
	return nil
}

// BenchmarkTemplates executes the theme's templates for every page of a
// checked site, without writing. "by-template" renders the pages one at a
// time and logs where the time goes per page template.
func BenchmarkTemplates(b *testing.B) {
	dir := benchTree(b)
	res := benchBuild(b, generator.Options{Source: dir, CheckOnly: true})
	theme, err := render.LoadTheme(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	meta := &render.Meta{Version: "bench", Summary: &render.Summary{}}
	b.Run("all", func(b *testing.B) {
		var out countingOutput
		for b.Loop() {
			out.n.Store(0)
			if err := theme.RenderPages(context.Background(), res.Site, res.Site.Pages(), &out, render.PageOptions{Meta: meta}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(out.n.Load())/(1<<20), "MB-out")
		b.ReportMetric(float64(len(res.Site.Pages())), "pages")
	})
	b.Run("by-template", func(b *testing.B) {
		type stat struct {
			name  string
			pages int
			bytes int
			time  time.Duration
		}
		var stats map[string]*stat
		nav := res.Site.Nav()
		for b.Loop() {
			stats = map[string]*stat{}
			for _, p := range res.Site.Pages() {
				if p.Template == "" {
					continue
				}
				start := time.Now()
				out, err := theme.Page(res.Site, p, nav, meta)
				if err != nil {
					b.Fatal(err)
				}
				st := stats[p.Template]
				if st == nil {
					st = &stat{name: p.Template}
					stats[p.Template] = st
				}
				st.pages++
				st.bytes += len(out)
				st.time += time.Since(start)
			}
		}
		list := make([]*stat, 0, len(stats))
		for _, st := range stats {
			list = append(list, st)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].time > list[j].time })
		for _, st := range list {
			b.Logf("%-28s %6d pages %9.1f ms %8.3f ms/page %8.1f KB/page", st.name, st.pages,
				float64(st.time.Microseconds())/1000, float64(st.time.Microseconds())/1000/float64(st.pages), float64(st.bytes)/1024/float64(st.pages))
		}
	})
}

// BenchmarkSessionEdit is almanac serve's rebuild after a writer edits the
// prose of one page: a Session rewriting that page and the search index.
func BenchmarkSessionEdit(b *testing.B) {
	dir := benchTree(b)
	out := filepath.Join(b.TempDir(), "public")
	session := generator.NewSession(generator.Options{Source: dir, Out: out, Now: benchNow, Version: "bench"}, all.Kinds)
	ctx := context.Background()
	res, err := session.Build(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	var change *site.Page
	for _, p := range res.Site.Pages() {
		if p.Kind == "page" && p.Source != nil && !strings.HasSuffix(p.Source.Path, "_index.md") {
			change = p
			break
		}
	}
	file := filepath.Join(dir, filepath.FromSlash(change.Source.Path))
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = os.WriteFile(file, original, 0o644) })
	var index time.Duration
	i := 0
	for b.Loop() {
		i++
		edited := append(bytes.Clone(original), fmt.Sprintf("\nEdit %d.\n", i)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		res, err := session.Build(ctx, []string{change.Source.Path})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Patched {
			b.Fatal("the edit needed a full build")
		}
		// The search index is rewritten in the background; a writer's
		// next save comes long after it is done.
		b.StopTimer()
		start := time.Now()
		session.Wait()
		index += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(index.Microseconds())/1000/float64(i), "ms-index")
}
