// Package resolve renders every page's Markdown with its links resolved:
// Markdown links to source files become page URLs, [[kind:id]] references
// become links to entities, links to missing files or anchors are errors
// with their position, and every resolved link is recorded as a backlink.
package resolve
