// Package bufpool recycles the byte buffers that pages and Markdown bodies
// are rendered into.
//
// A page's HTML is built in a buffer that doubles as it grows, so each page
// left behind about twice its size in garbage; in a large build that was
// most of what the render stage allocated, and the collector's work grows
// with it. Buffers from the pool are already grown to the size of a page.
package bufpool

import (
	"bytes"
	"sync"
)

// maxKept is the largest buffer put back: a rare huge page should not pin
// its buffer for the rest of the build.
const maxKept = 1 << 20

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Get returns an empty buffer.
func Get() *bytes.Buffer { return pool.Get().(*bytes.Buffer) }

// Put gives b back for reuse. Nothing may use b, or bytes it returned
// from Bytes, afterwards.
func Put(b *bytes.Buffer) {
	if b.Cap() > maxKept {
		return
	}
	b.Reset()
	pool.Put(b)
}
