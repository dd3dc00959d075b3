package runbook

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Config is the runbooks: section of almanac.yaml.
type Config struct {
	Dir             string   `yaml:"dir"`
	ReviewEvery     int      `yaml:"review_every"`
	RequireSections bool     `yaml:"require_sections"`
	Sections        []string `yaml:"sections"`
	Pos             site.Pos `yaml:"-"`
}

// DefaultSections are the sections a runbook is expected to have.
var DefaultSections = []string{"Symptoms", "Impact", "Diagnosis", "Mitigation", "Escalation"}

// DefaultConfig returns the configuration used without a runbooks: section.
func DefaultConfig() Config {
	return Config{Dir: "runbooks", ReviewEvery: 180, RequireSections: true, Sections: append([]string(nil), DefaultSections...)}
}

// Severities are the allowed severities, worst first.
var Severities = []string{"sev1", "sev2", "sev3", "sev4"}

var sevRe = regexp.MustCompile(`^(?:sev)?[ _-]?([1-4])$`)

// NormalizeSeverity maps "SEV1", "Sev 2", "sev-3" or 4 to "sev1".."sev4".
func NormalizeSeverity(s string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if m := sevRe.FindStringSubmatch(t); m != nil {
		return "sev" + m[1], true
	}
	return "", false
}

// severity is a front matter severity; a bare number is accepted.
type severity struct {
	Value     string
	Line, Col int
}

func (v *severity) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a severity sev1 to sev4")
	}
	v.Value, v.Line, v.Col = n.Value, n.Line, n.Column
	return nil
}

// frontMatter is a runbook's front matter.
type frontMatter struct {
	Title        string    `yaml:"title"`
	Service      string    `yaml:"service"`
	Alerts       []string  `yaml:"alerts"`
	Severity     severity  `yaml:"severity"`
	Owner        string    `yaml:"owner"`
	LastReviewed site.Date `yaml:"last_reviewed"`
	ReviewEvery  *int      `yaml:"review_every"`
	Pos          site.Pos  `yaml:"-"`
}

var (
	h1Re    = regexp.MustCompile(`^ {0,3}#[ \t]+(.+?)[ \t#]*$`)
	h2Re    = regexp.MustCompile(`^ {0,3}##[ \t]+(.+?)[ \t#]*$`)
	fenceRe = regexp.MustCompile("^ {0,3}(```|~~~)")
)

// Headings returns the text of a Markdown body's level-2 headings (ATX and
// setext), outside fenced code blocks.
func Headings(body []byte) []string {
	var out []string
	inFence := false
	lines := strings.Split(string(body), "\n")
	for i, l := range lines {
		if fenceRe.MatchString(l) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if m := h2Re.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
			continue
		}
		if i > 0 && strings.TrimSpace(lines[i-1]) != "" && isSetext2(l) && !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "#") && !isListOrBreak(lines[i-1]) {
			out = append(out, strings.TrimSpace(lines[i-1]))
		}
	}
	return out
}

func isSetext2(l string) bool {
	t := strings.TrimRight(l, " \t")
	if len(t)-len(strings.TrimLeft(t, " ")) > 3 {
		return false
	}
	t = strings.TrimSpace(t)
	return len(t) >= 2 && strings.Trim(t, "-") == ""
}

func isListOrBreak(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") || strings.Trim(t, "-*_ ") == ""
}

// Title returns the text of a body's leading H1, if any.
func Title(body []byte) string {
	for _, l := range strings.Split(string(body), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if m := h1Re.FindStringSubmatch(l); m != nil {
			return m[1]
		}
		return ""
	}
	return ""
}

// normHeading lower-cases a heading and keeps only letters, digits and
// single spaces, so "Diagnosis:" and "**Diagnosis**" compare equal.
func normHeading(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// MissingSections returns the recommended sections a body lacks. A heading
// counts when it contains the section's name as whole words ("Diagnosis
// and triage" counts as Diagnosis).
func MissingSections(body []byte, sections []string) []string {
	var have []string
	for _, h := range Headings(body) {
		have = append(have, " "+normHeading(h)+" ")
	}
	var out []string
	for _, s := range sections {
		want := " " + normHeading(s) + " "
		if strings.TrimSpace(want) == "" {
			continue
		}
		found := false
		for _, h := range have {
			if strings.Contains(h, want) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

// isIndex reports README.md, index.md and _index.md.
func isIndex(name string) bool {
	stem := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	return stem == "readme" || stem == "index" || stem == "_index"
}

// isTemplate reports template.md, runbook-template*.md and similar.
func isTemplate(name string) bool {
	stem := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	return stem == "template" || stem == "_template" || strings.HasPrefix(stem, "runbook-template") || strings.HasSuffix(stem, "-template")
}

// alertLess orders alerts case-insensitively.
func alertLess(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}

// days between two dates (b - a).
func daysBetween(a, b site.Date) int {
	return int(b.Sub(a.Time).Hours() / 24)
}
