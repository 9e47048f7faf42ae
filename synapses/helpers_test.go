package synapses_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

const seed = 42

// inputPop returns an initialised population of n Input neurons (no
// membrane potential).
func inputPop(t testing.TB, name string, n int, dt float64) *neurons.Population {
	t.Helper()
	p := neurons.New(name, n, neurons.NewInput())
	require.NoError(t, p.Init(dt, seed, 0))
	return p
}

// lifPop returns an initialised population of n LIF neurons whose potential
// starts at v0 mV.
func lifPop(t testing.TB, name string, n int, dt, v0 float64) *neurons.Population {
	t.Helper()
	m := neurons.NewLIF()
	m.VInit = dist.Const(v0)
	p := neurons.New(name, n, m)
	require.NoError(t, p.Init(dt, seed, 0))
	return p
}

// pairs returns the synapses of s as (pre, post) pairs in CSR order.
func pairs(s *synapses.Synapse) [][2]int {
	var out [][2]int
	for i := range len(s.RowPtr) - 1 {
		for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
			out = append(out, [2]int{i, int(s.PostIdx[at])})
		}
	}
	return out
}

// inDegree counts the synapses arriving at each of n targets.
func inDegree(s *synapses.Synapse, n int) []int {
	deg := make([]int, n)
	for _, j := range s.PostIdx {
		deg[j]++
	}
	return deg
}

// assertBinomial checks that count is within 5 standard deviations of the
// mean of a binomial distribution with n trials of probability p.
func assertBinomial(t *testing.T, count, n int, p float64, msgAndArgs ...any) {
	t.Helper()
	mean := float64(n) * p
	sigma := math.Sqrt(float64(n) * p * (1 - p))
	assert.InDelta(t, mean, float64(count), 5*sigma, msgAndArgs...)
}

// steps drives s for n steps the way the network does for a target in the
// same stage as the source (delay >= 1): each step it delivers into a
// fresh x, then emits the spikes fire[k]. With emitFirst it emits before
// delivering, as the network does for a target in a later stage (the only
// place a delay of 0 is allowed). It returns x of every step.
func steps(s *synapses.Synapse, n int, fire map[int][]int32, emitFirst bool) [][]float64 {
	out := make([][]float64, n)
	for k := range n {
		x := make([]float64, s.Post.Len())
		if emitFirst {
			s.Emit(k, fire[k])
		}
		s.Deliver(k, x, 0, len(x))
		if !emitFirst {
			s.Emit(k, fire[k])
		}
		out[k] = x
	}
	return out
}
