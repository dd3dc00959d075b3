package resolve

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"os"
	"sync"

	"github.com/almanac-handbook/almanac/generator/bufpool"
	"github.com/almanac-handbook/almanac/generator/site"
)

// A Spill keeps the HTML of page bodies in a temporary file between
// checking links and writing pages. A cold build parses every body to check
// its links; rendering it there and then, and reading the HTML back when
// the page is written, spares a second parse of every body, which was most
// of what writing pages allocated. Holding the HTML in memory instead
// would cost more than the Markdown it comes from.
type Spill struct {
	mu       sync.Mutex
	f        *os.File
	unlinked bool // the file has no name: nothing is left if the process dies
	w        *bufio.Writer
	size     int64
	at       map[*site.Page]span
	err      error
}

type span struct{ off, n int64 }

// NewSpill makes a spill file in dir.
func NewSpill(dir string) (*Spill, error) {
	f, err := os.CreateTemp(dir, ".almanac-bodies-*")
	if err != nil {
		return nil, fmt.Errorf("making a file for rendered bodies: %w", err)
	}
	// Where the system allows it (not on Windows), the open file loses its
	// name at once, so that a build that is killed leaves no file behind.
	unlinked := os.Remove(f.Name()) == nil
	return &Spill{f: f, unlinked: unlinked, w: bufio.NewWriterSize(f, 256<<10), at: map[*site.Page]span{}}, nil
}

// put appends p's body HTML.
func (sp *Spill) put(p *site.Page, html []byte) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.err != nil {
		return
	}
	if _, err := sp.w.Write(html); err != nil {
		sp.err = err
		return
	}
	sp.at[p] = span{sp.size, int64(len(html))}
	sp.size += int64(len(html))
}

// finish makes what put wrote readable.
func (sp *Spill) finish() error {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.err == nil {
		sp.err = sp.w.Flush()
	}
	if sp.err != nil {
		return fmt.Errorf("writing rendered bodies to %s: %w", sp.f.Name(), sp.err)
	}
	return nil
}

// Body returns p's body HTML; ok is false for a page the spill does not
// hold (its body summary came from the cache, so it was never parsed).
func (sp *Spill) Body(p *site.Page) (html template.HTML, ok bool, err error) {
	sp.mu.Lock()
	at, ok := sp.at[p]
	sp.mu.Unlock()
	if !ok {
		return "", false, nil
	}
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if _, err := buf.ReadFrom(io.NewSectionReader(sp.f, at.off, at.n)); err != nil {
		return "", true, fmt.Errorf("reading the rendered body of %s: %w", p.Path, err)
	}
	if int64(buf.Len()) != at.n {
		return "", true, fmt.Errorf("reading the rendered body of %s: %d of %d bytes", p.Path, buf.Len(), at.n)
	}
	return template.HTML(buf.String()), true, nil
}

// Close closes and removes the spill file.
func (sp *Spill) Close() error {
	err := sp.f.Close()
	if !sp.unlinked {
		if rerr := os.Remove(sp.f.Name()); err == nil {
			err = rerr
		}
	}
	return err
}
