package site

import (
	"net/url"
	"strings"
	"testing"
)

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "", "./"},
		{"", "adr/", "adr/"},
		{"", "assets/site.css", "assets/site.css"},
		{"adr/", "", "../"},
		{"adr/0012/", "adr/", "../"},
		{"adr/0012/", "adr/0003/#context", "../0003/#context"},
		{"adr/0012/", "assets/site.css", "../../assets/site.css"},
		{"handbook/ops/on-call/", "handbook/ops/on-call/", "./"},
		{"handbook/ops/on-call/", "handbook/ops/on-call/#escalation", "./#escalation"},
		{"handbook/ops/on-call/", "handbook/ops/diagram.png", "../diagram.png"},
		{"adr/feed.xml", "adr/0001/", "0001/"},
		{"a/", "a b/c/", "../a%20b/c/"},
		{"x/", "x/x", "x"},
		{"a/b/", "a/b/c d/e?f#g h", "c%20d/e%3Ff#g h"},
		{"a//b/", "a//c/", "../c/"},
		{"/a/", "/a/b", "b"},
		{"a/b", "a/", "./"},
		{"a/b", "", "../"},
		{"ü/", "ü/ä/", "%C3%A4/"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to); got != tt.want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// refRelURL is RelURL as it was first written, with the paths split into
// slices: the reference the faster one must agree with.
func refRelURL(from, to string) string {
	split := func(p string) []string {
		p = strings.Trim(p, "/")
		if p == "" {
			return nil
		}
		return strings.Split(p, "/")
	}
	frag := ""
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	dir := from
	if !strings.HasSuffix(dir, "/") {
		if i := strings.LastIndexByte(dir, '/'); i >= 0 {
			dir = dir[:i+1]
		} else {
			dir = ""
		}
	}
	fromSegs, toSegs := split(dir), split(to)
	toIsDir := to == "" || strings.HasSuffix(to, "/")
	common := 0
	for common < len(fromSegs) && common < len(toSegs) && fromSegs[common] == toSegs[common] {
		if !toIsDir && common == len(toSegs)-1 {
			break
		}
		common++
	}
	var b strings.Builder
	for range fromSegs[common:] {
		b.WriteString("../")
	}
	rest := toSegs[common:]
	for i, s := range rest {
		rest[i] = url.PathEscape(s)
	}
	b.WriteString(strings.Join(rest, "/"))
	if toIsDir && len(rest) > 0 {
		b.WriteByte('/')
	}
	out := b.String()
	if out == "" {
		out = "./"
	}
	return out + frag
}

// FuzzRelURL checks RelURL against refRelURL.
func FuzzRelURL(f *testing.F) {
	for _, p := range [][2]string{{"", ""}, {"adr/0012/", "adr/0003/#context"}, {"a/", "a b/c/"}, {"a//b/", "a//c/"}, {"x/", "x/x"}, {"a/b", "/"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		if got, want := RelURL(from, to), refRelURL(from, to); got != want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", from, to, got, want)
		}
	})
}

func BenchmarkRelURL(b *testing.B) {
	for b.Loop() {
		RelURL("handbook/ops/on-call/", "handbook/ops/diagram.png")
		RelURL("adr/0012/", "adr/0003/#context")
		RelURL("services/payments-api/", "assets/site.css")
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"On-call Guide", "on-call-guide"},
		{"..", "page"},
		{"Ünïcode naïve", "ünïcode-naïve"},
		{"a..b", "a-b"},
		{"  ", "page"},
		{"0001-use-kafka", "0001-use-kafka"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHumanizeAndIDFromRel(t *testing.T) {
	for in, want := range map[string]string{"use-kafka": "Use kafka", "system_design": "System design", "eng/ünïcode-page": "Ünïcode page", "": ""} {
		if got := Humanize(in); got != want {
			t.Errorf("Humanize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := IDFromRel("ladders/Eng Team/Backend.md", "ladders"); got != "eng-team/backend" {
		t.Errorf("IDFromRel = %q", got)
	}
}
