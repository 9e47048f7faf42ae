package brunel_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/brunel"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestBrunel checks the network against its specification: sizes,
// Dale's sign, delta kernels, one shared weight per edge (J or G*J),
// 1.5 ms delays, connection counts consistent with independent draws of
// probability P without autapses, 4 bytes kept per synapse; and that a
// run fires at a rate near Brian2's (65.7 Hz over 200 ms for seed 1 of
// bench/brian2/brunel.py; the random numbers differ).
func TestBrunel(t *testing.T) {
	net := brunel.Build(1)
	sim, err := net.Compile()
	require.NoError(t, err)
	exc, inh := sim.Population("exc"), sim.Population("inh")
	assert.Equal(t, brunel.NExc, exc.Len())
	assert.Equal(t, brunel.NInh, inh.Len())
	assert.True(t, inh.IsInhibitory)
	total := 0
	for _, tc := range []struct {
		name       string
		nPre, nPst int
		same       bool
		w          float64
	}{
		{"ee", brunel.NExc, brunel.NExc, true, brunel.J},
		{"ei", brunel.NExc, brunel.NInh, false, brunel.J},
		{"ie", brunel.NInh, brunel.NExc, false, brunel.G * brunel.J},
		{"ii", brunel.NInh, brunel.NInh, true, brunel.G * brunel.J},
	} {
		e := sim.Synapse(tc.name)
		require.NotNil(t, e, tc.name)
		_, ok := e.Kernel.(*synapses.Delta)
		assert.True(t, ok, "%s: kernel %T", tc.name, e.Kernel)
		assert.Equal(t, 15, e.MinDelay(), "%s: 1.5 ms at 0.1 ms", tc.name)
		assert.Nil(t, e.D, "%s: one delay", tc.name)
		w, shared := e.SharedWeight()
		assert.True(t, shared, "%s: one stored weight", tc.name)
		assert.InDelta(t, tc.w, w, 1e-15, tc.name)
		pairs := tc.nPre * tc.nPst
		if tc.same {
			pairs -= tc.nPre
		}
		mean := float64(pairs) * brunel.P
		assert.InDelta(t, mean, float64(e.Len()), 5*math.Sqrt(mean*(1-brunel.P)), "%s: synapse count", tc.name)
		if tc.same {
			for i := range tc.nPre {
				lo, hi := e.Outgoing(i)
				for at := lo; at < hi; at++ {
					require.NotEqual(t, i, e.Target(at), "%s: autapse", tc.name)
				}
			}
		}
		total += e.Len()
	}
	assert.InDelta(t, 1e7, float64(total), 2e4)
	if testing.Short() {
		return
	}
	const ms = 50
	require.NoError(t, sim.Run(context.Background(), ms))
	rate := float64(sim.Stats().TotalSpikes) / brunel.N / (ms / 1000.0)
	assert.InDelta(t, 65, rate, 25, "rate %.1f Hz", rate)
}
