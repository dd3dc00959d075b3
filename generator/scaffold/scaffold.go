// Package scaffold writes new source files from templates, for commands
// such as `almanac new adr`: the handbook's own templates/NAME if it has
// one, else the default theme's, executed with text/template and written
// without ever replacing an existing file.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"github.com/almanac-handbook/almanac/templates"
)

// Write executes the template name (a path inside templates/, such as
// "adr/new.md") with data and writes the result to content/dir/file under
// root. It returns the path written. An existing file is an error.
func Write(root, name, dir, file string, data any) (string, error) {
	text, err := Template(root, name)
	if err != nil {
		return "", err
	}
	t, err := template.New(name).Funcs(template.FuncMap{"quote": strconv.Quote, "join": strings.Join}).Parse(text)
	if err != nil {
		return "", fmt.Errorf("templates/%s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("templates/%s: %w", name, err)
	}
	folder := filepath.Join(root, "content", filepath.FromSlash(dir))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", err
	}
	p := filepath.Join(folder, file)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s already exists; choose another title or edit that file", p)
		}
		return "", err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// Template returns the handbook's templates/name, else the default
// theme's.
func Template(root, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "templates", filepath.FromSlash(name)))
	if err == nil {
		return string(b), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	b, err = fs.ReadFile(templates.FS, name)
	if err != nil {
		return "", fmt.Errorf("default theme: %w", err)
	}
	return string(b), nil
}
