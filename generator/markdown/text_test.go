package markdown

import "testing"

// TestText checks the plain text of a document that search and snippets
// use: a line per block, each trimmed, no empty lines, no code blocks.
func TestText(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", ""},
		{"blocks, the leading title left out (it is the page's)", "# Title\n\nFirst  para\nwraps here.\n\n## Next\n\nLast.\n", "First  para wraps here.\nNext\nLast."},
		{"code blocks left out", "Before.\n\n```go\nfunc f() {}\n```\n\n    indented code\n\nAfter.\n", "Before.\nAfter."},
		{"code spans kept", "Run `make test` now.\n", "Run make test now."},
		{"list items", "- one\n- two\n\n1. three\n", "one\ntwo\nthree"},
		{"blank blocks dropped", "#\n\n##   \n\nText.\n", "Text."},
		{"typographer entities spelled out", "\"Quoted\" and so on...\n", "“Quoted” and so on…"},
		{"refs by label, title or id", "[[adr:1|label]] [[adr:2]] [[runbook:missing]]\n", "label ADR 2 missing"},
		{"tables", "| a | b |\n|---|---|\n| c | d |\n", ""},
		{"nested quote", "> quoted\n> > deeper\n", "quoted\ndeeper"},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := r.Parse([]byte(tt.src))
			Resolve(d, titles{})
			if got := Text(d); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// titles resolves every reference but runbook:missing to a titled target.
type titles struct{}

func (titles) Dest(dest string, offset int, image bool) string { return dest }
func (titles) UnclosedRef(kind, id string, offset int)         {}
func (titles) Ref(kind, id string, offset int) (Target, bool) {
	if id == "missing" {
		return Target{}, false
	}
	return Target{Href: "x/", Title: "ADR " + id}, true
}
