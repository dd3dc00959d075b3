package markdown

import (
	"fmt"
	"reflect"
	"testing"
)

// callLog is a Resolver that logs every call with its arguments.
type callLog []string

func (c *callLog) Dest(dest string, offset int, image bool) string {
	*c = append(*c, fmt.Sprintf("dest %q %d %v", dest, offset, image))
	if dest == "drop.md" {
		return ""
	}
	return "x/" + dest
}

func (c *callLog) Ref(kind, id string, offset int) (Target, bool) {
	*c = append(*c, fmt.Sprintf("ref %s:%s %d", kind, id, offset))
	return Target{Href: "x/"}, id != "missing"
}

func (c *callLog) UnclosedRef(kind, id string, offset int) {
	*c = append(*c, fmt.Sprintf("unclosed %s:%s %d", kind, id, offset))
}

var summaryDocs = []string{
	"",
	"# Title\n\n## Intro\n\nSee [a](a.md), ![i](i.png) and <https://example.com>.\n",
	"[[adr:1]] then [[runbook:missing|label]] and [dropped](drop.md) with [nested ![img](n.png)](outer.md).\n",
	"## One\n\n## One\n\n### Two `code`\n\n```go\nfunc f() {}\n```\n\nmail <a@b.co> and www.example.org\n",
	"| a | [t](t.md) |\n|---|---|\n| [[kpi:x]] | <span>raw</span> |\n",
	"| a | b |\n|---|---|\n| [[adr:1|cut]] | [[ADR:2\\|x]] [y [[adr:3]]](y.md) |\n\n## H <!-- c -->\n",
}

// TestSummaryReplaysResolve checks that replaying a summary makes exactly
// the calls resolving the parsed document makes, and that a summary
// survives the cache's encoding.
func TestSummaryReplaysResolve(t *testing.T) {
	for i, src := range summaryDocs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkSummary(t, src)
		})
	}
}

func checkSummary(t *testing.T, src string) {
	t.Helper()
	r := New(Options{})
	var direct, replayed callLog
	d := r.Parse([]byte(src))
	Resolve(d, &direct)
	s := r.Summarize([]byte(src))
	s.Replay(&replayed)
	if !reflect.DeepEqual(direct, replayed) {
		t.Fatalf("replay differs from resolve\nresolve: %q\n replay: %q", direct, replayed)
	}
	if !reflect.DeepEqual(s.Headings, r.Parse([]byte(src)).Headings) || s.Text != Text(r.Parse([]byte(src))) {
		t.Fatal("summary headings or text differ from the parsed document's")
	}
	back, err := decodeSummary(s.encode())
	if err != nil {
		t.Fatalf("decoding an encoded summary: %v", err)
	}
	if fmt.Sprintf("%#v", back) != fmt.Sprintf("%#v", s) {
		t.Fatalf("summary changed through encoding\n got %#v\nwant %#v", back, s)
	}
}

func TestSummaryCache(t *testing.T) {
	c := mapCache{}
	r := New(Options{Cache: c})
	src := []byte(summaryDocs[1])
	first := r.Summarize(src)
	if len(c) != 1 {
		t.Fatalf("cache holds %d entries, want 1", len(c))
	}
	for k := range c {
		c[k] = []byte("damaged")
	}
	// A damaged entry is parsed again rather than trusted.
	if again := r.Summarize(src); fmt.Sprintf("%#v", again) != fmt.Sprintf("%#v", first) {
		t.Errorf("summary after a damaged cache entry differs")
	}
}

func FuzzSummary(f *testing.F) {
	for _, s := range summaryDocs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) { checkSummary(t, src) })
}

func FuzzDecodeSummary(f *testing.F) {
	r := New(Options{})
	for _, s := range summaryDocs {
		f.Add(r.Summarize([]byte(s)).encode())
	}
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeSummary(b) })
}
