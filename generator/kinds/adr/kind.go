package adr

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Kind is the ADR content kind.
type Kind struct{}

// New returns the ADR kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (*Kind) Name() string { return Name }

// Site-relative paths of the generated pages.
const (
	IndexPath    = "adr/"
	TimelinePath = "adr/timeline/"
	FeedPath     = "adr/feed.xml"
)

// Load implements site.Kind: it claims every Markdown file in the ADR
// folders, parses the ADRs and adds their entities and pages.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	cfg := DefaultConfig()
	s.Config.Section(Name, &cfg, s.Diags)
	m := &Model{Config: cfg, byID: map[string]*ADR{}, byStem: map[string][]*ADR{}}
	s.SetModel(Name, m)
	var files []*site.SourceFile
	for _, dir := range cfg.cleanDirs(s.Diags) {
		for _, f := range s.Source.DocsUnder(dir) {
			if s.Source.ClaimedBy(f.Path) != "" || !s.Source.Claim(f.Path, Name) {
				continue
			}
			switch Role(path.Base(f.Rel)) {
			case roleIndex:
				m.indexes = append(m.indexes, auxFile{dir: dir, file: f})
			case roleTemplate:
				m.templates = append(m.templates, auxFile{dir: dir, file: f})
			default:
				files = append(files, f)
			}
		}
	}
	// Each file parses on its own; the model is put together in file order.
	m.all = make([]*ADR, len(files))
	overrides := s.Config.Overrides()
	if err := site.Parallel(ctx, len(files), func(i int) error {
		m.all[i] = m.parse(s, files[i], overrides)
		return nil
	}); err != nil {
		return err
	}
	for _, a := range m.all {
		stem := strings.ToLower(strings.TrimSuffix(path.Base(a.Source.Rel), path.Ext(a.Source.Rel)))
		m.byStem[stem] = append(m.byStem[stem], a)
	}
	if len(m.all) == 0 && len(m.indexes) == 0 && len(m.templates) == 0 {
		return nil
	}
	// The README at the top of the first folder introduces the index.
	sort.SliceStable(m.indexes, func(i, j int) bool {
		ti := path.Dir(m.indexes[i].file.Rel) == m.indexes[i].dir
		tj := path.Dir(m.indexes[j].file.Rel) == m.indexes[j].dir
		return ti && !tj
	})
	m.assignIDs(s)
	m.addPages(s)
	return nil
}

// parse reads one ADR file and checks what can be checked on its own. It
// runs on several files at once, so it changes nothing but the ADR.
func (m *Model) parse(s *site.Site, f *site.SourceFile, overrides map[string]site.Severity) *ADR {
	// The file's own findings are part of its body facts: a build may patch
	// an edit to its body only while they stay as they are.
	diags := &site.Diagnostics{}
	diags.SetOverrides(overrides)
	a := readFile(m.Config, f, diags)
	for _, d := range a.findings {
		s.Diags.Add(d)
	}
	return a
}

// readFile reads one ADR file and reports what is wrong with it alone.
// When the loader could not read all of it (SourceFile.Unread), it does
// not report what the file seems to lack, the title, the date, any content
// at all: that may be in the part that failed, and the loader's error says
// what to fix.
func readFile(cfg Config, f *site.SourceFile, diags *site.Diagnostics) *ADR {
	doc := Parse(f, diags)
	name := path.Base(f.Rel)
	num, slug := FileName(name)
	stem := strings.TrimSuffix(name, path.Ext(name))
	a := &ADR{Source: f, doc: doc, Format: doc.Format, Number: num, Slug: slug, Pos: site.Pos{Path: f.Path, Line: 1, Col: 1}}
	switch {
	case num < 0 && doc.Number >= 0 && !dateName(name):
		a.Number = doc.Number // "use-kafka.md" titled "# 12. Use Kafka"
	case num >= 0 && doc.Number >= 0 && doc.Number != num:
		diags.Warnf(doc.H1Pos, "adr-number", "the title says ADR %d but the file name says %d; Almanac uses %d from the file name: rename the file or fix the title", doc.Number, num, num)
	}
	if a.Number >= 0 {
		a.ID = strconv.Itoa(a.Number)
	} else {
		a.ID = stem
	}
	a.Title = doc.Title.Value
	switch {
	case a.Title != "":
	case f.Unread:
		a.Title = site.Humanize(slug)
	case f.Front == nil && len(bytes.TrimSpace(f.Body)) == 0:
		diags.Errorf(a.Pos, "adr-empty", "the ADR file is empty; write the decision (a \"# Title\" and its status, context and decision) or delete the file")
	default:
		a.Title = site.Humanize(slug)
		diags.Warnf(a.Pos, "adr-title", "ADR has no title; add a \"# Title\" heading (or title: in the front matter); using %q from the file name", a.Title)
	}
	if doc.Status.Value != "" {
		st, ok := NormalizeStatus(doc.Status.Value, cfg.ExtraStatuses)
		if ok {
			a.DeclaredStatus = st
		} else {
			known := knownStatuses(cfg.ExtraStatuses)
			diags.Errorf(doc.Status.Pos, "adr-status", "unknown ADR status %q%s; use one of %s (or list it in adr.extra_statuses in %s)",
				strings.TrimSpace(doc.Status.Value), site.DidYouMean(cleanStatus(doc.Status.Value), known), strings.Join(known, ", "), site.ConfigFile)
		}
	}
	a.Status = a.DeclaredStatus
	if a.Status == "" {
		a.Status = StatusAccepted // an ADR without a status records a decision taken (MADR, log4brains)
	}
	if doc.HasDate {
		a.Date = doc.Date
	} else if !doc.DateGiven && !f.Unread {
		diags.Warnf(a.dateHintPos(), "adr-date-missing", "%s has no date; %s", a.describe(), a.dateHint())
	}
	a.Deciders = dedupe(doc.Deciders)
	a.Consulted = dedupe(doc.Consulted)
	a.Informed = dedupe(doc.Informed)
	a.Tags = dedupeFold(doc.Tags)
	for _, sv := range doc.Services {
		a.Services = append(a.Services, serviceID(sv.Value))
	}
	a.Services = dedupe(a.Services)
	a.Extra = doc.Extra
	a.facts, a.findings = doc.digest(), diags.List()
	if found := site.DiagnosticsDigest(a.findings); found != "" {
		a.facts += " " + found
	}
	return a
}

func (a *ADR) describe() string {
	if a.Number >= 0 {
		return fmt.Sprintf("ADR %d", a.Number)
	}
	return fmt.Sprintf("ADR %q", a.ID)
}

func (a *ADR) dateHintPos() site.Pos {
	if a.doc != nil && a.doc.H1Pos.Line > 0 {
		return a.doc.H1Pos
	}
	return a.Pos
}

// dateHint says how to add a date in the ADR's own format.
func (a *ADR) dateHint() string {
	switch a.Format {
	case FormatNygard:
		return "add a line \"Date: YYYY-MM-DD\" under the title"
	case FormatLog4brains:
		return "add \"- Date: YYYY-MM-DD\" to the list under the title"
	case FormatMADR:
		if a.Source != nil && a.Source.Front == nil {
			return "add \"date: YYYY-MM-DD\" to a front matter block, or \"* Date: YYYY-MM-DD\" under the title"
		}
	}
	return "add \"date: YYYY-MM-DD\" to the front matter"
}

// serviceID accepts a catalog id, or a Backstage ref to one
// ("component:default/payments-api").
func serviceID(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimPrefix(s, "default/")
}

// assignIDs reports duplicate ids, registers entities and builds the
// lookups and the sorted list.
func (m *Model) assignIDs(s *site.Site) {
	first := map[string]*ADR{}
	for _, a := range m.all {
		if prev, ok := first[a.ID]; ok {
			a.duplicate = true
			a.path = "adr/" + site.Slugify(strings.TrimSuffix(path.Base(a.Source.Rel), path.Ext(a.Source.Rel))) + "/"
			what := "number"
			if a.Number < 0 {
				what = "slug"
			}
			s.Diags.Errorf(a.Pos, "adr-duplicate-id", "duplicate ADR id %q: %s has the same %s as %s; give one of them another %s (ADR ids are unique across every adr.dir folder)",
				a.ID, a.Source.Path, what, prev.Source.Path, what)
			continue
		}
		first[a.ID] = a
		m.byID[a.ID] = a
		m.ADRs = append(m.ADRs, a)
	}
	sortADRs(m.ADRs)
	m.indexServices()
	for _, a := range m.ADRs {
		e := &site.Entity{Kind: Name, ID: a.ID, Title: a.FullTitle(), Path: a.Path(), Badge: a.Status, Pos: a.Pos}
		s.AddEntity(e)
		if a.Number >= 0 {
			// [[adr:0012]] as well as [[adr:12]].
			if padded := fmt.Sprintf("%04d", a.Number); padded != a.ID && m.byID[padded] == nil {
				alias := *e
				alias.ID = padded
				s.AddEntity(&alias)
			}
		}
	}
}

// addPages adds the index, the timeline, one page per ADR, and pages for
// the READMEs and templates of the ADR folders.
func (m *Model) addPages(s *site.Site) {
	title := "Architecture decisions"
	var intro *site.SourceFile
	if len(m.indexes) > 0 {
		intro = m.indexes[0].file
		if t := indexTitle(intro); t != "" {
			title = t
		}
	}
	m.index = &site.Page{Path: IndexPath, Kind: Name, Title: title, Source: intro, Template: "adr/index.html",
		Description: "Every architecture decision record: status, date, deciders and affected services.", Data: &IndexData{}, SeesKind: Name}
	if intro != nil {
		m.indexes[0].page = m.index
	}
	s.AddPage(m.index)
	m.timeline = &site.Page{Path: TimelinePath, Kind: Name, Title: "Decision timeline", Template: "adr/timeline.html",
		Description: "Architecture decisions in the order they were taken.", Data: &TimelineData{}, NoSearch: true, SeesKind: Name}
	s.AddPage(m.timeline)
	s.AddNav(&site.NavItem{Title: title, Path: IndexPath, Weight: 40,
		Children: []*site.NavItem{{Title: "Timeline", Path: TimelinePath}}})

	for _, a := range m.all {
		a.Page = &site.Page{Path: a.Path(), Kind: Name, Title: a.FullTitle(), Source: a.Source, BodyOffset: a.doc.BodyOffset,
			Template: "adr/page.html", Date: a.Date, Tags: a.Tags, Badge: a.Status, Data: &PageData{},
			LocalBody: true, BodyFacts: a.facts, BodyFindings: a.findings, SeesKind: Name}
		s.AddPage(a.Page)
	}
	for i := 1; i < len(m.indexes); i++ {
		x := &m.indexes[i]
		rel := strings.TrimSuffix(path.Dir(x.file.Rel), "/")
		t := indexTitle(x.file)
		if t == "" {
			t = rel
		}
		x.page = &site.Page{Path: "adr/" + site.Slugify(rel) + "/", Kind: Name, Title: t, Source: x.file,
			Template: "adr/readme.html", Data: &ReadmeData{}}
		s.AddPage(x.page)
	}
	used := map[string]bool{}
	for i := range m.templates {
		x := &m.templates[i]
		name := path.Base(x.file.Rel)
		slug := site.Slugify(strings.TrimSuffix(name, path.Ext(name)))
		p := "adr/templates/" + slug + "/"
		for n := 2; used[p]; n++ {
			p = "adr/templates/" + slug + "-" + strconv.Itoa(n) + "/"
		}
		used[p] = true
		x.page = &site.Page{Path: p, Kind: Name, Title: "ADR template: " + name, Source: x.file, NoBody: true, NoSearch: true,
			Template: "adr/template.html", Data: &TemplateData{File: x.file.Path, Text: templateText(x.file)}}
		s.AddPage(x.page)
	}
}

// indexTitle is a README's title: its front matter title, else its H1.
func indexTitle(f *site.SourceFile) string {
	if n := site.FrontValue(f.Front, "title"); n != nil && strings.TrimSpace(n.Value) != "" {
		return strings.TrimSpace(n.Value)
	}
	_, _, t := findH1(splitLines(f.Body))
	return t
}

// templateText is a template file as its authors wrote it, front matter
// included, for copying.
func templateText(f *site.SourceFile) string {
	if f.Front == nil {
		return string(f.Body)
	}
	return "(front matter omitted)\n\n" + string(f.Body)
}

// Link implements site.Linker: it resolves the relations between ADRs,
// derives superseded_by and statuses, runs the checks that need every ADR
// (and the catalog), and builds the page data.
func (k *Kind) Link(ctx context.Context, s *site.Site) error {
	m := Of(s)
	if m.index == nil {
		return nil
	}
	m.resolveRefs(s)
	m.derive(s)
	m.checkCycles(s)
	m.checkServices(s)
	m.buildPages(s)
	return nil
}

// resolve finds the ADR a reference names. from is the referring ADR (its
// folder is searched first for file names).
func (m *Model) resolve(r Ref, from *ADR) *ADR {
	cands := []string{r.Target, r.Text}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if strings.Contains(c, "://") {
			continue
		}
		// A link: "0003-use-kafka.md", "../adr/0003-use-kafka.md#x".
		target := c
		if i := strings.IndexAny(target, "#?"); i >= 0 {
			target = target[:i]
		}
		base := path.Base(strings.ReplaceAll(target, `\`, "/"))
		stem := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
		if list := m.byStem[strings.ToLower(stem)]; len(list) > 0 {
			if len(list) == 1 || from == nil {
				return list[0]
			}
			for _, a := range list {
				if path.Dir(a.Source.Rel) == path.Dir(from.Source.Rel) {
					return a
				}
			}
			return list[0]
		}
		id := trimADRPrefix(stem)
		if n, ok := numericID(id); ok {
			if a := m.byID[strconv.Itoa(n)]; a != nil {
				return a
			}
			continue
		}
		if a := m.byID[id]; a != nil {
			return a
		}
		// "3. Title" (adr-tools link text), or a renamed "0003-old-name.md".
		if mm := numTitleRe.FindStringSubmatch(c); mm != nil {
			if n, err := strconv.Atoi(mm[1]); err == nil && m.byID[strconv.Itoa(n)] != nil {
				return m.byID[strconv.Itoa(n)]
			}
		}
		if n, _ := FileName(base); n >= 0 && m.byID[strconv.Itoa(n)] != nil {
			return m.byID[strconv.Itoa(n)]
		}
	}
	return nil
}

func (m *Model) resolveRefs(s *site.Site) {
	seen := map[[2]*ADR]bool{}
	for _, a := range m.ADRs {
		related := map[string][]string{}
		var labels []string
		for _, r := range a.doc.Refs {
			t := m.resolve(r, a)
			if t == nil && (strings.Contains(r.Target, "://") || !isKnownRel(r.Rel)) {
				// A web page, or a relation Almanac does not interpret: the
				// link checker reports broken links to files.
				continue
			}
			if t == nil {
				rule := "adr-ref-missing"
				if r.Rel == RelSupersedes || r.Rel == RelSupersededBy {
					rule = "adr-supersedes-missing"
				}
				written := r.Target
				if written == "" {
					written = r.Text
				}
				s.Diags.Errorf(r.Pos, rule, "%s %s: no ADR has that id or file name%s; write the id of an existing ADR (%s)",
					r.Rel, quote(written), site.DidYouMean(trimADRPrefix(strings.TrimSuffix(path.Base(written), ".md")), m.refCandidates(a)), m.idSample())
				continue
			}
			if t.Page != nil && a.Page != nil {
				s.AddBacklink(t.Path(), a.Page)
			}
			switch r.Rel {
			case RelSupersedes:
				if !seen[[2]*ADR{a, t}] {
					seen[[2]*ADR{a, t}] = true
					m.edges = append(m.edges, &edge{new: a, old: t, pos: r.Pos})
				}
			case RelSupersededBy:
				if !seen[[2]*ADR{t, a}] {
					seen[[2]*ADR{t, a}] = true
					m.edges = append(m.edges, &edge{new: t, old: a, pos: r.Pos, byOld: true})
				}
			case RelAmends:
				a.Amends = appendID(a.Amends, t.ID)
				t.AmendedBy = appendID(t.AmendedBy, a.ID)
			case RelAmendedBy:
				a.AmendedBy = appendID(a.AmendedBy, t.ID)
				t.Amends = appendID(t.Amends, a.ID)
			default:
				if _, ok := related[r.Rel]; !ok {
					labels = append(labels, r.Rel)
				}
				related[r.Rel] = appendID(related[r.Rel], t.ID)
			}
		}
		for _, l := range labels {
			a.Related = append(a.Related, Relation{Label: l, IDs: related[l]})
		}
	}
}

func quote(s string) string { return strconv.Quote(s) }

func isKnownRel(rel string) bool {
	switch rel {
	case RelSupersedes, RelSupersededBy, RelAmends, RelAmendedBy:
		return true
	}
	return false
}

// refCandidates are the ids a reference from ADR from may mean.
func (m *Model) refCandidates(from *ADR) []string {
	var out []string
	for _, a := range m.ADRs {
		if a != from {
			out = append(out, a.ID)
		}
	}
	return out
}

// idSample lists a few ids for an error message.
func (m *Model) idSample() string {
	ids := m.refCandidates(nil)
	if len(ids) == 0 {
		return "there are none"
	}
	if len(ids) > 8 {
		return "ids: " + strings.Join(ids[:4], ", ") + ", …, " + strings.Join(ids[len(ids)-3:], ", ")
	}
	return "ids: " + strings.Join(ids, ", ")
}

func appendID(list []string, id string) []string {
	for _, x := range list {
		if x == id {
			return list
		}
	}
	return append(list, id)
}

// derive fills Supersedes, SupersededBy and the derived status.
func (m *Model) derive(s *site.Site) {
	for _, e := range m.edges {
		e.new.Supersedes = appendID(e.new.Supersedes, e.old.ID)
		if e.new == e.old {
			continue // reported as a cycle
		}
		newStatus := e.new.DeclaredStatus
		if newStatus == "" {
			newStatus = StatusAccepted
		}
		if e.byOld || effective(newStatus) {
			e.old.SupersededBy = appendID(e.old.SupersededBy, e.new.ID)
		} else {
			e.old.PendingSupersededBy = appendID(e.old.PendingSupersededBy, e.new.ID)
		}
	}
	for _, a := range m.ADRs {
		m.sortIDs(a.Supersedes)
		m.sortIDs(a.SupersededBy)
		m.sortIDs(a.PendingSupersededBy)
		m.sortIDs(a.Amends)
		m.sortIDs(a.AmendedBy)
		if len(a.SupersededBy) == 0 {
			continue
		}
		if a.DeclaredStatus != StatusSuperseded && !(a.Source.Unread && a.DeclaredStatus == "") {
			declared := "it has no status"
			pos := a.Pos
			if a.DeclaredStatus != "" {
				declared = fmt.Sprintf("its status is %q", a.DeclaredStatus)
				pos = a.doc.Status.Pos
			}
			var by []string
			for _, id := range a.SupersededBy {
				by = append(by, m.byID[id].Label())
			}
			s.Diags.Warnf(pos, "adr-superseded-status", "%s is superseded by %s but %s; set its status to superseded (the page already shows it as superseded)",
				a.Label(), strings.Join(by, ", "), declared)
		}
		a.Status = StatusSuperseded
	}
}

// sortIDs orders ids the way ADRs are ordered.
func (m *Model) sortIDs(list []string) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := m.byID[list[i]], m.byID[list[j]]
		if a == nil || b == nil {
			return list[i] < list[j]
		}
		return less(a, b)
	})
}

// checkCycles reports supersession cycles: A supersedes B supersedes A.
func (m *Model) checkCycles(s *site.Site) {
	out := map[*ADR][]*edge{}
	for _, e := range m.edges {
		out[e.new] = append(out[e.new], e)
	}
	for _, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return less(list[i].old, list[j].old) })
	}
	const (
		white = iota
		grey
		black
	)
	color := map[*ADR]int{}
	reported := map[string]bool{}
	var stack []*edge
	var visit func(a *ADR)
	visit = func(a *ADR) {
		color[a] = grey
		for _, e := range out[a] {
			switch color[e.old] {
			case white:
				stack = append(stack, e)
				visit(e.old)
				stack = stack[:len(stack)-1]
			case grey:
				// The cycle is the stack from the edge leaving e.old, plus e.
				var cyc []*edge
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].new == e.old {
						cyc = append([]*edge(nil), stack[i:]...)
						break
					}
				}
				cyc = append(cyc, e)
				m.reportCycle(s, cyc, reported)
			}
		}
		color[a] = black
	}
	for _, a := range m.ADRs {
		if color[a] == white {
			visit(a)
		}
	}
}

func (m *Model) reportCycle(s *site.Site, cyc []*edge, reported map[string]bool) {
	// Start at the smallest ADR so a cycle reads the same however it was found.
	start := 0
	for i, e := range cyc {
		if less(e.new, cyc[start].new) {
			start = i
		}
	}
	cyc = append(cyc[start:], cyc[:start]...)
	var key []string
	for _, e := range cyc {
		key = append(key, e.new.ID)
	}
	k := strings.Join(key, ">")
	if reported[k] {
		return
	}
	reported[k] = true
	if len(cyc) == 1 {
		s.Diags.Errorf(cyc[0].pos, "adr-supersede-cycle", "%s supersedes itself; remove it from its own supersedes", cyc[0].new.Label())
		return
	}
	var b strings.Builder
	b.WriteString(cyc[0].new.Label())
	for i, e := range cyc {
		if i == 0 {
			b.WriteString(" supersedes ")
		} else {
			b.WriteString(", which supersedes ")
		}
		b.WriteString(e.old.Label())
	}
	s.Diags.Errorf(cyc[0].pos, "adr-supersede-cycle", "supersession cycle: %s; an ADR cannot (even indirectly) supersede itself: remove one of these supersedes", b.String())
}

// checkServices reports services the catalog does not know, when there is
// a catalog to check against.
func (m *Model) checkServices(s *site.Site) {
	cat := catalog.Of(s)
	if len(cat.Services) == 0 {
		return
	}
	var known []string
	for _, sv := range cat.Services {
		known = append(known, sv.ID)
	}
	for _, a := range m.all {
		for _, f := range a.doc.Services {
			id := serviceID(f.Value)
			if cat.Service(id) == nil {
				s.Diags.Errorf(f.Pos, "adr-service", "unknown service %q%s; services must be catalog ids (%d services in the catalog)", f.Value, site.DidYouMean(id, known), len(known))
			}
		}
	}
}

// Contribute implements site.Contributor: an "Architecture decisions"
// section on service and team pages.
func (k *Kind) Contribute(s *site.Site, subject string) []site.Section {
	m := Of(s)
	if len(m.ADRs) == 0 {
		return nil
	}
	kind, id, _ := strings.Cut(subject, ":")
	var list []*ADR
	switch kind {
	case "service":
		list = m.ForService(id)
	case "team":
		var svcIDs []string
		for _, sv := range catalog.Of(s).ServicesOf(id) {
			svcIDs = append(svcIDs, sv.ID)
		}
		list = m.ForServices(svcIDs)
	default:
		return nil
	}
	if len(list) == 0 {
		return nil
	}
	data := &ListData{ShowServices: kind == "team"}
	for _, a := range list {
		data.Rows = append(data.Rows, m.row(s, a))
	}
	return []site.Section{{ID: "architecture-decisions", Title: "Architecture decisions", Template: "adr/_list.html", Data: data, Order: 40}}
}

// BodyFacts implements site.BodyFactsReader. All the kind reads from an
// ADR's file is its Doc, and what it makes of that (its id, status and
// findings) depends on nothing else of the file but its name.
func (*Kind) BodyFacts(cfg *site.Config, f *site.SourceFile) (facts string, bodyOffset int, findings []site.Diagnostic) {
	c := DefaultConfig()
	cfg.Section(Name, &c, &site.Diagnostics{})
	diags := &site.Diagnostics{}
	diags.SetOverrides(cfg.Overrides())
	a := readFile(c, f, diags)
	return a.facts, a.doc.BodyOffset, a.findings
}

// Emit implements site.Emitter: the Atom feed, once page bodies are
// rendered. A handbook without dated ADRs gets none (see feedADRs), and
// its index links none.
func (k *Kind) Emit(ctx context.Context, s *site.Site) error {
	m := Of(s)
	list := m.feedADRs()
	if m.index == nil || len(list) == 0 {
		return nil
	}
	b, err := m.feed(s, list)
	if err != nil {
		return err
	}
	s.AddPage(&site.Page{Path: FeedPath, Kind: Name, Title: m.index.Title + " (Atom feed)", Bytes: b, NoSearch: true})
	return nil
}

func dedupe(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range list {
		x = strings.TrimSpace(x)
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// dedupeFold removes tags repeated in another case.
func dedupeFold(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range list {
		x = strings.Trim(strings.TrimSpace(x), "#")
		if x != "" && !seen[strings.ToLower(x)] {
			seen[strings.ToLower(x)] = true
			out = append(out, x)
		}
	}
	return out
}
