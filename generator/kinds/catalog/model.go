package catalog

import (
	"strings"

	"github.com/almanac-handbook/almanac/generator/site"
)

// ModelName is the key under which the catalog model is stored on the Site.
const ModelName = "catalog"

// Of returns the catalog of s. It is never nil: a site built without the
// catalog kind gets an empty Catalog.
func Of(s *site.Site) *Catalog {
	if s != nil {
		if c, ok := s.Model(ModelName).(*Catalog); ok && c != nil {
			return c
		}
	}
	return &Catalog{}
}

// Catalog is who owns what: teams, services, systems and (from Backstage
// descriptors) users. Every list is sorted by ID.
type Catalog struct {
	Teams    []*Team
	Services []*Service
	Systems  []*System
	Users    []*User // Backstage User entities

	// Scorecards describes the scorecards whose results are stored in
	// Service.Levels and Service.Results. Set by the scorecard kind.
	Scorecards []*ScorecardInfo

	services map[string]*Service
	teams    map[string]*Team
	systems  map[string]*System
	users    map[string]*User
	byOwner  map[string][]*Service
}

// Service returns the service with id, or nil.
func (c *Catalog) Service(id string) *Service {
	if c == nil {
		return nil
	}
	if c.services != nil {
		return c.services[id]
	}
	for _, s := range c.Services {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Team returns the team with id, or nil.
func (c *Catalog) Team(id string) *Team {
	if c == nil {
		return nil
	}
	if c.teams != nil {
		return c.teams[id]
	}
	for _, t := range c.Teams {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// System returns the system with id, or nil.
func (c *Catalog) System(id string) *System {
	if c == nil {
		return nil
	}
	if c.systems != nil {
		return c.systems[id]
	}
	for _, x := range c.Systems {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// User returns the user with id (without the "user:" prefix), or nil.
func (c *Catalog) User(id string) *User {
	if c == nil {
		return nil
	}
	id = strings.TrimPrefix(id, "user:")
	if c.users != nil {
		return c.users[id]
	}
	for _, u := range c.Users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// ServicesOf returns the services whose Owner is teamID (a team id, or a
// user ref such as "user:guest"), sorted by ID.
func (c *Catalog) ServicesOf(teamID string) []*Service {
	if c == nil {
		return nil
	}
	if c.byOwner != nil {
		return append([]*Service(nil), c.byOwner[teamID]...)
	}
	var out []*Service
	for _, s := range c.Services {
		if s.Owner == teamID {
			out = append(out, s)
		}
	}
	return out
}

// OwnerTeam returns the team that owns svc: the owning team itself or, for a
// service owned by a user, the first team that user belongs to. It is nil
// when the owner is unknown or external.
func (c *Catalog) OwnerTeam(svc *Service) *Team {
	if svc == nil || svc.Owner == "" {
		return nil
	}
	if t := c.Team(svc.Owner); t != nil {
		return t
	}
	if strings.HasPrefix(svc.Owner, "user:") {
		if u := c.User(svc.Owner); u != nil {
			for _, id := range u.Teams {
				if t := c.Team(id); t != nil {
					return t
				}
			}
		}
	}
	return nil
}

// index builds the lookup maps; call it after the lists are final.
func (c *Catalog) index() {
	c.services = map[string]*Service{}
	c.teams = map[string]*Team{}
	c.systems = map[string]*System{}
	c.users = map[string]*User{}
	c.byOwner = map[string][]*Service{}
	for _, s := range c.Services {
		c.services[s.ID] = s
		if s.Owner != "" {
			c.byOwner[s.Owner] = append(c.byOwner[s.Owner], s)
		}
	}
	for _, t := range c.Teams {
		c.teams[t.ID] = t
	}
	for _, x := range c.Systems {
		c.systems[x.ID] = x
	}
	for _, u := range c.Users {
		c.users[u.ID] = u
	}
}

// Service is a deployable thing a team owns.
type Service struct {
	ID, Name, Description string
	Owner                 string // team id, or a user ref "user:<id>"; "" when undeclared
	Tier                  int    // 1..3; 0 when undeclared
	Lifecycle             string // experimental, production, deprecated (Backstage allows others)
	Language, Repo        string
	DependsOn             []string // ids of services in the catalog
	Alerts                []string
	Tags                  []string
	SLOs                  SLOs
	Dashboards            []Link
	Links                 []Link

	// Levels maps a scorecard id to the level the service reached ("" for
	// none). Set by the scorecard kind in its Link.
	Levels map[string]string
	// Results maps a scorecard id to the outcome of each of its rules, in
	// rule order. Set by the scorecard kind in its Link.
	Results map[string][]RuleResult

	System               string   // system id ("" for none)
	Type                 string   // Backstage spec.type ("service", "website", ...)
	Ref                  string   // Backstage entity ref "component:default/name"; "" for YAML services
	DependenciesDeclared bool     // depends_on / spec.dependsOn was written (possibly empty)
	Dependents           []string // ids of services that depend on this one, sorted
	ExternalDeps         []string // dependencies outside the handbook (Backstage refs)
	ProvidesAPIs         []string // Backstage API refs
	ConsumesAPIs         []string

	Pos     site.Pos
	descPos site.Pos
}

// Path returns the site-relative path of the service's page.
func (s *Service) Path() string { return "services/" + s.ID + "/" }

// Key returns the entity key "service:<id>".
func (s *Service) Key() string { return "service:" + s.ID }

// SLOs are a service's objectives; nil means not declared.
type SLOs struct {
	Availability *float64 // percent, e.g. 99.9
	LatencyP95Ms *float64 // milliseconds
	ErrorRate    *float64 // percent
}

// Any reports whether at least one objective is declared.
func (s SLOs) Any() bool { return s.Availability != nil || s.LatencyP95Ms != nil || s.ErrorRate != nil }

// Team is a group of people owning services.
type Team struct {
	ID, Name, Description, Lead, Channel string
	Members                              []Member
	OnCall                               *OnCall
	Links                                []Link

	Email    string   // Backstage spec.profile.email
	Type     string   // Backstage spec.type ("team", "organization", ...)
	Parent   string   // parent team id, or a Backstage ref when the parent is external
	Children []string // child team ids (and external refs), sorted
	Ref      string   // Backstage entity ref "group:default/name"; "" for YAML teams

	Pos     site.Pos
	descPos site.Pos
}

// Path returns the site-relative path of the team's page.
func (t *Team) Path() string { return "teams/" + t.ID + "/" }

// Key returns the entity key "team:<id>".
func (t *Team) Key() string { return "team:" + t.ID }

// OnCall says how to page a team.
type OnCall struct {
	Rotation, Schedule, Current string
	Escalation                  []EscalationLevel
}

// EscalationLevel is one step of an escalation path.
type EscalationLevel struct {
	Who          string
	AfterMinutes int
}

// Member is a person in a team.
type Member struct {
	Name, Role, Handle string
	Email              string
	User               string // Backstage user id, if the member is a User entity
	External           bool   // a Backstage member ref the handbook does not define
}

// Link is a titled URL.
type Link struct {
	Title, URL string
}

// System groups services (Backstage System entities, or a service's
// system: field).
type System struct {
	ID, Name, Description string
	Owner                 string   // team id or user ref
	Services              []string // ids of its services, sorted
	External              bool     // referenced but defined outside the handbook
	Ref                   string
	Pos                   site.Pos
	descPos               site.Pos
}

// User is a Backstage User entity.
type User struct {
	ID        string // name, or "<namespace>--<name>" outside the default namespace
	Name      string // profile.displayName, else metadata.name
	Email     string
	Teams     []string // team ids it is a member of
	Namespace string
	Ref       string // "user:<namespace>/<name>"
	Pos       site.Pos
}

// ScorecardInfo describes a scorecard for pages and exports.
type ScorecardInfo struct {
	ID, Name, Description string
	Levels                []string // lowest first
	Rules                 []RuleInfo
}

// RuleInfo describes one scorecard rule.
type RuleInfo struct {
	ID, Name, Level, Check string
}

// Rule outcomes.
const (
	StatusPass = "pass"
	StatusFail = "fail"
	StatusNA   = "n/a"
)

// RuleResult is the outcome of one rule for one service.
type RuleResult struct {
	Rule    string // rule id
	Level   string
	Status  string // StatusPass, StatusFail or StatusNA
	Message string // why it failed (or why it does not apply)
}
