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
	fromSegs := splitSegs(dir)
	toSegs := splitSegs(to)
	toIsDir := to == "" || strings.HasSuffix(to, "/")
	common := 0
	for common < len(fromSegs) && common < len(toSegs) && fromSegs[common] == toSegs[common] {
		if !toIsDir && common == len(toSegs)-1 {
			break // the last segment of a file path is not a folder
		}
		common++
	}
	var b strings.Builder
	for range fromSegs[common:] {
		b.WriteString("../")
	}
	rest := strings.Join(toSegs[common:], "/")
	b.WriteString(escapePath(rest))
	if toIsDir && rest != "" {
		b.WriteByte('/')
	}
	out := b.String()
	if out == "" {
		out = "./"
	}
	return out + frag
}

func splitSegs(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func escapePath(p string) string {
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
