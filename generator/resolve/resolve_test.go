package resolve

import "testing"

func TestUnsafe(t *testing.T) {
	tests := []struct {
		dest  string
		image bool
		want  bool
	}{
		{"javascript:alert(1)", false, true},
		{"JaVaScRiPt:alert(1)", false, true},
		{"java\tscript:alert(1)", false, true},
		{" \x01javascript:alert(1)", false, true},
		{"vbscript:msgbox", false, true},
		{"file:///etc/passwd", false, true},
		{"data:text/html,<script>", false, true},
		{"data:image/png;base64,AAAA", false, true}, // a link, not an image
		{"data:image/png;base64,AAAA", true, false},
		{"data:image/svg+xml,<svg onload=x>", true, true}, // SVG can run script
		{"https://example.org/", false, false},
		{"mailto:oncall@example.org", false, false},
		{"../adr/0001-x.md", false, false},
		{"#escalation", false, false},
	}
	for _, tt := range tests {
		if got := Unsafe(tt.dest, tt.image); got != tt.want {
			t.Errorf("Unsafe(%q, image=%v) = %v, want %v", tt.dest, tt.image, got, tt.want)
		}
	}
}
