package adr

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Seeds: one file of each format, plus edge cases.
var fuzzSeeds = []string{
	"---\ntitle: Use Kafka\nstatus: accepted\ndate: 2025-02-18\ndeciders: [Ann, Bob]\nsupersedes: [3, \"0004\"]\n---\n\n## Context\n",
	"# 2. Implement as shell scripts\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\nSupersedes [1. Record](0001-record.md)\n\n## Context\n",
	"# 1. Record\n\nDate: 12/02/2016\n\n## Status\n\nSuperceded by [3. Use MADR](0003-use-madr.md)\n",
	"---\nparent: Decisions\nstatus: superseded by ADR-0123\ndecision-makers: a, b\n---\n# X\n\n## Context and Problem Statement\n",
	"# Use Y\n\n* Status: accepted\n* Deciders: Ann, Bob\n* Date: 2019-03-04\n\nTechnical Story: #12\n",
	"# Use the number\n\n- Status: superseded by [x](20201016-x.md) <!-- optional -->\n- Date: 2020-09-26\n- Tags: a b, c\n",
	"<!-- c\n-->\nTitle\n=====\n\nStatus: rejected\n",
	"## Status\n\n```\nAccepted\n```\n",
	"# \n- Status:\n- :\n* **Status:** [[adr:3]]\n",
	"---\n---\n",
	"",
}

func FuzzParse(f *testing.F) {
	names := []string{"0012-use-kafka.md", "20200926-x.md", "use-x.md", "README.md"}
	for i, s := range fuzzSeeds {
		f.Add(names[i%len(names)], s)
	}
	f.Fuzz(func(t *testing.T, name, src string) {
		if strings.ContainsAny(name, "/\x00") || name == "" {
			name = "0001-x.md"
		}
		diags := &site.Diagnostics{}
		sf := load.ParseMarkdown("content/adr/"+name, "adr/"+name, []byte(src), diags)
		doc := Parse(sf, diags)
		if doc.BodyOffset < 0 || doc.BodyOffset > len(sf.Body) {
			t.Fatalf("BodyOffset %d outside the body (%d bytes)", doc.BodyOffset, len(sf.Body))
		}
		if utf8.ValidString(src) && !utf8.ValidString(doc.Title.Value) {
			t.Fatalf("title %q is not valid UTF-8", doc.Title.Value)
		}
		for _, r := range doc.Refs {
			if r.Pos.Path == "" || r.Pos.Line < 1 {
				t.Fatalf("reference %+v has no position", r)
			}
		}
		for _, d := range diags.List() {
			if d.Pos.Path == "" {
				t.Fatalf("diagnostic without a file: %s", d)
			}
		}
		FileName(name)
		Role(name)
	})
}

func FuzzMetaBlock(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		sf := &site.SourceFile{Path: "content/adr/x.md", Rel: "adr/x.md", Body: []byte(body), BodyLine: 1}
		lines := splitLines(sf.Body)
		h1, last, _ := findH1(lines)
		if h1 > last || last >= len(lines) {
			t.Fatalf("findH1 = %d, %d with %d lines", h1, last, len(lines))
		}
		entries, end := ParseMetaBlock(sf, lines, last)
		if end < 0 || end > len(body) {
			t.Fatalf("end %d outside the body", end)
		}
		for _, e := range entries {
			if e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("entry %+v has no position", e)
			}
		}
	})
}

func FuzzStatusSection(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		sf := &site.SourceFile{Path: "content/adr/x.md", Rel: "adr/x.md", Body: []byte(body), BodyLine: 3}
		sec, ok := ParseStatusSection(sf, splitLines(sf.Body))
		if !ok {
			return
		}
		if sec.Start < 0 || sec.Start > sec.End || sec.End > len(body) {
			t.Fatalf("section range %d..%d outside the body (%d bytes)", sec.Start, sec.End, len(body))
		}
		for _, r := range sec.Refs {
			if r.Pos.Line < 3 {
				t.Fatalf("reference %+v positioned before the body", r)
			}
		}
	})
}

func FuzzStatusText(f *testing.F) {
	for _, s := range []string{"accepted", "superseded by ADR-0123", "Superseded by [ADR-0005](0005-x.md)", "replaced by [[adr:7|x]]", "Supersedes 1, 2 and 3", "<!--", "[](", "superseded by ,,, and"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		word, refs := ParseStatusText(s, func(off int) site.Pos {
			if off < 0 || off > len(s) {
				t.Fatalf("offset %d outside %q", off, s)
			}
			return site.Pos{Path: "x", Line: 1, Col: 1 + off}
		})
		_ = word
		for _, r := range refs {
			if r.Target == "" && r.Text == "" {
				t.Fatalf("empty reference from %q", s)
			}
		}
		NormalizeStatus(s, []string{"on hold"})
		ParseDate(s)
	})
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"title: A\nstatus: accepted\ndate: 2025-01-01\nsupersedes: [1, b]\n",
		"parent: Decisions\nstatus: on hold\ndecision-makers: [a, {b: c}]\n",
		"deciders: a, b\nservices: x\ntags: [[a]]\n",
		"a: &x [*x]\n",
		"supersedes: {a: 1}\ntitle: [1]\n",
		"date: 2016-02-30\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yml string) {
		src := "---\n" + yml + "\n---\n# T\n"
		diags := &site.Diagnostics{}
		sf := load.ParseMarkdown("content/adr/0001-x.md", "adr/0001-x.md", []byte(src), diags)
		doc := &Doc{Number: -1}
		ParseFront(sf, doc, diags)
		for _, sv := range doc.Services {
			if sv.Pos.Path != sf.Path {
				t.Fatalf("service %+v has no position", sv)
			}
		}
	})
}
