// Package synth writes a deterministic synthetic engineering handbook of N
// pages for Almanac's benchmarks: about 30% ADRs, 20% runbooks and 50%
// handbook pages in nested sections, a service catalog of N/20 services and
// N/160 teams, a KPI catalog and 12 monthly metric snapshots. Every page
// has front matter, headings, a GFM table, a task list, relative links with
// valid #anchors to other generated pages, [[adr:N]], [[runbook:id]] and
// [[service:id]] references, and one fenced code block that no other page
// has, so that no cache can serve one page's highlighting to another.
//
// The same pages can also be written as a Hugo site (references replaced by
// plain Markdown links, since Hugo has no such syntax), so that both tools
// render the same Markdown.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Options configure Write.
type Options struct {
	N    int    // number of Markdown pages; at least MinPages
	Seed uint64 // the same seed and N always give the same bytes
	// Hugo, when set, is a folder to write the same pages to as a Hugo site.
	Hugo string
}

// MinPages is the smallest handbook Write makes.
const MinPages = 10

// Result reports what Write wrote.
type Result struct {
	Pages, ADRs, Runbooks, Handbook int
	Teams, Services                 int
	Files                           int // every file written under the handbook root
	// ChangePage is the content file (slash path relative to the handbook
	// root) that the "one page changed" benchmark edits; ChangeADR (the
	// newest ADR, which the ADR feed carries) and ChangeRunbook are the
	// ADR and the runbook its other rows edit.
	ChangePage, ChangeADR, ChangeRunbook string
}

// Marker is the file Write leaves at the root of every folder it writes,
// so that it may later replace the folder without deleting anything else.
const Marker = ".benchgen"

// Today is the fixed "today" of the generated data (dates, snapshots), so
// the output does not depend on when it is generated.
const Today = "2026-11-28"

// Write writes the handbook to out (and, with opts.Hugo, the Hugo site). An
// existing out is replaced only if Write made it (it holds Marker) or it
// is empty.
func Write(out string, opts Options) (*Result, error) {
	if opts.N < MinPages {
		return nil, fmt.Errorf("-n must be at least %d, got %d", MinPages, opts.N)
	}
	g := newGen(opts)
	files := g.handbookFiles()
	if err := writeTree(out, files, opts); err != nil {
		return nil, err
	}
	if opts.Hugo != "" {
		if err := writeTree(opts.Hugo, g.hugoFiles(files), opts); err != nil {
			return nil, err
		}
	}
	return &Result{
		Pages: len(g.adrs) + len(g.runbooks) + len(g.pages), ADRs: len(g.adrs), Runbooks: len(g.runbooks),
		Handbook: len(g.pages), Teams: len(g.teams), Services: len(g.services), Files: len(files),
		ChangePage: "content/" + g.changePage().file,
		ChangeADR:  "content/" + g.adrs[len(g.adrs)-1].file, ChangeRunbook: "content/" + g.runbooks[len(g.runbooks)/2].file,
	}, nil
}

// file is one file to write, with a slash path relative to the tree root.
type file struct {
	path string
	body string
}

func writeTree(out string, files []file, opts Options) error {
	if err := prepare(out); err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(out, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(f.body), 0o644); err != nil {
			return err
		}
	}
	marker := fmt.Sprintf("benchgen n=%d seed=%d\n", opts.N, opts.Seed)
	return os.WriteFile(filepath.Join(out, Marker), []byte(marker), 0o644)
}

// prepare empties out if Write made it, and refuses to touch anything else.
func prepare(out string) error {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("%s exists and was not written by benchgen (no %s file); choose an empty or new folder", out, Marker)
	}
	return os.RemoveAll(out)
}

// ---------------------------------------------------------------- model

type member struct{ name, role, handle string }

type team struct {
	id, name string
	lead     string
	members  []member
}

type service struct {
	idx       int
	id, name  string
	owner     *team
	tier      int
	lifecycle string
	language  string
	deps      []*service
	alerts    []string
	runbooks  []*runbook
}

type adr struct {
	num        int
	file       string // content-relative
	title      string
	status     string
	date       string
	deciders   []string
	tags       []string
	services   []*service
	supersedes int // 0 = none
}

type runbook struct {
	id, file, title string
	svc             *service
	alert           string
	severity        string
	lastReviewed    string
	reviewEvery     int
}

type hpage struct {
	file        string // content-relative
	title, desc string
	weight      int
	index       bool
	domain      string
	topic       string
	svc         *service
}

// target is a page other pages link to, with the anchors it has.
type target struct {
	file, title string
	anchors     []string
}

var (
	adrAnchors      = []string{"context", "decision", "options-considered", "consequences", "follow-ups"}
	runbookAnchors  = []string{"symptoms", "impact", "diagnosis", "mitigation", "escalation"}
	handbookAnchors = []string{"overview", "how-we-work", "roles-and-owners", "checklist", "example", "reference"}
)

type gen struct {
	opts     Options
	r        *rand.Rand
	teams    []*team
	services []*service
	adrs     []*adr
	runbooks []*runbook
	pages    []*hpage
	targets  []target
	rbByID   map[string]*runbook
	svcByID  map[string]*service
}

func newGen(opts Options) *gen {
	g := &gen{opts: opts, r: rand.New(rand.NewPCG(opts.Seed, 0x5eed)), rbByID: map[string]*runbook{}, svcByID: map[string]*service{}}
	n := opts.N
	nADR := n * 3 / 10
	nRB := n / 5
	nHB := n - nADR - nRB
	g.makeTeams(max(1, n/160))
	g.makeServices(max(1, n/20))
	g.makeRunbooks(nRB)
	g.makeADRs(nADR)
	g.makeHandbook(nHB)
	for _, a := range g.adrs {
		g.targets = append(g.targets, target{file: a.file, title: fmt.Sprintf("ADR %d", a.num), anchors: adrAnchors})
	}
	for _, rb := range g.runbooks {
		g.targets = append(g.targets, target{file: rb.file, title: rb.title, anchors: runbookAnchors})
	}
	for _, p := range g.pages {
		if !p.index {
			g.targets = append(g.targets, target{file: p.file, title: p.title, anchors: handbookAnchors})
		}
	}
	return g
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func person(i int) string {
	return firstNames[i%len(firstNames)] + " " + lastNames[(i/len(firstNames)+i*7)%len(lastNames)]
}

func (g *gen) makeTeams(count int) {
	for i := 0; i < count; i++ {
		word := teamWords[i%len(teamWords)]
		t := &team{id: fmt.Sprintf("%s-%d", strings.ToLower(word), i+1), name: fmt.Sprintf("%s %d", word, i+1)}
		size := 4 + g.r.IntN(4)
		for m := 0; m < size; m++ {
			p := person(i*11 + m)
			role := memberRoles[m%len(memberRoles)]
			if m == 0 {
				role = "Engineering Manager"
				t.lead = p
			}
			handle := "@" + strings.ToLower(strings.Fields(p)[0]) + fmt.Sprint(i*11+m)
			t.members = append(t.members, member{name: p, role: role, handle: handle})
		}
		g.teams = append(g.teams, t)
	}
}

func (g *gen) makeServices(count int) {
	for i := 0; i < count; i++ {
		dom := domains[i%len(domains)]
		role := roles[(i/len(domains)+i)%len(roles)]
		s := &service{idx: i, id: fmt.Sprintf("%s-%s-%d", dom, role, i+1),
			name:  fmt.Sprintf("%s %s %d", title(dom), strings.ToUpper(role[:1])+role[1:], i+1),
			owner: g.teams[i%len(g.teams)], language: g.pick(languages)}
		switch x := g.r.IntN(10); {
		case x < 2:
			s.tier = 1
		case x < 7:
			s.tier = 2
		default:
			s.tier = 3
		}
		switch x := g.r.IntN(20); {
		case x < 2:
			s.lifecycle = "experimental"
		case x < 3:
			s.lifecycle = "deprecated"
		default:
			s.lifecycle = "production"
		}
		// Dependencies only point at earlier services, so the graph is acyclic.
		if i > 0 {
			seen := map[int]bool{}
			for k := g.r.IntN(4); k > 0; k-- {
				d := max(0, i-40) + g.r.IntN(min(i, 40))
				if !seen[d] {
					seen[d] = true
					s.deps = append(s.deps, g.services[d])
				}
			}
		}
		g.services = append(g.services, s)
		g.svcByID[s.id] = s
	}
}

func (g *gen) makeRunbooks(count int) {
	for j := 0; j < count; j++ {
		s := g.services[j%len(g.services)]
		k := len(s.runbooks)
		ak := alertKinds[k%len(alertKinds)]
		alert := camel(s.id) + ak.name
		slug := ak.slug
		if k >= len(alertKinds) {
			alert += fmt.Sprint(k / len(alertKinds))
			slug += fmt.Sprint("-", k/len(alertKinds))
		}
		rb := &runbook{id: s.id + "-" + slug, svc: s, alert: alert,
			severity:     fmt.Sprintf("sev%d", 1+g.r.IntN(4)),
			lastReviewed: dateBefore(Today, 5+g.r.IntN(170)), reviewEvery: []int{90, 180, 180, 365}[g.r.IntN(4)]}
		rb.title = fmt.Sprintf("%s %s", s.name, ak.title)
		if k >= len(alertKinds) {
			rb.title += fmt.Sprintf(" (%d)", k/len(alertKinds)+1)
		}
		rb.file = "runbooks/" + rb.id + ".md"
		s.runbooks = append(s.runbooks, rb)
		s.alerts = append(s.alerts, alert)
		g.runbooks = append(g.runbooks, rb)
		g.rbByID[rb.id] = rb
	}
}

var adrStatuses = []string{"accepted", "accepted", "accepted", "accepted", "accepted", "accepted", "proposed", "rejected", "deprecated"}

func (g *gen) makeADRs(count int) {
	for i := 1; i <= count; i++ {
		tech := g.pick(techs)
		dom := domains[(i*7)%len(domains)]
		verb := g.pick(adrVerbs)
		a := &adr{num: i, title: fmt.Sprintf("%s %s for %s", verb, tech, dom), status: g.pick(adrStatuses),
			date: dateBefore(Today, (count-i)*2000/count+1)}
		a.file = fmt.Sprintf("adr/%04d-%s.md", i, slugify(a.title))
		for k := 2 + g.r.IntN(3); k > 0; k-- {
			a.deciders = appendUnique(a.deciders, person(g.r.IntN(900)))
		}
		a.tags = appendUnique([]string{dom}, slugify(tech))
		for k := 1 + g.r.IntN(3); k > 0; k-- {
			s := g.services[g.r.IntN(len(g.services))]
			if !containsSvc(a.services, s) {
				a.services = append(a.services, s)
			}
		}
		g.adrs = append(g.adrs, a)
	}
	// Every 20th ADR supersedes the one 7 before it, which says so.
	for _, a := range g.adrs {
		if a.num%20 == 0 && a.num > 7 {
			a.supersedes = a.num - 7
			a.status = "accepted"
			g.adrs[a.num-8].status = "superseded"
		}
	}
}

// The handbook's shape. Real handbooks grow deeper as they grow, not wider:
// a site's navigation lists the handbook's top sections and the active
// section's subsections on every page, so a tree whose top level widened
// with N would give every page of a bigger site more to show, and a
// bigger site would cost more per page for reasons outside the generator
// under test.
const (
	pagesPerFolder = 25 // leaf pages in one folder
	maxTops        = 20 // top sections, at most
	subsPerSection = 10 // subsections of a top section, at most
)

// makeHandbook lays out count pages: content/_index.md, content/handbook/
// _index.md, top sections sNN, subsections tNN and about 25 leaf pages per
// leaf folder. Up to 200 leaf folders (about 10,000 pages in all) the
// subsections are the leaf folders; past that, each subsection holds
// folders uNN of leaf pages, so the top two levels keep their size.
func (g *gen) makeHandbook(count int) {
	g.pages = append(g.pages,
		&hpage{file: "_index.md", title: fmt.Sprintf("Synthetic Handbook (%d pages)", g.opts.N), index: true, domain: "handbook", topic: "ways of working"},
		&hpage{file: "handbook/_index.md", title: "Handbook", index: true, weight: 10, domain: "handbook", topic: "ways of working"})
	rest := count - 2
	nFolders := (rest + pagesPerFolder) / (pagesPerFolder + 1)
	nSub, nTop := nFolders, (nFolders+subsPerSection-1)/subsPerSection
	if nFolders > maxTops*subsPerSection {
		nSub, nTop = maxTops*subsPerSection, maxTops
	}
	nLeafDirs := 0 // leaf folders below subsections
	if nFolders > nSub {
		nLeafDirs = nFolders
	}
	leaves := rest - nLeafDirs - nSub - nTop
	if leaves < 0 { // only for tiny N
		nTop, nSub, nLeafDirs, leaves = 1, 0, 0, rest-1
	}
	subsPerTop := max(1, (nSub+nTop-1)/max(1, nTop))
	for t := 0; t < nTop; t++ {
		topic := topics[t%len(topics)]
		g.pages = append(g.pages, &hpage{file: fmt.Sprintf("handbook/s%02d/_index.md", t), index: true, weight: t + 1,
			title: fmt.Sprintf("%s (s%02d)", title(topic), t), domain: domains[t%len(domains)], topic: topic})
	}
	subDir := make([]string, nSub)
	for s := 0; s < nSub; s++ {
		top := min(s/subsPerTop, nTop-1)
		dom := domains[(s*3)%len(domains)]
		topic := topics[(top+s)%len(topics)]
		subDir[s] = fmt.Sprintf("handbook/s%02d/t%02d", top, s%subsPerTop)
		g.pages = append(g.pages, &hpage{file: subDir[s] + "/_index.md", index: true, weight: s%subsPerTop + 1,
			title: fmt.Sprintf("%s: %s (t%02d)", title(dom), topic, s%subsPerTop), domain: dom, topic: topic})
	}
	leafDir := subDir
	if nLeafDirs > 0 {
		leafDir = make([]string, nLeafDirs)
		inSub := make([]int, nSub) // leaf folders so far in each subsection
		for d := 0; d < nLeafDirs; d++ {
			sub := d * nSub / nLeafDirs
			k := inSub[sub]
			inSub[sub]++
			dom := domains[(d*7)%len(domains)]
			topic := topics[(sub+d)%len(topics)]
			leafDir[d] = fmt.Sprintf("%s/u%02d", subDir[sub], k)
			g.pages = append(g.pages, &hpage{file: leafDir[d] + "/_index.md", index: true, weight: k + 1,
				title: fmt.Sprintf("%s: %s (u%02d)", title(dom), topic, k), domain: dom, topic: topic})
		}
	}
	for i := 0; i < leaves; i++ {
		dir := "handbook/s00"
		if len(leafDir) > 0 {
			dir = leafDir[i*len(leafDir)/leaves]
		}
		topic := topics[g.r.IntN(len(topics))]
		dom := domains[g.r.IntN(len(domains))]
		p := &hpage{file: fmt.Sprintf("%s/%s-%s-%05d.md", dir, slugify(topic), dom, i), weight: i%25 + 1,
			title: fmt.Sprintf("%s for %s, part %d", title(topic), dom, i+1), domain: dom, topic: topic}
		g.pages = append(g.pages, p)
	}
	for _, p := range g.pages {
		p.svc = g.services[g.r.IntN(len(g.services))]
		p.desc = fmt.Sprintf("How the %s team approaches %s for %s.", p.svc.owner.name, p.topic, p.domain)
	}
}

// changePage is the page the "one page changed" benchmark edits: a leaf
// handbook page in the middle of the tree.
func (g *gen) changePage() *hpage {
	var leaves []*hpage
	for _, p := range g.pages {
		if !p.index {
			leaves = append(leaves, p)
		}
	}
	if len(leaves) == 0 {
		return g.pages[0]
	}
	return leaves[len(leaves)/2]
}

// ---------------------------------------------------------------- helpers

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' }) {
		b.WriteString(title(part))
	}
	return b.String()
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func containsSvc(list []*service, s *service) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dateBefore returns the date days before day (both YYYY-MM-DD, UTC).
func dateBefore(day string, days int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	return t.AddDate(0, 0, -days).Format(time.DateOnly)
}

// rel returns the relative link from the content file from to the content
// file to.
func rel(from, to string) string {
	fromDir := path.Dir(from)
	if fromDir == "." {
		return to
	}
	fs := strings.Split(fromDir, "/")
	ts := strings.Split(to, "/")
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	return strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
}
