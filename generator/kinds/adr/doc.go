// Package adr implements the "adr" content kind: architecture decision
// records, read in whichever format a team already writes them.
//
// ADRs live in content/adr/ or in the folders listed in adr.dir. Each
// Markdown file there is an ADR, except README.md / index.md (the text of
// the ADR index) and template.md / adr-template*.md (templates: shown on a
// page of their own so links to them resolve, never listed as ADRs). Formats,
// told apart per file:
//
//   - native: front matter title, status, date, deciders, tags, services,
//     supersedes (strict: an unknown key is an error with a hint);
//   - adr-tools (Nygard): "# 12. Title", a "Date: 2016-02-12" line and a
//     "## Status" section whose lines say "Accepted", "Superseded by
//     [3. …](0003-….md)", "Superceded by", "Supersedes", "Amends",
//     "Amended by" or any other `adr link` label;
//   - MADR 2–4: optional front matter (status, date, deciders or
//     decision-makers, consulted, informed; other keys such as Jekyll's
//     parent and nav_order are allowed), title from the H1, "* Status:"
//     bullets in MADR 2, relations in a "## Links" section;
//   - log4brains: YYYYMMDD-slug.md with "- Status:", "- Date:",
//     "- Deciders:", "- Tags:" bullets under the H1.
//
// An ADR's id is its number ("12" for 0012-x.md) or, without one, its file
// name (log4brains slugs). Statuses are proposed, accepted, rejected,
// deprecated and superseded (case-insensitive; draft counts as proposed,
// superceded as superseded) plus adr.extra_statuses (default "on hold",
// which MADR uses). A file without a status records an accepted decision.
// superseded_by is derived from the newer ADR's supersedes; a proposed or
// rejected ADR does not supersede anything until it is accepted.
//
// Pages:
//
//	adr/             every ADR: filters by status and tag (adr.js), sortable by date
//	adr/<id>/        one ADR ("adr/0012/" for numbered ADRs): status, supersession
//	                 history (a chain when it is one line), proposals both ways
//	adr/timeline/    decisions by date, newest first
//	adr/feed.xml     Atom feed of the dated ADRs, none without any (absolute links
//	                 with base_url, relative otherwise)
//	adr/templates/<name>/   an ADR template, as written
//
// Entities: "adr:<id>" (numbered ADRs also answer to the zero-padded id,
// [[adr:0012]]), Badge = status. Service and team pages get an
// "Architecture decisions" section.
//
// Rule ids: adr-status, adr-date, adr-date-missing, adr-empty, adr-duplicate-id,
// adr-supersedes-missing, adr-ref-missing, adr-supersede-cycle,
// adr-superseded-status, adr-service, adr-number, adr-title,
// adr-front-matter (and config for a bad adr.dir).
//
// `almanac new adr` is NewADR.
package adr
