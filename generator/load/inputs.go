package load

import (
	"os"
	"path/filepath"
	"time"

	"github.com/almanac-handbook/almanac/generator/site"
)

// ThemeDir is the folder of a handbook's own templates, which override the
// built-in theme's.
const ThemeDir = "templates"

// An Input is one file a build reads, as the file system describes it.
type Input struct {
	Path    string // slash path relative to the handbook root
	Size    int64
	ModTime time.Time
}

// Inputs lists, without reading them, the files a Load of the handbook at
// root reads (the config, content, data, catalog and static folders) and
// the handbook's templates, in a fixed order. It walks the folders the way
// Load does, so that a file Load would skip is not listed either. It is
// cheap next to a Load: one stat per file.
func Inputs(root string, exclude []string) ([]Input, error) {
	w := &walker{root: root, diags: &site.Diagnostics{}, exclude: exclude}
	var list []Input
	var statErr error
	add := func(path, abs string) {
		st, err := os.Stat(abs)
		if err != nil {
			if !os.IsNotExist(err) && statErr == nil {
				statErr = err
			}
			return
		}
		list = append(list, Input{Path: path, Size: st.Size(), ModTime: st.ModTime()})
	}
	add(site.ConfigFile, filepath.Join(w.root, site.ConfigFile))
	for _, dir := range []string{ContentDir, DataDir, CatalogDir, StaticDir, ThemeDir} {
		if err := w.walk(dir, func(f file) { add(f.path, f.abs) }); err != nil {
			return nil, err
		}
	}
	return list, statErr
}

// Hash is the content hash a build keeps of each Markdown file it reads
// (site.SourceFile.Hash), for telling whether a file changed.
func Hash(b []byte) string { return hashOf(b) }
