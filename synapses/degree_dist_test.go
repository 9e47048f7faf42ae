package synapses_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/synapticflow/synapticflow-go/synapses"
)

// chiSquareBinomial compares the histogram of degrees with the
// Binomial(n, p) distribution by Pearson's chi-square test, pooling the
// tails so that every bin expects at least 5, and returns the statistic
// and its critical value at significance 1e-3.
func chiSquareBinomial(deg []int, n int, p float64) (chi2, crit float64, bins int) {
	b := distuv.Binomial{N: float64(n), P: p}
	count := make([]float64, n+1)
	for _, d := range deg {
		count[d]++
	}
	total := float64(len(deg))
	var obs, exp []float64
	o, e := 0.0, 0.0
	for k := 0; k <= n; k++ {
		o += count[k]
		e += total * b.Prob(float64(k))
		if e >= 5 && total*(1-b.CDF(float64(k))) >= 5 {
			obs, exp = append(obs, o), append(exp, e)
			o, e = 0, 0
		}
	}
	// The rest of the upper tail joins the last bin.
	obs[len(obs)-1] += o
	exp[len(exp)-1] += e
	for i := range obs {
		chi2 += (obs[i] - exp[i]) * (obs[i] - exp[i]) / exp[i]
	}
	df := float64(len(obs) - 1)
	return chi2, distuv.ChiSquared{K: df}.Quantile(1 - 1e-3), len(obs)
}

// TestDegreeDistributions checks whole degree distributions, not only
// their means: the in-degrees of random(p) are Binomial(nPre, p); those
// of fixed_outdegree(k) Binomial(nPre, k/nPost) (each source picks k of
// nPost targets); the out-degrees of fixed_indegree(k) Binomial(nPost,
// k/nPre); and fixed_total(N) with multapses gives in-degrees
// Binomial(N, 1/nPost). A connector that spread synapses evenly (every
// degree the mean) or too unevenly fails.
func TestDegreeDistributions(t *testing.T) {
	const nPre, nPost = 200, 3000
	for _, tc := range []struct {
		c      synapses.Connector
		useOut bool // test the out-degrees (else the in-degrees)
		n      int
		p      float64
	}{
		{synapses.Random{P: 0.1}, false, nPre, 0.1},
		{synapses.FixedOutDegree{K: 150}, false, nPre, 150.0 / nPost},
		{synapses.FixedInDegree{K: 20}, true, nPost, 20.0 / nPre},
		{synapses.FixedTotal{N: 60000, Multapses: true}, false, 60000, 1.0 / nPost},
	} {
		t.Run(fmt.Sprint(tc.c), func(t *testing.T) {
			pre, post := shapedPop(t, "pre", nPre), shapedPop(t, "post", nPost)
			s := build(t, "e", pre, post, tc.c, seed)
			in, out, _, _ := degrees(s)
			deg := in
			if tc.useOut {
				deg = out
			}
			chi2, crit, bins := chiSquareBinomial(deg, tc.n, tc.p)
			m, v := meanVar(deg)
			t.Logf("mean %.4g (want %.4g), variance %.4g (want %.4g), chi2 %.1f over %d bins (critical %.1f)",
				m, float64(tc.n)*tc.p, v, float64(tc.n)*tc.p*(1-tc.p), chi2, bins, crit)
			assert.Less(t, chi2, crit, "degree histogram vs Binomial(%d, %g)", tc.n, tc.p)
			// The sample variance of m values has a relative sd of about
			// sqrt(2/(m-1)): allow 4 of them.
			assert.InEpsilon(t, float64(tc.n)*tc.p*(1-tc.p), v, 4*math.Sqrt(2/float64(len(deg)-1)), "variance")
		})
	}

	// The test has power: evenly spread degrees (all equal to the mean)
	// and doubled variance are both rejected.
	even := make([]int, 3000)
	for i := range even {
		even[i] = 20
	}
	chi2, crit, _ := chiSquareBinomial(even, 200, 0.1)
	assert.Greater(t, chi2, crit, "constant degrees")
	wide := make([]int, 3000)
	for i := range wide {
		wide[i] = 20 + 6*(i%2*2-1) // mean 20, variance 36 instead of 18
	}
	chi2, crit, _ = chiSquareBinomial(wide, 200, 0.1)
	assert.Greater(t, chi2, crit, "too wide")
}
