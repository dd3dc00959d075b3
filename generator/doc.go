// Package generator runs Almanac's pipeline. Build reads a handbook and
// writes a site, stage by stage:
//
//	load      generator/load     read content/, data/, static/ and almanac.yaml
//	kinds     generator/kinds/*  each registered kind claims its files (Load),
//	                             then connects to the others (Link)
//	resolve   generator/resolve  each body's summary (parsed, or from the cache):
//	                             links, [[refs]], backlinks, anchors, TOC, text
//	kinds                        Markdown in front matter (RenderContent), feeds
//	                             and exports (Emit)
//	check                        every finding so far, with file:line:col, decides
//	                             whether the build may write
//	render    generator/render   bodies (generator/markdown, generator/highlight),
//	                             templates and theme assets, on all cores
//	write     generator/write    a folder swapped in atomically: fresh, or the
//	                             site the last build replaced, so that pages whose
//	                             key (keys.go) is unchanged are already in place
//
// Kinds are passed in by the caller (generator/kinds/all has the list), so
// the pipeline imports no kind and a new kind is one package plus one line.
//
// A Session (almanac serve) keeps its last build and answers an edit to a
// plain page's prose or headings by rewriting that page alone. almanac
// build does the same across processes: a good build leaves a snapshot
// (snapshot.go), and the next build patches the site from it (fastpath.go)
// when nothing but plain pages' prose or headings changed.
package generator
