// Package cache is a content-addressed cache on disk, for work that is
// expensive and depends only on its input (highlighted code blocks). Keys
// are hashes of the input and the renderer's version, so an entry never
// goes stale; CI can restore the folder between runs.
package cache

import (
	"os"
	"path/filepath"
	"sync"
)

// Dir is a cache in a folder. It is safe for concurrent use. A Dir that
// cannot write (read-only disk) still works: it just caches nothing.
type Dir struct {
	root string
	mu   sync.Mutex
	mem  map[string][]byte
}

// Open returns the cache in root, creating the folder if needed.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	return &Dir{root: root, mem: map[string][]byte{}}, nil
}

func (d *Dir) path(key string) string {
	if len(key) < 3 {
		return filepath.Join(d.root, "_", key)
	}
	return filepath.Join(d.root, key[:2], key[2:])
}

// Get returns the value stored under key.
func (d *Dir) Get(key string) ([]byte, bool) {
	d.mu.Lock()
	v, ok := d.mem[key]
	d.mu.Unlock()
	if ok {
		return v, true
	}
	b, err := os.ReadFile(d.path(key))
	if err != nil {
		return nil, false
	}
	d.mu.Lock()
	d.mem[key] = b
	d.mu.Unlock()
	return b, true
}

// Put stores value under key. The file is written under a temporary name
// and renamed, so a concurrent reader never sees half an entry.
func (d *Dir) Put(key string, value []byte) {
	d.mu.Lock()
	d.mem[key] = value
	d.mu.Unlock()
	p := d.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := f.Write(value)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), p) != nil {
		_ = os.Remove(f.Name())
	}
}
