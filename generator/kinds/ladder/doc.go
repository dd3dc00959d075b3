// Package ladder implements the "ladder" content kind: role ladders (career
// frameworks) written as Markdown files under content/ladders/.
//
// A ladder's front matter lists its levels in order and its competencies,
// each with an expectation per level:
//
//	title: Backend engineering
//	track: engineering
//	levels:
//	  - {id: E1, title: Associate engineer, summary: ..., scope: ...}
//	  - {id: E2, title: Engineer}
//	competencies:
//	  - id: delivery
//	    name: Delivery
//	    description: Ships working software.
//	    expectations:
//	      E1: Completes well-defined tasks with help.
//	      E2: Breaks features into tasks and ships them.
//
// A level left out of a competency's expectations means "as the level
// below". Expectation text, summaries, scopes and descriptions are Markdown
// (so [[kind:id]] references work). The body is shown above the matrix.
//
// Pages:
//
//	ladders/                      every ladder, grouped by track
//	ladders/<id>/                 the matrix: levels as columns, competencies as rows
//	ladders/<id>/<level>/         one level (id lowercased): everything expected and
//	                              what changes from the level below
//	ladders/<id>/compare/         any two levels side by side (ladder.js; without
//	                              JavaScript the full matrix is shown)
//
// Entities: "ladder:<id>" and "ladder:<id>#<LEVEL>" (the level page; the
// level id lowercased is accepted too: [[ladder:backend#e4]]). A level
// page's Subject is "ladder:<id>#<LEVEL>", so other kinds (hiring,
// onboarding) contribute sections to it.
//
// Other kinds find ladders and levels through Of(s).Level("backend#E4").
//
// Rule ids: ladder-duplicate-id (two files with one id), ladder-no-levels, ladder-missing-id, ladder-invalid-id,
// ladder-reserved-id, ladder-duplicate-level, ladder-duplicate-competency,
// ladder-unknown-level, ladder-duplicate-expectation, ladder-expectation,
// ladder-empty-competency (warning).
//
// The level diff (what changes from one level to the next) is a pure
// function: see Steps, WordDiff and HighlightAdded.
package ladder
