package synth

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// refRe matches Almanac's [[kind:id]] and [[kind:id|text]] references.
var refRe = regexp.MustCompile(`\[\[([a-z][a-z0-9_-]*):([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]`)

// hugoFiles returns the Hugo site for the handbook's files: a hugo.toml
// that highlights code with CSS classes, minimal layouts, and the same
// Markdown pages with [[references]] turned into plain Markdown links.
// Data files are left out: Hugo's layouts here do not read them.
func (g *gen) hugoFiles(files []file) []file {
	out := []file{
		{"hugo.toml", fmt.Sprintf(hugoConfig, g.opts.N, g.opts.Seed)},
		{"layouts/_default/baseof.html", hugoBaseof},
		{"layouts/_default/single.html", hugoSingle},
		{"layouts/_default/list.html", hugoList},
		{"layouts/_default/_markup/render-link.html", hugoRenderLink},
	}
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.path, "content/"); ok {
			out = append(out, file{f.path, g.hugoRefs(rest, f.body)})
		}
	}
	return out
}

// hugoRefs replaces the references in the page at content-relative path
// from with Markdown links to the same pages.
func (g *gen) hugoRefs(from, body string) string {
	adrByNum := func(id string) *adr {
		n, err := strconv.Atoi(id)
		if err != nil || n < 1 || n > len(g.adrs) {
			return nil
		}
		return g.adrs[n-1]
	}
	return refRe.ReplaceAllStringFunc(body, func(m string) string {
		sm := refRe.FindStringSubmatch(m)
		kind, id, label := sm[1], sm[2], sm[3]
		var text, dest string
		switch kind {
		case "adr":
			if a := adrByNum(id); a != nil {
				text, dest = fmt.Sprintf("ADR %d: %s", a.num, a.title), rel(from, a.file)
			}
		case "runbook":
			if rb := g.rbByID[id]; rb != nil {
				text, dest = rb.title, rel(from, rb.file)
			}
		case "service":
			if s := g.svcByID[id]; s != nil {
				text, dest = s.name, "/services/"+s.id+"/"
			}
		}
		if dest == "" {
			return m
		}
		if label != "" {
			text = label
		}
		return "[" + text + "](" + dest + ")"
	})
}

const hugoConfig = `# Hugo site with the same pages as the Almanac handbook next to it
# (written by cmd/benchgen for Almanac's benchmarks).
baseURL = "https://handbook.example.org/"
title = "Synthetic Handbook (%d pages, seed %d)"
languageCode = "en"
# Almanac makes no tag pages; keep Hugo to the same pages.
disableKinds = ["taxonomy", "term"]

[markup.highlight]
  # Highlight with CSS classes, as Almanac does.
  noClasses = false
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "css/chroma.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}: {{ . }}{{ end }}</li>{{ end }}</ul>
</article>
{{ end }}
`

// hugoRenderLink resolves relative links to .md files to the target page's
// URL, as Almanac does (Hugo leaves them as they are otherwise).
const hugoRenderLink = `{{- $dest := .Destination -}}
{{- $u := urls.Parse $dest -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
  {{- with .Page.GetPage (path.Join "/" .Page.File.Dir $u.Path) -}}
    {{- $dest = .RelPermalink -}}
    {{- with $u.Fragment }}{{ $dest = printf "%s#%s" $dest . }}{{ end -}}
  {{- end -}}
{{- end -}}
<a href="{{ $dest | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>`
