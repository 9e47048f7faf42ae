package cli

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func modelsCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("models", "[KIND]", `
Models lists every neuron model that networks may use (the "model" of a
population block), with its state variables (what a monitor can record)
and its parameters: name, type, unit, default and meaning. With KIND it
describes that model alone.

Every population also takes n or shape, is_inhibitory, learning and
sum_input; see docs/language.md.`)
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	kinds := e.models.Kinds()
	switch len(pos) {
	case 0:
	case 1:
		if _, ok := e.models.New(pos[0]); !ok {
			fmt.Fprintf(e.stderr, "%s models: unknown model %q%s; known models: %s\n",
				e.name, pos[0], didYouMean(pos[0], kinds), strings.Join(kinds, ", "))
			return ExitConfig
		}
		kinds = pos[:1]
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
	}
	return ExitOK
}

// describeModel writes a model's state variables and parameter table.
func describeModel(w io.Writer, m neurons.Model) {
	vars := append([]string{"s"}, m.Vars()...)
	fmt.Fprintf(w, "%s\n  variables: %s\n", m.Kind(), strings.Join(vars, ", "))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  PARAMETER\tTYPE\tUNIT\tDEFAULT\tDESCRIPTION")
	for _, p := range neurons.Describe(m) {
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
	case reflect.TypeFor[neurons.Param]():
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
