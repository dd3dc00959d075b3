package site

import "strings"

// UnsafeURL reports whether dest is a URL scheme that runs code or embeds
// content when clicked: javascript:, vbscript:, file:, and data: other
// than images (for image sources). Browsers ignore ASCII whitespace and
// control characters inside a scheme, so they are removed before looking.
// Links in Markdown and URLs in data files both go through it.
func UnsafeURL(dest string, image bool) bool {
	var b strings.Builder
	for _, c := range dest {
		if c > ' ' && c != 0x7f {
			b.WriteRune(c)
		}
		if b.Len() > 16 {
			break
		}
	}
	d := strings.ToLower(b.String())
	switch {
	case strings.HasPrefix(d, "javascript:"), strings.HasPrefix(d, "vbscript:"), strings.HasPrefix(d, "file:"):
		return true
	case strings.HasPrefix(d, "data:"):
		return !image || !strings.HasPrefix(d, "data:image/") || strings.HasPrefix(d, "data:image/svg")
	}
	return false
}
