package catalog_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
)

// validate checks v against the subset of JSON Schema that
// catalog.schema.json uses: type (one or a list), required, properties,
// additionalProperties (false or a schema), items, enum, const, minimum,
// maximum, minLength and $ref to #/$defs/... . It returns one message per
// problem, with the JSON path.
func validate(root, schema map[string]any, v any, path string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{path + ": unknown $ref " + ref}
		}
		return validate(root, def, v, path)
	}
	var errs []string
	if t, ok := schema["type"]; ok {
		types := []string{}
		switch x := t.(type) {
		case string:
			types = append(types, x)
		case []any:
			for _, y := range x {
				types = append(types, y.(string))
			}
		}
		if !hasType(v, types) {
			return []string{fmt.Sprintf("%s: %v is not of type %v", path, v, types)}
		}
	}
	if c, ok := schema["const"]; ok && !reflect.DeepEqual(c, v) {
		errs = append(errs, fmt.Sprintf("%s: %v is not the constant %v", path, v, c))
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if reflect.DeepEqual(e, v) {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", path, v, enum))
		}
	}
	if n, ok := v.(float64); ok {
		if m, ok := schema["minimum"].(float64); ok && n < m {
			errs = append(errs, fmt.Sprintf("%s: %v < minimum %v", path, n, m))
		}
		if m, ok := schema["maximum"].(float64); ok && n > m {
			errs = append(errs, fmt.Sprintf("%s: %v > maximum %v", path, n, m))
		}
	}
	if s, ok := v.(string); ok {
		if m, ok := schema["minLength"].(float64); ok && float64(len(s)) < m {
			errs = append(errs, fmt.Sprintf("%s: %q is shorter than %v", path, s, m))
		}
	}
	switch x := v.(type) {
	case map[string]any:
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: missing required %q", path, r))
				}
			}
		}
		props, _ := schema["properties"].(map[string]any)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, validate(root, p, x[k], path+"."+k)...)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					errs = append(errs, fmt.Sprintf("%s: unexpected property %q", path, k))
				}
			case map[string]any:
				errs = append(errs, validate(root, ap, x[k], path+"."+k)...)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range x {
				errs = append(errs, validate(root, items, it, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return errs
}

func hasType(v any, types []string) bool {
	for _, t := range types {
		switch t {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "number":
			if _, ok := v.(float64); ok {
				return true
			}
		case "integer":
			if f, ok := v.(float64); ok && f == float64(int64(f)) {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		}
	}
	return false
}

func schemaMap(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(catalog.Schema, &m); err != nil {
		t.Fatalf("catalog.schema.json: %v", err)
	}
	return m
}

func TestSchemaCopyInTemplatesIsIdentical(t *testing.T) {
	doc, err := os.ReadFile("../../../templates/catalog/catalog.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, catalog.Schema) {
		t.Error("templates/catalog/catalog.schema.json differs from generator/kinds/catalog/catalog.schema.json; copy one over the other")
	}
	m := schemaMap(t)
	if m["$id"] != catalog.SchemaURL+".json" {
		t.Errorf("$id = %v", m["$id"])
	}
}

func TestExportMatchesSchema(t *testing.T) {
	files := backstageFiles(t, true)
	files["data/teams.yaml"] = teamsList
	files["data/services.yaml"] = servicesList + "- id: orphan\n"
	s, c := loadSite(t, "", files)
	wantNoErrors(t, s)
	// What the scorecard kind sets in its Link.
	c.Scorecards = []*catalog.ScorecardInfo{{ID: "prod", Name: "Production readiness", Levels: []string{"bronze", "silver"},
		Rules: []catalog.RuleInfo{{ID: "owner", Name: "Has owner", Level: "bronze", Check: "has_owner"}}}}
	c.Service("payments-api").Levels = map[string]string{"prod": "silver"}
	c.Service("payments-api").Results = map[string][]catalog.RuleResult{"prod": {{Rule: "owner", Level: "bronze", Status: catalog.StatusPass}}}
	c.Service("orphan").Levels = map[string]string{"prod": ""}
	c.Service("orphan").Results = map[string][]catalog.RuleResult{"prod": {{Rule: "owner", Level: "bronze", Status: catalog.StatusFail, Message: "no owner is declared"}}}

	b, err := c.Export("Handbook").JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	root := schemaMap(t)
	if errs := validate(root, root, doc, "$"); len(errs) > 0 {
		t.Fatalf("catalog.json does not match its schema:\n%s", strings.Join(errs, "\n"))
	}
	if doc["schema"] != catalog.SchemaURL || doc["version"] != float64(1) {
		t.Errorf("schema/version = %v %v", doc["schema"], doc["version"])
	}

	// Spot checks of the content.
	var e catalog.Export
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	byID := map[string]catalog.ExportService{}
	for _, s := range e.Services {
		byID[s.ID] = s
	}
	api := byID["payments-api"]
	if *api.Owner != "payments" || api.OwnerKind != "team" || *api.Tier != 1 || *api.Scorecards["prod"].Level != "silver" || api.DependsOn[0] != "ledger" {
		t.Errorf("payments-api = %+v", api)
	}
	if o := byID["orphan"]; o.Owner != nil || o.OwnerKind != "none" || o.Tier != nil || o.Scorecards["prod"].Level != nil || o.Scorecards["prod"].Rules[0].Status != "fail" {
		t.Errorf("orphan = %+v", o)
	}
	if po := byID["playback-order"]; *po.Owner != "user:guest" || po.OwnerKind != "user" || *po.OwnerTeam != "team-a" || po.BackstageRef != "component:default/playback-order" {
		t.Errorf("playback-order = %+v", po)
	}
	if _, ok := byID["artist-lookup"].Scorecards["prod"]; ok {
		t.Error("a service the scorecard did not evaluate has no result")
	}

	// A broken document is caught by the checker (it is not vacuous).
	doc["version"] = "1"
	delete(doc["services"].([]any)[0].(map[string]any), "owner")
	if errs := validate(root, root, doc, "$"); len(errs) != 2 {
		t.Errorf("checker should find 2 problems, found %q", errs)
	}
}

func TestExportEmptyCatalog(t *testing.T) {
	b, err := (&catalog.Catalog{}).Export("").JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	root := schemaMap(t)
	if errs := validate(root, root, doc, "$"); len(errs) > 0 {
		t.Fatalf("empty catalog.json does not match its schema:\n%s", strings.Join(errs, "\n"))
	}
}
