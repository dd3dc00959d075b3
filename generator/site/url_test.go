package site

import "testing"

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
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to); got != tt.want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
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
