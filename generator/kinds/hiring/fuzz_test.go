package hiring

import (
	"testing"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// FuzzParse feeds arbitrary files to the scorecard parser: it must never
// panic, and every dimension and exercise it keeps has a name.
func FuzzParse(f *testing.F) {
	f.Add("---\ntitle: T\nrole: em#M1\ndimensions: [{name: A, meets: b, exceeds: c}]\nexercises: [{name: E, minutes: 30, assesses: x}]\nsignals: {strong: [a], weak: b, red_flags: [c]}\n---\n")
	f.Add("---\ndimensions: [{name: A}, {name: a}]\nexercises: [{name: E, minutes: 1h, length: 2h}]\n---\n")
	f.Add("---\nrole: [x]\ndimensions: x\nsignals: [1]\nexercises: {a: b}\n---\n")
	f.Add("---\nexercises: [{name: E, length: 99999999999999999999}]\n---\n")
	f.Fuzz(func(t *testing.T, text string) {
		diags := &site.Diagnostics{}
		file := load.ParseMarkdown("content/hiring/f.md", "hiring/f.md", []byte(text), diags)
		c := Parse(file, diags)
		if c == nil || c.ID == "" || c.Title == "" {
			t.Fatalf("Parse returned %+v", c)
		}
		for _, d := range c.Dimensions {
			if d.Name == "" {
				t.Fatal("dimension without a name kept")
			}
		}
		for _, e := range c.Exercises {
			if e.Name == "" || e.Minutes < 0 || e.Minutes > 24*60 {
				t.Fatalf("bad exercise kept: %+v", e)
			}
		}
	})
}

// FuzzParseMinutes checks that any accepted length lies in range.
func FuzzParseMinutes(f *testing.F) {
	for _, s := range []string{"45", "45 min", "1h30", "1.5 hours", "0", "25h", "1h 59m", "99.99h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseMinutes(s)
		if err == nil && (n < 1 || n > 24*60) {
			t.Fatalf("ParseMinutes(%q) = %d", s, n)
		}
	})
}
