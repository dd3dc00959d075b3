package site

import (
	"slices"
	"strings"
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

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, yaml string
		wantBase   string
		wantDiags  []string
	}{
		{"base URL gets its slash", "base_url: https://corp.example/docs\n", "https://corp.example/docs/", nil},
		{"base URL not absolute", "title: T\nbase_url: /docs/\n", "",
			[]string{`almanac.yaml:2:11: error: base_url "/docs/": it must be an absolute http:// or https:// URL, such as https://docs.example.com/handbook/ [config]`}},
		{"a known rule switched off", "checks:\n  runbook-section: off\n  team-duplicate-id: warning\n", "", nil},
		{"a misspelt rule", "checks:\n  runbook-sectoin: off\n", "",
			[]string{`almanac.yaml:2:3: warning: checks: Almanac has no rule "runbook-sectoin" (did you mean "runbook-section"?); the setting changes nothing [config]`}},
		{"a bad severity", "checks:\n  link-broken: fatal\n", "",
			[]string{`almanac.yaml:2:16: error: checks.link-broken must be off, warning or error, not "fatal" [config]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tt.yaml), &doc); err != nil {
				t.Fatal(err)
			}
			diags := &Diagnostics{}
			cfg := ParseConfig(&doc, diags)
			if cfg.BaseURL != tt.wantBase {
				t.Errorf("BaseURL = %q, want %q", cfg.BaseURL, tt.wantBase)
			}
			var got []string
			for _, d := range diags.List() {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.wantDiags) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.wantDiags, "\n"))
			}
		})
	}
}
