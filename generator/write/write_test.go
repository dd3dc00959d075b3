package write

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
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
	tr, err := Begin(out, "")
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
	tr2, _ := Begin(out, "")
	_ = tr2.WriteFile("a/index.html", []byte("two"))
	tr2.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); string(b) != "one" {
		t.Errorf("after abort: %q", b)
	}
	tr3, _ := Begin(out, "")
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
		{"unkeyed paths get no key", []string{"a/index.html", "assets/x.js"}, map[string]string{},
			map[string]string{"a/index.html": noKey, "assets/x.js": noKey, "c/index.html": "k3", "e/index.html": "k5"}},
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

// site is one build's files: path -> key and content (key "" writes the
// file without one).
type site map[string][2]string

// writeSite runs one build of files into out, keeping the replaced site in
// keep, and reports which paths it reused. It checks on the way that the
// live site does not change before Commit.
func writeSite(t *testing.T, out, keep string, files site) (reused []string) {
	t.Helper()
	before := readTree(t, out)
	tr, err := Begin(out, keep)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range sortedPaths(files) {
		key, body := files[rel][0], files[rel][1]
		if key != "" && tr.Reuse(rel, key) {
			reused = append(reused, rel)
			continue
		}
		if err := tr.WriteFile(rel, []byte(body)); err != nil {
			t.Fatal(err)
		}
		tr.Remember(rel, key)
	}
	if after := readTree(t, out); !equalTrees(before, after) {
		t.Fatalf("the live site changed before Commit:\nbefore %v\nafter  %v", before, after)
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	delete(got, Marker)
	want := map[string]string{}
	for rel, f := range files {
		want[rel] = f[1]
	}
	if !equalTrees(got, want) {
		t.Fatalf("after Commit the site is\n%v\nwant\n%v", got, want)
	}
	return reused
}

func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return m
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func sortedPaths(files site) []string {
	var out []string
	for rel := range files {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

// TestKeptSiteIsRecycled builds a site several times with a keep folder:
// the third build starts from the first build's files, keeps what matches
// its keys without touching it, replaces changed files without writing
// through hard links into the live site, and removes what is gone.
func TestKeptSiteIsRecycled(t *testing.T) {
	dir := t.TempDir()
	out, keep := filepath.Join(dir, "public"), filepath.Join(dir, "cache", "site")
	v1 := site{
		"a/index.html":    {"ka1", "A one"},
		"b/index.html":    {"kb1", "B one"},
		"gone/index.html": {"kg1", "gone soon"},
		"x":               {"kx1", "x is a file"},
		"assets/s.js":     {"", "script one"},
	}
	writeSite(t, out, keep, v1)
	if got := writeSite(t, out, keep, v1); len(got) != 4 {
		t.Errorf("second build reused %v, want every keyed file", got)
	}
	if _, err := os.Stat(filepath.Join(keep, Marker)); err != nil {
		t.Fatalf("the replaced site was not kept: %v", err)
	}
	v3 := site{
		"a/index.html":   {"ka1", "A one"},
		"b/index.html":   {"kb2", "B two"},
		"x/index.html":   {"kx2", "x is a folder now"},
		"new/index.html": {"kn1", "new"},
		"assets/s.js":    {"", "script two"},
	}
	if got := writeSite(t, out, keep, v3); len(got) != 1 || got[0] != "a/index.html" {
		t.Errorf("third build reused %v, want [a/index.html]", got)
	}
	if _, err := os.Stat(filepath.Join(out, "gone")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the folder of a removed page survived")
	}
	// A failed build recycles the kept site and must not leave it looking whole.
	tr, err := Begin(out, keep)
	if err != nil {
		t.Fatal(err)
	}
	_ = tr.WriteFile("b/index.html", []byte("half-written"))
	tr.Abort()
	if _, err := os.Stat(keep); !errors.Is(err, os.ErrNotExist) {
		t.Error("an aborted build left the kept site behind")
	}
	writeSite(t, out, keep, v1)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 { // public and cache
		t.Errorf("left behind: %v", entries)
	}
}

// TestRevertReusesTheKeptSite: a page changed and changed back is found in
// the kept site, which the live site's manifest no longer describes.
func TestRevertReusesTheKeptSite(t *testing.T) {
	dir := t.TempDir()
	out, keep := filepath.Join(dir, "public"), filepath.Join(dir, "keep")
	first := site{"a/index.html": {"k1", "first"}}
	writeSite(t, out, keep, first)
	writeSite(t, out, keep, site{"a/index.html": {"k2", "second"}})
	if got := writeSite(t, out, keep, first); len(got) != 1 {
		t.Errorf("reverting reused %v, want the kept a/index.html", got)
	}
}

// TestKeptSiteWithoutOutput is a CI job that restores the cache folder but
// not the output: every build starts from the site the last one kept.
func TestKeptSiteWithoutOutput(t *testing.T) {
	dir := t.TempDir()
	out, keep := filepath.Join(dir, "public"), filepath.Join(dir, "cache", "site")
	files := site{"a/index.html": {"k1", "A"}, "b/index.html": {"k2", "B"}}
	for run := range 3 {
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		got := writeSite(t, out, keep, files)
		if want := min(run, 1) * 2; len(got) != want {
			t.Errorf("run %d reused %v, want %d files", run, got, want)
		}
	}
}

// TestAdoptRecycled follows a CI job that patches the copy of its site the
// last build kept: the tree adopts the copy only when the manifest the
// caller read is the copy's, and then carries every file, including one
// written without a key, and keeps a copy again.
func TestAdoptRecycled(t *testing.T) {
	dir := t.TempDir()
	out, keep := filepath.Join(dir, "public"), filepath.Join(dir, "cache", "site")
	build := func() *Tree {
		t.Helper()
		tr, err := Begin(out, keep)
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	tr := build()
	_ = tr.WriteFile("a/index.html", []byte("A"))
	tr.Remember("a/index.html", "k1")
	_ = tr.WriteFile("search.js", []byte("index")) // no key
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	if !tr.KeptCopy() {
		t.Fatal("a build with no output to replace kept no copy")
	}
	_, manifest, err := Manifest(keep)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}

	tr = build()
	if tr.AdoptRecycled(append([]byte{}, manifest[:len(manifest)-1]...)) {
		t.Error("adopted a kept site whose manifest is not the one given")
	}
	if !tr.AdoptRecycled(manifest) {
		t.Fatal("did not adopt the kept site")
	}
	for rel, key := range map[string]string{"a/index.html": "k1", "search.js": noKey} {
		if err := tr.Carry(rel, key); err != nil {
			t.Errorf("Carry(%s): %v", rel, err)
		}
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	if got["a/index.html"] != "A" || got["search.js"] != "index" {
		t.Errorf("after the patch the site is %v", got)
	}
	if !tr.KeptCopy() {
		t.Error("the patch kept no copy for the next job")
	}
}
