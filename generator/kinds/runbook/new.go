package runbook

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/scaffold"
	"github.com/almanac-handbook/almanac/generator/site"
)

// NewTemplate is the theme file `almanac new runbook` writes new runbooks
// from; a handbook overrides it with its own templates/runbook/new.md. The
// template (text/template) gets NewData; funcs: quote, join.
const NewTemplate = "runbook/new.md"

// NewData is what the new-runbook template is executed with.
type NewData struct {
	Title    string
	Service  string
	ID       string
	Date     string // today, YYYY-MM-DD: the runbook is reviewed as it is written
	Sections []NewSection
	File     string
}

// NewSection is a recommended section with a hint of what goes in it.
type NewSection struct {
	Name, Hint string
}

var sectionHints = map[string]string{
	"symptoms":   "What on-call sees: the alert, dashboards, what users report.",
	"impact":     "Who is affected and how badly; when this becomes a bigger incident.",
	"diagnosis":  "Steps to find the cause, with the commands and queries to run.",
	"mitigation": "How to stop the bleeding: rollbacks, flags, scaling. Fix the root cause later.",
	"escalation": "Who to call next, and when.",
}

// ConfigFromYAML reads the runbooks: section of an almanac.yaml (nil or
// empty for none).
func ConfigFromYAML(configYAML []byte) (Config, error) {
	cfg := DefaultConfig()
	if len(configYAML) == 0 {
		return cfg, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(configYAML, &doc); err != nil {
		return cfg, fmt.Errorf("%s: %v", site.ConfigFile, err)
	}
	c := site.ParseConfig(&doc, &site.Diagnostics{})
	diags := &site.Diagnostics{}
	c.Section("runbooks", &cfg, diags)
	for _, d := range diags.List() {
		if d.Severity == site.Error {
			return cfg, fmt.Errorf("%s", d)
		}
	}
	return cfg, nil
}

// NewRunbook writes a runbook for service titled title into the runbook
// folder (runbooks.dir, default content/runbooks) of the handbook at root
// and returns its path. Its id is the service and the title
// ("payments-api-high-latency"); it is reviewed today, and has the
// recommended sections. services are the ids of the catalog's services,
// which service must be one of. An existing file is never overwritten.
func NewRunbook(root, service, title string, services []string, now time.Time) (string, error) {
	service = strings.TrimSpace(service)
	title = strings.Join(strings.Fields(title), " ")
	if service == "" || strings.ContainsAny(service, " /\\:") {
		return "", fmt.Errorf("the runbook needs a service id from the catalog, such as payments-api (got %q)", service)
	}
	if !slices.Contains(services, service) {
		if len(services) == 0 {
			return "", fmt.Errorf("there is no service %q: the catalog has no services; add it to data/services.yaml first", service)
		}
		return "", fmt.Errorf("there is no service %q in the catalog%s; add it to data/services.yaml first, or use one of: %s",
			service, site.DidYouMean(service, services), strings.Join(services, ", "))
	}
	if title == "" {
		return "", errors.New("the runbook needs a title: almanac new runbook payments-api \"High latency\"")
	}
	cfgBytes, err := os.ReadFile(filepath.Join(root, site.ConfigFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	cfg, err := ConfigFromYAML(cfgBytes)
	if err != nil {
		return "", err
	}
	dir := strings.Trim(path.Clean("/"+strings.TrimSpace(cfg.Dir)), "/")
	if dir == "" {
		dir = "runbooks"
	}
	id := site.Slugify(title)
	if svc := site.Slugify(service); id != svc && !strings.HasPrefix(id, svc+"-") {
		id = svc + "-" + id
	}
	data := NewData{Title: title, Service: service, ID: id, Date: now.Format("2006-01-02"), File: id + ".md"}
	if cfg.RequireSections {
		for _, s := range cfg.Sections {
			hint := sectionHints[strings.ToLower(strings.TrimSpace(s))]
			if hint == "" {
				hint = "…"
			}
			data.Sections = append(data.Sections, NewSection{Name: s, Hint: hint})
		}
	}
	return scaffold.Write(root, NewTemplate, dir, data.File, data)
}
