package dsl_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// loadSource writes src as net.hcl in a temporary directory and loads it.
func loadSource(t *testing.T, src string, opts dsl.Options) (*dsl.Network, hcl.Diagnostics) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "net.hcl")
	require.NoError(t, writeFile(path, src))
	return dsl.Load(path, opts)
}

// errorsOf returns the error diagnostics of diags.
func errorsOf(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d)
		}
	}
	return out
}

// TestLookAlikeObjectsAreObjects pins the panics of object literals shaped
// like the old tagged distribution and load() values: each is now one
// error on its attribute.
func TestLookAlikeObjectsAreObjects(t *testing.T) {
	const pop = "population \"a\" {\n  model = \"lif\"\n  n     = 2\n  %s\n}\n"
	const syn = "population \"a\" {\n  model = \"lif\"\n  n     = 2\n}\nsynapse \"s\" {\n  from = population.a\n  to   = population.a\n  %s\n}\n"
	tests := []struct {
		name, form, attr string
		line             int
		summary, detail  string
	}{
		{"dist number", pop, `v_init = {dist = 1}`, 4, `Invalid value for "v_init"`, "a number or a distribution"},
		{"dist clip", pop, `v_init = {dist = "clip", a = 0, b = 1}`, 4, `Invalid value for "v_init"`, "not an object"},
		{"dist uniform", pop, `v_init = {dist = "uniform", a = 0, b = 1}`, 4, `Invalid value for "v_init"`, "not an object"},
		{"clip of object", pop, `v_init = clip({dist = "normal", a = 0, b = 1}, 0, 1)`, 4, "Invalid function argument", "clip takes a distribution"},
		{"clip of number", pop, `v_init = clip(3, 0, 1)`, 4, "Invalid function argument", "not a number"},
		{"load number", syn, `weight = {load = 5}`, 8, `Invalid value for "weight"`, "not an object"},
		{"load string", syn, `weight = {load = "w.npy"}`, 8, `Invalid value for "weight"`, "not an object"},
		{"load list", syn, `weight = [{load = 5}]`, 8, `Invalid value for "weight"`, "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(tt.form, "%s", tt.attr, 1)
			_, diags := loadSource(t, src, dsl.Options{})
			errs := errorsOf(diags)
			require.Len(t, errs, 1, render(diags, nil))
			d := errs[0]
			assert.Equal(t, tt.summary, d.Summary)
			assert.Contains(t, strings.ToLower(d.Detail), strings.ToLower(tt.detail))
			require.NotNil(t, d.Subject)
			assert.Equal(t, tt.line, d.Subject.Start.Line)
			assert.Greater(t, d.Subject.Start.Column, strings.Index(tt.attr, "=")+2, "the range is on the value")
		})
	}
}

// TestDistributionsKeepWorking checks that the distribution functions
// reach the engine as before, directly and through locals.
func TestDistributionsKeepWorking(t *testing.T) {
	net, diags := loadSource(t, `
locals {
  w = clip(normal(0.8, 0.05), 0, 1)
  same = uniform(1, 2) == uniform(1, 2)
}
population "a" {
  model  = "lif"
  n      = local.same ? 3 : 1
  v_init = uniform(-65, -55)
}
synapse "s" {
  from   = population.a
  to     = population.a
  weight = local.w
  delay  = normal(2, 0.5)
}
`, dsl.Options{})
	require.False(t, diags.HasErrors(), render(diags, nil))
	require.Len(t, net.Populations(), 1)
	p := net.Populations()[0]
	assert.Equal(t, 3, p.Len(), "equal distributions compare equal")
	assert.Equal(t, dist.Uniform{Min: -65, Max: -55}, p.Model.(*neurons.LIF).VInit)
	require.Len(t, net.Synapses(), 1)
	s := net.Synapses()[0]
	assert.Equal(t, dist.Clipped{D: dist.Normal{Mean: 0.8, Std: 0.05}, Min: 0, Max: 1}, s.Weight)
	assert.Equal(t, dist.Normal{Mean: 2, Std: 0.5}, s.Delay)
}

// TestNumberDiagnostics: math out of its domain, non-finite numbers and
// typed values used as numbers give one clear diagnostic on the
// attribute, never a Go stack trace or "a number is required, not number".
func TestNumberDiagnostics(t *testing.T) {
	tests := []struct {
		expr, summary, detail string
	}{
		{"sqrt(-1)", "Invalid function argument", "sqrt of a negative number"},
		{"pow(-1, 0.5)", "Invalid function argument", "fractional power"},
		{"pow(0, -1)", "Invalid function argument", "divides by zero"},
		{"pow(10, 400)", "Error in function call", "out of range (infinite)"},
		{"log(-1, 10)", "Invalid function argument", "log of a number <= 0"},
		{"log(0, 10)", "Invalid function argument", "log of a number <= 0"},
		{"log(2, -1)", "Invalid function argument", "base of a logarithm"},
		{"exp(1000)", "Error in function call", "out of range (infinite)"},
		{"1 / 0", "Division by zero", `divisor of "/" is zero`},
		{"0 / 0", "Division by zero", `divisor of "/" is zero`},
		{"5 % 0", "Modulo by zero", `divisor of "%" is zero`},
		{"1e400", `Invalid value for "tau_m"`, "out of range (infinite"},
		{"-1e400 * 1", `Invalid value for "tau_m"`, "out of range (infinite"},
		{"[20, 1e400]", `Invalid value for "tau_m"`, "out of range (infinite"},
		// A distribution is drawn per neuron (TestHeterogeneousParams); a
		// bad one is refused at the attribute.
		{"uniform(2, 1)", `Invalid value for "tau_m"`, "min is greater than max"},
		{"uniform(1, 2) + 1", "Invalid operand", "have distribution"},
		{"load(\"x.npy\")", `Invalid value for "tau_m"`, "not a data file"},
		{"\"ten\"", `Invalid value for "tau_m"`, "not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			_, diags := loadSource(t, "population \"a\" {\n  model = \"lif\"\n  n     = 2\n  tau_m = "+tt.expr+"\n}\n", dsl.Options{})
			errs := errorsOf(diags)
			require.Len(t, errs, 1, render(diags, nil))
			d := errs[0]
			assert.Equal(t, tt.summary, d.Summary)
			assert.Contains(t, d.Detail, tt.detail)
			assert.NotContains(t, d.Detail, "goroutine")
			assert.NotContains(t, d.Detail, "not number")
			require.NotNil(t, d.Subject)
			assert.Equal(t, 4, d.Subject.Start.Line)
		})
	}
	t.Run("modulo still works", func(t *testing.T) {
		net, diags := loadSource(t, "population \"a\" {\n  model = \"lif\"\n  n     = 7 % 4 + 8 / 4\n}\n", dsl.Options{})
		require.False(t, diags.HasErrors(), render(diags, nil))
		assert.Equal(t, 5, net.Populations()[0].Len())
	})
	t.Run("n as a distribution", func(t *testing.T) {
		_, diags := loadSource(t, "population \"a\" {\n  model = \"lif\"\n  n     = uniform(1, 2)\n}\n", dsl.Options{})
		require.True(t, diags.HasErrors())
		assert.Contains(t, diags.Error(), "A number is required, not a distribution")
	})
}

// TestLoadPaths: load("") and a missing file name the problem and the
// resolved path.
func TestLoadPaths(t *testing.T) {
	const form = "population \"a\" {\n  model = \"lif\"\n  n     = 2\n}\nsynapse \"s\" {\n  from   = population.a\n  to     = population.a\n  weight = load(%s)\n}\n"
	tests := []struct{ arg, want string }{
		{`""`, "load: the path is empty"},
		{`"."`, "is a directory, not a data file"},
		{`"missing.npy"`, "missing.npy: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "net.hcl")
			require.NoError(t, writeFile(path, strings.Replace(form, "%s", tt.arg, 1)))
			_, diags := dsl.Load(path, dsl.Options{})
			errs := errorsOf(diags)
			require.Len(t, errs, 1, render(diags, nil))
			assert.Contains(t, errs[0].Detail, tt.want)
			assert.NotContains(t, errs[0].Detail, ".: is a directory")
			require.NotNil(t, errs[0].Subject)
			assert.Equal(t, 8, errs[0].Subject.Start.Line)
			if tt.arg == `"missing.npy"` {
				assert.Contains(t, errs[0].Detail, filepath.Join(dir, "missing.npy"), "the resolved path")
			}
		})
	}
}

// TestSimulationInExpressions: simulation.* is readable wherever
// expressions are, with defaults applied, and Options.Overrides are
// applied before any expression reads them.
func TestSimulationInExpressions(t *testing.T) {
	const src = `
variable "J" {
  default = 0.5
}
simulation {
  dt       = 0.05
  duration = 10 * local.ms
  seed     = 3
}
locals {
  ms    = 20
  tau_m = 10
  steps = simulation.duration / simulation.dt
}
population "a" {
  model = "lif"
  n     = local.steps / 100 + simulation.seed + simulation.workers
  tau_m = local.tau_m
}
synapse "s" {
  from   = population.a
  to     = population.a
  weight = var.J * local.tau_m / simulation.dt
}
monitor "m" {
  target    = population.a
  variables = ["v"]
  every     = 1 / simulation.dt
}
`
	dur, seed, workers := 400.0, uint64(10), 2
	tests := []struct {
		name     string
		opts     dsl.Options
		n        int
		sim      dsl.Simulation
		errorSub string
	}{
		{name: "file", n: 43, sim: dsl.Simulation{Dt: 0.05, Duration: 200, Seed: 3, TauD: 200}},
		{name: "overrides", opts: dsl.Options{Overrides: dsl.Overrides{Duration: &dur, Seed: &seed, Workers: &workers}},
			n: 92, sim: dsl.Simulation{Dt: 0.05, Duration: 400, Seed: 10, Workers: 2, TauD: 200}},
		{name: "bad override", opts: dsl.Options{Overrides: dsl.Overrides{Workers: new(-1)}}, errorSub: "Workers must be 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, diags := loadSource(t, src, tt.opts)
			if tt.errorSub != "" {
				require.True(t, diags.HasErrors())
				assert.Contains(t, diags.Error(), tt.errorSub)
				return
			}
			require.False(t, diags.HasErrors(), render(diags, nil))
			assert.Equal(t, tt.sim, net.Simulation)
			assert.Equal(t, tt.sim.Seed, net.Graph.Seed)
			require.Len(t, net.Populations(), 1)
			assert.Equal(t, tt.n, net.Populations()[0].Len())
			require.Len(t, net.Synapses(), 1)
			assert.Equal(t, dist.Const(0.5*10/0.05), net.Synapses()[0].Weight)
			require.Len(t, net.Monitors, 1)
			assert.Equal(t, 20, net.Monitors[0].Every)
		})
	}
}

// TestSimulationDefaultsInExpressions: without a simulation block,
// expressions see the defaults.
func TestSimulationDefaultsInExpressions(t *testing.T) {
	net, diags := loadSource(t, `
population "a" {
  model = "poisson"
  n     = simulation.duration / simulation.dt / 100 + simulation.seed + simulation.workers
  rate  = simulation.tau_d
}
`, dsl.Options{})
	require.False(t, diags.HasErrors(), render(diags, nil))
	assert.Equal(t, 10, net.Populations()[0].Len(), "100 ms / 0.1 ms / 100")
	assert.Equal(t, neurons.Param{200}, net.Populations()[0].Model.(*neurons.Poisson).Rate)
}
