package encoding_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/encoding"
)

func sums(k [][]float64) (total, pos float64) {
	for _, row := range k {
		for _, v := range row {
			total += v
			if v > 0 {
				pos += v
			}
		}
	}
	return total, pos
}

func TestDoG(t *testing.T) {
	const size, s1, s2 = 7, 1.0, 2.0
	on, err := encoding.DoG(size, s1, s2, true)
	require.NoError(t, err)
	off, err := encoding.DoG(size, s1, s2, false)
	require.NoError(t, err)
	total, pos := sums(on)
	assert.InDelta(t, 0, total, 1e-12, "zero mean")
	assert.InDelta(t, 1, pos, 1e-12, "positive weights sum to 1")
	c := size / 2
	assert.Greater(t, on[c][c], 0.0, "on-centre: positive centre")
	assert.Less(t, on[c][c+3], 0.0, "on-centre: negative surround")
	for i := range size {
		for j := range size {
			assert.InDelta(t, -on[i][j], off[i][j], 1e-15, "off = -on")
			assert.InDelta(t, on[i][j], on[j][i], 1e-15, "symmetric")
			assert.InDelta(t, on[i][j], on[size-1-i][j], 1e-15, "symmetric")
		}
	}
	// Normalisation is affine, so ratios of differences follow the raw
	// formula G(s1) - G(s2) at radii² 0, 1 and 4.
	raw := func(r2 float64) float64 {
		g := func(s float64) float64 { return math.Exp(-r2/(2*s*s)) / (2 * math.Pi * s * s) }
		return g(s1) - g(s2)
	}
	want := (raw(0) - raw(1)) / (raw(1) - raw(4))
	assert.InDelta(t, want, (on[c][c]-on[c][c+1])/(on[c][c+1]-on[c][c+2]), 1e-9)

	for _, bad := range []struct {
		size   int
		s1, s2 float64
	}{{6, 1, 2}, {0, 1, 2}, {5, 2, 1}, {5, 0, 1}} {
		_, err := encoding.DoG(bad.size, bad.s1, bad.s2, true)
		assert.Error(t, err, "%+v", bad)
	}
}

func TestGabor(t *testing.T) {
	const size, lambda, sigma, gamma = 9, 4.0, 2.0, 0.5
	k0, err := encoding.Gabor(size, 0, lambda, sigma, gamma, 0)
	require.NoError(t, err)
	k90, err := encoding.Gabor(size, 90, lambda, sigma, gamma, 0)
	require.NoError(t, err)
	total, pos := sums(k0)
	assert.InDelta(t, 0, total, 1e-12)
	assert.InDelta(t, 1, pos, 1e-12)
	c := size / 2
	// Along the centre row (y = 0) θ = 0 gives exp(-x²/2σ²) cos(2πx/λ).
	g := func(x float64) float64 { return math.Exp(-x*x/(2*sigma*sigma)) * math.Cos(2*math.Pi*x/lambda) }
	want := (g(1) - g(0)) / (g(2) - g(0))
	assert.InDelta(t, want, (k0[c][c+1]-k0[c][c])/(k0[c][c+2]-k0[c][c]), 1e-9)
	// Rotating by 90 degrees transposes the kernel.
	for i := range size {
		for j := range size {
			assert.InDelta(t, k0[i][j], k90[j][i], 1e-12)
		}
	}
	// θ = 0 prefers a vertical bar, θ = 90 a horizontal one.
	vert, horiz := make([][]float64, size), make([][]float64, size)
	for y := range size {
		vert[y], horiz[y] = make([]float64, size), make([]float64, size)
	}
	for i := range size {
		vert[i][c], horiz[c][i] = 1, 1
	}
	resp := func(k, img [][]float64) float64 {
		out, err := encoding.Filter2D(img, k)
		require.NoError(t, err)
		return out[c][c]
	}
	assert.Greater(t, resp(k0, vert), resp(k0, horiz)+0.3)
	assert.Greater(t, resp(k90, horiz), resp(k90, vert)+0.3)

	_, err = encoding.Gabor(size, 0, 0, sigma, gamma, 0)
	assert.Error(t, err)
}

func TestFilter2D(t *testing.T) {
	img := [][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	for _, tc := range []struct {
		name string
		k    [][]float64
		want [][]float64
	}{
		// Correlation, not convolution: a kernel with a 1 right of
		// centre reads the pixel to the right; outside is zero.
		{"shift", [][]float64{{0, 0, 0}, {0, 0, 1}, {0, 0, 0}}, [][]float64{{2, 3, 0}, {5, 6, 0}, {8, 9, 0}}},
		{"box", [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, [][]float64{{12, 21, 16}, {27, 45, 33}, {24, 39, 28}}},
		{"1x1", [][]float64{{2}}, [][]float64{{2, 4, 6}, {8, 10, 12}, {14, 16, 18}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := encoding.Filter2D(img, tc.k)
			require.NoError(t, err)
			assert.Equal(t, tc.want, out)
		})
	}
	_, err := encoding.Filter2D(img, [][]float64{{1, 1}, {1, 1}})
	assert.Error(t, err)
}

func TestFilterApply(t *testing.T) {
	// A single bright pixel in the middle of a dark 9x9 image.
	const n = 9
	data := make([]float64, n*n)
	data[4*n+4] = 1
	s := encoding.Sample{Name: "dot", Shape: []int{n, n}, Data: data, Label: 2}
	f := encoding.Filter{Kind: "dog", Size: 5, Sigma1: 1, Sigma2: 2}
	out, err := f.Apply(s)
	require.NoError(t, err)
	require.Equal(t, []int{n, n, 2}, out.Shape)
	assert.Equal(t, 2, out.Label)
	on := func(y, x int) float64 { return out.Data[(y*n+x)*2] }
	off := func(y, x int) float64 { return out.Data[(y*n+x)*2+1] }
	// The on channel peaks at the dot (normalised to 1); the off channel
	// is silent there and fires on the surround ring.
	assert.InDelta(t, 1, on(4, 4), 1e-12)
	assert.Equal(t, 0.0, off(4, 4))
	assert.Greater(t, off(4, 6), 0.0)
	assert.Equal(t, 0.0, on(4, 6))
	assert.Equal(t, 0.0, on(0, 0), "outside the kernel's reach")
	for _, v := range out.Data {
		assert.True(t, v >= 0 && v <= 1)
	}

	_, err = encoding.Filter{Kind: "dog_on", Size: 5, Sigma1: 1, Sigma2: 2}.Apply(encoding.Sample{Shape: []int{2, 2, 3}, Data: make([]float64, 12)})
	assert.ErrorContains(t, err, "2-D sample")
	_, err = encoding.Filter{Kind: "blur"}.Apply(s)
	assert.Error(t, err)
}
