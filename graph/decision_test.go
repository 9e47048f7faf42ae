package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestKWTA drives five input neurons with currents 1..5; all would spike
// every step. Per step only the K with the largest input survive; per
// window only the first K spikes of each window.
func TestKWTA(t *testing.T) {
	run := func(t *testing.T, k int, window float64, steps int) [][]int32 {
		net := graph.New(1)
		p := neurons.New("p", 5, neurons.NewInput())
		net.AddPopulation(p)
		net.AddStimulus(&graph.Current{Pop: p, Amp: neurons.Param{1, 2, 3, 4, 5}})
		net.AddDecision(&graph.KWTA{Pop: p, K: k, Window: window})
		sim, err := net.Compile()
		require.NoError(t, err)
		var fired [][]int32
		for range steps {
			require.NoError(t, sim.RunSteps(t.Context(), 1))
			fired = append(fired, append([]int32(nil), p.Fired...))
		}
		return fired
	}
	t.Run("per step", func(t *testing.T) {
		for _, f := range run(t, 2, 0, 3) {
			assert.Equal(t, []int32{3, 4}, f, "the two largest inputs win")
		}
	})
	t.Run("per window", func(t *testing.T) {
		// Window of 3 steps, k = 2: step 0 has five candidates, two win;
		// steps 1 and 2 of the window are silent; a new window at step 3.
		got := run(t, 2, 0.3, 6)
		assert.Equal(t, [][]int32{{3, 4}, nil, nil, {3, 4}, nil, nil}, got)
	})
	t.Run("bad k", func(t *testing.T) {
		net := graph.New(1)
		p := neurons.New("p", 5, neurons.NewInput())
		net.AddPopulation(p)
		net.AddDecision(&graph.KWTA{Pop: p, K: 0})
		_, err := net.Compile()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "k >= 1")
	})
}

// TestLateralInhibition: a spike of neuron 0 of an excitatory population
// lowers the potential of every other neuron, not its own.
func TestLateralInhibition(t *testing.T) {
	net := graph.New(1)
	m := neurons.NewLIF()
	m.RefracLength = neurons.Param{0}
	p := neurons.New("p", 3, m)
	net.AddPopulation(p)
	net.AddStimulus(&graph.Drive{Pop: p, F: func(k, j int) float64 {
		if k == 0 && j == 0 {
			return 100 // neuron 0 spikes in step 0
		}
		return 0
	}})
	lat := synapses.Lateral("lat", p, 2)
	net.AddSynapse(lat)
	sim, err := net.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.RunSteps(t.Context(), 2))
	assert.Equal(t, 6, lat.Len(), "3 neurons, no self-connections")
	v := p.Var("v")
	// Step 1: x = -2, v = rest + (dt/tau)*R*x = -62 + 0.01*20*(-2).
	assert.InDelta(t, -62.4, v[1], 1e-12)
	assert.InDelta(t, -62.4, v[2], 1e-12)
	assert.InDelta(t, -62, v[0], 1e-12, "neuron 0 was reset and gets no input from itself")
}
