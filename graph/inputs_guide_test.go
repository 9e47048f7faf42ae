package graph

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
)

// TestPoissonGuide checks the guide table of the inversion: entry m is
// the number of table entries at most m/guideLen, so that every u in
// [m, m+1)/guideLen has a count of at least guide[m].
func TestPoissonGuide(t *testing.T) {
	for _, lambda := range []float64{1e-6, 0.01, 0.5, 4, 9.99} {
		cdf := poissonCDF(lambda)
		g := poissonGuide(cdf)
		require.Len(t, g, guideLen)
		for m, k := range g {
			x := float64(m) / guideLen
			if k > 0 {
				assert.LessOrEqual(t, cdf[k-1], x, "lambda %g, m %d", lambda, m)
			}
			if int(k) < len(cdf) {
				assert.Greater(t, cdf[k], x, "lambda %g, m %d", lambda, m)
			}
		}
		assert.Equal(t, uint8(0), g[0], "lambda %g: P(0) > 0", lambda)
	}
}

// TestPoissonDrawJumps checks drawJumps (the inlined PCG, the guide
// table and the jump table) against rand.Rand's Float64 of the same PCG
// stream and the plain linear search of the table, for means from tiny
// (every draw 0 but a few) to just below 10, with weights whose
// products k*w round.
func TestPoissonDrawJumps(t *testing.T) {
	for _, c := range []struct{ lambda, w float64 }{
		{1e-3, 0.1}, {0.4, -0.5}, {4, 0.1}, {7.3, 1.0 / 3}, {9.99, 0.7},
	} {
		p := &PoissonInput{lambda: c.lambda, Weight: c.w, cdf: poissonCDF(c.lambda)}
		p.guide = poissonGuide(p.cdf)
		p.jump = make([]float64, len(p.cdf))
		for k := range p.jump {
			p.jump[k] = float64(k) * c.w
		}
		src := dist.StreamSource(5, "guide", uint64(c.lambda*1000))
		hi, lo := dist.PCGState(src)
		ref := rand.New(rand.NewPCG(hi, lo))
		const n = 200000
		got := make([]float64, n)
		for j := range got {
			got[j] = float64(j) // drawJumps adds
		}
		p.drawJumps(hi, lo, got)
		kinds := map[int]bool{}
		for j := range n {
			u := ref.Float64()
			k := 0
			for k < len(p.cdf) && u >= p.cdf[k] {
				k++
			}
			if k == len(p.cdf) {
				k = poissonTail(u, c.lambda, len(p.cdf)-1, p.cdf[len(p.cdf)-1])
			}
			kinds[k] = true
			want := float64(j) + float64(k)*c.w
			if got[j] != want {
				require.Equal(t, want, got[j], "lambda %g, draw %d", c.lambda, j)
			}
		}
		if c.lambda >= 1 {
			assert.Greater(t, len(kinds), 8, "lambda %g: precondition: many counts", c.lambda)
		}
	}
}
