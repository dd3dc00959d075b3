package write

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestClean(t *testing.T) {
	for _, rel := range []string{"", "/etc/passwd", "../x", "a/../../x", "a/..", `a\b`, "a\x00b"} {
		if _, err := clean(rel); err == nil {
			t.Errorf("clean(%q) accepted a path outside the output", rel)
		}
	}
	for _, rel := range []string{"index.html", "adr/0001/index.html", "a b/ü.html", "a..b/c"} {
		if _, err := clean(rel); err != nil {
			t.Errorf("clean(%q): %v", rel, err)
		}
	}
}

func TestTreeCommitAndAbort(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tr, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := tr.WriteFile("../escape.html", []byte("x")); err == nil {
		t.Error("WriteFile outside the output succeeded")
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Error("output exists before Commit")
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); string(b) != "one" {
		t.Errorf("after commit: %q", b)
	}
	// A second build replaces the first atomically; an aborted one changes nothing.
	tr2, _ := Begin(out)
	_ = tr2.WriteFile("a/index.html", []byte("two"))
	tr2.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); string(b) != "one" {
		t.Errorf("after abort: %q", b)
	}
	tr3, _ := Begin(out)
	_ = tr3.WriteFile("b.html", []byte("three"))
	if err := tr3.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "index.html")); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale file from the previous build survived")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestCheckOwned(t *testing.T) {
	dir := t.TempDir()
	if err := CheckOwned(filepath.Join(dir, "new")); err != nil {
		t.Errorf("missing folder: %v", err)
	}
	if err := CheckOwned(dir); err != nil {
		t.Errorf("empty folder: %v", err)
	}
	_ = os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := CheckOwned(dir); !errors.Is(err, ErrNotOurs) {
		t.Errorf("foreign folder: %v", err)
	}
	_ = os.WriteFile(filepath.Join(dir, Marker), nil, 0o644)
	if err := CheckOwned(dir); err != nil {
		t.Errorf("marked folder: %v", err)
	}
	file := filepath.Join(dir, "notes.txt")
	if err := CheckOwned(file); !errors.Is(err, ErrNotOurs) {
		t.Errorf("a file as --out: %v", err)
	}
}

func TestUpdateManifest(t *testing.T) {
	old := map[string]string{"a/index.html": "k1", "c/index.html": "k3", "e/index.html": "k5"}
	tests := []struct {
		name string
		rels []string
		keys map[string]string
		want map[string]string
	}{
		{"replace", []string{"c/index.html"}, map[string]string{"c/index.html": "new"},
			map[string]string{"a/index.html": "k1", "c/index.html": "new", "e/index.html": "k5"}},
		{"add first, middle and last", []string{"0.html", "b/index.html", "z.html"}, map[string]string{"0.html": "n0", "b/index.html": "nb", "z.html": "nz"},
			map[string]string{"0.html": "n0", "a/index.html": "k1", "b/index.html": "nb", "c/index.html": "k3", "e/index.html": "k5", "z.html": "nz"}},
		{"unkeyed paths are dropped", []string{"a/index.html", "assets/x.js"}, map[string]string{},
			map[string]string{"c/index.html": "k3", "e/index.html": "k5"}},
		{"replace the last", []string{"e/index.html"}, map[string]string{"e/index.html": "n5"},
			map[string]string{"a/index.html": "k1", "c/index.html": "k3", "e/index.html": "n5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := updateManifest(manifestBytes(old), tt.rels, tt.keys)
			if want := manifestBytes(tt.want); string(got) != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
