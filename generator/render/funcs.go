package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/almanac-handbook/almanac/generator/markdown"
	"github.com/almanac-handbook/almanac/generator/site"
)

// Funcs are the functions every template can call.
var Funcs = template.FuncMap{
	"date":     formatDate,
	"join":     strings.Join,
	"lower":    strings.ToLower,
	"upper":    strings.ToUpper,
	"title":    titleCase,
	"json":     toJSON,
	"add":      func(a, b int) int { return a + b },
	"sub":      func(a, b int) int { return a - b },
	"mul":      func(a, b float64) float64 { return a * b },
	"div":      func(a, b float64) float64 { return a / b },
	"pct":      func(f float64) string { return num(f) + "%" },
	"num":      num,
	"dict":     dict,
	"list":     func(xs ...any) []any { return xs },
	"slug":     markdown.Slug,
	"contains": contains,
	"badge":    markdown.BadgeClass,
	"seq":      seq,
}

func formatDate(v any) string {
	switch d := v.(type) {
	case site.Date:
		return d.String()
	case *site.Date:
		if d == nil {
			return ""
		}
		return d.String()
	case time.Time:
		if d.IsZero() {
			return ""
		}
		return d.Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

func titleCase(s string) string {
	words := strings.Fields(strings.ReplaceAll(s, "_", " "))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// toJSON marshals v for a <script type="application/json"> block.
// encoding/json escapes <, > and & so the block cannot be closed early.
func toJSON(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// num formats a number compactly: no trailing zeros, at most 2 decimals
// (more for small values).
func num(v any) string {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case *float64:
		if x == nil {
			return "–"
		}
		f = *x
	case int:
		return strconv.Itoa(x)
	default:
		return fmt.Sprint(v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	prec := 2
	if a := math.Abs(f); a != 0 && a < 0.1 {
		prec = 4
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key/value pairs")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func contains(list any, s string) bool {
	switch l := list.(type) {
	case []string:
		for _, x := range l {
			if x == s {
				return true
			}
		}
	case string:
		return strings.Contains(l, s)
	}
	return false
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
