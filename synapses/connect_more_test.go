package synapses_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func shapedPop(t testing.TB, name string, shape ...int) *neurons.Population {
	t.Helper()
	p := neurons.NewShaped(name, shape, neurons.NewLIF())
	require.NoError(t, p.Init(0.1, seed, 0))
	return p
}

// build makes and initialises an edge with connector c.
func build(t testing.TB, name string, pre, post *neurons.Population, c synapses.Connector, sd uint64) *synapses.Synapse {
	t.Helper()
	s := synapses.New(name, pre, post)
	s.Connect, s.Weight = c, dist.Const(1)
	require.NoError(t, s.Init(0.1, sd))
	return s
}

// degrees returns the in- and out-degrees of an edge and whether any pair
// repeats or any i -> i exists.
func degrees(s *synapses.Synapse) (in, out []int, multi, self bool) {
	in, out = make([]int, s.Post.Len()), make([]int, s.Pre.Len())
	seen := map[[2]int]bool{}
	for _, pr := range pairs(s) {
		out[pr[0]]++
		in[pr[1]]++
		multi = multi || seen[pr]
		seen[pr] = true
		self = self || pr[0] == pr[1]
	}
	return in, out, multi, self
}

func meanVar(x []int) (float64, float64) {
	m := 0.0
	for _, v := range x {
		m += float64(v)
	}
	m /= float64(len(x))
	v := 0.0
	for _, y := range x {
		v += (float64(y) - m) * (float64(y) - m)
	}
	return m, v / float64(len(x)-1)
}

func TestFixedOutDegree(t *testing.T) {
	for _, tc := range []struct {
		nPre, nPost, k int
		same, autapses bool
	}{{200, 50, 7, false, false}, {120, 120, 10, true, false}, {60, 60, 60, true, true}} {
		t.Run(fmt.Sprintf("%+v", tc), func(t *testing.T) {
			pre := shapedPop(t, "pre", tc.nPre)
			post := pre
			if !tc.same {
				post = shapedPop(t, "post", tc.nPost)
			}
			s := build(t, "e", pre, post, synapses.FixedOutDegree{K: tc.k, Autapses: tc.autapses}, seed)
			in, out, multi, self := degrees(s)
			for i, d := range out {
				require.Equal(t, tc.k, d, "out-degree of source %d", i)
			}
			assert.False(t, multi, "distinct targets")
			if tc.same {
				assert.Equal(t, tc.autapses, self, "autapses only when allowed")
			}
			m, _ := meanVar(in)
			assert.InDelta(t, float64(tc.k*tc.nPre)/float64(tc.nPost), m, 1e-9, "mean in-degree")
			n, exact := synapses.FixedOutDegree{K: tc.k}.EstimateSynapses(tc.nPre, tc.nPost, tc.same)
			assert.True(t, exact)
			assert.Equal(t, int64(s.Len()), n)
		})
	}
	pre := shapedPop(t, "pre", 10)
	s := synapses.New("e", pre, pre)
	s.Connect = synapses.FixedOutDegree{K: 10}
	var pe *paramerr.Error
	require.ErrorAs(t, s.Init(0.1, seed), &pe, "k = 10 > 9 targets without autapses")
	assert.Equal(t, "k", pe.Param)
}

// TestFixedTotal checks the count, distinctness, autapses and the in-degree
// distribution: without multapses a target's in-degree is hypergeometric
// (N draws without replacement from M pairs, K = nPre of them the
// target's), with multapses binomial(N, K/M).
func TestFixedTotal(t *testing.T) {
	const nPre, nPost = 50, 40
	for _, tc := range []struct {
		n         int
		multapses bool
	}{{400, false}, {1800, false}, {400, true}, {3000, true}} {
		t.Run(fmt.Sprintf("n=%d,multapses=%v", tc.n, tc.multapses), func(t *testing.T) {
			pre, post := shapedPop(t, "pre", nPre), shapedPop(t, "post", nPost)
			var all []int
			for rep := range 40 {
				s := build(t, "e", pre, post, synapses.FixedTotal{N: tc.n, Multapses: tc.multapses}, uint64(rep))
				require.Equal(t, tc.n, s.Len())
				in, _, multi, _ := degrees(s)
				if !tc.multapses {
					require.False(t, multi, "distinct pairs")
				}
				all = append(all, in...)
			}
			M, K, N := float64(nPre*nPost), float64(nPre), float64(tc.n)
			p := K / M
			wantVar := N * p * (1 - p)
			if !tc.multapses {
				wantVar *= (M - N) / (M - 1)
			}
			m, v := meanVar(all)
			t.Logf("in-degree mean %.4g (want %.4g), variance %.4g (want %.4g)", m, N*p, v, wantVar)
			assert.InDelta(t, N*p, m, 1e-9)
			// The sample variance of 1600 values has a relative sd of about
			// sqrt(2/1600) = 3.5%: allow 15%.
			assert.InEpsilon(t, wantVar, v, 0.15)
		})
	}
	pop := shapedPop(t, "p", 30)
	s := build(t, "e", pop, pop, synapses.FixedTotal{N: 870}, seed) // all 30*29 pairs
	_, _, multi, self := degrees(s)
	assert.Equal(t, 870, s.Len())
	assert.False(t, multi)
	assert.False(t, self, "no autapses unless allowed")
	s = build(t, "e", pop, pop, synapses.FixedTotal{N: 5000, Multapses: true}, seed)
	_, _, multi, self = degrees(s)
	assert.True(t, multi)
	assert.False(t, self)
	bad := synapses.New("e", pop, pop)
	bad.Connect = synapses.FixedTotal{N: 871}
	var pe *paramerr.Error
	require.ErrorAs(t, bad.Init(0.1, seed), &pe)
	assert.Equal(t, "n", pe.Param)
}

// TestDistanceProfile: on a periodic 40 x 40 grid every pair at distance d
// connects with probability p0*exp(-d^2/(2 sigma^2)). The fraction of
// connected pairs per distance bin matches the mean probability of its
// pairs within 4 binomial standard deviations, the in-degrees have the mean
// sum(p) and variance sum(p(1-p)) of a sum of Bernoulli draws, and the
// estimate is within 1% of the count.
func TestDistanceProfile(t *testing.T) {
	const side, p0, sigma = 40, 0.6, 3.0
	pre, post := shapedPop(t, "pre", side, side), shapedPop(t, "post", side, side)
	c := &synapses.Distance{P0: p0, Sigma: sigma, Periodic: true}
	s := build(t, "e", pre, post, c, seed)
	connected := map[[2]int]bool{}
	for _, pr := range pairs(s) {
		connected[pr] = true
	}
	const bins = 12 // of width 1 grid unit, d in [0, 12)
	var n, hits, psum [bins]float64
	sumP, sumPQ := 0.0, 0.0
	for i := range side * side {
		for j := range side * side {
			dx := math.Abs(float64(i%side - j%side))
			dy := math.Abs(float64(i/side - j/side))
			dx, dy = math.Min(dx, side-dx), math.Min(dy, side-dy)
			d := math.Hypot(dx, dy)
			p := p0 * math.Exp(-d*d/(2*sigma*sigma))
			require.InDelta(t, p, c.Prob(i, j), 1e-12)
			if j == 0 {
				sumP += p
				sumPQ += p * (1 - p)
			}
			if b := int(d); b < bins {
				n[b]++
				psum[b] += p
				if connected[[2]int{i, j}] {
					hits[b]++
				}
			}
		}
	}
	for b := range bins {
		want := psum[b] / n[b]
		sd := math.Sqrt(want * (1 - want) / n[b])
		got := hits[b] / n[b]
		t.Logf("d in [%d, %d): %7.0f pairs, connected %.4f, expected %.4f", b, b+1, n[b], got, want)
		assert.InDelta(t, want, got, 4*sd+1e-9, "distance bin %d", b)
	}
	in, _, _, _ := degrees(s)
	m, v := meanVar(in)
	t.Logf("in-degree mean %.4g (sum p %.4g), variance %.4g (sum p(1-p) %.4g)", m, sumP, v, sumPQ)
	assert.InDelta(t, sumP, m, 4*math.Sqrt(sumPQ/float64(len(in))))
	assert.InEpsilon(t, sumPQ, v, 0.15)
	est, exact := c.EstimateSynapses(side*side, side*side, false)
	assert.False(t, exact)
	assert.InEpsilon(t, float64(s.Len()), float64(est), 0.01)
	assert.InDelta(t, sumP*side*side, float64(est), 0.5, "sum of the probabilities, rounded")
}

// TestDistanceLayout checks positions through the probabilities: without
// periodic boundaries the far corner is far; a given extent maps grids of
// different sizes onto one box; bad extents and shapes are errors.
func TestDistanceLayout(t *testing.T) {
	a, b := shapedPop(t, "a", 4, 4), shapedPop(t, "b", 2, 2)
	c := &synapses.Distance{P0: 1, Sigma: 1}
	require.NoError(t, c.Layout(a, a))
	assert.InDelta(t, math.Exp(-18.0/2), c.Prob(0, 15), 1e-12, "(0,0) to (3,3): d^2 = 18")
	c.Periodic = true
	assert.InDelta(t, math.Exp(-2.0/2), c.Prob(0, 15), 1e-12, "wrapped: d^2 = 2")
	c = &synapses.Distance{P0: 1, Sigma: 1, Extent: []float64{8}}
	require.NoError(t, c.Layout(a, b))
	// a's cell (0,0) is centred at (1,1) in the 8 x 8 box, b's at (2,2).
	assert.InDelta(t, math.Exp(-2.0/2), c.Prob(0, 0), 1e-12)
	for _, tc := range []struct {
		c     *synapses.Distance
		pre   *neurons.Population
		param string
	}{
		{&synapses.Distance{P0: 1, Sigma: 1, Extent: []float64{1, 2, 3}}, a, "extent"},
		{&synapses.Distance{P0: 1, Sigma: 1, Extent: []float64{-1}}, a, "extent"},
		{&synapses.Distance{P0: 1, Sigma: 1}, shapedPop(t, "line", 16), ""},
		{&synapses.Distance{P0: 2, Sigma: 1}, a, "p0"},
		{&synapses.Distance{P0: 1, Sigma: 0}, a, "sigma"},
	} {
		s := synapses.New("e", tc.pre, a)
		s.Connect = tc.c
		err := s.Init(0.1, seed)
		require.Error(t, err, "%v", tc.c)
		var pe *paramerr.Error
		if tc.param != "" {
			require.ErrorAs(t, err, &pe, "%v", err)
			assert.Equal(t, tc.param, pe.Param)
		}
	}
}

// TestNewConnectorsDeterministic: the same seed and edge name give the same
// synapses; another name an independent draw.
func TestNewConnectorsDeterministic(t *testing.T) {
	pre, post := shapedPop(t, "pre", 20, 20), shapedPop(t, "post", 20, 20)
	for _, c := range []func() synapses.Connector{
		func() synapses.Connector { return synapses.FixedOutDegree{K: 15} },
		func() synapses.Connector { return synapses.FixedTotal{N: 2000} },
		func() synapses.Connector { return synapses.FixedTotal{N: 2000, Multapses: true} },
		func() synapses.Connector { return &synapses.Distance{P0: 0.5, Sigma: 2} },
	} {
		a, b, other := build(t, "e", pre, post, c(), seed), build(t, "e", pre, post, c(), seed), build(t, "f", pre, post, c(), seed)
		assert.Equal(t, pairs(a), pairs(b), "%v", a.Connect)
		assert.NotEqual(t, pairs(a), pairs(other), "%v", a.Connect)
	}
}
