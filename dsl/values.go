package dsl

import (
	"fmt"
	"math"
	"math/big"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/synapticflow/synapticflow-go/dist"
)

// These functions turn evaluated HCL values into Go values. Their errors
// are single sentences; callers attach the source range.

func toFloat(v cty.Value) (float64, error) {
	if v.IsNull() {
		return 0, fmt.Errorf("a number is required, not null")
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return 0, fmt.Errorf("a number is required, not %s", v.Type().FriendlyName())
	}
	f, _ := n.AsBigFloat().Float64()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("a finite number is required")
	}
	return f, nil
}

func toInt(v cty.Value) (int, error) {
	f, err := toFloat(v)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("a whole number is required, not %g", f)
	}
	return int(f), nil
}

func toUint64(v cty.Value) (uint64, error) {
	if v.IsNull() || !v.Type().Equals(cty.Number) {
		n, err := convert.Convert(v, cty.Number)
		if err != nil || n.IsNull() {
			return 0, fmt.Errorf("a whole number >= 0 is required")
		}
		v = n
	}
	i, acc := v.AsBigFloat().Int(nil)
	if acc != big.Exact || i.Sign() < 0 || !i.IsUint64() {
		return 0, fmt.Errorf("a whole number between 0 and 2^64-1 is required")
	}
	return i.Uint64(), nil
}

func toBool(v cty.Value) (bool, error) {
	b, err := convert.Convert(v, cty.Bool)
	if err != nil || b.IsNull() {
		return false, fmt.Errorf("true or false is required, not %s", v.Type().FriendlyName())
	}
	return b.True(), nil
}

func toString(v cty.Value) (string, error) {
	if !v.Type().Equals(cty.String) || v.IsNull() {
		return "", fmt.Errorf("a string is required, not %s", v.Type().FriendlyName())
	}
	return v.AsString(), nil
}

// toFloats reads a number or a (nested) list of numbers, flattened in
// row-major order.
func toFloats(v cty.Value) ([]float64, error) {
	if v.IsNull() {
		return nil, fmt.Errorf("a number or a list of numbers is required, not null")
	}
	t := v.Type()
	if t.IsListType() || t.IsTupleType() || t.IsSetType() {
		var out []float64
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			fs, err := toFloats(e)
			if err != nil {
				return nil, err
			}
			out = append(out, fs...)
		}
		return out, nil
	}
	f, err := toFloat(v)
	if err != nil {
		return nil, fmt.Errorf("a number or a list of numbers is required, not %s", t.FriendlyName())
	}
	return []float64{f}, nil
}

// toFloatLists reads a list of lists of numbers (spike_times).
func toFloatLists(v cty.Value) ([][]float64, error) {
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType()) {
		return nil, fmt.Errorf("a list of lists of numbers is required, e.g. [[10, 20], [15]]")
	}
	var out [][]float64
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		fs, err := toFloats(e)
		if err != nil {
			return nil, err
		}
		out = append(out, fs)
	}
	return out, nil
}

func toStrings(v cty.Value) ([]string, error) {
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType() || t.IsSetType()) {
		return nil, fmt.Errorf("a list of strings is required")
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, err := toString(e)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func toInts(v cty.Value) ([]int, error) {
	fs, err := toFloats(v)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(fs))
	for i, f := range fs {
		if f != math.Trunc(f) {
			return nil, fmt.Errorf("whole numbers are required, not %g", f)
		}
		out[i] = int(f)
	}
	return out, nil
}

// isDist reports whether v is a value made by uniform, normal or clip.
func isDist(v cty.Value) bool {
	return !v.IsNull() && v.Type().IsObjectType() && v.Type().HasAttribute("dist")
}

// toDist reads a number (a constant) or a distribution value.
func toDist(v cty.Value) (dist.Dist, error) {
	if !isDist(v) {
		f, err := toFloat(v)
		if err != nil {
			return nil, fmt.Errorf("a number or a distribution (uniform(min, max), normal(mean, std)) is required")
		}
		return dist.Const(f), nil
	}
	kind := v.GetAttr("dist").AsString()
	a, err := toFloat(v.GetAttr("a"))
	if err != nil {
		return nil, err
	}
	b, err := toFloat(v.GetAttr("b"))
	if err != nil {
		return nil, err
	}
	var d dist.Dist
	switch kind {
	case "uniform":
		d = dist.Uniform{Min: a, Max: b}
	case "normal":
		d = dist.Normal{Mean: a, Std: b}
	case "clip":
		of, err := toDist(v.GetAttr("of"))
		if err != nil {
			return nil, err
		}
		d = dist.Clipped{D: of, Min: a, Max: b}
	default:
		return nil, fmt.Errorf("unknown distribution %q", kind)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
