// Package e2e holds the end-to-end browser tests of Almanac: they build the
// sample handbook at the root of this repository with the real CLI, serve it
// (under a subpath, and from file://) and drive it in headless Chromium
// through the Chrome DevTools Protocol (github.com/chromedp/chromedp).
//
// The tests need Debian's chromium package (/usr/bin/chromium, or the path
// in $ALMANAC_CHROMIUM). Without it they skip, except when $CI is set: then
// they fail, so that CI never skips them silently. Screenshots of every page
// they open go to $ALMANAC_SCREENSHOTS, or os.TempDir()/almanac-screenshots.
//
// The package has no code outside its tests.
package e2e
