package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
)

// Paths the server answers itself. A handbook page at /_almanac/ would be
// hidden by them.
const (
	prefix     = "/_almanac/"
	eventsPath = prefix + "events"
	scriptPath = prefix + "reload.js"
)

//go:embed reload.js
var reloadJS []byte

// contentSecurityPolicy lets pages load scripts, styles, images and data
// from the server only. Inline styles are allowed because Markdown tables
// align cells with style attributes; inline scripts are not.
var contentSecurityPolicy = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data:",
	"font-src 'self' data:",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
}, "; ")

// Handler returns the HTTP handler: the output folder, the event stream
// and the reload script, behind the path and host checks.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")

	if s.loopback && !loopbackHost(r.Host) {
		// A page on another site that rebinds its DNS name to 127.0.0.1
		// would otherwise be able to read the preview.
		http.Error(w, "almanac serve answers only to localhost names on a loopback address", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, status := cleanPath(r.URL)
	switch status {
	case http.StatusBadRequest:
		http.Error(w, "bad path", status)
		return
	case http.StatusNotFound:
		gen, _ := s.state()
		root, err := os.OpenRoot(s.out)
		if err != nil {
			s.notFound(w, r, nil, gen)
			return
		}
		defer root.Close()
		s.notFound(w, r, root, gen)
		return
	}
	switch {
	case "/"+name == eventsPath:
		s.serveEvents(w, r)
		return
	case "/"+name == scriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		if r.Method == http.MethodGet {
			w.Write(reloadJS)
		}
		return
	case strings.HasPrefix("/"+name, prefix):
		http.NotFound(w, r)
		return
	}
	s.serveFile(w, r, name)
}

// cleanPath returns the file the URL names, as a slash path relative to
// the output folder ("." for the root), and 0; or 400 if the path is not
// one a page of the site could link to ("..", encoded slashes or
// backslashes, double encoding, NUL or other control characters); or 404
// for hidden names (the build writes none but its own marker).
func cleanPath(u *url.URL) (string, int) {
	raw := u.RawPath
	if raw == "" {
		raw = u.Path
	}
	p := u.Path
	lraw := strings.ToLower(raw)
	if !strings.HasPrefix(p, "/") || strings.Contains(lraw, "%2f") || strings.Contains(lraw, "%5c") {
		return "", http.StatusBadRequest
	}
	lp := strings.ToLower(p)
	if strings.Contains(lp, "%2e") || strings.Contains(lp, "%2f") || strings.Contains(lp, "%5c") || strings.Contains(lp, "%25") {
		return "", http.StatusBadRequest // encoded twice
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "", http.StatusBadRequest
		}
	}
	hidden := false
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == "." || seg == ".." {
			return "", http.StatusBadRequest
		}
		if strings.HasPrefix(seg, ".") {
			hidden = true
		}
	}
	if hidden {
		return "", http.StatusNotFound
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) {
		return "", http.StatusBadRequest
	}
	return name, 0
}

// loopbackHost reports whether the Host header names the local machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveFile serves name from the output folder. The folder is opened as
// an os.Root for every request, so no path and no symbolic link can reach
// a file outside it, and a request never sees a folder a later build has
// swapped out.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	gen, _ := s.state()
	root, err := os.OpenRoot(s.out)
	if err != nil {
		s.notFound(w, r, nil, gen)
		return
	}
	defer root.Close()
	f, st, err := open(root, name)
	if err == nil && st.IsDir() {
		f.Close()
		if !strings.HasSuffix(r.URL.Path, "/") {
			loc := (&url.URL{Path: "/" + strings.TrimSuffix(name, "/") + "/", RawQuery: r.URL.RawQuery}).String()
			if name == "." {
				loc = "/"
			}
			http.Redirect(w, r, loc, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		f, st, err = open(root, name)
	}
	if err != nil {
		s.notFound(w, r, root, gen)
		return
	}
	defer f.Close()
	if st.IsDir() || !st.Mode().IsRegular() {
		s.notFound(w, r, root, gen)
		return
	}
	if isHTML(name) {
		b, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		s.writeHTML(w, r, http.StatusOK, b, gen)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, st.Name(), st.ModTime(), f)
}

func open(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// notFound serves the site's 404.html with status 404, or a page of the
// server's own when the site has none (or no site was built yet).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, root *os.Root, gen uint64) {
	if root != nil {
		if f, st, err := open(root, "404.html"); err == nil {
			defer f.Close()
			if b, err := io.ReadAll(f); err == nil && st.Mode().IsRegular() {
				s.writeHTML(w, r, http.StatusNotFound, b, gen)
				return
			}
		}
	}
	msg := "There is no page at this address."
	if gen == 0 {
		msg = "The handbook has not been built yet. This page reloads when the build finishes."
	}
	page := fmt.Sprintf("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found · almanac serve</title></head>\n<body><h1>Not found</h1><p>%s</p><p><a href=\"/\">Home</a></p></body></html>\n", html.EscapeString(msg))
	s.writeHTML(w, r, http.StatusNotFound, []byte(page), gen)
}

// writeHTML sends an HTML page with the reload script added before </body>.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, page []byte, gen uint64) {
	b := injectScript(page, gen)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// injectScript adds the reload script tag before the last </body>, or at
// the end. data-build says which build the page comes from.
func injectScript(page []byte, gen uint64) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-build="%d" defer></script>`+"\n", scriptPath, gen)
	i := lastIndexFold(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i] == '<' && bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
