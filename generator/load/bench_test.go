package load

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/almanac-handbook/almanac/generator/site"
)

// benchFrontMatters returns the front matter of every page of the
// generated 1000-page handbook: realistic sizes and shapes.
func benchFrontMatters(b *testing.B) [][]byte {
	b.Helper()
	var fronts [][]byte
	dir := filepath.Join("..", "..", "testdata", "bench", "n1000", "content")
	err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil || filepath.Ext(p) != ".md" {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		raw = normalize(raw)
		if rest, ok := bytes.CutPrefix(raw, []byte("---\n")); ok {
			if end := bytes.Index(rest, []byte("\n---\n")); end >= 0 {
				fronts = append(fronts, rest[:end+1])
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(fronts) == 0 {
		b.Skip("no front matter under", dir)
	}
	return fronts
}

// BenchmarkFrontMatter compares, per file, parsing front matter with
// yaml.v3 against the cache's work on a warm build.
func BenchmarkFrontMatter(b *testing.B) {
	fronts := benchFrontMatters(b)
	encoded := make([][]byte, len(fronts))
	warm := newMemCache()
	size := 0
	for i, src := range fronts {
		var diags site.Diagnostics
		root, _ := parseFront("doc.md", src, warm, &diags)
		enc, err := encodeNode(root)
		if err != nil {
			b.Fatal(err)
		}
		encoded[i] = enc
		size += len(src)
	}
	// report is called after b.Loop, whose first call drops metrics.
	report := func(b *testing.B) {
		b.ReportAllocs()
		b.ReportMetric(float64(size)/float64(len(fronts)), "B/front")
	}
	b.Run("parse", func(b *testing.B) {
		var diags site.Diagnostics
		for i := 0; b.Loop(); i++ {
			parseFrontYAML("doc.md", fronts[i%len(fronts)], &diags)
		}
		report(b)
	})
	b.Run("decode", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := decodeNode(encoded[i%len(encoded)]); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run("cached", func(b *testing.B) { // key hash, cache lookup and decode
		var diags site.Diagnostics
		for i := 0; b.Loop(); i++ {
			parseFront("doc.md", fronts[i%len(fronts)], warm, &diags)
		}
		report(b)
	})
	b.Run("encode", func(b *testing.B) { // the extra work of a cold build
		roots := make([]*yaml.Node, len(encoded))
		for i, enc := range encoded {
			roots[i], _ = decodeNode(enc)
		}
		for i := 0; b.Loop(); i++ {
			if _, err := encodeNode(roots[i%len(roots)]); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
}

// BenchmarkInputs lists the generated 1000-page handbook's files, as every
// warm build does before it reads any: one stat per file.
func BenchmarkInputs(b *testing.B) {
	root := filepath.Join("..", "..", "testdata", "bench", "n1000")
	if _, err := os.Stat(filepath.Join(root, ContentDir)); err != nil {
		b.Skip("no generated handbook (make bench writes it):", err)
	}
	root, err := filepath.Abs(root)
	if err != nil {
		b.Fatal(err)
	}
	files := 0
	for b.Loop() {
		list, _, err := Inputs(root, nil)
		if err != nil {
			b.Fatal(err)
		}
		files = len(list)
	}
	b.ReportMetric(float64(files), "files")
}
