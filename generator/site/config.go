package site

import (
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of the optional config file at the handbook root.
const ConfigFile = "almanac.yaml"

// Config is almanac.yaml. The core keys are decoded here; each kind decodes
// its own section with Section, which also marks the key as known so that
// unknown keys can be reported once every kind has had its say.
type Config struct {
	Title       string `yaml:"title"`
	BaseURL     string `yaml:"base_url"`
	RepoURL     string `yaml:"repo_url"`
	EditBranch  string `yaml:"edit_branch"`
	Description string `yaml:"description"`
	Language    string `yaml:"language"`
	Markdown    struct {
		UnsafeHTML bool `yaml:"unsafe_html"`
	} `yaml:"markdown"`
	Checks map[string]string `yaml:"checks"`

	// Drafts includes pages marked draft: true (set by --drafts).
	Drafts bool `yaml:"-"`
	// Hash is the hash of almanac.yaml as read, "" without one.
	Hash string `yaml:"-"`

	root *yaml.Node
	// consumed lists the keys Section was asked for. Kinds read their
	// sections again while a build runs on every core (BodyFactsReader).
	mu       sync.Mutex
	consumed map[string]bool
}

// coreKeys are the top-level keys Config itself decodes.
var coreKeys = []string{"title", "base_url", "repo_url", "edit_branch", "description", "language", "markdown", "checks"}

// DefaultConfig returns the configuration used when almanac.yaml is absent.
func DefaultConfig() *Config {
	return &Config{Title: "Handbook", Language: "en", EditBranch: "main"}
}

// ParseConfig decodes almanac.yaml's document node. Problems go to diags.
func ParseConfig(doc *yaml.Node, diags *Diagnostics) *Config {
	c := DefaultConfig()
	if doc == nil {
		return c
	}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c
	}
	if root.Kind != yaml.MappingNode {
		diags.Errorf(PosOf(ConfigFile, root), "config", "%s must be a mapping of keys to values", ConfigFile)
		return c
	}
	c.root = root
	core := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(root.Content); i += 2 {
		for _, k := range coreKeys {
			if root.Content[i].Value == k {
				core.Content = append(core.Content, root.Content[i], root.Content[i+1])
			}
		}
	}
	Decode(ConfigFile, core, c, diags)
	if base, err := NormalizeBaseURL(c.BaseURL); err != nil {
		diags.Errorf(PosOf(ConfigFile, FrontValue(root, "base_url")), "config", "base_url %q: %v", c.BaseURL, err)
		c.BaseURL = ""
	} else {
		c.BaseURL = base
	}
	for rule, sev := range c.Checks {
		if _, ok := ParseSeverity(sev); !ok {
			diags.Errorf(PosOf(ConfigFile, FrontValue(FrontValue(root, "checks"), rule)), "config",
				"checks.%s must be off, warning or error, not %q", rule, sev)
		} else if !KnownRule(rule) {
			diags.Warnf(PosOf(ConfigFile, mappingKey(FrontValue(root, "checks"), rule)), "config",
				"checks: Almanac has no rule %q%s; the setting changes nothing", rule, DidYouMean(rule, ruleNames))
		}
	}
	return c
}

// Section decodes the top-level section key into v (a pointer to a struct
// holding the kind's defaults). A missing section leaves v unchanged.
func (c *Config) Section(key string, v any, diags *Diagnostics) {
	c.mu.Lock()
	if c.consumed == nil {
		c.consumed = map[string]bool{}
	}
	c.consumed[key] = true
	c.mu.Unlock()
	if n := FrontValue(c.root, key); n != nil {
		Decode(ConfigFile, n, v, diags)
	}
}

// CheckUnknownKeys reports top-level keys that neither the core nor any
// kind's Section call claimed.
func (c *Config) CheckUnknownKeys(diags *Diagnostics) {
	if c.root == nil {
		return
	}
	known := append([]string(nil), coreKeys...)
	c.mu.Lock()
	for k := range c.consumed {
		known = append(known, k)
	}
	c.mu.Unlock()
	sort.Strings(known)
	for i := 0; i+1 < len(c.root.Content); i += 2 {
		k := c.root.Content[i]
		if !contains(known, k.Value) {
			diags.Errorf(PosOf(ConfigFile, k), "config", "unknown key %q in %s%s; known keys: %s",
				k.Value, ConfigFile, DidYouMean(k.Value, known), strings.Join(known, ", "))
		}
	}
}

// Overrides returns the per-rule severities from the checks: section.
func (c *Config) Overrides() map[string]Severity {
	m := map[string]Severity{}
	for rule, s := range c.Checks {
		if sev, ok := ParseSeverity(s); ok {
			m[rule] = sev
		}
	}
	return m
}

// mappingKey returns the key node of key in mapping m, or nil.
func mappingKey(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
