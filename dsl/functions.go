package dsl

import (
	"math"
	"path/filepath"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// distType is the value type of uniform(...) and normal(...): a tagged
// object that attributes which accept a distribution decode into a
// dist.Dist.
var distType = cty.Object(map[string]cty.Type{"dist": cty.String, "a": cty.Number, "b": cty.Number})

// distFunc returns a function of two numbers that builds a distribution
// value of the given kind.
func distFunc(kind, a, b string) function.Function {
	return function.New(&function.Spec{
		Description: kind + " distribution",
		Params: []function.Parameter{
			{Name: a, Type: cty.Number},
			{Name: b, Type: cty.Number},
		},
		Type: function.StaticReturnType(distType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.ObjectVal(map[string]cty.Value{"dist": cty.StringVal(kind), "a": args[0], "b": args[1]}), nil
		},
	})
}

// clipFunc clips a distribution: clip(normal(0, 1), 0, 2).
var clipFunc = function.New(&function.Spec{
	Description: "clip a distribution's values to [min, max]",
	Params: []function.Parameter{
		{Name: "dist", Type: distType},
		{Name: "min", Type: cty.Number},
		{Name: "max", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.Object(map[string]cty.Type{"dist": cty.String, "of": distType, "a": cty.Number, "b": cty.Number})),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.ObjectVal(map[string]cty.Value{"dist": cty.StringVal("clip"), "of": args[0], "a": args[1], "b": args[2]}), nil
	},
})

// loadType is the value type of load(path): a tagged object naming a data
// file (.npy or .csv), resolved relative to the network file.
var loadType = cty.Object(map[string]cty.Type{"load": cty.String})

func loadFunc(baseDir string) function.Function {
	return function.New(&function.Spec{
		Description: "data from a .npy or .csv file, relative to the network file",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(loadType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			if !filepath.IsAbs(path) {
				path = filepath.Join(baseDir, path)
			}
			return cty.ObjectVal(map[string]cty.Value{"load": cty.StringVal(path)}), nil
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

// unaryMath wraps a float64 function as an HCL function of one number.
func unaryMath(desc string, f func(float64) float64) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{{Name: "x", Type: cty.Number}},
		Type:        function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			x, _ := args[0].AsBigFloat().Float64()
			return cty.NumberFloatVal(f(x)), nil
		},
	})
}

// functions is the language's function table: go-cty's standard math and
// collection functions, try/can, and the distributions. It holds nothing
// that reads time, the environment or randomness: randomness belongs to the
// run, through its seed.
func functions(baseDir string) map[string]function.Function {
	return map[string]function.Function{
		"load":     loadFunc(baseDir),
		"abs":      stdlib.AbsoluteFunc,
		"ceil":     stdlib.CeilFunc,
		"floor":    stdlib.FloorFunc,
		"log":      stdlib.LogFunc,
		"max":      stdlib.MaxFunc,
		"min":      stdlib.MinFunc,
		"pow":      stdlib.PowFunc,
		"signum":   stdlib.SignumFunc,
		"int":      stdlib.IntFunc,
		"exp":      unaryMath("e to the power x", math.Exp),
		"sqrt":     unaryMath("square root", math.Sqrt),
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
		"uniform":  distFunc("uniform", "min", "max"),
		"normal":   distFunc("normal", "mean", "std"),
		"clip":     clipFunc,
	}
}
