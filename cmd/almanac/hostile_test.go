package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

// base is a small valid handbook every hostile case is laid over. A case
// first builds base, then adds its files and builds again: the second
// build must fail with exit code 1 and the expected diagnostics, must not
// panic or hang, and must leave the first build's output untouched.
const base = `
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/guide.md --
---
title: Guide
---
## Start
`

// hostileCase is one broken handbook.
type hostileCase struct {
	name  string
	files map[string]string              // added over base
	setup func(t *testing.T, dir string) // for what txtar cannot hold
	want  []string                       // diagnostics that must appear exactly
}

func loadTxtarCases(t *testing.T) []hostileCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []hostileCase
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files := sitetest.Parse(string(b))
		var want []string
		for _, line := range strings.Split(files["want"], "\n") {
			if line = strings.TrimSpace(line); line != "" {
				want = append(want, line)
			}
		}
		delete(files, "want")
		if len(want) == 0 {
			t.Fatalf("%s has no -- want -- section", p)
		}
		cases = append(cases, hostileCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), files: files, want: want})
	}
	return cases
}

func generatedCases() []hostileCase {
	return []hostileCase{
		{
			name: "huge-markdown",
			setup: func(t *testing.T, dir string) {
				big := bytes.Repeat([]byte("All work and no play makes a very long handbook page.\n"), 20<<20/54)
				writeFile(t, filepath.Join(dir, "content", "huge.md"), big)
			},
			want: []string{"content/huge.md:1:1: error: file is 20.0 MB; Almanac reads files of up to 8 MB: split it into several files [file-too-large]"},
		},
		{
			name: "symlink-loop",
			setup: func(t *testing.T, dir string) {
				if err := os.Symlink("loop.md", filepath.Join(dir, "content", "loop.md")); err != nil {
					t.Skip("symlinks unsupported here:", err)
				}
			},
			want: []string{"content/loop.md: error: symbolic link cannot be followed (dangling or a loop): EvalSymlinks: too many links; remove it or point it at a file inside the handbook [symlink]"},
		},
		{
			name: "symlink-outside",
			setup: func(t *testing.T, dir string) {
				outside := filepath.Join(t.TempDir(), "secret.md")
				writeFile(t, outside, []byte("# secret\n"))
				if err := os.Symlink(outside, filepath.Join(dir, "content", "secret.md")); err != nil {
					t.Skip("symlinks unsupported here:", err)
				}
			},
			want: []string{"content/secret.md: error: symbolic link points outside the handbook"},
		},
		{
			name: "symlink-outside-in-templates",
			setup: func(t *testing.T, dir string) {
				outside := filepath.Join(t.TempDir(), "evil.css")
				writeFile(t, outside, []byte("/* outside */\n"))
				if err := os.MkdirAll(filepath.Join(dir, "templates", "static", "css"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(dir, "templates", "static", "css", "site.css")); err != nil {
					t.Skip("symlinks unsupported here:", err)
				}
			},
			want: []string{"templates/static/css/site.css: error: symbolic link points outside the handbook"},
		},
		{
			name: "ten-thousand-line-yaml",
			setup: func(t *testing.T, dir string) {
				var b strings.Builder
				b.WriteString("---\ntitle: Long\ntags:\n")
				for i := 0; i < 10000; i++ {
					b.WriteString("  - tag\n")
				}
				b.WriteString("weight: heavy\n---\nbody\n")
				writeFile(t, filepath.Join(dir, "content", "long.md"), []byte(b.String()))
			},
			want: []string{`content/long.md:10004:9: error: expected a whole number for "weight", got "heavy" [yaml]`},
		},
	}
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHostileInput(t *testing.T) {
	cases := append(loadTxtarCases(t), generatedCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.Write(t, dir, base)
			out := filepath.Join(dir, "public")
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), []string{"build", "--source", dir, "--out", out, "--cache-dir", "off"}, &stdout, &stderr); code != exitOK {
				t.Fatalf("base handbook: exit %d\n%s", code, stderr.String())
			}
			before := sitetest.Tree(t, out)

			for name, body := range tc.files {
				writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(body))
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			stdout.Reset()
			stderr.Reset()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			code := run(ctx, []string{"build", "--source", dir, "--out", out, "--cache-dir", "off"}, &stdout, &stderr)
			if code != exitContent {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", code, exitContent, stderr.String())
			}
			lines := strings.Split(stderr.String(), "\n")
			for _, w := range tc.want {
				found := false
				for _, l := range lines {
					found = found || l == w || (!strings.HasSuffix(w, "]") && strings.HasPrefix(l, w))
				}
				if !found {
					t.Errorf("missing diagnostic:\n  want: %s\n  got:\n%s", w, stderr.String())
				}
			}
			after := sitetest.Tree(t, out)
			if len(after) != len(before) {
				t.Errorf("output changed: %d files before, %d after", len(before), len(after))
			}
			var changed []string
			for p, body := range before {
				if after[p] != body {
					changed = append(changed, p)
				}
			}
			sort.Strings(changed)
			if len(changed) > 0 {
				t.Errorf("failed build changed %v", changed)
			}
		})
	}
}
