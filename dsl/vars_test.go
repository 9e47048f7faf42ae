package dsl_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestTypedVariables checks typed variables: values from -var, -var-file
// and defaults are converted to the type and validated; a bad value is
// reported once, at its origin.
func TestTypedVariables(t *testing.T) {
	const path = "testdata/ok/typed_vars.hcl"
	type want struct {
		thr   []float64
		rate  float64
		n     int
		every int
		on    bool
	}
	type wantErr struct {
		summary, detail, file string
		line                  int
	}
	tests := []struct {
		name string
		opts dsl.Options
		want want
		errs []wantErr
	}{
		{name: "defaults", want: want{thr: []float64{-50, -52, -54}, rate: 10, n: 2, every: 3, on: true}},
		{name: "-var list", opts: dsl.Options{Vars: map[string]string{"thr": "[-41, -42]"}},
			want: want{thr: []float64{-41, -42}, rate: 10, n: 2, every: 3, on: true}},
		{name: "-var string is raw", opts: dsl.Options{Vars: map[string]string{"label": "[1, 2]"}},
			want: want{thr: []float64{-50, -52, -54}, rate: 10, n: 2, every: 6, on: true}},
		{name: "-var bool and object", opts: dsl.Options{Vars: map[string]string{"on": "false", "cfg": "{rate = 5}"}},
			want: want{thr: []float64{-50, -52, -54}, rate: 5, n: 2, every: 3, on: false}},
		{name: "-var bool from string", opts: dsl.Options{Vars: map[string]string{"on": `"false"`}},
			want: want{thr: []float64{-50, -52, -54}, rate: 10, n: 2, every: 3, on: false}},
		{name: "var file", opts: dsl.Options{VarFiles: []string{"testdata/ok/typed_vars.tfvars.hcl"}},
			want: want{thr: []float64{-45, -46}, rate: 30, n: 5, every: 3, on: true}},
		{name: "-var beats var file", opts: dsl.Options{VarFiles: []string{"testdata/ok/typed_vars.tfvars.hcl"}, Vars: map[string]string{"thr": "[-60]"}},
			want: want{thr: []float64{-60}, rate: 30, n: 5, every: 3, on: true}},

		{name: "-var wrong type", opts: dsl.Options{Vars: map[string]string{"thr": "-49"}},
			errs: []wantErr{{"Invalid value for variable", "-var thr=-49: variable \"thr\" (declared at testdata/ok/typed_vars.hcl:1,1) is of type list(number)", "<value for var.thr>", 1}}},
		{name: "-var wrong element", opts: dsl.Options{Vars: map[string]string{"thr": `[-50, "x"]`}},
			errs: []wantErr{{"Invalid value for variable", "at [1]: a number is required", "<value for var.thr>", 1}}},
		{name: "-var not HCL", opts: dsl.Options{Vars: map[string]string{"thr": "[-50,"}},
			errs: []wantErr{{"Invalid value for variable", "not a valid HCL expression", "<value for var.thr>", 1}}},
		{name: "-var fails validation", opts: dsl.Options{Vars: map[string]string{"thr": "[-30]"}},
			errs: []wantErr{{"Invalid value for variable", "-var thr=[-30]: Every threshold must be below -40 mV", "<value for var.thr>", 1}}},
		{name: "-var division by zero", opts: dsl.Options{Vars: map[string]string{"thr": "[1/0]"}},
			errs: []wantErr{{"Invalid value for variable", "Division by zero", "<value for var.thr>", 1}}},
		{name: "-var long value", opts: dsl.Options{Vars: map[string]string{"thr": strings.Repeat("1", 10000)}},
			errs: []wantErr{{"Invalid value for variable", "-var thr=" + strings.Repeat("1", 60) + "...: ", "<value for var.thr>", 1}}},
		{name: "-var object missing attribute", opts: dsl.Options{Vars: map[string]string{"cfg": "{n = 3}"}},
			errs: []wantErr{{"Invalid value for variable", `attribute "rate" is required`, "<value for var.cfg>", 1}}},
		{name: "var file bad values", opts: dsl.Options{VarFiles: []string{"testdata/ok/typed_vars_bad.tfvars.hcl"}},
			errs: []wantErr{
				{"Invalid value for variable", `at .rate: a number is required`, "testdata/ok/typed_vars_bad.tfvars.hcl", 1},
				{"Invalid value for variable", "Every threshold must be below -40 mV", "testdata/ok/typed_vars_bad.tfvars.hcl", 2},
			}},
		{name: "malformed var file", opts: dsl.Options{VarFiles: []string{"testdata/ok/typed_vars_malformed.tfvars.hcl"}},
			errs: []wantErr{{"Argument or block definition required", "is a -var-file, which holds name = value lines", "testdata/ok/typed_vars_malformed.tfvars.hcl", 1}}},
		{name: "network as var file", opts: dsl.Options{VarFiles: []string{"testdata/ok/typed_vars.hcl"}},
			errs: []wantErr{
				{"Unexpected \"variable\" block", "is a -var-file", "testdata/ok/typed_vars.hcl", 1},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, diags := dsl.Load(path, tt.opts)
			if tt.errs != nil {
				errs := errorsOf(diags)
				for _, d := range errs {
					assert.NotEqual(t, "Value for undeclared variable", d.Summary)
				}
				require.Len(t, errs, len(tt.errs), render(diags, net.Files))
				for i, w := range tt.errs {
					d := errs[i]
					assert.Equal(t, w.summary, d.Summary)
					assert.Contains(t, d.Detail, w.detail)
					assert.Less(t, len(d.Detail), 600, "a message does not echo a long value")
					require.NotNil(t, d.Subject, "%s has a range", d.Summary)
					assert.Equal(t, w.file, d.Subject.Filename)
					assert.Equal(t, w.line, d.Subject.Start.Line)
				}
				// Rendering copes with the synthetic file names.
				assert.Contains(t, render(diags, net.Files), tt.errs[0].summary)
				return
			}
			require.False(t, diags.HasErrors(), render(diags, nil))
			pops := make(map[string]*neurons.Population)
			for _, p := range net.Populations() {
				pops[p.Name] = p
			}
			exc, src := pops["exc"], pops["src"]
			require.NotNil(t, exc)
			require.NotNil(t, src)
			assert.Equal(t, neurons.Param(tt.want.thr), exc.Model.(*neurons.LIF).Threshold)
			assert.Equal(t, tt.want.on, exc.Learning)
			assert.Equal(t, tt.want.n, src.Len())
			assert.Equal(t, neurons.Param{tt.want.rate}, src.Model.(*neurons.Poisson).Rate)
			require.Len(t, net.Monitors, 1)
			assert.Equal(t, tt.want.every, net.Monitors[0].Every)
		})
	}
}

// TestVarErrorReportedOnce pins the 42 repeats of one -var error: a typed
// variable's bad value is one error at the flag; for an untyped variable
// each expression that fails on it (the local, the population) is reported
// once, not once per instance of the repeated block.
func TestVarErrorReportedOnce(t *testing.T) {
	const form = `
variable "thr" {
  %s
  default = [-50, -52]
}
locals {
  thr = [for t in var.thr : t]
}
population "p" {
  count     = 42
  model     = "lif"
  n         = 2
  threshold = [for t in var.thr : t]
}
`
	tests := []struct {
		name, decl string
		file       string
		lines      []int
	}{
		{"typed", "type = list(number)", "<value for var.thr>", []int{1}},
		{"untyped", "", "net.hcl", []int{7, 13}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, diags := loadSource(t, fmt.Sprintf(form, tt.decl), dsl.Options{Vars: map[string]string{"thr": "-49"}})
			errs := errorsOf(diags)
			require.Len(t, errs, len(tt.lines), render(diags, net.Files))
			for i, e := range errs {
				require.NotNil(t, e.Subject)
				assert.True(t, strings.HasSuffix(e.Subject.Filename, tt.file), e.Subject.Filename)
				assert.Equal(t, tt.lines[i], e.Subject.Start.Line)
			}
		})
	}
	t.Run("untyped, without locals", func(t *testing.T) {
		src := strings.Replace(fmt.Sprintf(form, ""), "locals {\n  thr = [for t in var.thr : t]\n}\n", "", 1)
		net, diags := loadSource(t, src, dsl.Options{Vars: map[string]string{"thr": "-49"}})
		errs := errorsOf(diags)
		require.Len(t, errs, 1, "one error, not one per instance:\n%s", render(diags, net.Files))
		assert.Equal(t, "Iteration over non-iterable value", errs[0].Summary)
	})
}

// TestUntypedVariablesKeepTheirBehaviour: without type, a -var value is
// read as HCL if it is HCL and as a string otherwise.
func TestUntypedVariablesKeepTheirBehaviour(t *testing.T) {
	tests := []struct {
		raw, expr string
		n         int
	}{
		{"[1, 2]", "length(var.x)", 2},
		{"hello", `var.x == "hello" ? 3 : 1`, 3},
		{`"quoted"`, `var.x == "quoted" ? 4 : 1`, 4},
		{"7", "var.x", 7},
		{"{a = 5}", "var.x.a", 5},
		{"1/0", `var.x == "1/0" ? 6 : 1`, 6},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			src := "variable \"x\" {}\npopulation \"p\" {\n  model = \"lif\"\n  n     = " + tt.expr + "\n}\n"
			net, diags := loadSource(t, src, dsl.Options{Vars: map[string]string{"x": tt.raw}})
			require.False(t, diags.HasErrors(), render(diags, nil))
			assert.Equal(t, tt.n, net.Populations()[0].Len())
		})
	}
	_, diags := loadSource(t, "variable \"x\" {}\n", dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Equal(t, "No value for required variable", diags[0].Summary)
}
