package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func graphCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("graph", "FILE|DIR [flags]", `
Graph compiles the network and prints it as a Graphviz DOT graph on
standard output: populations are nodes (name, model, size), grouped into
the stages of the step schedule (populations linked by zero-delay synapses
advance in later stages), and synapse edges are arrows labelled with their
name, connection rule, kernel, delay and number of synapses. Inhibitory
edges are red with a flat arrowhead.

  netrun graph examples/ei_network | dot -Tpng -o net.png`)
	var nf netFlags
	nf.register(fs)
	path, code, ok := e.parsePath(fs, args)
	if !ok {
		return code
	}
	net, sim, ok := e.loadCompiled(path, &nf)
	if !ok {
		return ExitConfig
	}
	if err := writeDOT(e.stdout, net, sim); err != nil {
		fmt.Fprintf(e.stderr, "%s graph: %v\n", e.name, err)
		return ExitConfig
	}
	return ExitOK
}

// writeDOT writes the compiled network as a DOT digraph.
func writeDOT(w io.Writer, net *dsl.Network, sim *graph.Sim) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph network {")
	fmt.Fprintln(bw, "  rankdir=LR;")
	fmt.Fprintln(bw, `  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=10];`)
	for i, stage := range sim.Stages() {
		fmt.Fprintf(bw, "  subgraph cluster_stage%d {\n", i)
		fmt.Fprintf(bw, "    label=%s; style=dashed; color=gray;\n", dotQuote(fmt.Sprintf("stage %d", i)))
		for _, name := range stage {
			p := sim.Population(name)
			label := fmt.Sprintf("%s\n%s, n=%d", name, p.Model.Kind(), p.Len())
			if len(p.Shape) > 1 {
				label += fmt.Sprintf(" %v", p.Shape)
			}
			if d, ok := p.Model.(*encoding.Data); ok && d.Encoder != nil {
				label += "\n" + paramLabel(d.Encoder.Kind(), d.Encoder)
			}
			if p.IsInhibitory {
				label += "\ninhibitory"
			}
			fmt.Fprintf(bw, "    %s [label=%s];\n", dotQuote(name), dotQuote(label))
		}
		fmt.Fprintln(bw, "  }")
	}
	dt := sim.Dt()
	for _, s := range net.Synapses() {
		label := fmt.Sprintf("%s\n%v, %s\ndelay %s\n%d synapses", s.Name, s.Connect, kernelLabel(s.Kernel), delayLabel(s, dt), s.Len())
		style := ""
		if s.Pre.IsInhibitory {
			style = `, color="#c0392b", fontcolor="#c0392b", arrowhead=tee`
		}
		fmt.Fprintf(bw, "  %s -> %s [label=%s%s];\n", dotQuote(s.Pre.Name), dotQuote(s.Post.Name), dotQuote(label), style)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

// kernelLabel names a kernel with its parameters, e.g. "exponential,
// tau 5 ms" (unset parameters left out).
func kernelLabel(k synapses.Kernel) string {
	if k == nil {
		return "delta"
	}
	return paramLabel(k.Kind(), k)
}

// paramLabel names a component with its parameters (unset ones left out).
func paramLabel(name string, x any) string {
	label := name
	params, _ := component.Describe(x)
	for _, p := range params {
		if p.Default == "unset" {
			continue
		}
		label += fmt.Sprintf(", %s %s", p.Name, p.Default)
		if p.Unit != "" {
			label += " " + p.Unit
		}
	}
	return label
}

// delayLabel gives an edge's delay in ms and steps: one value, or the
// range of its per-synapse delays.
func delayLabel(s *synapses.Synapse, dt float64) string {
	if s.D == nil {
		return fmt.Sprintf("%s ms (%d steps)", num(float64(s.DelaySteps)*dt), s.DelaySteps)
	}
	lo, hi := s.MinDelay(), s.MinDelay()
	for _, d := range s.D {
		hi = max(hi, int(d))
	}
	return fmt.Sprintf("%s-%s ms (%d-%d steps)", num(float64(lo)*dt), num(float64(hi)*dt), lo, hi)
}

// num formats x with at most 10 significant digits, so that 15 steps of
// 0.1 ms print as 1.5 and not 1.5000000000000002.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }

// dotQuote quotes s as a DOT string; newlines become DOT's \n line
// breaks.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
