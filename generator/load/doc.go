// Package load reads a handbook from disk into a site.Source: Markdown files
// split into front matter and body, YAML data files, and the files copied as
// they are. It interprets nothing: deciding what a file means is the kinds'
// job. Every problem is reported with the file, line and column it came from.
package load
