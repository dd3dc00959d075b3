package ladder

import (
	"context"
	"html/template"
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/site"
)

// NavWeight places "Ladders" in the site navigation.
const NavWeight = 60

// IndexPage is the data of ladders/.
type IndexPage struct {
	Tracks []Track
}

// Track groups the ladders of one track ("engineering", "management").
type Track struct {
	Name    string // "" for ladders without a track
	Ladders []*Ladder
}

// LadderPage is the data of ladders/<id>/: the matrix.
type LadderPage struct {
	Ladder      *Ladder
	Levels      []LevelHead
	Rows        []Row
	ComparePath string
}

// LevelHead is a level as a column of the matrix.
type LevelHead struct {
	ID, Title, Path string
	Summary, Scope  template.HTML
}

// Row is one competency across every level.
type Row struct {
	ID, Name    string
	Description template.HTML
	Cells       []Cell
}

// Cell is one competency at one level.
type Cell struct {
	Level  string
	Step   Step
	HTML   template.HTML // the expectation that applies (rendered)
	Same   bool          // unchanged from the level below
	Prev   string        // the level below
	Change string        // "new", "changed", "same" or "none"
}

// LevelPage is the data of ladders/<id>/<level>/.
type LevelPage struct {
	Ladder         *Ladder
	Level          *Level
	Summary, Scope template.HTML
	Prev, Next     *Level
	Items          []LevelItem
	New            int    // competencies that start at this level
	Changed        int    // competencies whose expectation changes here
	Same           int    // competencies unchanged from the level below
	ComparePath    string // compare page with this level and the one below preselected
}

// LevelItem is one competency on a level page.
type LevelItem struct {
	ID, Name    string
	Description template.HTML
	Step        Step
	HTML        template.HTML // the expectation, new words marked when it changed
	PrevHTML    template.HTML // the expectation at the level below
}

// ComparePage is the data of ladders/<id>/compare/.
type ComparePage struct {
	Ladder *Ladder
	Levels []LevelHead
	Rows   []Row
	A, B   string // levels preselected (the two lowest)
}

func addLadder(s *site.Site, l *Ladder) {
	s.AddEntity(&site.Entity{Kind: KindName, ID: l.ID, Title: l.Title, Path: l.Path(), Pos: l.Pos})
	l.page = &site.Page{
		Path: l.Path(), Kind: KindName, Title: l.Title, Description: l.Description,
		Source: l.File, Template: "ladder/ladder.html", Weight: l.Weight,
		Data: &LadderPage{Ladder: l, ComparePath: l.ComparePath()}, Subject: KindName + ":" + l.ID,
	}
	if l.Track != "" {
		l.page.Tags = []string{l.Track}
	}
	s.AddPage(l.page)
	for i, v := range l.Levels {
		e := &site.Entity{Kind: KindName, ID: v.Ref(), Title: v.FullName(), Path: v.Path(), Pos: v.Pos}
		s.AddEntity(e)
		if lower := l.ID + "#" + strings.ToLower(v.ID); lower != e.ID {
			// [[ladder:backend#e4]] as well as [[ladder:backend#E4]]: level
			// ids are unique without regard to case.
			alias := *e
			alias.ID = lower
			s.AddEntity(&alias)
		}
		data := &LevelPage{Ladder: l, Level: v, ComparePath: l.ComparePath()}
		if i > 0 {
			data.Prev = l.Levels[i-1]
			data.ComparePath += "#" + data.Prev.ID + "," + v.ID
		}
		if i+1 < len(l.Levels) {
			data.Next = l.Levels[i+1]
		}
		v.page = &site.Page{
			Path: v.Path(), Kind: KindName, Title: l.Title + ": " + v.Name(),
			Template: "ladder/level.html", Data: data, Origin: l.File.Path,
			Weight: i, Subject: v.Key(),
		}
		s.AddPage(v.page)
	}
	if len(l.Levels) > 0 {
		cp := &ComparePage{Ladder: l, A: l.Levels[0].ID, B: l.Levels[0].ID}
		if len(l.Levels) > 1 {
			cp.B = l.Levels[1].ID
		}
		l.comparePage = &site.Page{
			Path: l.ComparePath(), Kind: KindName, Title: l.Title + ": compare levels",
			Template: "ladder/compare.html", Data: cp, NoSearch: true, Origin: l.File.Path,
		}
		s.AddPage(l.comparePage)
	}
	setWords(l)
}

// setWords sets the Words of the ladder's matrix page (every level's
// title, summary and scope, every competency's name, description and
// expectations) and of its level pages (the level's title, summary and
// scope, and each competency's name with the expectation that applies at
// the level), for search. The compare page is not searched.
func setWords(l *Ladder) {
	var lb strings.Builder
	lvs := make([]strings.Builder, len(l.Levels))
	for i, v := range l.Levels {
		site.AddWords(&lb, v.ID, v.Title, v.Summary, v.Scope)
		site.AddWords(&lvs[i], v.Title, v.Summary, v.Scope)
	}
	ids := l.LevelIDs()
	for _, c := range l.Competencies {
		site.AddWords(&lb, c.Name, c.Description)
		for _, e := range c.Expectations {
			site.AddWords(&lb, e.Text)
		}
		for i, st := range Steps(ids, c.Specified()) {
			if st.Text != "" {
				site.AddWords(&lvs[i], c.Name, st.Text)
			}
		}
	}
	l.page.Words = lb.String()
	for i, v := range l.Levels {
		v.page.Words = lvs[i].String()
	}
}

func addIndex(s *site.Site, m *Model, index *site.SourceFile) {
	p := &site.Page{Path: Dir + "/", Kind: KindName, Title: "Career ladders", Template: "ladder/index.html", Source: index}
	if index != nil {
		if t := site.FrontValue(index.Front, "title"); t != nil && t.Value != "" {
			p.Title = t.Value
		}
		if d := site.FrontValue(index.Front, "description"); d != nil {
			p.Description = d.Value
		}
	}
	byTrack := map[string][]*Ladder{}
	for _, l := range m.Ladders {
		byTrack[l.Track] = append(byTrack[l.Track], l)
	}
	var data IndexPage
	for name, ls := range byTrack {
		sort.SliceStable(ls, func(i, j int) bool {
			if ls[i].Weight != ls[j].Weight {
				return ls[i].Weight < ls[j].Weight
			}
			return strings.ToLower(ls[i].Title) < strings.ToLower(ls[j].Title)
		})
		data.Tracks = append(data.Tracks, Track{Name: name, Ladders: ls})
	}
	sort.Slice(data.Tracks, func(i, j int) bool {
		a, b := data.Tracks[i].Name, data.Tracks[j].Name
		if (a == "") != (b == "") {
			return b == "" // ladders without a track last
		}
		return a < b
	})
	p.Data = &data
	s.AddPage(p)
	nav := &site.NavItem{Title: "Ladders", Path: Dir + "/", Weight: NavWeight}
	for _, t := range data.Tracks {
		for _, l := range t.Ladders {
			nav.Children = append(nav.Children, &site.NavItem{Title: l.Title, Path: l.Path(), Weight: l.Weight})
		}
	}
	s.AddNav(nav)
}

// RenderContent implements site.ContentRenderer: it renders the Markdown in
// the front matter (expectations, summaries, scopes, descriptions) for each
// page it appears on, and fills in the page data.
func (k *Kind) RenderContent(ctx context.Context, s *site.Site, md site.Markdown) error {
	for _, l := range Of(s).Ladders {
		if err := ctx.Err(); err != nil {
			return err
		}
		if l.page != nil {
			renderLadder(l, md)
		}
	}
	return nil
}

// from returns the page to render a fragment for: p itself when it has a
// source, else a copy of p that names the ladder file as its source, so
// that relative Markdown links in the front matter resolve from the
// ladder's folder on generated pages too. Backlinks still name p.
func from(p *site.Page, src *site.SourceFile) *site.Page {
	if p.Source != nil || src == nil {
		return p
	}
	cp := *p
	cp.Source = src
	return &cp
}

func renderLadder(l *Ladder, md site.Markdown) {
	lp := l.page.Data.(*LadderPage)
	ids := l.LevelIDs()
	lvPage := make(map[string]*site.Page, len(l.Levels))
	for _, v := range l.Levels {
		lvPage[v.ID] = from(v.page, l.File)
	}

	// Level pages and the compare page sit at the same depth under the
	// ladder, so a fragment rendered for one of them has relative links
	// that are right on all of them: each stated expectation is rendered
	// once for the matrix and once for the level that states it.
	lp.Levels = make([]LevelHead, len(l.Levels))
	for i, v := range l.Levels {
		lp.Levels[i] = LevelHead{ID: v.ID, Title: v.Title, Path: v.Path(),
			Summary: inline(md, l.page, v.Summary, v.summaryPos),
			Scope:   inline(md, l.page, v.Scope, v.scopePos)}
		d := v.page.Data.(*LevelPage)
		d.Summary = block(md, lvPage[v.ID], v.Summary, v.summaryPos)
		d.Scope = block(md, lvPage[v.ID], v.Scope, v.scopePos)
	}
	var cp *ComparePage
	if l.comparePage != nil {
		cp = l.comparePage.Data.(*ComparePage)
		cp.Levels = make([]LevelHead, len(l.Levels))
		for i, v := range l.Levels {
			cp.Levels[i] = LevelHead{ID: v.ID, Title: v.Title, Path: v.Path()}
		}
	}

	for _, c := range l.Competencies {
		inMatrix := map[string]template.HTML{}
		atLevel := map[string]template.HTML{}
		for _, e := range c.Expectations {
			if strings.TrimSpace(e.Text) == "" {
				continue
			}
			inMatrix[e.Level] = md.Block(l.page, e.Text, e.Pos)
			atLevel[e.Level] = md.Block(lvPage[e.Level], e.Text, e.Pos)
		}
		steps := Steps(ids, c.Specified())

		row := Row{ID: c.ID, Name: c.Name, Description: inline(md, l.page, c.Description, c.descPos)}
		var levelDesc template.HTML
		if len(l.Levels) > 0 {
			levelDesc = inline(md, lvPage[l.Levels[0].ID], c.Description, c.descPos)
		}
		crow := Row{ID: c.ID, Name: c.Name, Description: levelDesc}
		for i, st := range steps {
			row.Cells = append(row.Cells, Cell{Level: st.Level, Step: st, HTML: inMatrix[st.From],
				Same: st.Status == StatusSame, Prev: st.Prev, Change: string(st.Status)})
			crow.Cells = append(crow.Cells, Cell{Level: st.Level, Step: st, HTML: atLevel[st.From],
				Same: st.Status == StatusSame, Prev: st.Prev, Change: string(st.Status)})

			v := l.Levels[i]
			d := v.page.Data.(*LevelPage)
			item := LevelItem{ID: c.ID, Name: c.Name, Description: levelDesc, Step: st,
				HTML: atLevel[st.From], PrevHTML: atLevel[st.PrevFrom]}
			switch st.Status {
			case StatusChanged:
				item.HTML = template.HTML(HighlightAdded(string(atLevel[st.PrevFrom]), string(atLevel[st.From])))
				d.Changed++
			case StatusNew:
				d.New++
			case StatusSame:
				d.Same++
			}
			d.Items = append(d.Items, item)
		}
		lp.Rows = append(lp.Rows, row)
		if cp != nil {
			cp.Rows = append(cp.Rows, crow)
		}
	}
}

func inline(md site.Markdown, p *site.Page, src string, pos site.Pos) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	return md.Inline(p, src, pos)
}

func block(md site.Markdown, p *site.Page, src string, pos site.Pos) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	return md.Block(p, src, pos)
}
