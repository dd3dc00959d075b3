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
// cheap next to a Load: one stat per file (the walk's own). It also
// returns what the walk reports, as Load would: symbolic links it does not
// follow, and folders it cannot read.
func Inputs(root string, exclude []string) ([]Input, []site.Diagnostic, error) {
	w := &walker{root: root, diags: &site.Diagnostics{}, exclude: exclude}
	var list []Input
	if st, err := os.Stat(filepath.Join(root, site.ConfigFile)); err == nil {
		list = append(list, Input{Path: site.ConfigFile, Size: st.Size(), ModTime: st.ModTime()})
	} else if !os.IsNotExist(err) {
		return nil, nil, err
	}
	for _, dir := range []string{ContentDir, DataDir, CatalogDir, StaticDir, ThemeDir} {
		if err := w.walk(dir, func(f file) {
			list = append(list, Input{Path: f.path, Size: f.size, ModTime: f.mod})
		}); err != nil {
			return nil, nil, err
		}
	}
	return list, w.diags.List(), nil
}

// Hash is the content hash a build keeps of each Markdown file it reads
// (site.SourceFile.Hash), for telling whether a file changed.
func Hash(b []byte) string { return hashOf(b) }
