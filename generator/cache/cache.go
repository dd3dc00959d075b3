// Package cache is a content-addressed cache on disk, for work that is
// expensive and depends only on its input (highlighted code blocks, the
// summaries of parsed Markdown bodies). Keys are hashes of the input and
// the producer's version, so an entry never goes stale; CI can restore the
// folder between runs.
//
// The cache is one pack file, read whole when first used, and a new pack
// that Put appends to, which Save adds to the pack or renames over it: a
// build reads and writes thousands of small entries, and a file for each
// cost more in system calls than the work it saved. New entries go to
// disk as they come rather than staying in memory. When most of the old
// pack is still in use, Save appends the new entries to it, since
// rewriting a pack of a hundred megabytes for one edited page cost more
// than the build's own writing; once more than a quarter of it is entries
// no build asked for, Save writes a pack of the entries the build used
// alone, so the pack does not grow with every edit ever made.
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
	loaded  bool              // the pack has been read into entries
	entries map[string][]byte // from the pack
	used    map[string]bool   // keys of entries this build asked for

	next    *os.File         // the new pack, from the first Put on
	w       *bufio.Writer    // buffers writes to next
	size    int64            // bytes written to w
	written map[string]entry // where Put wrote each new entry in next
	err     error            // the first error writing next
	done    bool             // Save or Close ended the Dir
}

// entry locates a value written to the new pack.
type entry struct{ off, n int64 }

// Open returns the cache in root, creating the folder if needed. Its pack
// is read on first use, so a build that turns out to need no cache (one
// that patches the last build's output) does not pay for reading it. A
// pack that is unreadable or damaged is ignored.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	return &Dir{root: root, entries: map[string][]byte{}, used: map[string]bool{}, written: map[string]entry{}}, nil
}

// load reads the pack the first time the cache is used; d.mu is held.
func (d *Dir) load() {
	if d.loaded {
		return
	}
	d.loaded = true
	if b, err := os.ReadFile(filepath.Join(d.root, packName)); err == nil {
		if entries, err := decodePack(b); err == nil {
			d.entries = entries
		}
	}
}

// Root returns the cache's folder.
func (d *Dir) Root() string { return d.root }

// Get returns the value stored under key.
func (d *Dir) Get(key string) ([]byte, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.load()
	if e, ok := d.written[key]; ok {
		return d.readBack(e)
	}
	v, ok := d.entries[key]
	if ok {
		d.used[key] = true
	}
	return v, ok
}

// readBack reads a value Put wrote to the new pack.
func (d *Dir) readBack(e entry) ([]byte, bool) {
	if d.err != nil || d.w.Flush() != nil {
		return nil, false
	}
	b := make([]byte, e.n)
	if _, err := d.next.ReadAt(b, e.off); err != nil {
		return nil, false
	}
	return b, true
}

// Put stores value under key, writing it to the new pack.
func (d *Dir) Put(key string, value []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.load()
	if _, ok := d.written[key]; ok || d.err != nil {
		return
	}
	if _, ok := d.entries[key]; ok {
		d.used[key] = true // the same key means the same value
		return
	}
	if d.next == nil {
		if d.next, d.err = os.CreateTemp(d.root, ".pack-*"); d.err != nil {
			return
		}
		d.w = bufio.NewWriterSize(d.next, 1<<20)
		d.write([]byte(packMagic))
	}
	d.writeEntry(key, value)
	d.written[key] = entry{off: d.size - int64(len(value)), n: int64(len(value))}
}

func (d *Dir) write(b []byte) {
	if d.err == nil {
		_, d.err = d.w.Write(b)
		d.size += int64(len(b))
	}
}

func (d *Dir) writeEntry(key string, value []byte) {
	var n [binary.MaxVarintLen64]byte
	d.write(n[:binary.PutUvarint(n[:], uint64(len(key)))])
	d.write([]byte(key))
	d.write(n[:binary.PutUvarint(n[:], uint64(len(value)))])
	d.write(value)
}

// maxUnused is the share of a pack that entries no build used may take
// before Save writes the pack anew without them.
const maxUnused = 0.25

// Save keeps what this build stored. When the entries this build did not
// use are at most maxUnused of the old pack, it appends the new entries to
// the old pack, or writes nothing if there are none; otherwise it makes
// the new pack, with the old entries this build used added, the cache's
// pack, replacing the old one in one rename. A build that used the cache
// not at all writes nothing.
func (d *Dir) Save() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return errors.New("the cache was already saved or closed")
	}
	if !d.loaded {
		d.end()
		return nil
	}
	var size, unused int
	for k, v := range d.entries {
		size += len(k) + len(v)
		if !d.used[k] {
			unused += len(k) + len(v)
		}
	}
	if size > 0 && float64(unused) <= maxUnused*float64(size) {
		err := d.appendNew()
		d.end()
		return err
	}
	if d.next == nil {
		if d.next, d.err = os.CreateTemp(d.root, ".pack-*"); d.err != nil {
			return d.err
		}
		d.w = bufio.NewWriterSize(d.next, 1<<20)
		d.write([]byte(packMagic))
	}
	keys := make([]string, 0, len(d.used))
	for k := range d.used {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d.writeEntry(k, d.entries[k])
	}
	err := d.err
	if err == nil {
		err = d.w.Flush()
	}
	if cerr := d.next.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(d.next.Name(), filepath.Join(d.root, packName))
	}
	if err != nil {
		_ = os.Remove(d.next.Name())
		d.end()
		return fmt.Errorf("saving the build cache in %s: %w", d.root, err)
	}
	d.end()
	return nil
}

// appendNew appends the entries Put wrote to the new pack to the old pack,
// in one write, so that two builds saving at once do not interleave their
// entries, and removes the new pack. A build stopped halfway leaves a pack
// that ends in part of an entry, which the next build ignores as damaged,
// as it would any other. d.mu is held.
func (d *Dir) appendNew() error {
	if d.next == nil {
		return nil
	}
	defer os.Remove(d.next.Name())
	err := d.err
	if err == nil {
		err = d.w.Flush()
	}
	var added []byte
	if err == nil {
		added = make([]byte, d.size-int64(len(packMagic)))
		_, err = d.next.ReadAt(added, int64(len(packMagic)))
	}
	d.next.Close()
	if err == nil {
		var pack *os.File
		if pack, err = os.OpenFile(filepath.Join(d.root, packName), os.O_WRONLY|os.O_APPEND, 0); err == nil {
			_, err = pack.Write(added)
			if cerr := pack.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		return fmt.Errorf("saving the build cache in %s: %w", d.root, err)
	}
	return nil
}

// Close drops a new pack that was never saved.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done || d.next == nil {
		d.end()
		return nil
	}
	d.next.Close()
	d.end()
	return os.Remove(d.next.Name())
}

// end marks the Dir spent: Put stores nothing more and Get finds only the
// old pack's entries.
func (d *Dir) end() {
	d.done = true
	if d.err == nil {
		d.err = errors.New("the cache was saved or closed")
	}
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
