package site

import (
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestConfigSectionConcurrent reads sections on several goroutines, as
// kinds' BodyFacts may, and checks that each is decoded and counts as
// known (go test -race finds the map writes this once raced on).
func TestConfigSectionConcurrent(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("title: T\nadr:\n  dir: decisions\nrunbooks:\n  dir: ops\nstray: 1\n"), &doc); err != nil {
		t.Fatal(err)
	}
	diags := &Diagnostics{}
	cfg := ParseConfig(&doc, diags)
	var wg sync.WaitGroup
	for i := range 8 {
		key := []string{"adr", "runbooks"}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sec struct {
				Dir string `yaml:"dir"`
			}
			cfg.Section(key, &sec, &Diagnostics{})
			if want := map[string]string{"adr": "decisions", "runbooks": "ops"}[key]; sec.Dir != want {
				t.Errorf("%s.dir = %q, want %q", key, sec.Dir, want)
			}
		}()
	}
	wg.Wait()
	cfg.CheckUnknownKeys(diags)
	list := diags.List()
	if len(list) != 1 || list[0].Rule != "config" {
		t.Fatalf("findings %v, want one: the unknown key stray", list)
	}
}
