package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func modelsCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("models", "[-json] [NAME]", `
Models lists every component that networks may use, kind by kind: neuron
models (the "model" of a population block, with their state variables,
what a monitor can record), learning rules (the label of a learning block
in a synapse block), connectors (connect), synapse kernels (kernel),
encoders (encoder of a data population), stimuli and monitors. For each it
gives its parameters: name, type, unit, default, range or allowed values,
and meaning. With NAME it describes the components of that name alone.

With -json it writes the same as one JSON object (see docs/netrun.md).

Every population also takes n or shape, is_inhibitory, learning and
sum_input; every synapse from, to, weight, delay, w_min, w_max, norm and
save_weights; see docs/language.md.`)
	asJSON := fs.Bool("json", false, "write the list as JSON")
	file := fs.String("file", "", "also list the neuron_model and synapse_model blocks of this network `file` or directory (docs/equations.md)")
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	var fileModels []componentInfo
	if *file != "" {
		reg, files, diags := dsl.NeuronModels(*file, dsl.Options{Registry: e.reg})
		if diags.HasErrors() {
			e.diagnostics(diags, files)
			return ExitConfig
		}
		fileModels = equationComponents(reg, len(pos) == 1)
		synModels, files, diags := dsl.SynapseModels(*file, dsl.Options{Registry: e.reg})
		if diags.HasErrors() {
			e.diagnostics(diags, files)
			return ExitConfig
		}
		for _, m := range synModels {
			fileModels = append(fileModels, componentInfo{Kind: component.Rule, Name: m.Name, Variables: m.Vars, Params: m.Params,
				Doc:   "synapse_model defined by equations (a synapse model and its learning rule)",
				usage: fmt.Sprintf("synapse model: model = %q in a synapse block; per-synapse variables: %s", m.Name, strings.Join(m.Vars, ", "))})
		}
	}
	var list []componentInfo
	switch len(pos) {
	case 0:
		list = append(e.components(""), fileModels...)
	case 1:
		list = e.components(pos[0])
		for _, c := range fileModels {
			if c.Name == pos[0] {
				list = append(list, c)
			}
		}
		if len(list) == 0 {
			var all []string
			for _, kind := range component.Kinds() {
				all = append(all, e.reg.Names(kind)...)
			}
			fmt.Fprintf(e.stderr, "%s models: unknown component %q%s; run '%s models' for the list\n",
				e.name, pos[0], didYouMean(pos[0], all), e.name)
			return ExitConfig
		}
	default:
		fmt.Fprintf(e.stderr, "%s models: want at most one KIND, have %d\n", e.name, len(pos))
		return ExitUsage
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Components []componentInfo `json:"components"`
		}{list}); err != nil {
			fmt.Fprintf(e.stderr, "%s models: %v\n", e.name, err)
			return ExitConfig
		}
		return ExitOK
	}
	for i, c := range list {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		describe(e.stdout, c)
	}
	return ExitOK
}

// componentInfo is what netrun models says of one component; its JSON
// form is documented in docs/netrun.md.
type componentInfo struct {
	Kind component.Kind `json:"kind"`
	Name string         `json:"name"`
	Doc  string         `json:"doc,omitempty"`
	// Variables are a neuron model's state variables ("s" first).
	Variables []string          `json:"variables,omitempty"`
	Params    []component.Param `json:"params"`
	// Error says why the component cannot be used (a parameter of a Go
	// type the language cannot set, ...).
	Error string `json:"error,omitempty"`
	// Update is, for a neuron model defined by equations (models -file
	// NAME), the method and the update it runs at dt = 0.1 ms.
	Update string `json:"update,omitempty"`
	// usage replaces the usage line of the kind (synapse models).
	usage string
}

// equationComponents lists the neuron models defined by equations in reg
// (the neuron_model blocks of a network), with their update if update.
func equationComponents(reg *neurons.Registry, update bool) []componentInfo {
	var out []componentInfo
	for _, kind := range reg.Kinds() {
		m, _ := reg.New(kind)
		em, ok := m.(*equations.Model)
		if !ok {
			continue
		}
		c := componentInfo{Kind: component.Neuron, Name: kind, Variables: append([]string{"s"}, m.Vars()...),
			Doc: fmt.Sprintf("neuron_model defined by equations, integrated with method %s", em.Def().Method)}
		params, err := dsl.ModelParams(m)
		c.Params = params
		if err != nil {
			c.Error = err.Error()
		}
		if update {
			if desc, err := em.Def().Describe(0.1); err == nil {
				c.Update = desc
			}
		}
		out = append(out, c)
	}
	return out
}

// components returns the registered components, kind by kind, or only
// those named name if it is not "".
func (e *env) components(name string) []componentInfo {
	var out []componentInfo
	for _, kind := range component.Kinds() {
		for _, n := range e.reg.Names(kind) {
			if name != "" && n != name {
				continue
			}
			x, _ := e.reg.New(kind, n)
			c := componentInfo{Kind: kind, Name: n, Doc: e.reg.Doc(kind, n), Params: []component.Param{}}
			if m, ok := x.(neurons.Model); ok && kind == component.Neuron {
				c.Variables = append([]string{"s"}, m.Vars()...)
			}
			params, err := component.Describe(x)
			if err == nil {
				err = component.Check(kind, x)
			}
			if err != nil {
				c.Error = err.Error()
			}
			if params != nil {
				c.Params = params
			}
			out = append(out, c)
		}
	}
	return out
}

// usage says where a component of each kind is written.
func usage(c componentInfo) string {
	if c.usage != "" {
		return c.usage
	}
	switch c.Kind {
	case component.Neuron:
		return "variables: " + strings.Join(c.Variables, ", ")
	case component.Rule:
		return fmt.Sprintf("learning rule: learning %q { ... } in a synapse block", c.Name)
	case component.Connector:
		return fmt.Sprintf("connector: connect = %q in a synapse block, or connect %q { ... }", c.Name, c.Name)
	case component.Kernel:
		return fmt.Sprintf("kernel: kernel = %q in a synapse block, or kernel %q { ... }", c.Name, c.Name)
	case component.Encoder:
		return fmt.Sprintf("encoder: encoder = %q in a population with model = \"data\", or encoder %q { ... }", c.Name, c.Name)
	case component.Stimulus:
		return fmt.Sprintf("stimulus: a stimulus block with %s", strings.Join(component.Required(c.Params), ", "))
	case component.Monitor:
		return "monitor: what a monitor block records"
	}
	return string(c.Kind)
}

// describe writes a component's usage line and parameter table.
func describe(w io.Writer, c componentInfo) {
	fmt.Fprintf(w, "%s\n  %s\n", c.Name, usage(c))
	if c.Doc != "" {
		fmt.Fprintf(w, "  %s\n", c.Doc)
	}
	if c.Error != "" {
		fmt.Fprintf(w, "  cannot be used: %s\n", c.Error)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  PARAMETER\tTYPE\tUNIT\tDEFAULT\tRANGE\tDESCRIPTION")
	var rows func(prefix string, params []component.Param)
	rows = func(prefix string, params []component.Param) {
		for _, p := range params {
			unit, def, rng := p.Unit, p.Default, p.Range()
			if unit == "" {
				unit = "-"
			}
			if p.Required {
				def = "required"
			}
			if rng == "" {
				rng = "-"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", prefix+p.Name, p.Type, unit, def, rng, p.Doc)
			sep := "[]."
			if p.Type == component.Object {
				sep = "."
			}
			rows(prefix+p.Name+sep, p.Elem)
		}
	}
	rows("", c.Params)
	tw.Flush()
	if c.Update != "" {
		fmt.Fprintf(w, "  update at dt = 0.1 ms:\n")
		for _, line := range strings.Split(strings.TrimRight(c.Update, "\n"), "\n")[1:] {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
}
