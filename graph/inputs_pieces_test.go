package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestPoissonInputPieces checks that a poisson_input below mean 10 draws
// what reading each chunk's stream neuron by neuron, step by step, draws
// (the draws before it found each draw by its place), whether a step's
// chunk is drawn whole or in pieces in any order.
func TestPoissonInputPieces(t *testing.T) {
	const n, steps, seed = 2500, 30, 11
	p := neurons.New("p", n, neurons.NewLIF())
	require.NoError(t, p.Init(0.1, seed, 1000)) // chunks of 1000, 1000 and 500
	in := &PoissonInput{Pop: p, Name: "bg", N: 1000, Rate: 40, Weight: 0.1}
	in.Seed(seed, 0)
	require.NoError(t, in.Init(0.1))
	require.True(t, in.piecewise())
	// The reference: one stream per chunk, read in order.
	ref := make([]func() float64, p.NumChunks())
	for c := range ref {
		r := dist.Stream(seed, "stimulus/bg", uint64(c))
		ref[c] = r.Float64
	}
	count := func(u float64) float64 {
		k := 0
		for k < len(in.cdf) && u >= in.cdf[k] {
			k++
		}
		if k == len(in.cdf) {
			k = poissonTail(u, in.lambda, len(in.cdf)-1, in.cdf[len(in.cdf)-1])
		}
		return float64(k) * in.Weight
	}
	nonzero := 0
	for k := range steps {
		want := make([]float64, n)
		for c := range p.NumChunks() {
			ch := p.Chunk(c, k)
			for j := ch.Lo; j < ch.Hi; j++ {
				want[j] = count(ref[c]())
				if want[j] != 0 {
					nonzero++
				}
			}
		}
		got := make([]float64, n)
		// Pieces of the chunks, last first.
		for _, r := range [][2]int{{2000, 2500}, {1700, 2000}, {1000, 1700}, {300, 1000}, {0, 300}} {
			in.AddJumps(k, got, r[0], r[1])
		}
		require.Equal(t, want, got, "step %d", k)
	}
	assert.Greater(t, nonzero, steps*n/2, "precondition: jumps")
}
