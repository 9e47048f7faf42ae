package cli

import (
	"io"

	"github.com/synapticflow/synapticflow-go/internal/svggraph"
)

// writeSVG draws g as an SVG picture (package internal/svggraph, no
// Graphviz): stimuli in the first column, populations in layers that
// follow the step schedule and the synapses, monitors in the last
// column.
func writeSVG(w io.Writer, g *netGraph) error {
	sg := svggraph.Graph{Title: "network"}
	for _, n := range g.nodes {
		sn := svggraph.Node{ID: n.id, Lines: n.lines}
		switch n.kind {
		case popNode:
			sn.Class, sn.MinLayer = "population", n.stage+1
			if n.inhib {
				sn.Class += " inhibitory"
				sn.Fill, sn.Stroke = "#fdedec", colorInh
			}
		case stimNode:
			sn.Class, sn.Shape, sn.Fill, sn.Stroke = "stimulus", svggraph.Input, "#e9f7ef", colorInput
		case monNode:
			sn.Class, sn.Shape, sn.Fill, sn.Stroke, sn.Sink = "monitor", svggraph.Note, "#f4f6f6", colorRec, true
		}
		sg.Nodes = append(sg.Nodes, sn)
	}
	for _, e := range g.edges {
		se := svggraph.Edge{ID: e.id, From: e.from, To: e.to, Lines: e.lines, Color: colorExc}
		switch e.kind {
		case inputEdge:
			se.Class, se.Color, se.Dash = "input", colorInput, "6 3"
		case recEdge:
			se.Class, se.Color, se.Dash, se.Head = "record", colorRec, "2 3", svggraph.NoHead
		default:
			se.Class = "synapse excitatory"
			if e.inhib {
				se.Class, se.Color, se.Head = "synapse inhibitory", colorInh, svggraph.Tee
			}
			if e.lateral {
				se.Class += " lateral"
			}
			if e.plastic {
				se.Class += " plastic"
				se.Width = 2.4
			}
		}
		sg.Edges = append(sg.Edges, se)
	}
	return svggraph.Render(w, sg)
}
