package svggraph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    Graph
		want string
	}{
		{"duplicate", Graph{Nodes: []Node{{ID: "a"}, {ID: "a"}}}, `two nodes have the ID "a"`},
		{"unknown end", Graph{Nodes: []Node{{ID: "a"}}, Edges: []Edge{{ID: "e", From: "a", To: "b"}}}, `edge "e" names node "b", which is not in the graph`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Render(io.Discard, tc.g)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLayers(t *testing.T) {
	// a -> b -> c, c -> b (a cycle), a -> c (skips a layer), d a sink, e
	// has MinLayer 3, b -> b a loop.
	g := Graph{
		Nodes: []Node{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d", Sink: true}, {ID: "e", MinLayer: 3}},
		Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "c"}, {From: "c", To: "b"}, {From: "a", To: "c"}, {From: "c", To: "d"}, {From: "b", To: "b"}},
	}
	index := map[string]int{"a": 0, "b": 1, "c": 2, "d": 3, "e": 4}
	assert.Equal(t, []int{0, 1, 2, 4, 3}, layers(g, index))

	// MinLayer decides which edge of a cycle goes backwards: y is in an
	// earlier stage than x, so x -> y is the back edge.
	g = Graph{
		Nodes: []Node{{ID: "x", MinLayer: 1}, {ID: "y"}},
		Edges: []Edge{{From: "x", To: "y"}, {From: "y", To: "x"}},
	}
	assert.Equal(t, []int{1, 0}, layers(g, map[string]int{"x": 0, "y": 1}), "x after y")
}

// TestRenderGeometry: forward edges go left to right, loops sit above
// their node, text is escaped, and the document parses.
func TestRenderGeometry(t *testing.T) {
	g := Graph{
		Title: `a <net> & "b"`,
		Nodes: []Node{{ID: "p<1>", Lines: []string{"p & q", `"x"`}}, {ID: "q", Shape: Input}, {ID: "m", Shape: Note, Sink: true}},
		Edges: []Edge{
			{ID: "e1", From: "p<1>", To: "q", Lines: []string{"w < 1"}, Head: Tee, Color: "#c0392b"},
			{ID: "loop", From: "q", To: "q", Lines: []string{"self"}},
			{ID: "rec", From: "q", To: "m", Head: NoHead, Dash: "2 3"},
		},
	}
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, g))
	d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	d.Strict = true
	var texts []string
	var paths []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, buf.String())
		switch tok := tok.(type) {
		case xml.CharData:
			texts = append(texts, string(tok))
		case xml.StartElement:
			if tok.Name.Local == "path" {
				for _, a := range tok.Attr {
					if a.Name.Local == "d" {
						paths = append(paths, a.Value)
					}
				}
			}
		}
	}
	all := strings.Join(texts, "|")
	for _, s := range []string{`a <net> & "b"`, "p & q", `"x"`, "w < 1", "p<1>"} {
		assert.Contains(t, all, s)
	}
	assert.Contains(t, buf.String(), `marker-end="url(#tee-c0392b)"`)
	assert.Contains(t, buf.String(), `<marker id="tee-c0392b"`)
	assert.Equal(t, 1, strings.Count(buf.String(), `<marker id="arrow-34495e"`), "one marker for the loop's default arrow")
	assert.Contains(t, buf.String(), `font-weight="bold">q</tspan>`, "a node without lines shows its ID")

	index := map[string]int{"p<1>": 0, "q": 1, "m": 2}
	lay := layers(g, index)
	boxes := place(g, index, lay)
	assert.Less(t, boxes[0].x, boxes[1].x, "p left of q")
	assert.Less(t, boxes[1].x, boxes[2].x, "the sink on the right")
	dr := drawing{g: g, index: index, boxes: boxes}
	dr.edges()
	e1 := dr.geo[0]
	assert.InDelta(t, boxes[0].x+boxes[0].w/2, e1.p0.x, 1e-9, "starts on p's right side")
	assert.InDelta(t, boxes[1].x-boxes[1].w/2, e1.p1.x, 1e-9, "ends on q's left side")
	loop := dr.geo[1]
	assert.True(t, loop.loop)
	top := boxes[1].y - boxes[1].h/2
	assert.InDelta(t, top, loop.p0.y, 1e-9)
	assert.Less(t, loop.c.y, top, "the loop rises above q")
	assert.Less(t, loop.label.y, top)
}

func TestParallelEdgesBendApart(t *testing.T) {
	g := Graph{
		Nodes: []Node{{ID: "a"}, {ID: "b"}},
		Edges: []Edge{{ID: "ab", From: "a", To: "b"}, {ID: "ba", From: "b", To: "a"}},
	}
	index := map[string]int{"a": 0, "b": 1}
	dr := drawing{g: g, index: index, boxes: place(g, index, layers(g, index))}
	dr.edges()
	// Opposite sides of the line between the centres (one above, one
	// below).
	assert.NotEqual(t, dr.geo[0].label, dr.geo[1].label, "labels apart")
	assert.Less(t, (dr.geo[0].c.y-dr.boxes[0].y)*(dr.geo[1].c.y-dr.boxes[0].y), 0.0, "on opposite sides")
}

// TestLabelsDoNotOverlap: an E/I-like graph with four-line labels on
// every edge, both ways between the columns, and loops: after layout no
// two labels overlap, and no label covers a node.
func TestLabelsDoNotOverlap(t *testing.T) {
	lines := []string{"name", "random(p=0.1), exponential, tau 5 ms", "delay 1 ms (10 steps)", "4000 synapses"}
	g := Graph{Nodes: []Node{{ID: "in1"}, {ID: "in2"}, {ID: "e1"}, {ID: "e2"}, {ID: "i"}}}
	add := func(a, b string) {
		g.Edges = append(g.Edges, Edge{ID: a + b, From: a, To: b, Lines: lines})
	}
	add("in1", "e1")
	add("in2", "e2")
	for _, e := range []string{"e1", "e2"} {
		add(e, e)
		add(e, "i")
		add("i", e)
	}
	index := map[string]int{}
	for i, n := range g.Nodes {
		index[n.ID] = i
	}
	dr := drawing{g: g, index: index, boxes: place(g, index, layers(g, index))}
	dr.edges()
	dr.spreadLabels()
	type rect struct{ x0, y0, x1, y1 float64 }
	var rs []rect
	for k, e := range g.Edges {
		w, h := linesWidth(e.Lines, labelSize)+6, float64(len(e.Lines))*labelLine
		c := dr.geo[k].label
		rs = append(rs, rect{c.x - w/2, c.y - h/2, c.x + w/2, c.y + h/2})
	}
	over := func(a, b rect) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }
	for i := range rs {
		for j := range rs[:i] {
			assert.False(t, over(rs[i], rs[j]), "labels %s and %s overlap", g.Edges[i].ID, g.Edges[j].ID)
		}
		for n, b := range dr.boxes {
			assert.False(t, over(rs[i], rect{b.x - b.w/2, b.y - b.h/2, b.x + b.w/2, b.y + b.h/2}), "label %s covers node %s", g.Edges[i].ID, g.Nodes[n].ID)
		}
	}
	// The layers: inputs, then the excitatory nodes, then i; the edges
	// back from i are the ones drawn backwards.
	assert.Equal(t, []int{0, 0, 1, 1, 2}, layers(g, index))
}

// TestRenderRandomGraphs renders seeded random graphs (loops, parallel
// and opposite edges, cycles, MinLayers, sinks, odd characters): always
// well-formed XML, with finite coordinates.
func TestRenderRandomGraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"a", "b<", "c&d", `"e"`, "f'", "g]]>", "h", "i"}
	for trial := range 200 {
		n := 1 + r.IntN(len(names))
		var g Graph
		for i := range n {
			g.Nodes = append(g.Nodes, Node{ID: names[i], Lines: []string{names[i], strings.Repeat("x", r.IntN(30))},
				MinLayer: r.IntN(3), Sink: r.IntN(6) == 0, Shape: Shape(r.IntN(3))})
		}
		for k := range r.IntN(3 * n) {
			g.Edges = append(g.Edges, Edge{ID: fmt.Sprint(k), From: names[r.IntN(n)], To: names[r.IntN(n)],
				Lines: make([]string, r.IntN(5)), Head: Head(r.IntN(3))})
		}
		var buf bytes.Buffer
		require.NoError(t, Render(&buf, g), "trial %d", trial)
		d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, "trial %d:\n%s", trial, buf.String())
		}
		assert.NotContains(t, buf.String(), "NaN", "trial %d", trial)
		assert.NotContains(t, buf.String(), "Inf", "trial %d", trial)
	}
}
