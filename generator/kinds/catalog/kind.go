// Package catalog is the ownership catalog of an Almanac handbook: teams,
// the services they own, systems grouping services, and Backstage users.
//
// Sources, in one model:
//
//   - data/teams.yaml, data/services.yaml and data/catalog/*.yaml in
//     Almanac's own format (see native.go);
//   - Backstage descriptors, read as Backstage writes them (see
//     backstage.go): every file named catalog-info.yaml or .yml, every YAML
//     file under catalog/, any YAML file under data/ whose documents have
//     apiVersion backstage.io/..., and the files listed in almanac.yaml under
//     catalog.backstage (paths relative to the handbook root; globs allowed).
//
// Pages: services/ (the catalog table), services/<id>/, services/graph/,
// teams/, teams/<id>/, and catalog.json with its JSON Schema
// catalog.schema.json (see export.go).
//
// Entities: [[service:<id>]], [[team:<id>]], [[system:<id>]] (an anchor on
// services/) and [[user:<id>]] (an anchor on the user's first team's page).
//
// Checks (rule ids): service-duplicate-id, team-duplicate-id,
// system-duplicate-id, user-duplicate-id, catalog-unknown-owner,
// catalog-unknown-dependency, catalog-tier1-owner, catalog-tier1-slo,
// catalog-dependency-cycle (warning), catalog-external-ref (warning),
// catalog-format, catalog-missing-id, catalog-id, catalog-tier,
// catalog-lifecycle, catalog-slo, catalog-link, catalog-member,
// catalog-escalation, catalog-escalation-order (warning),
// catalog-backstage, catalog-backstage-tag (warning),
// catalog-backstage-owner (warning: a Component with an empty spec.owner),
// catalog-backstage-skipped (warning: an entity of a kind Almanac does not
// show, such as a Location or a Domain, that no reference uses).
package catalog

import (
	"context"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Config is the catalog: section of almanac.yaml.
type Config struct {
	// Backstage lists extra Backstage descriptor files (or globs), relative
	// to the handbook root.
	Backstage []text `yaml:"backstage"`
}

// Kind is the catalog content kind.
type Kind struct {
	cat   *Catalog
	pages *pageSet
}

// New returns the catalog kind.
func New() *Kind { return &Kind{} }

// Name implements site.Kind.
func (k *Kind) Name() string { return "catalog" }

// RefKinds implements site.RefKinder: [[service:id]], [[team:id]],
// [[system:id]] and [[user:id]].
func (k *Kind) RefKinds() []string { return []string{"service", "system", "team", "user"} }

// Load implements site.Kind: it reads every catalog file, checks the
// catalog and adds its entities and pages.
func (k *Kind) Load(ctx context.Context, s *site.Site) error {
	var cfg Config
	s.Config.Section("catalog", &cfg, s.Diags)

	l := newLoader(s.Diags)
	done := map[string]bool{}
	for _, df := range s.Source.Data {
		switch classify(df) {
		case fileNative:
			if s.Source.Claim(df.Path, k.Name()) {
				done[df.Path] = true
				l.nativeFile(df)
			}
		case fileBackstage:
			if s.Source.Claim(df.Path, k.Name()) {
				done[df.Path] = true
				l.backstageFile(df)
			}
		}
	}
	for _, entry := range cfg.Backstage {
		pos := entry.pos(site.ConfigFile)
		for _, rel := range k.expand(s, entry.V, pos) {
			if done[rel] {
				continue
			}
			done[rel] = true
			df := s.Source.DataFile(rel)
			if df == nil {
				df = load.ReadDataFile(s.Source.Root, rel, pos, s.Diags)
				if df != nil {
					s.Source.AddExtra(df)
				}
			}
			if df != nil {
				s.Source.Claim(df.Path, k.Name())
				l.backstageFile(df)
			}
		}
	}
	k.cat = l.build()
	s.SetModel(ModelName, k.cat)
	k.addPages(s)
	return nil
}

// expand resolves one catalog.backstage entry to file paths.
func (k *Kind) expand(s *site.Site, entry string, pos site.Pos) []string {
	if entry == "" {
		return nil
	}
	if !strings.ContainsAny(entry, "*?[") {
		return []string{path.Clean(filepath.ToSlash(entry))}
	}
	if _, err := path.Match(entry, ""); err != nil {
		s.Diags.Errorf(pos, "catalog-format", "catalog.backstage: bad pattern %q: %v", entry, err)
		return nil
	}
	out := site.Glob(s.Source.Root, entry)
	s.Source.AddPattern(entry, out)
	if len(out) == 0 {
		s.Diags.Warnf(pos, "catalog-format", "catalog.backstage: %q matches no file", entry)
	}
	return out
}

type fileClass int

const (
	fileOther fileClass = iota
	fileNative
	fileBackstage
)

// classify decides whether a data file belongs to the catalog and in which
// format.
func classify(df *site.DataFile) fileClass {
	p := df.Path
	base := strings.ToLower(path.Base(p))
	backstage := false
	for _, d := range df.Docs {
		if IsBackstage(d) {
			backstage = true
			break
		}
	}
	if backstage {
		return fileBackstage
	}
	switch {
	case p == "data/teams.yaml", p == "data/teams.yml", p == "data/services.yaml", p == "data/services.yml",
		strings.HasPrefix(p, "data/catalog/"):
		return fileNative
	case base == "catalog-info.yaml", base == "catalog-info.yml":
		return fileBackstage
	case strings.HasPrefix(p, load.CatalogDir+"/"):
		if looksNative(df) {
			return fileNative
		}
		return fileBackstage
	}
	return fileOther
}

// looksNative reports whether a file holds Almanac-format catalog data.
func looksNative(df *site.DataFile) bool {
	for _, d := range df.Docs {
		root := d
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		for _, key := range []string{"teams", "services", "systems"} {
			if site.FrontValue(root, key) != nil {
				return true
			}
		}
	}
	return false
}
