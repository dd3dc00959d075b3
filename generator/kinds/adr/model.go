package adr

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Name is the kind's name, the entity kind ("adr:12") and the model key.
const Name = "adr"

// Of returns the ADRs of s. It is never nil: a site built without the ADR
// kind gets an empty Model.
func Of(s *site.Site) *Model {
	if s != nil {
		if m, ok := s.Model(Name).(*Model); ok && m != nil {
			return m
		}
	}
	return &Model{}
}

// Model is every ADR of the handbook.
type Model struct {
	ADRs []*ADR // sorted by ID: numbered ADRs by number, then slugs

	Config Config

	all    []*ADR // every parsed ADR, duplicates included, in file order
	byID   map[string]*ADR
	byStem map[string][]*ADR // file name without .md -> ADRs
	// byService lists each service's ADRs in ADRs' order, so that service
	// and team pages do not each scan every ADR.
	byService map[string][]*ADR
	// rows holds each ADR's row of the index, made once: team and service
	// pages list the same rows, and making one looks up every service.
	rows      map[*ADR]Row
	indexes   []auxFile
	templates []auxFile
	edges     []*edge
	index     *site.Page
	timeline  *site.Page
}

// auxFile is a README or template in an ADR folder.
type auxFile struct {
	dir  string
	file *site.SourceFile
	page *site.Page
}

// edge is "new supersedes old", as one of them said.
type edge struct {
	new, old *ADR
	pos      site.Pos
	byOld    bool // written in the old ADR ("Superseded by ...")
}

// ADR is one architecture decision record.
type ADR struct {
	ID       string // "12" for numbered ADRs, the slug otherwise
	Title    string // without the number
	Status   string // derived: "superseded" once an accepted ADR supersedes it
	Slug     string // the file name without number and .md
	Date     site.Date
	Deciders []string
	Tags     []string
	Services []string

	Supersedes   []string // ids of the ADRs this one supersedes
	SupersededBy []string // ids of the ADRs that supersede this one (derived)
	Pos          site.Pos

	Number         int    // -1 for slug ids
	DeclaredStatus string // the status the file gives, normalised; "" when it gives none
	Format         string // FormatNative, FormatMADR, FormatNygard or FormatLog4brains
	Consulted      []string
	Informed       []string
	Amends         []string // ids
	AmendedBy      []string // ids
	// PendingSupersededBy lists proposed (or rejected) ADRs that would
	// supersede this one: it stays in force until they are accepted.
	PendingSupersededBy []string
	Related             []Relation // other links written in a "## Status" section
	Extra               []Meta
	Source              *site.SourceFile
	Page                *site.Page

	doc       *Doc
	facts     string            // Page.BodyFacts: the digests of doc and of findings
	findings  []site.Diagnostic // what reading the file alone found (Page.BodyFindings)
	seq       int               // index in Model.ADRs, once indexServices ran
	path      string            // set for duplicates, which cannot use the id's path
	duplicate bool
}

// Relation is a link between ADRs that Almanac has no name for, such as
// "Clarified by" written by adr-tools' `adr link`.
type Relation struct {
	Label string
	IDs   []string
}

// Path returns the site-relative path of the ADR's page: "adr/0012/" for
// numbered ADRs (zero-padded to 4 digits), "adr/<slug>/" otherwise.
func (a *ADR) Path() string {
	if a.path != "" {
		return a.path
	}
	return pathFor(a.ID)
}

func pathFor(id string) string {
	if n, ok := numericID(id); ok {
		return fmt.Sprintf("adr/%04d/", n)
	}
	return "adr/" + site.Slugify(id) + "/"
}

// Label is how the ADR is named in lists: "ADR-0012" for numbered ADRs,
// the slug otherwise.
func (a *ADR) Label() string {
	if a.Number >= 0 {
		return fmt.Sprintf("ADR-%04d", a.Number)
	}
	return a.ID
}

// FullTitle is the page and link title: "ADR-0012: Use Kafka" for numbered
// ADRs, the title otherwise.
func (a *ADR) FullTitle() string {
	if a.Number >= 0 {
		return a.Label() + ": " + a.Title
	}
	return a.Title
}

// Key returns the entity key "adr:<id>".
func (a *ADR) Key() string { return Name + ":" + a.ID }

// ADR returns the ADR with id ("12", "0012", "ADR-0012" or a slug), or nil.
func (m *Model) ADR(id string) *ADR {
	if m == nil {
		return nil
	}
	if m.byID == nil {
		for _, a := range m.ADRs {
			if a.ID == id {
				return a
			}
		}
		return nil
	}
	if a := m.byID[id]; a != nil {
		return a
	}
	if n, ok := numericID(trimADRPrefix(id)); ok {
		return m.byID[strconv.Itoa(n)]
	}
	return nil
}

// ForService returns the ADRs naming the service, sorted by ID.
func (m *Model) ForService(serviceID string) []*ADR {
	if m == nil {
		return nil
	}
	if m.byService != nil {
		return m.byService[serviceID]
	}
	var out []*ADR
	for _, a := range m.ADRs {
		if slices.Contains(a.Services, serviceID) {
			out = append(out, a)
		}
	}
	return out
}

// indexServices fills byService from ADRs.
func (m *Model) indexServices() {
	m.byService = map[string][]*ADR{}
	for i, a := range m.ADRs {
		a.seq = i
		for _, id := range a.Services {
			m.byService[id] = append(m.byService[id], a)
		}
	}
}

// ForServices returns the ADRs naming any of the services, sorted by ID.
func (m *Model) ForServices(ids []string) []*ADR {
	if m.byService != nil {
		seen := map[*ADR]bool{}
		var out []*ADR
		for _, id := range ids {
			for _, a := range m.byService[id] {
				if !seen[a] {
					seen[a] = true
					out = append(out, a)
				}
			}
		}
		if len(ids) > 1 {
			slices.SortFunc(out, func(a, b *ADR) int { return a.seq - b.seq })
		}
		return out
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []*ADR
	for _, a := range m.ADRs {
		for _, s := range a.Services {
			if want[s] {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// numericID reports whether id is a number ("12", "0012").
func numericID(id string) (int, bool) {
	if id == "" || len(id) > 9 {
		return 0, false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(id)
	return n, err == nil
}

// trimADRPrefix removes "ADR-", "ADR ", "adr:" and "#" from a reference.
func trimADRPrefix(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"adr:", "adr-", "adr_", "adr ", "adr", "#"} {
		if strings.HasPrefix(low, p) {
			rest := strings.TrimSpace(s[len(p):])
			if p == "adr" {
				if _, ok := numericID(rest); !ok {
					continue
				}
			}
			return rest
		}
	}
	return s
}

// less orders ADRs: numbered ones by number, then the others by slug.
func less(a, b *ADR) bool {
	if (a.Number >= 0) != (b.Number >= 0) {
		return a.Number >= 0
	}
	if a.Number >= 0 && a.Number != b.Number {
		return a.Number < b.Number
	}
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	return a.Source.Path < b.Source.Path
}

func sortADRs(list []*ADR) {
	sort.SliceStable(list, func(i, j int) bool { return less(list[i], list[j]) })
}

// ids returns the ids of list, in order.
func ids(list []*ADR) []string {
	out := make([]string, 0, len(list))
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}
