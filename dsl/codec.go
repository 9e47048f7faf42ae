package dsl

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// The parameter codec: one way from an HCL value to a tagged Go field,
// for neuron models, learning rules and every other component
// (component.Param describes the fields).

var paramGoType = reflect.TypeFor[neurons.Param]()

// decodeParam sets the field of target (a pointer to the struct p was
// described from) from v, checking its bounds and allowed values. size
// is the number of neurons a neurons.Param must fit (0: any).
func decodeParam(target any, p component.Param, v cty.Value, size int) error {
	var x any
	var err error
	switch p.Type {
	case component.Number:
		x, err = toFloat(v)
	case component.Integer:
		var i int
		i, err = toInt(v)
		x = int64(i)
	case component.Bool:
		x, err = toBool(v)
	case component.String:
		x, err = toString(v)
	case component.Numbers:
		if isDist(v) {
			return fmt.Errorf("%s takes a number or one number per neuron, not a distribution", p.Name)
		}
		var fs []float64
		fs, err = toFloats(v)
		if err == nil && p.GoType == paramGoType && size > 0 && len(fs) != 1 && len(fs) != size {
			err = fmt.Errorf("%s has %d values for %d neurons: give one value, or one per neuron", p.Name, len(fs), size)
		}
		x = fs
	case component.Integers:
		x, err = toInts(v)
	case component.Strings:
		x, err = toStrings(v)
	case component.Distribution:
		x, err = toDist(v)
	case component.Lists:
		// The model's Init checks the lists: one per neuron (spike_times)
		// or entries of a schedule (rate_schedule).
		x, err = toFloatLists(v)
	case component.Objects:
		x, err = decodeObjects(p, v)
	default:
		err = fmt.Errorf("parameter %s has Go type %v, which the language cannot set", p.Name, p.GoType)
	}
	if err != nil {
		return err
	}
	return p.Set(target, x)
}

// decodeObjects reads a list of objects into a slice of p's element
// struct, each object's attributes decoded as the element's parameters.
func decodeObjects(p component.Param, v cty.Value) (reflect.Value, error) {
	out := reflect.MakeSlice(p.GoType, 0, 0)
	if !v.IsWhollyKnown() {
		return out, errUnknown
	}
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType()) {
		return out, fmt.Errorf("%s must be a list of objects {%s}", p.Name, paramNames(p.Elem))
	}
	for i, it := 0, v.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		et := e.Type()
		if e.IsNull() || !(et.IsObjectType() || et.IsMapType()) {
			return out, fmt.Errorf("element %d of %s must be an object {%s}", i, p.Name, paramNames(p.Elem))
		}
		elem := reflect.New(p.GoType.Elem())
		for it := e.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			if name := k.AsString(); !slices.Contains(names(p.Elem), name) {
				return out, fmt.Errorf("element %d of %s has %q, which is not one of {%s}.%s", i, p.Name, name, paramNames(p.Elem), suggest(name, names(p.Elem)))
			}
		}
		for _, ep := range p.Elem {
			has := (et.IsObjectType() && et.HasAttribute(ep.Name)) || (et.IsMapType() && e.HasIndex(cty.StringVal(ep.Name)).True())
			if !has {
				if ep.Required {
					return out, fmt.Errorf("element %d of %s has no %q", i, p.Name, ep.Name)
				}
				continue
			}
			var ev cty.Value
			if et.IsObjectType() {
				ev = e.GetAttr(ep.Name)
			} else {
				ev = e.Index(cty.StringVal(ep.Name))
			}
			if err := decodeParam(elem.Interface(), ep, ev, 0); err != nil {
				return out, fmt.Errorf("%s of element %d of %s: %v", ep.Name, i, p.Name, err)
			}
		}
		out = reflect.Append(out, elem.Elem())
	}
	return out, nil
}

func names(params []component.Param) []string {
	out := make([]string, len(params))
	for i, p := range params {
		out[i] = p.Name
	}
	return out
}

func paramNames(params []component.Param) string { return strings.Join(names(params), ", ") }

// paramSchema returns an attribute schema of the parameters.
func paramSchema(params []component.Param) []hcl.AttributeSchema {
	out := make([]hcl.AttributeSchema, len(params))
	for i, p := range params {
		out[i] = hcl.AttributeSchema{Name: p.Name}
	}
	return out
}

// decodeParams sets the parameters of target that values gives (the
// evaluated attributes attrs), reporting each problem at its attribute,
// and marks them in used (if not nil).
func decodeParams(target any, params []component.Param, attrs hcl.Attributes, values map[string]cty.Value, size int, used map[string]bool) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, p := range params {
		v, ok := values[p.Name]
		if !ok {
			continue
		}
		if used != nil {
			used[p.Name] = true
		}
		if err := decodeParam(target, p, v, size); err != nil {
			diags = append(diags, attrErr(attrs[p.Name], err.Error()))
		}
	}
	return diags
}

// evalAttrs evaluates the attributes of attrs except those of skip.
func evalAttrs(attrs hcl.Attributes, ctx *hcl.EvalContext, skip ...string) (map[string]cty.Value, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	values := make(map[string]cty.Value)
	for _, n := range sortedKeys(attrs) {
		if slices.Contains(skip, n) {
			continue
		}
		v, d := attrs[n].Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			values[n] = v
		}
	}
	return values, diags
}
