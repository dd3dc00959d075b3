package site

import (
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RelURL returns the relative URL that leads from the page at from to the
// site-relative path to. Both are site-relative paths as used in Page.Path:
// "" is the home page, "adr/0012/" a page, "assets/site.css" a file. The
// result works under any URL prefix and from file://, since no link is
// absolute. to may carry a #fragment.
func RelURL(from, to string) string {
	// Every page's links go through here (a tenth of a large build's
	// page writing, when it split both paths into slices): it walks the
	// paths' segments in place instead.
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
	fromRest, toRest := strings.Trim(dir, "/"), strings.Trim(to, "/")
	fromSegs, toSegs := countSegs(fromRest), countSegs(toRest)
	toIsDir := to == "" || strings.HasSuffix(to, "/")
	common := 0
	for common < fromSegs && common < toSegs {
		f, fromNext := cutSeg(fromRest)
		t, toNext := cutSeg(toRest)
		if f != t || !toIsDir && common == toSegs-1 {
			break // different, or the last segment of a file path, not a folder
		}
		common++
		fromRest, toRest = fromNext, toNext
	}
	rest := escapePath(toRest)
	ups := fromSegs - common
	if ups == 0 && rest == "" {
		return "./" + frag
	}
	var b strings.Builder
	b.Grow(3*ups + len(rest) + 1 + len(frag))
	for range ups {
		b.WriteString("../")
	}
	b.WriteString(rest)
	if toIsDir && rest != "" {
		b.WriteByte('/')
	}
	b.WriteString(frag)
	return b.String()
}

// countSegs returns how many segments the slash path p (no slash at either
// end) has: none for "".
func countSegs(p string) int {
	if p == "" {
		return 0
	}
	return strings.Count(p, "/") + 1
}

// cutSeg returns the first segment of p and the segments after it.
func cutSeg(p string) (seg, rest string) {
	seg, rest, _ = strings.Cut(p, "/")
	return seg, rest
}

// escapePath escapes each segment of the slash path p for a URL.
func escapePath(p string) string {
	plain := true
	for i := 0; i < len(p) && plain; i++ {
		c := p[i]
		plain = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/'
	}
	if plain { // nothing url.PathEscape changes: most site paths
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// Slugify turns a file or folder name into a URL segment: lower case,
// letters and digits kept (any script), runs of anything else turned into a
// single '-'. It never returns "", "." or "..".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "page"
	}
	return b.String()
}

// Humanize turns an id or file stem into a title: "use-kafka_events"
// becomes "Use kafka events". Only the last path segment is used.
func Humanize(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	t := strings.Join(strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
	r, size := utf8.DecodeRuneInString(t)
	if size == 0 {
		return id
	}
	return string(unicode.ToUpper(r)) + t[size:]
}

// IDFromRel turns a content-relative path inside dir into an id:
// ("ladders/eng/Backend.md", "ladders") becomes "eng/backend".
func IDFromRel(rel, dir string) string {
	rel = strings.TrimPrefix(rel, dir+"/")
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = Slugify(p)
	}
	return strings.Join(parts, "/")
}
