package dsl_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func TestVariables(t *testing.T) {
	tests := []struct {
		name     string
		opts     dsl.Options
		n        int
		rate     float64
		errorSub string
	}{
		{name: "defaults", n: 4, rate: 10},
		{name: "var", opts: dsl.Options{Vars: map[string]string{"n": "8"}}, n: 8, rate: 10},
		{name: "var file", opts: dsl.Options{VarFiles: []string{"testdata/ok/vars.tfvars.hcl"}}, n: 6, rate: 30},
		{name: "var beats var file", opts: dsl.Options{VarFiles: []string{"testdata/ok/vars.tfvars.hcl"}, Vars: map[string]string{"rate": "5"}}, n: 6, rate: 5},
		{name: "undeclared", opts: dsl.Options{Vars: map[string]string{"rat": "5"}}, errorSub: `Did you mean "rate"?`},
		{name: "wrong type", opts: dsl.Options{Vars: map[string]string{"n": "many"}}, errorSub: "number is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, diags := dsl.Load("testdata/ok/vars.hcl", tt.opts)
			if tt.errorSub != "" {
				require.True(t, diags.HasErrors())
				assert.Contains(t, diags.Error(), tt.errorSub)
				return
			}
			require.False(t, diags.HasErrors(), diags.Error())
			require.Len(t, net.Populations(), 1)
			p := net.Populations()[0]
			assert.Equal(t, tt.n, p.Len())
			assert.Equal(t, neurons.Param{tt.rate}, p.Model.(*neurons.Poisson).Rate)
		})
	}
}

func TestRepeatedBlocks(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/repeat.hcl", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	var names []string
	thresholds := make(map[string]float64)
	for _, p := range net.Populations() {
		names = append(names, p.Name)
		thresholds[p.Name] = p.Model.(*neurons.LIF).Threshold[0]
	}
	assert.Equal(t, []string{"col[0]", "col[1]", "col[2]", `layer["a"]`, `layer["b"]`, `named["x"]`, `named["y"]`}, names)
	assert.Equal(t, -50.0, thresholds[`layer["a"]`])
	assert.Equal(t, -45.0, thresholds[`layer["b"]`])
	require.Len(t, net.Stimuli(), 3)
	for i, st := range net.Stimuli() {
		assert.Equal(t, net.Populations()[i], st.Target(), "stimulus %d drives col[%d]", i, i)
	}
	require.Len(t, net.Synapses(), 1)
	assert.Equal(t, `layer["a"]`, net.Synapses()[0].Pre.Name)
	assert.Equal(t, `layer["b"]`, net.Synapses()[0].Post.Name)
	_, d := net.Compile()
	require.False(t, d.HasErrors(), d.Error())
}

func TestDirectoryIsOneNetwork(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/multi", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Len(t, net.Populations(), 2)
	require.Len(t, net.Synapses(), 1)
	assert.Equal(t, "src", net.Synapses()[0].Pre.Name, "a synapse in b.hcl refers to a population of a.hcl")
	assert.Equal(t, 50.0, net.Simulation.Duration)
	assert.Len(t, net.Files, 2)
}

// flip is a user-defined model: a neuron that spikes on alternate steps
// while its input is positive.
type flip struct {
	neurons.Trace
	Gain neurons.Param `param:"gain" doc:"unused gain, to test parameters"`
	on   []float64
}

func (m *flip) Kind() string { return "flip" }
func (m *flip) Init(n int, _ float64, _ *rand.Rand) error {
	m.on = make([]float64, n)
	return nil
}
func (m *flip) Step(c neurons.Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		if x[i] > 0 {
			m.on[i] = 1 - m.on[i]
		}
		s[i] = m.on[i] == 1
	}
}
func (m *flip) Vars() []string { return []string{"on"} }
func (m *flip) Var(name string) []float64 {
	if name == "on" {
		return m.on
	}
	return nil
}

func TestCustomModelIsInTheLanguage(t *testing.T) {
	reg := neurons.Builtin()
	require.NoError(t, reg.Register(func() neurons.Model { return &flip{Gain: neurons.Param{1}} }))
	path := t.TempDir() + "/net.hcl"
	require.NoError(t, writeFile(path, `
population "f" {
  model = "flip"
  n     = 3
  gain  = 2
}
monitor "m" {
  target    = population.f
  variables = ["s", "on"]
}
`))
	net, diags := dsl.Load(path, dsl.Options{Models: reg})
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, neurons.Param{2}, net.Populations()[0].Model.(*flip).Gain)

	_, diags = dsl.Load(path, dsl.Options{})
	require.True(t, diags.HasErrors(), "the built-in registry has no flip")
	assert.Contains(t, diags.Error(), "Unknown neuron model")
}
