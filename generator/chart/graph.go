package chart

import (
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Graph is a directed graph, such as the service catalog's dependencies:
// nodes coloured by category (the owner team), edges drawn as arrows.
type Graph struct {
	ID    string // from ID; the id of the chart's element
	Title string
	Nodes []Node
	Edges []Edge
	// Categories orders the legend and the colours; categories used by
	// nodes but missing here are appended in sorted order.
	Categories []string
	// Layout is LayoutLayered (the default), LayoutCircular or LayoutForce.
	Layout string
	Alt    string // replaces the generated text alternative
}

// Node is a node of a Graph.
type Node struct {
	ID       string // unique within the graph; edges refer to it
	Name     string // the label; ID when empty
	Category string
	// URL, when set, is followed when the node is clicked and links the
	// node's row in the data table. It must be relative or http(s).
	URL  string
	Size float64 // symbol size in pixels; 24 when 0
}

// Edge is an arrow from From to To (From depends on To).
type Edge struct {
	From, To string // node IDs
}

// Graph layouts. Layered and circular positions are deterministic.
const (
	// LayoutLayered places nodes in columns computed here: nodes nothing
	// depends on at the left, each node left of everything it depends on.
	LayoutLayered = "layered"
	// LayoutCircular places nodes on a circle in the order given.
	LayoutCircular = "circular"
	// LayoutForce starts a force-directed layout from the layered positions.
	LayoutForce = "force"
)

// graphNode adds what go-echarts' GraphNode lacks: a unique id (names may
// repeat) and a link that charts.js follows on click.
type graphNode struct {
	opts.GraphNode
	ID     string      `json:"id"`
	URL    string      `json:"url,omitempty"`
	Label  *opts.Label `json:"label,omitempty"`
	Silent bool        `json:"silent,omitempty"`
}

const (
	defaultNodeSize = 24
	columnWidth     = 220
	rowHeight       = 64
	graphMargin     = 80
	labelRoom       = 150 // room for labels right of the last column
	titleRoom       = 40  // room for the title above the first row
)

// Render returns the graph as HTML: the chart element, its options as JSON
// and, as a table, every node with its category and its edges. It fails on
// an invalid id, duplicate or empty node ids, edges to unknown nodes, an
// unknown layout and URLs that are neither relative nor http(s).
func (g Graph) Render() (template.HTML, error) {
	if err := checkID(g.ID); err != nil {
		return "", err
	}
	layout := g.Layout
	if layout == "" {
		layout = LayoutLayered
	}
	if layout != LayoutLayered && layout != LayoutCircular && layout != LayoutForce {
		return "", fmt.Errorf("chart %s: unknown graph layout %q", g.ID, g.Layout)
	}
	index := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if n.ID == "" {
			return "", fmt.Errorf("chart %s: node %d has no id", g.ID, i)
		}
		if _, dup := index[n.ID]; dup {
			return "", fmt.Errorf("chart %s: duplicate node id %q", g.ID, n.ID)
		}
		if err := checkURL(n.URL); err != nil {
			return "", fmt.Errorf("chart %s: node %q: %w", g.ID, n.ID, err)
		}
		if !finite(n.Size) || n.Size < 0 {
			return "", fmt.Errorf("chart %s: node %q: invalid size", g.ID, n.ID)
		}
		index[n.ID] = i
	}
	type pair struct{ from, to int }
	var edges []pair
	seen := map[pair]bool{}
	for _, e := range g.Edges {
		from, ok := index[e.From]
		if !ok {
			return "", fmt.Errorf("chart %s: edge from unknown node %q", g.ID, e.From)
		}
		to, ok := index[e.To]
		if !ok {
			return "", fmt.Errorf("chart %s: edge to unknown node %q", g.ID, e.To)
		}
		if p := (pair{from, to}); !seen[p] {
			seen[p] = true
			edges = append(edges, p)
		}
	}

	var categories []string
	catIndex := map[string]int{}
	for _, c := range g.Categories {
		if _, dup := catIndex[c]; !dup {
			catIndex[c] = len(categories)
			categories = append(categories, c)
		}
	}
	var extra []string
	for _, n := range g.Nodes {
		if _, ok := catIndex[n.Category]; !ok {
			catIndex[n.Category] = -1 // placed below
			extra = append(extra, n.Category)
		}
	}
	sort.Strings(extra)
	for _, c := range extra {
		catIndex[c] = len(categories)
		categories = append(categories, c)
	}

	out := make([][]int, len(g.Nodes))
	in := make([][]int, len(g.Nodes))
	for _, e := range edges {
		out[e.from] = append(out[e.from], e.to)
		in[e.to] = append(in[e.to], e.from)
	}
	var xs, ys []float64
	rows := 1
	if layout != LayoutCircular {
		xs, ys, rows = layered(g.Nodes, out, catIndex)
	}

	nodes := make([]graphNode, len(g.Nodes))
	for i, n := range g.Nodes {
		size := n.Size
		if size == 0 {
			size = defaultNodeSize
		}
		gn := graphNode{
			GraphNode: opts.GraphNode{
				Name:       nodeName(n),
				Category:   catIndex[n.Category],
				SymbolSize: size,
			},
			ID:  n.ID,
			URL: n.URL,
		}
		if xs != nil {
			gn.X, gn.Y = float32(xs[i]), float32(ys[i]) // never 0, which go-echarts omits
		}
		nodes[i] = gn
	}
	if layout == LayoutLayered && len(nodes) > 0 {
		nodes = append(nodes, padNode(index, xs, ys))
	}
	links := make([]opts.GraphLink, len(edges))
	for i, e := range edges {
		links[i] = opts.GraphLink{Source: e.from, Target: e.to}
	}
	cats := make([]*opts.GraphCategory, len(categories))
	for i, c := range categories {
		cats[i] = &opts.GraphCategory{Name: c}
	}

	echartsLayout := "none"
	var force *opts.GraphForce
	switch layout {
	case LayoutCircular:
		echartsLayout = "circular"
	case LayoutForce:
		echartsLayout = "force"
		force = &opts.GraphForce{Repulsion: 300, EdgeLength: 120, Gravity: 0.05}
	}

	c := charts.NewGraph()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: g.ID, BackgroundColor: "transparent"}),
		charts.WithTitleOpts(opts.Title{Title: g.Title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(categories) > 0), Type: "scroll", Bottom: "0", Data: categories}),
	)
	c.AddSeries(g.Title, nil, links,
		charts.WithGraphChartOpts(opts.GraphChart{
			Layout:         echartsLayout,
			Force:          force,
			Roam:           opts.Bool(true),
			Draggable:      opts.Bool(layout == LayoutForce),
			EdgeSymbol:     []string{"none", "arrow"},
			EdgeSymbolSize: []int{0, 8},
			Categories:     cats,
		}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Width: 1.5, Opacity: opts.Float(0.7), Curveness: 0.1}),
		charts.WithEmphasisOpts(opts.Emphasis{Focus: "adjacency"}),
		// go-echarts' AddSeries takes []opts.GraphNode, which has no room for
		// the id and the link; set the data with our own node type.
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = nodes
			// Typed nil pointers in go-echarts' interface fields would
			// marshal as null; leave them out.
			if force == nil {
				s.Force = nil
			}
			s.EdgeLabel = nil
		}),
	)
	c.Validate()
	data, err := optionJSON(&c.BaseConfiguration)
	if err != nil {
		return "", err
	}

	t := table{
		Caption: g.Title,
		Head:    []string{"Node", "Category", "Depends on", "Used by"},
	}
	if t.Caption == "" {
		t.Caption = "Graph"
	}
	names := func(ids []int) string {
		if len(ids) == 0 {
			return "none"
		}
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = nodeName(g.Nodes[id])
		}
		return strings.Join(s, ", ")
	}
	for i, n := range g.Nodes {
		t.Rows = append(t.Rows, tableRow{
			Head: nodeName(n),
			Href: n.URL,
			Cells: []cell{
				{Text: n.Category},
				{Text: names(out[i])},
				{Text: names(in[i])},
			},
		})
	}
	alt := g.Alt
	if alt == "" {
		alt = graphSummary(g, categories, len(edges))
	}
	height := rows*rowHeight + 2*graphMargin
	if layout != LayoutLayered {
		height = 480
	}
	height = min(max(height, 240), 800)
	return renderBlock(block{ID: g.ID, Kind: "graph", Alt: alt, Height: height, Data: template.JS(data), Table: t})
}

func nodeName(n Node) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}

// checkURL accepts relative URLs and absolute http(s) URLs.
func checkURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid url %q: %w", raw, err)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("url %q: scheme %q not allowed (want a relative or http(s) url)", raw, u.Scheme)
	}
	return nil
}

func graphSummary(g Graph, categories []string, edges int) string {
	var b strings.Builder
	if g.Title != "" {
		b.WriteString(g.Title + ": ")
	}
	fmt.Fprintf(&b, "graph of %d %s and %d %s",
		len(g.Nodes), plural(len(g.Nodes), "node", "nodes"),
		edges, plural(edges, "dependency", "dependencies"))
	count := map[string]int{}
	for _, n := range g.Nodes {
		count[n.Category]++
	}
	var parts []string
	for _, c := range categories {
		if count[c] > 0 {
			name := c
			if name == "" {
				name = "no category"
			}
			parts = append(parts, fmt.Sprintf("%s %d", name, count[c]))
		}
	}
	if len(parts) > 0 {
		b.WriteString(", by category: " + strings.Join(parts, ", "))
	}
	b.WriteString(". The data table lists each node's dependencies.")
	return b.String()
}

// layered computes deterministic positions: a node's column is the length
// of the longest path reaching it from a node nothing depends on (cycles
// are broken at the edge that closes them in a depth-first walk in node
// order); within a column nodes are ordered by category and name, then by
// the mean row of their neighbours to reduce crossings. It returns x and y
// per node and the number of rows of the tallest column.
func layered(nodes []Node, out [][]int, catIndex map[string]int) (xs, ys []float64, rows int) {
	n := len(nodes)
	if n == 0 {
		return nil, nil, 1
	}
	// Drop back edges so that the rest is acyclic.
	const (
		unvisited = iota
		onStack
		done
	)
	state := make([]int, n)
	dag := make([][]int, n)
	var visit func(int)
	visit = func(v int) {
		state[v] = onStack
		for _, w := range out[v] {
			switch state[w] {
			case onStack: // closes a cycle (or a self-loop): ignore for layout
			case unvisited:
				dag[v] = append(dag[v], w)
				visit(w)
			default:
				dag[v] = append(dag[v], w)
			}
		}
		state[v] = done
	}
	for v := range n {
		if state[v] == unvisited {
			visit(v)
		}
	}
	// Longest path layering in topological order (Kahn, lowest index first).
	indeg := make([]int, n)
	for v := range n {
		for _, w := range dag[v] {
			indeg[w]++
		}
	}
	layer := make([]int, n)
	var queue []int
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		sort.Ints(queue)
		v := queue[0]
		queue = queue[1:]
		for _, w := range dag[v] {
			layer[w] = max(layer[w], layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	columns := 0
	for _, l := range layer {
		columns = max(columns, l+1)
	}
	cols := make([][]int, columns)
	for v := range n {
		cols[layer[v]] = append(cols[layer[v]], v)
	}
	for _, col := range cols {
		sort.SliceStable(col, func(i, j int) bool {
			a, b := nodes[col[i]], nodes[col[j]]
			if ca, cb := catIndex[a.Category], catIndex[b.Category]; ca != cb {
				return ca < cb
			}
			if na, nb := nodeName(a), nodeName(b); na != nb {
				return na < nb
			}
			return a.ID < b.ID
		})
	}
	// Barycentre sweeps over the undirected neighbourhood.
	adj := make([][]int, n)
	for v := range n {
		for _, w := range out[v] {
			if v != w {
				adj[v] = append(adj[v], w)
				adj[w] = append(adj[w], v)
			}
		}
	}
	pos := make([]float64, n)
	place := func() {
		for _, col := range cols {
			for i, v := range col {
				pos[v] = float64(i) - float64(len(col)-1)/2
			}
		}
	}
	place()
	for sweep := 0; sweep < 4; sweep++ {
		for c := range cols {
			if sweep%2 == 1 {
				c = len(cols) - 1 - c
			}
			col := cols[c]
			bary := make(map[int]float64, len(col))
			for _, v := range col {
				sum, k := 0.0, 0
				for _, w := range adj[v] {
					if layer[w] != layer[v] {
						sum += pos[w]
						k++
					}
				}
				if k > 0 {
					bary[v] = sum / float64(k)
				} else {
					bary[v] = pos[v]
				}
			}
			sort.SliceStable(col, func(i, j int) bool { return bary[col[i]] < bary[col[j]] })
			for i, v := range col {
				pos[v] = float64(i) - float64(len(col)-1)/2
			}
		}
	}
	for _, col := range cols {
		rows = max(rows, len(col))
	}
	xs = make([]float64, n)
	ys = make([]float64, n)
	mid := float64(graphMargin) + float64(rows-1)*rowHeight/2
	for v := range n {
		xs[v] = float64(graphMargin + layer[v]*columnWidth)
		ys[v] = mid + pos[v]*rowHeight
	}
	return xs, ys, rows
}

// padNode is an invisible node above and to the right of the layered
// drawing. ECharts fits the nodes' bounding box into the chart, but not
// their labels (drawn on the right) nor the title (at the top); the pad
// node widens the box to leave room for both.
func padNode(index map[string]int, xs, ys []float64) graphNode {
	maxX, minY := xs[0], ys[0]
	for i := range xs {
		maxX, minY = max(maxX, xs[i]), min(minY, ys[i])
	}
	id := "_pad"
	for _, taken := index[id]; taken; _, taken = index[id] {
		id += "_"
	}
	return graphNode{
		GraphNode: opts.GraphNode{
			Name:       id,
			X:          float32(maxX + labelRoom),
			Y:          float32(minY - titleRoom), // minY is graphMargin: never 0
			SymbolSize: 0,
			Tooltip:    &opts.Tooltip{Show: opts.Bool(false)},
		},
		ID:     id,
		Label:  &opts.Label{Show: opts.Bool(false)},
		Silent: true,
	}
}
