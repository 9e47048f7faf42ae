package dsl

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/npy"
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
		// A list gives one value per neuron (dist.Each).
		if isList(v) {
			var fs []float64
			if fs, err = toFloats(v); err == nil {
				if len(fs) == 0 || (size > 0 && len(fs) != 1 && len(fs) != size) {
					err = fmt.Errorf("%s has %d values for %d neurons: give one value, a distribution, or one value per neuron", p.Name, len(fs), size)
				}
				x = dist.Each(fs)
			}
			break
		}
		x, err = toDist(v)
	case component.Lists:
		// The model's Init checks the lists: one per neuron (spike_times)
		// or entries of a schedule (rate_schedule). A load(path) gives
		// the rows of the file's matrix (a 1-D .npy: one value a row).
		if isLoad(v) {
			x, err = loadLists(loadPath(v))
		} else {
			x, err = toFloatLists(v)
		}
	case component.Objects:
		x, err = decodeObjects(p, v)
	case component.Object:
		x, err = decodeObject(p, v)
	default:
		err = fmt.Errorf("parameter %s has Go type %v, which the language cannot set", p.Name, p.GoType)
	}
	if err != nil {
		return err
	}
	return p.Set(target, x)
}

// loadLists reads the rows of a matrix from a .npy or CSV file; a 1-D
// .npy array gives one row per value, as a flat list does.
func loadLists(path string) ([][]float64, error) {
	var rows, cols int
	var data []float64
	var err error
	if strings.EqualFold(filepath.Ext(path), ".npy") {
		var shape []int
		if shape, data, err = npy.ReadFile(path); err != nil {
			return nil, err
		}
		switch len(shape) {
		case 1:
			rows, cols = shape[0], 1
		case 2:
			rows, cols = shape[0], shape[1]
		default:
			return nil, fmt.Errorf("%s holds a %d-dimensional array, want a list or a matrix", path, len(shape))
		}
	} else if rows, cols, data, err = readMatrix(path); err != nil {
		return nil, err
	}
	out := make([][]float64, rows)
	for i := range out {
		out[i] = data[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return out, nil
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
		elem, err := decodeFields(p, e, fmt.Sprintf("element %d of %s", i, p.Name))
		if err != nil {
			return out, err
		}
		out = reflect.Append(out, elem)
	}
	return out, nil
}

// decodeObject reads one object into p's struct, its attributes decoded
// as the struct's parameters.
func decodeObject(p component.Param, v cty.Value) (reflect.Value, error) {
	if !v.IsWhollyKnown() {
		return reflect.New(p.GoType).Elem(), errUnknown
	}
	return decodeFields(p, v, p.Name)
}

// decodeFields reads the object e into a new value of p's element
// struct (p.GoType for Object, its element type for Objects); what names
// the object in errors.
func decodeFields(p component.Param, e cty.Value, what string) (out reflect.Value, err error) {
	gt := p.GoType
	ptr := p.Type == component.Object && gt.Kind() == reflect.Pointer
	if p.Type == component.Objects || ptr {
		gt = gt.Elem()
	}
	elem := reflect.New(gt)
	if ptr {
		defer func() { out = elem }()
	}
	et := e.Type()
	if e.IsNull() || !(et.IsObjectType() || et.IsMapType()) {
		return elem.Elem(), fmt.Errorf("%s must be an object {%s}", what, paramNames(p.Elem))
	}
	for it := e.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		if name := k.AsString(); !slices.Contains(names(p.Elem), name) {
			return elem.Elem(), fmt.Errorf("%s has %q, which is not one of {%s}.%s", what, name, paramNames(p.Elem), suggest(name, names(p.Elem)))
		}
	}
	for _, ep := range p.Elem {
		has := (et.IsObjectType() && et.HasAttribute(ep.Name)) || (et.IsMapType() && e.HasIndex(cty.StringVal(ep.Name)).True())
		if !has {
			if ep.Required {
				return elem.Elem(), fmt.Errorf("%s has no %q", what, ep.Name)
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
			return elem.Elem(), fmt.Errorf("%s of %s: %v", ep.Name, what, err)
		}
	}
	return elem.Elem(), nil
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
