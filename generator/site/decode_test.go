package site

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type decodeTarget struct {
	Title   string            `yaml:"title"`
	Weight  int               `yaml:"weight"`
	Ratio   float64           `yaml:"ratio"`
	Draft   bool              `yaml:"draft"`
	Tags    []string          `yaml:"tags"`
	Date    Date              `yaml:"date"`
	Targets map[int]float64   `yaml:"targets"`
	Extra   map[string]string `yaml:"extra"`
	Inner   *struct {
		Name string `yaml:"name"`
		Pos  Pos    `yaml:"-"`
	} `yaml:"inner"`
}

func decodeString(t *testing.T, src string, v any) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var diags Diagnostics
	Decode("f.yaml", &doc, v, &diags)
	var out []string
	for _, d := range diags.List() {
		out = append(out, d.String())
	}
	return out
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"ok", "title: x\nweight: 2\nratio: 1\ndraft: true\ntags: [a, b]\ndate: 2026-02-28\ntargets: {1: 99.9}\n", nil},
		{"unknown key", "titel: x\n", []string{`f.yaml:1:1: error: unknown key "titel" (did you mean "title"?); known keys: date, draft, extra, inner, ratio, tags, targets, title, weight [yaml]`}},
		{"number for text", "title: 2024\n", []string{`f.yaml:1:8: error: expected text for "title", got the number 2024; put it in quotes if you mean the text "2024" [yaml]`}},
		{"text for number", "weight: heavy\n", []string{`f.yaml:1:9: error: expected a whole number for "weight", got "heavy" [yaml]`}},
		{"impossible date", "date: 2026-02-30\n", []string{`f.yaml:1:7: error: expected a date written YYYY-MM-DD, got "2026-02-30" for "date" [yaml]`}},
		{"list for text", "title: [a]\n", []string{`f.yaml:1:8: error: expected text for "title", got a list [yaml]`}},
		{"bool", "draft: yes please\n", []string{`f.yaml:1:8: error: expected true or false for "draft", got "yes please" [yaml]`}},
		{"duplicate key", "title: a\ntitle: b\n", []string{`f.yaml:2:1: error: key "title" appears twice in this mapping (first at line 1) [yaml]`}},
		{"bad map key", "targets: {one: 1}\n", []string{`f.yaml:1:11: error: expected a whole number for "targets", got "one" [yaml]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v decodeTarget
			got := decodeString(t, tt.src, &v)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	var v decodeTarget
	base := "base: &b {name: shared}\n"
	_ = base
	if d := decodeString(t, "title: T\ntags: solo\ntargets: {1: 99.95, 2: 99.9}\ninner:\n  name: n\n", &v); d != nil {
		t.Fatal(d)
	}
	if v.Title != "T" || len(v.Tags) != 1 || v.Tags[0] != "solo" || v.Targets[1] != 99.95 || v.Inner.Name != "n" {
		t.Errorf("decoded %+v", v)
	}
	if v.Inner.Pos.Line != 5 || v.Inner.Pos.Col != 3 {
		t.Errorf("inner position = %v, want line 5 col 3", v.Inner.Pos)
	}
}

func TestDecodeAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		src += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	var v map[string][]any
	got := decodeString(t, src, &v)
	if len(got) == 0 || !strings.Contains(got[0], "alias bomb") {
		t.Errorf("alias bomb not refused: %q", got)
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		in   string
		list []string
		want string
	}{
		{"acepted", []string{"accepted", "rejected", "proposed"}, "accepted"},
		{"stauts", []string{"status", "title"}, "status"},
		{"zzzzzz", []string{"status", "title"}, ""},
		{"wieght", []string{"weight", "title"}, "weight"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, tt.list); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"stauts", "status", 1}, {"ab", "ba", 1}, {"abc", "acb", 1}, {"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
