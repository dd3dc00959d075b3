package resolve

import "testing"

func TestKeepsAnchors(t *testing.T) {
	for _, tt := range []struct {
		name string
		old  []string
		now  map[string]bool
		want bool
	}{
		{"none before", nil, map[string]bool{"a": true}, true},
		{"the same", []string{"a", "b"}, map[string]bool{"a": true, "b": true}, true},
		{"one added", []string{"a"}, map[string]bool{"a": true, "b": true}, true},
		{"one renamed", []string{"a", "b"}, map[string]bool{"a": true, "c": true}, false},
		{"all gone", []string{"a"}, nil, false},
	} {
		if got := KeepsAnchors(tt.old, tt.now); got != tt.want {
			t.Errorf("%s: KeepsAnchors(%v, %v) = %v, want %v", tt.name, tt.old, tt.now, got, tt.want)
		}
	}
}
