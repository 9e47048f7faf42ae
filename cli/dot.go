package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func graphCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("graph", "FILE|DIR [flags]", `
Graph compiles the network and draws it: populations are boxes (name,
model, size), grouped into the stages of the step schedule (populations
linked by zero-delay synapses advance in later stages); stimuli point at
the populations they drive and monitors are fed by what they record.
Synapse edges are arrows labelled with their name, connection rule,
kernel, delay, number of synapses and learning rule. Inhibitory edges
(from inhibitory populations, and lateral inhibition) are red with a
flat head; plastic edges are drawn thicker.

-format dot (the default) prints Graphviz DOT; -format svg draws an SVG
picture with no need of Graphviz (a simpler layout than Graphviz's);
any other format (png, pdf, ...) is made by Graphviz's dot program.

  netrun graph -format svg -o net.svg examples/ei_network
  netrun graph examples/ei_network | dot -Tpng -o net.png`)
	var nf netFlags
	nf.register(fs)
	format := fs.String("format", "dot", "output `format`: dot, svg (drawn without Graphviz), or a Graphviz format (png, pdf, ...; needs Graphviz's dot)")
	out := fs.String("o", "", "write to `file` instead of standard output")
	path, code, ok := e.parsePath(fs, args)
	if !ok {
		return code
	}
	f := strings.ToLower(strings.TrimSpace(*format))
	if f == "" || strings.ContainsAny(f, " \t/\\") {
		fmt.Fprintf(e.stderr, "%s graph: invalid value %q for flag -format: want dot, svg or a Graphviz format such as png\nRun '%s graph -h' for usage.\n", e.name, *format, e.name)
		return ExitUsage
	}
	var dotPath string
	if f != "dot" && f != "svg" {
		p, err := exec.LookPath("dot")
		if err != nil {
			fmt.Fprintf(e.stderr, "%s graph: -format %s needs Graphviz's dot program, which was not found in PATH; install Graphviz, or use -format svg (drawn without Graphviz)\n", e.name, f)
			return ExitConfig
		}
		dotPath = p
		terminal := isTerminal
		if e.isTerm != nil {
			terminal = e.isTerm
		}
		if *out == "" && terminal(e.stdout) {
			fmt.Fprintf(e.stderr, "%s graph: -format %s writes binary data; give -o FILE or redirect standard output, not a terminal\n", e.name, f)
			return ExitUsage
		}
	}
	net, sim, ok := e.loadCompiled(path, &nf)
	if !ok {
		return ExitConfig
	}
	g := networkGraph(net, sim, e.reg)
	write := func(w io.Writer) error {
		switch f {
		case "dot":
			return writeDOT(w, g)
		case "svg":
			return writeSVG(w, g)
		}
		return runDot(w, dotPath, f, g)
	}
	var err error
	if *out == "" {
		err = write(e.stdout)
	} else {
		err = writeFileAtomic(*out, 0o644, write)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s graph: %v\n", e.name, err)
		return ExitConfig
	}
	return ExitOK
}

// runDot renders g in format f with Graphviz's dot program at dotPath.
func runDot(w io.Writer, dotPath, f string, g *netGraph) error {
	var src bytes.Buffer
	if err := writeDOT(&src, g); err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd := exec.Command(dotPath, "-T"+f)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &src, w, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		var ee *exec.ExitError
		if errors.As(err, &ee) && msg != "" {
			return fmt.Errorf("Graphviz's dot -T%s failed: %s", f, firstLine(msg))
		}
		return fmt.Errorf("Graphviz's dot -T%s: %w", f, err)
	}
	return nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// netGraph is what netrun graph draws: the network as nodes and edges,
// rendered as DOT (writeDOT) or SVG (writeSVG).
type netGraph struct {
	stages [][]string // population names by stage
	nodes  []netNode
	edges  []netEdge
}

// nodeKind is what a node stands for.
type nodeKind int

const (
	popNode nodeKind = iota
	stimNode
	monNode
)

type netNode struct {
	id    string // unique: a population's name, "stimulus:NAME", "monitor:NAME"
	kind  nodeKind
	lines []string
	stage int // of a population
	inhib bool
}

// edgeKind is what an edge stands for.
type edgeKind int

const (
	synEdge   edgeKind = iota // a synapse edge
	inputEdge                 // a stimulus drives a population
	recEdge                   // a monitor records a population or edge
)

type netEdge struct {
	id       string
	from, to string
	kind     edgeKind
	lines    []string
	inhib    bool // an inhibitory synapse edge
	plastic  bool // a synapse edge with a learning rule
	lateral  bool // lateral inhibition
	synapses int
}

// networkGraph describes the compiled network.
func networkGraph(net *dsl.Network, sim *graph.Sim, reg *component.Registry) *netGraph {
	g := &netGraph{stages: sim.Stages()}
	for i, stage := range g.stages {
		for _, name := range stage {
			p := sim.Population(name)
			lines := []string{name, fmt.Sprintf("%s, n=%d", p.Model.Kind(), p.Len())}
			if len(p.Shape) > 1 {
				lines[1] += fmt.Sprintf(" %v", p.Shape)
			}
			if d, ok := p.Model.(*encoding.Data); ok && d.Encoder != nil {
				lines = append(lines, paramLabel(d.Encoder.Kind(), d.Encoder))
			}
			if p.IsInhibitory {
				lines = append(lines, "inhibitory")
			}
			g.nodes = append(g.nodes, netNode{id: name, kind: popNode, lines: lines, stage: i, inhib: p.IsInhibitory})
		}
	}
	for i, s := range net.Stimuli() {
		b, ok := net.StimulusBlock(i)
		if !ok {
			b = dsl.StimulusBlock{Name: strconv.Itoa(i), Kind: strings.TrimPrefix(fmt.Sprintf("%T", s), "*")}
		}
		id := "stimulus:" + b.Name
		g.nodes = append(g.nodes, netNode{id: id, kind: stimNode, lines: []string{b.Name, "stimulus " + b.Kind}})
		if t := s.Target(); t != nil {
			g.edges = append(g.edges, netEdge{id: id + "->" + t.Name, from: id, to: t.Name, kind: inputEdge})
		}
	}
	dt := sim.Dt()
	for _, s := range net.Synapses() {
		lines := []string{s.Name, fmt.Sprintf("%v, %s", s.Connect, kernelLabel(s.Kernel)), "delay " + delayLabel(s, dt), countLabel(s.Len(), "synapse")}
		if s.Rule != nil {
			lines = append(lines, "learning "+ruleLabel(s.Rule, reg))
		}
		inhib := s.Pre.IsInhibitory || s.Inhibitory
		lateral := s.Inhibitory && s.Pre == s.Post
		if lateral {
			lines = append(lines, "lateral inhibition")
		}
		g.edges = append(g.edges, netEdge{id: s.Name, from: s.Pre.Name, to: s.Post.Name, kind: synEdge, lines: lines,
			inhib: inhib, plastic: s.Rule != nil, lateral: lateral, synapses: s.Len()})
	}
	for _, m := range net.Monitors {
		id := "monitor:" + m.Name
		what := strings.Join(m.Variables, ", ")
		g.nodes = append(g.nodes, netNode{id: id, kind: monNode, lines: []string{m.Name, "monitor: " + what}})
		switch {
		case m.Synapse != nil:
			g.edges = append(g.edges, netEdge{id: id, from: m.Synapse.Post.Name, to: id, kind: recEdge, lines: []string{"synapse " + m.Synapse.Name}})
		case m.Target != nil:
			g.edges = append(g.edges, netEdge{id: id, from: m.Target.Name, to: id, kind: recEdge})
		}
	}
	return g
}

// countLabel says n things: "1 synapse", "2 synapses".
func countLabel(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// ruleLabel names a learning rule with the parameters set to other than
// their defaults (all of them if the registry does not know the rule).
func ruleLabel(r learning.Rule, reg *component.Registry) string {
	params, _ := component.Describe(r)
	var defaults map[string]string
	if reg != nil {
		if fresh, ok := reg.New(component.Rule, r.Kind()); ok {
			dp, _ := component.Describe(fresh)
			defaults = make(map[string]string, len(dp))
			for _, p := range dp {
				defaults[p.Name] = p.Default
			}
		}
	}
	label := r.Kind()
	for _, p := range params {
		if d, ok := defaults[p.Name]; (ok && d == p.Default) || p.Default == "unset" {
			continue
		}
		label += fmt.Sprintf(", %s %s", p.Name, p.Default)
		if p.Unit != "" {
			label += " " + p.Unit
		}
	}
	return label
}

// Colours of netrun graph.
const (
	colorExc   = "#2c3e50"
	colorInh   = "#c0392b"
	colorInput = "#27ae60"
	colorRec   = "#7f8c8d"
)

// writeDOT writes g as a DOT digraph.
func writeDOT(w io.Writer, g *netGraph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph network {")
	fmt.Fprintln(bw, "  rankdir=LR;")
	fmt.Fprintln(bw, `  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=10];`)
	for i, stage := range g.stages {
		fmt.Fprintf(bw, "  subgraph cluster_stage%d {\n", i)
		fmt.Fprintf(bw, "    label=%s; style=dashed; color=gray;\n", dotQuote(fmt.Sprintf("stage %d", i)))
		for _, name := range stage {
			for _, n := range g.nodes {
				if n.kind == popNode && n.id == name {
					fmt.Fprintf(bw, "    %s [label=%s];\n", dotQuote(name), dotQuote(strings.Join(n.lines, "\n")))
				}
			}
		}
		fmt.Fprintln(bw, "  }")
	}
	for _, n := range g.nodes {
		switch n.kind {
		case stimNode:
			fmt.Fprintf(bw, "  %s [label=%s, shape=cds, style=filled, fillcolor=\"#e9f7ef\"];\n", dotQuote(n.id), dotQuote(strings.Join(n.lines, "\n")))
		case monNode:
			fmt.Fprintf(bw, "  %s [label=%s, shape=note, style=filled, fillcolor=\"#f4f6f6\"];\n", dotQuote(n.id), dotQuote(strings.Join(n.lines, "\n")))
		}
	}
	for _, e := range g.edges {
		var style string
		switch {
		case e.kind == inputEdge:
			style = `, color="` + colorInput + `", style=dashed`
		case e.kind == recEdge:
			style = `, color="` + colorRec + `", style=dotted, arrowhead=none`
		case e.inhib:
			style = `, color="` + colorInh + `", fontcolor="` + colorInh + `", arrowhead=tee`
		}
		if e.plastic {
			style += ", penwidth=2"
		}
		label := ""
		if len(e.lines) > 0 {
			label = "label=" + dotQuote(strings.Join(e.lines, "\n"))
		}
		attrs := strings.TrimPrefix(label+style, ", ")
		if attrs != "" {
			attrs = " [" + attrs + "]"
		}
		fmt.Fprintf(bw, "  %s -> %s%s;\n", dotQuote(e.from), dotQuote(e.to), attrs)
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
// range of its per-synapse delays ("1 ms (10 steps)", "0.1 ms (1 step)").
func delayLabel(s *synapses.Synapse, dt float64) string {
	if s.D == nil {
		return fmt.Sprintf("%s ms (%s)", num(float64(s.DelaySteps)*dt), countLabel(s.DelaySteps, "step"))
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
