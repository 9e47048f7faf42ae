package synapses_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestEmitPartsSameBits checks that emitting a step's spikes part by part
// of the targets (EmitPart, for any number of parts) fills the delay
// buffers with the same bits as one Emit, for edges with shared and own
// weights, one delay and per-synapse delays, sorted rows and rows that
// cannot be split (which then take one part), including multapses.
func TestEmitPartsSameBits(t *testing.T) {
	const nPre, nPost, steps = 60, 97, 40
	edges := []struct {
		name       string
		connect    synapses.Connector
		weight     dist.Dist
		delay      dist.Dist
		splittable bool
	}{
		{"random, shared weight", synapses.Random{P: 0.3}, dist.Const(0.7), dist.Const(0.3), true},
		{"random, own weights, delays", synapses.Random{P: 0.3}, dist.Uniform{Min: 0, Max: 2}, dist.Uniform{Min: 0.1, Max: 1}, true},
		{"fixed_indegree", synapses.FixedInDegree{K: 7}, dist.Uniform{Min: 0, Max: 1}, dist.Const(0.1), true},
		{"dense, delays", synapses.Dense{}, dist.Normal{Mean: 1, Std: 0.5}, dist.Uniform{Min: 0, Max: 0.5}, true},
		{"fixed_total with multapses", synapses.FixedTotal{N: 2000, Multapses: true}, dist.Uniform{Min: 0, Max: 1}, dist.Const(0.2), true},
		{"fixed_outdegree (rows unsorted)", synapses.FixedOutDegree{K: 9}, dist.Const(1), dist.Uniform{Min: 0.1, Max: 0.5}, false},
	}
	for _, tc := range edges {
		t.Run(tc.name, func(t *testing.T) {
			build := func() *synapses.Synapse {
				pre, post := inputPop(t, "pre", nPre, 0.1), inputPop(t, "post", nPost, 0.1)
				pre.IsInhibitory = true
				e := synapses.New("e", pre, post)
				e.Connect, e.Weight, e.Delay = tc.connect, tc.weight, tc.delay
				e.Kernel = &synapses.CurrentPulse{}
				e.WMin = -10
				require.NoError(t, e.Init(0.1, seed))
				return e
			}
			assert.Equal(t, tc.splittable, build().Splittable())
			for _, parts := range []int{1, 2, 3, 7} {
				ref, e := build(), build()
				e.SplitTargets(parts)
				if tc.splittable {
					assert.Equal(t, parts, e.Parts())
				} else {
					assert.Equal(t, 1, e.Parts(), "an edge that cannot be split takes one part")
				}
				r := rand.New(rand.NewPCG(3, 4))
				nonzero := 0
				for k := range steps {
					want, got := make([]float64, nPost), make([]float64, nPost)
					ref.Deliver(k, want, 0, nPost)
					e.Deliver(k, got, 0, nPost)
					require.Equal(t, want, got, "parts %d, step %d", parts, k)
					for _, x := range want {
						if x != 0 {
							nonzero++
						}
					}
					var fired []int32
					for i := range nPre {
						if r.Float64() < 0.3 {
							fired = append(fired, int32(i))
						}
					}
					ref.Emit(k, fired)
					e.EmitStart(k, fired)
					// Parts in reverse order: the order of parts is free.
					for p := e.Parts() - 1; p >= 0; p-- {
						e.EmitPart(k, fired, p)
					}
				}
				require.Greater(t, nonzero, steps, "precondition: spikes arrive")
				assert.Equal(t, ref.Events(), e.Events())
			}
		})
	}
}

// TestEmitRangeUnsorted checks EmitRange over parts of the targets of an
// edge whose rows are not sorted (a list): the same buffers as Emit.
func TestEmitRangeUnsorted(t *testing.T) {
	build := func() *synapses.Synapse {
		pre, post := inputPop(t, "pre", 3, 0.1), inputPop(t, "post", 5, 0.1)
		e := synapses.New("e", pre, post)
		e.Connect = synapses.List{Pre: []int{0, 0, 0, 1, 2, 2}, Post: []int{4, 1, 3, 0, 2, 2}, Weight: []float64{1, 2, 3, 4, 5, 6}}
		e.Delay = dist.Uniform{Min: 0.1, Max: 0.3}
		e.Kernel = &synapses.CurrentPulse{}
		require.NoError(t, e.Init(0.1, seed))
		return e
	}
	ref, e := build(), build()
	require.False(t, e.Splittable())
	fired := []int32{0, 2}
	arrived := 0.0
	for k := range 6 {
		want, got := make([]float64, 5), make([]float64, 5)
		ref.Deliver(k, want, 0, 5)
		e.Deliver(k, got, 0, 5)
		require.Equal(t, want, got, "step %d", k)
		for _, x := range want {
			arrived += x
		}
		ref.Emit(k, fired)
		e.EmitStart(k, fired)
		e.EmitRange(k, fired, 2, 5)
		e.EmitRange(k, fired, 0, 2)
	}
	assert.Greater(t, arrived, 17.0, "precondition: spikes arrive")
}
