package cuba_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestBuild checks the network against the CUBA specification: sizes,
// Dale's sign, kernels, weights, one-step delays, and connection counts
// consistent with independent draws of probability P without autapses.
func TestBuild(t *testing.T) {
	net := cuba.Build(3)
	require.InDelta(t, cuba.Dt, net.Dt, 0)
	sim, err := net.Compile()
	require.NoError(t, err)
	exc, inh := sim.Population("exc"), sim.Population("inh")
	require.NotNil(t, exc)
	require.NotNil(t, inh)
	assert.Equal(t, cuba.NExc, exc.Len())
	assert.Equal(t, cuba.NInh, inh.Len())
	assert.False(t, exc.IsInhibitory)
	assert.True(t, inh.IsInhibitory)
	assert.Equal(t, [][]string{{"exc", "inh"}}, sim.Stages(), "one-step delays leave both populations in one stage")

	for _, tc := range []struct {
		name       string
		nPre, nPst int
		same       bool
		w, tau     float64
	}{
		{"ee", cuba.NExc, cuba.NExc, true, cuba.WE, cuba.TauE},
		{"ei", cuba.NExc, cuba.NInh, false, cuba.WE, cuba.TauE},
		{"ie", cuba.NInh, cuba.NExc, false, cuba.WI, cuba.TauI},
		{"ii", cuba.NInh, cuba.NInh, true, cuba.WI, cuba.TauI},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := sim.Synapse(tc.name)
			require.NotNil(t, e)
			k, ok := e.Kernel.(*synapses.Exponential)
			require.True(t, ok, "kernel %T", e.Kernel)
			assert.InDelta(t, tc.tau, k.Tau, 0)
			assert.Equal(t, 1, e.MinDelay())
			pairs := tc.nPre * tc.nPst
			if tc.same {
				pairs -= tc.nPre
			}
			mean := float64(pairs) * cuba.P
			sd := math.Sqrt(mean * (1 - cuba.P))
			assert.InDelta(t, mean, float64(e.Len()), 5*sd, "synapse count")
			for i := range tc.nPre {
				post, w := e.Row(i)
				for at, j := range post {
					if tc.same {
						require.NotEqual(t, int32(i), j, "autapse on neuron %d", i)
					}
					require.InDelta(t, tc.w, w[at], 0, "weight magnitude")
				}
			}
		})
	}
}

// TestRate runs one second and checks the mean firing rate against Brian2's
// CUBA (bench/brian2/cuba.py), which fires at 5.4-5.9 Hz over seeds 1-4
// (docs/performance.md).
func TestRate(t *testing.T) {
	sim, err := cuba.Build(1).Compile()
	require.NoError(t, err)
	require.NoError(t, sim.Run(context.Background(), 1000))
	st := sim.Stats()
	rate := float64(st.TotalSpikes) / cuba.N
	assert.InDelta(t, 5.65, rate, 1, "mean rate in Hz")
	for name, n := range map[string]int{"exc": cuba.NExc, "inh": cuba.NInh} {
		assert.InDelta(t, 5.65, float64(st.Spikes[name])/float64(n), 1.5, "rate of %s in Hz", name)
	}
}
