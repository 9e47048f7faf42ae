package dsl

import (
	"math/big"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/dist"
)

// TestConvertersTellInfinityFromType checks that every conversion tells a
// non-finite number from a value of the wrong type, and an unknown value
// (one that depends on a failed expression) from both.
func TestConvertersTellInfinityFromType(t *testing.T) {
	huge := cty.NumberVal(new(big.Float).SetMantExp(big.NewFloat(1), 2000))
	converters := map[string]func(cty.Value) error{
		"toFloat":  func(v cty.Value) error { _, err := toFloat(v); return err },
		"toInt":    func(v cty.Value) error { _, err := toInt(v); return err },
		"toUint64": func(v cty.Value) error { _, err := toUint64(v); return err },
		"toFloats": func(v cty.Value) error { _, err := toFloats(v); return err },
		"toInts":   func(v cty.Value) error { _, err := toInts(v); return err },
		"toDist":   func(v cty.Value) error { _, err := toDist(v); return err },
		"toFloatLists": func(v cty.Value) error {
			_, err := toFloatLists(cty.TupleVal([]cty.Value{cty.TupleVal([]cty.Value{v})}))
			return err
		},
	}
	tests := []struct {
		name string
		v    cty.Value
		want string
	}{
		{"infinite", cty.PositiveInfinity, "infinite"},
		{"-infinite", cty.NegativeInfinity, "infinite"},
		{"beyond float64", huge, "out of range"},
		{"string", cty.StringVal("x"), "required, not a string"},
		{"object", cty.ObjectVal(map[string]cty.Value{"dist": cty.NumberIntVal(1)}), "required, not an object"},
		{"data file", loadVal("w.npy"), "required, not a data file"},
		{"null", cty.NullVal(cty.Number), "null"},
		{"unknown", cty.UnknownVal(cty.Number), errUnknown.Error()},
	}
	for name, conv := range converters {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				err := conv(tt.v)
				require.Error(t, err)
				if name == "toUint64" && tt.name == "beyond float64" {
					assert.Contains(t, err.Error(), "between 0 and 2^64-1")
					return
				}
				assert.Contains(t, err.Error(), tt.want)
				assert.NotContains(t, err.Error(), "not number")
				_, isType := err.(*typeError)
				assert.Equal(t, tt.name == "string" || tt.name == "object" || tt.name == "data file" || tt.name == "null", isType,
					"only a wrong type is a typeError: %v", err)
			})
		}
	}
}

// TestCapsules checks the typed values: what they hold, their equality,
// and that nothing else is taken for one.
func TestCapsules(t *testing.T) {
	u := distVal(dist.Uniform{Min: 1, Max: 2})
	assert.True(t, isDist(u))
	assert.False(t, isLoad(u))
	assert.True(t, u.RawEquals(distVal(dist.Uniform{Min: 1, Max: 2})))
	assert.True(t, u.Equals(distVal(dist.Uniform{Min: 1, Max: 2})).True())
	assert.False(t, u.RawEquals(distVal(dist.Uniform{Min: 1, Max: 3})))
	d, err := toDist(u)
	require.NoError(t, err)
	assert.Equal(t, dist.Uniform{Min: 1, Max: 2}, d)
	_, err = toDist(distVal(dist.Uniform{Min: 2, Max: 1}))
	assert.ErrorContains(t, err, "min is greater than max", "the parameters are checked where the value is used")

	l := loadVal("dir/w.npy")
	assert.True(t, isLoad(l))
	assert.False(t, isDist(l))
	assert.Equal(t, "dir/w.npy", loadPath(l))
	for _, v := range []cty.Value{
		cty.ObjectVal(map[string]cty.Value{"load": cty.StringVal("w.npy")}),
		cty.ObjectVal(map[string]cty.Value{"dist": cty.StringVal("uniform"), "a": cty.Zero, "b": cty.Zero}),
		cty.NullVal(distType), cty.UnknownVal(loadType), cty.StringVal("w.npy"),
	} {
		assert.False(t, isDist(v), "%#v", v)
		assert.False(t, isLoad(v), "%#v", v)
		assert.Equal(t, "", loadPath(v))
	}
	set := cty.SetVal([]cty.Value{u, distVal(dist.Uniform{Min: 1, Max: 2}), distVal(dist.Normal{Mean: 0, Std: 1})})
	assert.Equal(t, 2, set.LengthInt(), "equal distributions are one set element")
}

// TestFinishDiagnostics checks the de-duplication at the end of Load.
func TestFinishDiagnostics(t *testing.T) {
	r1 := hcl.Range{Filename: "a.hcl", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 4}}
	r2 := hcl.Range{Filename: "a.hcl", Start: hcl.Pos{Line: 2, Column: 1}, End: hcl.Pos{Line: 2, Column: 4}}
	mk := func(sev hcl.DiagnosticSeverity, summary, detail string, r *hcl.Range) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: sev, Summary: summary, Detail: detail, Subject: r}
	}
	diags := hcl.Diagnostics{
		mk(hcl.DiagError, "A", "x", &r1),
		mk(hcl.DiagError, "A", "x", &r1),
		mk(hcl.DiagError, "A", "x", &r2),
		mk(hcl.DiagWarning, "A", "x", &r1),
		mk(hcl.DiagError, "A", "y", &r1),
		mk(hcl.DiagError, "B", "x", &r1),
		mk(hcl.DiagError, "A", "x", nil),
		mk(hcl.DiagError, "A", "x", nil),
	}
	got := finishDiagnostics(diags)
	assert.Len(t, got, 6)
	assert.Same(t, diags[0], got[0], "the first of the repeats is kept, in order")
	assert.Same(t, diags[2], got[1])
}

// TestGuardOperators checks the checked / and %: zero divisors are errors,
// other operations keep cty's results.
func TestGuardOperators(t *testing.T) {
	tests := []struct {
		src     string
		want    cty.Value
		summary string
	}{
		{"7 % 3", cty.NumberIntVal(1), ""},
		{"-7 % 3", cty.NumberIntVal(-1), ""},
		{"1 / 4", cty.NumberFloatVal(0.25), ""},
		{"5 % 0", cty.NilVal, "Modulo by zero"},
		{"5 / 0", cty.NilVal, "Division by zero"},
		{"[for x in [1, 0] : 1 / x]", cty.NilVal, "Division by zero"},
		{"try(1 / 0, 3)", cty.NumberIntVal(3), ""},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tt.src), "x.hcl", hcl.InitialPos)
			require.False(t, diags.HasErrors())
			guardNode(expr)
			v, diags := expr.Value(&hcl.EvalContext{Functions: functions(".")})
			diags = finishDiagnostics(diags)
			if tt.summary != "" {
				require.True(t, diags.HasErrors())
				assert.Equal(t, tt.summary, diags[0].Summary)
				return
			}
			require.False(t, diags.HasErrors(), diags.Error())
			assert.True(t, tt.want.Equals(v).True(), "%#v", v)
		})
	}
}
