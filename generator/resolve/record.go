package resolve

import (
	"context"
	"errors"
	"slices"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// A Record is how Pages resolved one body: its links and references in the
// order Resolve meets them (offsets left out) and what each resolved to.
// It depends on the body's links and on the rest of the site, so while
// both stay as they are, the body can be rendered again from its Record
// alone (Replayer), without loading the site.
type Record struct {
	Headings []markdown.Heading
	Links    []markdown.LinkUse // Offset is zero: prose edits move links
	Answers  []Answer
}

// An Answer is what a Resolver returned for one LinkUse.
type Answer struct {
	Dest   string // Dest's result
	Target markdown.Target
	OK     bool // Ref's result
}

// SameLinks reports whether sum has exactly the links r was recorded
// from, in the same order: then they resolve as they did, as long as the
// anchors they reach are still there.
func (r *Record) SameLinks(sum *markdown.Summary) bool {
	return slices.EqualFunc(r.Links, sum.Links, func(a, b markdown.LinkUse) bool {
		return a.Op == b.Op && a.Dest == b.Dest && a.Kind == b.Kind && a.ID == b.ID
	})
}

// KeepsAnchors reports whether the heading ids now of an edited page hold
// every id in used, those links point at (site.Site.AnchorsUsed): then no
// link to the page, from it or from another, has lost its anchor.
func KeepsAnchors(used []string, now map[string]bool) bool {
	for _, id := range used {
		if !now[id] {
			return false
		}
	}
	return true
}

// SearchText is the part of a body's plain text the search index gets.
func SearchText(sum *markdown.Summary) string { return searchText(sum.Text) }

// PagesRecording is Pages that also returns the Record of every page for
// which keep returns true.
func PagesRecording(ctx context.Context, s *site.Site, md *markdown.Renderer, keep func(*site.Page) bool, spill *Spill) (map[*site.Page]*Record, error) {
	return pages(ctx, s, md, keep, spill)
}

// recorder passes a resolver's answers through and writes them down.
type recorder struct {
	markdown.Resolver
	rec *Record
}

func (r *recorder) Dest(dest string, offset int, image bool) string {
	out := r.Resolver.Dest(dest, offset, image)
	r.rec.Answers = append(r.rec.Answers, Answer{Dest: out})
	return out
}

func (r *recorder) Ref(kind, id string, offset int) (markdown.Target, bool) {
	t, ok := r.Resolver.Ref(kind, id, offset)
	r.rec.Answers = append(r.rec.Answers, Answer{Target: t, OK: ok})
	return t, ok
}

func (r *recorder) UnclosedRef(kind, id string, offset int) {
	if u, ok := r.Resolver.(markdown.UnclosedRefs); ok {
		u.UnclosedRef(kind, id, offset)
	}
	r.rec.Answers = append(r.rec.Answers, Answer{})
}

// ErrLinksChanged is reported by a Replayer asked a question its Record
// does not answer.
var ErrLinksChanged = errors.New("the body's links are not the recorded ones")

// A Replayer is a markdown.Resolver that gives the recorded answers, in
// order, to the recorded links. Use it only for a body r.Matches accepts;
// Err reports whether anything else was asked.
type Replayer struct {
	r   *Record
	n   int
	err error
}

// NewReplayer returns a Replayer of r.
func NewReplayer(r *Record) *Replayer { return &Replayer{r: r} }

func (p *Replayer) next(op markdown.LinkOp, dest, kind, id string) (Answer, bool) {
	if p.n >= len(p.r.Links) {
		p.err = ErrLinksChanged
		return Answer{}, false
	}
	l := p.r.Links[p.n]
	p.n++
	if l.Op != op && !(l.Op == markdown.OpAutoLink && op == markdown.OpLink) || l.Dest != dest || l.Kind != kind || l.ID != id {
		p.err = ErrLinksChanged
		return Answer{}, false
	}
	return p.r.Answers[p.n-1], true
}

func (p *Replayer) Dest(dest string, offset int, image bool) string {
	op := markdown.OpLink
	if image {
		op = markdown.OpImage
	}
	a, _ := p.next(op, dest, "", "")
	return a.Dest
}

func (p *Replayer) Ref(kind, id string, offset int) (markdown.Target, bool) {
	a, ok := p.next(markdown.OpRef, "", kind, id)
	return a.Target, ok && a.OK
}

func (p *Replayer) UnclosedRef(kind, id string, offset int) {
	p.next(markdown.OpUnclosed, "", kind, id)
}

// Err returns ErrLinksChanged when the body asked what r does not answer,
// or asked less than r answers.
func (p *Replayer) Err() error {
	if p.err == nil && p.n != len(p.r.Links) {
		return ErrLinksChanged
	}
	return p.err
}
