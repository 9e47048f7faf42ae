package component

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// Type is what a parameter accepts in the network language. Every Go
// field type a parameter may have maps to one Type; Describe refuses the
// others, so a parameter that is listed can be set.
type Type int

// The parameter types.
const (
	// Number is a float32 or float64 field, or a pointer to one (unset
	// by default).
	Number Type = iota + 1
	// Integer is a field of any int or uint kind.
	Integer
	// Bool is a bool field.
	Bool
	// String is a field of string kind (neurons.Method included).
	String
	// Numbers is a number or a list of numbers: neurons.Param (one value,
	// or one per neuron) or []float64.
	Numbers
	// Integers is a list of whole numbers: []int.
	Integers
	// Strings is a list of strings: []string.
	Strings
	// Distribution is a number or a distribution: dist.Dist.
	Distribution
	// Lists is a list of lists of numbers: [][]float64.
	Lists
	// Objects is a list of objects: a slice of structs whose fields are
	// tagged parameters themselves (Param.Elem).
	Objects
)

// String returns the name netrun models shows: "number", "integer",
// "bool", "string", "number|list", "list of integers", "list of strings",
// "number|dist", "list of lists", "list of objects".
func (t Type) String() string {
	switch t {
	case Number:
		return "number"
	case Integer:
		return "integer"
	case Bool:
		return "bool"
	case String:
		return "string"
	case Numbers:
		return "number|list"
	case Integers:
		return "list of integers"
	case Strings:
		return "list of strings"
	case Distribution:
		return "number|dist"
	case Lists:
		return "list of lists"
	case Objects:
		return "list of objects"
	}
	return "invalid"
}

// MarshalText renders the type as String does (so JSON shows it so).
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Param describes one parameter of a component: an exported field tagged
// `param:"name"`, with the optional tags
//
//	unit:"ms"          the unit (ms, mV, Hz unless said otherwise)
//	doc:"..."          what the parameter does
//	min:"0" max:"1"    inclusive bounds of a number or integer (of every
//	                   value of a list)
//	gt:"0" lt:"1"      exclusive bounds
//	enum:"max|average" the allowed strings
//	required:"true"    the parameter must be given
//
// The default is the value the component's constructor leaves in the
// field.
type Param struct {
	// Name is the parameter's name in the network language.
	Name string `json:"name"`
	// Type is what the parameter accepts.
	Type Type `json:"type"`
	// Unit is the unit ("" if none).
	Unit string `json:"unit,omitempty"`
	// Doc says what the parameter does.
	Doc string `json:"doc,omitempty"`
	// Default is the default value formatted for people ("-52", "true",
	// "unset"); "" for a required parameter.
	Default string `json:"default,omitempty"`
	// Min and Max are the bounds (nil: none); MinExclusive and
	// MaxExclusive make them strict (gt, lt).
	Min          *float64 `json:"min,omitempty"`
	Max          *float64 `json:"max,omitempty"`
	MinExclusive bool     `json:"min_exclusive,omitempty"`
	MaxExclusive bool     `json:"max_exclusive,omitempty"`
	// Enum lists the allowed values of a string parameter (nil: any).
	Enum []string `json:"enum,omitempty"`
	// Required reports that the parameter has no default and must be
	// given.
	Required bool `json:"required,omitempty"`
	// Elem describes the fields of each object of an Objects parameter.
	Elem []Param `json:"elem,omitempty"`
	// Field is the Go field path, e.g. "Membrane.Threshold".
	Field string `json:"-"`
	// GoType is the field's Go type.
	GoType reflect.Type `json:"-"`

	index []int
}

var (
	paramType  = reflect.TypeFor[neurons.Param]()
	floatsType = reflect.TypeFor[[]float64]()
	intsType   = reflect.TypeFor[[]int]()
	strsType   = reflect.TypeFor[[]string]()
	listsType  = reflect.TypeFor[[][]float64]()
	distType   = reflect.TypeFor[dist.Dist]()
	methodType = reflect.TypeFor[neurons.Method]()
)

// typeOf classifies a Go field type, or returns 0 if the language cannot
// set it.
func typeOf(t reflect.Type) Type {
	switch t {
	case paramType, floatsType:
		return Numbers
	case intsType:
		return Integers
	case strsType:
		return Strings
	case listsType:
		return Lists
	case distType:
		return Distribution
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return Number
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Integer
	case reflect.Bool:
		return Bool
	case reflect.String:
		return String
	case reflect.Pointer:
		if k := t.Elem().Kind(); k == reflect.Float64 || k == reflect.Float32 {
			return Number
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return Objects
		}
	}
	return 0
}

// Describe lists the parameters of x, a pointer to a struct with param
// tags (a neuron model, a learning rule, a connector, a kernel, ...),
// including those of embedded structs, with the current values as
// defaults. It reports an error for a parameter the language cannot set
// (an unsupported Go type), a malformed tag or a name used twice.
func Describe(x any) ([]Param, error) {
	infos := neurons.DescribeStruct(x)
	out := make([]Param, 0, len(infos))
	seen := make(map[string]bool)
	for _, info := range infos {
		p, err := fromInfo(info)
		if err != nil {
			return nil, err
		}
		if seen[p.Name] {
			return nil, fmt.Errorf("parameter %q is declared twice", p.Name)
		}
		seen[p.Name] = true
		out = append(out, p)
	}
	return out, nil
}

// fromInfo completes a neurons.ParamInfo with the type, bounds and allowed
// values.
func fromInfo(info neurons.ParamInfo) (Param, error) {
	p := Param{Name: info.Name, Unit: info.Unit, Doc: info.Doc, Default: info.Default,
		Field: info.Field, GoType: info.Type, index: info.Index, Type: typeOf(info.Type)}
	if p.Name == "" {
		return p, fmt.Errorf("field %s has an empty param tag", info.Field)
	}
	if p.Type == 0 {
		return p, fmt.Errorf("parameter %s has Go type %v, which the language cannot set", p.Name, info.Type)
	}
	bound := func(key string) (*float64, error) {
		s, ok := info.Tag.Lookup(key)
		if !ok {
			return nil, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) {
			return nil, fmt.Errorf("parameter %s: %s:%q is not a number", p.Name, key, s)
		}
		return &f, nil
	}
	var err error
	for _, b := range []struct {
		key       string
		dst       **float64
		exclusive *bool
	}{{"min", &p.Min, nil}, {"gt", &p.Min, &p.MinExclusive}, {"max", &p.Max, nil}, {"lt", &p.Max, &p.MaxExclusive}} {
		f, e := bound(b.key)
		if e != nil {
			return p, e
		}
		if f == nil {
			continue
		}
		if *b.dst != nil {
			err = fmt.Errorf("parameter %s has two lower or two upper bounds", p.Name)
		}
		*b.dst = f
		if b.exclusive != nil {
			*b.exclusive = true
		}
	}
	if err != nil {
		return p, err
	}
	if p.Min != nil && p.Max != nil && *p.Min > *p.Max {
		return p, fmt.Errorf("parameter %s: the lower bound %g is above the upper bound %g", p.Name, *p.Min, *p.Max)
	}
	if (p.Min != nil || p.Max != nil) && !slices.Contains([]Type{Number, Integer, Numbers, Integers, Distribution}, p.Type) {
		return p, fmt.Errorf("parameter %s: bounds need a numeric parameter, not %s", p.Name, p.Type)
	}
	if s, ok := info.Tag.Lookup("enum"); ok {
		p.Enum = strings.Split(s, "|")
	} else if info.Type == methodType {
		p.Enum = []string{string(neurons.Euler), string(neurons.Exact)}
	}
	if p.Enum != nil && p.Type != String && p.Type != Strings {
		return p, fmt.Errorf("parameter %s: enum needs a string parameter, not %s", p.Name, p.Type)
	}
	if s, ok := info.Tag.Lookup("required"); ok {
		if p.Required, err = strconv.ParseBool(s); err != nil {
			return p, fmt.Errorf("parameter %s: required:%q is not true or false", p.Name, s)
		}
		if p.Required {
			p.Default = ""
		}
	}
	if p.Type == Objects {
		elem := reflect.New(info.Type.Elem()).Interface()
		if p.Elem, err = Describe(elem); err != nil {
			return p, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		if len(p.Elem) == 0 {
			return p, fmt.Errorf("parameter %s: its objects have no tagged fields", p.Name)
		}
	}
	return p, nil
}

// Range renders the bounds and allowed values: "[0, 1]", "> 0", ">= 1",
// "max|average", or "".
func (p Param) Range() string {
	if p.Enum != nil {
		return strings.Join(p.Enum, "|")
	}
	lo, hi := "[", "]"
	if p.MinExclusive {
		lo = "("
	}
	if p.MaxExclusive {
		hi = ")"
	}
	switch {
	case p.Min != nil && p.Max != nil:
		return fmt.Sprintf("%s%g, %g%s", lo, *p.Min, *p.Max, hi)
	case p.Min != nil && p.MinExclusive:
		return fmt.Sprintf("> %g", *p.Min)
	case p.Min != nil:
		return fmt.Sprintf(">= %g", *p.Min)
	case p.Max != nil && p.MaxExclusive:
		return fmt.Sprintf("< %g", *p.Max)
	case p.Max != nil:
		return fmt.Sprintf("<= %g", *p.Max)
	}
	return ""
}

// CheckNumber reports an error if x is outside the parameter's bounds,
// e.g. "p must be in [0, 1], not 1.5".
func (p Param) CheckNumber(x float64) error {
	ok := (p.Min == nil || x > *p.Min || (!p.MinExclusive && x == *p.Min)) &&
		(p.Max == nil || x < *p.Max || (!p.MaxExclusive && x == *p.Max))
	if ok {
		return nil
	}
	unit := ""
	if p.Unit != "" {
		unit = " " + p.Unit
	}
	switch {
	case p.Min != nil && p.Max != nil:
		return fmt.Errorf("%s must be in %s, not %g%s", p.Name, p.Range(), x, unit)
	case p.Min != nil && p.MinExclusive:
		return fmt.Errorf("%s must be greater than %g, not %g%s", p.Name, *p.Min, x, unit)
	case p.Min != nil:
		return fmt.Errorf("%s must be at least %g, not %g%s", p.Name, *p.Min, x, unit)
	case p.MaxExclusive:
		return fmt.Errorf("%s must be less than %g, not %g%s", p.Name, *p.Max, x, unit)
	}
	return fmt.Errorf("%s must be at most %g, not %g%s", p.Name, *p.Max, x, unit)
}

// CheckString reports an error if s is not one of the allowed values.
func (p Param) CheckString(s string) error {
	if p.Enum == nil || slices.Contains(p.Enum, s) {
		return nil
	}
	quoted := make([]string, len(p.Enum))
	for i, e := range p.Enum {
		quoted[i] = strconv.Quote(e)
	}
	list := quoted[0]
	if n := len(quoted); n > 1 {
		list = strings.Join(quoted[:n-1], ", ") + " or " + quoted[n-1]
	}
	return fmt.Errorf("%s must be %s, not %q", p.Name, list, s)
}

// Value returns the field p describes in x (a pointer to the struct p was
// described from), settable.
func (p Param) Value(x any) reflect.Value {
	return reflect.ValueOf(x).Elem().FieldByIndex(p.index)
}

// Addressable returns x if it is a pointer, and else a pointer to a copy
// of x (a struct value such as synapses.Random), whose fields Set can
// set; Deref turns such a copy back into a value.
func Addressable(x any) (ptr any, copied bool) {
	v := reflect.ValueOf(x)
	if v.Kind() == reflect.Pointer {
		return x, false
	}
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	return p.Interface(), true
}

// Deref returns the value ptr points to.
func Deref(ptr any) any { return reflect.ValueOf(ptr).Elem().Interface() }

// Set stores v in the field p describes in x, converting between Go
// numeric kinds: a float64 for Number (a pointer field gets a new
// pointer), an int64 for Integer (checked against the field's range), a
// bool, a string, []float64 for Numbers, []int for Integers, []string,
// dist.Dist, [][]float64, or a reflect.Value of the field's type for
// Objects. It checks the bounds and allowed values.
func (p Param) Set(x any, v any) error {
	f := p.Value(x)
	if !f.CanSet() {
		return fmt.Errorf("parameter %s cannot be set", p.Name)
	}
	switch p.Type {
	case Number:
		n := v.(float64)
		if err := p.CheckNumber(n); err != nil {
			return err
		}
		if f.Kind() == reflect.Pointer {
			ptr := reflect.New(f.Type().Elem())
			ptr.Elem().SetFloat(n)
			f.Set(ptr)
			return nil
		}
		f.SetFloat(n)
	case Integer:
		n := v.(int64)
		if err := p.CheckNumber(float64(n)); err != nil {
			return err
		}
		bits := f.Type().Bits()
		if f.CanInt() {
			if f.OverflowInt(n) {
				return fmt.Errorf("%s must be a whole number from %d to %d, not %d", p.Name, -(int64(1) << (bits - 1)), int64(1)<<(bits-1)-1, n)
			}
			f.SetInt(n)
		} else {
			if n < 0 || f.OverflowUint(uint64(n)) {
				return fmt.Errorf("%s must be a whole number from 0 to %d, not %d", p.Name, uint64(1)<<bits-1, n)
			}
			f.SetUint(uint64(n))
		}
	case Bool:
		f.SetBool(v.(bool))
	case String:
		s := v.(string)
		if err := p.CheckString(s); err != nil {
			return err
		}
		f.SetString(s)
	case Numbers:
		fs := v.([]float64)
		for _, x := range fs {
			if err := p.CheckNumber(x); err != nil {
				return err
			}
		}
		f.Set(reflect.ValueOf(fs).Convert(f.Type()))
	case Integers:
		is := v.([]int)
		for _, x := range is {
			if err := p.CheckNumber(float64(x)); err != nil {
				return err
			}
		}
		f.Set(reflect.ValueOf(is))
	case Strings:
		ss := v.([]string)
		for _, s := range ss {
			if err := p.CheckString(s); err != nil {
				return err
			}
		}
		f.Set(reflect.ValueOf(ss))
	case Distribution:
		d := v.(dist.Dist)
		if c, ok := d.(dist.Const); ok {
			if err := p.CheckNumber(float64(c)); err != nil {
				return err
			}
		}
		f.Set(reflect.ValueOf(&d).Elem())
	case Lists:
		f.Set(reflect.ValueOf(v.([][]float64)))
	case Objects:
		f.Set(v.(reflect.Value))
	}
	return nil
}

// Required lists the names of the required parameters of params.
func Required(params []Param) []string {
	var out []string
	for _, p := range params {
		if p.Required {
			out = append(out, p.Name)
		}
	}
	return out
}
