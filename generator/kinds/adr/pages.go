package adr

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// RefView is an ADR as other pages mention it.
type RefView struct {
	ID, Label, Title, Status, Path string
	Name                           string // FullTitle: "ADR-0012: Use Kafka", or the title of a slug ADR
	Date                           string
}

// Lineage is a supersession history: the ADRs connected to each other by
// supersession, proposals included. Every ADR of it shows the same one.
type Lineage struct {
	// Chain says the history is one line, each ADR superseding the one
	// before it; otherwise it branches (one ADR supersedes two, or two
	// supersede one), and each ADR is shown with its links.
	Chain bool
	ADRs  []LineageEntry // oldest first: every ADR after those it supersedes
}

// LineageEntry is an ADR of a Lineage with its supersession links.
type LineageEntry struct {
	RefView
	Links []RelatedView // "supersedes", "superseded by", "would supersede", "would be superseded by"
}

// ServiceView is a service an ADR names. Path is "" when the catalog does
// not know the service (then it is shown without a link).
type ServiceView struct {
	ID, Name, Path string
}

// RelatedView is a named group of related ADRs.
type RelatedView struct {
	Label string
	Refs  []RefView
}

// PageData is the template data of an ADR page (adr/page.html).
type PageData struct {
	ADR            *ADR
	Label          string
	Status         string // derived
	DeclaredStatus string // the file's own status when it differs from Status
	StatusImplicit bool   // the file gives no status
	Date           string
	Format         string
	Duplicate      bool // the id is taken by another file; this page is not the ADR's entity

	Supersedes   []RefView
	SupersededBy []RefView
	// WouldSupersede are the ADRs this one supersedes while it is proposed
	// or rejected: they stay in force until it is accepted.
	WouldSupersede []RefView
	// WouldBeSupersededBy are the proposed or rejected ADRs that supersede
	// this one, and Pending those of them still proposed.
	WouldBeSupersededBy []RefView
	Pending             []RefView
	Lineage             *Lineage // the ADRs connected to this one by supersession; nil when it stands alone
	Amends              []RefView
	AmendedBy           []RefView
	Related             []RelatedView

	Services  []ServiceView
	Deciders  []string
	Consulted []string
	Informed  []string
	Tags      []TagView
	Extra     []Meta
}

// TagView is a tag with the key the index filters by.
type TagView struct {
	Name, Key string
}

// Row is an ADR in a list (index, timeline, service and team pages).
type Row struct {
	ID, Label, Title, Path string
	Name                   string // FullTitle
	Status                 string
	Date                   string // YYYY-MM-DD, "" when undated
	Order                  int    // position in id order
	Deciders               []string
	Services               []ServiceView
	Tags                   []string
	TagKeys                string // space-separated tag keys, for data-filter-tag
	SupersededBy           []RefView
	Supersedes             []RefView
}

// Count is a filter option with how many ADRs have it.
type Count struct {
	Key, Label string
	Count      int
}

// Link is a titled site-relative path.
type Link struct {
	Title, Path string
}

// IndexData is the template data of the ADR index (adr/index.html).
type IndexData struct {
	Rows      []Row // in id order
	Statuses  []Count
	Tags      []Count
	Templates []Link
	Folders   []Link // READMEs of further ADR folders
	Feed      string // site-relative path of the Atom feed; "" when no ADR is dated, which makes none
	Timeline  string
	// Columns worth showing: some ADR has deciders, services, tags.
	HasDeciders, HasServices, HasTags bool
}

// Year is one year of the timeline.
type Year struct {
	Year    string
	Entries []Row // newest first
}

// TimelineData is the template data of adr/timeline.html.
type TimelineData struct {
	Years   []Year // newest year first
	Undated []Row
	Index   string
}

// ListData is the data of the section contributed to service and team
// pages (adr/_list.html).
type ListData struct {
	Rows         []Row
	ShowServices bool
}

// ReadmeData is the data of a further ADR folder's README page.
type ReadmeData struct {
	Index string
}

// TemplateData is the data of an ADR template's page.
type TemplateData struct {
	File string
	Text string
}

func (m *Model) refView(id string) RefView {
	a := m.byID[id]
	if a == nil {
		return RefView{ID: id, Label: id, Title: id, Name: id}
	}
	return RefView{ID: a.ID, Label: a.Label(), Title: a.Title, Name: a.FullTitle(), Status: a.Status, Path: a.Path(), Date: a.Date.String()}
}

func (m *Model) refViews(ids []string) []RefView {
	var out []RefView
	for _, id := range ids {
		out = append(out, m.refView(id))
	}
	return out
}

func serviceViews(s *site.Site, ids []string) []ServiceView {
	cat := catalog.Of(s)
	var out []ServiceView
	for _, id := range ids {
		v := ServiceView{ID: id, Name: id}
		if sv := cat.Service(id); sv != nil {
			v.Path = sv.Path()
			if sv.Name != "" {
				v.Name = sv.Name
			}
		} else if e, ok := s.Entity("service", id); ok {
			v.Path = e.Path
			if e.Title != "" {
				v.Name = e.Title
			}
		}
		out = append(out, v)
	}
	return out
}

// TagKey is the value a tag filters by.
func TagKey(tag string) string { return site.Slugify(tag) }

func (m *Model) row(s *site.Site, a *ADR) Row {
	if r, ok := m.rows[a]; ok {
		return r
	}
	r := Row{ID: a.ID, Label: a.Label(), Title: a.Title, Name: a.FullTitle(), Path: a.Path(), Status: a.Status, Date: a.Date.String(),
		Deciders: a.Deciders, Services: serviceViews(s, a.Services), Tags: a.Tags,
		SupersededBy: m.refViews(a.SupersededBy), Supersedes: m.refViews(a.Supersedes)}
	var keys []string
	for _, t := range a.Tags {
		keys = append(keys, TagKey(t))
	}
	r.TagKeys = strings.Join(keys, " ")
	return r
}

// lineages returns the supersession history of every ADR that has one.
// The ADRs a proposed or rejected ADR supersedes are part of its history,
// linked as "would supersede", so that both ADRs show the proposal.
func (m *Model) lineages() map[*ADR]*Lineage {
	older := map[*ADR][]*ADR{} // the ADRs each one supersedes
	newer := map[*ADR][]*ADR{} // the ADRs that supersede each one
	for _, x := range m.ADRs {
		for _, id := range x.Supersedes {
			if y := m.byID[id]; y != nil && y != x {
				older[x] = append(older[x], y)
				newer[y] = append(newer[y], x)
			}
		}
	}
	out := map[*ADR]*Lineage{}
	for _, a := range m.ADRs {
		if out[a] != nil || len(older[a])+len(newer[a]) == 0 {
			continue
		}
		group := []*ADR{a}
		seen := map[*ADR]bool{a: true}
		for i := 0; i < len(group); i++ {
			for _, next := range [][]*ADR{older[group[i]], newer[group[i]]} {
				for _, y := range next {
					if !seen[y] {
						seen[y] = true
						group = append(group, y)
					}
				}
			}
		}
		sortADRs(group)
		// A chain: each ADR supersedes at most one and is superseded by at
		// most one, and the links hold the group together without a cycle.
		l := &Lineage{Chain: true}
		links := 0
		for _, x := range group {
			links += len(older[x])
			l.Chain = l.Chain && len(older[x]) <= 1 && len(newer[x]) <= 1
		}
		l.Chain = l.Chain && links == len(group)-1
		for _, x := range oldestFirst(group, older) {
			e := LineageEntry{RefView: m.refView(x.ID)}
			var sup, would, by, wouldBy []string
			for _, y := range older[x] {
				if slices.Contains(y.PendingSupersededBy, x.ID) {
					would = append(would, y.ID)
				} else {
					sup = append(sup, y.ID)
				}
			}
			for _, y := range newer[x] {
				if slices.Contains(x.PendingSupersededBy, y.ID) {
					wouldBy = append(wouldBy, y.ID)
				} else {
					by = append(by, y.ID)
				}
			}
			for _, r := range []RelatedView{{"supersedes", m.refViews(sup)}, {"would supersede", m.refViews(would)},
				{"superseded by", m.refViews(by)}, {"would be superseded by", m.refViews(wouldBy)}} {
				if len(r.Refs) > 0 {
					e.Links = append(e.Links, r)
				}
			}
			l.ADRs = append(l.ADRs, e)
			out[x] = l
		}
	}
	return out
}

// oldestFirst orders group, sorted by id, so that every ADR comes after
// the ADRs it supersedes (older), and otherwise by date, then id. Within
// a cycle (an error checkCycles reports) it goes by date, then id.
func oldestFirst(group []*ADR, older map[*ADR][]*ADR) []*ADR {
	earlier := func(a, b *ADR) bool {
		if !a.Date.IsZero() && !b.Date.IsZero() && !a.Date.Equal(b.Date.Time) {
			return a.Date.Before(b.Date.Time)
		}
		return less(a, b)
	}
	placed := map[*ADR]bool{}
	out := make([]*ADR, 0, len(group))
	for len(out) < len(group) {
		var next, fallback *ADR
		for _, x := range group {
			if placed[x] {
				continue
			}
			if fallback == nil || earlier(x, fallback) {
				fallback = x
			}
			ready := true
			for _, y := range older[x] {
				ready = ready && placed[y]
			}
			if ready && (next == nil || earlier(x, next)) {
				next = x
			}
		}
		if next == nil {
			next = fallback
		}
		placed[next] = true
		out = append(out, next)
	}
	return out
}

// buildPages fills the data of every page the kind added.
func (m *Model) buildPages(s *site.Site) {
	lineages := m.lineages()
	for _, a := range m.all {
		d := a.Page.Data.(*PageData)
		*d = PageData{ADR: a, Label: a.Label(), Status: a.Status, Date: a.Date.String(), Format: a.Format, Duplicate: a.duplicate,
			StatusImplicit: a.DeclaredStatus == "" && a.doc.Status.Value == "",
			SupersededBy:   m.refViews(a.SupersededBy), WouldBeSupersededBy: m.refViews(a.PendingSupersededBy),
			Amends: m.refViews(a.Amends), AmendedBy: m.refViews(a.AmendedBy),
			Services: serviceViews(s, a.Services), Deciders: a.Deciders, Consulted: a.Consulted, Informed: a.Informed,
			Extra: a.Extra}
		for _, t := range a.Tags {
			d.Tags = append(d.Tags, TagView{Name: t, Key: TagKey(t)})
		}
		if a.DeclaredStatus != "" && a.DeclaredStatus != a.Status {
			d.DeclaredStatus = a.DeclaredStatus
		}
		for _, id := range a.Supersedes {
			if old := m.byID[id]; old != nil && slices.Contains(old.PendingSupersededBy, a.ID) {
				d.WouldSupersede = append(d.WouldSupersede, m.refView(id))
			} else {
				d.Supersedes = append(d.Supersedes, m.refView(id))
			}
		}
		for _, r := range d.WouldBeSupersededBy {
			if r.Status != StatusRejected {
				d.Pending = append(d.Pending, r)
			}
		}
		if !a.duplicate {
			d.Lineage = lineages[a]
		}
		for _, r := range a.Related {
			d.Related = append(d.Related, RelatedView{Label: r.Label, Refs: m.refViews(r.IDs)})
		}
		a.Page.Badge = a.Status
		if e, ok := s.Entity(Name, a.ID); ok && !a.duplicate {
			e.Badge = a.Status
		}
	}
	for _, a := range m.ADRs {
		if a.Number >= 0 {
			if e, ok := s.Entity(Name, strings.TrimPrefix(a.Label(), "ADR-")); ok && e.Path == a.Path() {
				e.Badge = a.Status
			}
		}
	}

	idx := m.index.Data.(*IndexData)
	idx.Timeline = TimelinePath
	if len(m.feedADRs()) > 0 {
		idx.Feed = FeedPath
	}
	statusCount := map[string]int{}
	tagCount := map[string]int{}
	tagLabel := map[string]string{}
	m.rows = make(map[*ADR]Row, len(m.ADRs))
	for i, a := range m.ADRs {
		r := m.row(s, a)
		m.rows[a] = r
		r.Order = i
		idx.Rows = append(idx.Rows, r)
		idx.HasDeciders = idx.HasDeciders || len(a.Deciders) > 0
		idx.HasServices = idx.HasServices || len(a.Services) > 0
		idx.HasTags = idx.HasTags || len(a.Tags) > 0
		statusCount[a.Status]++
		for _, t := range a.Tags {
			k := TagKey(t)
			tagCount[k]++
			if _, ok := tagLabel[k]; !ok {
				tagLabel[k] = t
			}
		}
	}
	for _, st := range knownStatuses(m.Config.ExtraStatuses) {
		if n := statusCount[st]; n > 0 {
			idx.Statuses = append(idx.Statuses, Count{Key: st, Label: st, Count: n})
			delete(statusCount, st)
		}
	}
	var rest []string
	for st := range statusCount {
		rest = append(rest, st)
	}
	sort.Strings(rest)
	for _, st := range rest {
		idx.Statuses = append(idx.Statuses, Count{Key: st, Label: st, Count: statusCount[st]})
	}
	var tags []string
	for k := range tagCount {
		tags = append(tags, k)
	}
	sort.Strings(tags)
	for _, k := range tags {
		idx.Tags = append(idx.Tags, Count{Key: k, Label: tagLabel[k], Count: tagCount[k]})
	}
	for _, t := range m.templates {
		idx.Templates = append(idx.Templates, Link{Title: path.Base(t.file.Rel), Path: t.page.Path})
	}
	for i := 1; i < len(m.indexes); i++ {
		idx.Folders = append(idx.Folders, Link{Title: m.indexes[i].page.Title, Path: m.indexes[i].page.Path})
		m.indexes[i].page.Data.(*ReadmeData).Index = IndexPath
	}

	tl := m.timeline.Data.(*TimelineData)
	tl.Index = IndexPath
	byYear := map[string][]Row{}
	for _, r := range idx.Rows {
		if r.Date == "" {
			tl.Undated = append(tl.Undated, r)
			continue
		}
		byYear[r.Date[:4]] = append(byYear[r.Date[:4]], r)
	}
	var years []string
	for y := range byYear {
		years = append(years, y)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	for _, y := range years {
		rows := byYear[y]
		sort.SliceStable(rows, func(i, j int) bool {
			if rows[i].Date != rows[j].Date {
				return rows[i].Date > rows[j].Date
			}
			return rows[i].Order > rows[j].Order
		})
		tl.Years = append(tl.Years, Year{Year: y, Entries: rows})
	}
}
