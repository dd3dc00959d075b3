package adr

import (
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Config is the adr: section of almanac.yaml.
//
//	adr:
//	  dir: [adr, platform/decisions]   # folders under content/ (a single folder may be written as text)
//	  extra_statuses: [on hold]         # statuses allowed besides proposed, accepted, rejected, deprecated, superseded
type Config struct {
	Dir           Dirs     `yaml:"dir"`
	ExtraStatuses []string `yaml:"extra_statuses"`
}

// DefaultConfig returns the configuration used when almanac.yaml has no
// adr: section. "on hold" is a status MADR itself uses.
func DefaultConfig() Config {
	return Config{Dir: Dirs{List: []string{"adr"}}, ExtraStatuses: []string{"on hold"}}
}

// Dirs is one folder or a list of folders, relative to content/.
type Dirs struct {
	List []string
	Pos  []site.Pos // Line/Col of each entry (Path unset); empty for defaults
}

// DecodeNode implements site.NodeDecoder.
func (d *Dirs) DecodeNode(n *yaml.Node) error {
	var items []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		items = []*yaml.Node{n}
	case yaml.SequenceNode:
		items = n.Content
	default:
		return fmt.Errorf("expected a folder or a list of folders")
	}
	d.List, d.Pos = nil, nil
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
			return fmt.Errorf("expected a folder name (relative to content/)")
		}
		d.List = append(d.List, it.Value)
		d.Pos = append(d.Pos, site.Pos{Line: it.Line, Col: it.Column})
	}
	return nil
}

// cleanDirs validates the configured folders, reporting problems at their
// position in almanac.yaml, and returns them cleaned and without repeats.
func (c Config) cleanDirs(diags *site.Diagnostics) []string {
	var out []string
	seen := map[string]bool{}
	for i, raw := range c.Dir.List {
		pos := site.Pos{Path: site.ConfigFile, Line: 1, Col: 1}
		if i < len(c.Dir.Pos) {
			pos.Line, pos.Col = c.Dir.Pos[i].Line, c.Dir.Pos[i].Col
		}
		d := strings.Trim(strings.ReplaceAll(strings.TrimSpace(raw), `\`, "/"), "/")
		if strings.HasPrefix(d, "content/") {
			d = strings.TrimPrefix(d, "content/")
			diags.Warnf(pos, "config", "adr.dir is relative to content/: write %q instead of %q", d, raw)
		}
		d = path.Clean(d)
		if d == "." || d == "" || d == ".." || strings.HasPrefix(d, "../") || path.IsAbs(raw) {
			diags.Errorf(pos, "config", "adr.dir %q must name a folder inside content/, such as \"adr\" or \"docs/decisions\"", raw)
			continue
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// ConfiguredDirs reads the ADR folders (relative to content/) from the
// almanac.yaml at root's top level, for commands such as `almanac new adr`
// that run without a build. A missing file gives the default folder.
func ConfiguredDirs(configYAML []byte) ([]string, error) {
	cfg := DefaultConfig()
	if len(configYAML) > 0 {
		var doc yaml.Node
		if err := yaml.Unmarshal(configYAML, &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", site.ConfigFile, err)
		}
		c := site.ParseConfig(&doc, &site.Diagnostics{}) // other sections are not our business
		diags := &site.Diagnostics{}
		c.Section(Name, &cfg, diags)
		for _, d := range diags.List() {
			if d.Severity == site.Error {
				return nil, fmt.Errorf("%s", d)
			}
		}
	}
	dirs := cfg.cleanDirs(&site.Diagnostics{})
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s: adr.dir names no usable folder", site.ConfigFile)
	}
	return dirs, nil
}
