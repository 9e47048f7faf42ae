package synapses_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestDense(t *testing.T) {
	tests := []struct {
		name        string
		nPre, nPost int
		same        bool
	}{
		{"3x4", 3, 4, false},
		{"1x1", 1, 1, false},
		{"onto itself keeps autapses", 5, 5, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre := inputPop(t, "pre", tc.nPre, 0.1)
			post := pre
			if !tc.same {
				post = inputPop(t, "post", tc.nPost, 0.1)
			}
			s := synapses.New("e", pre, post)
			require.NoError(t, s.Init(0.1, seed))

			require.Equal(t, tc.nPre*tc.nPost, s.Len())
			require.Len(t, s.RowPtr, tc.nPre+1)
			for i := range tc.nPre {
				assert.Equal(t, i*tc.nPost, s.RowPtr[i], "row %d start", i)
				for j := range tc.nPost {
					assert.Equal(t, int32(j), s.PostIdx[i*tc.nPost+j], "row %d entry %d", i, j)
				}
			}
			assert.Equal(t, tc.nPre*tc.nPost, s.RowPtr[tc.nPre])
		})
	}
}

func TestRandomCount(t *testing.T) {
	tests := []struct {
		name        string
		nPre, nPost int
		same        bool
		c           synapses.Random
		pairs       int // number of pairs that may connect
	}{
		{"two populations", 200, 300, false, synapses.Random{P: 0.1}, 200 * 300},
		{"two populations dense p", 100, 150, false, synapses.Random{P: 0.7}, 100 * 150},
		{"onto itself without autapses", 300, 300, true, synapses.Random{P: 0.2}, 300*300 - 300},
		{"onto itself with autapses", 300, 300, true, synapses.Random{P: 0.2, Autapses: true}, 300 * 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre := inputPop(t, "pre", tc.nPre, 0.1)
			post := pre
			if !tc.same {
				post = inputPop(t, "post", tc.nPost, 0.1)
			}
			s := synapses.New("e", pre, post)
			s.Connect = tc.c
			require.NoError(t, s.Init(0.1, seed))

			assertBinomial(t, s.Len(), tc.pairs, tc.c.P, "number of synapses")
			self := 0
			seen := make(map[[2]int]bool)
			for _, p := range pairs(s) {
				assert.False(t, seen[p], "pair %v made twice", p)
				seen[p] = true
				if p[0] == p[1] {
					self++
				}
			}
			switch {
			case !tc.same:
			case tc.c.Autapses:
				assertBinomial(t, self, tc.nPre, tc.c.P, "number of autapses")
			default:
				assert.Zero(t, self, "autapses")
			}
		})
	}
}

// TestRandomUniform checks that every pair is equally likely: over many
// independent streams each pair of an 8x8 edge connects with probability
// p, the first and last pairs included.
func TestRandomUniform(t *testing.T) {
	const n, trials, p = 8, 3000, 0.3
	var count [n][n]int
	for trial := range trials {
		r := dist.Stream(seed, "uniform", uint64(trial))
		err := synapses.Random{P: p}.Connect(n, n, false, r, func(i, j int) { count[i][j]++ })
		require.NoError(t, err)
	}
	for i := range n {
		for j := range n {
			assertBinomial(t, count[i][j], trials, p, "pair %d -> %d", i, j)
		}
	}
}

func TestRandomEdgeCases(t *testing.T) {
	pre, post := inputPop(t, "pre", 20, 0.1), inputPop(t, "post", 30, 0.1)

	t.Run("p=0 makes no synapse", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Connect = synapses.Random{P: 0}
		require.NoError(t, s.Init(0.1, seed))
		assert.Zero(t, s.Len())
		assert.Equal(t, make([]int, 21), s.RowPtr)
	})
	t.Run("p=1 is dense", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Connect = synapses.Random{P: 1}
		require.NoError(t, s.Init(0.1, seed))
		require.Equal(t, 20*30, s.Len())
		for k, p := range pairs(s) {
			assert.Equal(t, [2]int{k / 30, k % 30}, p)
		}
	})
	t.Run("p=1 onto itself is dense without the diagonal", func(t *testing.T) {
		s := synapses.New("e", pre, pre)
		s.Connect = synapses.Random{P: 1}
		require.NoError(t, s.Init(0.1, seed))
		require.Equal(t, 20*19, s.Len())
		for _, deg := range inDegree(s, 20) {
			assert.Equal(t, 19, deg)
		}
		for _, p := range pairs(s) {
			assert.NotEqual(t, p[0], p[1])
		}
	})
	t.Run("tiny p on a large edge", func(t *testing.T) {
		// The expected gap between synapses is far beyond nPre*nPost.
		n := 0
		r := dist.Stream(seed, "tiny", 0)
		require.NoError(t, synapses.Random{P: 1e-300}.Connect(1000, 1000, false, r, func(int, int) { n++ }))
		assert.Zero(t, n)
	})
	for _, p := range []float64{-0.1, 1.1, math.NaN(), math.Inf(1)} {
		t.Run("invalid p", func(t *testing.T) {
			s := synapses.New("e", pre, post)
			s.Connect = synapses.Random{P: p}
			err := s.Init(0.1, seed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "probability")
			assert.Contains(t, err.Error(), `"e"`)
		})
	}
}

func TestRandomReproducible(t *testing.T) {
	pre, post := inputPop(t, "pre", 100, 0.1), inputPop(t, "post", 100, 0.1)
	build := func(name string, seed uint64, w dist.Dist) *synapses.Synapse {
		s := synapses.New(name, pre, post)
		s.Connect = synapses.Random{P: 0.1}
		s.Weight = w
		require.NoError(t, s.Init(0.1, seed))
		return s
	}
	a := build("a", seed, nil)

	t.Run("same seed and name", func(t *testing.T) {
		b := build("a", seed, nil)
		assert.Equal(t, a.RowPtr, b.RowPtr)
		assert.Equal(t, a.PostIdx, b.PostIdx)
		assert.Equal(t, a.Weights(), b.Weights())
	})
	t.Run("other weights leave the topology alone", func(t *testing.T) {
		b := build("a", seed, dist.Normal{Mean: 1, Std: 2})
		assert.Equal(t, a.RowPtr, b.RowPtr)
		assert.Equal(t, a.PostIdx, b.PostIdx)
		assert.NotEqual(t, a.Weights(), b.Weights())
	})
	t.Run("other name", func(t *testing.T) {
		b := build("b", seed, nil)
		assert.NotEqual(t, pairs(a), pairs(b))
	})
	t.Run("other seed", func(t *testing.T) {
		b := build("a", seed+1, nil)
		assert.NotEqual(t, pairs(a), pairs(b))
	})
}

func TestFixedInDegree(t *testing.T) {
	tests := []struct {
		name        string
		nPre, nPost int
		same        bool
		c           synapses.FixedInDegree
	}{
		{"two populations", 50, 40, false, synapses.FixedInDegree{K: 7}},
		{"all sources", 10, 40, false, synapses.FixedInDegree{K: 10}},
		{"k=0", 10, 5, false, synapses.FixedInDegree{K: 0}},
		{"onto itself", 30, 30, true, synapses.FixedInDegree{K: 5}},
		{"onto itself, all others", 30, 30, true, synapses.FixedInDegree{K: 29}},
		{"onto itself with autapses", 30, 30, true, synapses.FixedInDegree{K: 30, Autapses: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre := inputPop(t, "pre", tc.nPre, 0.1)
			post := pre
			if !tc.same {
				post = inputPop(t, "post", tc.nPost, 0.1)
			}
			s := synapses.New("e", pre, post)
			s.Connect = tc.c
			require.NoError(t, s.Init(0.1, seed))

			require.Equal(t, tc.c.K*tc.nPost, s.Len())
			sources := make([]map[int]bool, tc.nPost)
			for j := range sources {
				sources[j] = make(map[int]bool)
			}
			for _, p := range pairs(s) {
				assert.False(t, sources[p[1]][p[0]], "source %d twice for target %d", p[0], p[1])
				sources[p[1]][p[0]] = true
				if tc.same && !tc.c.Autapses {
					assert.NotEqual(t, p[0], p[1], "autapse")
				}
			}
			for j, src := range sources {
				assert.Len(t, src, tc.c.K, "distinct sources of target %d", j)
			}
		})
	}
}

// TestFixedInDegreeUniform checks that each target draws its K sources
// uniformly from the others: source i feeds target j with probability
// K/(n-1), and never itself.
func TestFixedInDegreeUniform(t *testing.T) {
	const n, k, trials = 10, 3, 3000
	var count [n][n]int
	for trial := range trials {
		r := dist.Stream(seed, "indegree", uint64(trial))
		err := synapses.FixedInDegree{K: k}.Connect(n, n, true, r, func(i, j int) { count[i][j]++ })
		require.NoError(t, err)
	}
	for i := range n {
		for j := range n {
			if i == j {
				assert.Zero(t, count[i][j], "autapse %d", i)
				continue
			}
			assertBinomial(t, count[i][j], trials, float64(k)/(n-1), "pair %d -> %d", i, j)
		}
	}
}

func TestFixedInDegreeErrors(t *testing.T) {
	pre, post := inputPop(t, "pre", 10, 0.1), inputPop(t, "post", 4, 0.1)
	tests := []struct {
		name string
		same bool
		c    synapses.FixedInDegree
	}{
		{"k above the sources", false, synapses.FixedInDegree{K: 11}},
		{"k equal to the sources onto itself", true, synapses.FixedInDegree{K: 10}},
		{"negative k", false, synapses.FixedInDegree{K: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := post
			if tc.same {
				target = pre
			}
			s := synapses.New("e", pre, target)
			s.Connect = tc.c
			err := s.Init(0.1, seed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "in-degree")
		})
	}
}

func TestOneToOne(t *testing.T) {
	pre, post := inputPop(t, "pre", 5, 0.1), inputPop(t, "post", 5, 0.1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.OneToOne{}
	require.NoError(t, s.Init(0.1, seed))
	require.Equal(t, 5, s.Len())
	for i, p := range pairs(s) {
		assert.Equal(t, [2]int{i, i}, p)
	}

	other := inputPop(t, "other", 6, 0.1)
	s = synapses.New("e", pre, other)
	s.Connect = synapses.OneToOne{}
	err := s.Init(0.1, seed)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "equal size")
}

func TestList(t *testing.T) {
	pre, post := inputPop(t, "pre", 3, 0.5), inputPop(t, "post", 2, 0.5)

	t.Run("weights and delays per synapse", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Connect = synapses.List{
			Pre: []int{2, 0, 2}, Post: []int{1, 1, 0},
			Weight: []float64{0.3, 0.7, 0.9}, Delay: []float64{1, 2, 3},
		}
		s.Weight = dist.Const(100) // overridden by the list
		s.Delay = dist.Const(50)   // overridden by the list
		require.NoError(t, s.Init(0.5, seed))

		// Rows by source, in list order within a row; delays 1, 2, 3 ms
		// at dt 0.5 ms are 2, 4, 6 steps.
		assert.Equal(t, []int{0, 1, 1, 3}, s.RowPtr)
		assert.Equal(t, []int32{1, 1, 0}, s.PostIdx)
		assert.Equal(t, []float64{0.7, 0.3, 0.9}, s.Weights())
		assert.Equal(t, []int32{4, 2, 6}, s.D)
		assert.Equal(t, 2, s.MinDelay())
	})
	t.Run("without weights the edge's weight applies", func(t *testing.T) {
		s := synapses.New("e", pre, post)
		s.Connect = synapses.List{Pre: []int{0, 1}, Post: []int{1, 1}}
		s.Weight = dist.Const(0.25)
		require.NoError(t, s.Init(0.5, seed))
		assert.Equal(t, []float64{0.25, 0.25}, s.Weights())
		assert.Nil(t, s.D)
		assert.Equal(t, 1, s.MinDelay())
	})

	errTests := []struct {
		name string
		l    synapses.List
		want string
	}{
		{"source out of range", synapses.List{Pre: []int{3}, Post: []int{0}}, "out of range"},
		{"negative source", synapses.List{Pre: []int{-1}, Post: []int{0}}, "out of range"},
		{"target out of range", synapses.List{Pre: []int{0}, Post: []int{2}}, "out of range"},
		{"lengths differ", synapses.List{Pre: []int{0, 1}, Post: []int{0}}, "2 sources and 1 targets"},
		{"weights missing", synapses.List{Pre: []int{0, 1}, Post: []int{0, 1}, Weight: []float64{1}}, "1 weights"},
		{"delays missing", synapses.List{Pre: []int{0, 1}, Post: []int{0, 1}, Delay: []float64{1}}, "1 delays"},
		{"negative delay", synapses.List{Pre: []int{0}, Post: []int{0}, Delay: []float64{-0.5}}, "delay"},
		{"NaN weight", synapses.List{Pre: []int{0}, Post: []int{0}, Weight: []float64{math.NaN()}}, "NaN"},
		{"infinite weight", synapses.List{Pre: []int{0}, Post: []int{0}, Weight: []float64{math.Inf(1)}}, "Inf"},
	}
	for _, tc := range errTests {
		t.Run(tc.name, func(t *testing.T) {
			s := synapses.New("e", pre, post)
			s.Connect = tc.l
			err := s.Init(0.5, seed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
