package adr

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/site"
)

// FeedEntries is how many of the newest ADRs the feed carries.
const FeedEntries = 50

// feedADRs returns the ADRs the feed carries: the FeedEntries newest
// dated ones, newest first. Undated ADRs are left out. Atom needs an
// updated time for every entry, and a feed reader sorts and marks entries
// new by it: an invented one (1970, or the build's day) would file a
// decision under the wrong time, or bring old decisions back as news on
// every build. Their date is not in git either when the clone is shallow,
// so the same handbook would not always give the same feed. The timeline
// lists them apart as undated.
func (m *Model) feedADRs() []*ADR {
	var list []*ADR
	for _, a := range m.ADRs {
		if !a.Date.IsZero() {
			list = append(list, a)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if !list[i].Date.Equal(list[j].Date.Time) {
			return list[i].Date.After(list[j].Date.Time)
		}
		return less(list[j], list[i])
	})
	if len(list) > FeedEntries {
		list = list[:FeedEntries] // a feed carries the latest decisions, not the archive
	}
	return list
}

// feed writes the Atom feed of feedADRs, which must not be empty. Links
// are absolute when the site has a base_url and relative to the feed
// otherwise. The feed's updated time is the newest ADR's date, so the same
// handbook always gives the same bytes.
func (m *Model) feed(s *site.Site, list []*ADR) ([]byte, error) {
	newest := list[0].Date.Time
	base := strings.TrimRight(s.Config.BaseURL, "/")
	href := func(p string) string {
		if base != "" {
			return base + "/" + p
		}
		return site.RelURL(FeedPath, p)
	}
	id := func(p, fallback string) string {
		if base != "" {
			return base + "/" + p
		}
		return "urn:almanac:" + fallback
	}
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }

	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
	siteTitle := s.Config.Title
	if siteTitle == "" {
		siteTitle = "Handbook"
	}
	elem(&b, "  ", "title", siteTitle+": "+m.index.Title)
	elem(&b, "  ", "id", id(FeedPath, "adr-feed"))
	elem(&b, "  ", "updated", stamp(newest))
	b.WriteString(`  <link rel="self" type="application/atom+xml" href="` + attr(href(FeedPath)) + `"/>` + "\n")
	b.WriteString(`  <link rel="alternate" type="text/html" href="` + attr(href(IndexPath)) + `"/>` + "\n")
	b.WriteString("  <author>\n")
	elem(&b, "    ", "name", siteTitle)
	b.WriteString("  </author>\n")
	b.WriteString("  <generator>Almanac</generator>\n")
	for _, a := range list {
		b.WriteString("  <entry>\n")
		elem(&b, "    ", "title", a.FullTitle()+" ("+a.Status+")")
		elem(&b, "    ", "id", id(a.Path(), "adr:"+a.ID))
		elem(&b, "    ", "updated", stamp(a.Date.Time))
		elem(&b, "    ", "published", stamp(a.Date.Time))
		b.WriteString(`    <link rel="alternate" type="text/html" href="` + attr(href(a.Path())) + `"/>` + "\n")
		for _, d := range a.Deciders {
			b.WriteString("    <contributor>\n")
			elem(&b, "      ", "name", d)
			b.WriteString("    </contributor>\n")
		}
		b.WriteString(`    <category term="status:` + attr(a.Status) + `" label="` + attr(a.Status) + `"/>` + "\n")
		for _, t := range a.Tags {
			b.WriteString(`    <category term="` + attr(TagKey(t)) + `" label="` + attr(t) + `"/>` + "\n")
		}
		summary := "Status: " + a.Status + ". Date: " + a.Date.String()
		if len(a.SupersededBy) > 0 {
			summary += ". Superseded by " + strings.Join(m.labels(a.SupersededBy), ", ")
		}
		if len(a.Supersedes) > 0 {
			summary += ". Supersedes " + strings.Join(m.labels(a.Supersedes), ", ")
		}
		elem(&b, "    ", "summary", summary+".")
		if content, err := s.Body(a.Page); err != nil {
			return nil, err
		} else if content != "" {
			a.Page.BodyCopies = append(a.Page.BodyCopies, FeedPath)
			// Links in the content are relative to the ADR's page.
			b.WriteString(`    <content type="html" xml:base="` + attr(href(a.Path())) + `">`)
			xml.EscapeText(&b, []byte(content))
			b.WriteString("</content>\n")
		}
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes(), nil
}

func (m *Model) labels(ids []string) []string {
	var out []string
	for _, id := range ids {
		if a := m.byID[id]; a != nil {
			out = append(out, a.Label())
		} else {
			out = append(out, id)
		}
	}
	return out
}

func elem(b *bytes.Buffer, indent, name, text string) {
	b.WriteString(indent + "<" + name + ">")
	xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">\n")
}

func attr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
