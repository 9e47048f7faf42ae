package oja_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/examples/custom_rule/oja"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestOneSpikeAndTwoPosts follows the rule by hand: a presynaptic spike
// at 1 ms arrives at 1.1 ms (one step of delay, dt = 0.1 ms) and sets the
// trace x to 1; postsynaptic spikes at 3 and 5 ms, 1.9 and 3.9 ms after
// the arrival, each move w a fraction eta of the way to
// x = exp(-lag/tau). A second edge into a population with learning off
// keeps its weight.
func TestOneSpikeAndTwoPosts(t *testing.T) {
	const dt, tau, eta, w0 = 0.1, 20.0, 0.1, 0.5
	net := graph.New(1)
	net.Dt = dt
	pre := neurons.New("pre", 1, neurons.NewSpikeGenerator([][]float64{{1}}))
	post := neurons.New("post", 1, neurons.NewSpikeGenerator([][]float64{{3, 5}}))
	off := neurons.New("off", 1, neurons.NewSpikeGenerator([][]float64{{3, 5}}))
	off.Learning = false
	net.AddPopulation(pre, post, off)
	for _, target := range []*neurons.Population{post, off} {
		e := synapses.New("pre_"+target.Name, pre, target)
		e.Weight = dist.Const(w0)
		r := oja.New()
		r.Eta, r.Tau = eta, tau
		e.Rule = r
		net.AddSynapse(e)
	}
	sim, err := net.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.Run(context.Background(), 10))

	w := w0
	w += eta * (math.Exp(-1.9/tau) - w)
	w += eta * (math.Exp(-3.9/tau) - w)
	assert.InDelta(t, w, sim.Synapse("pre_post").W[0], 1e-12)
	assert.Equal(t, w0, sim.Synapse("pre_off").W[0])
}

func TestInitRejectsBadParameters(t *testing.T) {
	tests := []struct {
		name     string
		eta, tau float64
	}{
		{"negative eta", -0.1, 20},
		{"eta above 1", 1.5, 20},
		{"zero tau", 0.1, 0},
		{"infinite tau", 0.1, math.Inf(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := oja.New()
			r.Eta, r.Tau = tc.eta, tc.tau
			var e learning.Edge = synapses.New("e", neurons.New("a", 1, neurons.NewLIF()), neurons.New("b", 1, neurons.NewLIF()))
			assert.Error(t, r.Init(e, 0.1))
		})
	}
}
