package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// codeLangs are the languages of the one code block each page carries.
var codeLangs = []string{"go", "yaml", "sql", "bash", "json", "python"}

// codeBlock returns a fenced code block that no other page has: the page
// number n is part of its identifiers, and its length and constants vary.
func codeBlock(r *rand.Rand, n int, lang, svc string) string {
	var b strings.Builder
	b.WriteString("```" + lang + "\n")
	extra := 2 + r.IntN(8) // varying length
	switch lang {
	case "go":
		fmt.Fprintf(&b, "package page%d\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"time\"\n)\n\n", n)
		fmt.Fprintf(&b, "// Config%d configures the %s client used on page %d.\ntype Config%d struct {\n", n, svc, n, n)
		for i := 0; i < extra; i++ {
			fmt.Fprintf(&b, "\tField%d_%d %s `json:\"field_%d_%d\"`\n", n, i, []string{"string", "int", "time.Duration", "bool"}[i%4], n, i)
		}
		fmt.Fprintf(&b, "}\n\n// Retry%d calls op until it succeeds or %d attempts have failed.\n", n, 3+r.IntN(5))
		fmt.Fprintf(&b, "func Retry%d(ctx context.Context, op func(context.Context) error) error {\n", n)
		fmt.Fprintf(&b, "\tbackoff := %d * time.Millisecond\n\tfor attempt := 1; ; attempt++ {\n", 50+r.IntN(400))
		fmt.Fprintf(&b, "\t\terr := op(ctx)\n\t\tif err == nil || attempt == %d {\n\t\t\treturn fmt.Errorf(\"page %d: attempt %%d: %%w\", attempt, err)\n\t\t}\n", 3+r.IntN(5), n)
		b.WriteString("\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n\t\tcase <-time.After(backoff):\n\t\t\tbackoff *= 2\n\t\t}\n\t}\n}\n")
	case "yaml":
		fmt.Fprintf(&b, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s-%d\n  labels:\n    app: %s\n    page: \"%d\"\n", svc, n, svc, n)
		fmt.Fprintf(&b, "spec:\n  replicas: %d\n  template:\n    spec:\n      containers:\n        - name: %s\n          image: registry.example.org/%s:1.%d.%d\n", 2+r.IntN(10), svc, svc, n%50, r.IntN(20))
		b.WriteString("          env:\n")
		for i := 0; i < extra; i++ {
			fmt.Fprintf(&b, "            - name: SETTING_%d_%d\n              value: \"%d\"\n", n, i, r.IntN(1000))
		}
		fmt.Fprintf(&b, "          resources:\n            requests: {cpu: %dm, memory: %dMi}\n            limits: {memory: %dMi}\n", 100+r.IntN(900), 128+r.IntN(512), 512+r.IntN(1024))
	case "sql":
		fmt.Fprintf(&b, "-- Page %d: find slow %s requests in the last hour.\n", n, svc)
		fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS events_%d (\n    id          BIGSERIAL PRIMARY KEY,\n", n)
		for i := 0; i < extra; i++ {
			fmt.Fprintf(&b, "    col_%d_%d     %s,\n", n, i, []string{"TEXT", "INTEGER", "TIMESTAMPTZ", "NUMERIC(12,2)", "JSONB"}[i%5])
		}
		b.WriteString("    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n\n")
		fmt.Fprintf(&b, "SELECT date_trunc('minute', created_at) AS minute, count(*) AS requests,\n       percentile_cont(0.95) WITHIN GROUP (ORDER BY col_%d_0) AS p95\n", n)
		fmt.Fprintf(&b, "FROM events_%d\nWHERE created_at > now() - interval '%d minutes'\nGROUP BY 1\nORDER BY 1 DESC\nLIMIT %d;\n", n, 30+r.IntN(90), 10+r.IntN(90))
	case "bash":
		fmt.Fprintf(&b, "#!/usr/bin/env bash\n# Page %d: drain and restart %s safely.\nset -euo pipefail\n\n", n, svc)
		fmt.Fprintf(&b, "NAMESPACE=%s\nDEPLOY=%s-%d\nMAX_UNAVAILABLE=%d\n\n", strings.SplitN(svc, "-", 2)[0], svc, n, 1+r.IntN(3))
		b.WriteString("kubectl -n \"$NAMESPACE\" rollout history \"deploy/$DEPLOY\" | tail -5\n")
		for i := 0; i < extra; i++ {
			fmt.Fprintf(&b, "kubectl -n \"$NAMESPACE\" annotate \"deploy/$DEPLOY\" step-%d-%d=\"$(date -u +%%FT%%TZ)\" --overwrite\n", n, i)
		}
		fmt.Fprintf(&b, "kubectl -n \"$NAMESPACE\" rollout restart \"deploy/$DEPLOY\"\nkubectl -n \"$NAMESPACE\" rollout status \"deploy/$DEPLOY\" --timeout=%ds\n", 60+r.IntN(240))
	case "json":
		fmt.Fprintf(&b, "{\n  \"page\": %d,\n  \"service\": \"%s\",\n  \"limits\": {\n    \"requests_per_second\": %d,\n    \"burst\": %d\n  },\n  \"routes\": [\n", n, svc, 100+r.IntN(5000), 10+r.IntN(500))
		for i := 0; i < extra; i++ {
			sep := ","
			if i == extra-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "    {\"path\": \"/v%d/%s/%d/%d\", \"timeout_ms\": %d, \"retries\": %d}%s\n", 1+i%3, svc, n, i, 100+r.IntN(2000), r.IntN(4), sep)
		}
		fmt.Fprintf(&b, "  ],\n  \"owner\": \"page-%d@example.org\"\n}\n", n)
	case "python":
		fmt.Fprintf(&b, "\"\"\"Page %d: report the error budget of %s.\"\"\"\nimport datetime as dt\n\n", n, svc)
		fmt.Fprintf(&b, "SLO_%d = %d.%02d\n\n\ndef budget_minutes_%d(days: int = 30) -> float:\n    return days * 24 * 60 * (1 - SLO_%d / 100)\n\n\n", n, 99, 50+r.IntN(50), n, n)
		fmt.Fprintf(&b, "def burn_rate_%d(bad_minutes: list[float]) -> float:\n    used = 0.0\n", n)
		for i := 0; i < extra; i++ {
			fmt.Fprintf(&b, "    used += bad_minutes[%d] if len(bad_minutes) > %d else 0.0  # window %d.%d\n", i, i, n, i)
		}
		fmt.Fprintf(&b, "    return used / budget_minutes_%d()\n\n\nif __name__ == \"__main__\":\n    print(dt.date.today(), burn_rate_%d([%d.0, %d.5]))\n", n, n, r.IntN(30), r.IntN(30))
	}
	b.WriteString("```\n")
	return b.String()
}
