package adr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/scaffold"
	"github.com/almanac-handbook/almanac/generator/site"
)

// NewTemplate is the theme file `almanac new adr` writes new ADRs from. A
// handbook overrides it with its own templates/adr/new.md. The template
// (text/template) gets NewData; funcs: quote (a YAML double-quoted
// string), join.
const NewTemplate = "adr/new.md"

// NewData is what the new-ADR template is executed with.
type NewData struct {
	Title      string
	Status     string   // "proposed"
	Date       string   // today, YYYY-MM-DD
	ID         string   // "15", or the slug in a date-prefixed folder
	Number     int      // -1 in a date-prefixed folder
	Slug       string   // from the title
	Supersedes []string // ids of the superseded ADRs for YAML: 3, "20201016-use-slugs" (quoted when not numbers)
	// SupersedesIDs are the same ids as they are, for [[adr:ID]] references.
	SupersedesIDs []string
	File          string // the file name
}

// NewADR writes a new ADR titled title into the first ADR folder (adr.dir
// in almanac.yaml, default content/adr) of the handbook at root and returns
// its path. It follows the folder's naming style: numbered NNNN-slug.md
// (next number across every ADR folder, same width as the existing files)
// or log4brains' date-prefixed YYYYMMDD-slug.md. The new ADR is proposed,
// dated now, and supersedes the given ADRs (numbers or slugs of existing
// ADRs). An existing file is never overwritten.
func NewADR(root string, title string, supersedes []string, now time.Time) (string, error) {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return "", errors.New("the ADR needs a title: almanac new adr \"Use Kafka for domain events\"")
	}
	cfgBytes, err := os.ReadFile(filepath.Join(root, site.ConfigFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	dirs, err := ConfiguredDirs(cfgBytes)
	if err != nil {
		return "", err
	}
	existing, err := scanADRs(root, dirs)
	if err != nil {
		return "", err
	}
	target := dirs[0]

	// The style of the folder the ADR goes in.
	dated, numbered := 0, 0
	widths := map[int]int{}
	maxNum := -1
	for _, e := range existing {
		if e.number >= 0 {
			maxNum = max(maxNum, e.number)
		}
		if e.dir != target {
			continue
		}
		switch {
		case e.dated:
			dated++
		case e.number >= 0:
			numbered++
			widths[e.width]++
		}
	}
	slug := site.Slugify(title)
	data := NewData{Title: title, Status: StatusProposed, Date: now.Format("2006-01-02"), Slug: slug, Number: -1}
	if dated > numbered {
		data.ID = now.Format("20060102") + "-" + slug
		data.File = data.ID + ".md"
	} else {
		width := 4
		best := 0
		for w, n := range widths {
			if n > best || (n == best && w > width) {
				width, best = w, n
			}
		}
		data.Number = maxNum + 1
		if data.Number == 0 && numbered == 0 && len(existing) == 0 {
			data.Number = 1
		}
		data.ID = strconv.Itoa(data.Number)
		data.File = fmt.Sprintf("%0*d-%s.md", width, data.Number, slug)
	}
	for _, ref := range supersedes {
		id, err := findExisting(existing, ref)
		if err != nil {
			return "", err
		}
		data.SupersedesIDs = append(data.SupersedesIDs, id)
		if _, ok := numericID(id); ok {
			data.Supersedes = append(data.Supersedes, id)
		} else {
			data.Supersedes = append(data.Supersedes, strconv.Quote(id))
		}
	}

	return scaffold.Write(root, NewTemplate, target, data.File, data)
}

// existingADR is an ADR file found on disk by scanADRs.
type existingADR struct {
	dir    string // the adr.dir folder it is in
	stem   string
	number int // -1 without one
	width  int // digits of the number prefix
	dated  bool
}

// scanADRs lists the ADR files of every ADR folder.
func scanADRs(root string, dirs []string) ([]existingADR, error) {
	var out []existingADR
	for _, d := range dirs {
		base := filepath.Join(root, "content", filepath.FromSlash(d))
		err := filepath.WalkDir(base, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			name := de.Name()
			if de.IsDir() {
				if p != base && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			low := strings.ToLower(name)
			if !strings.HasSuffix(low, ".md") && !strings.HasSuffix(low, ".markdown") || Role(name) != roleADR {
				return nil
			}
			e := existingADR{dir: d, stem: strings.TrimSuffix(name, filepath.Ext(name)), number: -1}
			if dateName(name) {
				e.dated = true
			} else if n, _ := FileName(name); n >= 0 {
				e.number = n
				e.width = len(e.stem) - len(strings.TrimLeft(e.stem, "0123456789"))
			}
			out = append(out, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].stem < out[j].stem })
	return out, nil
}

// findExisting resolves a --supersedes argument ("3", "0003", "ADR-3", a
// slug or a file name) to the id of an existing ADR.
func findExisting(existing []existingADR, ref string) (string, error) {
	r := strings.TrimSuffix(strings.TrimSpace(ref), ".md")
	r = filepath.Base(r)
	if n, ok := numericID(trimADRPrefix(r)); ok {
		for _, e := range existing {
			if e.number == n {
				return strconv.Itoa(n), nil
			}
		}
		return "", fmt.Errorf("--supersedes %s: there is no ADR number %d", ref, n)
	}
	var stems []string
	for _, e := range existing {
		if strings.EqualFold(e.stem, r) {
			if e.number >= 0 {
				return strconv.Itoa(e.number), nil
			}
			return e.stem, nil
		}
		stems = append(stems, e.stem)
	}
	if n, _ := FileName(r + ".md"); n >= 0 {
		for _, e := range existing {
			if e.number == n {
				return strconv.Itoa(n), nil
			}
		}
	}
	return "", fmt.Errorf("--supersedes %s: no ADR has that number or file name%s", ref, site.DidYouMean(r, stems))
}
