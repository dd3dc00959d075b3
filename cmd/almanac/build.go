package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/cache"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/site"
)

func runBuild(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "build", "almanac build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--cache-dir DIR]")
	source := fs.String("source", ".", "handbook root `folder`")
	out := fs.String("out", "", "output `folder` (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "absolute `URL` the site is published at, for the sitemap, feeds and canonical links")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	cacheDir := fs.String("cache-dir", "", "`folder` for the build cache (default SOURCE/.almanac/cache; \"off\" disables it)")
	if !parseFlags(fs, args, 0) {
		return exitUsage
	}
	if _, err := site.NormalizeBaseURL(*baseURL); err != nil {
		fmt.Fprintf(e.stderr, "almanac build: --base-url %q: %v\n", *baseURL, err)
		return exitUsage
	}
	c, err := openCache(*source, *cacheDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "almanac build: cache: %v\n", err)
		return exitContent
	}
	opts := generator.Options{
		Source: *source, Out: *out, BaseURL: *baseURL, Drafts: *drafts,
		Kinds: all.Kinds(), Log: e.log, Version: version,
	}
	if c != nil {
		opts.Cache = c
		opts.Keep = filepath.Join(c.Root(), "site")
		opts.Snapshot = filepath.Join(c.Root(), "snapshot")
		defer c.Close() // a failed build leaves the old pack as it was
	}
	res, err := generator.Build(ctx, opts)
	if err == nil && c != nil && !res.Patched {
		// Only a good full build saves: a failed one used a part of the
		// cache, and saving would drop the rest; so would a patch, which
		// uses none of it.
		if serr := c.Save(); serr != nil {
			e.log.Warn("the build cache was not saved", "err", serr)
		}
	}
	return report(e, res, err, "build")
}

// openCache opens the build cache; dir "off" disables it (nil).
func openCache(source, dir string) (*cache.Dir, error) {
	switch dir {
	case "off":
		return nil, nil
	case "":
		dir = filepath.Join(source, ".almanac", "cache")
	}
	return cache.Open(dir)
}

// report prints diagnostics and the summary line, and picks the exit code.
func report(e *env, res *generator.Result, err error, verb string) int {
	if res != nil {
		printDiagnostics(e.stderr, res.Diagnostics)
	}
	switch {
	case err == nil:
		out := res.Out
		if rel, rerr := filepath.Rel(".", out); rerr == nil && len(rel) < len(out) {
			out = rel
		}
		took := res.Duration.Round(time.Millisecond)
		switch {
		case res.Patched && res.Pages == 0:
			fmt.Fprintf(e.stdout, "nothing changed since the last build of %s (%d warnings)\n", out, res.Warnings)
		case res.Patched:
			fmt.Fprintf(e.stdout, "updated the %d edited page(s) in %s in %s; nothing else changed (%d warnings)\n", res.Pages, out, took, res.Warnings)
		default:
			fmt.Fprintf(e.stdout, "built %d pages into %s in %s (%d warnings)\n", res.Pages, out, took, res.Warnings)
		}
		return exitOK
	case errors.Is(err, site.ErrContent):
		fmt.Fprintf(e.stderr, "%s failed: %d error(s), %d warning(s); the previous output was left as it was\n", verb, res.Errors, res.Warnings)
		return exitContent
	default:
		fmt.Fprintf(e.stderr, "almanac %s: %v\n", verb, err)
		return exitContent
	}
}

func printDiagnostics(w io.Writer, diags []site.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintln(w, d.String())
	}
}
