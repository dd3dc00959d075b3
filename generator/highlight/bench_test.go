package highlight

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLex compares each scanner with chroma's lexer for the same
// language on that language's corpus.
func BenchmarkLex(b *testing.B) {
	dirs, _ := os.ReadDir("testdata/corpus")
	for _, d := range dirs {
		lang := d.Name()
		files, _ := filepath.Glob(filepath.Join("testdata/corpus", lang, "*"))
		var codes []string
		size := 0
		for _, f := range files {
			src, _ := os.ReadFile(f)
			codes = append(codes, ensureNL(string(src)))
			size += len(src)
		}
		b.Run(lang+"/scanner", func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, c := range codes {
					scanners[lang](c)
				}
			}
		})
		b.Run(lang+"/chroma", func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, c := range codes {
					ChromaTokens(lang, c)
				}
			}
		})
	}
}
