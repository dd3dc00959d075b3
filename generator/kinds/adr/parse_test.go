package adr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

func parseFile(t testing.TB, name, src string) (*Doc, *site.SourceFile, []string) {
	t.Helper()
	diags := &site.Diagnostics{}
	f := load.ParseMarkdown("content/adr/"+name, "adr/"+name, []byte(src), diags)
	doc := Parse(f, diags)
	var ds []string
	for _, d := range diags.List() {
		ds = append(ds, d.String())
	}
	return doc, f, ds
}

func refsString(refs []Ref) string {
	var out []string
	for _, r := range refs {
		s := r.Rel + " " + r.Target
		if r.Text != "" {
			s += " (" + r.Text + ")"
		}
		out = append(out, s+" @"+fmt.Sprintf("%d:%d", r.Pos.Line, r.Pos.Col))
	}
	return strings.Join(out, "; ")
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, file, src string
		format          string
		title           string
		number          int
		status          string
		statusPos       string // line:col
		date            string
		deciders        string
		tags            string
		refs            string
		bodyStartsWith  string
		diags           string
	}{
		{
			name: "native", file: "0012-use-kafka.md",
			src:    "---\ntitle: Use Kafka\nstatus: accepted\ndate: 2025-02-18\ndeciders: [Ann, Bob]\ntags: [events]\nservices: [ledger]\nsupersedes: [3, \"0004\"]\n---\n\n## Context\n",
			format: FormatNative, title: "Use Kafka", number: -1, status: "accepted", statusPos: "3:9", date: "2025-02-18",
			deciders: "Ann|Bob", tags: "events", refs: "supersedes 3 @8:14; supersedes 0004 @8:17", bodyStartsWith: "\n## Context",
		},
		{
			name: "native title from H1", file: "0001-x.md",
			src:    "---\nstatus: Proposed\ndate: 2025-01-01\n---\n# Record decisions\n\nText.\n",
			format: FormatNative, title: "Record decisions", number: -1, status: "Proposed", statusPos: "2:9", date: "2025-01-01", bodyStartsWith: "\nText.",
		},
		{
			name: "adr-tools", file: "0002-implement-as-shell-scripts.md",
			src:    "# 2. Implement as shell scripts\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nText.\n",
			format: FormatNygard, title: "Implement as shell scripts", number: 2, status: "Accepted", statusPos: "7:1", date: "2016-02-12",
			refs:           "supersedes 0001-record-architecture-decisions.md (1. Record architecture decisions) @9:12",
			bodyStartsWith: "## Context",
		},
		{
			name: "adr-tools superceded", file: "0001-record.md",
			src:    "# 1. Record\n\nDate: 12/02/2016\n\n## Status\n\nSuperceded by [3. Use MADR](0003-use-madr.md)\n\n## Context\n",
			format: FormatNygard, title: "Record", number: 1, status: "superseded", statusPos: "7:1", date: "2016-02-12",
			refs: "superseded by 0003-use-madr.md (3. Use MADR) @7:15", bodyStartsWith: "## Context",
		},
		{
			name: "adr-tools status with prose is kept in the body", file: "0004-x.md",
			src:    "# 4. X\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\nWe revisited this in 2017.\n\n## Context\n",
			format: FormatNygard, title: "X", number: 4, status: "Accepted", statusPos: "7:1", date: "2016-02-12",
			bodyStartsWith: "\n## Status",
		},
		{
			name: "adr-tools amends and other links", file: "0009-help-scripts.md",
			src:    "# 9. Help scripts\n\nDate: 2018-06-26\n\n## Status\n\nAccepted\n\nAmends [5. Help comments](0005-help-comments.md)\n\nClarified by [10. More](0010-more.md)\n\n## Context\n",
			format: FormatNygard, title: "Help scripts", number: 9, status: "Accepted", statusPos: "7:1", date: "2018-06-26",
			refs:           "amends 0005-help-comments.md (5. Help comments) @9:8; clarified by 0010-more.md (10. More) @11:14",
			bodyStartsWith: "## Context",
		},
		{
			name: "MADR 4 front matter with Jekyll keys", file: "0003-provide-own-madr-tools.md",
			src:    "---\nparent: Decisions\nnav_order: 3\nstatus: on hold\ndecision-makers: Oliver, Kim\nconsulted: [Ann]\n---\n# Write Own MADR Tooling\n\n## Context and Problem Statement\n",
			format: FormatMADR, title: "Write Own MADR Tooling", number: -1, status: "on hold", statusPos: "4:9", deciders: "Oliver|Kim",
			bodyStartsWith: "\n## Context and Problem Statement",
		},
		{
			name: "MADR status superseded by ADR-0123", file: "0005-x.md",
			src:    "---\nstatus: superseded by ADR-0123\ndate: 2024-05-01\n---\n# X\n\n## Context and Problem Statement\n",
			format: FormatMADR, title: "X", number: -1, status: "superseded", statusPos: "2:9", date: "2024-05-01",
			refs: "superseded by ADR-0123 @2:23", bodyStartsWith: "\n## Context",
		},
		{
			name: "MADR 2 bullets", file: "0007-y.md",
			src:    "# Use Y\n\n* Status: accepted\n* Deciders: Ann, Bob\n* Date: 2019-03-04\n\nTechnical Story: #12\n\n## Context and Problem Statement\n",
			format: FormatMADR, title: "Use Y", number: -1, status: "accepted", statusPos: "3:11", date: "2019-03-04", deciders: "Ann|Bob",
			bodyStartsWith: "\nTechnical Story",
		},
		{
			name: "log4brains", file: "20200926-use-the-adr-number.md",
			src:    "# Use the ADR number\n\n- Status: superseded by [20201016-use-the-slug](20201016-use-the-slug.md) <!-- optional -->\n- Date: 2020-09-26\n- Deciders: Thomas\n- Tags: ids, naming web\n\n## Context and Problem Statement\n",
			format: FormatLog4brains, title: "Use the ADR number", number: -1, status: "superseded", statusPos: "3:11", date: "2020-09-26",
			deciders: "Thomas", tags: "ids|naming|web", refs: "superseded by 20201016-use-the-slug.md (20201016-use-the-slug) @3:25",
			bodyStartsWith: "\n## Context",
		},
		{
			name: "MADR 2 links section and capitalised keys", file: "0006-w.md",
			src:    "---\nStatus: Accepted\nDecision-Makers: [Ann]\nparent: x\n---\n# W\n\n## Decision Outcome\n\n## Links\n\n* Supersedes [ADR-0001](0001-x.md)\n* Relates to [a blog post](https://example.com/post)\n",
			format: FormatMADR, title: "W", number: -1, status: "Accepted", statusPos: "2:9", deciders: "Ann",
			refs:           "supersedes 0001-x.md (ADR-0001) @12:14; relates to https://example.com/post (a blog post) @13:14",
			bodyStartsWith: "\n## Decision Outcome",
		},
		{
			name: "setext title and comments", file: "0001-z.md",
			src:    "<!-- comment -->\nMy decision\n===========\n\nStatus: rejected\n\nBody.\n",
			format: FormatNygard, title: "My decision", number: -1, status: "rejected", statusPos: "5:9", bodyStartsWith: "\nBody.",
		},
		{
			name: "ADR-prefixed H1", file: "use-z.md",
			src:    "# ADR-0017: Use Z\n\nBody.\n",
			format: FormatMADR, title: "Use Z", number: 17, bodyStartsWith: "\nBody.",
		},
		{
			name: "bad metadata date", file: "0001-d.md",
			src:    "# D\n\nDate: 2016-02-30\n\n## Status\n\nAccepted\n",
			format: FormatNygard, title: "D", number: -1, status: "Accepted", statusPos: "7:1",
			diags: `content/adr/0001-d.md:3:7: error: expected a date written YYYY-MM-DD, got "2016-02-30"; write the date as YYYY-MM-DD [adr-date]`,
		},
		{
			name: "native unknown key is an error", file: "0001-e.md",
			src:    "---\ntitle: E\nstauts: accepted\n---\n",
			format: FormatNative, title: "E", number: -1,
			diags: `content/adr/0001-e.md:3:1: error: unknown key "stauts" (did you mean "status"?); known keys: amends, consulted, date, deciders, decision-makers, informed, services, status, superseded_by, supersedes, tags, title [yaml]`,
		},
		{
			name: "MADR unknown key near a known one is a warning", file: "0001-f.md",
			src:    "---\nparent: Decisions\nstauts: accepted\ncategory: backend\n---\n# F\n",
			format: FormatMADR, title: "F", number: -1,
			diags: `content/adr/0001-f.md:3:1: warning: unknown key "stauts" (did you mean "status"?); MADR allows extra metadata, so it is shown as written, but Almanac reads "status" [adr-front-matter]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, f, diags := parseFile(t, tt.file, tt.src)
			if doc.Format != tt.format {
				t.Errorf("format = %q, want %q", doc.Format, tt.format)
			}
			if doc.Title.Value != tt.title {
				t.Errorf("title = %q, want %q", doc.Title.Value, tt.title)
			}
			if doc.Number != tt.number {
				t.Errorf("number = %d, want %d", doc.Number, tt.number)
			}
			if doc.Status.Value != tt.status {
				t.Errorf("status = %q, want %q", doc.Status.Value, tt.status)
			}
			if tt.statusPos != "" {
				if got := fmt.Sprintf("%d:%d", doc.Status.Pos.Line, doc.Status.Pos.Col); got != tt.statusPos {
					t.Errorf("status position = %s, want %s", got, tt.statusPos)
				}
			}
			if doc.Date.String() != tt.date {
				t.Errorf("date = %q, want %q", doc.Date.String(), tt.date)
			}
			if got := strings.Join(doc.Deciders, "|"); got != tt.deciders {
				t.Errorf("deciders = %q, want %q", got, tt.deciders)
			}
			if got := strings.Join(doc.Tags, "|"); got != tt.tags {
				t.Errorf("tags = %q, want %q", got, tt.tags)
			}
			if got := refsString(doc.Refs); got != tt.refs {
				t.Errorf("refs = %q\nwant   %q", got, tt.refs)
			}
			if tt.bodyStartsWith != "" && !strings.HasPrefix(string(f.Body[doc.BodyOffset:]), tt.bodyStartsWith) {
				t.Errorf("body starts with %q, want %q", string(f.Body[doc.BodyOffset:]), tt.bodyStartsWith)
			}
			if got := strings.Join(diags, "\n"); got != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diags)
			}
		})
	}
}

func TestNormalizeStatus(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Accepted", "accepted"},
		{"ACCEPTED.", "accepted"},
		{"**Proposed**", "proposed"},
		{"draft", "proposed"},
		{"Superceded", "superseded"},
		{"approved", "accepted"},
		{"Accepted on 2020-01-02", "accepted"},
		{"accepted (2020-01-02)", "accepted"},
		{"On Hold", "on hold"},
		{"deprecated <!-- since 2021 -->", "deprecated"},
		{"acepted", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := NormalizeStatus(tt.in, []string{"on hold"})
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NormalizeStatus(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestFileNameAndRole(t *testing.T) {
	tests := []struct {
		name   string
		number int
		slug   string
		role   fileRole
	}{
		{"0012-use-kafka.md", 12, "use-kafka", roleADR},
		{"0000-use-madr.md", 0, "use-madr", roleADR},
		{"12.md", 12, "12", roleADR},
		{"20201016-use-the-slug.md", -1, "20201016-use-the-slug", roleADR},
		{"20201399-not-a-date.md", 20201399, "not-a-date", roleADR},
		{"use-kafka.md", -1, "use-kafka", roleADR},
		{"README.md", -1, "README", roleIndex},
		{"index.md", -1, "index", roleIndex},
		{"template.md", -1, "template", roleTemplate},
		{"adr-template.md", -1, "adr-template", roleTemplate},
		{"adr-template-bare-minimal.md", -1, "adr-template-bare-minimal", roleTemplate},
	}
	for _, tt := range tests {
		n, slug := FileName(tt.name)
		if n != tt.number || slug != tt.slug {
			t.Errorf("FileName(%q) = %d, %q; want %d, %q", tt.name, n, slug, tt.number, tt.slug)
		}
		if r := Role(tt.name); r != tt.role {
			t.Errorf("Role(%q) = %d, want %d", tt.name, r, tt.role)
		}
	}
}

func TestParseStatusText(t *testing.T) {
	pos := func(off int) site.Pos { return site.Pos{Path: "x", Line: 1, Col: 1 + off} }
	tests := []struct{ in, word, refs string }{
		{"accepted", "accepted", ""},
		{"superseded by ADR-0123", "superseded", "superseded by ADR-0123 @1:15"},
		{"Superseded by [ADR-0005](0005-example.md)", "superseded", "superseded by 0005-example.md (ADR-0005) @1:15"},
		{"superseded by 3 and 4", "superseded", "superseded by 3 @1:15; superseded by 4 @1:21"},
		{"replaced by [[adr:7]]", "superseded", "superseded by 7 @1:13"},
		{"Supersedes 2", "", "supersedes 2 @1:12"},
	}
	for _, tt := range tests {
		word, refs := ParseStatusText(tt.in, pos)
		if word != tt.word || refsString(refs) != tt.refs {
			t.Errorf("ParseStatusText(%q) = %q, %q; want %q, %q", tt.in, word, refsString(refs), tt.word, tt.refs)
		}
	}
}
