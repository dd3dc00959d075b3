package site

import "testing"

func TestUnsafeURL(t *testing.T) {
	tests := []struct {
		dest  string
		image bool
		want  bool
	}{
		{"https://example.org/", false, false},
		{"../a.md", false, false},
		{"javascript:alert(1)", false, true},
		{"JaVaScRiPt:alert(1)", false, true},
		{" java\tscript:alert(1)", false, true},
		{"vbscript:x", false, true},
		{"file:///etc/passwd", false, true},
		{"data:text/html,<b>", false, true},
		{"data:image/png;base64,AAAA", false, true},
		{"data:image/png;base64,AAAA", true, false},
		{"data:image/svg+xml,<svg>", true, true},
		{"mailto:a@example.org", false, false},
		{" \x01javascript:alert(1)", false, true},
		{"data:image/svg+xml,<svg onload=x>", true, true}, // SVG can run script
		{"#escalation", false, false},
	}
	for _, tt := range tests {
		if got := UnsafeURL(tt.dest, tt.image); got != tt.want {
			t.Errorf("UnsafeURL(%q, image %v) = %v, want %v", tt.dest, tt.image, got, tt.want)
		}
	}
}
