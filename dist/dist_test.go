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
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			err := tt.d.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
