// Package svggraph draws a directed graph as an SVG picture, with no
// external program: a simple layered layout, left to right, in the manner
// of Graphviz's dot (rankdir=LR) but much plainer. netrun graph uses it
// for -format svg, so that a picture of a network needs no Graphviz.
//
// Layout: each node gets a layer, the longest path to it over the forward
// edges (an edge is forward if its source's MinLayer is smaller than its
// target's, or, between nodes of one MinLayer, if it closes no cycle or,
// within a cycle, leads further from the graph's inputs), at least its
// MinLayer; Sink nodes go to a last layer of their own. Nodes of a layer are
// stacked in a column, ordered by a few barycentre sweeps. Edges between
// adjacent layers are straight; longer, backward and parallel edges are
// arcs bent apart, and an edge from a node to itself is a loop above it.
// The rows of a column are spaced so that the labels of the edges beside
// it fit, and labels that still overlap each other or a node are pushed
// apart. Text widths are estimated (0.6 em a character), not measured.
package svggraph

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Shape is the outline of a node.
type Shape int

// Node shapes.
const (
	// Box is a rounded rectangle (a population).
	Box Shape = iota
	// Input is a rectangle with a pointed right side (a stimulus).
	Input
	// Note is a rectangle with a folded corner (a monitor).
	Note
)

// Head is the end of an edge at its target.
type Head int

// Edge heads.
const (
	// Arrow is a filled triangle (an excitatory or plain edge).
	Arrow Head = iota
	// Tee is a flat bar across the edge (an inhibitory edge).
	Tee
	// NoHead draws no head.
	NoHead
)

// Node is a node of the graph.
type Node struct {
	// ID identifies the node among the graph's nodes; Edges name their
	// ends by it.
	ID string
	// Lines is the label, one line a string; the first is drawn bold.
	// A node without lines shows its ID.
	Lines []string
	// Class is added to the class attribute of the node's group (besides
	// "node").
	Class string
	// Shape is the outline; Fill and Stroke are its colours (defaults
	// "#eef3fb" and "#34495e").
	Shape        Shape
	Fill, Stroke string
	// MinLayer is the node's smallest layer.
	MinLayer int
	// Sink puts the node in the last layer, after every other node.
	Sink bool
}

// Edge is a directed edge.
type Edge struct {
	// ID identifies the edge (it becomes the id of its group, after
	// "edge-").
	ID string
	// From and To are the IDs of its end nodes.
	From, To string
	// Lines is the label, one line a string.
	Lines []string
	// Class is added to the class attribute of the edge's group (besides
	// "edge").
	Class string
	// Color is the colour of the line, head and label (default
	// "#34495e"); Width the line's width (default 1.2).
	Color string
	Width float64
	// Dash, if not empty, is the line's stroke-dasharray ("4 3").
	Dash string
	// Head is the end at the target.
	Head Head
}

// Graph is a directed graph to draw.
type Graph struct {
	// Title is the picture's title (its <title>).
	Title string
	// Nodes and Edges are the graph; they are drawn in this order.
	Nodes []Node
	Edges []Edge
}

// Sizes of the drawing, in SVG user units (px).
const (
	fontSize   = 12.0
	labelSize  = 10.0
	lineHeight = 15.0
	labelLine  = 12.5
	charWidth  = 0.6 // of the font size
	padX, padY = 10.0, 7.0
	rowGap     = 36.0
	minColGap  = 90.0
	loopHeight = 34.0
	margin     = 16.0
	bend       = 28.0 // offset of the control point of a bent edge, per step
)

type box struct {
	x, y, w, h float64 // centre and size
}

type point struct{ x, y float64 }

// Render writes g as an SVG document. It fails if an edge names a node
// that is not in g or two nodes share an ID.
func Render(w io.Writer, g Graph) error {
	index := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if _, dup := index[n.ID]; dup {
			return fmt.Errorf("svggraph: two nodes have the ID %q", n.ID)
		}
		index[n.ID] = i
	}
	for _, e := range g.Edges {
		for _, end := range []string{e.From, e.To} {
			if _, ok := index[end]; !ok {
				return fmt.Errorf("svggraph: edge %q names node %q, which is not in the graph", e.ID, end)
			}
		}
	}
	g.Nodes = slices.Clone(g.Nodes)
	for i := range g.Nodes {
		if len(g.Nodes[i].Lines) == 0 {
			g.Nodes[i].Lines = []string{g.Nodes[i].ID}
		}
	}
	layer := layers(g, index)
	boxes := place(g, index, layer)
	d := drawing{g: g, index: index, boxes: boxes}
	d.edges()
	d.spreadLabels()
	return d.write(w)
}

// forwardEdges decides which edges point forward, to a later layer: an
// edge to a node of a greater MinLayer does, one to a smaller MinLayer does
// not; between nodes of one MinLayer, an edge that closes no cycle (its
// ends are in different strongly connected components) does, and within a
// component an edge does if it goes further from the graph's sources
// (breadth-first distance, ties broken by node order). Along a cycle
// neither MinLayer nor (distance, order) can keep increasing, so the
// forward edges form a DAG; the edges of a recurrent loop that lead back
// towards the inputs are the ones drawn backwards.
func forwardEdges(g Graph, index map[string]int, out [][]int) []bool {
	n := len(g.Nodes)
	// usable reports whether edge k may point forward at all.
	usable := func(k int) bool {
		u, v := index[g.Edges[k].From], index[g.Edges[k].To]
		return u != v && g.Nodes[u].MinLayer <= g.Nodes[v].MinLayer
	}
	// Breadth-first distances from the sources (nodes no usable edge
	// enters); a part of the graph with no source starts at its first
	// node.
	hasIn := make([]bool, n)
	for k, e := range g.Edges {
		if usable(k) {
			hasIn[index[e.To]] = true
		}
	}
	dist := make([]int, n)
	for i := range dist {
		dist[i] = -1
	}
	var queue []int
	bfs := func() {
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			for _, k := range out[u] {
				if v := index[g.Edges[k].To]; usable(k) && dist[v] < 0 {
					dist[v] = dist[u] + 1
					queue = append(queue, v)
				}
			}
		}
	}
	for u := range n {
		if !hasIn[u] {
			dist[u] = 0
			queue = append(queue, u)
		}
	}
	bfs()
	for u := range n {
		if dist[u] < 0 {
			dist[u] = 0
			queue = append(queue, u)
			bfs()
		}
	}
	comp := components(g, index, out, usable)
	forward := make([]bool, len(g.Edges))
	for k, e := range g.Edges {
		u, v := index[e.From], index[e.To]
		switch {
		case !usable(k):
		case g.Nodes[u].MinLayer < g.Nodes[v].MinLayer, comp[u] != comp[v]:
			forward[k] = true
		default:
			forward[k] = dist[u] < dist[v] || (dist[u] == dist[v] && u < v)
		}
	}
	return forward
}

// components returns the strongly connected component of each node over
// the usable edges (Tarjan's algorithm).
func components(g Graph, index map[string]int, out [][]int, usable func(int) bool) []int {
	n := len(g.Nodes)
	comp, low, num := make([]int, n), make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	var stack []int
	next, ncomp := 1, 0
	var visit func(u int)
	visit = func(u int) {
		num[u], low[u] = next, next
		next++
		stack = append(stack, u)
		onStack[u] = true
		for _, k := range out[u] {
			if !usable(k) {
				continue
			}
			v := index[g.Edges[k].To]
			if num[v] == 0 {
				visit(v)
				low[u] = min(low[u], low[v])
			} else if onStack[v] {
				low[u] = min(low[u], num[v])
			}
		}
		if low[u] == num[u] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = ncomp
				if w == u {
					break
				}
			}
			ncomp++
		}
	}
	for u := range n {
		if num[u] == 0 {
			visit(u)
		}
	}
	return comp
}

// layers assigns each node its layer (see the package doc).
func layers(g Graph, index map[string]int) []int {
	n := len(g.Nodes)
	out := make([][]int, n) // edge indices by source
	for k, e := range g.Edges {
		out[index[e.From]] = append(out[index[e.From]], k)
	}
	forward := forwardEdges(g, index, out)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(g.Nodes[a].MinLayer, g.Nodes[b].MinLayer) })
	// Longest path over the forward edges (a DAG), by relaxation in a
	// topological order.
	layer := make([]int, n)
	indeg := make([]int, n)
	for k, e := range g.Edges {
		if forward[k] && !g.Nodes[index[e.To]].Sink {
			indeg[index[e.To]]++
		}
	}
	var queue []int
	for _, u := range order {
		layer[u] = max(g.Nodes[u].MinLayer, 0)
		if indeg[u] == 0 {
			queue = append(queue, u)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, k := range out[u] {
			v := index[g.Edges[k].To]
			if !forward[k] || g.Nodes[v].Sink {
				continue
			}
			layer[v] = max(layer[v], layer[u]+1)
			if indeg[v]--; indeg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	last := 0
	for u, nd := range g.Nodes {
		if !nd.Sink {
			last = max(last, layer[u]+1)
		}
	}
	for u, nd := range g.Nodes {
		if nd.Sink {
			layer[u] = last
		}
	}
	return layer
}

// textWidth estimates the width of s at the font size.
func textWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * charWidth
}

func linesWidth(lines []string, size float64) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, textWidth(l, size))
	}
	return w
}

// nodeSize returns the size of the box of n.
func nodeSize(n Node) (w, h float64) {
	w = linesWidth(n.Lines, fontSize) + 2*padX
	if n.Shape == Input {
		w += 12
	}
	h = float64(max(len(n.Lines), 1))*lineHeight + 2*padY
	return max(w, 40), h
}

// place orders the nodes of each layer and gives every node its box.
func place(g Graph, index map[string]int, layer []int) []box {
	nl := slices.Max(append([]int{0}, layer...)) + 1
	cols := make([][]int, nl)
	for u := range g.Nodes {
		cols[layer[u]] = append(cols[layer[u]], u)
	}
	// Barycentre sweeps: order each layer by the mean position of its
	// neighbours in the other layers.
	pos := make([]float64, len(g.Nodes))
	setPos := func() {
		for _, c := range cols {
			for i, u := range c {
				pos[u] = float64(i) - float64(len(c)-1)/2
			}
		}
	}
	setPos()
	for range 4 {
		for _, c := range cols {
			bary := make(map[int]float64, len(c))
			for _, u := range c {
				sum, k := 0.0, 0
				for _, e := range g.Edges {
					a, b := index[e.From], index[e.To]
					if a == u && layer[b] != layer[u] {
						sum, k = sum+pos[b], k+1
					} else if b == u && layer[a] != layer[u] {
						sum, k = sum+pos[a], k+1
					}
				}
				bary[u] = pos[u]
				if k > 0 {
					bary[u] = sum / float64(k)
				}
			}
			slices.SortStableFunc(c, func(a, b int) int { return cmp.Compare(bary[a], bary[b]) })
		}
		setPos()
	}
	// Room above a node for its loops and their labels.
	above := make([]float64, len(g.Nodes))
	for _, e := range g.Edges {
		if e.From == e.To {
			u := index[e.From]
			above[u] += loopHeight + float64(len(e.Lines))*labelLine
		}
	}
	// Column widths; the gap after a column fits the widest label of the
	// edges that leave it.
	colW := make([]float64, nl)
	gap := make([]float64, nl)
	for c := range cols {
		gap[c] = minColGap
		for _, u := range cols[c] {
			w, _ := nodeSize(g.Nodes[u])
			colW[c] = max(colW[c], w)
		}
	}
	for _, e := range g.Edges {
		a, b := index[e.From], index[e.To]
		if a != b {
			c := min(layer[a], layer[b])
			gap[c] = max(gap[c], linesWidth(e.Lines, labelSize)+24)
		}
	}
	// Row gaps: labels of the edges fanning in or out of a column sit
	// half way between its rows, so a column's rows are spaced by about
	// twice the tallest such label.
	rows := make([]float64, nl)
	for c := range rows {
		rows[c] = rowGap
	}
	for _, e := range g.Edges {
		a, b := index[e.From], index[e.To]
		if a != b {
			lh := float64(len(e.Lines)) * labelLine
			for _, c := range []int{layer[a], layer[b]} {
				rows[c] = max(rows[c], 2*lh-2*padY)
			}
		}
	}
	// The labels of the edges between two adjacent columns stack in the
	// gap between them: the rows of a column are spaced so that the
	// labels on either side of it fit in its height.
	stack := make([]float64, nl) // label height in the gap after column c
	for _, e := range g.Edges {
		a, b := index[e.From], index[e.To]
		if la, lb := layer[a], layer[b]; la != lb && max(la, lb)-min(la, lb) == 1 {
			stack[min(la, lb)] += float64(len(e.Lines))*labelLine + 4
		}
	}
	for c := range rows {
		if len(cols[c]) > 1 {
			need := stack[c]
			if c > 0 {
				need = max(need, stack[c-1])
			}
			rows[c] = max(rows[c], need/float64(len(cols[c])-1))
		}
	}
	boxes := make([]box, len(g.Nodes))
	x := 0.0
	heights := make([]float64, nl)
	for c, col := range cols {
		y := 0.0
		for _, u := range col {
			w, h := nodeSize(g.Nodes[u])
			y += above[u]
			boxes[u] = box{x: x + colW[c]/2, y: y + h/2, w: w, h: h}
			y += h + rows[c]
		}
		heights[c] = y - rows[c]
		x += colW[c] + gap[c]
	}
	tallest := slices.Max(append([]float64{0}, heights...))
	for c, col := range cols {
		for _, u := range col {
			boxes[u].y += (tallest - heights[c]) / 2
		}
	}
	return boxes
}

// drawnEdge is an edge's geometry: a quadratic Bézier from p0 to p1 with
// control point c (a straight line when c is their midpoint).
type drawnEdge struct {
	p0, c, p1 point
	loop      bool
	label     point // centre of the label
}

type drawing struct {
	g     Graph
	index map[string]int
	boxes []box
	geo   []drawnEdge
}

// edges computes the geometry of every edge.
func (d *drawing) edges() {
	// Edges between one pair of nodes (either way) are bent apart.
	type pair struct{ a, b int }
	group := make(map[pair][]int)
	loops := make(map[int]int)
	for k, e := range d.g.Edges {
		a, b := d.index[e.From], d.index[e.To]
		if a != b {
			p := pair{min(a, b), max(a, b)}
			group[p] = append(group[p], k)
		}
	}
	d.geo = make([]drawnEdge, len(d.g.Edges))
	for k, e := range d.g.Edges {
		a, b := d.index[e.From], d.index[e.To]
		ba, bb := d.boxes[a], d.boxes[b]
		if a == b {
			// A loop over the top of the node, stacked above earlier loops.
			i := loops[a]
			loops[a]++
			top := ba.y - ba.h/2
			hgt := loopHeight * float64(i+1)
			for _, prev := range d.g.Edges[:k] {
				if prev.From == e.From && prev.To == e.To {
					hgt += float64(len(prev.Lines)) * labelLine
				}
			}
			dx := min(ba.w/4, 30)
			p0 := point{ba.x - dx, top}
			p1 := point{ba.x + dx, top}
			c := point{ba.x, top - 2*hgt}
			d.geo[k] = drawnEdge{p0: p0, c: c, p1: p1, loop: true,
				label: point{ba.x, top - hgt - float64(len(e.Lines))*labelLine/2 - 2}}
			continue
		}
		p := pair{min(a, b), max(a, b)}
		ks := group[p]
		i := slices.Index(ks, k)
		off := (float64(i) - float64(len(ks)-1)/2) * 2 * bend
		if a > b {
			off = -off // the same side for either direction
		}
		// Edges that skip layers or go backwards bend more, to clear the
		// nodes in between.
		from, to := point{ba.x, ba.y}, point{bb.x, bb.y}
		dx, dy := to.x-from.x, to.y-from.y
		l := math.Hypot(dx, dy)
		if l == 0 {
			l = 1
		}
		if dx <= 0 || math.Abs(dx) > 2*(ba.w/2+bb.w/2+minColGap) {
			extra := 2 * bend
			if off == 0 {
				off = extra
			} else {
				off += math.Copysign(extra, off)
			}
		}
		nx, ny := -dy/l, dx/l
		mid := point{(from.x + to.x) / 2, (from.y + to.y) / 2}
		c := point{mid.x + 2*off*nx, mid.y + 2*off*ny}
		p0 := clip(ba, c)
		p1 := clip(bb, c)
		if off == 0 {
			p0, p1 = clip(ba, to), clip(bb, from)
			c = point{(p0.x + p1.x) / 2, (p0.y + p1.y) / 2}
		}
		lab := point{0.25*p0.x + 0.5*c.x + 0.25*p1.x, 0.25*p0.y + 0.5*c.y + 0.25*p1.y}
		d.geo[k] = drawnEdge{p0: p0, c: c, p1: p1, label: lab}
	}
}

// spreadLabels moves edge labels apart where they overlap each other or
// a node: a few passes, each pushing every overlapping pair apart along
// the axis of least overlap (a label moves half the overlap off another
// label, all of it off a node or a loop's label, which stays over its
// loop).
func (d *drawing) spreadLabels() {
	type rect struct{ x, y, w, h float64 } // centre and size
	var ks []int
	for k, e := range d.g.Edges {
		if len(e.Lines) > 0 {
			ks = append(ks, k)
		}
	}
	at := func(k int) rect {
		e := d.g.Edges[k]
		return rect{d.geo[k].label.x, d.geo[k].label.y, linesWidth(e.Lines, labelSize) + 6, float64(len(e.Lines)) * labelLine}
	}
	// push returns how far to move a off b (zero if they do not overlap).
	const gap = 2
	push := func(a, b rect) point {
		ox := (a.w+b.w)/2 - math.Abs(a.x-b.x)
		oy := (a.h+b.h)/2 - math.Abs(a.y-b.y)
		if ox <= 0 || oy <= 0 {
			return point{}
		}
		if ox < oy {
			return point{x: math.Copysign(ox+gap, a.x-b.x+1e-9*float64(cmp.Compare(a.y, b.y)))}
		}
		return point{y: math.Copysign(oy+gap, a.y-b.y+1e-9)}
	}
	move := func(k int, p point, f float64) {
		d.geo[k].label.x += f * p.x
		d.geo[k].label.y += f * p.y
	}
	for range 200 {
		moved := false
		for i, a := range ks {
			for _, b := range ks[i+1:] {
				p := push(at(a), at(b))
				if p == (point{}) {
					continue
				}
				moved = true
				switch la, lb := d.geo[a].loop, d.geo[b].loop; {
				case la && lb:
					moved = false
				case la:
					move(b, p, -1)
				case lb:
					move(a, p, 1)
				default:
					move(a, p, 0.5)
					move(b, p, -0.5)
				}
			}
			for _, nb := range d.boxes {
				if p := push(at(a), rect{nb.x, nb.y, nb.w, nb.h}); p != (point{}) {
					move(a, p, 1)
					moved = true
				}
			}
		}
		if !moved {
			return
		}
	}
}

// clip returns the point where the segment from the centre of b towards
// p leaves b (b's centre if p is inside).
func clip(b box, p point) point {
	dx, dy := p.x-b.x, p.y-b.y
	if dx == 0 && dy == 0 {
		return point{b.x, b.y}
	}
	t := math.Inf(1)
	if dx != 0 {
		t = min(t, b.w/2/math.Abs(dx))
	}
	if dy != 0 {
		t = min(t, b.h/2/math.Abs(dy))
	}
	if t >= 1 {
		return point{b.x, b.y}
	}
	return point{b.x + t*dx, b.y + t*dy}
}

const (
	defaultFill   = "#eef3fb"
	defaultStroke = "#34495e"
)

// write writes the SVG document.
func (d *drawing) write(w io.Writer) error {
	// Bounds of everything drawn.
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	grow := func(x0, y0, x1, y1 float64) {
		minX, minY = min(minX, x0), min(minY, y0)
		maxX, maxY = max(maxX, x1), max(maxY, y1)
	}
	for _, b := range d.boxes {
		grow(b.x-b.w/2, b.y-b.h/2, b.x+b.w/2, b.y+b.h/2)
	}
	for k, e := range d.g.Edges {
		g := d.geo[k]
		// The curve lies in the hull of its points; a quadratic Bézier
		// reaches half way to its control point.
		for _, p := range []point{g.p0, g.p1, {(g.p0.x+g.p1.x)/4 + g.c.x/2, (g.p0.y+g.p1.y)/4 + g.c.y/2}} {
			grow(p.x, p.y, p.x, p.y)
		}
		lw := linesWidth(e.Lines, labelSize) + 6
		lh := float64(len(e.Lines)) * labelLine
		grow(g.label.x-lw/2, g.label.y-lh/2, g.label.x+lw/2, g.label.y+lh/2)
	}
	if len(d.boxes) == 0 {
		minX, minY, maxX, maxY = 0, 0, 0, 0
	}
	ox, oy := margin-minX, margin-minY
	width, height := maxX-minX+2*margin, maxY-minY+2*margin

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Helvetica, Arial, sans-serif">`+"\n",
		f(width), f(height), f(width), f(height))
	if d.g.Title != "" {
		fmt.Fprintf(bw, "<title>%s</title>\n", esc(d.g.Title))
	}
	// One marker per head and colour.
	fmt.Fprintln(bw, "<defs>")
	seen := make(map[string]bool)
	for _, e := range d.g.Edges {
		id := markerID(e)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		color := cmp.Or(e.Color, defaultStroke)
		switch e.Head {
		case Arrow:
			fmt.Fprintf(bw, `<marker id="%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`+"\n", esc(id), esc(color))
		case Tee:
			fmt.Fprintf(bw, `<marker id="%s" viewBox="0 0 4 12" refX="3" refY="6" markerWidth="4" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto"><rect x="0" y="0" width="3" height="12" fill="%s"/></marker>`+"\n", esc(id), esc(color))
		}
	}
	fmt.Fprintln(bw, "</defs>")
	fmt.Fprintf(bw, `<g transform="translate(%s %s)">`+"\n", f(ox), f(oy))
	for k, e := range d.g.Edges {
		d.writeEdge(bw, e, d.geo[k])
	}
	for k, e := range d.g.Edges {
		writeLabel(bw, e, d.geo[k])
	}
	for i, n := range d.g.Nodes {
		writeNode(bw, n, d.boxes[i])
	}
	fmt.Fprintln(bw, "</g>")
	fmt.Fprintln(bw, "</svg>")
	return bw.Flush()
}

func markerID(e Edge) string {
	color := strings.TrimPrefix(cmp.Or(e.Color, defaultStroke), "#")
	switch e.Head {
	case Arrow:
		return "arrow-" + color
	case Tee:
		return "tee-" + color
	}
	return ""
}

func (d *drawing) writeEdge(bw *bufio.Writer, e Edge, g drawnEdge) {
	color := cmp.Or(e.Color, defaultStroke)
	width := e.Width
	if width <= 0 {
		width = 1.2
	}
	fmt.Fprintf(bw, `<g class="%s" id="edge-%s">`, esc(strings.TrimSpace("edge "+e.Class)), esc(e.ID))
	fmt.Fprintf(bw, "<title>%s</title>", esc(e.From+" -> "+e.To))
	attrs := fmt.Sprintf(`fill="none" stroke="%s" stroke-width="%s"`, esc(color), f(width))
	if e.Dash != "" {
		attrs += fmt.Sprintf(` stroke-dasharray="%s"`, esc(e.Dash))
	}
	if id := markerID(e); id != "" {
		attrs += fmt.Sprintf(` marker-end="url(#%s)"`, esc(id))
	}
	fmt.Fprintf(bw, `<path d="M%s,%s Q%s,%s %s,%s" %s/>`, f(g.p0.x), f(g.p0.y), f(g.c.x), f(g.c.y), f(g.p1.x), f(g.p1.y), attrs)
	fmt.Fprintln(bw, "</g>")
}

// writeLabel writes the label of an edge, over every edge's line.
func writeLabel(bw *bufio.Writer, e Edge, g drawnEdge) {
	color := cmp.Or(e.Color, defaultStroke)
	if len(e.Lines) > 0 {
		fmt.Fprintf(bw, `<g class="label" id="label-%s">`, esc(e.ID))
		lw := linesWidth(e.Lines, labelSize) + 6
		lh := float64(len(e.Lines)) * labelLine
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="white" fill-opacity="0.85"/>`,
			f(g.label.x-lw/2), f(g.label.y-lh/2), f(lw), f(lh))
		writeText(bw, e.Lines, g.label, labelSize, labelLine, color, false)
		fmt.Fprintln(bw, "</g>")
	}
}

func writeNode(bw *bufio.Writer, n Node, b box) {
	fill, stroke := cmp.Or(n.Fill, defaultFill), cmp.Or(n.Stroke, defaultStroke)
	fmt.Fprintf(bw, `<g class="%s" id="node-%s">`, esc(strings.TrimSpace("node "+n.Class)), esc(n.ID))
	fmt.Fprintf(bw, "<title>%s</title>", esc(n.ID))
	x0, y0, x1, y1 := b.x-b.w/2, b.y-b.h/2, b.x+b.w/2, b.y+b.h/2
	style := fmt.Sprintf(`fill="%s" stroke="%s" stroke-width="1.2"`, esc(fill), esc(stroke))
	switch n.Shape {
	case Input:
		fmt.Fprintf(bw, `<path d="M%s,%s L%s,%s L%s,%s L%s,%s L%s,%s z" %s/>`,
			f(x0), f(y0), f(x1-12), f(y0), f(x1), f(b.y), f(x1-12), f(y1), f(x0), f(y1), style)
	case Note:
		fmt.Fprintf(bw, `<path d="M%s,%s L%s,%s L%s,%s L%s,%s L%s,%s z M%s,%s L%s,%s L%s,%s" %s/>`,
			f(x0), f(y0), f(x1-10), f(y0), f(x1), f(y0+10), f(x1), f(y1), f(x0), f(y1),
			f(x1-10), f(y0), f(x1-10), f(y0+10), f(x1), f(y0+10), style)
	default:
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" ry="6" %s/>`, f(x0), f(y0), f(b.w), f(b.h), style)
	}
	c := point{b.x, b.y}
	if n.Shape == Input {
		c.x -= 6
	}
	writeText(bw, n.Lines, c, fontSize, lineHeight, "#1b2631", true)
	fmt.Fprintln(bw, "</g>")
}

// writeText writes lines centred on c, the first one bold if bold.
func writeText(bw *bufio.Writer, lines []string, c point, size, lh float64, color string, bold bool) {
	y := c.y - float64(len(lines))*lh/2 + lh*0.75
	fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="middle">`, f(c.x), f(y), f(size), esc(color))
	for i, l := range lines {
		dy := "0"
		if i > 0 {
			dy = f(lh)
		}
		weight := ""
		if bold && i == 0 {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(bw, `<tspan x="%s" dy="%s"%s>%s</tspan>`, f(c.x), dy, weight, esc(l))
	}
	fmt.Fprint(bw, "</text>")
}

// f formats a coordinate with at most two decimals.
func f(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
