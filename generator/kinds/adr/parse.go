package adr

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// The formats an ADR can be written in. They are told apart per file, so a
// folder may mix them.
const (
	FormatNative     = "native"     // Almanac front matter
	FormatMADR       = "madr"       // MADR 2–4: optional front matter, or "* Status:" bullets
	FormatNygard     = "nygard"     // adr-tools: "# N. Title", "Date:" line, "## Status" section
	FormatLog4brains = "log4brains" // YYYYMMDD-slug.md, "- Status:" bullets under the H1
)

// Relations between ADRs, as normalised from what files say.
const (
	RelSupersedes   = "supersedes"
	RelSupersededBy = "superseded by"
	RelAmends       = "amends"
	RelAmendedBy    = "amended by"
)

// Field is a value read from a file, with where it was written.
type Field struct {
	Value string
	Pos   site.Pos
}

// Ref is a reference from one ADR to another as written in the file: a
// front matter id ("3"), "ADR-0003", a Markdown link
// "[3. Title](0003-title.md)" or a log4brains slug.
type Ref struct {
	Rel    string // RelSupersedes, RelSupersededBy, RelAmends, RelAmendedBy, or another label as written ("clarified by")
	Target string // link destination or id as written
	Text   string // link text, if the reference is a Markdown link
	Pos    site.Pos
}

// Meta is metadata an ADR gives that Almanac has no field for ("Category:
// backend"); the page shows it as written.
type Meta struct {
	Key, Value string
}

// Doc is what one ADR file says about itself, before it is linked with the
// other ADRs.
type Doc struct {
	Format      string
	Title       Field
	Number      int // the number in an H1 such as "# 12. Title"; -1 when none
	Status      Field
	Date        site.Date
	DatePos     site.Pos
	HasDate     bool
	DateGiven   bool // a date was written, even one that failed to parse (and was reported)
	Deciders    []string
	Consulted   []string
	Informed    []string
	Tags        []string
	Services    []Field
	Refs        []Ref
	Extra       []Meta
	BodyOffset  int // where the page body starts (after the H1 and the metadata)
	H1Pos       site.Pos
	StatusAfter bool // the status came from a "## Status" section
}

// digest sums up everything the ADR's file says about it, which is all
// that other pages show of it (see site.Page.BodyFacts): the rest of the
// body shows on the ADR's own page and in the feed.
func (d *Doc) digest() string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%#v", *d))
	return hex.EncodeToString(sum[:16])
}

// line is one line of a body with the byte offset where it starts.
type line struct {
	text  string
	start int
	end   int // offset after the line's newline
}

func splitLines(b []byte) []line {
	var out []line
	for off := 0; off < len(b); {
		end := off
		for end < len(b) && b[end] != '\n' {
			end++
		}
		next := end
		if next < len(b) {
			next++
		}
		out = append(out, line{text: string(b[off:end]), start: off, end: next})
		off = next
	}
	return out
}

var commentRe = regexp.MustCompile(`(?s)<!--.*?-->`)

// stripComments removes HTML comments ("<!-- optional -->").
func stripComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	s = commentRe.ReplaceAllString(s, "")
	if i := strings.Index(s, "<!--"); i >= 0 { // unclosed
		s = s[:i]
	}
	return s
}

var (
	atxH1Re    = regexp.MustCompile(`^ {0,3}#(?:[ \t]+(.*?))?[ \t]*$`)
	atxAnyRe   = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$`)
	setextH1Re = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	numTitleRe = regexp.MustCompile(`^(\d{1,9})\.[ \t]+(.+)$`)
	adrTitleRe = regexp.MustCompile(`(?i)^ADR[- _]?(\d{1,9})[ \t]*[:.\-–—][ \t]*(.+)$`)
	fenceRe    = regexp.MustCompile("^ {0,3}(```|~~~)")
)

// headingText removes a closing sequence of #s and surrounding spaces.
func headingText(s string) string {
	s = strings.TrimSpace(s)
	if t := strings.TrimRight(s, "#"); t != s && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		s = strings.TrimSpace(t)
	}
	return s
}

// findH1 returns the index of the leading level-1 heading (ATX or setext),
// skipping blank lines and HTML comments before it, or -1. For a setext
// heading the returned end index is the underline.
func findH1(lines []line) (idx, last int, text string) {
	inComment := false
	for i := 0; i < len(lines); i++ {
		t := lines[i].text
		if inComment {
			if strings.Contains(t, "-->") {
				inComment = false
				if strings.TrimSpace(t[strings.Index(t, "-->")+3:]) != "" {
					return -1, -1, ""
				}
			}
			continue
		}
		trim := strings.TrimSpace(t)
		if trim == "" {
			continue
		}
		if strings.HasPrefix(trim, "<!--") {
			rest := stripComments(trim)
			if strings.Contains(trim, "-->") {
				if strings.TrimSpace(rest) == "" {
					continue
				}
				// Text after a comment on the same line: treat as content.
				t = rest
			} else {
				inComment = true
				continue
			}
		}
		if m := atxH1Re.FindStringSubmatch(t); m != nil {
			return i, i, headingText(m[1])
		}
		if i+1 < len(lines) && setextH1Re.MatchString(lines[i+1].text) && !strings.HasPrefix(trim, "#") {
			return i, i + 1, strings.TrimSpace(t)
		}
		return -1, -1, ""
	}
	return -1, -1, ""
}

// splitTitle separates an ADR number from a title: "12. Use Kafka",
// "ADR-0012: Use Kafka".
func splitTitle(t string) (int, string) {
	for _, re := range []*regexp.Regexp{numTitleRe, adrTitleRe} {
		if m := re.FindStringSubmatch(t); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				return n, strings.TrimSpace(m[2])
			}
		}
	}
	return -1, t
}

// metaKeys maps the metadata keys files use (normalised by normKey) to
// Almanac's names.
var metaKeys = map[string]string{
	"status":          "status",
	"state":           "status",
	"date":            "date",
	"deciders":        "deciders",
	"decider":         "deciders",
	"decision-makers": "deciders",
	"decision-maker":  "deciders",
	"consulted":       "consulted",
	"informed":        "informed",
	"tags":            "tags",
	"tag":             "tags",
	"services":        "services",
	"service":         "services",
	"supersedes":      RelSupersedes,
	"supercedes":      RelSupersedes,
	"superseded-by":   RelSupersededBy,
	"superceded-by":   RelSupersededBy,
	"amends":          RelAmends,
	"amended-by":      RelAmendedBy,
}

// normKey lower-cases a metadata key and writes separators as '-':
// "Decision-makers", "Decision Maker(s)" and "decision_makers" are equal.
func normKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	k = strings.ReplaceAll(k, "(s)", "s")
	k = strings.NewReplacer("_", "-", " ", "-").Replace(k)
	for strings.Contains(k, "--") {
		k = strings.ReplaceAll(k, "--", "-")
	}
	return k
}

// metaLine parses "- Status: accepted", "* Deciders: a, b", "Date: 2020-01-02"
// or "**Status:** accepted". keyCol is the 0-based byte column of the
// key, valCol that of the value.
func metaLine(s string) (key, val string, bullet bool, valCol int, ok bool) {
	t := strings.TrimLeft(s, " ")
	indent := len(s) - len(t)
	if indent > 3 {
		return "", "", false, 0, false
	}
	col := indent
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		bullet = true
		rest := strings.TrimLeft(t[2:], " \t")
		col += len(t) - len(rest)
		t = rest
	}
	colon := strings.IndexByte(t, ':')
	if colon <= 0 || colon > 40 {
		return "", "", false, 0, false
	}
	k := strings.Trim(t[:colon], "*_ \t")
	if k == "" || !isKeyText(k) {
		return "", "", false, 0, false
	}
	rest := t[colon+1:]
	trimmed := strings.TrimLeft(rest, "*_")
	trimmed = strings.TrimLeft(trimmed, " \t")
	valCol = col + colon + 1 + (len(rest) - len(trimmed))
	v := strings.TrimSpace(stripComments(trimmed))
	return k, v, bullet, valCol, true
}

func isKeyText(k string) bool {
	c := k[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-' || c == '_' || c == '(' || c == ')') {
			return false
		}
	}
	return true
}

// metaEntry is one line of a metadata block.
type metaEntry struct {
	Key    string // canonical key (metaKeys value) or the normalised key
	Label  string // the key as written
	Value  string
	Pos    site.Pos // of the value
	Known  bool
	Bullet bool
}

// ParseMetaBlock reads the metadata written right under the H1 whose last
// line has index h1Last: log4brains and MADR 2 bullets ("- Status:
// accepted") and adr-tools' "Date: 2016-02-12" line. It returns the entries
// and the offset just past the block (or past the H1 when there is none).
func ParseMetaBlock(f *site.SourceFile, lines []line, h1Last int) ([]metaEntry, int) {
	end := 0
	if h1Last >= 0 && h1Last < len(lines) {
		end = lines[h1Last].end
	}
	var out []metaEntry
	for i := h1Last + 1; i < len(lines); i++ {
		t := lines[i].text
		if strings.TrimSpace(stripComments(t)) == "" {
			if strings.Contains(t, "<!--") && !strings.Contains(t, "-->") {
				break // a multi-line comment: leave it to the body
			}
			continue
		}
		k, v, bullet, valCol, ok := metaLine(t)
		if !ok {
			break
		}
		nk := normKey(k)
		canon, known := metaKeys[nk]
		if !known && (len(out) == 0 || !bullet) {
			// A list or a "Technical Story:" line that is content, not metadata.
			break
		}
		if !known {
			canon = nk
		}
		out = append(out, metaEntry{Key: canon, Label: k, Value: v, Pos: f.BodyPos(lines[i].start + valCol), Known: known, Bullet: bullet})
		end = lines[i].end
	}
	return out, end
}

var (
	linkRe     = regexp.MustCompile(`\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	wikiRefRe  = regexp.MustCompile(`\[\[\s*adr\s*:\s*([^\]|]+?)\s*(?:\|[^\]]*)?\]\]`)
	relationRe = regexp.MustCompile(`(?i)^(superseded by|superceded by|supersedes|supercedes|amended by|amends|replaced by|replaces)\b[ \t]*:?[ \t]*(.*)$`)
)

// relName normalises a relation verb as written.
func relName(s string) string {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "superseded by", "superceded by", "replaced by":
		return RelSupersededBy
	case "supersedes", "supercedes", "replaces":
		return RelSupersedes
	case "amended by":
		return RelAmendedBy
	case "amends":
		return RelAmends
	}
	return strings.ToLower(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":")))
}

// parseRefs splits the text after a relation verb into references: Markdown
// links, [[adr:N]] references, or ids separated by commas and "and".
// col is the byte offset of s in its line; pos turns an offset in s into
// a position.
func parseRefs(rel, s string, pos func(off int) site.Pos) []Ref {
	var out []Ref
	if ms := linkRe.FindAllStringSubmatchIndex(s, -1); ms != nil {
		for _, m := range ms {
			out = append(out, Ref{Rel: rel, Text: s[m[2]:m[3]], Target: s[m[4]:m[5]], Pos: pos(m[0])})
		}
		return out
	}
	if ms := wikiRefRe.FindAllStringSubmatchIndex(s, -1); ms != nil {
		for _, m := range ms {
			out = append(out, Ref{Rel: rel, Target: s[m[2]:m[3]], Pos: pos(m[0])})
		}
		return out
	}
	off := 0
	for _, part := range splitList(s) {
		i := strings.Index(s[off:], part)
		if i >= 0 {
			i += off
			off = i + len(part)
		} else {
			i = 0
		}
		t := strings.Trim(part, " \t`*_.;")
		if t == "" {
			continue
		}
		out = append(out, Ref{Rel: rel, Target: t, Pos: pos(i)})
	}
	return out
}

// splitList splits "a, b and c" into its items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		for _, q := range strings.Split(p, " and ") {
			if q = strings.TrimSpace(q); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// splitTags splits log4brains tags: "space and/or comma separated".
func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == ';' })
}

// ParseStatusText reads a status as written in front matter or a bullet:
// "accepted", "superseded by ADR-0123", "superseded by [slug](slug.md)".
// It returns the status word and the references it names.
func ParseStatusText(s string, pos func(off int) site.Pos) (string, []Ref) {
	raw := stripComments(s)
	lead := len(raw) - len(strings.TrimLeft(raw, " \t*_"))
	t := strings.TrimRight(raw[lead:], " \t")
	if m := relationRe.FindStringSubmatchIndex(t); m != nil {
		rel := relName(t[m[2]:m[3]])
		refs := parseRefs(rel, t[m[4]:m[5]], func(off int) site.Pos { return pos(lead + m[4] + off) })
		switch rel {
		case RelSupersededBy:
			return StatusSuperseded, refs
		default:
			// "Supersedes X" as a status line: the ADR itself is accepted.
			return "", refs
		}
	}
	return strings.TrimSpace(t), nil
}

// StatusSection is what a "## Status" section (adr-tools) says.
type StatusSection struct {
	Status     Field
	Refs       []Ref
	Start, End int  // byte range of the section, heading included
	Understood bool // every line was a status or a relation: the page can show it instead
}

// ParseStatusSection reads the "## Status" section of an adr-tools
// (Nygard) ADR, if it has one.
func ParseStatusSection(f *site.SourceFile, lines []line) (*StatusSection, bool) {
	return parseSection(f, lines, "status")
}

// ParseLinksSection reads the relations listed in a "## Links" section
// (MADR 2, log4brains): "* Supersedes [..](..)", "- Refined by [..](..)".
func ParseLinksSection(f *site.SourceFile, lines []line) []Ref {
	sec, ok := parseSection(f, lines, "links")
	if !ok {
		return nil
	}
	return sec.Refs
}

func parseSection(f *site.SourceFile, lines []line, name string) (*StatusSection, bool) {
	inFence := false
	start := -1
	for i, l := range lines {
		if fenceRe.MatchString(l.text) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if m := atxAnyRe.FindStringSubmatch(l.text); m != nil && len(m[1]) == 2 && strings.EqualFold(headingText(m[2]), name) {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, false
	}
	sec := &StatusSection{Start: lines[start].start, End: len(f.Body), Understood: true}
	for i := start + 1; i < len(lines); i++ {
		l := lines[i]
		if atxAnyRe.MatchString(l.text) || fenceRe.MatchString(l.text) {
			if fenceRe.MatchString(l.text) {
				sec.Understood = false
			}
			sec.End = l.start
			break
		}
		t := stripComments(l.text)
		trim := strings.TrimLeft(t, " \t")
		col := len(t) - len(trim)
		if len(trim) >= 2 && (trim[0] == '-' || trim[0] == '*' || trim[0] == '+') && (trim[1] == ' ' || trim[1] == '\t') {
			r := strings.TrimLeft(trim[2:], " \t")
			col += len(trim) - len(r)
			trim = r
		}
		trim = strings.TrimRight(trim, " \t")
		if trim == "" {
			continue
		}
		lineStart := l.start
		pos := func(off int) site.Pos { return f.BodyPos(lineStart + col + off) }
		if m := relationRe.FindStringSubmatchIndex(trim); m != nil {
			rel := relName(trim[m[2]:m[3]])
			refs := parseRefs(rel, trim[m[4]:m[5]], func(off int) site.Pos { return pos(m[4] + off) })
			if len(refs) == 0 {
				sec.Understood = false
			}
			sec.Refs = append(sec.Refs, refs...)
			if rel == RelSupersededBy && len(refs) > 0 {
				sec.Status = Field{Value: StatusSuperseded, Pos: pos(0)}
			}
			continue
		}
		if m := linkRe.FindStringIndex(trim); m != nil && m[0] > 0 {
			// A relation adr-tools wrote with `adr link`: "Clarified by [..](..)".
			label := relName(trim[:m[0]])
			refs := parseRefs(label, trim[m[0]:], func(off int) site.Pos { return pos(m[0] + off) })
			sec.Refs = append(sec.Refs, refs...)
			continue
		}
		if sec.Status.Value == "" {
			sec.Status = Field{Value: trim, Pos: pos(0)}
			continue
		}
		if sec.Status.Value != StatusSuperseded {
			sec.Understood = false // prose: keep the section in the page
		}
	}
	return sec, true
}

// frontKeys are the front matter keys Almanac reads (native and MADR).
var frontKeys = []string{"title", "status", "date", "deciders", "decision-makers", "consulted", "informed",
	"tags", "services", "supersedes", "superseded_by", "amends"}

// madrMarkers are front matter keys that only MADR (or the Jekyll themes
// MADR is published with) write: a file with one of them gets MADR's
// lenient front matter, where extra keys are allowed.
var madrMarkers = map[string]bool{
	"decision-makers": true, "consulted": true, "informed": true,
	"parent": true, "grand_parent": true, "nav_order": true, "has_children": true, "nav_exclude": true,
	"layout": true, "permalink": true,
}

// ignoredKeys are publishing keys (Jekyll, Docusaurus, Hugo) that say
// nothing about the decision.
var ignoredKeys = map[string]bool{
	"parent": true, "grand_parent": true, "nav_order": true, "has_children": true, "nav_exclude": true,
	"layout": true, "permalink": true, "sidebar_position": true, "sidebar_label": true, "slug": true,
	"weight": true, "draft": true, "toc": true, "search_exclude": true, "description": true, "id": true,
	"last_modified_date": true, "aliases": true, "type": true,
}

var madrHeadings = []string{"## context and problem statement", "## decision outcome", "## considered options", "## decision drivers"}

// looksMADR reports whether a body follows MADR's section structure.
func looksMADR(body []byte) bool {
	low := strings.ToLower(string(body))
	for _, h := range madrHeadings {
		if strings.Contains(low, "\n"+h) || strings.HasPrefix(low, h) {
			return true
		}
	}
	return false
}

// text is a front matter value that may be written as any scalar.
type text struct {
	Value     string
	Line, Col int
	Set       bool
}

func (t *text) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected text, got %s", nodeKind(n))
	}
	t.Value, t.Line, t.Col, t.Set = n.Value, n.Line, n.Column, true
	return nil
}

// list is a front matter list; a single value, or text with commas, is a
// list too ("deciders: Alice, Bob" in MADR).
type list struct {
	Items []text
}

func (l *list) DecodeNode(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		off := 0
		for _, part := range strings.Split(n.Value, ",") {
			v := strings.TrimSpace(part)
			col := n.Column
			if n.Style == 0 && !strings.Contains(n.Value, "\n") {
				col += off + (len(part) - len(strings.TrimLeft(part, " \t")))
			}
			off += len(part) + 1
			if v != "" {
				l.Items = append(l.Items, text{Value: v, Line: n.Line, Col: col, Set: true})
			}
		}
		return nil
	case yaml.SequenceNode:
		for _, it := range n.Content {
			for it.Kind == yaml.AliasNode && it.Alias != nil {
				it = it.Alias
			}
			if it.Kind != yaml.ScalarNode {
				return fmt.Errorf("expected a list of values, but an item is %s", nodeKind(it))
			}
			if it.Tag == "!!null" || strings.TrimSpace(it.Value) == "" {
				continue
			}
			l.Items = append(l.Items, text{Value: strings.TrimSpace(it.Value), Line: it.Line, Col: it.Column, Set: true})
		}
		return nil
	}
	return fmt.Errorf("expected a list, got %s", nodeKind(n))
}

func (l list) values() []string {
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Value)
	}
	return out
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// frontMatter is an ADR's front matter, native or MADR.
type frontMatter struct {
	Title          text      `yaml:"title"`
	Status         text      `yaml:"status"`
	Date           site.Date `yaml:"date"`
	Deciders       list      `yaml:"deciders"`
	DecisionMakers list      `yaml:"decision-makers"`
	Consulted      list      `yaml:"consulted"`
	Informed       list      `yaml:"informed"`
	Tags           list      `yaml:"tags"`
	Services       list      `yaml:"services"`
	Supersedes     list      `yaml:"supersedes"`
	SupersededBy   list      `yaml:"superseded_by"`
	Amends         list      `yaml:"amends"`
}

// ParseFront decodes an ADR's front matter into doc. Native front matter is
// strict: an unknown key is an error with a "did you mean" hint. MADR front
// matter (a MADR-only key such as decision-makers, or a MADR body) may
// carry any other metadata; only a key that looks like a typo of a known
// one is reported, as a warning.
func ParseFront(f *site.SourceFile, doc *Doc, diags *site.Diagnostics) {
	m := f.Front
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	lenient := looksMADR(f.Body)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if madrMarkers[m.Content[i].Value] {
			lenient = true
		}
	}
	node := m
	if lenient {
		doc.Format = FormatMADR
		node = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: m.Line, Column: m.Column}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if contains(frontKeys, k.Value) {
				node.Content = append(node.Content, k, m.Content[i+1])
				continue
			}
			if canon := frontKeyFold(k.Value); canon != "" {
				// MADR writers capitalise keys ("Status", "Decision-Makers").
				ck := *k
				ck.Value = canon
				node.Content = append(node.Content, &ck, m.Content[i+1])
				continue
			}
			if ignoredKeys[k.Value] {
				continue
			}
			if sug := site.Suggest(k.Value, frontKeys); sug != "" {
				diags.Warnf(site.PosOf(f.Path, k), "adr-front-matter", "unknown key %q (did you mean %q?); MADR allows extra metadata, so it is shown as written, but Almanac reads %q", k.Value, sug, sug)
			}
			if v := m.Content[i+1]; v.Kind == yaml.ScalarNode && v.Value != "" {
				doc.Extra = append(doc.Extra, Meta{Key: k.Value, Value: v.Value})
			} else if v.Kind == yaml.SequenceNode {
				var l list
				if l.DecodeNode(v) == nil {
					doc.Extra = append(doc.Extra, Meta{Key: k.Value, Value: strings.Join(l.values(), ", ")})
				}
			}
		}
	} else {
		doc.Format = FormatNative
	}
	var fm frontMatter
	site.Decode(f.Path, node, &fm, diags)
	at := func(t text) site.Pos { return site.Pos{Path: f.Path, Line: t.Line, Col: t.Col} }
	if fm.Title.Set && strings.TrimSpace(fm.Title.Value) != "" {
		doc.Title = Field{Value: strings.TrimSpace(fm.Title.Value), Pos: at(fm.Title)}
	}
	if fm.Status.Set && strings.TrimSpace(fm.Status.Value) != "" {
		st := fm.Status
		base := at(st)
		word, refs := ParseStatusText(st.Value, func(off int) site.Pos {
			if strings.Contains(st.Value, "\n") {
				return base
			}
			p := base
			p.Col += off
			return p
		})
		if word != "" {
			doc.Status = Field{Value: word, Pos: base}
		}
		doc.Refs = append(doc.Refs, refs...)
	}
	if !fm.Date.IsZero() {
		doc.Date, doc.HasDate, doc.DatePos = fm.Date, true, f.FrontPos("date")
	}
	doc.DateGiven = doc.HasDate || site.FrontValue(f.Front, "date") != nil
	doc.Deciders = append(fm.Deciders.values(), fm.DecisionMakers.values()...)
	doc.Consulted = fm.Consulted.values()
	doc.Informed = fm.Informed.values()
	doc.Tags = fm.Tags.values()
	for _, it := range fm.Services.Items {
		doc.Services = append(doc.Services, Field{Value: it.Value, Pos: at(it)})
	}
	for _, rel := range []struct {
		name string
		l    list
	}{{RelSupersedes, fm.Supersedes}, {RelSupersededBy, fm.SupersededBy}, {RelAmends, fm.Amends}} {
		for _, it := range rel.l.Items {
			doc.Refs = append(doc.Refs, Ref{Rel: rel.name, Target: it.Value, Pos: at(it)})
		}
	}
}

// frontKeyFold returns the front matter key k stands for when written in
// another case or with other separators ("Decision Makers"), or "".
func frontKeyFold(k string) string {
	for _, fk := range frontKeys {
		if normKey(fk) == normKey(k) {
			return fk
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// datePatterns are the date formats metadata lines use. adr-tools wrote
// dd/mm/yyyy before it switched to ISO 8601 (its ADR 8).
var dmyRe = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// ParseDate reads a date written in a metadata line: YYYY-MM-DD (with an
// optional time), or adr-tools' old dd/mm/yyyy.
func ParseDate(s string) (site.Date, error) {
	v := strings.TrimSpace(stripComments(s))
	v = strings.Trim(v, "*_` ")
	if len(v) > 10 && (v[10] == 'T' || v[10] == ' ') {
		v = v[:10]
	}
	if m := dmyRe.FindStringSubmatch(v); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		v = fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
	}
	return site.ParseDate(v)
}

// Parse reads one ADR file in whichever format it is written: native or
// MADR front matter, log4brains or MADR 2 bullets under the H1, adr-tools'
// "Date:" line and "## Status" section. Problems go to diags.
func Parse(f *site.SourceFile, diags *site.Diagnostics) *Doc {
	doc := &Doc{Number: -1}
	lines := splitLines(f.Body)
	h1, h1Last, h1Text := findH1(lines)
	if h1 >= 0 {
		col := strings.Index(lines[h1].text, h1Text)
		if col < 0 {
			col = 0
		}
		doc.H1Pos = f.BodyPos(lines[h1].start + col)
		n, t := splitTitle(h1Text)
		doc.Number = n
		if t != "" {
			doc.Title = Field{Value: t, Pos: doc.H1Pos}
		}
	}
	if f.Front != nil {
		ParseFront(f, doc, diags)
	}
	bodyStart := 0
	var entries []metaEntry
	if h1 >= 0 {
		entries, bodyStart = ParseMetaBlock(f, lines, h1Last)
	}
	bullets := false
	for _, e := range entries {
		bullets = bullets || e.Bullet
		doc.applyMeta(f, e, diags)
	}
	if sec, ok := ParseStatusSection(f, lines); ok {
		if doc.Status.Value == "" && sec.Status.Value != "" {
			doc.Status = sec.Status
		}
		doc.Refs = append(doc.Refs, sec.Refs...)
		// The page shows the status and relations: drop the section when it
		// holds nothing else and follows the metadata directly.
		if sec.Understood && strings.TrimSpace(string(f.Body[bodyStart:sec.Start])) == "" {
			bodyStart = sec.End
		}
		if doc.Format == "" {
			doc.Format = FormatNygard
		}
	}
	doc.Refs = append(doc.Refs, ParseLinksSection(f, lines)...)
	if doc.Format == "" {
		switch {
		case bullets && dateName(path.Base(f.Rel)):
			doc.Format = FormatLog4brains
		case bullets || looksMADR(f.Body):
			doc.Format = FormatMADR
		case len(entries) > 0:
			doc.Format = FormatNygard
		default:
			doc.Format = FormatMADR
		}
	}
	doc.BodyOffset = bodyStart
	return doc
}

// applyMeta records one metadata line; front matter, read first, wins.
func (doc *Doc) applyMeta(f *site.SourceFile, e metaEntry, diags *site.Diagnostics) {
	pos := func(off int) site.Pos {
		p := e.Pos
		p.Col += off
		return p
	}
	switch e.Key {
	case "status":
		word, refs := ParseStatusText(e.Value, pos)
		if doc.Status.Value == "" && word != "" {
			doc.Status = Field{Value: word, Pos: e.Pos}
		}
		doc.Refs = append(doc.Refs, refs...)
	case "date":
		if doc.HasDate || e.Value == "" {
			return
		}
		doc.DateGiven = true
		d, err := ParseDate(e.Value)
		if err != nil {
			diags.Errorf(e.Pos, "adr-date", "%v; write the date as YYYY-MM-DD", err)
			return
		}
		doc.Date, doc.HasDate, doc.DatePos = d, true, e.Pos
	case "deciders":
		if len(doc.Deciders) == 0 {
			doc.Deciders = splitList(e.Value)
		}
	case "consulted":
		if len(doc.Consulted) == 0 {
			doc.Consulted = splitList(e.Value)
		}
	case "informed":
		if len(doc.Informed) == 0 {
			doc.Informed = splitList(e.Value)
		}
	case "tags":
		if len(doc.Tags) == 0 {
			doc.Tags = splitTags(e.Value)
		}
	case "services":
		if len(doc.Services) == 0 {
			off := 0
			for _, p := range strings.Split(e.Value, ",") {
				if v := strings.TrimSpace(p); v != "" {
					doc.Services = append(doc.Services, Field{Value: v, Pos: pos(off + strings.Index(p, v))})
				}
				off += len(p) + 1
			}
		}
	case RelSupersedes, RelSupersededBy, RelAmends, RelAmendedBy:
		doc.Refs = append(doc.Refs, parseRefs(e.Key, e.Value, pos)...)
		if e.Key == RelSupersededBy && doc.Status.Value == "" {
			doc.Status = Field{Value: StatusSuperseded, Pos: e.Pos}
		}
	default:
		if e.Value != "" {
			doc.Extra = append(doc.Extra, Meta{Key: e.Label, Value: e.Value})
		}
	}
}

var (
	numberedRe = regexp.MustCompile(`^(\d{1,9})[-_ .](.+)$`)
	numberOnly = regexp.MustCompile(`^(\d{1,9})$`)
	datedRe    = regexp.MustCompile(`^((?:19|20|21)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-(.+)$`)
)

// dateName reports whether a file name is log4brains style,
// YYYYMMDD-slug.md.
func dateName(name string) bool {
	stem := strings.TrimSuffix(name, path.Ext(name))
	m := datedRe.FindStringSubmatch(stem)
	if m == nil {
		return false
	}
	_, err := site.ParseDate(m[1] + "-" + m[2] + "-" + m[3])
	return err == nil
}

// FileName splits an ADR file name: "0012-use-kafka.md" has number 12 and
// slug "use-kafka"; "20201016-use-slugs.md" (log4brains) and
// "use-kafka.md" have no number and are their own slug.
func FileName(name string) (number int, slug string) {
	stem := strings.TrimSuffix(name, path.Ext(name))
	if dateName(name) {
		return -1, stem
	}
	if m := numberedRe.FindStringSubmatch(stem); m != nil {
		n, err := strconv.Atoi(m[1])
		if err == nil {
			return n, m[2]
		}
	}
	if m := numberOnly.FindStringSubmatch(stem); m != nil {
		n, err := strconv.Atoi(m[1])
		if err == nil {
			return n, stem
		}
	}
	return -1, stem
}

// fileRole says what a Markdown file in an ADR folder is.
type fileRole int

const (
	roleADR      fileRole = iota
	roleIndex             // README.md, index.md: the text of the ADR index
	roleTemplate          // template.md, adr-template*.md: not an ADR
)

// Role tells ADRs from the other files ADR folders hold.
func Role(name string) fileRole {
	stem := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	switch {
	case stem == "readme" || stem == "index" || stem == "_index":
		return roleIndex
	case stem == "template" || strings.HasPrefix(stem, "adr-template") || strings.HasPrefix(stem, "template-") ||
		strings.HasPrefix(stem, "template_") || strings.HasSuffix(stem, "-template") || strings.HasSuffix(stem, "_template"):
		return roleTemplate
	}
	return roleADR
}
