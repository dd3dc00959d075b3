package chart

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// Sparkline default size, in CSS pixels.
const (
	SparklineWidth  = 100
	SparklineHeight = 24
)

const sparkPad = 2.5 // room for the stroke and the end marker

// Sparkline returns a small inline SVG line of values, for tables such as
// the scorecard. It needs no JavaScript. A nil value (or NaN or an
// infinity) is a gap: the line breaks there, and a value with a gap on
// both sides is drawn as a dot. The latest value gets a marker. The SVG is
// drawn with currentColor, so it follows the text colour.
//
// title is the text alternative (an SVG <title>, escaped here); when empty,
// one is generated from the values. width and height default to
// SparklineWidth and SparklineHeight when not positive. The output is
// deterministic.
func Sparkline(values []*float64, width, height int, title string) template.HTML {
	if width <= 0 {
		width = SparklineWidth
	}
	if height <= 0 {
		height = SparklineHeight
	}
	vals := make([]*float64, len(values))
	lo, hi, last, n := 0.0, 0.0, -1, 0
	for i, v := range values {
		if v == nil || !finite(*v) {
			continue
		}
		vals[i] = v
		if n == 0 || *v < lo {
			lo = *v
		}
		if n == 0 || *v > hi {
			hi = *v
		}
		last = i
		n++
	}
	if title == "" {
		title = sparkSummary(vals, lo, hi, last, n)
	}

	w, h := float64(width), float64(height)
	x := func(i int) float64 {
		if len(vals) < 2 {
			return w / 2
		}
		return sparkPad + float64(i)*(w-2*sparkPad)/float64(len(vals)-1)
	}
	y := func(v float64) float64 {
		if hi == lo {
			return h / 2
		}
		return sparkPad + (hi-v)/(hi-lo)*(h-2*sparkPad)
	}

	var b strings.Builder
	ws, hs := itoa(width), itoa(height)
	b.WriteString(`<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="` + ws + `" height="` + hs +
		`" viewBox="0 0 ` + ws + ` ` + hs + `" role="img" focusable="false">`)
	b.WriteString("<title>" + html.EscapeString(title) + "</title>")
	for i := 0; i < len(vals); {
		if vals[i] == nil {
			i++
			continue
		}
		j := i
		for j < len(vals) && vals[j] != nil {
			j++
		}
		// vals[i:j] is a run without gaps.
		if j-i == 1 {
			if i != last {
				b.WriteString(`<circle cx="` + coord(x(i)) + `" cy="` + coord(y(*vals[i])) + `" r="1.25" fill="currentColor"/>`)
			}
		} else {
			b.WriteString(`<polyline fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" points="`)
			for k := i; k < j; k++ {
				if k > i {
					b.WriteByte(' ')
				}
				b.WriteString(coord(x(k)) + "," + coord(y(*vals[k])))
			}
			b.WriteString(`"/>`)
		}
		i = j
	}
	if last >= 0 {
		b.WriteString(`<circle class="sparkline-last" cx="` + coord(x(last)) + `" cy="` + coord(y(*vals[last])) + `" r="2" fill="currentColor"/>`)
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// coord formats an SVG coordinate with at most two decimals.
func coord(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func sparkSummary(vals []*float64, lo, hi float64, last, n int) string {
	if n == 0 {
		return "Trend: no data"
	}
	first := 0
	for vals[first] == nil {
		first++
	}
	var b strings.Builder
	b.WriteString("Trend over " + itoa(len(vals)) + " " + plural(len(vals), "period", "periods") + ": ")
	if n == 1 {
		b.WriteString("one value, " + formatNumber(*vals[last]))
	} else {
		b.WriteString("from " + formatNumber(*vals[first]) + " to " + formatNumber(*vals[last]) +
			", lowest " + formatNumber(lo) + ", highest " + formatNumber(hi))
	}
	if missing := len(vals) - n; missing > 0 {
		b.WriteString(", " + itoa(missing) + " missing")
	}
	return b.String()
}
