package dsl_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestNeuronModel loads the neuron_model example and populations
// that use equation models with values given with units, per neuron and
// as initial values.
func TestNeuronModel(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/neuron_model.hcl", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	require.Len(t, net.Populations(), 2)
	p := net.Populations()[0]
	m, ok := p.Model.(*equations.Model)
	require.True(t, ok, "model %T", p.Model)
	assert.Equal(t, "adex", m.Kind())
	assert.Equal(t, "rk4", m.Def().Method)
	assert.Equal(t, neurons.Param{25}, m.Param("tau_m"))
	assert.Equal(t, neurons.Param{-50, -51, -52, -53}, m.Param("V_T"))
	assert.Equal(t, neurons.Param{100}, m.Param("R"))
	assert.Equal(t, neurons.Param{5}, m.TauS)
	require.NoError(t, p.Init(0.1, 1, 0))
	assert.Equal(t, []float64{0.01, 0.01, 0.01, 0.01}, p.Var("w"))
	assert.Equal(t, []float64{-70, -70, -70, -70}, p.Var("v"))
	x := []float64{0.5, 0.5, 0.5, 0.5}
	spikes := 0
	for k := range 2000 {
		for c := range p.NumChunks() {
			require.NoError(t, p.Step(p.Chunk(c, k), x))
		}
		p.Collect()
		spikes += len(p.Fired)
	}
	assert.Greater(t, spikes, 10, "0.5 nA through 100 MOhm drives AdEx above threshold")

	q := net.Populations()[1]
	require.NoError(t, q.Init(0.1, 1, 0))
	assert.Equal(t, []float64{-65, -65}, q.Var("v"))
	assert.Equal(t, "exact", q.Model.(*equations.Model).Def().Method)
}

// TestNeuronModelErrorRanges checks that errors inside the equation
// strings point at the offending term's file:line:col.
func TestNeuronModelErrorRanges(t *testing.T) {
	_, diags := dsl.Load("testdata/errors/neuron_model_units.hcl", dsl.Options{})
	require.True(t, diags.HasErrors())
	want := map[string]hcl.Pos{
		`Invalid equations of neuron model "adex"`:         {Line: 4, Column: 60},
		`Invalid threshold of neuron model "adex"`:         {Line: 7, Column: 27},
		`Invalid parameters of neuron model "bad_param"`:   {Line: 17, Column: 30},
		`Invalid method of neuron model "exact_nonlinear"`: {Line: 23, Column: 16},
	}
	got := map[string]hcl.Pos{}
	for _, d := range diags {
		require.NotNil(t, d.Subject, d.Error())
		got[d.Summary] = hcl.Pos{Line: d.Subject.Start.Line, Column: d.Subject.Start.Column}
		t.Log(d.Error())
	}
	assert.Equal(t, want, got)
	var all []string
	for _, d := range diags {
		all = append(all, d.Detail)
	}
	text := strings.Join(all, "\n")
	assert.Contains(t, text, `dv/dt: term "a*w" has dimension nA*uS/ms, expected mV/ms`)
	assert.Contains(t, text, `term "5*tau_w" has dimension ms, expected mV`)
	assert.Contains(t, text, `unknown unit "mss"`)
	assert.Contains(t, text, `not linear in v`)
}

var _ = dist.Const(0)
var _ = rand.New

// TestTargetVar drives a conductance-based equation neuron through a
// synapse that names its variable ge: each arriving spike adds the weight
// to ge, which then decays as its equation says.
func TestTargetVar(t *testing.T) {
	path := t.TempDir() + "/net.hcl"
	require.NoError(t, writeFile(path, `
simulation {
  dt       = 0.1
  duration = 10
}
neuron_model "coba" {
  equations = <<-EQ
    dv/dt = (E_L - v)/tau_m + ge*(E_e - v)/C : mV
    dge/dt = -ge/tau_e : uS
  EQ
  threshold  = "v > 0*mV"
  parameters = { E_L = "-70 mV", E_e = "0 mV", tau_m = "20 ms", tau_e = "5 ms", C = "0.2 nF" }
  init       = { v = "-70 mV" }
}
population "src" {
  model       = "spike_generator"
  n           = 1
  spike_times = [[1.0]]
}
population "cell" {
  model = "coba"
  n     = 1
}
synapse "in" {
  from       = population.src
  to         = population.cell
  connect    = "one_to_one"
  weight     = 0.01
  delay      = 0.5
  target_var = "ge"
}
`))
	net, diags := dsl.Load(path, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	cell := net.Populations()[1]
	var ge []float64
	for range 40 {
		require.NoError(t, sim.RunSteps(context.Background(), 1))
		ge = append(ge, cell.Var("ge")[0])
	}
	// The spike of step 10 arrives 5 steps later, in step 15: ge jumps by
	// the weight before that step's integration, then decays exactly.
	for k, g := range ge {
		switch {
		case k < 15:
			assert.Zero(t, g, "step %d", k)
		default:
			want := 0.01 * math.Exp(-0.1*float64(k-14)/5)
			assert.InDelta(t, want, g, 1e-12, "step %d", k)
		}
	}
	assert.Greater(t, cell.Var("v")[0], -70.0, "the conductance depolarises the cell")

	require.NoError(t, writeFile(path, `
neuron_model "coba" {
  equations  = "dv/dt = -v/tau : mV"
  threshold  = "v > 1*mV"
  parameters = { tau = "10 ms" }
}
population "src" {
  model = "poisson"
  n     = 1
  rate  = 10
}
population "cell" {
  model = "coba"
  n     = 1
}
synapse "in" {
  from       = population.src
  to         = population.cell
  target_var = "gee"
}
`))
	_, diags = dsl.Load(path, dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Contains(t, diags.Error(), `has no state variable "gee"`)
}

// TestEquationModelWorkers runs a stochastic equation model over several
// chunks with one and with two workers: the results must be identical.
func TestEquationModelWorkers(t *testing.T) {
	run := func(workers int) ([]float64, []float64) {
		path := t.TempDir() + "/net.hcl"
		require.NoError(t, writeFile(path, fmt.Sprintf(`
simulation {
  dt       = 0.1
  duration = 20
  seed     = 5
  workers  = %d
}
neuron_model "noisy" {
  equations = <<-EQ
    dv/dt = (E_L - v + R*I)/tau + sigma*sqrt(2/tau)*xi : mV (unless refractory)
    dw/dt = -w/tau_w : 1
  EQ
  threshold  = "v > -55*mV + rand()*mV"
  reset      = "v = -70*mV; w += 1"
  refractory = "2 ms"
  parameters = { E_L = "-60 mV", R = "10 MOhm", tau = "10 ms", sigma = "3 mV", tau_w = "50 ms" }
  init       = { v = "-70 mV" }
}
population "cells" {
  model  = "noisy"
  n      = 10000
  v_init = uniform(-70, -55)
}
`, workers)))
		net, diags := dsl.Load(path, dsl.Options{})
		require.False(t, diags.HasErrors(), diags.Error())
		sim, diags := net.Compile()
		require.False(t, diags.HasErrors(), diags.Error())
		require.NoError(t, sim.Run(context.Background(), 20))
		p := net.Populations()[0]
		return append([]float64(nil), p.Var("v")...), append([]float64(nil), p.Var("w")...)
	}
	v1, w1 := run(1)
	v2, w2 := run(2)
	assert.Equal(t, v1, v2)
	assert.Equal(t, w1, w2)
	fired := 0
	for _, w := range w1 {
		if w > 0 {
			fired++
		}
	}
	assert.Greater(t, fired, 100, "neurons that spiked")
}

// TestEquationParamShadowsTrace checks that an equation parameter named
// like a spike-trace parameter (tau_s) is the one a population sets.
func TestEquationParamShadowsTrace(t *testing.T) {
	path := t.TempDir() + "/net.hcl"
	require.NoError(t, writeFile(path, `
neuron_model "lif_syn" {
  equations = <<-EQ
    dv/dt = (E_L - v + R*I_s)/tau_m : mV
    dI_s/dt = -I_s/tau_s : nA
  EQ
  threshold  = "v > -50*mV"
  parameters = { E_L = "-70 mV", R = "50 MOhm", tau_m = "10 ms", tau_s = "5 ms" }
}
population "p" {
  model = "lif_syn"
  n     = 1
  tau_s = "2 ms"
}
`))
	net, diags := dsl.Load(path, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	m := net.Populations()[0].Model.(*equations.Model)
	assert.Equal(t, neurons.Param{2}, m.Param("tau_s"))
	assert.Equal(t, neurons.Param{10}, m.TauS, "the trace keeps its default")
}
