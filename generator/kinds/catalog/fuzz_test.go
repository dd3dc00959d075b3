package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// fuzzLoad runs the catalog loader on one file and builds its export: it
// must never panic, whatever the input.
func fuzzLoad(t *testing.T, path string, data []byte) {
	diags := &site.Diagnostics{}
	src := &site.Source{Data: []*site.DataFile{load.ParseYAML(path, data, diags)}}
	s := site.New(src, site.DefaultConfig(), diags, nil, now)
	if err := catalog.New().Load(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	c := catalog.Of(s)
	if _, err := c.Export("x").JSON(); err != nil {
		t.Fatal(err)
	}
	for _, d := range diags.List() {
		if d.Pos.Path != path {
			t.Fatalf("diagnostic outside the file: %s", d)
		}
	}
}

func FuzzNative(f *testing.F) {
	f.Add([]byte(servicesList))
	f.Add([]byte("services:\n" + indent(servicesList) + "teams:\n" + indent(teamsList)))
	f.Add([]byte("- id: a\n  depends_on: [b]\n- id: b\n  depends_on: [a]\n"))
	f.Add([]byte("- &x {id: a, owner: *x}\n"))
	f.Add([]byte("- id: a\n  tier: [1]\n  slos: {availability: -1}\n  links: [{}]\n"))
	if b, err := os.ReadFile("../../../data/services.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "data/catalog/fuzz.yaml", data)
	})
}

func FuzzNativeTeams(f *testing.F) {
	f.Add([]byte(teamsList))
	f.Add([]byte("- id: a\n  on_call: {escalation: [{who: x, after: 2h}, x, {who: y, level: 2}]}\n"))
	if b, err := os.ReadFile("../../../data/teams.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "data/teams.yaml", data)
	})
}

func FuzzBackstage(f *testing.F) {
	entries, _ := os.ReadDir(backstageDir)
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(backstageDir, e.Name())); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a, namespace: x}\nspec: {owner: user:x/a, dependsOn: [a, 'component:x/a'], system: ':/'}\n"))
	f.Add([]byte("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\nspec: {parent: g, children: [g], members: [':']}\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: u}\nspec: {memberOf: [g, 'group:/']}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "catalog/fuzz.yaml", data)
	})
}

func indent(s string) string {
	out := "  "
	for i := 0; i < len(s); i++ {
		out += string(s[i])
		if s[i] == '\n' && i+1 < len(s) {
			out += "  "
		}
	}
	return out
}
