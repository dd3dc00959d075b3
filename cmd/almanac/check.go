package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/site"
)

const checkUsage = "almanac check [--source DIR] [--format text|github|json] [--strict] [--drafts]"

// runCheck runs every load, link and content check without writing a site.
func runCheck(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "check", checkUsage)
	source := fs.String("source", ".", "handbook root `folder`")
	format := fs.String("format", "text", "output `format`: text, github (workflow commands) or json")
	strict := fs.Bool("strict", false, "fail on warnings too")
	drafts := fs.Bool("drafts", false, "check pages marked draft: true as well")
	if !parseFlags(fs, args, 0) {
		return exitUsage
	}
	switch *format {
	case "text", "github", "json":
	default:
		fmt.Fprintf(e.stderr, "almanac check: unknown --format %q; use text, github or json\n", *format)
		return exitUsage
	}
	res, err := generator.Build(ctx, generator.Options{
		Source: *source, Drafts: *drafts, Kinds: all.Kinds(), Log: e.log, CheckOnly: true, Version: version,
	})
	if err != nil && !errors.Is(err, site.ErrContent) {
		fmt.Fprintf(e.stderr, "almanac check: %v\n", err)
		return exitContent
	}
	switch *format {
	case "github":
		writeGitHub(e.stdout, res.Diagnostics)
	case "json":
		if err := writeJSON(e.stdout, res); err != nil {
			fmt.Fprintf(e.stderr, "almanac check: %v\n", err)
			return exitContent
		}
	default:
		for _, d := range res.Diagnostics {
			fmt.Fprintln(e.stdout, d.String())
		}
	}
	if *format != "json" {
		fmt.Fprintf(e.stdout, "checked %d pages in %s: %d error(s), %d warning(s)\n", res.Pages, res.Duration.Round(1e6), res.Errors, res.Warnings)
	}
	if res.Errors > 0 || (*strict && res.Warnings > 0) {
		return exitContent
	}
	return exitOK
}

// writeGitHub prints GitHub Actions workflow commands, so findings appear
// inline on the pull request.
func writeGitHub(w io.Writer, diags []site.Diagnostic) {
	for _, d := range diags {
		props := "file=" + ghProp(d.Pos.Path)
		if d.Pos.Line > 0 {
			props += fmt.Sprintf(",line=%d", d.Pos.Line)
		}
		if d.Pos.Col > 0 {
			props += fmt.Sprintf(",col=%d", d.Pos.Col)
		}
		if d.Rule != "" {
			props += ",title=" + ghProp(d.Rule)
		}
		fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, props, ghData(d.Message))
	}
}

func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonReport is the --format json document. Its shape is stable: fields
// are only ever added.
type jsonReport struct {
	Version     int           `json:"version"`
	Diagnostics []jsonFinding `json:"diagnostics"`
	Errors      int           `json:"errors"`
	Warnings    int           `json:"warnings"`
	Pages       int           `json:"pages"`
}

type jsonFinding struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, res *generator.Result) error {
	r := jsonReport{Version: 1, Diagnostics: []jsonFinding{}, Errors: res.Errors, Warnings: res.Warnings, Pages: res.Pages}
	for _, d := range res.Diagnostics {
		r.Diagnostics = append(r.Diagnostics, jsonFinding{Path: d.Pos.Path, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
