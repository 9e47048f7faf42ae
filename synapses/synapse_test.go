package synapses_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestWeights(t *testing.T) {
	const nPre, nPost = 100, 100
	pre, post := inputPop(t, "pre", nPre, 0.1), inputPop(t, "post", nPost, 0.1)
	n := float64(nPre * nPost)
	// phi(-0.5): the probability that N(0.5, 1) falls below 0 (or above 1).
	phi := 0.5 * math.Erfc(0.5/math.Sqrt2)

	tests := []struct {
		name       string
		w          dist.Dist
		wMin, wMax float64
		lo, hi     float64 // every weight in [lo, hi]
		mean, sd   float64 // expected mean and standard deviation of one weight
	}{
		{"constant", dist.Const(0.25), 0, math.Inf(1), 0.25, 0.25, 0.25, 0},
		{"default uniform(0, 1)", nil, 0, math.Inf(1), 0, 1, 0.5, 1 / math.Sqrt(12)},
		{"uniform", dist.Uniform{Min: 0.2, Max: 0.5}, 0, math.Inf(1), 0.2, 0.5, 0.35, 0.3 / math.Sqrt(12)},
		{"constant above 1 is kept", dist.Const(5), 0, math.Inf(1), 5, 5, 5, 0},
		{"constant clipped to WMax", dist.Const(5), 0, 2, 2, 2, 2, 0},
		{"negative constant clipped to WMin", dist.Const(-1), 0, math.Inf(1), 0, 0, 0, 0},
		// Clipping N(0.5, 1) to [0, 1] puts mass phi on each bound and is
		// symmetric about 0.5.
		{"normal clipped", dist.Normal{Mean: 0.5, Std: 1}, 0, 1, 0, 1, 0.5, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synapses.New("e", pre, post)
			s.Weight, s.WMin, s.WMax = tc.w, tc.wMin, tc.wMax
			require.NoError(t, s.Init(0.1, seed))
			require.Equal(t, nPre*nPost, s.Len())

			sum, atMin, atMax := 0.0, 0, 0
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, w := range s.Weights() {
				lo, hi = math.Min(lo, w), math.Max(hi, w)
				sum += w
				if w == tc.wMin {
					atMin++
				}
				if w == tc.wMax {
					atMax++
				}
			}
			assert.GreaterOrEqual(t, lo, tc.lo, "smallest weight")
			assert.LessOrEqual(t, hi, tc.hi, "largest weight")
			assert.InDelta(t, tc.mean, sum/n, 5*tc.sd/math.Sqrt(n)+1e-12, "mean weight")
			if _, ok := tc.w.(dist.Normal); ok {
				assertBinomial(t, atMin, nPre*nPost, phi, "weights clipped to WMin")
				assertBinomial(t, atMax, nPre*nPost, phi, "weights clipped to WMax")
			}
		})
	}
}

// TestWeightsInConnectorOrder checks that the k-th synapse the connector
// makes gets the k-th draw, whatever its place in storage: adding a
// synapse at the end of a list leaves the other weights alone, although
// it moves them in storage.
func TestWeightsInConnectorOrder(t *testing.T) {
	pre, post := inputPop(t, "pre", 2, 0.1), inputPop(t, "post", 2, 0.1)
	weights := func(l synapses.List) map[[2]int]float64 {
		s := synapses.New("e", pre, post)
		s.Connect = l
		require.NoError(t, s.Init(0.1, seed))
		w := make(map[[2]int]float64)
		for at, p := range pairs(s) {
			w[p] = s.Weights()[at]
		}
		return w
	}
	a := weights(synapses.List{Pre: []int{1, 0}, Post: []int{0, 0}})
	b := weights(synapses.List{Pre: []int{1, 0, 0}, Post: []int{0, 0, 1}})
	assert.Equal(t, a[[2]int{1, 0}], b[[2]int{1, 0}])
	assert.Equal(t, a[[2]int{0, 0}], b[[2]int{0, 0}])
	assert.NotEqual(t, a[[2]int{1, 0}], a[[2]int{0, 0}])
}

func TestWeightErrors(t *testing.T) {
	pre, post := inputPop(t, "pre", 3, 0.1), inputPop(t, "post", 3, 0.1)
	tests := []struct {
		name string
		edit func(*synapses.Synapse)
		want string
	}{
		{"NaN weight", func(s *synapses.Synapse) { s.Weight = dist.Const(math.NaN()) }, "weight"},
		{"infinite weight", func(s *synapses.Synapse) { s.Weight = dist.Const(math.Inf(-1)) }, "weight"},
		{"invalid distribution", func(s *synapses.Synapse) { s.Weight = dist.Uniform{Min: 1, Max: 0} }, "weight"},
		{"empty bounds", func(s *synapses.Synapse) { s.WMin, s.WMax = 1, 0 }, "bounds"},
		{"NaN bound", func(s *synapses.Synapse) { s.WMin = math.NaN() }, "bounds"},
		{"negative norm", func(s *synapses.Synapse) { s.Norm = -1 }, "norm"},
		{"infinite norm", func(s *synapses.Synapse) { s.Norm = math.Inf(1) }, "norm"},
		{"NaN norm", func(s *synapses.Synapse) { s.Norm = math.NaN() }, "norm"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synapses.New("e", pre, post)
			tc.edit(s)
			err := s.Init(0.1, seed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestNorm(t *testing.T) {
	const nPre, nPost, norm = 20, 10, 3.0
	pre, post := inputPop(t, "pre", nPre, 0.1), inputPop(t, "post", nPost, 0.1)
	incoming := func(s *synapses.Synapse) []float64 {
		sum := make([]float64, nPost)
		for at, j := range s.PostIdx {
			sum[j] += math.Abs(s.Weights()[at])
		}
		return sum
	}

	t.Run("positive weights", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Norm = norm
		require.NoError(t, s.Init(0.1, seed))
		for j, sum := range incoming(s) {
			assert.InDelta(t, norm, sum, 1e-12, "target %d", j)
		}
	})
	t.Run("signed weights sum in absolute value", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Weight, s.WMin, s.Norm = dist.Normal{Mean: 0, Std: 1}, math.Inf(-1), norm
		require.NoError(t, s.Init(0.1, seed))
		negative := 0
		for _, w := range s.Weights() {
			if w < 0 {
				negative++
			}
		}
		require.Positive(t, negative, "some weights are negative")
		for j, sum := range incoming(s) {
			assert.InDelta(t, norm, sum, 1e-12, "target %d", j)
		}
	})
	t.Run("scales every incoming weight by the same factor", func(t *testing.T) {
		raw := synapses.New("e", pre, post)
		require.NoError(t, raw.Init(0.1, seed))
		sums := incoming(raw)
		s := synapses.New("e", pre, post)
		s.Norm = norm
		require.NoError(t, s.Init(0.1, seed))
		for at, j := range s.PostIdx {
			assert.InDelta(t, raw.Weights()[at]*norm/sums[j], s.Weights()[at], 1e-12)
		}
	})
	t.Run("masked synapses do not count", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Norm = norm
		s.Mask = func(i, j int) bool { return i < 5 }
		require.NoError(t, s.Init(0.1, seed))
		for j, sum := range incoming(s) {
			assert.InDelta(t, norm, sum, 1e-12, "target %d", j)
		}
		for at := range s.RowPtr[5] {
			assert.Zero(t, s.Weights()[at])
		}
	})
	t.Run("targets without input are left alone", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Connect = synapses.List{Pre: []int{0, 1}, Post: []int{2, 2}, Weight: []float64{1, 3}}
		s.Norm = norm
		require.NoError(t, s.Init(0.1, seed))
		assert.InDeltaSlice(t, []float64{0.75, 2.25}, s.Weights(), 1e-12)
		assert.Equal(t, []float64{0, 0, norm, 0, 0, 0, 0, 0, 0, 0}, incoming(s))
	})
	t.Run("Normalize after a change", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Norm = norm
		require.NoError(t, s.Init(0.1, seed))
		for at := range s.Weights() {
			s.Weights()[at] *= 2
		}
		s.Normalize()
		for j, sum := range incoming(s) {
			assert.InDelta(t, norm, sum, 1e-12, "target %d", j)
		}
	})
}

func TestDelays(t *testing.T) {
	pre, post := inputPop(t, "pre", 4, 0.1), inputPop(t, "post", 3, 0.1)
	tests := []struct {
		name  string
		dt    float64
		delay dist.Dist
		want  int
	}{
		{"default is one step", 0.1, nil, 1},
		{"1.5 ms at 0.1 ms", 0.1, dist.Const(1.5), 15},
		{"0.3 ms at 0.1 ms", 0.1, dist.Const(0.3), 3},
		{"1.5 ms at 0.25 ms rounds to 6", 0.25, dist.Const(1.5), 6},
		{"0.06 ms at 0.1 ms rounds up to 1", 0.1, dist.Const(0.06), 1},
		{"0.04 ms at 0.1 ms rounds down to 0", 0.1, dist.Const(0.04), 0},
		{"zero", 1, dist.Const(0), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synapses.New("e", pre, post)
			s.Delay = tc.delay
			require.NoError(t, s.Init(tc.dt, seed))
			assert.Equal(t, tc.want, s.DelaySteps)
			assert.Nil(t, s.D, "one delay for the edge")
			assert.Equal(t, tc.want, s.MinDelay())
		})
	}
}

func TestDelayErrors(t *testing.T) {
	pre, post := inputPop(t, "pre", 4, 0.1), inputPop(t, "post", 3, 0.1)
	tests := []struct {
		name  string
		delay dist.Dist
	}{
		{"negative", dist.Const(-1)},
		{"NaN", dist.Const(math.NaN())},
		{"infinite", dist.Const(math.Inf(1))},
		{"more than 2^20 steps", dist.Const(1e6)},
		{"negative draws", dist.Uniform{Min: -2, Max: -1}},
		{"invalid distribution", dist.Normal{Mean: 1, Std: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synapses.New("e", pre, post)
			s.Delay = tc.delay
			err := s.Init(0.1, seed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "delay")
		})
	}
}

func TestDelayPerSynapse(t *testing.T) {
	const n = 100
	pre, post := inputPop(t, "pre", n, 1), inputPop(t, "post", n, 1)

	t.Run("uniform(1, 3) ms at 1 ms", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Delay = dist.Uniform{Min: 1, Max: 3}
		require.NoError(t, s.Init(1, seed))
		require.Len(t, s.D, n*n)
		// Rounding U[1, 3) gives 1 on [1, 1.5), 2 on [1.5, 2.5) and 3 on
		// [2.5, 3): probabilities 1/4, 1/2, 1/4.
		count := map[int32]int{}
		for _, d := range s.D {
			count[d]++
		}
		require.Len(t, count, 3, "delays %v", count)
		assertBinomial(t, count[1], n*n, 0.25, "delay 1")
		assertBinomial(t, count[2], n*n, 0.5, "delay 2")
		assertBinomial(t, count[3], n*n, 0.25, "delay 3")
		assert.Equal(t, 1, s.MinDelay())
	})
	t.Run("MinDelay is the shortest", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Delay = dist.Uniform{Min: 2.6, Max: 5}
		require.NoError(t, s.Init(1, seed))
		assert.Equal(t, 3, s.MinDelay())
	})
	t.Run("reproducible", func(t *testing.T) {
		a, b := synapses.New("e", pre, post), synapses.New("e", pre, post)
		a.Delay, b.Delay = dist.Uniform{Min: 1, Max: 9}, dist.Uniform{Min: 1, Max: 9}
		require.NoError(t, a.Init(1, seed))
		require.NoError(t, b.Init(1, seed))
		assert.Equal(t, a.D, b.D)
	})
}

func TestInitErrors(t *testing.T) {
	pre := inputPop(t, "pre", 3, 0.1)
	lif := lifPop(t, "lif", 3, 0.1, -65)
	tests := []struct {
		name string
		s    *synapses.Synapse
		dt   float64
		want string
	}{
		{"no source", synapses.New("e", nil, pre), 0.1, "missing"},
		{"no target", synapses.New("e", pre, nil), 0.1, "missing"},
		{"zero dt", synapses.New("e", pre, pre), 0, "time step"},
		{"NaN dt", synapses.New("e", pre, pre), math.NaN(), "time step"},
		{"exponential tau", withKernel(synapses.New("e", pre, lif), &synapses.Exponential{Tau: 0}), 0.1, "tau"},
		{"conductance tau", withKernel(synapses.New("e", pre, lif), &synapses.Conductance{Tau: -1}), 0.1, "tau"},
		{"conductance E_rev", withKernel(synapses.New("e", pre, lif), &synapses.Conductance{Tau: 5, ERev: ptr(math.NaN())}), 0.1, "e_rev"},
		{"conductance onto a target without v", withKernel(synapses.New("e", lif, pre), &synapses.Conductance{Tau: 5}), 0.1, "membrane potential"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Init(tc.dt, seed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), `synapse "e"`)
		})
	}
}

func withKernel(s *synapses.Synapse, k synapses.Kernel) *synapses.Synapse {
	s.Kernel = k
	return s
}

func ptr[T any](v T) *T { return &v }

// TestSourceStatic checks Source and Target on an edge without a learning
// rule (a regression: Source used the learning index and panicked), with
// source neurons that have no synapse.
func TestSourceStatic(t *testing.T) {
	pre := inputPop(t, "pre", 6, 0.1)
	post := inputPop(t, "post", 4, 0.1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.Random{P: 0.3}
	require.NoError(t, s.Init(0.1, seed))
	require.Nil(t, s.Rule)
	got := make([][2]int, s.Len())
	for syn := range s.Len() {
		got[syn] = [2]int{s.Source(syn), s.Target(syn)}
	}
	assert.Equal(t, pairs(s), got)
}
