package ladder

import (
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Model is every ladder of the handbook. Other kinds get it with Of.
type Model struct {
	Ladders []*Ladder // sorted by ID
	byID    map[string]*Ladder
}

// Of returns the ladders loaded into s. It never returns nil: without the
// ladder kind (or before it loaded) the model is empty.
func Of(s *site.Site) *Model {
	if m, ok := s.Model(KindName).(*Model); ok && m != nil {
		return m
	}
	return &Model{}
}

// Ladder returns the ladder with id, or nil.
func (m *Model) Ladder(id string) *Ladder {
	if m == nil {
		return nil
	}
	if l, ok := m.byID[id]; ok {
		return l
	}
	return nil
}

// Level resolves a level reference such as "backend#E4". The level id is
// matched without regard to case (level pages are lowercased, so E4 and e4
// cannot both exist); "ladder:backend#E4" and "[[ladder:backend#E4]]" are
// accepted too. ok is false when the ladder or the level is unknown; the
// ladder is still returned when only the level is unknown.
func (m *Model) Level(ref string) (*Ladder, *Level, bool) {
	id, lvl, _ := SplitRef(ref)
	l := m.Ladder(id)
	if l == nil {
		return nil, nil, false
	}
	v := l.Level(lvl)
	if v == nil {
		return l, nil, false
	}
	return l, v, true
}

// SplitRef splits "backend#E4" (optionally written "ladder:backend#E4" or
// "[[ladder:backend#E4]]" with surrounding spaces) into the ladder id and
// the level id. hasLevel is false when there is no "#".
func SplitRef(ref string) (ladderID, levelID string, hasLevel bool) {
	ref = strings.TrimSpace(ref)
	if strings.HasPrefix(ref, "[[") && strings.HasSuffix(ref, "]]") {
		ref = strings.TrimSpace(ref[2 : len(ref)-2])
		if i := strings.IndexByte(ref, '|'); i >= 0 {
			ref = strings.TrimSpace(ref[:i])
		}
	}
	ref = strings.TrimPrefix(ref, KindName+":")
	ladderID, levelID, hasLevel = strings.Cut(ref, "#")
	return strings.TrimSpace(ladderID), strings.TrimSpace(levelID), hasLevel
}

// Refs returns every level reference "ladder#LEVEL" in ladder order, for
// "did you mean" hints.
func (m *Model) Refs() []string {
	var out []string
	for _, l := range m.Ladders {
		for _, v := range l.Levels {
			out = append(out, v.Ref())
		}
	}
	return out
}

// IDs returns the ladder ids, sorted.
func (m *Model) IDs() []string {
	var out []string
	for _, l := range m.Ladders {
		out = append(out, l.ID)
	}
	sort.Strings(out)
	return out
}

// Ladder is one role ladder: ordered levels and competencies with
// expectations per level.
type Ladder struct {
	ID           string // file name without .md ("backend"); nested folders keep their slash
	Title        string
	Track        string // "engineering", "management"...
	Description  string
	Weight       int
	Levels       []*Level      // in ladder order, lowest first
	Competencies []*Competency // in file order
	File         *site.SourceFile
	Pos          site.Pos

	page        *site.Page
	comparePage *site.Page
}

// Path is the site-relative path of the ladder's matrix page.
func (l *Ladder) Path() string { return "ladders/" + l.ID + "/" }

// ComparePath is the path of the page comparing two levels.
func (l *Ladder) ComparePath() string { return l.Path() + "compare/" }

// Level returns the level with id (any case), or nil.
func (l *Ladder) Level(id string) *Level {
	for _, v := range l.Levels {
		if v.ID == id {
			return v
		}
	}
	for _, v := range l.Levels {
		if strings.EqualFold(v.ID, id) {
			return v
		}
	}
	return nil
}

// LevelIDs returns the level ids in order.
func (l *Ladder) LevelIDs() []string {
	out := make([]string, len(l.Levels))
	for i, v := range l.Levels {
		out[i] = v.ID
	}
	return out
}

// Level is one rung of a ladder.
type Level struct {
	ID      string // as written: "E4"
	Title   string // "Senior engineer"
	Summary string // Markdown
	Scope   string // Markdown
	Index   int    // position in the ladder, 0 for the lowest
	Ladder  *Ladder
	Pos     site.Pos // position of the id

	summaryPos, scopePos site.Pos
	page                 *site.Page
}

// Path is the level page: "ladders/backend/e4/".
func (v *Level) Path() string { return v.Ladder.Path() + strings.ToLower(v.ID) + "/" }

// Ref is "backend#E4".
func (v *Level) Ref() string { return v.Ladder.ID + "#" + v.ID }

// Key is the entity key "ladder:backend#E4", also the level page's Subject.
func (v *Level) Key() string { return KindName + ":" + v.Ref() }

// Name is "E4 Senior engineer" (or just "E4" without a title).
func (v *Level) Name() string {
	if v.Title == "" {
		return v.ID
	}
	return v.ID + " " + v.Title
}

// FullName is "E4 Senior engineer (Backend engineering)": a level named
// outside its ladder's pages.
func (v *Level) FullName() string { return v.Name() + " (" + v.Ladder.Title + ")" }

// Competency is one row of the matrix.
type Competency struct {
	ID           string
	Name         string
	Description  string        // Markdown
	Expectations []Expectation // in file order; only known levels
	Pos          site.Pos      // position of the id

	descPos site.Pos
}

// Expectation is a competency's text for one level.
type Expectation struct {
	Level  string   // the level id as the ladder spells it
	Text   string   // Markdown
	Pos    site.Pos // where the text starts
	KeyPos site.Pos // the level key
}

// Specified returns level id -> text for the levels that state an
// expectation.
func (c *Competency) Specified() map[string]string {
	m := make(map[string]string, len(c.Expectations))
	for _, e := range c.Expectations {
		m[e.Level] = e.Text
	}
	return m
}

func (c *Competency) expectation(level string) *Expectation {
	for i := range c.Expectations {
		if c.Expectations[i].Level == level {
			return &c.Expectations[i]
		}
	}
	return nil
}

// Resolve looks up a level reference written at pos (a role: field) and
// reports a malformed or unknown one under rule, naming the ladders or
// levels that exist. what names the thing that has the role ("scorecard").
// An empty ref is not reported (callers decide whether a role is
// required). The ladder is returned when only the level is unknown.
func (m *Model) Resolve(diags *site.Diagnostics, ref string, pos site.Pos, what, rule string) (*Ladder, *Level) {
	if strings.TrimSpace(ref) == "" {
		return nil, nil
	}
	l, v, ok := m.Level(ref)
	if ok {
		return l, v
	}
	id, lvl, hasLevel := SplitRef(ref)
	switch {
	case l == nil:
		ids := m.IDs()
		known := "no ladders are defined (content/ladders/*.md)"
		if len(ids) > 0 {
			known = "ladders: " + strings.Join(ids, ", ")
		}
		diags.Errorf(pos, rule, "%s role %q names no known ladder %q%s; %s", what, ref, id, site.DidYouMean(id, ids), known)
	case !hasLevel:
		diags.Errorf(pos, rule, "%s role %q names a ladder, not a level; write %s#LEVEL (levels: %s)", what, ref, id, strings.Join(l.LevelIDs(), ", "))
	default:
		diags.Errorf(pos, rule, "%s role %q: ladder %q has no level %q%s; levels: %s", what, ref, id, lvl, site.DidYouMean(lvl, l.LevelIDs()), strings.Join(l.LevelIDs(), ", "))
	}
	return l, nil
}

// Example returns a level reference to show in messages: the first level
// of the first ladder, or "backend#E4".
func (m *Model) Example() string {
	if refs := m.Refs(); len(refs) > 0 {
		return refs[0]
	}
	return "backend#E4"
}
