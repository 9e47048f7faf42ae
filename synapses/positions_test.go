package synapses_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/paramerr"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestRandomPositions: positions drawn uniformly in the box (mean L/2,
// variance L^2/12 per coordinate), from the population's own stream (the
// same for every edge of the population and both ends of a recurrent
// edge; another seed, another draw), in as many dimensions as the extent.
func TestRandomPositions(t *testing.T) {
	const n = 2000
	a, b := shapedPop(t, "a", n), shapedPop(t, "b", n)
	ext := []float64{2, 5}
	c := &synapses.Distance{P0: 0.1, Sigma: 0.5, Extent: ext, Positions: synapses.RandomPositions}
	build(t, "ab", a, b, c, seed)
	pre, post := c.Coordinates()
	require.Len(t, pre, 2, "dimensions of the extent")
	require.Len(t, post, 2)
	for d, L := range ext {
		for _, pos := range [][]float64{pre[d], post[d]} {
			require.Len(t, pos, n)
			m, v := 0.0, 0.0
			for _, p := range pos {
				require.True(t, p >= 0 && p < L, "inside the box: %g", p)
				m += p
			}
			m /= n
			for _, p := range pos {
				v += (p - m) * (p - m)
			}
			v /= n - 1
			// The mean of n uniforms has sd L/sqrt(12n); the variance's
			// relative sd is about sqrt(0.8/n) = 2%: allow 4 sd and 10%.
			assert.InDelta(t, L/2, m, 4*L/math.Sqrt(12*n), "mean of dimension %d", d)
			assert.InEpsilon(t, L*L/12, v, 0.1, "variance of dimension %d", d)
		}
	}
	assert.NotEqual(t, pre[0][:10], post[0][:10], "two populations, two draws")

	// The same population on another edge, with another extent: the same
	// arrangement, scaled.
	c2 := &synapses.Distance{P0: 0.1, Sigma: 0.5, Extent: []float64{4, 10}, Positions: synapses.RandomPositions}
	build(t, "other", a, a, c2, seed)
	pre2, post2 := c2.Coordinates()
	for i := range 50 {
		assert.InDelta(t, 2*pre[0][i], pre2[0][i], 1e-12)
		assert.InDelta(t, 2*pre[1][i], pre2[1][i], 1e-12)
	}
	assert.Equal(t, pre2, post2, "a recurrent edge: the same positions at both ends")

	// Another seed, another draw.
	c3 := &synapses.Distance{P0: 0.1, Sigma: 0.5, Extent: ext, Positions: synapses.RandomPositions}
	build(t, "ab", a, b, c3, seed+1)
	pre3, _ := c3.Coordinates()
	assert.NotEqual(t, pre[0][:10], pre3[0][:10])

	// One length and a 1-D population: positions on a line.
	c4 := &synapses.Distance{P0: 0.1, Sigma: 0.5, Extent: []float64{3}, Positions: synapses.RandomPositions}
	build(t, "line", a, b, c4, seed)
	pre4, _ := c4.Coordinates()
	assert.Len(t, pre4, 1)
	assert.Contains(t, c4.String(), "random positions")
}

// TestRandomPositionsProfile: with neurons drawn in a periodic 2-D box,
// the fraction of connected pairs per distance bin (distances computed
// here from the positions, with the minimum-image rule) matches the mean
// of p0*exp(-d^2/(2 sigma^2)) over the bin's pairs within 4 binomial
// standard deviations; and the fraction at short distance is p0, at
// large distance 0.
func TestRandomPositionsProfile(t *testing.T) {
	const n, L, p0, sigma = 900, 10.0, 0.5, 1.5
	for _, periodic := range []bool{true, false} {
		pop := shapedPop(t, "p", n)
		c := &synapses.Distance{P0: p0, Sigma: sigma, Extent: []float64{L, L}, Periodic: periodic, Positions: synapses.RandomPositions}
		s := build(t, "e", pop, pop, c, seed)
		pos, _ := c.Coordinates()
		connected := map[[2]int]bool{}
		for _, pr := range pairs(s) {
			connected[pr] = true
		}
		const bins, width = 14, 0.5 // d in [0, 7)
		var cnt, hits, psum [bins]float64
		for i := range n {
			for j := range n {
				if i == j {
					assert.False(t, connected[[2]int{i, j}], "no autapse")
					continue
				}
				dx, dy := math.Abs(pos[0][i]-pos[0][j]), math.Abs(pos[1][i]-pos[1][j])
				if periodic {
					dx, dy = math.Min(dx, L-dx), math.Min(dy, L-dy)
				}
				d := math.Hypot(dx, dy)
				p := p0 * math.Exp(-d*d/(2*sigma*sigma))
				require.InDelta(t, p, c.Prob(i, j), 1e-12)
				if b := int(d / width); b < bins {
					cnt[b]++
					psum[b] += p
					if connected[[2]int{i, j}] {
						hits[b]++
					}
				}
			}
		}
		for b := range bins {
			want := psum[b] / cnt[b]
			sd := math.Sqrt(want * (1 - want) / cnt[b])
			got := hits[b] / cnt[b]
			t.Logf("periodic %v, d in [%.1f, %.1f): %7.0f pairs, connected %.4f, expected %.4f", periodic, float64(b)*width, float64(b+1)*width, cnt[b], got, want)
			assert.InDelta(t, want, got, 4*sd+1e-9, "periodic %v, distance bin %d", periodic, b)
		}
		if periodic {
			// Uniform positions on a torus: the pairs at distance d < L/2
			// fill annuli, n(n-1) pi ((b+1)^2 - b^2) width^2 / L^2 of them.
			for b := range int(L / 2 / width) {
				want := n * (n - 1) * math.Pi * float64((b+1)*(b+1)-b*b) * width * width / (L * L)
				assert.InEpsilon(t, want, cnt[b], 0.06, "pairs in distance bin %d", b)
			}
		}
		assert.InDelta(t, p0, hits[0]/cnt[0], 0.05, "p0 at short distance")
		assert.Less(t, hits[bins-1]/cnt[bins-1], 0.001, "none far away")
	}
}

// TestRandomPositionsErrors: a bad positions value and bad extents are
// parameter errors; populations of different shapes need an extent.
func TestRandomPositionsErrors(t *testing.T) {
	a, b := shapedPop(t, "a", 4, 4), shapedPop(t, "b", 16)
	for _, tc := range []struct {
		c     *synapses.Distance
		param string
		msg   string
	}{
		{&synapses.Distance{P0: 1, Sigma: 1, Positions: "hex"}, "positions", `positions "hex", want "grid" or "random"`},
		{&synapses.Distance{P0: 1, Sigma: 1, Positions: "random", Extent: []float64{1, -2}}, "extent", "positive finite"},
		{&synapses.Distance{P0: 1, Sigma: 1, Positions: "random"}, "", "give extent"},
	} {
		s := synapses.New("e", a, b)
		s.Connect = tc.c
		err := s.Init(0.1, seed)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.msg)
		if tc.param != "" {
			var pe *paramerr.Error
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.param, pe.Param)
		}
	}
	// With an extent, shapes do not matter.
	s := synapses.New("e", a, b)
	s.Connect = &synapses.Distance{P0: 1, Sigma: 1, Positions: "random", Extent: []float64{4, 4}}
	require.NoError(t, s.Init(0.1, seed))
}
