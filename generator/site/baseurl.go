package site

import (
	"errors"
	"net/url"
	"strings"
)

// NormalizeBaseURL checks a base URL (base_url, --base-url) and returns it
// ending in a slash, the form pages are appended to: every canonical link,
// sitemap entry and the 404 page's <base> is the base URL followed by a
// page path, so "https://corp.example/docs" must become ".../docs/". An
// empty URL stays empty (no absolute links).
func NormalizeBaseURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", errors.New("it is not a URL; write it as https://host/path/")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("it must be an absolute http:// or https:// URL, such as https://docs.example.com/handbook/")
	case u.Host == "":
		return "", errors.New("it has no host; write it as https://host/path/")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", errors.New("it may not have a ?query or #fragment: pages are appended to it")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u.String(), nil
}
