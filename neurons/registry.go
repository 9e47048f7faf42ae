package neurons

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/internal/kinds"
)

// Registry maps model kinds ("lif", "elif", ...) to constructors that
// return a model with its default parameters. The network language and
// netrun look models up here, so registering a Go model in a Registry makes
// it usable by name. The zero Registry is empty and ready to use; Builtin
// returns one holding every built-in model.
type Registry struct {
	m kinds.Map[Model]
}

// Builtin returns a new Registry with every built-in model.
func Builtin() *Registry {
	r := &Registry{}
	for _, f := range []func() Model{
		func() Model { return NewIF() },
		func() Model { return NewLIF() },
		func() Model { return NewBLIF() },
		func() Model { return NewALIF() },
		func() Model { return NewELIF() },
		func() Model { return NewAELIF() },
		func() Model { return NewQLIF() },
		func() Model { return NewAQLIF() },
		func() Model { return NewCLIF() },
		func() Model { return NewSRM0() },
		func() Model { return NewIzhikevich() },
		func() Model { return NewInput() },
		func() Model { return NewPoisson(0) },
		func() Model { return NewSpikeGenerator(nil) },
	} {
		if err := r.Register(f); err != nil {
			panic(err) // the built-in kinds are distinct
		}
	}
	return r
}

// Register adds the model that newModel constructs, under its Kind. It
// reports an error if the kind is empty or already registered.
func (r *Registry) Register(newModel func() Model) error {
	return r.m.Register("neurons: model", newModel)
}

// New returns a new model of the given kind with default parameters, and
// whether the kind is registered.
func (r *Registry) New(kind string) (Model, bool) {
	return r.m.New(kind)
}

// Kinds returns the registered kinds in sorted order.
func (r *Registry) Kinds() []string {
	return r.m.Kinds()
}

// ParamInfo describes one parameter of a model.
type ParamInfo struct {
	// Name is the parameter's name in the network language (the seed's
	// snake_case name).
	Name string
	// Unit is the parameter's unit ("mV", "ms", "Hz", ...; empty if none).
	Unit string
	// Doc says what the parameter does.
	Doc string
	// Default is the default value, formatted for people ("-52", "true",
	// "unset").
	Default string
	// Field is the Go field path, e.g. "Membrane.Threshold".
	Field string
	// Type is the Go type of the field.
	Type reflect.Type
	// Tag is the field's struct tag, for the other keys that describe a
	// parameter (package component reads min, max, enum, ...).
	Tag reflect.StructTag
	// Index is the field's index sequence in the struct, for
	// reflect.Value.FieldByIndex.
	Index []int
}

// Describe lists the parameters of m (a pointer to a model struct): every
// exported field tagged `param:"name"`, including those of embedded
// structs, with the current values as defaults.
func Describe(m Model) []ParamInfo { return DescribeStruct(m) }

// DescribeStruct is Describe for any pointer to a struct with param tags,
// such as a learning rule.
func DescribeStruct(x any) []ParamInfo {
	var out []ParamInfo
	v := reflect.ValueOf(x)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		describe(v, "", nil, &out)
	}
	return out
}

func describe(v reflect.Value, prefix string, index []int, out *[]ParamInfo) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			// Exported fields of an embedded struct are promoted even
			// when the embedded type itself is unexported.
			describe(v.Field(i), prefix+f.Name+".", append(slices.Clone(index), i), out)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, ok := f.Tag.Lookup("param")
		if !ok {
			continue
		}
		*out = append(*out, ParamInfo{
			Name:    name,
			Unit:    f.Tag.Get("unit"),
			Doc:     f.Tag.Get("doc"),
			Default: format(v.Field(i)),
			Field:   prefix + f.Name,
			Type:    f.Type,
			Tag:     f.Tag,
			Index:   append(slices.Clone(index), i),
		})
	}
}

// format renders a parameter value for people.
func format(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case Param:
		if x == nil {
			return "unset"
		}
		if len(x) == 1 {
			return fmt.Sprint(x[0])
		}
		return fmt.Sprint([]float64(x))
	case dist.Dist:
		if x == nil {
			return "unset"
		}
		return x.String()
	case Method:
		return string(x)
	case [][]float64:
		if x == nil {
			return "unset"
		}
	}
	if (v.Kind() == reflect.Interface || v.Kind() == reflect.Slice || v.Kind() == reflect.Pointer) && v.IsNil() {
		return "unset"
	}
	if v.Kind() == reflect.Pointer {
		return format(v.Elem())
	}
	return strings.TrimSpace(fmt.Sprint(v.Interface()))
}
