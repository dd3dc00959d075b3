// Command benchgen writes a deterministic synthetic engineering handbook
// for Almanac's benchmarks (see bench/run.sh and `make bench`):
//
//	go run ./cmd/benchgen -n 10000 -out testdata/bench/n10000 [-hugo testdata/bench/n10000-hugo] [-seed 1]
//
// N pages: about 30% ADRs (content/adr/NNNN-slug.md), 20% runbooks
// (content/runbooks/ID.md) and 50% handbook pages in nested sections
// (content/handbook/sNN/tNN/...), each with front matter, headings, a GFM
// table, a task list, links with anchors to other generated pages,
// [[adr:N]], [[runbook:id]] and [[service:id]] references, and one code
// block no other page has. data/ holds N/160 teams, N/20 services, a KPI
// catalog and 12 monthly metric snapshots. With -hugo the same pages are
// also written as a Hugo site.
//
// The same -n and -seed always give the same bytes. An existing output
// folder is replaced only if benchgen wrote it.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/almanac-handbook/almanac/cmd/benchgen/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of Markdown `pages` to write")
	out := flag.String("out", "", "handbook `folder` to write (replaced if benchgen wrote it)")
	hugo := flag.String("hugo", "", "also write the same pages as a Hugo site into this `folder`")
	seed := flag.Uint64("seed", 1, "random `seed`; the same -n and -seed give the same bytes")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: benchgen -n N -out DIR [-hugo DIR] [-seed S]\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	res, err := synth.Write(*out, synth.Options{N: *n, Seed: *seed, Hugo: *hugo})
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d pages (%d ADRs, %d runbooks, %d handbook pages), %d teams, %d services into %s\n",
		res.Pages, res.ADRs, res.Runbooks, res.Handbook, res.Teams, res.Services, *out)
	if *hugo != "" {
		fmt.Printf("wrote the same pages as a Hugo site into %s\n", *hugo)
	}
	fmt.Printf("change-page: %s\nchange-adr: %s\nchange-runbook: %s\n", res.ChangePage, res.ChangeADR, res.ChangeRunbook)
}
