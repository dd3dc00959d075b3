package site

import (
	"bytes"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Source is a handbook as read from disk by the load stage, before any kind
// has interpreted it.
type Source struct {
	Root   string        // absolute path of the handbook root
	Docs   []*SourceFile // Markdown files under content/, sorted by Path
	Assets []*Asset      // other files under content/, copied beside their pages
	Static []*Asset      // files under static/, copied as they are
	Data   []*DataFile   // YAML files under data/ (and catalog descriptors), sorted by Path

	// Extra are data files a kind read outside data/ and catalog/ because
	// the config listed them (catalog.backstage); they count as inputs.
	Extra []*DataFile
	// Patterns are the globs the config gave kinds to find such files by.
	Patterns []Pattern

	claimed map[string]string // Path -> kind that claimed it
}

// AddExtra records a data file read because the config named it.
func (s *Source) AddExtra(df *DataFile) { s.Extra = append(s.Extra, df) }

// A Pattern is a glob (relative to Root) that a kind matched files
// against, and the slash paths it matched, sorted: a file that starts or
// stops matching is an input added or removed.
type Pattern struct {
	Glob    string
	Matches []string
}

// AddPattern records that the config's glob matched matches.
func (s *Source) AddPattern(glob string, matches []string) {
	s.Patterns = append(s.Patterns, Pattern{Glob: glob, Matches: matches})
}

// Glob returns the files and folders under root that the slash pattern
// (relative to root, in path.Match syntax) matches: sorted slash paths
// relative to root.
func Glob(root, pattern string) []string {
	matches, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
	var out []string
	for _, m := range matches {
		if rel, err := filepath.Rel(root, m); err == nil && !strings.HasPrefix(rel, "..") {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	sort.Strings(out)
	return out
}

// SourceFile is one Markdown file split into front matter and body.
type SourceFile struct {
	Path     string     // slash path relative to Root: "content/adr/0001-x.md"
	Rel      string     // slash path relative to content/: "adr/0001-x.md"
	Front    *yaml.Node // the front matter's mapping node, lines counted from the top of the file; nil without front matter, and nil once every kind has loaded and linked
	Body     []byte     // the Markdown after the front matter, with \n line endings; nil once a build that writes the site has resolved the links of its pages (unless KeepBody; load.ReadBody reads it again)
	BodyLine int        // the line of the file on which Body starts (1-based)
	// KeepBody is set by a kind that reads Body after links are resolved
	// (to render it in a page of its own making), so that the build keeps
	// it until every body is indexed.
	KeepBody bool
	Hash     string // hash of the raw file, for caches
	// FrontHash is the hash of everything before the body: what the
	// file tells other pages (its title, weight, tags...).
	FrontHash string
	// Unread says the loader reported that it could not read all of the
	// file (front matter never closed or not YAML, not UTF-8, too large,
	// nested too deep): what the file seems to lack may be in the part it
	// could not read, so kinds do not report that too.
	Unread bool
	// Draft says the page kind left the file out of this build as a
	// draft, so that links to it can say so.
	Draft bool
}

// Asset is a non-Markdown file copied into the output.
type Asset struct {
	Path string // slash path relative to Root
	Rel  string // slash path relative to its folder (content/ or static/)
	Abs  string // absolute path on disk
}

// DataFile is one YAML file; a file may hold several documents (Backstage).
type DataFile struct {
	Path string       // slash path relative to Root
	Docs []*yaml.Node // document nodes; nil once every kind has loaded and linked
	Hash string       // hash of the raw file
}

// Claim marks a file as belonging to kind. It returns false if another kind
// claimed it first, so kinds registered earlier win.
func (s *Source) Claim(path, kind string) bool {
	if s.claimed == nil {
		s.claimed = map[string]string{}
	}
	if _, ok := s.claimed[path]; ok {
		return false
	}
	s.claimed[path] = kind
	return true
}

// ClaimedBy returns the kind that claimed path, or "".
func (s *Source) ClaimedBy(path string) string { return s.claimed[path] }

// DocsUnder returns the Markdown files whose Rel path lies in dir (a slash
// path relative to content/, "" for all), in path order.
func (s *Source) DocsUnder(dir string) []*SourceFile {
	var out []*SourceFile
	for _, f := range s.Docs {
		if dir == "" || f.Rel == dir || (len(f.Rel) > len(dir) && f.Rel[:len(dir)] == dir && f.Rel[len(dir)] == '/') {
			out = append(out, f)
		}
	}
	return out
}

// DataFile returns the data file at path (relative to Root), if any.
func (s *Source) DataFile(path string) *DataFile {
	i := sort.Search(len(s.Data), func(i int) bool { return s.Data[i].Path >= path })
	if i < len(s.Data) && s.Data[i].Path == path {
		return s.Data[i]
	}
	return nil
}

// BodyPos converts a byte offset in f.Body into a file position.
func (f *SourceFile) BodyPos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Body) {
		offset = len(f.Body)
	}
	before := f.Body[:offset]
	line := f.BodyLine + bytes.Count(before, []byte{'\n'})
	col := offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return Pos{Path: f.Path, Line: line, Col: col}
}

// FrontPos returns the position of a front matter key's value, or of the
// file's first line when the key is absent.
func (f *SourceFile) FrontPos(key string) Pos {
	if n := FrontValue(f.Front, key); n != nil {
		return PosOf(f.Path, n)
	}
	return Pos{Path: f.Path, Line: 1, Col: 1}
}

// FrontValue returns the value node of key in mapping m, or nil.
func FrontValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// IsIndexFile reports whether rel (relative to content/) is the index
// page of the folder dir: dir/_index.md or dir/index.md, which give a
// kind's folder its own introduction rather than being one of its items.
func IsIndexFile(rel, dir string) bool {
	switch path.Base(rel) {
	case "_index.md", "index.md", "_index.markdown", "index.markdown":
		return path.Dir(rel) == dir
	}
	return false
}
