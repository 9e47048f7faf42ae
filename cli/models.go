package cli

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func modelsCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("models", "[KIND]", `
Models lists every neuron model that networks may use (the "model" of a
population block), with its state variables (what a monitor can record)
and its parameters: name, type, unit, default and meaning. Then it lists
every learning rule (the label of a learning block in a synapse block)
with its parameters. With KIND it describes that model or rule alone.

Every population also takes n or shape, is_inhibitory, learning and
sum_input; see docs/language.md. With -file it also lists the models that
the neuron_model blocks of a network define (docs/equations.md).`)
	file := fs.String("file", "", "also list the neuron_model blocks of this network `file` or directory")
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	if *file != "" {
		reg, files, diags := dsl.NeuronModels(*file, dsl.Options{Models: e.models, Rules: e.rules})
		if diags.HasErrors() {
			e.diagnostics(diags, files)
			return ExitConfig
		}
		e.models = reg
	}
	kinds, rules := e.models.Kinds(), e.rules.Kinds()
	switch len(pos) {
	case 0:
	case 1:
		_, isModel := e.models.New(pos[0])
		_, isRule := e.rules.New(pos[0])
		if !isModel && !isRule {
			all := append(append([]string(nil), kinds...), rules...)
			fmt.Fprintf(e.stderr, "%s models: unknown model or learning rule %q%s; known models: %s; learning rules: %s\n",
				e.name, pos[0], didYouMean(pos[0], all), strings.Join(kinds, ", "), strings.Join(rules, ", "))
			return ExitConfig
		}
		kinds, rules = nil, nil
		if isModel {
			kinds = pos[:1]
		}
		if isRule {
			rules = pos[:1]
		}
	default:
		fmt.Fprintf(e.stderr, "%s models: want at most one KIND, have %d\n", e.name, len(pos))
		return ExitUsage
	}
	for i, kind := range kinds {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		m, _ := e.models.New(kind)
		describeModel(e.stdout, m)
		if em, ok := m.(*equations.Model); ok && len(kinds) == 1 {
			// One equation model asked for: show the update it runs.
			if desc, err := em.Def().Describe(0.1); err == nil {
				fmt.Fprintf(e.stdout, "  update at dt = 0.1 ms:\n")
				for _, line := range strings.Split(strings.TrimRight(desc, "\n"), "\n")[1:] {
					fmt.Fprintf(e.stdout, "  %s\n", line)
				}
			}
		}
	}
	for i, kind := range rules {
		if i > 0 || len(kinds) > 0 {
			fmt.Fprintln(e.stdout)
		}
		r, _ := e.rules.New(kind)
		describeRule(e.stdout, r)
	}
	return ExitOK
}

// describeModel writes a model's state variables and parameter table.
func describeModel(w io.Writer, m neurons.Model) {
	vars := append([]string{"s"}, m.Vars()...)
	fmt.Fprintf(w, "%s\n  variables: %s\n", m.Kind(), strings.Join(vars, ", "))
	if em, ok := m.(*equations.Model); ok {
		fmt.Fprintf(w, "  equations: neuron_model, method %s\n", em.Def().Method)
	}
	describeParams(w, m)
}

// describeRule writes a learning rule's parameter table.
func describeRule(w io.Writer, r learning.Rule) {
	fmt.Fprintf(w, "%s\n  learning rule: learning %q { ... } in a synapse block\n", r.Kind(), r.Kind())
	describeParams(w, r)
}

// describeParams writes the parameter table of a model or rule.
func describeParams(w io.Writer, x any) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  PARAMETER\tTYPE\tUNIT\tDEFAULT\tDESCRIPTION")
	infos := neurons.DescribeStruct(x)
	if em, ok := x.(*equations.Model); ok {
		infos = em.ParamInfos()
	}
	for _, p := range infos {
		unit := p.Unit
		if unit == "" {
			unit = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", p.Name, typeName(p.Type), unit, p.Default, p.Doc)
	}
	tw.Flush()
}

// typeName says what a parameter of Go type t accepts in the language.
func typeName(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[neurons.Param](), reflect.TypeFor[[]float64]():
		return "number|list"
	case reflect.TypeFor[dist.Dist]():
		return "number|dist"
	case reflect.TypeFor[[][]float64]():
		return "list of lists"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "bool"
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint64:
		return "integer"
	case reflect.Float64, reflect.Float32:
		return "number"
	case reflect.Slice:
		return "list"
	}
	return t.String()
}
