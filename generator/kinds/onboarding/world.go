package onboarding

import (
	"math"
	"strconv"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/site"
)

// World is a team's part of the system, as a new hire on the team needs
// to know it: generated from the catalog, runbooks, ADRs and KPIs.
type World struct {
	Team     *catalog.Team
	Services []ServiceRow       // the services the team owns, by id
	Runbooks []*runbook.Runbook // runbooks of those services or owned by the team, by id
	ADRs     []ADRRow           // ADRs naming any of those services, in ADR order
	OnCall   *catalog.OnCall    // nil when the team declares none
	KPIs     []KPIRow           // KPIs reported for the team, in catalog order
}

// ServiceRow is a service with its SLOs formatted.
type ServiceRow struct {
	Service                             *catalog.Service
	Availability, LatencyP95, ErrorRate string // "" when not declared
}

// ADRRow is an ADR with the title its references show ("ADR-0012: ...").
type ADRRow struct {
	ADR   *adr.ADR
	Title string
}

// KPIRow is the latest reading of a KPI for the team.
type KPIRow struct {
	ID, Name, Path string
	Value, Target  string
	Met            bool
	Status         string // "met", "missed", or "" without a target
}

// TeamWorld gathers the world of the catalog team with id, or returns nil
// when the catalog has no such team. Each list holds exactly the team's
// items: services whose owner is the team, runbooks for those services or
// owned by the team, ADRs that name one of those services, and KPIs with a
// value reported for the team.
func TeamWorld(s *site.Site, teamID string) *World {
	cat := catalog.Of(s)
	t := cat.Team(teamID)
	if t == nil {
		return nil
	}
	w := &World{Team: t, OnCall: t.OnCall}
	owned := map[string]bool{}
	for _, svc := range cat.ServicesOf(teamID) {
		owned[svc.ID] = true
		w.Services = append(w.Services, ServiceRow{Service: svc,
			Availability: pct(svc.SLOs.Availability), LatencyP95: ms(svc.SLOs.LatencyP95Ms), ErrorRate: pct(svc.SLOs.ErrorRate)})
	}
	for _, r := range runbook.Of(s).Runbooks {
		if owned[r.Service] || r.Owner == teamID {
			w.Runbooks = append(w.Runbooks, r)
		}
	}
	for _, a := range adr.Of(s).ADRs {
		for _, id := range a.Services {
			if owned[id] {
				row := ADRRow{ADR: a, Title: a.Title}
				if e, ok := s.Entity("adr", a.ID); ok && e.Title != "" {
					row.Title = e.Title
				}
				w.ADRs = append(w.ADRs, row)
				break
			}
		}
	}
	km := kpi.Of(s)
	for _, k := range km.KPIs {
		v, target, met, ok := km.Latest(k.ID, kpi.ScopeTeam, teamID)
		if !ok {
			continue
		}
		row := KPIRow{ID: k.ID, Name: k.Name, Path: kpi.IndexPath + k.ID + "/",
			Value: kpi.FormatValue(v, k.Unit), Target: kpi.FormatValue(target, k.Unit), Met: met}
		switch {
		case math.IsNaN(target):
			row.Target = ""
		case met:
			row.Status = "met"
		default:
			row.Status = "missed"
		}
		if e, ok := s.Entity("kpi", k.ID); ok {
			row.Path = e.Path
			if row.Name == "" {
				row.Name = e.Title
			}
		}
		if row.Name == "" {
			row.Name = k.ID
		}
		w.KPIs = append(w.KPIs, row)
	}
	return w
}

func pct(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64) + "%"
}

func ms(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64) + " ms"
}
