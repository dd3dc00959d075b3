package catalog

import (
	"sort"
	"strings"

	"github.com/almanac-handbook/almanac/generator/site"
)

// loader collects teams, services, systems and users from every catalog
// file, then resolves their references and checks them (build).
type loader struct {
	diags    *site.Diagnostics
	teams    []*teamSrc
	services []*svcSrc
	systems  []*systemSrc
	users    []*userSrc
	present  map[string]site.Pos // every Backstage entity read, by entityKey, any kind
	skipped  []skip              // entities of kinds Almanac does not show
}

func newLoader(diags *site.Diagnostics) *loader {
	return &loader{diags: diags, present: map[string]site.Pos{}}
}

// skip is a Backstage entity Almanac does not show: reported unless a
// reference uses it.
type skip struct {
	key string // entityKey
	pos site.Pos
	msg string
}

// refAt is a reference as written, with its position.
type refAt struct {
	raw string
	pos site.Pos
}

type svcSrc struct {
	svc                      *Service
	path                     string
	idPos, tierPos           site.Pos
	owner, system            refAt
	deps, provides, consumes []refAt
	backstage                bool
	ns, name                 string
}

type teamSrc struct {
	team             *Team
	path             string
	backstage        bool
	ns, name         string
	parent           refAt
	children         []refAt
	members          []refAt
	memberIDs        map[string]bool
	externalChildren []string
}

type userSrc struct {
	user     *User
	path     string
	ns, name string
	memberOf []refAt
}

type systemSrc struct {
	sys       *System
	path      string
	owner     refAt
	backstage bool
	ns, name  string
}

// resolved is what a reference points at.
type resolved struct {
	kind      string // lowercased Backstage kind: group, user, component, system, ...
	id        string // Almanac id when found
	canonical string // "kind:namespace/name"
	found     bool   // an entity Almanac shows
	present   bool   // an entity of an unsupported kind that the handbook does contain
}

// build resolves references, runs the catalog checks and returns the model.
func (l *loader) build() *Catalog {
	c := &Catalog{}

	// Ids: the first definition wins; later ones are errors.
	teams := map[string]*teamSrc{}
	teamKeys := map[string]*teamSrc{}
	for _, t := range l.teams {
		if old, ok := teams[t.team.ID]; ok {
			l.diags.Errorf(t.team.Pos, "team-duplicate-id", "duplicate team id %q: already defined at %s", t.team.ID, old.team.Pos)
			continue
		}
		teams[t.team.ID] = t
		if t.name == "" {
			t.ns, t.name = "default", t.team.ID
		}
		teamKeys[entityKey("group", t.ns, t.name)] = t
		c.Teams = append(c.Teams, t.team)
	}
	services := map[string]*svcSrc{}
	serviceKeys := map[string]*svcSrc{}
	var svcs []*svcSrc
	for _, s := range l.services {
		if old, ok := services[s.svc.ID]; ok {
			l.diags.Errorf(s.svc.Pos, "service-duplicate-id", "duplicate service id %q: already defined at %s", s.svc.ID, old.svc.Pos)
			continue
		}
		services[s.svc.ID] = s
		if s.name == "" {
			s.ns, s.name = "default", s.svc.ID
		}
		serviceKeys[entityKey("component", s.ns, s.name)] = s
		svcs = append(svcs, s)
		c.Services = append(c.Services, s.svc)
	}
	systems := map[string]*System{}
	systemKeys := map[string]*System{}
	var syss []*systemSrc
	for _, x := range l.systems {
		if old, ok := systems[x.sys.ID]; ok {
			l.diags.Errorf(x.sys.Pos, "system-duplicate-id", "duplicate system id %q: already defined at %s", x.sys.ID, old.Pos)
			continue
		}
		systems[x.sys.ID] = x.sys
		if x.name == "" {
			x.ns, x.name = "default", x.sys.ID
		}
		systemKeys[entityKey("system", x.ns, x.name)] = x.sys
		syss = append(syss, x)
		c.Systems = append(c.Systems, x.sys)
	}
	users := map[string]*User{}
	userKeys := map[string]*User{}
	var usrs []*userSrc
	for _, u := range l.users {
		if old, ok := users[u.user.ID]; ok {
			l.diags.Errorf(u.user.Pos, "user-duplicate-id", "duplicate user %q: already defined at %s", u.user.Ref, old.Pos)
			continue
		}
		users[u.user.ID] = u.user
		userKeys[entityKey("user", u.ns, u.name)] = u.user
		usrs = append(usrs, u)
		c.Users = append(c.Users, u.user)
	}

	used := map[string]bool{} // skipped entities that a reference names
	lookup := func(raw, defKind, defNS string) resolved {
		kind, ns, name := parseRef(raw, defKind, defNS)
		key := entityKey(kind, ns, name)
		r := resolved{kind: kind, canonical: kind + ":" + ns + "/" + name}
		switch kind {
		case "group":
			if t := teamKeys[key]; t != nil {
				r.id, r.found = t.team.ID, true
			}
		case "user":
			if u := userKeys[key]; u != nil {
				r.id, r.found = u.ID, true
			}
		case "component":
			if s := serviceKeys[key]; s != nil {
				r.id, r.found = s.svc.ID, true
			}
		case "system":
			if x := systemKeys[key]; x != nil {
				r.id, r.found = x.ID, true
			}
		}
		if !r.found {
			_, r.present = l.present[key]
			used[key] = used[key] || r.present
		}
		return r
	}
	external := func(pos site.Pos, what string, r resolved) {
		l.diags.Warnf(pos, "catalog-external-ref", "%s %q is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it",
			what, r.canonical)
	}

	// Membership: User.spec.memberOf and Group.spec.members.
	addMember := func(t *teamSrc, u *User) {
		if t.memberIDs == nil {
			t.memberIDs = map[string]bool{}
		}
		if t.memberIDs[u.ID] {
			return
		}
		t.memberIDs[u.ID] = true
		handle := u.Ref[strings.IndexByte(u.Ref, ':')+1:]
		handle = strings.TrimPrefix(handle, "default/")
		t.team.Members = append(t.team.Members, Member{Name: u.Name, Handle: handle, Email: u.Email, User: u.ID})
		if !contains(u.Teams, t.team.ID) {
			u.Teams = append(u.Teams, t.team.ID)
		}
	}
	for _, t := range l.teams {
		if teams[t.team.ID] != t {
			continue
		}
		for _, m := range t.members {
			r := lookup(m.raw, "user", t.ns)
			switch {
			case r.found && r.kind == "user":
				addMember(t, users[r.id])
			case r.kind != "user":
				l.diags.Errorf(m.pos, "catalog-backstage", "spec.members lists %q, which is a %s; members must be users", m.raw, r.kind)
			default:
				external(m.pos, "member", r)
				t.team.Members = append(t.team.Members, Member{Name: r.canonical, External: true})
			}
		}
	}
	for _, u := range usrs {
		for _, m := range u.memberOf {
			r := lookup(m.raw, "group", u.ns)
			switch {
			case r.found && r.kind == "group":
				addMember(teams[r.id], u.user)
			case r.kind != "group":
				l.diags.Errorf(m.pos, "catalog-backstage", "spec.memberOf lists %q, which is a %s; users are members of groups", m.raw, r.kind)
			default:
				external(m.pos, "group", r)
			}
		}
	}

	// Parents and children.
	for _, t := range l.teams {
		if teams[t.team.ID] != t {
			continue
		}
		if t.parent.raw != "" {
			r := lookup(t.parent.raw, "group", t.ns)
			if r.found && r.kind == "group" {
				t.team.Parent = r.id
				p := teams[r.id]
				if !contains(p.team.Children, t.team.ID) {
					p.team.Children = append(p.team.Children, t.team.ID)
				}
			} else {
				external(t.parent.pos, "parent group", r)
				t.team.Parent = r.canonical
			}
		}
		for _, ch := range t.children {
			r := lookup(ch.raw, "group", t.ns)
			id := r.canonical
			if r.found && r.kind == "group" {
				id = r.id
			} else {
				external(ch.pos, "child group", r)
			}
			if !contains(t.team.Children, id) {
				t.team.Children = append(t.team.Children, id)
			}
		}
	}

	// Owners of services and systems.
	teamIDs := make([]string, 0, len(teams))
	for id := range teams {
		teamIDs = append(teamIDs, id)
	}
	sort.Strings(teamIDs)
	resolveOwner := func(o refAt, backstage bool, ns, what string) string {
		if o.raw == "" {
			return ""
		}
		if !backstage && teams[o.raw] != nil {
			return o.raw
		}
		r := lookup(o.raw, "group", ns)
		switch {
		case r.found && r.kind == "group":
			return r.id
		case r.found && r.kind == "user":
			return "user:" + r.id
		case r.found || r.kind != "group" && r.kind != "user":
			l.diags.Errorf(o.pos, "catalog-unknown-owner", "owner %q is a %s; an owner must be a team (group) or a user", o.raw, r.kind)
			return ""
		case backstage:
			external(o.pos, "owner", r)
			return r.canonical
		}
		l.diags.Errorf(o.pos, "catalog-unknown-owner", "%s owner %q is not a team in the catalog%s; teams are defined in data/teams.yaml (or as Backstage Groups)%s",
			what, o.raw, site.DidYouMean(o.raw, teamIDs), knownList(teamIDs))
		return ""
	}
	for _, s := range svcs {
		s.svc.Owner = resolveOwner(s.owner, s.backstage, s.ns, "service "+s.svc.ID+":")
	}
	for _, x := range syss {
		x.sys.Owner = resolveOwner(x.owner, x.backstage, x.ns, "system "+x.sys.ID+":")
	}

	// Systems of services; a system that is named but not defined becomes
	// a grouping of its own (external when named by a Backstage entity).
	for _, s := range svcs {
		if s.system.raw == "" {
			continue
		}
		r := lookup(s.system.raw, "system", s.ns)
		switch {
		case r.found && r.kind == "system":
			s.svc.System = r.id
		case r.kind != "system":
			l.diags.Errorf(s.system.pos, "catalog-backstage", "system %q is a %s, not a system", s.system.raw, r.kind)
		case s.backstage:
			_, ns, name := parseRef(s.system.raw, "system", s.ns)
			id := almanacID(ns, name)
			if systems[id] == nil {
				if !r.present {
					external(s.system.pos, "system", r)
				}
				x := &System{ID: id, Name: name, External: true, Ref: r.canonical, Pos: s.system.pos}
				systems[id] = x
				systemKeys[entityKey("system", ns, name)] = x
				c.Systems = append(c.Systems, x)
			}
			s.svc.System = id
		default:
			id := s.system.raw
			if !idRe.MatchString(id) {
				l.diags.Errorf(s.system.pos, "catalog-id", "system id %q may contain only letters, digits, '-', '_' and '.'; try %q", id, slugify(id))
				continue
			}
			if systems[id] == nil {
				x := &System{ID: id, Name: id, Pos: s.system.pos}
				systems[id] = x
				systemKeys[entityKey("system", "default", id)] = x
				c.Systems = append(c.Systems, x)
			}
			s.svc.System = id
		}
	}

	// Dependencies and APIs.
	svcIDs := make([]string, 0, len(services))
	for id := range services {
		svcIDs = append(svcIDs, id)
	}
	sort.Strings(svcIDs)
	depPos := map[[2]string]site.Pos{}
	for _, s := range svcs {
		for _, d := range s.deps {
			var r resolved
			if !s.backstage && services[d.raw] != nil {
				r = resolved{kind: "component", id: d.raw, found: true}
			} else {
				r = lookup(d.raw, "component", s.ns)
			}
			switch {
			case r.found && r.kind == "component":
				if !contains(s.svc.DependsOn, r.id) {
					s.svc.DependsOn = append(s.svc.DependsOn, r.id)
					depPos[[2]string{s.svc.ID, r.id}] = d.pos
				}
			case s.backstage || r.present || (r.kind != "component" && strings.Contains(d.raw, ":")):
				if !r.present {
					external(d.pos, "dependency", r)
				}
				if !contains(s.svc.ExternalDeps, r.canonical) {
					s.svc.ExternalDeps = append(s.svc.ExternalDeps, r.canonical)
				}
			default:
				l.diags.Errorf(d.pos, "catalog-unknown-dependency", "service %s: depends_on names %q, which is not a service in the catalog%s",
					s.svc.ID, d.raw, site.DidYouMean(d.raw, svcIDs))
			}
		}
		for _, list := range []struct {
			refs []refAt
			out  *[]string
		}{{s.provides, &s.svc.ProvidesAPIs}, {s.consumes, &s.svc.ConsumesAPIs}} {
			for _, a := range list.refs {
				r := lookup(a.raw, "api", s.ns)
				if !r.present {
					external(a.pos, "API", r)
				}
				if !contains(*list.out, r.canonical) {
					*list.out = append(*list.out, r.canonical)
				}
			}
		}
	}

	for _, x := range l.skipped {
		if !used[x.key] {
			l.diags.Warnf(x.pos, "catalog-backstage-skipped", "%s", x.msg)
		}
	}

	// Tier-1 rules.
	for _, s := range svcs {
		if s.svc.Tier != 1 {
			continue
		}
		if s.svc.Owner == "" && s.owner.raw == "" {
			l.diags.Errorf(s.tierPos, "catalog-tier1-owner", "service %s is tier 1 but has no owner; add owner: <team id> so that someone is paged when it breaks", s.svc.ID)
		}
		if !s.svc.SLOs.Any() {
			l.diags.Errorf(s.tierPos, "catalog-tier1-slo", "service %s is tier 1 but declares no SLOs; add slos: {availability: 99.9, latency_p95_ms: 300, error_rate: 0.5} with its real objectives", s.svc.ID)
		}
	}

	// Derived lists, sorted.
	for _, s := range c.Services {
		for _, d := range s.DependsOn {
			t := services[d].svc
			t.Dependents = append(t.Dependents, s.ID)
		}
		if s.System != "" {
			x := systems[s.System]
			x.Services = append(x.Services, s.ID)
		}
	}
	sort.Slice(c.Teams, func(i, j int) bool { return c.Teams[i].ID < c.Teams[j].ID })
	sort.Slice(c.Services, func(i, j int) bool { return c.Services[i].ID < c.Services[j].ID })
	sort.Slice(c.Systems, func(i, j int) bool { return c.Systems[i].ID < c.Systems[j].ID })
	sort.Slice(c.Users, func(i, j int) bool { return c.Users[i].ID < c.Users[j].ID })
	for _, s := range c.Services {
		sort.Strings(s.Dependents)
		sort.Strings(s.ExternalDeps)
	}
	for _, t := range c.Teams {
		sort.Strings(t.Children)
	}
	for _, x := range c.Systems {
		sort.Strings(x.Services)
	}
	for _, u := range c.Users {
		sort.Strings(u.Teams)
	}
	c.index()
	l.cycles(c, depPos)
	return c
}

func knownList(ids []string) string {
	if len(ids) == 0 {
		return "; no teams are defined yet"
	}
	if len(ids) > 12 {
		return ""
	}
	return "; known teams: " + strings.Join(ids, ", ")
}

// cycles warns about every dependency cycle, once per strongly connected
// component, at the depends_on entry that starts the cycle.
func (l *loader) cycles(c *Catalog, depPos map[[2]string]site.Pos) {
	for _, scc := range stronglyConnected(c) {
		start := scc[0] // sorted: the smallest id
		in := map[string]bool{}
		for _, id := range scc {
			in[id] = true
		}
		if len(scc) == 1 && !contains(c.Service(start).DependsOn, start) {
			continue
		}
		// Shortest path start -> ... -> start inside the component (BFS).
		prev := map[string]string{}
		queue := []string{start}
		found := ""
	bfs:
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			deps := append([]string(nil), c.Service(cur).DependsOn...)
			sort.Strings(deps)
			for _, d := range deps {
				if !in[d] {
					continue
				}
				if d == start {
					found = cur
					break bfs
				}
				if _, seen := prev[d]; !seen {
					prev[d] = cur
					queue = append(queue, d)
				}
			}
		}
		var chain []string
		for n := found; n != start && n != ""; n = prev[n] {
			chain = append([]string{n}, chain...)
		}
		cycle := append(append([]string{start}, chain...), start)
		next := cycle[1]
		l.diags.Warnf(depPos[[2]string{start, next}], "catalog-dependency-cycle",
			"dependency cycle: %s; services in a cycle cannot be started or recovered one at a time — break the cycle with an asynchronous boundary (events, a queue) or merge the services",
			strings.Join(cycle, " → "))
	}
}

// stronglyConnected returns the strongly connected components of the
// dependency graph (Tarjan), each sorted, in order of their smallest id.
func stronglyConnected(c *Catalog) [][]string {
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	var out [][]string
	next := 0
	var visit func(id string)
	visit = func(id string) {
		index[id], low[id] = next, next
		next++
		stack = append(stack, id)
		onStack[id] = true
		for _, d := range c.Service(id).DependsOn {
			if _, ok := index[d]; !ok {
				visit(d)
				low[id] = min(low[id], low[d])
			} else if onStack[d] {
				low[id] = min(low[id], index[d])
			}
		}
		if low[id] == index[id] {
			var comp []string
			for {
				n := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[n] = false
				comp = append(comp, n)
				if n == id {
					break
				}
			}
			sort.Strings(comp)
			out = append(out, comp)
		}
	}
	for _, s := range c.Services {
		if _, ok := index[s.ID]; !ok {
			visit(s.ID)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
