// Package markdown is Almanac's Markdown dialect: goldmark with GFM,
// footnotes, definition lists and typography, stable GitHub-style heading
// ids with visible anchors, chroma highlighting with CSS classes, and
// [[kind:id]] references.
//
// Parsing and rendering are separate steps so that the pipeline can learn
// every page's headings (for #anchor checks) before it resolves any link:
// Parse builds a Doc; Render rewrites the Doc's link destinations and
// references through a Resolver and writes HTML.
package markdown
