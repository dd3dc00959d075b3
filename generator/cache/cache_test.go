package cache

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestDir(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Get("abcdef"); ok {
		t.Fatal("empty cache returned a value")
	}
	d.Put("abcdef", []byte("<pre>x</pre>"))
	d.Put("unused-later", []byte("y"))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.Put("k"+string(rune('a'+i))+"zz", []byte{byte(i)})
			d.Get("abcdef")
		}()
	}
	wg.Wait()
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}

	// A new build finds what the last one saved.
	d2, _ := Open(root)
	if v, ok := d2.Get("abcdef"); !ok || string(v) != "<pre>x</pre>" {
		t.Fatalf("Get after reopen = %q, %v", v, ok)
	}
	if v, ok := d2.Get("kczz"); !ok || len(v) != 1 || v[0] != 2 {
		t.Fatalf("Get(kczz) after reopen = %v, %v", v, ok)
	}
	// Saving keeps only what this build used.
	if err := d2.Save(); err != nil {
		t.Fatal(err)
	}
	d3, _ := Open(root)
	if _, ok := d3.Get("unused-later"); ok {
		t.Error("Save kept an entry the build did not use")
	}
	if _, ok := d3.Get("abcdef"); !ok {
		t.Error("Save dropped an entry the build used")
	}

	// Saving what the pack already holds writes nothing.
	st, _ := os.Stat(filepath.Join(root, packName))
	d4, _ := Open(root)
	d4.Get("abcdef")
	d4.Get("kczz")
	if err := d4.Save(); err != nil {
		t.Fatal(err)
	}
	if st2, _ := os.Stat(filepath.Join(root, packName)); !os.SameFile(st, st2) {
		t.Error("Save rewrote a pack that already held exactly the used entries")
	}
}

func TestDamagedPackIsIgnored(t *testing.T) {
	for name, pack := range map[string]string{
		"not a pack": "hello",
		"truncated":  packMagic + "\x06abcdef\x7f",
		"huge size":  packMagic + "\xff\xff\xff\xff\xff\xff\xff\xff\x7f",
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, packName), []byte(pack), 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.entries) != 0 {
				t.Errorf("damaged pack gave %d entries", len(d.entries))
			}
		})
	}
}

func FuzzDecodePack(f *testing.F) {
	f.Add([]byte(packMagic + "\x01k\x01v"))
	f.Add([]byte(packMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := decodePack(b)
		if err == nil && entries == nil {
			t.Fatal("nil map without an error")
		}
	})
}

// TestPutThenGet reads back, in the same build, what Put wrote to disk,
// and checks that Close leaves the old pack and no temporary file.
func TestPutThenGet(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	d.Put("one", []byte("first value"))
	d.Put("two", []byte("second"))
	d.Put("one", []byte("first value")) // again: stored once
	for k, want := range map[string]string{"one": "first value", "two": "second"} {
		if v, ok := d.Get(k); !ok || string(v) != want {
			t.Errorf("Get(%q) = %q, %v; want %q", k, v, ok, want)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(root, "*"))
	if len(names) != 0 {
		t.Errorf("Close left %v", names)
	}
	if err := d.Save(); err == nil {
		t.Error("Save after Close succeeded")
	}
}

// TestUnusedCacheKeepsItsPack checks that a build that never asks the
// cache for anything (one that patched the last build's output) leaves the
// pack as it was, even when it saves.
func TestUnusedCacheKeepsItsPack(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	d.Put("k", []byte("v"))
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(root, packName))
	if err != nil {
		t.Fatal(err)
	}
	unused, _ := Open(root)
	if err := unused.Save(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(filepath.Join(root, packName))
	if err != nil || string(after) != string(before) {
		t.Fatalf("the pack changed: %q, %v; was %q", after, err, before)
	}
	again, _ := Open(root)
	if v, ok := again.Get("k"); !ok || string(v) != "v" {
		t.Fatalf("Get = %q, %v after an unused cache was saved", v, ok)
	}
}

// TestSaveAppends checks that a build that used most of the pack appends
// its new entries to it, keeping the few it did not use, and that one that
// left more than maxUnused of it unused writes a pack of what it used.
func TestSaveAppends(t *testing.T) {
	root := t.TempDir()
	pack := filepath.Join(root, packName)
	keys := []string{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"}
	d, _ := Open(root)
	for _, k := range keys {
		d.Put(k, []byte("value of "+k))
	}
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(pack)

	// One of eight unused: the new entry is appended.
	d, _ = Open(root)
	for _, k := range keys[1:] {
		d.Get(k)
	}
	d.Put("new", []byte("a new value"))
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(pack)
	if !os.SameFile(before, after) || after.Size() <= before.Size() {
		t.Errorf("Save with one entry of eight unused did not append (same file %v, %d → %d bytes)",
			os.SameFile(before, after), before.Size(), after.Size())
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("Save left %d files in the cache folder, want the pack alone", len(entries))
	}
	d, _ = Open(root)
	for _, k := range append(keys, "new") {
		if _, ok := d.Get(k); !ok {
			t.Errorf("after appending, %s is gone", k)
		}
	}
	if v, _ := d.Get("new"); string(v) != "a new value" {
		t.Errorf("appended entry = %q", v)
	}
	if err := d.Save(); err != nil { // every entry used, nothing new: writes nothing
		t.Fatal(err)
	}
	if st, _ := os.Stat(pack); st.Size() != after.Size() {
		t.Errorf("Save with nothing new changed the pack: %d → %d bytes", after.Size(), st.Size())
	}

	// Two of nine used: the pack is written anew with those two.
	d, _ = Open(root)
	d.Get("k1")
	d.Get("new")
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(pack); os.SameFile(after, st) {
		t.Error("Save with most entries unused appended instead of writing the pack anew")
	}
	d, _ = Open(root)
	if _, ok := d.Get("k2"); ok {
		t.Error("the new pack kept an entry the build did not use")
	}
	for _, k := range []string{"k1", "new"} {
		if _, ok := d.Get(k); !ok {
			t.Errorf("the new pack lost %s", k)
		}
	}
}
