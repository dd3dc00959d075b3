package scorecard

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/site"
)

// FieldType is the type of a service field a predicate can test.
type FieldType int

// Field types.
const (
	Text FieldType = iota
	Number
	List
	Object
)

// Fields are the service fields a field predicate can name. Dotted paths
// reach into slos and into the owning team's on_call; runbooks and adrs
// are the ids of the runbooks and ADRs naming the service.
var Fields = map[string]FieldType{
	"id": Text, "name": Text, "description": Text, "owner": Text, "owner_team": Text,
	"tier": Number, "lifecycle": Text, "language": Text, "repo": Text, "system": Text, "type": Text,
	"depends_on": List, "dependents": List, "alerts": List, "tags": List, "dashboards": List, "links": List,
	"slos": Object, "slos.availability": Number, "slos.latency_p95_ms": Number, "slos.error_rate": Number,
	"on_call": Object, "on_call.rotation": Text, "on_call.schedule": Text, "on_call.current": Text, "on_call.escalation": List,
	"runbooks": List, "adrs": List,
}

// FieldNames returns the field names, sorted.
func FieldNames() []string {
	out := make([]string, 0, len(Fields))
	for k := range Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Runbook is what the checks need to know about a runbook.
type Runbook struct {
	ID, Title    string
	LastReviewed site.Date
	ReviewEvery  int // days; 0 when the runbook sets none
	Stale        bool
}

// Env is everything the checks look at. The kind fills it from the
// catalog, runbook, adr and kpi models; tests fill it by hand.
type Env struct {
	Catalog          *catalog.Catalog
	Now              time.Time
	Runbooks         func(serviceID string) []Runbook
	RunbooksForAlert func(alert string) []Runbook
	ADRs             func(serviceID string) []string // ids
	KPILatest        func(kpiID, scope, id string) (value, target float64, met, ok bool)
}

func (e *Env) runbooks(id string) []Runbook {
	if e.Runbooks == nil {
		return nil
	}
	return e.Runbooks(id)
}

func (e *Env) adrs(id string) []string {
	if e.ADRs == nil {
		return nil
	}
	return e.ADRs(id)
}

// Result is one service's result in one scorecard.
type Result struct {
	Service  *catalog.Service
	Level    string // "" when no level was reached
	Outcomes []Outcome
}

// Outcome is one rule's outcome for one service.
type Outcome struct {
	Rule    *Rule
	Status  string // catalog.StatusPass, StatusFail or StatusNA
	Message string
}

// Failing returns the outcomes that failed.
func (r *Result) Failing() []Outcome {
	var out []Outcome
	for _, o := range r.Outcomes {
		if o.Status == catalog.StatusFail {
			out = append(out, o)
		}
	}
	return out
}

// Applies reports whether the scorecard applies to svc.
func (sc *Scorecard) Applies(env *Env, svc *catalog.Service) bool {
	for _, c := range sc.When {
		if !env.Holds(svc, c) {
			return false
		}
	}
	return true
}

// Evaluate runs every rule of sc for svc and computes its level.
func (sc *Scorecard) Evaluate(env *Env, svc *catalog.Service) *Result {
	res := &Result{Service: svc}
	for _, r := range sc.Rules {
		res.Outcomes = append(res.Outcomes, env.Run(r, svc))
	}
	res.Level = LevelOf(sc.Levels, res.Outcomes)
	return res
}

// LevelOf returns the highest level whose rules, and all lower levels'
// rules, pass (a rule that does not apply counts as passing); "" when
// the lowest level already fails. A level without rules is reached as soon
// as the levels below it are.
func LevelOf(levels []string, outcomes []Outcome) string {
	reached := ""
	for _, lvl := range levels {
		for _, o := range outcomes {
			if o.Rule.Level == lvl && o.Status == catalog.StatusFail {
				return reached
			}
		}
		reached = lvl
	}
	return reached
}

// Run evaluates one rule for one service.
func (env *Env) Run(r *Rule, svc *catalog.Service) Outcome {
	for _, c := range r.When {
		if !env.Holds(svc, c) {
			return Outcome{Rule: r, Status: catalog.StatusNA, Message: "applies only where " + c.String()}
		}
	}
	status, msg := env.check(r, svc)
	return Outcome{Rule: r, Status: status, Message: msg}
}

func pass() (string, string) { return catalog.StatusPass, "" }

func fail(format string, args ...any) (string, string) {
	return catalog.StatusFail, fmt.Sprintf(format, args...)
}

func (env *Env) check(r *Rule, svc *catalog.Service) (string, string) {
	c := env.Catalog
	switch r.Check {
	case "has_owner":
		if svc.Owner == "" {
			return fail("no owner is declared")
		}
		return pass()
	case "has_on_call":
		t := c.OwnerTeam(svc)
		switch {
		case t == nil && svc.Owner == "":
			return fail("no owner, so nobody is on call")
		case t == nil:
			return fail("the owner %s is not a team of the handbook with an on-call rotation", svc.Owner)
		case t.OnCall == nil || (t.OnCall.Rotation == "" && t.OnCall.Schedule == "" && len(t.OnCall.Escalation) == 0):
			return fail("team %s declares no on-call rotation", t.ID)
		}
		return pass()
	case "has_slos":
		if !svc.SLOs.Any() {
			return fail("no SLOs are declared")
		}
		return pass()
	case "has_runbook":
		if len(env.runbooks(svc.ID)) == 0 {
			return fail("no runbook names this service")
		}
		return pass()
	case "alerts_have_runbooks":
		if len(svc.Alerts) == 0 {
			return catalog.StatusNA, "the service declares no alerts"
		}
		var missing []string
		for _, a := range svc.Alerts {
			if env.RunbooksForAlert == nil || len(env.RunbooksForAlert(a)) == 0 {
				missing = append(missing, a)
			}
		}
		if len(missing) > 0 {
			return fail("no runbook for alert%s %s", plural(len(missing)), strings.Join(missing, ", "))
		}
		return pass()
	case "runbooks_reviewed":
		rbs := env.runbooks(svc.ID)
		if len(rbs) == 0 {
			return fail("the service has no runbooks to review")
		}
		var late []string
		for _, rb := range rbs {
			if msg := env.reviewLate(rb, r.Days); msg != "" {
				late = append(late, msg)
			}
		}
		if len(late) > 0 {
			return fail("%s", strings.Join(late, "; "))
		}
		return pass()
	case "has_adr":
		if len(env.adrs(svc.ID)) == 0 {
			return fail("no ADR names this service")
		}
		return pass()
	case "has_dashboards":
		if len(svc.Dashboards) == 0 {
			return fail("no dashboards are listed")
		}
		return pass()
	case "dependencies_declared":
		if !svc.DependenciesDeclared {
			return fail("depends_on is not declared (write depends_on: [] when it has none)")
		}
		return pass()
	case "field":
		cond := Cond{Field: r.Field, Op: r.Op, Value: r.Value}
		if env.Holds(svc, cond) {
			return pass()
		}
		v := env.Get(svc, r.Field)
		need := strings.TrimPrefix(cond.String(), r.Field+" ")
		switch {
		case !v.Set && r.Op == "exists":
			return fail("%s is not declared", r.Field)
		case !v.Set:
			return fail("%s is not declared; needs %s", r.Field, need)
		case r.Op == "exists" && v.IsList && len(v.List) == 0:
			return fail("%s has no entries", r.Field)
		case r.Op == "exists":
			return fail("%s is declared; needs it absent", r.Field)
		case v.IsList && (len(v.List) == 0 || strings.ContainsAny(r.Op, "<>")):
			// An empty list, or a list compared by its length.
			return fail("%s has %d entr%s; needs %s", r.Field, len(v.List), map[bool]string{true: "y", false: "ies"}[len(v.List) == 1], need)
		}
		return fail("%s is %s; needs %s", r.Field, v, need)
	case "kpi_target":
		if env.KPILatest == nil {
			return fail("no value of KPI %s is reported for this service", r.KPI)
		}
		value, target, met, ok := env.KPILatest(r.KPI, "service", svc.ID)
		switch {
		case !ok:
			return fail("no value of KPI %s is reported for this service", r.KPI)
		case math.IsNaN(target):
			return fail("KPI %s has no target for this service", r.KPI)
		case !met:
			return fail("KPI %s is %s against a target of %s", r.KPI, formatNum(value), formatNum(target))
		}
		return pass()
	}
	return fail("unknown check %s", r.Check)
}

// reviewLate says why a runbook is overdue for review, or "".
func (env *Env) reviewLate(rb Runbook, days int) string {
	name := rb.ID
	if rb.LastReviewed.IsZero() {
		return "runbook " + name + " has never been reviewed"
	}
	if days <= 0 {
		if rb.Stale {
			return fmt.Sprintf("runbook %s is stale (last reviewed %s)", name, rb.LastReviewed)
		}
		return ""
	}
	age := int(dayOf(env.Now).Sub(dayOf(rb.LastReviewed.Time)).Hours() / 24)
	if age > days {
		return fmt.Sprintf("runbook %s was last reviewed %s, %d days ago (more than %d)", name, rb.LastReviewed, age, days)
	}
	return ""
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func formatNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Get returns the value of a field of svc.
func (env *Env) Get(svc *catalog.Service, field string) Value {
	str := func(s string) Value {
		if s == "" {
			return Value{}
		}
		return Value{Set: true, Str: s}
	}
	num := func(f *float64) Value {
		if f == nil {
			return Value{}
		}
		return Value{Set: true, IsNum: true, Num: *f}
	}
	list := func(xs []string) Value {
		v := Value{Set: true, IsList: true}
		for _, x := range xs {
			v.List = append(v.List, Value{Set: true, Str: x})
		}
		return v
	}
	links := func(ls []catalog.Link) Value {
		var xs []string
		for _, l := range ls {
			xs = append(xs, l.URL)
		}
		return list(xs)
	}
	var oc *catalog.OnCall
	if t := env.Catalog.OwnerTeam(svc); t != nil {
		oc = t.OnCall
	}
	switch field {
	case "id":
		return str(svc.ID)
	case "name":
		return str(svc.Name)
	case "description":
		return str(svc.Description)
	case "owner":
		return str(svc.Owner)
	case "owner_team":
		if t := env.Catalog.OwnerTeam(svc); t != nil {
			return str(t.ID)
		}
		return Value{}
	case "tier":
		if svc.Tier == 0 {
			return Value{}
		}
		return Value{Set: true, IsNum: true, Num: float64(svc.Tier)}
	case "lifecycle":
		return str(svc.Lifecycle)
	case "language":
		return str(svc.Language)
	case "repo":
		return str(svc.Repo)
	case "system":
		return str(svc.System)
	case "type":
		return str(svc.Type)
	case "depends_on":
		if !svc.DependenciesDeclared {
			return Value{IsList: true} // not written at all, unlike depends_on: []
		}
		return list(svc.DependsOn)
	case "dependents":
		return list(svc.Dependents)
	case "alerts":
		return list(svc.Alerts)
	case "tags":
		return list(svc.Tags)
	case "dashboards":
		return links(svc.Dashboards)
	case "links":
		return links(svc.Links)
	case "slos":
		if !svc.SLOs.Any() {
			return Value{}
		}
		return Value{Set: true, Str: "declared"}
	case "slos.availability":
		return num(svc.SLOs.Availability)
	case "slos.latency_p95_ms":
		return num(svc.SLOs.LatencyP95Ms)
	case "slos.error_rate":
		return num(svc.SLOs.ErrorRate)
	case "on_call":
		if oc == nil {
			return Value{}
		}
		return Value{Set: true, Str: "declared"}
	case "on_call.rotation":
		if oc == nil {
			return Value{}
		}
		return str(oc.Rotation)
	case "on_call.schedule":
		if oc == nil {
			return Value{}
		}
		return str(oc.Schedule)
	case "on_call.current":
		if oc == nil {
			return Value{}
		}
		return str(oc.Current)
	case "on_call.escalation":
		var who []string
		if oc != nil {
			for _, l := range oc.Escalation {
				who = append(who, l.Who)
			}
		}
		return list(who)
	case "runbooks":
		var ids []string
		for _, rb := range env.runbooks(svc.ID) {
			ids = append(ids, rb.ID)
		}
		return list(ids)
	case "adrs":
		return list(env.adrs(svc.ID))
	}
	return Value{}
}

// Holds reports whether a predicate holds for svc. A field that is not
// declared satisfies only "!=" and "not_in" (and fails "exists"); a list
// satisfies == and != by containing the value, in and not_in by sharing
// an element with the values, and < <= > >= by its length.
func (env *Env) Holds(svc *catalog.Service, c Cond) bool {
	v := env.Get(svc, c.Field)
	present := v.Set && !(v.IsList && len(v.List) == 0)
	switch c.Op {
	case "exists":
		want := !c.Value.Set || c.Value.Str != "false"
		return present == want
	case "<", "<=", ">", ">=":
		var x float64
		switch {
		case v.IsList:
			x = float64(len(v.List))
		case v.Set && v.IsNum:
			x = v.Num
		default:
			return false
		}
		y := c.Value.Num
		switch c.Op {
		case "<":
			return x < y
		case "<=":
			return x <= y
		case ">":
			return x > y
		}
		return x >= y
	case "==", "!=":
		eq := present && matchAny(v, []Value{c.Value})
		if c.Op == "==" {
			return eq
		}
		return !eq
	case "in", "not_in":
		in := present && matchAny(v, c.Value.List)
		if c.Op == "in" {
			return in
		}
		return !in
	}
	return false
}

// matchAny reports whether v (or, for a list, any element of v) equals
// any of the values.
func matchAny(v Value, values []Value) bool {
	elems := []Value{v}
	if v.IsList {
		elems = v.List
	}
	for _, e := range elems {
		for _, x := range values {
			if equal(e, x) {
				return true
			}
		}
	}
	return false
}

func equal(a, b Value) bool {
	if a.IsNum && b.IsNum {
		return a.Num == b.Num
	}
	if a.IsNum != b.IsNum {
		// A text compared with a number: compare their spellings.
		return a.String() == b.String()
	}
	return a.Str == b.Str
}
