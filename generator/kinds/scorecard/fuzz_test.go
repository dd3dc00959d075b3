package scorecard

import (
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// FuzzParse: any data/scorecards.yaml parses without panicking, and what
// it yields evaluates without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("- id: a\n  levels: [x]\n  when: [{field: tier, op: in, value: [1, [2]]}]\n  rules:\n    - {id: r, level: x, check: field, field: tags, op: '>', value: 1}\n"))
	f.Add([]byte("scorecards:\n  - id: a\n    levels: &l [x, y]\n    rules:\n      - {id: r, level: *l, check: field, field: slos, value: {a: 1}}\n"))
	f.Add([]byte("scorecards: [{id: a, levels: [x], rules: [{id: r, level: x, check: runbooks_reviewed, days: 1e99}]}]\n"))
	env := testEnv()
	f.Fuzz(func(t *testing.T, data []byte) {
		diags := &site.Diagnostics{}
		df := load.ParseYAML("data/scorecards.yaml", data, diags)
		for _, sc := range Parse(df, diags) {
			if len(sc.Levels) == 0 {
				t.Fatalf("scorecard %q without levels", sc.ID)
			}
			for _, svc := range env.Catalog.Services {
				if sc.Applies(env, svc) {
					res := sc.Evaluate(env, svc)
					if res.Level != "" && !contains(sc.Levels, res.Level) {
						t.Fatalf("level %q is not a level of %s", res.Level, sc.ID)
					}
				}
			}
		}
	})
}
