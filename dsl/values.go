package dsl

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/synapticflow/synapticflow-go/dist"
)

// These functions turn evaluated HCL values into Go values. Their errors
// are single sentences; callers attach the source range.
//
// Values that are not plain HCL values, distributions (uniform, normal,
// clip) and data files (load), are cty capsules: a typed value that no
// object literal can imitate.

// distType is the type of the values uniform(...), normal(...) and
// clip(...) return: a capsule holding a dist.Dist.
var distType = cty.CapsuleWithOps("distribution", reflect.TypeFor[dist.Dist](), &cty.CapsuleOps{
	GoString:  func(v any) string { return fmt.Sprintf("distribution(%v)", *v.(*dist.Dist)) },
	RawEquals: func(a, b any) bool { return reflect.DeepEqual(*a.(*dist.Dist), *b.(*dist.Dist)) },
	HashKey:   func(v any) string { return fmt.Sprintf("%#v", *v.(*dist.Dist)) },
})

// dataFile is what load(path) refers to: a data file, read when the
// attribute that takes it is decoded.
type dataFile struct {
	// Path is the file's path, resolved against the network file's
	// directory.
	Path string
}

// loadType is the type of the values load(path) returns: a capsule
// holding a dataFile.
var loadType = cty.CapsuleWithOps("data file", reflect.TypeFor[dataFile](), &cty.CapsuleOps{
	GoString:  func(v any) string { return fmt.Sprintf("load(%q)", v.(*dataFile).Path) },
	RawEquals: func(a, b any) bool { return *a.(*dataFile) == *b.(*dataFile) },
	HashKey:   func(v any) string { return v.(*dataFile).Path },
})

// distVal wraps a distribution as an HCL value.
func distVal(d dist.Dist) cty.Value { return cty.CapsuleVal(distType, &d) }

// loadVal wraps a data file reference as an HCL value.
func loadVal(path string) cty.Value { return cty.CapsuleVal(loadType, &dataFile{Path: path}) }

// isDist reports whether v is a value made by uniform, normal or clip.
func isDist(v cty.Value) bool {
	return v.IsKnown() && !v.IsNull() && v.Type().Equals(distType)
}

// isLoad reports whether v is a value made by load(path).
func isLoad(v cty.Value) bool {
	return v.IsKnown() && !v.IsNull() && v.Type().Equals(loadType)
}

// loadPath returns the resolved path of a value made by load(path), or ""
// if v is not one.
func loadPath(v cty.Value) string {
	if !isLoad(v) {
		return ""
	}
	return v.EncapsulatedValue().(*dataFile).Path
}

// errUnknown is the error of a value that could not be computed because
// an expression it depends on failed (that failure is reported itself).
var errUnknown = errors.New("the value is unknown: an expression it depends on has an error")

// typeError reports a value of the wrong type; rangeError (below) a
// number of the right type that is not finite.
type typeError struct{ msg string }

func (e *typeError) Error() string { return e.msg }

// describe names a value's type for an error message: "a string", "a
// distribution (uniform, normal, clip)", "an object".
func describe(v cty.Value) string {
	if v.IsNull() {
		return "null"
	}
	t := v.Type()
	switch {
	case t.Equals(distType):
		return "a distribution"
	case t.Equals(loadType):
		return "a data file (load)"
	case t.Equals(cty.Number):
		return "a number"
	case t.Equals(cty.String):
		return "a string"
	case t.Equals(cty.Bool):
		return "a bool"
	case t.IsObjectType():
		return "an object"
	case t.IsTupleType(), t.IsListType():
		return "a list"
	case t.IsMapType():
		return "a map"
	case t.IsSetType():
		return "a set"
	}
	return t.FriendlyName()
}

// toFloat reads a number. A number that is infinite, or too large for a
// float64, is an error distinct from a value of the wrong type.
func toFloat(v cty.Value) (float64, error) {
	if !v.IsWhollyKnown() {
		return 0, errUnknown
	}
	if v.IsNull() {
		return 0, &typeError{"a number is required, not null"}
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || n.IsNull() {
		return 0, &typeError{"a number is required, not " + describe(v)}
	}
	bf := n.AsBigFloat()
	if bf.IsInf() {
		return 0, fmt.Errorf("the number is infinite; a finite number is required")
	}
	f, _ := bf.Float64()
	if math.IsInf(f, 0) {
		return 0, fmt.Errorf("the number %s is out of range (infinite as a 64-bit float); a finite number is required", bf.Text('g', 6))
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
	if !v.IsWhollyKnown() {
		return 0, errUnknown
	}
	n, err := convert.Convert(v, cty.Number)
	if v.IsNull() || err != nil || n.IsNull() {
		return 0, &typeError{"a whole number >= 0 is required, not " + describe(v)}
	}
	if n.AsBigFloat().IsInf() {
		return 0, fmt.Errorf("the number is infinite; a whole number between 0 and 2^64-1 is required")
	}
	i, acc := n.AsBigFloat().Int(nil)
	if acc != big.Exact || i.Sign() < 0 || !i.IsUint64() {
		return 0, fmt.Errorf("a whole number between 0 and 2^64-1 is required")
	}
	return i.Uint64(), nil
}

func toBool(v cty.Value) (bool, error) {
	if !v.IsWhollyKnown() {
		return false, errUnknown
	}
	b, err := convert.Convert(v, cty.Bool)
	if v.IsNull() || err != nil || b.IsNull() {
		return false, &typeError{"true or false is required, not " + describe(v)}
	}
	return b.True(), nil
}

func toString(v cty.Value) (string, error) {
	if !v.IsWhollyKnown() {
		return "", errUnknown
	}
	if v.IsNull() || !v.Type().Equals(cty.String) {
		return "", &typeError{"a string is required, not " + describe(v)}
	}
	return v.AsString(), nil
}

// isList reports whether v is a known, non-null list, tuple or set.
func isList(v cty.Value) bool {
	t := v.Type()
	return v.IsKnown() && !v.IsNull() && (t.IsListType() || t.IsTupleType() || t.IsSetType())
}

// toFloats reads a number or a (nested) list of numbers, flattened in
// row-major order.
func toFloats(v cty.Value) ([]float64, error) {
	if !v.IsWhollyKnown() {
		return nil, errUnknown
	}
	if isList(v) {
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
	if _, wrongType := err.(*typeError); wrongType {
		return nil, &typeError{"a number or a list of numbers is required, not " + describe(v)}
	}
	if err != nil {
		return nil, err
	}
	return []float64{f}, nil
}

// toFloatLists reads a list of lists of numbers (spike_times).
func toFloatLists(v cty.Value) ([][]float64, error) {
	if !v.IsWhollyKnown() {
		return nil, errUnknown
	}
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType()) {
		return nil, &typeError{"a list of lists of numbers is required, e.g. [[10, 20], [15]], not " + describe(v)}
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
	if !v.IsWhollyKnown() {
		return nil, errUnknown
	}
	if !isList(v) {
		return nil, &typeError{"a list of strings is required, not " + describe(v)}
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
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, fmt.Errorf("whole numbers are required, not %g", f)
		}
		out[i] = int(f)
	}
	return out, nil
}

// toDist reads a number (a constant) or a distribution value.
func toDist(v cty.Value) (dist.Dist, error) {
	if !v.IsWhollyKnown() {
		return nil, errUnknown
	}
	if !isDist(v) {
		f, err := toFloat(v)
		if _, wrongType := err.(*typeError); wrongType {
			return nil, &typeError{"a number or a distribution (uniform(min, max), normal(mean, std), clip(dist, min, max)) is required, not " + describe(v)}
		}
		if err != nil {
			return nil, err
		}
		return dist.Const(f), nil
	}
	d := *v.EncapsulatedValue().(*dist.Dist)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// pathString renders a cty path for an error message: "[1].rate".
func pathString(p cty.Path) string {
	var b strings.Builder
	for _, s := range p {
		switch s := s.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			if s.Key.Type().Equals(cty.String) {
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			} else if s.Key.Type().Equals(cty.Number) {
				fmt.Fprintf(&b, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			}
		}
	}
	return b.String()
}
