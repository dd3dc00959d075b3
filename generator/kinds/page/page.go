// Package page is the plain page kind: every Markdown file under content/
// that no other kind claims becomes a page, and every folder a section with
// an index page listing what it holds.
package page

import (
	"context"
	"path"
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Name is the kind's name.
const Name = "page"

// Kind is the plain page kind. Register it last: it takes every Markdown
// file the other kinds left.
type Kind struct{}

// New returns the page kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (*Kind) Name() string { return Name }

// FrontMatter is what a plain page's front matter may say.
type FrontMatter struct {
	Title       string    `yaml:"title"`
	Description string    `yaml:"description"`
	Weight      int       `yaml:"weight"`
	Draft       bool      `yaml:"draft"`
	Tags        []string  `yaml:"tags"`
	Slug        string    `yaml:"slug"`
	Date        site.Date `yaml:"date"`
	Pos         site.Pos  `yaml:"-"`
}

// Data is the template data of a page or section.
type Data struct {
	IsSection bool
	Children  []Child // a section's pages and subsections, in nav order
}

// Child is an entry of a section listing.
type Child struct {
	Title       string
	Path        string
	Description string
	IsSection   bool
}

// indexNames are the file names that give a folder its own text.
var indexNames = map[string]bool{"_index.md": true, "index.md": true}

// Load implements site.Kind.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	sections := map[string]*site.Page{} // content dir -> section page
	var pages []*site.Page
	for _, f := range s.Source.Docs {
		if !s.Source.Claim(f.Path, Name) {
			continue
		}
		var fm FrontMatter
		if f.Front != nil {
			site.Decode(f.Path, f.Front, &fm, s.Diags)
		}
		if fm.Draft && !s.Config.Drafts {
			f.Draft = true // links to it say so
			continue
		}
		dir, file := path.Split(f.Rel)
		dir = strings.TrimSuffix(dir, "/")
		isIndex := indexNames[strings.ToLower(file)]
		var urlPath string
		switch {
		case isIndex:
			urlPath = slugDir(dir)
		default:
			slug := site.Slugify(strings.TrimSuffix(file, path.Ext(file)))
			if fm.Slug != "" {
				if strings.ContainsAny(fm.Slug, "/\\") || strings.Contains(fm.Slug, "..") {
					s.Diags.Errorf(f.FrontPos("slug"), "page-slug", "slug %q must be a single URL segment (no /, \\ or ..); it names this page's last URL segment", fm.Slug)
				} else {
					slug = site.Slugify(fm.Slug)
				}
			}
			urlPath = joinURL(slugDir(dir), slug)
		}
		title := fm.Title
		if title == "" {
			title = markdown.Title(f.Body)
		}
		if title == "" {
			title = titleFromName(file, dir, isIndex, s.Config.Title)
		}
		p := &site.Page{Path: urlPath, Kind: Name, Title: title, Description: fm.Description,
			Source: f, Template: "page/page.html", Weight: fm.Weight, Tags: fm.Tags, Date: fm.Date,
			Data: &Data{IsSection: isIndex}, LocalBody: true, SelfContained: true, Unlisted: true}
		if isIndex {
			sections[dir] = p
		}
		pages = append(pages, p)
	}
	// Folders without an index page still get a section page.
	for _, p := range pages {
		for dir := path.Dir(p.Source.Rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if _, ok := sections[dir]; !ok {
				sp := &site.Page{Path: slugDir(dir), Kind: Name, Title: titleFromName(path.Base(dir), "", false, ""),
					Template: "page/page.html", Data: &Data{IsSection: true}}
				sections[dir] = sp
			}
		}
	}
	// Every page links the home page, so there is one even when
	// content/_index.md is not (a handbook of ADRs or a catalog alone),
	// unless the handbook has an index.html of its own to copy.
	if _, ok := sections[""]; !ok && !hasIndexHTML(s.Source) {
		title := s.Config.Title
		if title == "" {
			title = "Home"
		}
		sections[""] = &site.Page{Path: "", Kind: Name, Title: title, Template: "page/page.html", Data: &Data{IsSection: true}}
	}
	dirs := make([]string, 0, len(sections))
	for d := range sections {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var all []*site.Page
	all = append(all, pages...)
	for _, d := range dirs {
		if sections[d].Source == nil {
			all = append(all, sections[d])
		}
	}
	for _, p := range all {
		s.AddPage(p)
		id := strings.TrimSuffix(p.Path, "/")
		pos := site.Pos{Path: "content"}
		if p.Source != nil {
			pos = site.Pos{Path: p.Source.Path, Line: 1, Col: 1}
			id = strings.TrimSuffix(p.Source.Rel, path.Ext(p.Source.Rel))
			if b := path.Base(id); indexNames[b+".md"] {
				id = path.Dir(id)
			}
		}
		if id == "" || id == "." {
			id = "index"
		}
		s.AddEntity(&site.Entity{Kind: Name, ID: id, Title: p.Title, Path: p.Path, Pos: pos})
	}
	k.buildSections(s, sections, all)
	return nil
}

// buildSections fills each section's child list and the navigation.
func (k *Kind) buildSections(s *site.Site, sections map[string]*site.Page, all []*site.Page) {
	children := map[string][]*site.Page{} // section URL path -> children
	for _, p := range all {
		if p.Path == "" {
			continue
		}
		parent := parentPath(p.Path)
		children[parent] = append(children[parent], p)
	}
	for parent, list := range children {
		sortPages(list)
		sp := s.LocalFinder().PageAt(parent)
		if sp == nil {
			continue
		}
		d, ok := sp.Data.(*Data)
		if !ok {
			continue
		}
		sp.Lists = list
		for _, c := range list {
			cd, _ := c.Data.(*Data)
			d.Children = append(d.Children, Child{Title: c.Title, Path: c.Path, Description: c.Description, IsSection: cd != nil && cd.IsSection})
		}
	}
	var navItem func(p *site.Page) *site.NavItem
	navItem = func(p *site.Page) *site.NavItem {
		it := &site.NavItem{Title: p.Title, Path: p.Path, Weight: p.Weight}
		for _, c := range children[p.Path] {
			it.Children = append(it.Children, navItem(c))
		}
		return it
	}
	for _, p := range children[""] {
		s.AddNav(navItem(p))
	}
}

// hasIndexHTML reports whether the handbook has a home page written in
// HTML (static/index.html or content/index.html), which the build copies.
func hasIndexHTML(src *site.Source) bool {
	for _, list := range [][]*site.Asset{src.Static, src.Assets} {
		for _, a := range list {
			if a.Rel == "index.html" {
				return true
			}
		}
	}
	return false
}

func sortPages(list []*site.Page) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Weight != list[j].Weight {
			return list[i].Weight < list[j].Weight
		}
		if a, b := strings.ToLower(list[i].Title), strings.ToLower(list[j].Title); a != b {
			return a < b
		}
		return list[i].Path < list[j].Path
	})
}

func parentPath(p string) string {
	p = strings.TrimSuffix(p, "/")
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i+1]
}

func slugDir(dir string) string {
	if dir == "" || dir == "." {
		return ""
	}
	segs := strings.Split(dir, "/")
	for i, s := range segs {
		segs[i] = site.Slugify(s)
	}
	return strings.Join(segs, "/") + "/"
}

func joinURL(dir, slug string) string { return dir + slug + "/" }

func titleFromName(file, dir string, isIndex bool, siteTitle string) string {
	name := strings.TrimSuffix(file, path.Ext(file))
	if isIndex {
		if dir == "" {
			return siteTitle
		}
		name = path.Base(dir)
	}
	if t := site.Humanize(name); t != "" {
		return t
	}
	return "Untitled"
}
