// Command almanac builds engineering handbooks into static sites.
//
//	almanac build [--source DIR] [--out DIR] [--base-url URL] [--drafts]
//	almanac check [--source DIR] [--format text|github|json] [--strict]
//	almanac serve [--source DIR] [--addr 127.0.0.1:8080] [--poll]
//	almanac new adr "Title" | almanac new runbook SERVICE "Title"
//	almanac init DIR
//	almanac version
//	almanac help
//
// Exit status: 0 on success, 1 when the handbook has errors, 2 on bad usage.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
)

// version is set at link time (-ldflags "-X main.version=...").
var version = "dev"

const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

// defaultMemoryLimit is the soft memory limit almanac runs with unless
// GOMEMLIMIT says otherwise. A build's heap is mostly short-lived page
// output, and with Go's default pacing the peak is twice what is live;
// near this limit the collector runs sooner instead. Up to roughly 30,000
// pages a build stays under it; at 50,000 (about 700 MB live while pages
// are written) it keeps a cold build's peak at 1.5 GB instead of 2.1 GB,
// in the same time (single runs of 60-64 s either way).
const defaultMemoryLimit = 1500 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	stopProfile := startProfile(os.Getenv("ALMANAC_CPUPROFILE"), os.Stderr)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole run to file when it is
// set (ALMANAC_CPUPROFILE), for `go tool pprof`; the returned func stops it.
func startProfile(file string, stderr io.Writer) func() {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "almanac: ALMANAC_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// logLevel is the level ALMANAC_LOG names (debug, info, warn or error);
// warnings by default. At debug a build says, for instance, why it could
// not patch the last one's output.
func logLevel(name string) slog.Level {
	var l slog.Level
	if l.UnmarshalText([]byte(name)) != nil {
		return slog.LevelWarn
	}
	return l
}

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, env *env, args []string) int
}

// env is what a command writes to.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
}

func commands() []command {
	return []command{
		{"build", "build the handbook into a static site", "almanac build [--source DIR] [--out DIR] [--base-url URL] [--drafts]", runBuild},
		{"check", "run every check without writing a site (for pull requests)", checkUsage, runCheck},
		{"init", "scaffold a new handbook with one example of every kind", initUsage, runInit},
		{"new", "write a new ADR or runbook from its template", newUsage, runNew},
		{"serve", "build, serve on localhost and rebuild on every change", serveUsage, runServe},
		{"version", "print the version", "almanac version", runVersion},
		{"help", "show help for a command", "almanac help [COMMAND]", nil},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel(os.Getenv("ALMANAC_LOG"))}))}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "--help", "-help":
		if len(rest) > 0 {
			for _, c := range commands() {
				if c.name == rest[0] {
					fmt.Fprintf(stdout, "%s\n\nUsage: %s\n", c.summary, c.usage)
					return exitOK
				}
			}
			fmt.Fprintf(stderr, "almanac: unknown command %q\n", rest[0])
			return exitUsage
		}
		usage(stdout)
		return exitOK
	case "--version", "-v":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, e, rest)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "almanac: unknown command %q%s\n", name, didYouMean(name, names))
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Almanac builds an engineering handbook (Markdown and YAML in a git repo) into a static site.")
	fmt.Fprintln(w, "\nUsage: almanac COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'almanac help COMMAND' for a command's flags.")
}

// newFlags returns a flag set that reports usage errors to stderr.
func newFlags(e *env, name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: %s\n\nFlags:\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, rejecting stray arguments. It returns false (and
// has printed why) on bad usage.
func parseFlags(fs *flag.FlagSet, args []string, maxArgs int) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > maxArgs {
		fmt.Fprintf(fs.Output(), "almanac %s: unexpected argument %q\n", fs.Name(), fs.Arg(maxArgs))
		fs.Usage()
		return false
	}
	return true
}

func runVersion(ctx context.Context, e *env, args []string) int {
	fmt.Fprintf(e.stdout, "almanac %s\n", version)
	return exitOK
}

func didYouMean(s string, names []string) string {
	for _, n := range names {
		if strings.HasPrefix(n, s) || strings.HasPrefix(s, n) {
			return fmt.Sprintf(" (did you mean %q?)", n)
		}
	}
	return ""
}
