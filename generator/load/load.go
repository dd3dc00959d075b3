package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Options say where the parts of a handbook live. Zero values mean the
// conventional folders under Root.
type Options struct {
	Root string // handbook root (absolute or relative)
	// Exclude lists absolute folders never read, such as the output folder
	// when it lies inside the source.
	Exclude []string
	// Cache, when not nil, keeps parsed front matter between builds.
	Cache Cache
}

// Folders read from the handbook root.
const (
	ContentDir = "content"
	DataDir    = "data"
	StaticDir  = "static"
	CatalogDir = "catalog" // Backstage descriptors gathered from other repos
)

// Load reads the handbook at opts.Root. Content problems go to diags; the
// error is non-nil only when the handbook cannot be read at all.
func Load(ctx context.Context, opts Options, diags *site.Diagnostics) (*site.Source, *site.Config, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, nil, err
	}
	st, err := os.Stat(root)
	if err != nil {
		return nil, nil, fmt.Errorf("reading handbook: %w", err)
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("reading handbook: %s is not a folder", root)
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	src := &site.Source{Root: root}
	w := &walker{root: root, diags: diags, exclude: opts.Exclude}

	cfg, err := Config(root, diags)
	if err != nil {
		return nil, nil, err
	}

	var mdFiles, yamlFiles []file
	if err := w.walk(ContentDir, func(f file) {
		if strings.HasSuffix(strings.ToLower(f.rel), ".md") || strings.HasSuffix(strings.ToLower(f.rel), ".markdown") {
			mdFiles = append(mdFiles, f)
		} else {
			src.Assets = append(src.Assets, &site.Asset{Path: f.path, Rel: f.rel, Abs: f.abs})
		}
	}); err != nil {
		return nil, nil, err
	}
	for _, dir := range []string{DataDir, CatalogDir} {
		if err := w.walk(dir, func(f file) {
			if ext := strings.ToLower(filepath.Ext(f.rel)); ext == ".yaml" || ext == ".yml" {
				yamlFiles = append(yamlFiles, f)
			}
		}); err != nil {
			return nil, nil, err
		}
	}
	if err := w.walk(StaticDir, func(f file) {
		src.Static = append(src.Static, &site.Asset{Path: f.path, Rel: f.rel, Abs: f.abs})
	}); err != nil {
		return nil, nil, err
	}
	// The theme reads the handbook's templates itself; the walk reports
	// symbolic links out of the handbook there too, which fails the build
	// before the theme is read.
	if err := w.walk(ThemeDir, func(file) {}); err != nil {
		return nil, nil, err
	}

	src.Docs = make([]*site.SourceFile, len(mdFiles))
	src.Data = make([]*site.DataFile, len(yamlFiles))
	err = site.Parallel(ctx, len(mdFiles)+len(yamlFiles), func(i int) error {
		if i < len(mdFiles) {
			f := mdFiles[i]
			raw, err := readLimited(f, diags)
			if err != nil {
				return err
			}
			src.Docs[i] = parseMarkdown(f.path, f.rel, raw, opts.Cache, diags)
			src.Docs[i].Unread = src.Docs[i].Unread || f.size > MaxFileSize
			return nil
		}
		f := yamlFiles[i-len(mdFiles)]
		raw, err := readLimited(f, diags)
		if err != nil {
			return err
		}
		src.Data[i-len(mdFiles)] = ParseYAML(f.path, raw, diags)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Slice(src.Docs, func(i, j int) bool { return src.Docs[i].Path < src.Docs[j].Path })
	sort.Slice(src.Data, func(i, j int) bool { return src.Data[i].Path < src.Data[j].Path })
	sort.Slice(src.Assets, func(i, j int) bool { return src.Assets[i].Path < src.Assets[j].Path })
	sort.Slice(src.Static, func(i, j int) bool { return src.Static[i].Path < src.Static[j].Path })
	return src, cfg, nil
}

// Config reads the handbook's config (almanac.yaml) at root, reporting
// its problems to diags; without one, it is the default config.
func Config(root string, diags *site.Diagnostics) (*site.Config, error) {
	cfg := site.DefaultConfig()
	raw, err := os.ReadFile(filepath.Join(root, site.ConfigFile))
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", site.ConfigFile, err)
	}
	df := ParseYAML(site.ConfigFile, raw, diags)
	if len(df.Docs) > 0 {
		cfg = site.ParseConfig(df.Docs[0], diags)
	}
	cfg.Hash = df.Hash
	return cfg, nil
}

// ReadDataFile reads and parses one YAML file named relative to root, for
// kinds whose config lists extra files (catalog.backstage). A missing file
// is reported at pos.
func ReadDataFile(root, rel string, pos site.Pos, diags *site.Diagnostics) *site.DataFile {
	rel = filepath.ToSlash(filepath.Clean(rel))
	if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, "../") {
		diags.Errorf(pos, "path-outside", "%s lies outside the handbook; list files inside it", rel)
		return nil
	}
	w := &walker{root: root, diags: diags}
	f, ok := w.resolve(rel, pos)
	if !ok {
		return nil
	}
	raw, err := readLimited(f, diags)
	if err != nil {
		diags.Errorf(pos, "io", "cannot read %s: %v", rel, err)
		return nil
	}
	return ParseYAML(rel, raw, diags)
}

type file struct {
	path string // slash path relative to the handbook root
	rel  string // slash path relative to the folder walked
	abs  string
	size int64
	mod  time.Time
}

func readLimited(f file, diags *site.Diagnostics) ([]byte, error) {
	if f.size > MaxFileSize {
		diags.Errorf(site.Pos{Path: f.path, Line: 1, Col: 1}, "file-too-large",
			"file is %.1f MB; Almanac reads files of up to %d MB: split it into several files", float64(f.size)/(1<<20), MaxFileSize>>20)
		return nil, nil
	}
	b, err := os.ReadFile(f.abs)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.path, err)
	}
	return b, nil
}

type walker struct {
	root    string
	diags   *site.Diagnostics
	exclude []string
}

// walk visits the regular files under dir (relative to root) in lexical
// order. Hidden files and editor droppings are skipped. Symbolic links are
// followed only to files inside the handbook; a link out of it, a dangling
// link or a link to a folder is reported and skipped, so a build never
// reads outside the source and never loops.
func (w *walker) walk(dir string, visit func(file)) error {
	base := filepath.Join(w.root, dir)
	if _, err := os.Lstat(base); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.diags.Errorf(site.Pos{Path: w.relPath(p)}, "io", "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if p != base && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".tmp")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			for _, ex := range w.exclude {
				if p == ex {
					return filepath.SkipDir
				}
			}
			return nil
		}
		// WalkDir makes p by joining base and names, so the paths relative
		// to base and root are suffixes of it: no filepath.Rel, which cleans
		// both paths, on every file of a large handbook.
		under, ok := strings.CutPrefix(p, base+string(filepath.Separator))
		under = filepath.ToSlash(under)
		rel := dir + "/" + under // dir is a folder name such as ContentDir
		if !ok {
			// p is base itself: a file where the folder was expected.
			under, rel = ".", w.relPath(p)
		}
		f, ok := w.resolveAt(rel, p, site.Pos{Path: rel})
		if !ok {
			return nil
		}
		f.rel = under
		visit(f)
		return nil
	})
}

func (w *walker) relPath(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// resolve checks one file path relative to root, following a symlink only
// when it stays inside the handbook.
func (w *walker) resolve(rel string, pos site.Pos) (file, bool) {
	return w.resolveAt(rel, filepath.Join(w.root, filepath.FromSlash(rel)), pos)
}

// resolveAt is resolve for a caller that has the file's absolute path.
func (w *walker) resolveAt(rel, abs string, pos site.Pos) (file, bool) {
	st, err := os.Lstat(abs)
	if err != nil {
		w.diags.Errorf(pos, "io", "cannot read %s: %v", rel, pathErr(err))
		return file{}, false
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			w.diags.Errorf(site.Pos{Path: rel}, "symlink", "symbolic link cannot be followed (dangling or a loop): %v; remove it or point it at a file inside the handbook", pathErr(err))
			return file{}, false
		}
		if !within(w.root, target) {
			w.diags.Errorf(site.Pos{Path: rel}, "symlink", "symbolic link points outside the handbook (%s); Almanac never reads outside the source: copy the file in instead", target)
			return file{}, false
		}
		if st, err = os.Stat(target); err != nil {
			w.diags.Errorf(site.Pos{Path: rel}, "symlink", "cannot read link target: %v", err)
			return file{}, false
		}
		if st.IsDir() {
			w.diags.Warnf(site.Pos{Path: rel}, "symlink", "symbolic link to a folder is not followed; move the folder here instead")
			return file{}, false
		}
		abs = target
	}
	if !st.Mode().IsRegular() {
		return file{}, false
	}
	return file{path: rel, rel: rel, abs: abs, size: st.Size(), mod: st.ModTime()}, true
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// pathErr strips the path from an *fs.PathError: diagnostics already name
// the file, relative to the handbook.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
