package dsl

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/synapticflow/synapticflow-go/dist"
)

// floatArgs reads the arguments of a numeric function as float64s; an
// argument that is out of range is an error at that argument.
func floatArgs(args []cty.Value) ([]float64, error) {
	out := make([]float64, len(args))
	for i, a := range args {
		f, err := toFloat(a)
		if err != nil {
			return nil, function.NewArgError(i, err)
		}
		out[i] = f
	}
	return out, nil
}

// finiteResult turns the float64 result of a math function into a value:
// an infinite result is an error (a NaN result is prevented by the
// functions' own checks, and reported the same way if one slips through).
func finiteResult(name string, x float64) (cty.Value, error) {
	switch {
	case math.IsNaN(x):
		return cty.NilVal, fmt.Errorf("%s: the result is not a number", name)
	case math.IsInf(x, 0):
		return cty.NilVal, fmt.Errorf("%s: the result is out of range (infinite)", name)
	}
	return cty.NumberFloatVal(x), nil
}

// mathFunc makes an HCL function of numbers from f, which checks its
// arguments' domain (returning function.ArgError for a bad argument).
func mathFunc(name, desc string, params []string, f func(x []float64) (float64, error)) function.Function {
	ps := make([]function.Parameter, len(params))
	for i, p := range params {
		ps[i] = function.Parameter{Name: p, Type: cty.Number}
	}
	return function.New(&function.Spec{
		Description: desc,
		Params:      ps,
		Type:        function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			x, err := floatArgs(args)
			if err != nil {
				return cty.NilVal, err
			}
			r, err := f(x)
			if err != nil {
				return cty.NilVal, err
			}
			return finiteResult(name, r)
		},
	})
}

var (
	sqrtFunc = mathFunc("sqrt", "square root", []string{"x"}, func(x []float64) (float64, error) {
		if x[0] < 0 {
			return 0, function.NewArgErrorf(0, "sqrt of a negative number (%g)", x[0])
		}
		return math.Sqrt(x[0]), nil
	})
	expFunc = mathFunc("exp", "e to the power x", []string{"x"}, func(x []float64) (float64, error) {
		return math.Exp(x[0]), nil
	})
	logFunc = mathFunc("log", "logarithm of num in the given base", []string{"num", "base"}, func(x []float64) (float64, error) {
		if !(x[0] > 0) {
			return 0, function.NewArgErrorf(0, "log of a number <= 0 (%g)", x[0])
		}
		if !(x[1] > 0) || x[1] == 1 {
			return 0, function.NewArgErrorf(1, "the base of a logarithm must be positive and not 1, not %g", x[1])
		}
		return math.Log(x[0]) / math.Log(x[1]), nil
	})
	powFunc = mathFunc("pow", "num to the given power", []string{"num", "power"}, func(x []float64) (float64, error) {
		switch {
		case x[0] < 0 && x[1] != math.Trunc(x[1]):
			return 0, function.NewArgErrorf(1, "pow of a negative number (%g) to a fractional power (%g) is not a real number", x[0], x[1])
		case x[0] == 0 && x[1] < 0:
			return 0, function.NewArgErrorf(1, "pow(0, %g) divides by zero", x[1])
		}
		return math.Pow(x[0], x[1]), nil
	})
)

// argFloat reads a numeric argument that was declared as cty.Number.
func argFloat(args []cty.Value, i int) (float64, error) {
	f, err := toFloat(args[i])
	if err != nil {
		return 0, function.NewArgError(i, err)
	}
	return f, nil
}

// distFunc returns a function of two numbers that builds a distribution:
// uniform(min, max) or normal(mean, std). The distribution's parameters
// are checked where it is used (toDist), as before distributions were
// typed values.
func distFunc(desc, a, b string, make func(a, b float64) dist.Dist) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params: []function.Parameter{
			{Name: a, Type: cty.Number},
			{Name: b, Type: cty.Number},
		},
		Type: function.StaticReturnType(distType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			x, err := floatArgs(args)
			if err != nil {
				return cty.NilVal, err
			}
			return distVal(make(x[0], x[1])), nil
		},
	})
}

var (
	uniformFunc = distFunc("uniform distribution on [min, max)", "min", "max", func(a, b float64) dist.Dist { return dist.Uniform{Min: a, Max: b} })
	normalFunc  = distFunc("normal distribution", "mean", "std", func(a, b float64) dist.Dist { return dist.Normal{Mean: a, Std: b} })
)

// clipFunc clips a distribution: clip(normal(0, 1), 0, 2).
var clipFunc = function.New(&function.Spec{
	Description: "clip a distribution's values to [min, max]",
	Params: []function.Parameter{
		{Name: "dist", Type: cty.DynamicPseudoType},
		{Name: "min", Type: cty.Number},
		{Name: "max", Type: cty.Number},
	},
	Type: function.StaticReturnType(distType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !isDist(args[0]) {
			return cty.NilVal, function.NewArgErrorf(0, "clip takes a distribution (uniform(min, max) or normal(mean, std)), not %s", describe(args[0]))
		}
		lo, err := argFloat(args, 1)
		if err != nil {
			return cty.NilVal, err
		}
		hi, err := argFloat(args, 2)
		if err != nil {
			return cty.NilVal, err
		}
		of := *args[0].EncapsulatedValue().(*dist.Dist)
		return distVal(dist.Clipped{D: of, Min: lo, Max: hi}), nil
	},
})

// loadFunc is load(path): a reference to a data file (.npy or .csv),
// resolved relative to the network file. The file is read by the
// attribute that takes it.
func loadFunc(baseDir string) function.Function {
	return function.New(&function.Spec{
		Description: "data from a .npy or .csv file, relative to the network file",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(loadType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			if path == "" {
				return cty.NilVal, function.NewArgErrorf(0, "load: the path is empty")
			}
			if !filepath.IsAbs(path) {
				path = filepath.Join(baseDir, path)
			}
			if info, err := os.Stat(path); err == nil && info.IsDir() {
				return cty.NilVal, function.NewArgErrorf(0, "load: %s is a directory, not a data file", path)
			}
			return loadVal(path), nil
		},
	})
}

// toSetFunc converts a list of strings to a set, for for_each.
var toSetFunc = function.New(&function.Spec{
	Description: "convert a list of strings to a set of strings",
	Params:      []function.Parameter{{Name: "list", Type: cty.List(cty.String)}},
	Type:        function.StaticReturnType(cty.Set(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if args[0].LengthInt() == 0 {
			return cty.SetValEmpty(cty.String), nil
		}
		return cty.SetVal(args[0].AsValueSlice()), nil
	},
})

// boolsFunc is alltrue(list) (all) or anytrue(list): whether every, or
// some, element of a list of bools is true.
func boolsFunc(all bool) function.Function {
	desc := "whether some element of a list of bools is true"
	if all {
		desc = "whether every element of a list of bools is true"
	}
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, e := it.Element()
				if !e.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				if e.IsNull() {
					return cty.NilVal, function.NewArgErrorf(0, "the list holds null")
				}
				if e.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

// functions is the language's function table: go-cty's standard math and
// collection functions, try/can, and the distributions. It holds nothing
// that reads time, the environment or randomness: randomness belongs to the
// run, through its seed. The math functions that can leave the real
// numbers (sqrt, log, pow, exp) check their arguments.
func functions(baseDir string) map[string]function.Function {
	return map[string]function.Function{
		"load":     loadFunc(baseDir),
		"abs":      stdlib.AbsoluteFunc,
		"ceil":     stdlib.CeilFunc,
		"floor":    stdlib.FloorFunc,
		"log":      logFunc,
		"max":      stdlib.MaxFunc,
		"min":      stdlib.MinFunc,
		"pow":      powFunc,
		"signum":   stdlib.SignumFunc,
		"int":      stdlib.IntFunc,
		"exp":      expFunc,
		"sqrt":     sqrtFunc,
		"range":    stdlib.RangeFunc,
		"length":   stdlib.LengthFunc,
		"concat":   stdlib.ConcatFunc,
		"flatten":  stdlib.FlattenFunc,
		"merge":    stdlib.MergeFunc,
		"zipmap":   stdlib.ZipmapFunc,
		"lookup":   stdlib.LookupFunc,
		"element":  stdlib.ElementFunc,
		"keys":     stdlib.KeysFunc,
		"values":   stdlib.ValuesFunc,
		"reverse":  stdlib.ReverseListFunc,
		"slice":    stdlib.SliceFunc,
		"sort":     stdlib.SortFunc,
		"distinct": stdlib.DistinctFunc,
		"contains": stdlib.ContainsFunc,
		"format":   stdlib.FormatFunc,
		"join":     stdlib.JoinFunc,
		"toset":    toSetFunc,
		"try":      tryfunc.TryFunc,
		"can":      tryfunc.CanFunc,
		"alltrue":  boolsFunc(true),
		"anytrue":  boolsFunc(false),
		"uniform":  uniformFunc,
		"normal":   normalFunc,
		"clip":     clipFunc,
	}
}

// The operators "/" and "%" of HCL are cty's: x / 0 is infinite and
// x % 0 is x. guardOperators replaces them, in a parsed file, by checked
// versions for which a zero divisor is an error; arithmeticDiagnostic
// then names that error.
var (
	checkedDivide = &hclsyntax.Operation{Impl: checkedOp("/", func(a, b cty.Value) cty.Value { return a.Divide(b) }), Type: cty.Number}
	checkedModulo = &hclsyntax.Operation{Impl: checkedOp("%", func(a, b cty.Value) cty.Value { return a.Modulo(b) }), Type: cty.Number}
)

// errZeroDivisor is the error of x / 0 and x % 0.
var errZeroDivisor = errors.New("the right operand is zero")

func checkedOp(op string, f func(a, b cty.Value) cty.Value) function.Function {
	return function.New(&function.Spec{
		Description: "the " + op + " operator, with a zero divisor an error",
		Params: []function.Parameter{
			{Name: "a", Type: cty.Number},
			{Name: "b", Type: cty.Number},
		},
		Type: function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if args[1].AsBigFloat().Sign() == 0 {
				return cty.NilVal, errZeroDivisor
			}
			return f(args[0], args[1]), nil
		},
	})
}

// guardOperators replaces the "/" and "%" operators of a parsed body by
// their checked versions. It changes only the syntax tree of one load.
func guardOperators(body hcl.Body) {
	if b, ok := body.(*hclsyntax.Body); ok {
		guardNode(b)
	}
}

func guardNode(n hclsyntax.Node) {
	hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		if e, ok := n.(*hclsyntax.BinaryOpExpr); ok {
			switch e.Op {
			case hclsyntax.OpDivide:
				e.Op = checkedDivide
			case hclsyntax.OpModulo:
				e.Op = checkedModulo
			}
		}
		return nil
	})
}

// arithmeticDiagnostic rewrites the generic "Operation failed" diagnostic
// of a checked operator (whose only error is a zero divisor) into
// "Division by zero" or "Modulo by zero", at the whole operation.
func arithmeticDiagnostic(d *hcl.Diagnostic) {
	e, ok := d.Expression.(*hclsyntax.BinaryOpExpr)
	if !ok || d.Summary != "Operation failed" {
		return
	}
	switch e.Op {
	case checkedDivide:
		d.Summary, d.Detail = "Division by zero", "The divisor of \"/\" is zero."
	case checkedModulo:
		d.Summary, d.Detail = "Modulo by zero", "The divisor of \"%\" is zero."
	}
}
