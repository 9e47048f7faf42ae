package dsl_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/equations"
)

// TestSynapseModel loads the synapse_model form and an equation
// form of pair STDP next to the built-in stdp on the same spikes: the
// weights must agree, and the conductance synapses must drive the cells.
func TestSynapseModel(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/synapse_model.hcl", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	exc := sim.Synapse("exc")
	r, ok := exc.Rule.(*equations.SynapseRule)
	require.True(t, ok, "rule %T", exc.Rule)
	assert.Equal(t, 25.0, r.Param("tau_post"))
	assert.InDelta(t, 0.01, r.Param("g_max"), 1e-15)
	w0 := append([]float64(nil), exc.W...)
	require.NoError(t, sim.Run(context.Background(), 1000))
	assert.Greater(t, sim.Population("cell").Spikes, int64(4), "ge_post += w*g_max drives the cells")
	moved := 0
	for s := range w0 {
		if w0[s] != exc.W[s] {
			moved++
		}
		assert.True(t, exc.W[s] >= 0 && exc.W[s] <= 1)
	}
	assert.Greater(t, moved, len(w0)/2, "the rule changes the weights")
	eq, bi := sim.Synapse("eq"), sim.Synapse("builtin")
	require.Equal(t, len(eq.W), len(bi.W))
	changed := 0
	for s := range eq.W {
		require.InDelta(t, bi.W[s], eq.W[s], 1e-12, "synapse %d", s)
		if bi.W[s] != 0.5 {
			changed++
		}
	}
	assert.Greater(t, changed, len(eq.W)/2)
	assert.Contains(t, net.SaveWeights, exc)
}
