package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

const newUsage = `almanac new adr "Title" [--supersedes N] [--source DIR]
       almanac new runbook SERVICE "Title" [--source DIR]`

// runNew writes a new ADR or runbook from its template and prints the path.
func runNew(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "Usage: %s\n", newUsage)
		return exitUsage
	}
	what, rest := args[0], args[1:]
	fs := newFlags(e, "new "+what, newUsage)
	source := fs.String("source", ".", "handbook root `folder`")
	var supersedes stringList
	if what == "adr" {
		fs.Var(&supersedes, "supersedes", "`id` of an ADR the new one supersedes (repeatable)")
	}
	// Flags may come before or after the positional arguments.
	var positional []string
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return exitUsage
		}
		rest = fs.Args()
		if len(rest) > 0 {
			positional = append(positional, rest[0])
			rest = rest[1:]
		}
	}
	now := time.Now()
	var path string
	var err error
	switch what {
	case "adr":
		if len(positional) != 1 || strings.TrimSpace(positional[0]) == "" {
			fmt.Fprintf(e.stderr, "almanac new adr: give the title as one argument\nUsage: %s\n", newUsage)
			return exitUsage
		}
		path, err = adr.NewADR(*source, positional[0], supersedes, now)
	case "runbook":
		if len(positional) != 2 {
			fmt.Fprintf(e.stderr, "almanac new runbook: give the service id and the title\nUsage: %s\n", newUsage)
			return exitUsage
		}
		var services []string
		if services, err = catalogServices(ctx, *source, e.log, now); err == nil {
			path, err = runbook.NewRunbook(*source, positional[0], positional[1], services, now)
		}
	default:
		fmt.Fprintf(e.stderr, "almanac new: unknown kind %q; use adr or runbook\nUsage: %s\n", what, newUsage)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "almanac new %s: %v\n", what, err)
		return exitContent
	}
	fmt.Fprintln(e.stdout, path)
	return exitOK
}

// catalogServices returns the ids of the services in the catalog of the
// handbook at root, which a new runbook's service must be one of. It loads
// the handbook and the catalog alone, as a build would.
func catalogServices(ctx context.Context, root string, log *slog.Logger, now time.Time) ([]string, error) {
	diags := &site.Diagnostics{}
	src, cfg, err := load.Load(ctx, load.Options{Root: root}, diags)
	if err != nil {
		return nil, err
	}
	s := site.New(src, cfg, diags, log, now)
	if err := catalog.New().Load(ctx, s); err != nil {
		return nil, err
	}
	var ids []string
	for _, svc := range catalog.Of(s).Services {
		ids = append(ids, svc.ID)
	}
	if len(ids) == 0 {
		// No services may mean a catalog that does not read: say why.
		for _, d := range diags.List() {
			if d.Severity == site.Error {
				return nil, fmt.Errorf("the catalog has no services, and %s", d)
			}
		}
	}
	return ids, nil
}

// stringList is a repeatable string flag that also splits on commas.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
