package main

import (
	"context"
	"fmt"
	"os/signal"
	"syscall"

	"github.com/almanac-handbook/almanac/generator"
	"github.com/almanac-handbook/almanac/generator/kinds/all"
	"github.com/almanac-handbook/almanac/generator/serve"
)

const serveUsage = "almanac serve [--source DIR] [--addr 127.0.0.1:8080] [--out DIR] [--poll] [--drafts]"

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve", serveUsage)
	source := fs.String("source", ".", "handbook root `folder`")
	addr := fs.String("addr", serve.DefaultAddr, "`host:port` to listen on; keep a loopback address unless others must see the preview")
	out := fs.String("out", "", "output `folder` (default: a temporary folder, removed on exit)")
	poll := fs.Bool("poll", false, "poll files for changes instead of using file system events (network and container mounts)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	if !parseFlags(fs, args, 0) {
		return exitUsage
	}
	s, err := serve.New(serve.Options{
		Source: *source, Out: *out, Addr: *addr, Poll: *poll,
		Build: serve.Generator(generator.Options{Drafts: *drafts, Log: e.log, Version: version}, all.Kinds),
		Log:   e.log, Stdout: e.stdout, Stderr: e.stderr,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "almanac serve: %v\n", err)
		return exitContent
	}
	// Stop cleanly (and remove the temporary output) on kill and hang-up
	// too, not only on Ctrl-C.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	if err := s.Run(ctx); err != nil {
		fmt.Fprintf(e.stderr, "almanac serve: %v\n", err)
		return exitContent
	}
	return exitOK
}
