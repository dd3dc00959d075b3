package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// pageRand returns the random source of page number n, so that a page's
// text does not depend on the order pages are written in.
func (g *gen) pageRand(n int) *rand.Rand {
	return rand.New(rand.NewPCG(g.opts.Seed^0x9e3779b97f4a7c15, uint64(n)))
}

// writer builds one page body.
type writer struct {
	g    *gen
	r    *rand.Rand
	from string // content-relative path of the page
	team *team
	b    strings.Builder
}

func (g *gen) newWriter(n int, from string, t *team) *writer {
	return &writer{g: g, r: g.pageRand(n), from: from, team: t}
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

func (w *writer) sentence() string {
	t := w.team
	return fmt.Sprintf(w.pick(sentences), w.pick(nouns), w.pick(adjectives), t.name, w.pick(periods),
		title(w.pick(domains))+" golden signals", t.id, "make "+w.pick(nouns))
}

func (w *writer) para(k int) {
	for i := 0; i < k; i++ {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(w.sentence())
	}
	w.b.WriteString("\n\n")
}

func (w *writer) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// link returns a Markdown link to another generated page, with an anchor
// that page has.
func (w *writer) link() string {
	ts := w.g.targets
	for {
		t := ts[w.r.IntN(len(ts))]
		if t.file == w.from && len(ts) > 1 {
			continue
		}
		return fmt.Sprintf("[%s](%s#%s)", t.title, rel(w.from, t.file), t.anchors[w.r.IntN(len(t.anchors))])
	}
}

func (w *writer) adrRef() string {
	if len(w.g.adrs) == 0 {
		return "the decision log"
	}
	for {
		a := w.g.adrs[w.r.IntN(len(w.g.adrs))]
		if a.file != w.from || len(w.g.adrs) == 1 {
			return fmt.Sprintf("[[adr:%d]]", a.num)
		}
	}
}

// runbookRef prefers a runbook of s.
func (w *writer) runbookRef(s *service) string {
	list := w.g.runbooks
	if s != nil && len(s.runbooks) > 1 {
		list = s.runbooks
	}
	if len(list) == 0 {
		return "the runbooks"
	}
	for {
		rb := list[w.r.IntN(len(list))]
		if rb.file != w.from || len(list) == 1 {
			return "[[runbook:" + rb.id + "]]"
		}
	}
}

func svcRef(s *service) string { return "[[service:" + s.id + "]]" }

func (w *writer) table(head []string, rows [][]string) {
	w.line("| %s |", strings.Join(head, " | "))
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	w.line("|%s|", strings.Join(seps, "|"))
	for _, r := range rows {
		w.line("| %s |", strings.Join(r, " | "))
	}
	w.b.WriteByte('\n')
}

func (w *writer) tasks(k int) {
	for i := 0; i < k; i++ {
		mark := " "
		if w.r.IntN(3) == 0 {
			mark = "x"
		}
		w.line("- [%s] %s the %s %s with `%s`", mark, title(w.pick([]string{"review", "update", "automate", "document", "test", "retire"})),
			w.pick(adjectives), w.pick(nouns), "make "+w.pick(nouns))
	}
	w.b.WriteByte('\n')
}

func (w *writer) code(n int, svc string) {
	w.b.WriteString(codeBlock(w.r, n, codeLangs[(n+w.r.IntN(2))%len(codeLangs)], svc))
	w.b.WriteByte('\n')
}

func yamlList(items []string) string { return "[" + strings.Join(items, ", ") + "]" }

// ---------------------------------------------------------------- pages

// handbookFiles returns every file of the Almanac handbook.
func (g *gen) handbookFiles() []file {
	var files []file
	files = append(files, file{"almanac.yaml", g.config()})
	n := 0
	for _, a := range g.adrs {
		n++
		files = append(files, file{"content/" + a.file, g.adrPage(n, a)})
	}
	for _, rb := range g.runbooks {
		n++
		files = append(files, file{"content/" + rb.file, g.runbookPage(n, rb)})
	}
	for _, p := range g.pages {
		n++
		files = append(files, file{"content/" + p.file, g.handbookPage(n, p)})
	}
	files = append(files, file{"data/teams.yaml", g.teamsYAML()}, file{"data/services.yaml", g.servicesYAML()},
		file{"data/kpis.yaml", kpisYAML})
	files = append(files, g.metricsFiles()...)
	return files
}

func (g *gen) config() string {
	return fmt.Sprintf(`# Synthetic handbook written by cmd/benchgen for Almanac's benchmarks.
title: Synthetic Handbook (%d pages, seed %d)
description: A generated engineering handbook of ADRs, runbooks and handbook pages for benchmarking.
base_url: https://handbook.example.org/
repo_url: https://github.com/synthetic-org/handbook
edit_branch: main
language: en
`, g.opts.N, g.opts.Seed)
}

func (g *gen) adrPage(n int, a *adr) string {
	w := g.newWriter(n, a.file, a.services[0].owner)
	var svcIDs []string
	for _, s := range a.services {
		svcIDs = append(svcIDs, s.id)
	}
	w.line("---")
	w.line("title: %q", a.title)
	w.line("status: %s", a.status)
	w.line("date: %s", a.date)
	w.line("deciders: %s", yamlList(a.deciders))
	w.line("tags: %s", yamlList(a.tags))
	w.line("services: %s", yamlList(svcIDs))
	if a.supersedes > 0 {
		w.line("supersedes: [%d]", a.supersedes)
	}
	w.line("---")
	w.line("")
	w.line("## Context")
	w.line("")
	w.para(3)
	var refs []string
	for _, s := range a.services {
		refs = append(refs, svcRef(s))
	}
	w.line("This affects %s. The current practice is described in %s.", strings.Join(refs, ", "), w.link())
	if a.supersedes > 0 {
		w.line("It replaces [[adr:%d]], whose assumptions no longer hold.", a.supersedes)
	}
	w.line("")
	w.line("## Decision")
	w.line("")
	w.line("We will %s%s. %s", strings.ToLower(a.title[:1]), a.title[1:], w.sentence())
	w.line("")
	w.line("The reference implementation for ADR %d:", a.num)
	w.line("")
	w.code(n, a.services[0].id)
	w.line("### Options considered")
	w.line("")
	rows := [][]string{}
	for i, opt := range []string{"Keep the status quo", a.title, "Buy a managed " + w.pick(techs)} {
		chosen := "no"
		if i == 1 {
			chosen = "**yes**"
		}
		rows = append(rows, []string{opt, w.pick(adjectives) + " " + w.pick(nouns), "more " + w.pick(nouns) + " work", chosen})
	}
	w.table([]string{"Option", "Pros", "Cons", "Chosen"}, rows)
	w.line("## Consequences")
	w.line("")
	for i := 0; i < 3; i++ {
		w.line("- %s", w.sentence())
	}
	w.line("- On-call follows %s until the migration is done.", w.runbookRef(a.services[0]))
	w.line("- Related: %s and %s.", w.adrRef(), w.link())
	w.line("")
	w.line("### Follow-ups")
	w.line("")
	w.tasks(3 + w.r.IntN(3))
	return w.b.String()
}

func (g *gen) runbookPage(n int, rb *runbook) string {
	s := rb.svc
	w := g.newWriter(n, rb.file, s.owner)
	w.line("---")
	w.line("title: %q", rb.title)
	w.line("service: %s", s.id)
	w.line("alerts: [%s]", rb.alert)
	w.line("severity: %s", rb.severity)
	w.line("owner: %s", s.owner.id)
	w.line("last_reviewed: %s", rb.lastReviewed)
	w.line("review_every: %d", rb.reviewEvery)
	w.line("---")
	w.line("")
	w.line("The alert `%s` fires when %s crosses its threshold for %d minutes. It belongs to %s.", rb.alert, s.name, 5+w.r.IntN(25), svcRef(s))
	w.line("")
	w.line("## Symptoms")
	w.line("")
	w.line("- `%s` paging in `#team-%s`.", rb.alert, s.owner.id)
	w.line("- %s", w.sentence())
	w.line("- On the *%s* dashboard the %s panel climbs while traffic is flat.", s.name, w.pick(nouns))
	w.line("")
	w.line("## Impact")
	w.line("")
	w.para(2)
	w.table([]string{"Severity", "Customer impact", "First response"}, [][]string{
		{rb.severity, w.pick(adjectives) + " degradation of " + s.name, "follow this runbook"},
		{"sev1", "checkout or sign-in failing", "declare an incident"},
		{"sev3", "internal tools slower", "ticket for the owning team"},
	})
	w.line("## Diagnosis")
	w.line("")
	w.line("1. Open a slow trace from the latency panel and see which span dominates.")
	w.line("2. Check whether a dependency is the cause: %s.", depRefs(s))
	w.line("3. Compare with the last deploy, see %s.", w.link())
	w.line("4. Run the diagnostic below and keep its output for the incident channel.")
	w.line("")
	w.code(n, s.id)
	w.line("## Mitigation")
	w.line("")
	w.tasks(3 + w.r.IntN(3))
	w.line("## Escalation")
	w.line("")
	w.line("Escalate to the %s team's engineering manager after %d minutes. The escalation policy is in %s, and the decision behind it is %s. Related: %s.",
		s.owner.name, 15+w.r.IntN(30), w.link(), w.adrRef(), w.runbookRef(g.services[w.r.IntN(len(g.services))]))
	return w.b.String()
}

func depRefs(s *service) string {
	if len(s.deps) == 0 {
		return "none declared"
	}
	var refs []string
	for _, d := range s.deps {
		refs = append(refs, svcRef(d))
	}
	return strings.Join(refs, ", ")
}

func (g *gen) handbookPage(n int, p *hpage) string {
	w := g.newWriter(n, p.file, p.svc.owner)
	w.line("---")
	w.line("title: %q", p.title)
	w.line("description: %s", p.desc)
	if p.weight > 0 {
		w.line("weight: %d", p.weight)
	}
	w.line("tags: %s", yamlList([]string{slugify(p.topic), p.domain}))
	w.line("---")
	w.line("")
	w.line("This page covers %s for %s, run by the %s team on %s. %s", p.topic, p.domain, p.svc.owner.name, svcRef(p.svc), w.sentence())
	w.line("")
	w.line("## Overview")
	w.line("")
	w.para(3 + w.r.IntN(2))
	w.line("We chose this approach in %s; when it pages, start with %s. Background: %s.", w.adrRef(), w.runbookRef(p.svc), w.link())
	w.line("")
	w.line("## How we work")
	w.line("")
	w.para(2)
	for i, k := 1, 3+w.r.IntN(3); i <= k; i++ {
		s := w.sentence()
		w.line("%d. **%s** the %s, then %s", i, title(w.pick([]string{"plan", "review", "ship", "measure", "announce"})), w.pick(nouns), strings.ToLower(s[:1])+s[1:])
	}
	w.line("")
	w.line("### Roles and owners")
	w.line("")
	var rows [][]string
	for i, k := 0, 3+w.r.IntN(4); i < k; i++ {
		m := p.svc.owner.members[w.r.IntN(len(p.svc.owner.members))]
		rows = append(rows, []string{m.role, m.name, "every " + w.pick(periods), w.pick(adjectives) + " " + w.pick(nouns)})
	}
	w.table([]string{"Role", "Who", "Cadence", "Focus"}, rows)
	w.line("## Checklist")
	w.line("")
	w.tasks(4 + w.r.IntN(3))
	w.line("## Example")
	w.line("")
	w.line("The snippet the %s team uses for %s:", p.svc.owner.name, p.topic)
	w.line("")
	w.code(n, p.svc.id)
	w.line("## Reference")
	w.line("")
	w.line("- %s", w.link())
	w.line("- %s", w.link())
	w.line("- Dependencies of %s: %s", p.svc.name, depRefs(p.svc))
	return w.b.String()
}

// ---------------------------------------------------------------- data

func (g *gen) teamsYAML() string {
	var b strings.Builder
	b.WriteString("# Teams of the synthetic handbook (written by cmd/benchgen).\nteams:\n")
	for _, t := range g.teams {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    description: >-\n      Owns %d services and the runbooks that go with them.\n    lead: %s\n    members:\n",
			t.id, t.name, countOwned(g.services, t), t.lead)
		for _, m := range t.members {
			fmt.Fprintf(&b, "      - {name: %s, role: %s, handle: %q}\n", m.name, m.role, m.handle)
		}
		fmt.Fprintf(&b, "    channel: %q\n    on_call:\n      rotation: %s-primary\n      schedule: https://pagerduty.example.org/schedules/%s-primary\n      escalation:\n", "#team-"+t.id, t.id, t.id)
		fmt.Fprintf(&b, "        - {who: Primary on-call engineer, after_minutes: 0}\n        - {who: Secondary on-call engineer, after_minutes: 10}\n        - {who: %s (Engineering Manager), after_minutes: 25}\n", t.lead)
		fmt.Fprintf(&b, "    links:\n      - {title: %s roadmap, url: https://wiki.example.org/%s/roadmap}\n", t.name, t.id)
	}
	return b.String()
}

func countOwned(svcs []*service, t *team) int {
	n := 0
	for _, s := range svcs {
		if s.owner == t {
			n++
		}
	}
	return n
}

func slo(s *service) (avail, lat, errRate float64) {
	switch s.tier {
	case 1:
		return 99.95, float64(150 + (s.idx*37)%250), 0.1 + float64(s.idx%3)*0.1
	case 2:
		return 99.9, float64(300 + (s.idx*53)%700), 0.5
	}
	return 99.5, float64(800 + (s.idx*71)%1200), 1
}

func (g *gen) servicesYAML() string {
	var b strings.Builder
	b.WriteString("# Services of the synthetic handbook (written by cmd/benchgen).\n# depends_on only names earlier services, so the graph is acyclic.\nservices:\n")
	for _, s := range g.services {
		var deps []string
		for _, d := range s.deps {
			deps = append(deps, d.id)
		}
		av, lat, er := slo(s)
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    description: >-\n      %s service number %d, written in %s and owned by %s.\n", s.id, s.name, title(s.lifecycle), s.idx+1, s.language, s.owner.name)
		fmt.Fprintf(&b, "    owner: %s\n    tier: %d\n    lifecycle: %s\n    language: %s\n    repo: https://github.com/synthetic-org/%s\n", s.owner.id, s.tier, s.lifecycle, s.language, s.id)
		fmt.Fprintf(&b, "    depends_on: %s\n    slos: {availability: %g, latency_p95_ms: %g, error_rate: %g}\n    alerts: %s\n", yamlList(deps), av, lat, er, yamlList(s.alerts))
		fmt.Fprintf(&b, "    dashboards:\n      - {title: %s golden signals, url: https://grafana.example.org/d/%s}\n", s.name, s.id)
		fmt.Fprintf(&b, "    tags: [%s, tier-%d]\n", strings.SplitN(s.id, "-", 2)[0], s.tier)
	}
	return b.String()
}

const kpisYAML = `# KPI catalog of the synthetic handbook (written by cmd/benchgen).
kpis:
  - id: deployment_frequency
    name: Deployment frequency
    category: output
    unit: per_week
    direction: higher_is_better
    target: 10
    warn: 3
    frequency: weekly
    scope: team
    description: Production deployments per week across a team's services (DORA key metric).
    why: Small, frequent batches are easier to review, test and roll back.
    guidance: Read it next to change failure rate; never compare people by it.
  - id: lead_time
    name: Lead time for changes
    category: efficiency
    unit: hours
    direction: lower_is_better
    target: 48
    warn: 120
    frequency: monthly
    scope: team
    description: Median hours from first commit to running in production (DORA key metric).
    why: Short lead times let teams fix what they learn quickly.
    guidance: Look at where changes wait, not at who is slow.
  - id: change_failure_rate
    name: Change failure rate
    category: quality
    unit: percent
    direction: lower_is_better
    target: 10
    warn: 15
    frequency: monthly
    scope: team
    description: Share of deployments that cause a failure in production (DORA key metric).
    why: It tells whether speed comes at the cost of stability.
    guidance: A spike is a prompt for a review of the pipeline, not of a person.
  - id: mttr
    name: Time to restore service
    category: reliability
    unit: minutes
    direction: lower_is_better
    target: 60
    warn: 240
    frequency: monthly
    scope: team
    description: Median minutes from the start of an incident to service restored (DORA key metric).
    why: Customers feel the length of an outage more than its cause.
    guidance: Improve runbooks and rollbacks first.
  - id: planned_vs_delivered
    name: Planned vs delivered scope
    category: output
    unit: percent
    direction: higher_is_better
    target: 85
    warn: 75
    frequency: monthly
    scope: team
    description: Share of committed scope that reached production in the period.
    why: Stakeholders plan around what teams say they will ship.
    guidance: Between 80 and 90 percent is healthy; 100 percent every month means padding.
  - id: availability
    name: Availability
    category: outcome
    unit: percent
    direction: higher_is_better
    target: {1: 99.95, 2: 99.9, 3: 99.5}
    frequency: monthly
    scope: service
    description: Share of valid requests served successfully in the month.
    why: Customers feel downtime directly, and it feeds every error budget.
    guidance: A service's own SLO wins over the tier default.
  - id: latency_p95
    name: Latency (p95)
    category: outcome
    unit: ms
    direction: lower_is_better
    target: 300
    frequency: monthly
    scope: service
    description: 95th percentile latency in milliseconds, measured at the edge of the service.
    why: Slow is the new down.
    guidance: Compare with the service's own SLO, not with other services.
  - id: error_rate
    name: Error rate
    category: quality
    unit: percent
    direction: lower_is_better
    target: 0.5
    warn: 1
    frequency: monthly
    scope: service
    description: Share of requests that failed with a server error.
    why: Errors that users see erode trust faster than slowness.
    guidance: Investigate the top error class first.
`

// teamKPIs are the team-scope KPIs with a base value and spread.
var teamKPIs = []struct {
	id         string
	base, span float64
	decimals   int
}{
	{"deployment_frequency", 2, 22, 1},
	{"lead_time", 8, 110, 1},
	{"change_failure_rate", 2, 20, 1},
	{"mttr", 15, 280, 0},
	{"planned_vs_delivered", 62, 36, 0},
}

// metricsFiles returns 12 monthly snapshots, 2025-12 to 2026-11.
func (g *gen) metricsFiles() []file {
	r := rand.New(rand.NewPCG(g.opts.Seed, 0x4d45))
	var files []file
	for m := 0; m < 12; m++ {
		year, month := 2025, 12+m
		if month > 12 {
			year, month = 2026, month-12
		}
		period := fmt.Sprintf("%04d-%02d", year, month)
		var b strings.Builder
		fmt.Fprintf(&b, "# Monthly KPI snapshot for %s (written by cmd/benchgen).\nperiod: %s\norg:\n", period, period)
		teamVals := make([][]float64, len(g.teams))
		sums := make([]float64, len(teamKPIs))
		for i := range g.teams {
			teamVals[i] = make([]float64, len(teamKPIs))
			for k, kp := range teamKPIs {
				// A per-team level plus a monthly wobble and a slow trend.
				level := float64((i*31+k*17)%100) / 100
				v := kp.base + kp.span*(0.7*level+0.3*r.Float64()) - float64(m)*kp.span/200
				if v < 0.1 {
					v = 0.1
				}
				teamVals[i][k] = round(v, kp.decimals)
				sums[k] += v
			}
		}
		for k, kp := range teamKPIs {
			fmt.Fprintf(&b, "  %s: %g\n", kp.id, round(sums[k]/float64(len(g.teams)), kp.decimals))
		}
		b.WriteString("teams:\n")
		for i, t := range g.teams {
			fmt.Fprintf(&b, "  %s:\n", t.id)
			for k, kp := range teamKPIs {
				fmt.Fprintf(&b, "    %s: %g\n", kp.id, teamVals[i][k])
			}
		}
		b.WriteString("services:\n")
		for _, s := range g.services {
			av, lat, er := slo(s)
			miss := r.IntN(10) == 0
			avail := av + (100-av)*(0.2+0.7*r.Float64())
			if miss {
				avail = av - (100-av)*r.Float64()
			}
			fmt.Fprintf(&b, "  %s: {availability: %g, latency_p95: %g, error_rate: %g}\n", s.id,
				round(min(avail, 100), 3), round(lat*(0.6+0.6*r.Float64()), 0), round(er*(0.2+1.1*r.Float64()), 2))
		}
		files = append(files, file{"data/metrics/" + period + ".yaml", b.String()})
	}
	return files
}

func round(v float64, decimals int) float64 {
	p := 1.0
	for i := 0; i < decimals; i++ {
		p *= 10
	}
	x := v * p
	if x < 0 {
		return -float64(int64(-x+0.5)) / p
	}
	return float64(int64(x+0.5)) / p
}
