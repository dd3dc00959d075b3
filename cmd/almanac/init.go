package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/almanac-handbook/almanac/templates"
)

const initUsage = "almanac init DIR"

// scaffoldDir is the folder of the embedded theme that holds the files of a
// new handbook.
const scaffoldDir = "scaffold"

// runInit scaffolds a new handbook: config, one example of every kind, and
// a GitHub Actions workflow. It never overwrites a file.
func runInit(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "init", initUsage)
	if !parseFlags(fs, args, 1) {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(e.stderr, "Usage: %s\n", initUsage)
		return exitUsage
	}
	dir := fs.Arg(0)
	written, err := scaffold(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "almanac init: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "created a handbook in %s (%d files)\nnext: cd %s && almanac serve\n", dir, written, dir)
	return exitOK
}

func scaffold(dir string) (int, error) {
	var files []string
	err := fs.WalkDir(templates.FS, scaffoldDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	// Check every target first so a refusal leaves nothing half-written.
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f, scaffoldDir+"/")))
		if _, err := os.Lstat(target); err == nil {
			return 0, fmt.Errorf("%s already exists; init never overwrites files: choose an empty folder", target)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	}
	for _, f := range files {
		b, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			return 0, err
		}
		target := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f, scaffoldDir+"/")))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}
