package scorecard

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// IndexData is the data of scorecards/.
type IndexData struct {
	Cards []*CardView
}

// CardView is one scorecard on scorecards/.
type CardView struct {
	Scorecard   *Scorecard
	Anchor      string
	TableID     string
	Description template.HTML
	When        string // the services it applies to, or ""
	Levels      []LevelCount
	Rules       []RuleView
	Rows        []RowView
	Teams       []TeamRollup
	TopFailing  []RuleView
	TeamOptions []Option
	Services    int
}

// LevelCount is how many services reached a level ("" is no level).
type LevelCount struct {
	Level string
	Count int
	Pct   float64
}

// RuleView is a rule with its tallies.
type RuleView struct {
	Rule          *Rule
	Anchor        string
	Detail        string // what the rule checks, in words
	When          string
	Fix           template.HTML
	Pass, Fail, N int
}

// RowView is a service's row of the matrix.
type RowView struct {
	ID, Name, Path string
	Owner          string
	OwnerPath      string
	FilterTeam     string
	Level          string
	Cells          []CellView
	Failing        int
}

// CellView is one rule's outcome in the matrix.
type CellView struct {
	Status  string
	Message string
	Rule    string
}

// TeamRollup sums a team's services.
type TeamRollup struct {
	Name, Path string
	Services   int
	Levels     []LevelCount // aligned with the card's Levels
	Failures   int
}

// Option is a choice of a filter.
type Option struct{ Value, Label string }

func whenText(conds []Cond) string {
	var parts []string
	for _, c := range conds {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, " and ")
}

func (r *Rule) detail() string {
	switch r.Check {
	case "has_owner":
		return "the service has an owner"
	case "has_on_call":
		return "the owning team has an on-call rotation"
	case "has_slos":
		return "at least one SLO is declared"
	case "has_runbook":
		return "at least one runbook names the service"
	case "alerts_have_runbooks":
		return "every declared alert has a runbook"
	case "runbooks_reviewed":
		if r.Days > 0 {
			return fmt.Sprintf("every runbook was reviewed within %d days", r.Days)
		}
		return "no runbook is overdue for review"
	case "has_adr":
		return "at least one ADR names the service"
	case "has_dashboards":
		return "at least one dashboard is listed"
	case "dependencies_declared":
		return "depends_on is declared"
	case "field":
		return (Cond{Field: r.Field, Op: r.Op, Value: r.Value}).String()
	case "kpi_target":
		return "KPI " + r.KPI + " meets its target"
	}
	return r.Check
}

// ownerTeam is the team a service rolls up to ("" when none).
func ownerTeam(c *catalog.Catalog, svc *catalog.Service) (id, name, path string) {
	if t := c.OwnerTeam(svc); t != nil {
		return t.ID, t.Name, t.Path()
	}
	if svc.Owner == "" {
		return "none", "No owner", ""
	}
	return svc.Owner, svc.Owner, ""
}

// build fills the page data from the results.
func (d *IndexData) build(c *catalog.Catalog, m *Model) {
	d.Cards = nil
	for _, sc := range m.Scorecards {
		card := &CardView{Scorecard: sc, Anchor: sc.Anchor(), TableID: sc.Anchor() + "-matrix", When: whenText(sc.When), Services: len(sc.Results)}
		ruleIdx := map[*Rule]int{}
		for i, r := range sc.Rules {
			ruleIdx[r] = i
			card.Rules = append(card.Rules, RuleView{Rule: r, Anchor: r.Anchor(sc), Detail: r.detail(), When: whenText(r.When)})
		}
		levelCount := map[string]int{}
		type teamAcc struct {
			roll  *TeamRollup
			count map[string]int
		}
		teams := map[string]*teamAcc{}
		options := map[string]string{}
		for _, res := range sc.Results {
			svc := res.Service
			tid, tname, tpath := ownerTeam(c, svc)
			row := RowView{ID: svc.ID, Name: svc.Name, Path: svc.Path(), Owner: tname, OwnerPath: tpath, FilterTeam: tid, Level: res.Level}
			options[tid] = tname
			for _, o := range res.Outcomes {
				row.Cells = append(row.Cells, CellView{Status: o.Status, Message: o.Message, Rule: o.Rule.Name})
				rv := &card.Rules[ruleIdx[o.Rule]]
				switch o.Status {
				case catalog.StatusPass:
					rv.Pass++
				case catalog.StatusFail:
					rv.Fail++
					row.Failing++
				default:
					rv.N++
				}
			}
			card.Rows = append(card.Rows, row)
			levelCount[res.Level]++
			acc := teams[tid]
			if acc == nil {
				acc = &teamAcc{roll: &TeamRollup{Name: tname, Path: tpath}, count: map[string]int{}}
				teams[tid] = acc
			}
			acc.roll.Services++
			acc.roll.Failures += row.Failing
			acc.count[res.Level]++
		}
		// Levels highest first, then "no level".
		order := append([]string(nil), sc.Levels...)
		for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
			order[i], order[j] = order[j], order[i]
		}
		order = append(order, "")
		for _, l := range order {
			lc := LevelCount{Level: l, Count: levelCount[l]}
			if card.Services > 0 {
				lc.Pct = float64(lc.Count) * 100 / float64(card.Services)
			}
			card.Levels = append(card.Levels, lc)
		}
		var tids []string
		for id := range teams {
			tids = append(tids, id)
		}
		sort.Slice(tids, func(i, j int) bool {
			a, b := teams[tids[i]].roll, teams[tids[j]].roll
			if (tids[i] == "none") != (tids[j] == "none") {
				return tids[j] == "none"
			}
			return strings.ToLower(a.Name) < strings.ToLower(b.Name)
		})
		for _, id := range tids {
			acc := teams[id]
			for _, l := range order {
				acc.roll.Levels = append(acc.roll.Levels, LevelCount{Level: l, Count: acc.count[l]})
			}
			card.Teams = append(card.Teams, *acc.roll)
			card.TeamOptions = append(card.TeamOptions, Option{Value: id, Label: acc.roll.Name})
		}
		var failing []RuleView
		for _, rv := range card.Rules {
			if rv.Fail > 0 {
				failing = append(failing, rv)
			}
		}
		sort.SliceStable(failing, func(i, j int) bool { return failing[i].Fail > failing[j].Fail })
		if len(failing) > 5 {
			failing = failing[:5]
		}
		card.TopFailing = failing
		d.Cards = append(d.Cards, card)
	}
}

// ServiceSection is the "Scorecard" section of a service page.
type ServiceSection struct {
	Cards []ServiceCard
}

// ServiceCard is a service's result in one scorecard.
type ServiceCard struct {
	ID, Name, Path string
	Level          string
	Next           string // the next level to reach, "" at the top
	Levels         []string
	Passed, Total  int
	NA             int
	Failing        []FailView
}

// FailView is a failing rule with how to fix it.
type FailView struct {
	Rule    string
	RuleID  string
	Level   string
	Message string
	Fix     template.HTML
	Path    string // the rule on scorecards/
}

// TeamSection is the "Scorecards" section of a team page.
type TeamSection struct {
	Rows     []TeamRow
	Services int // services evaluated
	Clean    int // services with no failing rule
}

// TeamRow is one service's open failures in one scorecard.
type TeamRow struct {
	Service, ServicePath string
	Scorecard, Path      string
	Level                string
	Failing              []FailView
}

func (k *Kind) failViews(sc *Scorecard, res *Result, withFix bool) []FailView {
	var out []FailView
	for _, o := range res.Failing() {
		fv := FailView{Rule: o.Rule.Name, RuleID: o.Rule.ID, Level: o.Rule.Level, Message: o.Message, Path: IndexPath + "#" + o.Rule.Anchor(sc)}
		if withFix {
			fv.Fix = k.fixes[res.Service.ID][sc.ID+"/"+o.Rule.ID]
		}
		out = append(out, fv)
	}
	// Lowest level first: that is what blocks the next level.
	rank := map[string]int{}
	for i, l := range sc.Levels {
		rank[l] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Level] < rank[out[j].Level] })
	return out
}

// Contribute implements site.Contributor.
func (k *Kind) Contribute(s *site.Site, subject string) []site.Section {
	if k.m == nil {
		return nil
	}
	kind, id, _ := strings.Cut(subject, ":")
	switch kind {
	case "service":
		var sec ServiceSection
		for _, sc := range k.m.Scorecards {
			res := sc.resultOf[id]
			if res == nil {
				continue
			}
			card := ServiceCard{ID: sc.ID, Name: sc.Name, Path: sc.Path(), Level: res.Level, Levels: sc.Levels, Failing: k.failViews(sc, res, true)}
			for i, l := range sc.Levels {
				if l == res.Level && i+1 < len(sc.Levels) {
					card.Next = sc.Levels[i+1]
				}
			}
			if res.Level == "" {
				card.Next = sc.Levels[0]
			}
			for _, o := range res.Outcomes {
				switch o.Status {
				case catalog.StatusPass:
					card.Passed++
					card.Total++
				case catalog.StatusFail:
					card.Total++
				default:
					card.NA++
				}
			}
			sec.Cards = append(sec.Cards, card)
		}
		if len(sec.Cards) == 0 {
			return nil
		}
		return []site.Section{{ID: "scorecard", Title: "Scorecard", Template: "scorecard/_service.html", Data: sec, Order: 40}}
	case "team":
		c := catalog.Of(s)
		var sec TeamSection
		clean := map[string]bool{}
		seen := map[string]bool{}
		for _, sc := range k.m.Scorecards {
			for _, res := range sc.Results {
				if t := c.OwnerTeam(res.Service); t == nil || t.ID != id {
					continue
				}
				if !seen[res.Service.ID] {
					seen[res.Service.ID] = true
					clean[res.Service.ID] = true
				}
				fails := k.failViews(sc, res, false)
				if len(fails) == 0 {
					continue
				}
				clean[res.Service.ID] = false
				sec.Rows = append(sec.Rows, TeamRow{Service: res.Service.Name, ServicePath: res.Service.Path(), Scorecard: sc.Name, Path: sc.Path(),
					Level: res.Level, Failing: fails})
			}
		}
		if len(seen) == 0 {
			return nil
		}
		sec.Services = len(seen)
		for _, ok := range clean {
			if ok {
				sec.Clean++
			}
		}
		return []site.Section{{ID: "scorecards", Title: "Scorecards", Template: "scorecard/_team.html", Data: sec, Order: 40}}
	}
	return nil
}
