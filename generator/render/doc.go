// Package render turns pages into HTML with the theme's templates and
// produces the theme's assets (bundled CSS and JS, chroma styles).
//
// A theme is an fs.FS laid out like the templates/ folder: layout/base.html
// is the page shell, every other .html file is a page template defining
// "main" (and optionally "head"), and files whose name starts with "_" are
// partials available to every template by their path.
package render
