package dsl_test

import (
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
	require.Len(t, net.Populations, 2)
	p := net.Populations[0]
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

	q := net.Populations[1]
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
