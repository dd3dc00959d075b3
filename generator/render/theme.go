package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// Overlay returns an fs.FS that serves files from dir (a handbook's own
// templates/ folder) where they exist and from base otherwise. dir may be
// "" or missing.
func Overlay(base fs.FS, dir string) fs.FS {
	if dir == "" {
		return base
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return base
	}
	return overlay{top: os.DirFS(dir), base: base}
}

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		return f, nil
	}
	return o.base.Open(name)
}

// ReadDir merges both folders' entries so overrides can add new files.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.top, name)
	b, errB := fs.ReadDir(o.base, name)
	if errA != nil && errB != nil {
		return nil, errB
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// themeFiles lists every file of the theme (slash paths), sorted.
func themeFiles(theme fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(path.Base(p), ".") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// Digest is a hash of every theme file, so that outputs built with an
// edited template are never reused.
func (th *Theme) Digest() string {
	h := sha256.New()
	for _, f := range th.files {
		b, _ := fs.ReadFile(th.fs, f)
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
