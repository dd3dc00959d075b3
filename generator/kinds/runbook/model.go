// Package runbook implements the "runbook" content kind: what on-call opens
// when an alert fires. Runbooks are Markdown files under content/runbooks/
// (runbooks.dir) with front matter:
//
//	title: Payments API high latency
//	service: payments-api            # catalog id, required
//	alerts: [PaymentsApiHighLatency] # the alerts this runbook answers
//	severity: sev2                   # sev1 (worst) .. sev4
//	owner: payments                  # team id; defaults to the service's owner
//	last_reviewed: 2026-10-02
//	review_every: 90                 # days; default runbooks.review_every (180)
//
// A runbook whose review is overdue (relative to the build's today) is
// stale: its page carries a banner and its references a "stale" badge.
//
// Pages:
//
//	runbooks/        every runbook by service, and the alert → runbook table
//	                 (an alert links straight to its row: runbooks/#alert-<name>)
//	runbooks/<id>/   one runbook: service, owner and on-call up top, then the body
//
// Entities: "runbook:<id>" (id = the file name without .md), Badge "stale"
// when stale. The kind adds a "Runbooks" section to service and team pages.
//
// Config (almanac.yaml):
//
//	runbooks:
//	  dir: runbooks          # folder under content/
//	  review_every: 180      # default review interval, days
//	  require_sections: true # warn when a recommended section is missing
//	  sections: [Symptoms, Impact, Diagnosis, Mitigation, Escalation]
//
// Rule ids: runbook-service, runbook-owner, runbook-severity,
// runbook-review-every, runbook-last-reviewed, runbook-section,
// runbook-alert-duplicate, runbook-title, runbook-duplicate-id.
package runbook

import (
	"sort"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Name is the kind's name, the entity kind and the model key.
const Name = "runbook"

// Of returns the runbooks of s. It is never nil.
func Of(s *site.Site) *Model {
	if s != nil {
		if m, ok := s.Model(Name).(*Model); ok && m != nil {
			return m
		}
	}
	return &Model{}
}

// Model is every runbook of the handbook.
type Model struct {
	Runbooks []*Runbook // sorted by ID

	Config Config

	all     []*Runbook // duplicates included, in file order
	byID    map[string]*Runbook
	byAlert map[string][]*Runbook
	// byService lists each service's runbooks in Runbooks' order, so that
	// service pages do not each scan every runbook.
	byService map[string][]*Runbook
	byOwner   map[string][]*Runbook // the same by owning team, for team pages
	index     *site.Page
	intro     []*site.SourceFile
	templates []*site.SourceFile

	templatePages []RefView
	dir           string
}

// Runbook is one runbook.
type Runbook struct {
	ID, Title, Service, Owner, Severity string
	Alerts                              []string
	LastReviewed                        site.Date
	ReviewEvery                         int // days
	Stale                               bool
	Pos                                 site.Pos

	Due            site.Date // LastReviewed + ReviewEvery; zero when never reviewed
	DaysOverdue    int       // > 0 when stale and reviewed once
	NeverReviewed  bool
	OwnerDefaulted bool // Owner comes from the service's owner
	Source         *site.SourceFile
	Page           *site.Page

	fm        frontMatter
	bodyFacts string            // see bodyFacts
	missing   []site.Diagnostic // the missing sections' findings, which bodyFacts covers
	alertPos  []site.Pos
	path      string
	duplicate bool
}

// Path returns the site-relative path of the runbook's page.
func (r *Runbook) Path() string {
	if r.path != "" {
		return r.path
	}
	return "runbooks/" + r.ID + "/"
}

// Key returns the entity key "runbook:<id>".
func (r *Runbook) Key() string { return Name + ":" + r.ID }

// Runbook returns the runbook with id, or nil.
func (m *Model) Runbook(id string) *Runbook {
	if m == nil {
		return nil
	}
	if m.byID != nil {
		return m.byID[id]
	}
	for _, r := range m.Runbooks {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// ForService returns the runbooks of a service, sorted by ID.
func (m *Model) ForService(serviceID string) []*Runbook {
	if m == nil {
		return nil
	}
	if m.byService != nil {
		return m.byService[serviceID]
	}
	var out []*Runbook
	for _, r := range m.Runbooks {
		if r.Service == serviceID {
			out = append(out, r)
		}
	}
	return out
}

// ForAlert returns the runbooks answering an alert, sorted by ID.
func (m *Model) ForAlert(alert string) []*Runbook {
	if m == nil {
		return nil
	}
	var out []*Runbook
	for _, r := range m.Runbooks {
		for _, a := range r.Alerts {
			if a == alert {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// ForTeam returns the runbooks a team owns or that belong to its
// services, sorted by ID.
func (m *Model) ForTeam(teamID string, serviceIDs []string) []*Runbook {
	if m == nil {
		return nil
	}
	if m.byService != nil {
		// From the indexes, so that team pages do not each scan every
		// runbook (teams and runbooks both grow with the handbook).
		seen := map[*Runbook]bool{}
		var out []*Runbook
		add := func(list []*Runbook) {
			for _, r := range list {
				if !seen[r] {
					seen[r] = true
					out = append(out, r)
				}
			}
		}
		add(m.byOwner[teamID])
		for _, id := range serviceIDs {
			add(m.byService[id])
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID }) // ids are unique in Runbooks
		return out
	}
	svc := map[string]bool{}
	for _, id := range serviceIDs {
		svc[id] = true
	}
	var out []*Runbook
	for _, r := range m.Runbooks {
		if r.Owner == teamID || svc[r.Service] {
			out = append(out, r)
		}
	}
	return out
}

// Alerts returns every alert some runbook answers, sorted.
func (m *Model) Alerts() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range m.Runbooks {
		for _, a := range r.Alerts {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return alertLess(out[i], out[j]) })
	return out
}
