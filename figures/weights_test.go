package figures_test

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/figures"
)

func TestLearningFiguresWritePNGs(t *testing.T) {
	times := []float64{0, 1, 2, 3, 4}
	tests := []struct {
		name string
		draw func(path string) error
	}{
		{"matrix", func(p string) error {
			return figures.WeightMatrix(p, "w", 2, 3, []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5})
		}},
		{"uniform matrix", func(p string) error { return figures.WeightMatrix(p, "w", 2, 2, []float64{1, 1, 1, 1}) }},
		{"empty matrix", func(p string) error { return figures.WeightMatrix(p, "w", 0, 3, nil) }},
		{"histogram", func(p string) error {
			return figures.Histogram(p, "h", "weight", []float64{0, 0, 0.1, 0.9, 1}, 0, 1, 10)
		}},
		{"histogram of its data range", func(p string) error {
			return figures.Histogram(p, "h", "weight", []float64{2, 3, 3}, 0, math.Inf(1), 5)
		}},
		{"histogram of equal values", func(p string) error {
			return figures.Histogram(p, "h", "weight", []float64{2, 2}, math.NaN(), math.NaN(), 5)
		}},
		{"lines", func(p string) error {
			return figures.Lines(p, "w", "weight", times, [][]float64{{0, 0.1, 0.2, 0.3, 0.4}}, []string{"synapse 0"})
		}},
		{"signals", func(p string) error {
			return figures.Signals(p, "da", times, []float64{0, 1, 0.5, 0.25, 0.1}, []float64{0, 1, 0, 0, -1})
		}},
		{"dopamine only", func(p string) error { return figures.Signals(p, "da", times, []float64{0, 1, 0.5, 0.25, 0.1}, nil) }},
		{"no reward", func(p string) error { return figures.Signals(p, "r", times, nil, make([]float64, 5)) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "fig.png")
			require.NoError(t, tc.draw(path))
			assert.Equal(t, image.Rect(0, 0, 576, 384), decode(t, path).Bounds())
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "no temporary file is left behind")
		})
	}
}

// TestWeightMatrixColours checks that the heat map colours cells by
// weight: a matrix of zeros with one 1 is mostly black, one of ones with
// one 0 mostly white, on the same axes.
func TestWeightMatrixColours(t *testing.T) {
	dir := t.TempDir()
	low, one := filepath.Join(dir, "low.png"), filepath.Join(dir, "one.png")
	// Both span [0, 1]; in "low" every cell but one (the maximum) is 0,
	// in "one" every cell but one (the minimum) is 1.
	w := make([]float64, 16)
	w[0] = 1
	require.NoError(t, figures.WeightMatrix(low, "", 4, 4, w))
	for i := range w {
		w[i] = 1
	}
	w[0] = 0
	require.NoError(t, figures.WeightMatrix(one, "", 4, 4, w))
	// The black-body map runs from black (0) to white (1): the mostly
	// zero matrix has many more dark pixels.
	assert.Greater(t, dark(decode(t, low)), dark(decode(t, one))+10000)
}

func TestBins(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		lo, hi float64
		n      int
		want   []int
	}{
		{"edges", []float64{0, 0.25, 0.5, 0.75, 1}, 0, 1, 4, []int{1, 1, 1, 2}},
		{"outside and NaN", []float64{-1, 2, math.NaN(), 0.1}, 0, 1, 2, []int{1, 0}},
		{"bimodal", []float64{0, 0.01, 0.02, 0.5, 0.98, 0.99, 1}, 0, 1, 10, []int{3, 0, 0, 0, 0, 1, 0, 0, 0, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			counts, width := figures.Bins(tc.values, tc.lo, tc.hi, tc.n)
			assert.Equal(t, tc.want, counts)
			assert.InDelta(t, (tc.hi-tc.lo)/float64(tc.n), width, 1e-15)
		})
	}
}

func TestLearningFiguresRejectBadData(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.png")
	tests := []struct {
		name string
		draw func() error
	}{
		{"matrix size", func() error { return figures.WeightMatrix(path, "", 2, 3, []float64{1, 2}) }},
		{"no bins", func() error { return figures.Histogram(path, "", "", []float64{1}, 0, 1, 0) }},
		{"lines", func() error { return figures.Lines(path, "", "", []float64{1, 2}, [][]float64{{1}}, nil) }},
		{"signals", func() error { return figures.Signals(path, "", []float64{1, 2}, []float64{1}, nil) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Error(t, tc.draw())
			_, err := os.Stat(path)
			assert.True(t, os.IsNotExist(err), "no file is written")
		})
	}
}

func TestIndexTicks(t *testing.T) {
	labels := func(lo, hi float64) []string {
		var out []string
		for _, tk := range figures.IndexTicks(lo, hi) {
			out = append(out, tk.Label)
		}
		return out
	}
	assert.Equal(t, []string{"0", "1"}, labels(-0.5, 1.5))
	assert.Equal(t, []string{"0", "2", "4", "6", "8", "10", "12", "14", "16"}, labels(-0.5, 16.5))
	assert.Equal(t, []string{"0", "200", "400", "600", "800"}, labels(-0.5, 999.5))
	assert.Equal(t, []string{"0"}, labels(-0.5, 0.5))
}

func TestEnvelope(t *testing.T) {
	// Short lines are kept whole.
	pts := figures.Envelope([]float64{0, 1, 2}, []float64{5, 6, 7}, 2)
	assert.Len(t, pts, 3)

	// 12 points in 3 buckets of 4: each bucket keeps its lowest and
	// highest point, in time order.
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	ys := []float64{3, 9, 1, 4, 2, 2, 2, 2, 7, 0, 5, 5}
	pts = figures.Envelope(xs, ys, 3)
	var got [][2]float64
	for _, p := range pts {
		got = append(got, [2]float64{p.X, p.Y})
	}
	assert.Equal(t, [][2]float64{{1, 9}, {2, 1}, {4, 2}, {8, 7}, {9, 0}}, got)
}
