// Package cache is a content-addressed cache on disk, for work that is
// expensive and depends only on its input (highlighted code blocks, the
// summaries of parsed Markdown bodies). Keys are hashes of the input and
// the producer's version, so an entry never goes stale; CI can restore the
// folder between runs.
//
// The cache is one pack file, read whole when the cache opens and written
// whole by Save: a build reads and writes thousands of small entries, and
// a file for each cost more in system calls than the work it saved. Save
// keeps only the entries the build used, so the pack does not grow with
// every edit ever made.
package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// packName is the pack file inside the cache folder; packMagic starts it.
const (
	packName  = "pack"
	packMagic = "almanac-cache 1\n"
)

// Dir is a cache in a folder. It is safe for concurrent use. A Dir that
// cannot write (read-only disk) still works: Save fails and the next build
// starts cold.
type Dir struct {
	root string

	mu      sync.Mutex
	entries map[string][]byte // from the pack, then from Put
	used    map[string]bool   // keys this build asked for or stored
	added   bool              // Put stored a key the pack did not have
}

// Open returns the cache in root, creating the folder if needed and
// reading its pack. A pack that is unreadable or damaged is ignored.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	d := &Dir{root: root, entries: map[string][]byte{}, used: map[string]bool{}}
	if b, err := os.ReadFile(filepath.Join(root, packName)); err == nil {
		if entries, err := decodePack(b); err == nil {
			d.entries = entries
		}
	}
	return d, nil
}

// Get returns the value stored under key.
func (d *Dir) Get(key string) ([]byte, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.entries[key]
	if ok {
		d.used[key] = true
	}
	return v, ok
}

// Put stores value under key. It is written to disk by Save.
func (d *Dir) Put(key string, value []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, had := d.entries[key]; !had {
		d.added = true
	}
	d.entries[key] = value
	d.used[key] = true
}

// Save writes the entries this build used as the new pack, replacing the
// old one in one rename. It writes nothing when the pack already holds
// exactly those entries.
func (d *Dir) Save() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.added && len(d.used) == len(d.entries) {
		return nil
	}
	keys := make([]string, 0, len(d.used))
	for k := range d.used {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	tmp, err := os.CreateTemp(d.root, ".pack-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.WriteString(packMagic)
	var n [binary.MaxVarintLen64]byte
	for _, k := range keys {
		v := d.entries[k]
		w.Write(n[:binary.PutUvarint(n[:], uint64(len(k)))])
		w.WriteString(k)
		w.Write(n[:binary.PutUvarint(n[:], uint64(len(v)))])
		w.Write(v)
	}
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(d.root, packName))
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("saving the build cache in %s: %w", d.root, err)
	}
	return nil
}

var errDamaged = errors.New("damaged cache pack")

// decodePack reads a pack; values share b's memory.
func decodePack(b []byte) (map[string][]byte, error) {
	if !bytes.HasPrefix(b, []byte(packMagic)) {
		return nil, errDamaged
	}
	b = b[len(packMagic):]
	entries := map[string][]byte{}
	next := func() ([]byte, error) {
		n, size := binary.Uvarint(b)
		if size <= 0 || n > uint64(len(b)-size) {
			return nil, errDamaged
		}
		v := b[size : size+int(n) : size+int(n)]
		b = b[size+int(n):]
		return v, nil
	}
	for len(b) > 0 {
		k, err := next()
		if err != nil {
			return nil, err
		}
		v, err := next()
		if err != nil {
			return nil, err
		}
		entries[string(k)] = v
	}
	return entries, nil
}
