package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

func TestBackstageRealWorldSamples(t *testing.T) {
	s, c := loadSite(t, "", backstageFiles(t, true))
	wantNoErrors(t, s)

	if got := serviceIDs(c.Services); !reflect.DeepEqual(got, []string{"artist-lookup", "playback-order", "wayback-search"}) {
		t.Errorf("services = %v", got)
	}
	var teams []string
	for _, tm := range c.Teams {
		teams = append(teams, tm.ID)
	}
	if !reflect.DeepEqual(teams, []string{"acme-corp", "team-a"}) {
		t.Errorf("teams = %v", teams)
	}

	// Component -> service.
	al := c.Service("artist-lookup")
	if al.Owner != "team-a" || al.Lifecycle != "experimental" || al.Type != "service" || al.Description != "Artist Lookup" ||
		al.System != "artist-engagement-portal" || al.Ref != "component:default/artist-lookup" || al.Pos.String() != "catalog/artist-lookup-component.yaml:7:9" {
		t.Errorf("artist-lookup = %+v", al)
	}
	if !reflect.DeepEqual(al.Tags, []string{"java", "data"}) || len(al.Links) != 7 || al.Links[0] != (catalog.Link{Title: "Examples Users", URL: "https://example.com/user"}) {
		t.Errorf("tags/links = %v %v", al.Tags, al.Links)
	}
	if !reflect.DeepEqual(al.ExternalDeps, []string{"resource:default/artists-db"}) || len(al.DependsOn) != 0 || !al.DependenciesDeclared {
		t.Errorf("deps = %v external %v", al.DependsOn, al.ExternalDeps)
	}
	// An owner that is a user.
	po := c.Service("playback-order")
	if po.Owner != "user:guest" {
		t.Errorf("playback-order owner = %q", po.Owner)
	}
	if tm := c.OwnerTeam(po); tm == nil || tm.ID != "team-a" {
		t.Errorf("owner team of playback-order = %+v", tm)
	}
	if ids := serviceIDs(c.ServicesOf("user:guest")); !reflect.DeepEqual(ids, []string{"playback-order"}) {
		t.Errorf("ServicesOf(user:guest) = %v", ids)
	}
	ws := c.Service("wayback-search")
	if !reflect.DeepEqual(ws.ProvidesAPIs, []string{"api:default/wayback-search"}) || !reflect.DeepEqual(ws.ConsumesAPIs, []string{"api:default/wayback-archive"}) {
		t.Errorf("apis = %v %v", ws.ProvidesAPIs, ws.ConsumesAPIs)
	}

	// Group -> team; User -> member; namespaces are part of identity.
	ta := c.Team("team-a")
	if ta.Email != "team-a@example.com" || ta.Name != "team-a" || ta.Parent != "group:default/backstage" || ta.Type != "team" {
		t.Errorf("team-a = %+v", ta)
	}
	var names []string
	for _, m := range ta.Members {
		names = append(names, m.Handle+"="+m.Name)
	}
	// In the order the descriptors list them.
	wantMembers := []string{"breanna.davison=breanna.davison", "janelle.dawe=Janelle Dawe", "nigel.manning=Nigel Manning", "guest=Guest User", "development/guest=Guest User"}
	if !reflect.DeepEqual(names, wantMembers) {
		t.Errorf("members = %v", names)
	}
	if len(c.Users) != 5 || c.User("guest") == nil || c.User("development--guest") == nil || c.User("guest") == c.User("development--guest") {
		t.Errorf("users = %+v", c.Users)
	}
	if u := c.User("development--guest"); u.Namespace != "development" || u.Ref != "user:development/guest" || !reflect.DeepEqual(u.Teams, []string{"team-a"}) {
		t.Errorf("development guest = %+v", u)
	}
	acme := c.Team("acme-corp")
	if acme.Type != "organization" || !reflect.DeepEqual(acme.Children, []string{"group:default/infrastructure"}) {
		t.Errorf("acme = %+v", acme)
	}

	// System references defined elsewhere become external groupings.
	for _, id := range []string{"artist-engagement-portal", "audio-playback"} {
		if x := c.System(id); x == nil || !x.External {
			t.Errorf("system %s = %+v", id, x)
		}
	}

	// Everything the handbook lacks is a warning, never an error.
	for _, w := range []string{
		`catalog/artist-lookup-component.yaml:38:11: warning: system "system:default/artist-engagement-portal" is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it [catalog-external-ref]`,
		`catalog/artist-lookup-component.yaml:39:15: warning: dependency "resource:default/artists-db" is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it [catalog-external-ref]`,
		`catalog/team-a-group.yaml:12:11: warning: parent group "group:default/backstage" is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it [catalog-external-ref]`,
		`catalog/org.yaml:9:14: warning: child group "group:default/infrastructure" is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it [catalog-external-ref]`,
		`catalog/wayback-search-component.yaml:13:7: warning: API "api:default/wayback-search" is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it [catalog-external-ref]`,
	} {
		wantDiag(t, s, w)
	}
	// The Location entity is skipped with a warning of its own rule.
	wantDiag(t, s, `catalog/org.yaml:14:7: warning: Backstage Location "example-groups" is skipped: Almanac does not follow a Location's targets, so list the files it names under catalog.backstage in almanac.yaml; set checks: {catalog-backstage-skipped: off} to hide this note [catalog-backstage-skipped]`)
	for _, key := range []string{"service:playback-order", "team:team-a", "user:guest", "user:development--guest"} {
		kind, id, _ := strings.Cut(key, ":")
		if _, ok := s.Entity(kind, id); !ok {
			t.Errorf("entity %s missing", key)
		}
	}
	if e, _ := s.Entity("user", "guest"); e.Path != "teams/team-a/#user-guest" {
		t.Errorf("user entity path = %q", e.Path)
	}
}

func TestBackstageInvalidName(t *testing.T) {
	s, c := loadSite(t, "", backstageFiles(t, false))
	wantDiag(t, s, `catalog/invalid-component.yaml:4:9: error: invalid Backstage entity name "invalid component": use letters and digits separated by single -, _ or . (no spaces); try "invalid-component". Backstage rejects this entity, so Almanac skips it [catalog-backstage]`)
	if c.Service("invalid component") != nil || c.Service("invalid-component") != nil {
		t.Error("the invalid component must be skipped")
	}
	errs := errorsOf(s)
	if len(errs) != 1 {
		t.Errorf("want exactly one error, got:\n%s", strings.Join(errs, "\n"))
	}
}

func TestBackstageDiagnostics(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"no apiVersion", "catalog/a.yaml", "kind: Component\nmetadata: {name: a}\n",
			`catalog/a.yaml:1:1: error: this Backstage entity has no apiVersion; add apiVersion: backstage.io/v1alpha1 [catalog-backstage]`},
		{"no kind", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nmetadata: {name: a}\n",
			`catalog/a.yaml:1:1: error: this Backstage entity has no kind; add kind: Component (or Group, User, System) [catalog-backstage]`},
		{"no name", "data/x/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: A\n",
			`data/x/catalog-info.yaml:4:3: error: this Component has no metadata.name; every Backstage entity needs a name [catalog-backstage]`},
		{"name too long", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: " + strings.Repeat("a", 64) + "\n",
			`catalog/a.yaml:4:9: error: invalid Backstage entity name "` + strings.Repeat("a", 64) + `": it has more than 63 characters; try "` + strings.Repeat("a", 63) + `". Backstage rejects this entity, so Almanac skips it [catalog-backstage]`},
		{"double separator", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a--b\n",
			`catalog/a.yaml:4:9: error: invalid Backstage entity name "a--b": use letters and digits separated by single -, _ or . (no spaces); try "a-b". Backstage rejects this entity, so Almanac skips it [catalog-backstage]`},
		{"bad namespace", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: a\n  namespace: Dev_Team\n",
			`catalog/a.yaml:5:14: error: invalid Backstage namespace "Dev_Team": use lowercase letters and digits separated by single dashes (at most 63 characters); Almanac skips this entity [catalog-backstage]`},
		{"owner wrong type", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec:\n  owner: [x]\n",
			`catalog/a.yaml:5:10: error: spec.owner must be text, not a list [catalog-backstage]`},
		{"owner external", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec:\n  owner: group:ops/sre\n",
			`catalog/a.yaml:5:10: warning: owner "group:ops/sre" is not defined in this handbook, so it is shown as external; add its descriptor under catalog/ (or list its file in catalog.backstage) to link it [catalog-external-ref]`},
		{"owner empty", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec:\n  type: service\n  owner: ''\n",
			`catalog/a.yaml:6:10: warning: spec.owner is empty, and Backstage requires an owner on every Component; name the group (or user) that owns it, such as owner: group:default/team-a [catalog-backstage-owner]`},
		{"owner missing", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec:\n  type: service\n",
			`catalog/a.yaml:3:18: warning: this Component has no spec.owner, which Backstage requires; add owner: under spec:, naming the group (or user) that owns it, such as owner: group:default/team-a [catalog-backstage-owner]`},
		{"owner null", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec:\n  owner: ~\n",
			`catalog/a.yaml:5:10: warning: spec.owner is empty, and Backstage requires an owner on every Component; name the group (or user) that owns it, such as owner: group:default/team-a [catalog-backstage-owner]`},
		{"owner is a component", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec:\n  owner: component:a\n",
			`catalog/a.yaml:5:10: error: owner "component:a" is a component; an owner must be a team (group) or a user [catalog-unknown-owner]`},
		{"bad tag", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  tags: [Go 1.2]\n",
			`catalog/a.yaml:5:10: warning: Backstage tag "Go 1.2" is invalid (tags are lowercase letters, digits and : + #, separated by single dashes); try "go-1-2" [catalog-backstage-tag]`},
		{"lifecycle unknown", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec: {lifecycle: beta}\n",
			`catalog/a.yaml:4:19: warning: lifecycle "beta" is not one Almanac knows (experimental, production, deprecated); it is shown as written [catalog-lifecycle]`},
		{"member is a group", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec:\n  members: [group:b]\n",
			`catalog/a.yaml:5:13: error: spec.members lists "group:b", which is a group; members must be users [catalog-backstage]`},
		{"link without url", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: a\n  links:\n    - title: x\n",
			`catalog/a.yaml:6:7: error: this link has no url: [catalog-backstage]`},
		{"duplicate component", "catalog/a.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\n",
			`catalog/a.yaml:7:18: error: duplicate service id "a": already defined at catalog/a.yaml:3:18 [service-duplicate-id]`},
		{"not a mapping", "catalog/a.yaml", "- a\n", `catalog/a.yaml:1:1: error: a Backstage entity must be a mapping with apiVersion, kind, metadata and spec, not a list [catalog-backstage]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := loadSite(t, "", map[string]string{tt.file: tt.body})
			wantDiag(t, s, tt.want)
		})
	}
}

// Entities of kinds Almanac does not show are a warning at their kind:
// line, unless a component's reference uses them.
func TestBackstageSkipped(t *testing.T) {
	const hide = "; set checks: {catalog-backstage-skipped: off} to hide this note [catalog-backstage-skipped]"
	const others = "Almanac shows only Component, Group, System, User entities, and other kinds only where a component's dependsOn, providesApis or consumesApis names them"
	doc := func(kind, name, spec string) string {
		return "apiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec: " + spec + "\n---\n"
	}
	tests := []struct {
		name, body string
		want       []string
	}{
		{"domain", doc("Domain", "music", "{owner: a}"),
			[]string{`catalog/a.yaml:2:7: warning: Backstage Domain "music" is skipped: ` + others + hide}},
		{"location", doc("Location", "groups", "{targets: [./a.yaml]}"),
			[]string{`catalog/a.yaml:2:7: warning: Backstage Location "groups" is skipped: Almanac does not follow a Location's targets, so list the files it names under catalog.backstage in almanac.yaml` + hide}},
		{"template of another apiVersion", "apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: {name: t}\n",
			[]string{`catalog/a.yaml:2:7: warning: Backstage Template "t" is skipped: ` + others + hide}},
		{"supported kind, not a Backstage apiVersion", "apiVersion: example.com/v1\nkind: Component\nmetadata: {name: c}\n",
			[]string{`catalog/a.yaml:2:7: warning: Backstage Component "c" is skipped: apiVersion "example.com/v1" is not a Backstage one (write apiVersion: backstage.io/v1alpha1)` + hide}},
		{"unused API and Resource", doc("API", "search", "{type: openapi}") + doc("Resource", "db", "{type: database}") + doc("Component", "svc", "{owner: x}"),
			[]string{`catalog/a.yaml:2:7: warning: Backstage API "search" is skipped: ` + others + hide,
				`catalog/a.yaml:8:7: warning: Backstage Resource "db" is skipped: ` + others + hide}},
		{"API and Resource a component uses", doc("API", "search", "{type: openapi}") + doc("Resource", "db", "{type: database}") + doc("API", "feed", "{type: grpc}") +
			doc("Component", "svc", "{owner: x, providesApis: [search], consumesApis: [api:default/feed], dependsOn: [resource:db]}"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := loadSite(t, "", map[string]string{"catalog/a.yaml": tt.body})
			wantNoErrors(t, s)
			var got []string
			for _, d := range diagStrings(s) {
				if strings.HasSuffix(d, "[catalog-backstage-skipped]") {
					got = append(got, d)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestBackstageReferencesAndNamespaces(t *testing.T) {
	files := map[string]string{
		"data/teams.yaml": "- id: payments\n  name: Payments\n",
		// A Backstage descriptor under data/, recognised by its apiVersion.
		"data/backstage/entities.yaml": `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sre
  namespace: ops
spec:
  type: team
  profile: {displayName: Site Reliability}
  parent: group:default/payments
  members: [alice]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: alice
  namespace: ops
spec:
  profile: {displayName: Alice, email: alice@example.com}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: alice}
spec:
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: {name: billing, title: Billing, description: Everything that bills.}
spec: {owner: payments}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: billing-db}
spec: {type: database, owner: payments}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: invoicer, namespace: ops}
spec:
  type: service
  lifecycle: production
  owner: sre
  system: default/billing
  dependsOn: [component:default/api, resource:default/billing-db]
`,
		"catalog/api/catalog-info.yml": `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: api}
spec: {owner: user:ops/alice, lifecycle: production, type: service}
`,
	}
	s, c := loadSite(t, "", files)
	wantNoErrors(t, s)
	for _, d := range diagStrings(s) {
		if strings.Contains(d, "billing-db") {
			t.Errorf("a reference to an entity of an unsupported kind that the handbook contains is no warning: %s", d)
		}
	}
	sre := c.Team("ops--sre")
	if sre == nil || sre.Name != "Site Reliability" || sre.Parent != "payments" || sre.Ref != "group:ops/sre" {
		t.Fatalf("ops--sre = %+v", sre)
	}
	if !reflect.DeepEqual(c.Team("payments").Children, []string{"ops--sre"}) {
		t.Errorf("payments children = %v", c.Team("payments").Children)
	}
	// members: [alice] in namespace ops means user:ops/alice, not user:default/alice.
	if len(sre.Members) != 1 || sre.Members[0].User != "ops--alice" || sre.Members[0].Email != "alice@example.com" {
		t.Errorf("sre members = %+v", sre.Members)
	}
	if pm := c.Team("payments").Members; len(pm) != 1 || pm[0].User != "alice" {
		t.Errorf("payments members = %+v", pm)
	}
	inv := c.Service("ops--invoicer")
	if inv == nil || inv.Owner != "ops--sre" || inv.System != "billing" || !reflect.DeepEqual(inv.DependsOn, []string{"api"}) ||
		!reflect.DeepEqual(inv.ExternalDeps, []string{"resource:default/billing-db"}) {
		t.Fatalf("invoicer = %+v", inv)
	}
	if api := c.Service("api"); api.Owner != "user:ops--alice" || !reflect.DeepEqual(api.Dependents, []string{"ops--invoicer"}) {
		t.Errorf("api = %+v", api)
	}
	if tm := c.OwnerTeam(c.Service("api")); tm == nil || tm.ID != "ops--sre" {
		t.Errorf("owner team of api = %+v", tm)
	}
	if x := c.System("billing"); x == nil || x.External || x.Owner != "payments" || x.Name != "Billing" || !reflect.DeepEqual(x.Services, []string{"ops--invoicer"}) {
		t.Errorf("billing = %+v", x)
	}
	if e, ok := s.Entity("system", "billing"); !ok || e.Path != "services/#system-billing" {
		t.Errorf("system entity = %+v", e)
	}
	for _, p := range []string{"data/backstage/entities.yaml", "catalog/api/catalog-info.yml"} {
		if s.Source.ClaimedBy(p) != "catalog" {
			t.Errorf("%s not claimed", p)
		}
	}
}

func TestBackstageConfigFiles(t *testing.T) {
	root := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("repos/one/descriptor.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: one}\nspec: {owner: payments}\n")
	write("repos/two/descriptor.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: two}\nspec: {owner: payments}\n")
	files := map[string]string{
		"data/teams.yaml": "- id: payments\n",
		site.ConfigFile:   "catalog:\n  backstage:\n    - repos/one/descriptor.yaml\n    - repos/*/descriptor.yaml\n    - repos/missing.yaml\n    - ../outside.yaml\n",
	}
	s, c := loadSite(t, root, files)
	if got := serviceIDs(c.Services); !reflect.DeepEqual(got, []string{"one", "two"}) {
		t.Errorf("services = %v", got)
	}
	wantDiagPrefix(t, s, "almanac.yaml:5:7: error: cannot read repos/missing.yaml")
	wantDiag(t, s, "almanac.yaml:6:7: error: ../outside.yaml lies outside the handbook; list files inside it [path-outside]")
	s.Config.CheckUnknownKeys(s.Diags)
	for _, d := range diagStrings(s) {
		if strings.Contains(d, `unknown key "catalog"`) {
			t.Errorf("catalog: config key not marked known: %s", d)
		}
	}
}

// The catalog kind reads only its own data files.
func TestUnrelatedDataFilesIgnored(t *testing.T) {
	s, c := loadSite(t, "", map[string]string{"data/kpis.yaml": "kpis:\n  - id: x\n", "data/other/stuff.yaml": "foo: bar\n"})
	if len(diagStrings(s)) != 0 || len(c.Services)+len(c.Teams) != 0 {
		t.Errorf("diags %v", diagStrings(s))
	}
	if s.PageAt("services/") != nil {
		t.Error("no catalog pages without a catalog")
	}
}

func TestOfWithoutKind(t *testing.T) {
	if c := catalog.Of(nil); c == nil || c.Service("x") != nil || c.ServicesOf("x") != nil {
		t.Error("Of(nil) must be an empty catalog")
	}
	s := site.New(&site.Source{}, site.DefaultConfig(), &site.Diagnostics{}, nil, now)
	if c := catalog.Of(s); c == nil || len(c.Services) != 0 {
		t.Error("Of without the kind must be an empty catalog")
	}
	// A hand-built catalog (as other kinds' tests make) works without an index.
	c := &catalog.Catalog{Teams: []*catalog.Team{{ID: "t"}}, Services: []*catalog.Service{{ID: "a", Owner: "t"}, {ID: "b", Owner: "t"}}}
	if c.Team("t") == nil || c.Service("b") == nil || len(c.ServicesOf("t")) != 2 || c.OwnerTeam(c.Service("a")) == nil {
		t.Error("lookups on a hand-built catalog")
	}
}

func TestLoadTwiceIsFresh(t *testing.T) {
	k := catalog.New()
	for i := 0; i < 2; i++ {
		diags := &site.Diagnostics{}
		src := &site.Source{Data: []*site.DataFile{load.ParseYAML("data/services.yaml", []byte("- id: a\n"), diags)}}
		s := site.New(src, site.DefaultConfig(), diags, nil, now)
		if err := k.Load(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if len(diags.List()) != 0 || len(catalog.Of(s).Services) != 1 {
			t.Fatalf("build %d: %v", i, diags.List())
		}
	}
}
