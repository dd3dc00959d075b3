package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Pos is a position in a source file. Path is slash-separated and relative
// to the handbook root, so that diagnostics read "content/adr/0001-x.md:3:5".
// Line and Col are 1-based; zero means unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Severity says whether a finding fails the build.
type Severity int

const (
	Off Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads the names used in the checks: section of almanac.yaml.
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "off":
		return Off, true
	case "warning", "warn":
		return Warning, true
	case "error":
		return Error, true
	}
	return Off, false
}

// Diagnostic is one finding about the handbook's content.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Rule     string // stable id users can switch off: "link-broken", "adr-status", ...
	Message  string
}

func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
	if d.Rule != "" {
		s += " [" + d.Rule + "]"
	}
	return s
}

// Diagnostics collects findings from every stage. It is safe for
// concurrent use. Overrides (from the config's checks: section) change the
// severity of a rule or switch it off; a nil map keeps every default.
type Diagnostics struct {
	mu        sync.Mutex
	list      []Diagnostic
	overrides map[string]Severity
}

// SetOverrides installs per-rule severities.
func (d *Diagnostics) SetOverrides(m map[string]Severity) {
	d.mu.Lock()
	d.overrides = m
	d.mu.Unlock()
}

// Add records a finding, applying any override for its rule.
func (d *Diagnostics) Add(diag Diagnostic) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if sev, ok := d.overrides[diag.Rule]; ok {
		if sev == Off {
			return
		}
		diag.Severity = sev
	}
	d.list = append(d.list, diag)
}

// Errorf records an error at pos.
func (d *Diagnostics) Errorf(pos Pos, rule, format string, args ...any) {
	d.Add(Diagnostic{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (d *Diagnostics) Warnf(pos Pos, rule, format string, args ...any) {
	d.Add(Diagnostic{Pos: pos, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// List returns the findings sorted by path, line, column, then message, so
// output is stable however the stages interleaved.
func (d *Diagnostics) List() []Diagnostic {
	d.mu.Lock()
	out := append([]Diagnostic(nil), d.list...)
	d.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.Path != b.Pos.Path {
			return a.Pos.Path < b.Pos.Path
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Message < b.Message
	})
	// The same finding reached by two routes is reported once.
	dedup := out[:0]
	for i, x := range out {
		if i > 0 && x == out[i-1] {
			continue
		}
		dedup = append(dedup, x)
	}
	return dedup
}

// DiagnosticsDigest sums up findings, positions included, for a kind's
// body facts (BodyFactsReader); "" for none.
func DiagnosticsDigest(list []Diagnostic) string {
	if len(list) == 0 {
		return ""
	}
	h := sha256.New()
	for _, d := range list {
		io.WriteString(h, d.String())
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Count returns the number of errors and warnings.
func (d *Diagnostics) Count() (errors, warnings int) {
	for _, x := range d.List() {
		switch x.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return
}

// ErrContent is returned (wrapped) by a build whose content has errors.
var ErrContent = fmt.Errorf("the handbook has errors")

// Suggest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a plausible typo.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	limit := len(s)/3 + 1
	if limit > 3 {
		limit = 3
	}
	if bestDist <= limit {
		return best
	}
	return ""
}

// DidYouMean formats Suggest's answer as a hint: ` (did you mean "x"?)`.
func DidYouMean(s string, candidates []string) string {
	if m := Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of neighbours ("stauts")
// each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1) // row i-2
	prev := make([]int, len(rb)+1)  // row i-1
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
