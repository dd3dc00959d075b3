package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

// refBacklinksDigest is backlinksDigest as it was, with fmt.
func refBacklinksDigest(links []site.Link) string {
	if len(links) == 0 {
		return ""
	}
	h := sha256.New()
	for _, l := range links {
		fmt.Fprintf(h, "%q %q %q\n", l.Path, l.Title, l.Kind)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// TestBacklinksDigest checks the hand-written digest against the fmt
// version it replaced, so that keys from earlier builds stay valid.
func TestBacklinksDigest(t *testing.T) {
	tests := []struct {
		name  string
		links []site.Link
	}{
		{"none", nil},
		{"one", []site.Link{{Path: "adr/0001/", Title: "Use Go", Kind: "adr"}}},
		{"quotes and escapes", []site.Link{{Path: `a"b/`, Title: "tab\there \\ \"quoted\"", Kind: "page"}, {Path: "x/", Title: "línea ☃ \u2028", Kind: ""}}},
		{"invalid UTF-8 and NUL", []site.Link{{Path: "p/", Title: "bad \xff\xfe byte \x00", Kind: "k\x7f"}}},
	}
	for _, tt := range tests {
		if got, want := backlinksDigest(tt.links), refBacklinksDigest(tt.links); got != want {
			t.Errorf("%s: backlinksDigest = %s, want %s", tt.name, got, want)
		}
	}
}

// FuzzBacklinksDigest compares it with the fmt version on any text.
func FuzzBacklinksDigest(f *testing.F) {
	f.Add("adr/0001/", "Use Go", "adr", "b/", "B \"x\"")
	f.Fuzz(func(t *testing.T, path, title, kind, path2, title2 string) {
		links := []site.Link{{Path: path, Title: title, Kind: kind}, {Path: path2, Title: title2}}
		if got, want := backlinksDigest(links), refBacklinksDigest(links); got != want {
			t.Errorf("backlinksDigest(%q) = %s, want %s", links, got, want)
		}
	})
}
