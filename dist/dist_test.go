package dist_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
)

func TestStreams(t *testing.T) {
	draw := func(seed uint64, name string, sub uint64) []uint64 {
		r := dist.Stream(seed, name, sub)
		out := make([]uint64, 8)
		for i := range out {
			out[i] = r.Uint64()
		}
		return out
	}
	assert.Equal(t, draw(1, "population/exc", 0), draw(1, "population/exc", 0), "same arguments, same stream")
	assert.NotEqual(t, draw(1, "population/exc", 0), draw(2, "population/exc", 0), "seed matters")
	assert.NotEqual(t, draw(1, "population/exc", 0), draw(1, "population/inh", 0), "name matters")
	assert.NotEqual(t, draw(1, "population/exc", 0), draw(1, "population/exc", 1), "sub-stream matters")
}

func TestSampleMoments(t *testing.T) {
	const n = 50000
	tests := []struct {
		name           string
		d              dist.Dist
		mean, variance float64
		lo, hi         float64
	}{
		{"const", dist.Const(3), 3, 0, 3, 3},
		{"uniform", dist.Uniform{Min: -2, Max: 4}, 1, 36.0 / 12, -2, 4},
		{"normal", dist.Normal{Mean: 5, Std: 2}, 5, 4, math.Inf(-1), math.Inf(1)},
		// A standard normal clipped to [0, inf): mean 1/sqrt(2*pi).
		{"clipped", dist.Clipped{D: dist.Normal{Mean: 0, Std: 1}, Min: 0, Max: math.Inf(1)}, 1 / math.Sqrt(2*math.Pi), 0.5 - 1/(2*math.Pi), 0, math.Inf(1)},
		// exp(N(0, 0.5^2)): mean exp(sigma^2/2), variance (exp(sigma^2)-1)*exp(sigma^2).
		{"lognormal", dist.LogNormal{Mu: 0, Sigma: 0.5}, math.Exp(0.125), math.Expm1(0.25) * math.Exp(0.25), 0, math.Inf(1)},
		{"exponential", dist.Exponential{Mean: 2}, 2, 4, 0, math.Inf(1)},
		// shape 2, scale 3: mean k*theta, variance k*theta^2.
		{"gamma", dist.Gamma{K: 2, Theta: 3}, 6, 18, 0, math.Inf(1)},
		{"each", dist.Each{1, 2, 3}, 2, 2.0 / 3, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.d.Validate())
			r := dist.Stream(7, tt.name, 0)
			var sum, sq float64
			for range n {
				x := tt.d.Sample(r)
				require.GreaterOrEqual(t, x, tt.lo)
				require.LessOrEqual(t, x, tt.hi)
				sum += x
				sq += x * x
			}
			mean := sum / n
			variance := sq/n - mean*mean
			se := math.Sqrt(tt.variance/n) + 1e-12
			assert.InDelta(t, tt.mean, mean, 5*se)
			assert.InDelta(t, tt.variance, variance, 0.04*tt.variance+1e-12)
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		d    dist.Dist
		want string
	}{
		{dist.Const(math.NaN()), "finite"},
		{dist.Uniform{Min: 2, Max: 1}, "min is greater than max"},
		{dist.Uniform{Min: 0, Max: math.Inf(1)}, "finite"},
		{dist.Normal{Mean: 0, Std: -1}, "negative standard deviation"},
		{dist.Clipped{D: dist.Const(1), Min: 2, Max: 1}, "min is greater than max"},
		{dist.Clipped{Min: 0, Max: 1}, "no distribution"},
		{dist.LogNormal{Mu: 0, Sigma: 0}, "sigma must be > 0"},
		{dist.LogNormal{Mu: math.Inf(1), Sigma: 1}, "finite"},
		{dist.Exponential{Mean: 0}, "mean must be > 0"},
		{dist.Exponential{Mean: math.NaN()}, "finite"},
		{dist.Gamma{K: 0, Theta: 1}, "shape and scale must be > 0"},
		{dist.Gamma{K: 1, Theta: -1}, "shape and scale must be > 0"},
		{dist.Each{}, "no values"},
		{dist.Each{1, math.NaN()}, "value 1"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			err := tt.d.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestFill checks that Fill gives an Each's values by index and draws
// other distributions in order.
func TestFill(t *testing.T) {
	out := make([]float64, 3)
	require.NoError(t, dist.Fill(dist.Each{1, 2, 3}, out, nil))
	assert.Equal(t, []float64{1, 2, 3}, out)
	require.NoError(t, dist.Fill(dist.Each{7}, out, nil))
	assert.Equal(t, []float64{7, 7, 7}, out)
	require.ErrorContains(t, dist.Fill(dist.Each{1, 2}, out, nil), "2 values for 3 neurons")
	r1, r2 := dist.Stream(1, "x", 0), dist.Stream(1, "x", 0)
	require.NoError(t, dist.Fill(dist.Normal{Mean: 0, Std: 1}, out, r1))
	for _, x := range out {
		assert.Equal(t, dist.Normal{Mean: 0, Std: 1}.Sample(r2), x)
	}
}
