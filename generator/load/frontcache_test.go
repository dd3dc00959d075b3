package load

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/cache"
	"github.com/almanac-handbook/almanac/generator/site"
)

// memCache is a Cache in memory that counts its use.
type memCache struct {
	mu         sync.Mutex
	entries    map[string][]byte
	hits, puts int
}

func newMemCache() *memCache { return &memCache{entries: map[string][]byte{}} }

func (c *memCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[key]
	if ok {
		c.hits++
	}
	return v, ok
}

func (c *memCache) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.puts++
	c.entries[key] = value
}

func (c *memCache) counts() (hits, puts int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.puts
}

func diagStrings(d *site.Diagnostics) []string {
	var out []string
	for _, x := range d.List() {
		out = append(out, x.String())
	}
	return out
}

// checkCachedParse parses raw without a cache, then twice with an empty
// cache, and fails unless all three give the same file and diagnostics.
// It reports whether the second cached parse came from the cache.
func checkCachedParse(t testing.TB, path string, raw []byte) (hit bool) {
	t.Helper()
	var freshDiags site.Diagnostics
	fresh := ParseMarkdown(path, path, raw, &freshDiags)
	cache := newMemCache()
	for i, name := range []string{"cache miss", "cache hit"} {
		var diags site.Diagnostics
		got := parseMarkdown(path, path, raw, cache, &diags)
		if !reflect.DeepEqual(got, fresh) {
			t.Fatalf("%s: %s: file differs from a fresh parse:\nfront %s\nwant  %s", path, name, dumpNode(got.Front), dumpNode(fresh.Front))
		}
		if g, w := diagStrings(&diags), diagStrings(&freshDiags); !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: %s: diagnostics %q, want %q", path, name, g, w)
		}
		if hits, _ := cache.counts(); i == 1 {
			hit = hits == 1
		}
	}
	return hit
}

func TestCachedFrontMatterEqualsFreshParse(t *testing.T) {
	for _, tt := range codecCases {
		t.Run(tt.name, func(t *testing.T) {
			if !checkCachedParse(t, "doc.md", []byte("---\n"+tt.src+"---\nbody\n")) {
				t.Error("second parse did not come from the cache")
			}
		})
	}
}

func TestCachedFrontMatterOfHandbooks(t *testing.T) {
	dirs := []string{
		filepath.Join("..", "..", "content"),                   // the sample handbook
		filepath.Join("..", "..", "..", "shared", "realworld"), // real handbooks, when present
	}
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("skipping %s: %v", dir, err)
			continue
		}
		files, hits := 0, 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(strings.ToLower(p), ".md") {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			if checkCachedParse(t, filepath.ToSlash(p), raw) {
				hits++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if files == 0 {
			t.Errorf("no Markdown files under %s", dir)
		}
		t.Logf("%s: %d files, %d front matters served from the cache", dir, files, hits)
	}
}

func TestBrokenFrontMatterIsNeverCached(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: x\nlist:\n\t- a\n---\n",
		"---\ntitle: \"abc\n---\n",
		"---\n- a\n- b\n---\n",
		"---\njust a string\n---\n",
		"---\na: *missing\n---\n",
		"---\n[unclosed\n---\n",
	} {
		cache := newMemCache()
		checkCachedParse(t, "doc.md", []byte(src))
		for range 2 {
			var diags site.Diagnostics
			parseMarkdown("doc.md", "doc.md", []byte(src), cache, &diags)
			if len(diags.List()) == 0 {
				t.Fatalf("%q: no diagnostics", src)
			}
		}
		if _, puts := cache.counts(); puts != 0 {
			t.Errorf("%q: cached %d times", src, puts)
		}
	}
}

func TestDamagedCacheEntryFallsBackToParsing(t *testing.T) {
	const front = "title: x\ntags: [a, b]\nowner: &o ops\nbackup: *o\n"
	raw := []byte("---\n" + front + "---\nbody\n")
	var diags site.Diagnostics
	want := ParseMarkdown("doc.md", "doc.md", raw, &diags)
	good, err := encodeNode(want.Front)
	if err != nil {
		t.Fatal(err)
	}
	sequence, err := encodeNode(&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"})
	if err != nil {
		t.Fatal(err)
	}
	key := frontCacheKey([]byte(front))
	for name, entry := range map[string][]byte{
		"empty":         {},
		"truncated":     good[:len(good)/2],
		"trailing byte": append(bytes.Clone(good), 0),
		"other format":  append([]byte{nodeFormat + 1}, good[1:]...),
		"not a mapping": sequence,
	} {
		t.Run(name, func(t *testing.T) {
			cache := newMemCache()
			cache.entries[key] = entry
			var diags site.Diagnostics
			got := parseMarkdown("doc.md", "doc.md", raw, cache, &diags)
			if !reflect.DeepEqual(got, want) || len(diags.List()) != 0 {
				t.Fatalf("got front %s, diagnostics %v", dumpNode(got.Front), diags.List())
			}
			if !bytes.Equal(cache.entries[key], good) {
				t.Errorf("damaged entry was not replaced")
			}
		})
	}
}

// writeHandbook writes a small handbook with cacheable, shared, broken and
// missing front matter, and returns its root.
func writeHandbook(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"content/a.md":      "---\ntitle: A\ntags: [x]\n---\nbody a\n",
		"content/b.md":      "---\ntitle: A\ntags: [x]\n---\nsame front matter, other body\n",
		"content/c.md":      "---\ntitle: \"broken\n---\n",
		"content/d.md":      "no front matter\n",
		"content/sub/e.md":  "---\r\ntitle: E # comment\r\nowner: &o ops\r\nbackup: *o\r\n---\r\n",
		"data/teams.yaml":   "teams: [a]\n",
		"content/image.png": "png",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// loadHandbook loads root with cache and returns the source and the
// diagnostics as strings.
func loadHandbook(t *testing.T, root string, cache Cache) (*site.Source, []string) {
	t.Helper()
	var diags site.Diagnostics
	src, _, err := Load(context.Background(), Options{Root: root, Cache: cache}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return src, diagStrings(&diags)
}

func TestLoadUsesCache(t *testing.T) {
	root := writeHandbook(t)
	want, wantDiags := loadHandbook(t, root, nil)
	mem := newMemCache()
	for _, run := range []string{"cold", "warm"} {
		got, gotDiags := loadHandbook(t, root, mem)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s build differs from an uncached one: diagnostics %q, want %q", run, gotDiags, wantDiags)
		}
	}
	// a.md and b.md share an entry, written by whichever parsed first and
	// read by the other; c.md is broken and d.md has no front matter.
	if hits, puts := mem.counts(); len(mem.entries) != 2 || hits < 3 || puts > 3 {
		t.Errorf("cache has %d entries after %d hits and %d puts, want 2 entries and at least 3 hits", len(mem.entries), hits, puts)
	}
}

func TestLoadWithCacheDir(t *testing.T) {
	root := writeHandbook(t)
	want, wantDiags := loadHandbook(t, root, nil)
	dir := t.TempDir()
	for _, run := range []string{"cold", "warm"} {
		// A fresh Dir for each build, as in a new process.
		c, err := cache.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		counted := &countingCache{Cache: c}
		got, gotDiags := loadHandbook(t, root, counted)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s build differs from an uncached one: diagnostics %q, want %q", run, gotDiags, wantDiags)
		}
		if hits := counted.hits.Load(); run == "warm" && hits != 3 {
			t.Errorf("warm build took %d front matters from the cache, want 3", hits)
		}
	}
}

// countingCache counts the hits of the Cache it wraps.
type countingCache struct {
	Cache
	hits atomic.Int64
}

func (c *countingCache) Get(key string) ([]byte, bool) {
	v, ok := c.Cache.Get(key)
	if ok {
		c.hits.Add(1)
	}
	return v, ok
}

func TestFrontCacheVersionNamesYAMLRelease(t *testing.T) {
	// Test binaries carry no module versions, so read go.mod.
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?gopkg\.in/yaml\.v3\s+(v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require gopkg.in/yaml.v3")
	}
	if regexp.MustCompile(`(?m)^\s*(?:replace\s+)?gopkg\.in/yaml\.v3\b.*=>`).Match(mod) {
		t.Fatal("go.mod replaces gopkg.in/yaml.v3: name the replacement in frontCacheVersion and update this test")
	}
	if !strings.HasSuffix(frontCacheVersion, " gopkg.in/yaml.v3@"+string(m[1])) {
		t.Errorf("frontCacheVersion = %q, but go.mod requires yaml.v3 %s: cached trees may differ from what it parses, so change the version", frontCacheVersion, m[1])
	}
}
