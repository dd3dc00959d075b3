// Package generator runs Almanac's pipeline. Build reads a handbook and
// writes a site, stage by stage:
//
//	load      generator/load     read content/, data/, static/ and almanac.yaml
//	kinds     generator/kinds/*  each registered kind claims its files (Load),
//	                             then connects to the others (Link)
//	resolve   generator/resolve  render Markdown; rewrite links; [[refs]]; backlinks
//	kinds                        Markdown in front matter (RenderContent), feeds
//	                             and exports (Emit)
//	check                        every finding so far, with file:line:col, decides
//	                             whether the build may write
//	render    generator/render   templates and theme assets, on all cores
//	write     generator/write    a fresh folder, swapped in atomically
//
// Kinds are passed in by the caller (cmd/almanac builds the list), so the
// pipeline imports no kind and a new kind is one package plus one line.
package generator
