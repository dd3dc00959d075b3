package catalog

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// This file reads Backstage catalog descriptors (catalog-info.yaml) as
// Backstage writes them: multi-document YAML files of entities with
// apiVersion, kind, metadata and spec.
//
// Mapping to Almanac:
//
//	Component -> service   User   -> member of the teams in spec.memberOf
//	Group     -> team      System -> system (a grouping of services)
//
// Other kinds (API, Resource, Location, Domain, Template...) are skipped:
// references to them are shown as text without a warning, and one that
// nothing refers to is a warning at its kind: line
// (catalog-backstage-skipped).
//
// Ids. An entity in the default namespace keeps its metadata.name as its
// Almanac id, so component "artist-lookup" is [[service:artist-lookup]] at
// services/artist-lookup/ and group "team-a" is [[team:team-a]]. An entity in
// another namespace gets "<namespace>--<name>": user "development/guest" is
// "development--guest". Namespaces and names never contain "--" (Backstage
// forbids consecutive separators), so the mapping cannot collide with a
// default-namespace name. A service owned by a user has Owner
// "user:<id>" (e.g. "user:guest").
//
// References follow Backstage: "[kind:][namespace/]name", with the default
// kind of the field (group for owner, parent, children and memberOf, user
// for members, component for dependsOn, system for system, api for
// providesApis/consumesApis) and the referring entity's namespace.
// Matching is case-insensitive, as in Backstage. A reference to an entity
// the handbook does not contain is a warning (catalog-external-ref) and is
// shown as external: a Backstage catalog is spread over many repositories.

// BackstageName is Backstage's rule for metadata.name.
var backstageNameRe = regexp.MustCompile(`^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$`)

// backstageNamespaceRe is Backstage's rule for metadata.namespace (a DNS label).
var backstageNamespaceRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// backstageTagRe is Backstage's rule for metadata.tags entries.
var backstageTagRe = regexp.MustCompile(`^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$`)

// ValidBackstageName reports whether name is a valid Backstage entity name.
func ValidBackstageName(name string) bool {
	return len(name) >= 1 && len(name) <= 63 && backstageNameRe.MatchString(name)
}

// almanacID maps a Backstage namespace and name to an Almanac id.
func almanacID(ns, name string) string {
	if ns == "" || strings.EqualFold(ns, "default") {
		return name
	}
	return strings.ToLower(ns) + "--" + name
}

// entityKey is the case-insensitive identity of a Backstage entity.
func entityKey(kind, ns, name string) string {
	if ns == "" {
		ns = "default"
	}
	return strings.ToLower(kind + ":" + ns + "/" + name)
}

// parseRef splits "[kind:][namespace/]name", filling in the defaults.
func parseRef(raw, defKind, defNS string) (kind, ns, name string) {
	kind, ns, name = defKind, defNS, strings.TrimSpace(raw)
	if i := strings.IndexByte(name, ':'); i > 0 && (strings.IndexByte(name, '/') < 0 || i < strings.IndexByte(name, '/')) {
		kind, name = strings.ToLower(name[:i]), name[i+1:]
	}
	if i := strings.IndexByte(name, '/'); i >= 0 {
		ns, name = name[:i], name[i+1:]
	}
	if ns == "" {
		ns = "default"
	}
	return kind, ns, name
}

// IsBackstage reports whether a YAML document looks like a Backstage entity.
func IsBackstage(doc *yaml.Node) bool {
	if doc != nil && doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	v := site.FrontValue(doc, "apiVersion")
	return v != nil && v.Kind == yaml.ScalarNode && strings.HasPrefix(v.Value, "backstage.io/")
}

// backstageFile reads every entity of a descriptor file.
func (l *loader) backstageFile(df *site.DataFile) {
	for _, doc := range df.Docs {
		root := doc
		if root.Kind == yaml.DocumentNode {
			if len(root.Content) == 0 {
				continue
			}
			root = root.Content[0]
		}
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue
		}
		l.backstageEntity(df.Path, root)
	}
}

// bs reads typed values out of one entity, reporting type errors.
type bs struct {
	l    *loader
	path string
}

func (b bs) errorf(n *yaml.Node, format string, args ...any) {
	b.l.diags.Errorf(site.PosOf(b.path, n), "catalog-backstage", format, args...)
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// get returns the value of key in mapping m (nil when absent or null).
func get(m *yaml.Node, key string) *yaml.Node {
	n := deref(site.FrontValue(deref(m), key))
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	return n
}

// str returns the text at m.key; where names the field in messages.
func (b bs) str(m *yaml.Node, key, where string) (string, *yaml.Node) {
	n := get(m, key)
	if n == nil {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		b.errorf(n, "%s must be text, not %s", where, site.Describe(n))
		return "", nil
	}
	return strings.TrimSpace(n.Value), n
}

// mapping returns the mapping at m.key.
func (b bs) mapping(m *yaml.Node, key, where string) *yaml.Node {
	n := get(m, key)
	if n != nil && n.Kind != yaml.MappingNode {
		b.errorf(n, "%s must be a mapping, not %s", where, site.Describe(n))
		return nil
	}
	return n
}

// refs returns the texts of the list at m.key (a lone text is a list of one).
func (b bs) refs(m *yaml.Node, key, where string) []refAt {
	n := get(m, key)
	if n == nil {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	} else if n.Kind != yaml.ScalarNode {
		b.errorf(n, "%s must be a list of entity references, not %s", where, site.Describe(n))
		return nil
	}
	var out []refAt
	for _, it := range items {
		it = deref(it)
		if it == nil || (it.Kind == yaml.ScalarNode && it.Tag == "!!null") {
			continue
		}
		if it.Kind != yaml.ScalarNode || it.Value == "" {
			b.errorf(it, "%s entries must be entity references such as \"group:default/team-a\", not %s", where, site.Describe(it))
			continue
		}
		out = append(out, refAt{raw: strings.TrimSpace(it.Value), pos: site.PosOf(b.path, it)})
	}
	return out
}

// supportedKinds are the Backstage kinds Almanac reads.
var supportedKinds = []string{"Component", "Group", "System", "User"}

func (l *loader) backstageEntity(path string, root *yaml.Node) {
	b := bs{l: l, path: path}
	if root.Kind != yaml.MappingNode {
		b.errorf(root, "a Backstage entity must be a mapping with apiVersion, kind, metadata and spec, not %s", site.Describe(root))
		return
	}
	api, apiNode := b.str(root, "apiVersion", "apiVersion")
	kind, kindNode := b.str(root, "kind", "kind")
	if api == "" {
		b.errorf(root, "this Backstage entity has no apiVersion; add apiVersion: backstage.io/v1alpha1")
		return
	}
	if kind == "" {
		b.errorf(root, "this Backstage entity has no kind; add kind: Component (or Group, User, System)")
		return
	}
	meta := b.mapping(root, "metadata", "metadata")
	if meta == nil {
		b.errorf(root, "this %s has no metadata; add metadata: with at least name:", kind)
		return
	}
	name, nameNode := b.str(meta, "name", "metadata.name")
	if nameNode == nil {
		b.errorf(meta, "this %s has no metadata.name; every Backstage entity needs a name", kind)
		return
	}
	if !ValidBackstageName(name) {
		why := "use letters and digits separated by single -, _ or . (no spaces)"
		if len(name) > 63 {
			why = "it has more than 63 characters"
		}
		b.errorf(nameNode, "invalid Backstage entity name %q: %s; try %q. Backstage rejects this entity, so Almanac skips it", name, why, backstageSuggest(name))
		return
	}
	ns, nsNode := b.str(meta, "namespace", "metadata.namespace")
	if ns == "" {
		ns = "default"
	} else if len(ns) > 63 || !backstageNamespaceRe.MatchString(ns) {
		b.errorf(nsNode, "invalid Backstage namespace %q: use lowercase letters and digits separated by single dashes (at most 63 characters); Almanac skips this entity", ns)
		return
	}
	pos := site.PosOf(path, nameNode)
	canonKind := kind
	for _, k := range supportedKinds {
		if strings.EqualFold(k, kind) {
			canonKind = k
		}
	}
	key := entityKey(canonKind, ns, name)
	if !strings.HasPrefix(api, "backstage.io/") || !contains(supportedKinds, canonKind) {
		if _, ok := l.present[key]; !ok {
			l.present[key] = pos
		}
		why := fmt.Sprintf("Almanac shows only %s entities, and other kinds only where a component's dependsOn, providesApis or consumesApis names them",
			strings.Join(supportedKinds, ", "))
		switch {
		case strings.EqualFold(kind, "Location"):
			why = "Almanac does not follow a Location's targets, so list the files it names under catalog.backstage in almanac.yaml"
		case contains(supportedKinds, canonKind):
			why = fmt.Sprintf("apiVersion %q is not a Backstage one (write apiVersion: backstage.io/v1alpha1)", api)
		}
		l.skipped = append(l.skipped, skip{key: key, pos: site.PosOf(path, kindNode),
			msg: fmt.Sprintf("Backstage %s %q is skipped: %s; set checks: {catalog-backstage-skipped: off} to hide this note", kind, name, why)})
		return
	}
	if api != "backstage.io/v1alpha1" && api != "backstage.io/v1beta1" {
		l.diags.Warnf(site.PosOf(path, apiNode), "catalog-backstage", "unknown apiVersion %q; Almanac reads it as backstage.io/v1alpha1", api)
	}
	title, _ := b.str(meta, "title", "metadata.title")
	desc, descNode := b.str(meta, "description", "metadata.description")
	descPos := site.PosOf(path, descNode)
	tags := b.tags(meta)
	links := b.links(meta)
	spec := b.mapping(root, "spec", "spec")
	id := almanacID(ns, name)
	ref := strings.ToLower(canonKind) + ":" + ns + "/" + name
	display := func(profileName string) string {
		switch {
		case profileName != "":
			return profileName
		case title != "":
			return title
		}
		return name
	}

	switch canonKind {
	case "Component":
		svc := &Service{ID: id, Name: display(""), Description: desc, Tags: tags, Links: links, Ref: ref, Pos: pos, descPos: descPos}
		src := &svcSrc{svc: svc, path: path, idPos: pos, tierPos: pos, backstage: true, ns: ns, name: name}
		svc.Type, _ = b.str(spec, "type", "spec.type")
		lc, lcNode := b.str(spec, "lifecycle", "spec.lifecycle")
		if lc != "" {
			svc.Lifecycle = strings.ToLower(lc)
			if !contains(Lifecycles, svc.Lifecycle) {
				l.diags.Warnf(site.PosOf(path, lcNode), "catalog-lifecycle", "lifecycle %q is not one Almanac knows%s (%s); it is shown as written",
					lc, site.DidYouMean(svc.Lifecycle, Lifecycles), strings.Join(Lifecycles, ", "))
			}
		}
		if owner, n := b.str(spec, "owner", "spec.owner"); owner != "" {
			src.owner = refAt{raw: owner, pos: site.PosOf(path, n)}
		} else if n := deref(site.FrontValue(deref(spec), "owner")); n != nil && n.Kind == yaml.ScalarNode {
			l.diags.Warnf(site.PosOf(path, n), "catalog-backstage-owner", "spec.owner is empty, and Backstage requires an owner on every Component; name the group (or user) that owns it, such as owner: group:default/team-a")
		} else if n == nil {
			l.diags.Warnf(pos, "catalog-backstage-owner", "this Component has no spec.owner, which Backstage requires; add owner: under spec:, naming the group (or user) that owns it, such as owner: group:default/team-a")
		}
		if system, n := b.str(spec, "system", "spec.system"); system != "" {
			src.system = refAt{raw: system, pos: site.PosOf(path, n)}
		}
		svc.DependenciesDeclared = site.FrontValue(deref(spec), "dependsOn") != nil
		src.deps = b.refs(spec, "dependsOn", "spec.dependsOn")
		src.provides = b.refs(spec, "providesApis", "spec.providesApis")
		src.consumes = b.refs(spec, "consumesApis", "spec.consumesApis")
		l.services = append(l.services, src)
	case "Group":
		profile := b.mapping(spec, "profile", "spec.profile")
		dn, _ := b.str(profile, "displayName", "spec.profile.displayName")
		email, _ := b.str(profile, "email", "spec.profile.email")
		t := &Team{ID: id, Name: display(dn), Description: desc, Links: links, Email: email, Ref: ref, Pos: pos, descPos: descPos}
		t.Type, _ = b.str(spec, "type", "spec.type")
		src := &teamSrc{team: t, path: path, backstage: true, ns: ns, name: name}
		if parent, n := b.str(spec, "parent", "spec.parent"); parent != "" {
			src.parent = refAt{raw: parent, pos: site.PosOf(path, n)}
		}
		src.children = b.refs(spec, "children", "spec.children")
		src.members = b.refs(spec, "members", "spec.members")
		l.teams = append(l.teams, src)
	case "User":
		profile := b.mapping(spec, "profile", "spec.profile")
		dn, _ := b.str(profile, "displayName", "spec.profile.displayName")
		email, _ := b.str(profile, "email", "spec.profile.email")
		u := &User{ID: id, Name: display(dn), Email: email, Namespace: ns, Ref: ref, Pos: pos}
		l.users = append(l.users, &userSrc{user: u, path: path, ns: ns, name: name, memberOf: b.refs(spec, "memberOf", "spec.memberOf")})
	case "System":
		x := &System{ID: id, Name: display(""), Description: desc, Ref: ref, Pos: pos, descPos: descPos}
		src := &systemSrc{sys: x, path: path, backstage: true, ns: ns, name: name}
		if owner, n := b.str(spec, "owner", "spec.owner"); owner != "" {
			src.owner = refAt{raw: owner, pos: site.PosOf(path, n)}
		}
		l.systems = append(l.systems, src)
	}
}

func (b bs) tags(meta *yaml.Node) []string {
	var out []string
	for _, r := range b.refs(meta, "tags", "metadata.tags") {
		if len(r.raw) > 63 || !backstageTagRe.MatchString(r.raw) {
			b.l.diags.Warnf(r.pos, "catalog-backstage-tag", "Backstage tag %q is invalid (tags are lowercase letters, digits and : + #, separated by single dashes); try %q",
				r.raw, backstageSuggest(strings.ToLower(r.raw)))
		}
		if !contains(out, r.raw) {
			out = append(out, r.raw)
		}
	}
	return out
}

func (b bs) links(meta *yaml.Node) []Link {
	n := get(meta, "links")
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		b.errorf(n, "metadata.links must be a list of {url, title} entries, not %s", site.Describe(n))
		return nil
	}
	var out []Link
	for _, it := range n.Content {
		it = deref(it)
		if it == nil {
			continue
		}
		if it.Kind != yaml.MappingNode {
			b.errorf(it, "metadata.links entries must be mappings with url: and title:, not %s", site.Describe(it))
			continue
		}
		url, urlNode := b.str(it, "url", "metadata.links[].url")
		title, _ := b.str(it, "title", "metadata.links[].title")
		if url == "" {
			b.errorf(it, "this link has no url:")
			continue
		}
		if !b.l.safeURL(b.path, urlNode, url, "metadata.links") {
			continue
		}
		if title == "" {
			title = url
		}
		out = append(out, Link{Title: title, URL: url})
	}
	return out
}

var bsBadRe = regexp.MustCompile(`[^A-Za-z0-9]+`)

// backstageSuggest turns a name into a valid Backstage name.
func backstageSuggest(s string) string {
	s = strings.Trim(bsBadRe.ReplaceAllString(s, "-"), "-")
	if len(s) > 63 {
		s = strings.TrimRight(s[:63], "-")
	}
	if s == "" {
		return "my-entity"
	}
	return s
}
