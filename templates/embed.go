// Package templates holds Almanac's default theme: html/template files
// (layout/, partials named _*.html, one folder per kind) and static/ (CSS,
// JS, vendored libraries). It only embeds them; everything else takes an
// fs.FS so that a handbook's own templates/ folder can override any file.
package templates

import "embed"

// FS is the default theme.
//
//go:embed all:*
var FS embed.FS
