package write

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// A Patch replaces a few files of a committed output in place and records
// their new keys in the manifest. It is for edits known to change those
// files and nothing else (almanac serve rewriting the page whose prose
// was edited); anything bigger goes through Begin and Commit. Each file
// is replaced with one rename, so a reader sees its old bytes or its new
// ones, never a mix; unlike Commit, the files do not change all at once.
type Patch struct {
	out   string
	mu    sync.Mutex
	files map[string][]byte
	keys  map[string]string
}

// BeginPatch starts a patch of the output folder out, which a build must
// have made.
func BeginPatch(out string) (*Patch, error) {
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return nil, fmt.Errorf("patching %s: %w", out, err)
	}
	return &Patch{out: out, files: map[string][]byte{}, keys: map[string]string{}}, nil
}

// WriteFile stages data for rel (a slash path inside the output).
func (p *Patch) WriteFile(rel string, data []byte) error {
	if _, err := clean(rel); err != nil {
		return err
	}
	data = bytes.Clone(data) // the caller may reuse data, as with io.Writer
	p.mu.Lock()
	p.files[rel] = data
	p.mu.Unlock()
	return nil
}

// Reuse never reuses: a patch writes only the files it was given.
func (p *Patch) Reuse(rel, key string) bool { return false }

// Remember records the key of a file written to rel.
func (p *Patch) Remember(rel, key string) {
	p.mu.Lock()
	p.keys[rel] = key
	p.mu.Unlock()
}

// Commit writes the staged files, then the manifest with their keys.
func (p *Patch) Commit() error {
	if err := CheckOwned(p.out); err != nil {
		return err
	}
	rels := make([]string, 0, len(p.files))
	for rel := range p.files {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		f, _ := clean(rel)
		if err := replaceFile(filepath.Join(p.out, f), p.files[rel]); err != nil {
			return err
		}
	}
	marker := filepath.Join(p.out, Marker)
	old, err := os.ReadFile(marker)
	if err != nil {
		return err
	}
	return replaceFile(marker, updateManifest(old, rels, p.keys))
}

// updateManifest returns the manifest old (see Tree.writeManifest) with
// the key of every path in rels (sorted) set from keys, or to noKey when
// keys has none, so that the next build cannot reuse a file it no longer
// describes. It edits the sorted lines in one pass instead of parsing the
// whole manifest into a map and sorting it again.
func updateManifest(old []byte, rels []string, keys map[string]string) []byte {
	body := strings.TrimPrefix(string(old), markerText)
	var b strings.Builder
	b.Grow(len(old) + 64*len(rels))
	b.WriteString(markerText)
	next := 0 // rels[next] is the first path not yet placed
	place := func(before string, last bool) {
		for next < len(rels) && (last || rels[next] < before) {
			key, ok := keys[rels[next]]
			if !ok {
				key = noKey
			}
			b.WriteString(key + " " + rels[next] + "\n")
			next++
		}
	}
	for line := range strings.Lines(body) {
		key, rel, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		if !ok {
			continue
		}
		place(rel, false)
		if next < len(rels) && rels[next] == rel {
			continue // replaced by place on the next line, or at the end
		}
		b.WriteString(key + " " + rel + "\n")
	}
	place("", true)
	return []byte(b.String())
}

// replaceFile writes data to a temporary file beside name and renames it
// over name.
func replaceFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".almanac-patch-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := firstErr(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
