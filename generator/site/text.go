package site

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Text is a YAML scalar taken as text (numbers too: "title: 2024" in a
// free-text field), with where it was written, for fields whose problems
// are reported at the text itself (a [[ref]] inside a task, say).
type Text struct {
	Value string
	Set   bool // the key was present with a non-null value

	line, col         int // where the text itself starts
	nodeLine, nodeCol int // where the YAML value starts
}

// DecodeNode implements NodeDecoder.
func (t *Text) DecodeNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		what := "a list"
		if n.Kind == yaml.MappingNode {
			what = "a mapping (quote text that contains \": \")"
		}
		return fmt.Errorf("expected text, got %s", what)
	}
	if n.Tag == "!!null" {
		return nil
	}
	t.Value, t.Set = n.Value, true
	t.line, t.col, t.nodeLine, t.nodeCol = n.Line, n.Column, n.Line, n.Column
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		t.line, t.col = n.Line+1, 0 // a block scalar's text starts on the next line
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		t.col = n.Column + 1 // after the quote
	}
	return nil
}

// Pos returns where the value was written in file, or fallback if absent.
func (t Text) Pos(file string, fallback Pos) Pos {
	if !t.Set {
		return fallback
	}
	return Pos{Path: file, Line: t.nodeLine, Col: t.nodeCol}
}

// TextPos returns where the text itself starts (inside quotes, or on the
// line after a block scalar's indicator), for positions within the text.
func (t Text) TextPos(file string, fallback Pos) Pos {
	if !t.Set {
		return fallback
	}
	return Pos{Path: file, Line: t.line, Col: t.col}
}
