package markdown

import (
	"strings"
	"testing"
)

// titleBySplit is Title as first written, splitting the whole body into
// lines; Title must agree with it.
func titleBySplit(src []byte) string {
	for _, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "# ") {
			return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[2:]), "#"))
		}
		return ""
	}
	return ""
}

func TestTitle(t *testing.T) {
	tests := []struct{ src, want string }{
		{"# Use Kafka\n\nBody.\n", "Use Kafka"},
		{"\n\n  # Indented  \n", "Indented"},
		{"# Closed heading ##\n", "Closed heading"},
		{"Prose first.\n# Late\n", ""},
		{"## Second level\n", ""},
		{"#NoSpace\n", ""},
		{"", ""},
		{"\n \t\n", ""},
		{"# Last line without newline", "Last line without newline"},
		{"#  \n", ""},
		{"\u00a0# After a no-break space\n", "After a no-break space"},
	}
	for _, tt := range tests {
		if got := Title([]byte(tt.src)); got != tt.want {
			t.Errorf("Title(%q) = %q, want %q", tt.src, got, tt.want)
		}
		if ref := titleBySplit([]byte(tt.src)); ref != tt.want {
			t.Errorf("reference Title(%q) = %q, want %q", tt.src, ref, tt.want)
		}
	}
}

func FuzzTitle(f *testing.F) {
	for _, s := range []string{"# A\n", "\n\n# B #\n", "x\n# C", "#\n", "# \u2003\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := Title(src), titleBySplit(src); got != want {
			t.Errorf("Title(%q) = %q, the line-splitting version gives %q", src, got, want)
		}
	})
}
