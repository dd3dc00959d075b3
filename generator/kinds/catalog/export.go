package catalog

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"strings"

	"github.com/almanac-handbook/almanac/generator/site"
)

// catalog.json is a machine-readable export of the catalog, described by
// the JSON Schema in catalog.schema.json (written beside it). The same
// schema is kept in templates/catalog/catalog.schema.json as documentation;
// a test keeps the two identical.

// SchemaURL identifies version 1 of the export format.
const SchemaURL = "https://almanac.dev/schemas/catalog/v1"

// SchemaVersion is the export format's version.
const SchemaVersion = 1

// Schema is the JSON Schema of catalog.json.
//
//go:embed catalog.schema.json
var Schema []byte

// Export is catalog.json.
type Export struct {
	Schema     string            `json:"schema"`
	Version    int               `json:"version"`
	Site       string            `json:"site,omitempty"`
	Teams      []ExportTeam      `json:"teams"`
	Users      []ExportUser      `json:"users"`
	Systems    []ExportSystem    `json:"systems"`
	Services   []ExportService   `json:"services"`
	Scorecards []ExportScorecard `json:"scorecards"`
}

// ExportLink is a link of catalog.json.
type ExportLink struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// ExportTeam is a team of catalog.json.
type ExportTeam struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	Path         string         `json:"path"`
	Description  string         `json:"description,omitempty"`
	Lead         string         `json:"lead,omitempty"`
	Channel      string         `json:"channel,omitempty"`
	Email        string         `json:"email,omitempty"`
	Type         string         `json:"type,omitempty"`
	Parent       string         `json:"parent,omitempty"`
	Children     []string       `json:"children"`
	Members      []ExportMember `json:"members"`
	OnCall       *ExportOnCall  `json:"on_call,omitempty"`
	Links        []ExportLink   `json:"links"`
	Services     []string       `json:"services"`
	BackstageRef string         `json:"backstage_ref,omitempty"`
}

// ExportMember is a team member of catalog.json.
type ExportMember struct {
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
	Handle   string `json:"handle,omitempty"`
	Email    string `json:"email,omitempty"`
	User     string `json:"user,omitempty"`
	External bool   `json:"external,omitempty"`
}

// ExportOnCall is a team's on-call of catalog.json.
type ExportOnCall struct {
	Rotation   string             `json:"rotation,omitempty"`
	Schedule   string             `json:"schedule,omitempty"`
	Current    string             `json:"current,omitempty"`
	Escalation []ExportEscalation `json:"escalation"`
}

// ExportEscalation is an escalation step of catalog.json.
type ExportEscalation struct {
	Who          string `json:"who"`
	AfterMinutes int    `json:"after_minutes"`
}

// ExportUser is a user of catalog.json.
type ExportUser struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Email        string   `json:"email,omitempty"`
	Path         string   `json:"path,omitempty"`
	Teams        []string `json:"teams"`
	BackstageRef string   `json:"backstage_ref"`
}

// ExportSystem is a system of catalog.json.
type ExportSystem struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Path         string   `json:"path"`
	Description  string   `json:"description,omitempty"`
	Owner        *string  `json:"owner"`
	Services     []string `json:"services"`
	External     bool     `json:"external"`
	BackstageRef string   `json:"backstage_ref,omitempty"`
}

// ExportService is a service of catalog.json.
type ExportService struct {
	ID                   string                  `json:"id"`
	Name                 string                  `json:"name"`
	Path                 string                  `json:"path"`
	Description          string                  `json:"description,omitempty"`
	Owner                *string                 `json:"owner"`
	OwnerKind            string                  `json:"owner_kind"`
	OwnerTeam            *string                 `json:"owner_team"`
	Tier                 *int                    `json:"tier"`
	Lifecycle            *string                 `json:"lifecycle"`
	Language             string                  `json:"language,omitempty"`
	Repo                 string                  `json:"repo,omitempty"`
	System               string                  `json:"system,omitempty"`
	Type                 string                  `json:"type,omitempty"`
	DependsOn            []string                `json:"depends_on"`
	DependenciesDeclared bool                    `json:"dependencies_declared"`
	Dependents           []string                `json:"dependents"`
	ExternalDependencies []string                `json:"external_dependencies"`
	ProvidesAPIs         []string                `json:"provides_apis,omitempty"`
	ConsumesAPIs         []string                `json:"consumes_apis,omitempty"`
	Alerts               []string                `json:"alerts"`
	Tags                 []string                `json:"tags"`
	SLOs                 ExportSLOs              `json:"slos"`
	Dashboards           []ExportLink            `json:"dashboards"`
	Links                []ExportLink            `json:"links"`
	BackstageRef         string                  `json:"backstage_ref,omitempty"`
	Scorecards           map[string]ExportResult `json:"scorecards"`
}

// ExportSLOs are a service's objectives in catalog.json.
type ExportSLOs struct {
	Availability *float64 `json:"availability,omitempty"`
	LatencyP95Ms *float64 `json:"latency_p95_ms,omitempty"`
	ErrorRate    *float64 `json:"error_rate,omitempty"`
}

// ExportResult is a service's result in one scorecard.
type ExportResult struct {
	Level *string            `json:"level"`
	Rules []ExportRuleResult `json:"rules"`
}

// ExportRuleResult is one rule's outcome.
type ExportRuleResult struct {
	Rule    string `json:"rule"`
	Level   string `json:"level"`
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

// ExportScorecard describes a scorecard in catalog.json.
type ExportScorecard struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Description string             `json:"description,omitempty"`
	Path        string             `json:"path"`
	Levels      []string           `json:"levels"`
	Rules       []ExportRuleDefine `json:"rules"`
}

// ExportRuleDefine describes a scorecard rule.
type ExportRuleDefine struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Level string `json:"level"`
	Check string `json:"check"`
}

func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func links(ls []Link) []ExportLink {
	out := []ExportLink{}
	for _, l := range ls {
		out = append(out, ExportLink{Title: l.Title, URL: l.URL})
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Export builds catalog.json's content.
func (c *Catalog) Export(siteTitle string) *Export {
	e := &Export{Schema: SchemaURL, Version: SchemaVersion, Site: siteTitle,
		Teams: []ExportTeam{}, Users: []ExportUser{}, Systems: []ExportSystem{}, Services: []ExportService{}, Scorecards: []ExportScorecard{}}
	for _, t := range c.Teams {
		et := ExportTeam{ID: t.ID, Name: t.Name, Path: t.Path(), Description: t.Description, Lead: t.Lead, Channel: t.Channel, Email: t.Email,
			Type: t.Type, Parent: t.Parent, Children: strs(t.Children), Members: []ExportMember{}, Links: links(t.Links), Services: []string{}, BackstageRef: t.Ref}
		for _, m := range t.Members {
			et.Members = append(et.Members, ExportMember{Name: m.Name, Role: m.Role, Handle: m.Handle, Email: m.Email, User: m.User, External: m.External})
		}
		if oc := t.OnCall; oc != nil {
			et.OnCall = &ExportOnCall{Rotation: oc.Rotation, Schedule: oc.Schedule, Current: oc.Current, Escalation: []ExportEscalation{}}
			for _, l := range oc.Escalation {
				et.OnCall.Escalation = append(et.OnCall.Escalation, ExportEscalation{Who: l.Who, AfterMinutes: l.AfterMinutes})
			}
		}
		for _, s := range c.ServicesOf(t.ID) {
			et.Services = append(et.Services, s.ID)
		}
		e.Teams = append(e.Teams, et)
	}
	for _, u := range c.Users {
		e.Users = append(e.Users, ExportUser{ID: u.ID, Name: u.Name, Email: u.Email, Path: u.Path(), Teams: strs(u.Teams), BackstageRef: u.Ref})
	}
	for _, x := range c.Systems {
		e.Systems = append(e.Systems, ExportSystem{ID: x.ID, Name: x.Name, Path: x.Path(), Description: x.Description, Owner: optional(x.Owner),
			Services: strs(x.Services), External: x.External, BackstageRef: x.Ref})
	}
	for _, s := range c.Services {
		es := ExportService{ID: s.ID, Name: s.Name, Path: s.Path(), Description: s.Description, Owner: optional(s.Owner),
			Lifecycle: optional(s.Lifecycle), Language: s.Language, Repo: s.Repo, System: s.System, Type: s.Type,
			DependsOn: strs(s.DependsOn), DependenciesDeclared: s.DependenciesDeclared, Dependents: strs(s.Dependents),
			ExternalDependencies: strs(s.ExternalDeps), ProvidesAPIs: s.ProvidesAPIs, ConsumesAPIs: s.ConsumesAPIs,
			Alerts: strs(s.Alerts), Tags: strs(s.Tags), Dashboards: links(s.Dashboards), Links: links(s.Links), BackstageRef: s.Ref,
			SLOs:       ExportSLOs{Availability: s.SLOs.Availability, LatencyP95Ms: s.SLOs.LatencyP95Ms, ErrorRate: s.SLOs.ErrorRate},
			Scorecards: map[string]ExportResult{}}
		switch r := c.ownerRef(s.Owner); {
		case s.Owner == "":
			es.OwnerKind = "none"
		case r.External:
			es.OwnerKind = "external"
		default:
			es.OwnerKind = r.Kind
		}
		if t := c.OwnerTeam(s); t != nil {
			es.OwnerTeam = &t.ID
		}
		if s.Tier > 0 {
			tier := s.Tier
			es.Tier = &tier
		}
		for _, sc := range c.Scorecards {
			lvl, ok := s.Levels[sc.ID]
			if !ok {
				continue
			}
			r := ExportResult{Level: optional(lvl), Rules: []ExportRuleResult{}}
			for _, rr := range s.Results[sc.ID] {
				r.Rules = append(r.Rules, ExportRuleResult{Rule: rr.Rule, Level: rr.Level, Status: rr.Status, Message: rr.Message})
			}
			es.Scorecards[sc.ID] = r
		}
		e.Services = append(e.Services, es)
	}
	for _, sc := range c.Scorecards {
		x := ExportScorecard{ID: sc.ID, Name: sc.Name, Description: sc.Description, Path: sc.Path(), Levels: strs(sc.Levels), Rules: []ExportRuleDefine{}}
		for _, r := range sc.Rules {
			x.Rules = append(x.Rules, ExportRuleDefine{ID: r.ID, Name: r.Name, Level: r.Level, Check: r.Check})
		}
		e.Scorecards = append(e.Scorecards, x)
	}
	return e
}

// JSON returns catalog.json: indented, with a trailing newline.
func (e *Export) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (k *Kind) emitJSON(s *site.Site) error {
	b, err := k.cat.Export(strings.TrimSpace(s.Config.Title)).JSON()
	if err != nil {
		return err
	}
	s.AddPage(&site.Page{Path: JSONPath, Kind: "catalog", Title: "catalog.json", Bytes: b, NoSearch: true})
	s.AddPage(&site.Page{Path: SchemaPath, Kind: "catalog", Title: "catalog.schema.json", Bytes: Schema, NoSearch: true})
	return nil
}
