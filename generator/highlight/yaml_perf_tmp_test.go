package highlight

import (
	"strings"
	"testing"
	"time"
)

func TestTmpPathological(t *testing.T) {
	for _, c := range []string{
		"k: [" + strings.Repeat("1, ", 30000) + "]\n",
		"k: [" + strings.Repeat("\"a\", ", 30000) + "]\n",
		"k: [" + strings.Repeat("'a', ", 30000) + "]\n",
		strings.Repeat("'", 30000) + "\n",
		strings.Repeat("\"\\", 30000) + "\n",
		strings.Repeat("? ", 30000) + "\n",
		strings.Repeat("?\n", 30000) + "\n",
		strings.Repeat("x #", 30000) + "\n",
		strings.Repeat("{", 30000) + "\n",
		strings.Repeat("0.", 30000) + "\n",
		strings.Repeat("- ", 30000) + "\n",
		"|\n" + strings.Repeat(" a\n", 30000),
		strings.Repeat("/*", 30000) + "\n",
		strings.Repeat("a$", 30000) + "\n",
	} {
		for _, lang := range []string{"yaml", "sql"} {
			start := time.Now()
			scanners[lang](c)
			if d := time.Since(start); d > 20*time.Millisecond {
				t.Errorf("%s %q...: %v", lang, c[:10], d)
			}
		}
	}
}
