package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/site"
)

func runBuild(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "build", "almanac build [--source DIR] [--out DIR] [--base-url URL] [--drafts]")
	source := fs.String("source", ".", "handbook root `folder`")
	out := fs.String("out", "", "output `folder` (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "absolute `URL` the site is published at, for the sitemap, feeds and canonical links")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	if !parseFlags(fs, args, 0) {
		return exitUsage
	}
	res, err := generator.Build(ctx, generator.Options{
		Source: *source, Out: *out, BaseURL: *baseURL, Drafts: *drafts,
		Kinds: kinds(), Log: e.log, Version: version,
	})
	return report(e, res, err, "build")
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
		fmt.Fprintf(e.stdout, "built %d pages into %s in %s (%d warnings)\n", res.Pages, out, res.Duration.Round(time.Millisecond), res.Warnings)
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
