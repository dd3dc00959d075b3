package adr

import (
	"strings"
)

// The statuses of an ADR. Every status written in a file is normalised to
// one of these (or to one of the extra statuses configured in
// adr.extra_statuses).
const (
	StatusProposed   = "proposed"
	StatusAccepted   = "accepted"
	StatusRejected   = "rejected"
	StatusDeprecated = "deprecated"
	StatusSuperseded = "superseded"
)

// Statuses are the built-in statuses, in lifecycle order.
var Statuses = []string{StatusProposed, StatusAccepted, StatusRejected, StatusDeprecated, StatusSuperseded}

// statusAliases are spellings other tools and teams use for the built-in
// statuses. log4brains' "draft" is a proposal still being written.
var statusAliases = map[string]string{
	"draft":        StatusProposed,
	"drafted":      StatusProposed,
	"proposal":     StatusProposed,
	"pending":      StatusProposed,
	"in review":    StatusProposed,
	"under review": StatusProposed,
	"in progress":  StatusProposed,
	"open":         StatusProposed,
	"approved":     StatusAccepted,
	"adopted":      StatusAccepted,
	"agreed":       StatusAccepted,
	"decided":      StatusAccepted,
	"active":       StatusAccepted,
	"implemented":  StatusAccepted,
	"declined":     StatusRejected,
	"refused":      StatusRejected,
	"obsolete":     StatusDeprecated,
	"retired":      StatusDeprecated,
	"superceded":   StatusSuperseded, // adr-tools' historical spelling
	"replaced":     StatusSuperseded,
}

// cleanStatus lower-cases a status as written and removes Markdown
// emphasis, surrounding punctuation and extra spaces.
func cleanStatus(s string) string {
	s = stripComments(s)
	s = strings.ToLower(s)
	s = strings.Trim(s, " \t*_`\"'.:;!")
	s = strings.Join(strings.Fields(s), " ")
	return s
}

// NormalizeStatus maps a status as written ("Accepted", "superceded",
// "Draft", "Accepted on 2020-01-02") to a known status. extra lists
// additional allowed statuses (lower case). It reports false for a status
// it does not know.
func NormalizeStatus(raw string, extra []string) (string, bool) {
	s := cleanStatus(raw)
	if s == "" {
		return "", false
	}
	if st, ok := lookupStatus(s, extra); ok {
		return st, true
	}
	// "Accepted (2020-01-02)", "Accepted on 2020-01-02", "accepted by the
	// architecture board": the first word carries the status.
	if i := strings.IndexAny(s, " (,;"); i > 0 {
		if st, ok := lookupStatus(strings.Trim(s[:i], " .:"), extra); ok {
			return st, true
		}
	}
	return "", false
}

func lookupStatus(s string, extra []string) (string, bool) {
	for _, st := range Statuses {
		if s == st {
			return st, true
		}
	}
	if st, ok := statusAliases[s]; ok {
		return st, true
	}
	for _, x := range extra {
		if s == cleanStatus(x) {
			return s, true
		}
	}
	return "", false
}

// knownStatuses lists what a status may be, for "did you mean" hints.
func knownStatuses(extra []string) []string {
	out := append([]string(nil), Statuses...)
	for _, x := range extra {
		if c := cleanStatus(x); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// effective reports whether a superseding ADR with this (declared) status
// actually replaces the ADRs it supersedes: a proposal, or a rejected ADR,
// does not.
func effective(status string) bool {
	return status != StatusProposed && status != StatusRejected
}
