package render

import (
	"bytes"
	"io/fs"
	"path"
	"strings"

	"github.com/almanac-handbook/almanac/generator/highlight"
)

// AssetDir is where theme assets are written in the output.
const AssetDir = "assets/"

// Assets writes the theme's static files: static/css/*.css bundled into
// assets/site.css, static/js/*.js into assets/site.js (in file name order),
// the chroma stylesheet as assets/chroma.css, and every other file under
// static/ copied to assets/.
func (th *Theme) Assets(out Output) error {
	var css, js bytes.Buffer
	for _, f := range th.files {
		if !strings.HasPrefix(f, "static/") {
			continue
		}
		rel := strings.TrimPrefix(f, "static/")
		b, err := fs.ReadFile(th.fs, f)
		if err != nil {
			return err
		}
		switch {
		case path.Dir(rel) == "css" && path.Ext(rel) == ".css":
			css.WriteString("/* " + rel + " */\n")
			css.Write(b)
			css.WriteByte('\n')
		case path.Dir(rel) == "js" && path.Ext(rel) == ".js":
			js.WriteString("/* " + rel + " */\n")
			js.Write(b)
			js.WriteString("\n;\n")
		default:
			if err := out.WriteFile(AssetDir+rel, b); err != nil {
				return err
			}
		}
	}
	if err := out.WriteFile(AssetDir+"site.css", css.Bytes()); err != nil {
		return err
	}
	if err := out.WriteFile(AssetDir+"site.js", js.Bytes()); err != nil {
		return err
	}
	return out.WriteFile(AssetDir+"chroma.css", highlight.CSS())
}
