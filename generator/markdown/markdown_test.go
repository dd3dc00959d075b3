package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// recorder is a Resolver that records what it was asked and resolves
// every reference to a fixed target.
type recorder struct {
	dests []string
	refs  []string
}

func (r *recorder) Dest(dest string, offset int, image bool) string {
	r.dests = append(r.dests, dest)
	if strings.HasPrefix(dest, "javascript:") {
		return ""
	}
	return "rewritten/" + dest
}

func (r *recorder) Ref(kind, id string, offset int) (Target, bool) {
	r.refs = append(r.refs, kind+":"+id)
	if id == "missing" {
		return Target{}, false
	}
	return Target{Href: "../" + kind + "/" + id + "/", Title: "Title of " + id, Badge: "accepted"}, true
}

func TestRender(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the HTML
		not       []string
	}{
		{"ref", "See [[adr:12]].", []string{`<a class="ref ref-adr" href="../adr/12/">Title of 12 <span class="badge badge-accepted">accepted</span></a>`}, nil},
		{"ref with label", "[[runbook:x|the runbook]]", []string{`>the runbook <span`}, nil},
		{"ref with anchor id", "[[ladder:backend#E4]]", []string{`href="../ladder/backend#E4/"`}, nil},
		{"broken ref", "[[adr:missing]]", []string{`<span class="ref ref-broken">[[adr:missing]]</span>`}, nil},
		{"not a ref", "[[ not a ref ]] and [x](y.md)", []string{`[[ not a ref ]]`, `<a href="rewritten/y.md">x</a>`}, nil},
		{"link dropped keeps text", "[click](javascript:alert(1))", []string{"<p>click</p>"}, []string{"javascript", "<a"}},
		{"leading h1 removed", "# Title\n\n## Sub\n", []string{`<h2 id="sub">Sub<a class="anchor" href="#sub"`}, []string{"<h1"}},
		{"raw html escaped", "<script>alert(1)</script>\n\nx <b>y</b>", []string{"&lt;script&gt;", "&lt;b&gt;"}, []string{"<script>", "<b>"}},
		{"code highlighted", "```go\npackage main\n```\n", []string{`<pre class="chroma">`, `class="kn"`}, nil},
		{"unknown language", "```nosuchlang\n<x>\n```\n", []string{`<pre class="chroma"><code>&lt;x&gt;`}, nil},
		{"heading ids deduplicated", "## A\n\n## A\n", []string{`id="a"`, `id="a-1"`}, nil},
		{"ref with escaped pipe in a table", "| a |\n|---|\n| [[adr:1\\|Escaped]] |\n", []string{`<td><a class="ref ref-adr" href="../adr/1/">Escaped <span`}, []string{`\`}},
		{"ref with escaped pipe", `[[adr:1\|Escaped]]`, []string{`href="../adr/1/">Escaped <span`}, nil},
		{"escaped pipe in ref text", "| a |\n|---|\n| [[adr:1\\|x \\| y]] |\n", []string{`>x | y <span`}, nil},
		{"ref cut off by a table cell", "| a | b |\n|---|---|\n| [[adr:1|text]] | x |\n", []string{`<td><span class="ref ref-broken">[[adr:1</span></td>`, `<td>text]]</td>`}, nil},
		{"ref kind in upper case", "[[ADR:3]]", []string{`<a class="ref ref-adr" href="../adr/3/">Title of 3`}, []string{"[["}},
		{"ref with empty text", "[[adr:3|]]", []string{`href="../adr/3/">Title of 3 <span`}, []string{"[["}},
		{"ref inside a link", "[link [[adr:2]] inside](x.md)", []string{`<a href="rewritten/x.md">link <span class="ref ref-adr">Title of 2 <span class="badge badge-accepted">accepted</span></span> inside</a>`}, []string{`href="../adr/2/"`}},
		{"ref in a dropped link is a link", "[link [[adr:2]]](javascript:x)", []string{`<p>link <a class="ref ref-adr" href="../adr/2/">`}, nil},
		{"html comment dropped", "## Decision Drivers <!-- optional -->\n\nx <!-- a\nb --> y <b>z</b>\n\n<!-- block -->\n\n<!-- c --> after\n", []string{`<h2 id="decision-drivers">Decision Drivers <a`, "<p>x  y &lt;b&gt;z&lt;/b&gt;</p>", "<p> after\n</p>"}, []string{"&lt;!--", "optional", "block", "<p></p>"}},
		{"unclosed html comment shown", "<!-- y\n\nz\n", []string{"&lt;!-- y\n\nz"}, nil},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := r.Render(r.Parse([]byte(tt.src)), &recorder{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("output lacks %s\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(out), n) {
					t.Errorf("output contains %s\n%s", n, out)
				}
			}
		})
	}
}

// TestPlainTextSpellsOutEntities checks that headings' text, which the
// table of contents and the search index print (escaping it), has the
// typographer's characters, not their HTML entities.
func TestPlainTextSpellsOutEntities(t *testing.T) {
	r := New(Options{})
	for _, tt := range []struct{ src, want string }{
		{`## "Quoted" -- and 'single'...`, "“Quoted” – and ‘single’…"},
		{"## Fish & chips <b>bold</b>", "Fish & chips bold"},
		{"## `a && b` --- done", "a && b — done"},
	} {
		d := r.Parse([]byte(tt.src + "\n"))
		if len(d.Headings) != 1 || d.Headings[0].Text != tt.want {
			t.Errorf("%q: headings %+v, want text %q", tt.src, d.Headings, tt.want)
		}
	}
}

func TestParseTitleAndHeadings(t *testing.T) {
	r := New(Options{})
	d := r.Parse([]byte("# The *Title*\n\n## First {#custom}\n\n### Second\n"))
	if d.Title != "The Title" {
		t.Errorf("Title = %q", d.Title)
	}
	if len(d.Headings) != 2 || d.Headings[0].ID != "custom" || d.Headings[1].ID != "second" {
		t.Errorf("Headings = %+v", d.Headings)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Escalation":             "escalation",
		"On-call & Escalation!":  "on-call--escalation",
		"Step 1: Check the logs": "step-1-check-the-logs",
		"Ünïcode Überschrift":    "ünïcode-überschrift",
		"  trimmed  ":            "trimmed",
		"under_score and `code`": "under_score-and-code",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchRefs(t *testing.T) {
	got := MatchRefs("read [[adr:4]] then [[page:handbook/on-call|on-call]] and [[bad]]")
	if len(got) != 2 || got[0] != [3]string{"adr", "4", ""} || got[1] != [3]string{"page", "handbook/on-call", "on-call"} {
		t.Errorf("MatchRefs = %v", got)
	}
}

// TestRefSyntax checks which text is a reference: what Resolve asks the
// Resolver.
func TestRefSyntax(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string // calls, as callLog writes them
	}{
		{"ref", "[[adr:1]]", []string{"ref adr:1 0"}},
		{"kind in upper case", "x [[ADR:3]]", []string{"ref adr:3 2"}},
		{"empty text", "[[adr:3|]]", []string{"ref adr:3 0"}},
		{"empty id", "[[adr:]]", []string{"ref adr: 0"}},
		{"escaped pipe", `[[adr:1\|Escaped]]`, []string{"ref adr:1 0"}},
		{"escaped pipe in a table", "| a |\n|---|\n| [[adr:1\\|Escaped]] |\n", []string{"ref adr:1 14"}},
		{"cut off by a table cell", "| a | b |\n|---|---|\n| [[adr:1|text]] | x |\n", []string{"unclosed adr:1 22"}},
		{"unclosed outside a table", "[[adr:1 and more\n", nil},
		{"unclosed in a table, closed later", "| a |\n|---|\n| [[adr:1 x]] |\n", []string{"ref adr:1 x 14"}},
		{"no kind", "[[not a ref]] [[ not a ref ]] [[bad]]", nil},
	} {
		var got callLog
		r := New(Options{})
		Resolve(r.Parse([]byte(tt.src)), &got)
		if !reflect.DeepEqual([]string(got), tt.want) {
			t.Errorf("%s: %q: calls %q, want %q", tt.name, tt.src, got, tt.want)
		}
	}
}

type mapCache map[string][]byte

func (m mapCache) Get(k string) ([]byte, bool) { v, ok := m[k]; return v, ok }
func (m mapCache) Put(k string, v []byte)      { m[k] = v }

func TestHighlightCache(t *testing.T) {
	c := mapCache{}
	r := New(Options{Cache: c})
	src := []byte("```go\nfunc f() {}\n```\n")
	a, _, _ := r.Render(r.Parse(src), &recorder{})
	if len(c) != 1 {
		t.Fatalf("cache holds %d entries, want 1", len(c))
	}
	b, _, _ := r.Render(r.Parse(src), &recorder{})
	if string(a) != string(b) {
		t.Error("cached rendering differs from the first one")
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"[[adr:1]]", "[[a:b|c]] [x](y.md#z)", "# T\n## H\n", "```go\nx\n```", "[[", "[[x:]]", "<a href=javascript:x>", "![i](data:text/html,x)"} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		out, _, err := r.Render(r.Parse([]byte(src)), &recorder{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(string(out)), "href=\"javascript:") {
			t.Fatalf("javascript: URL emitted for %q", src)
		}
	})
}
