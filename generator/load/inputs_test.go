package load

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestInputsListsWhatLoadReads lists a handbook's inputs: the config and
// every file of the folders Load reads, and the templates, in a fixed
// order, without hidden files, editor droppings or the output folder.
func TestInputsListsWhatLoadReads(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"almanac.yaml":             "title: T\n",
		"content/a.md":             "# A\n",
		"content/guide/b.md":       "# B\n",
		"content/.hidden.md":       "x",
		"content/a.md~":            "x",
		"content/public/index.md":  "x", // the output folder, inside content here
		"data/teams.yaml":          "[]\n",
		"catalog/svc.yaml":         "kind: Component\n",
		"static/logo.svg":          "<svg/>",
		"templates/page/page.html": "{{.}}",
		"notes/todo.md":            "not an input",
	}
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, _, err := Inputs(root, []string{filepath.Join(root, "content", "public")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range inputs {
		got = append(got, in.Path)
		if want := int64(len(files[in.Path])); in.Size != want || in.ModTime.IsZero() {
			t.Errorf("%s: size %d, time %v; want size %d and a time", in.Path, in.Size, in.ModTime, want)
		}
	}
	want := []string{"almanac.yaml", "content/a.md", "content/guide/b.md", "data/teams.yaml", "catalog/svc.yaml",
		"static/logo.svg", "templates/page/page.html"}
	if !slices.Equal(got, want) {
		t.Errorf("Inputs = %q\nwant %q", got, want)
	}
}
