package figures_test

import (
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/figures"
)

// decode reads a PNG and returns it.
func decode(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, format, err := image.Decode(f)
	require.NoError(t, err)
	require.Equal(t, "png", format)
	return img
}

// dark counts the pixels darker than mid-grey.
func dark(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0x8000 {
				n++
			}
		}
	}
	return n
}

func TestFiguresWritePNGs(t *testing.T) {
	times := []float64{0, 1, 2, 3, 4}
	th := -52.0
	tests := []struct {
		name string
		draw func(path string) error
	}{
		{"raster", func(p string) error {
			return figures.Raster(p, "raster", []float64{1, 2, 3}, []int{0, 4, 2}, 5, 10)
		}},
		{"empty raster", func(p string) error { return figures.Raster(p, "none", nil, nil, 3, 10) }},
		{"traces", func(p string) error {
			return figures.Traces(p, "v", times, [][]float64{{-62, -58, -54, -60, -62}, {-62, -61, -60, -59, -58}}, []string{"0", "1"}, &th)
		}},
		{"traces without threshold", func(p string) error {
			return figures.Traces(p, "w", times, [][]float64{{0, 1, 2, 3, 4}}, nil, nil)
		}},
		{"rate", func(p string) error { return figures.Rate(p, "rate", times, []float64{0, 10, 20, 10, 0}) }},
		{"fi curve", func(p string) error {
			return figures.FICurve(p, "f-I", []float64{0, 1, 2}, [][]float64{{0, 10, 30}, {0, 20, 40}}, []string{"lif", "elif"})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "fig.png")
			require.NoError(t, tc.draw(path))
			img := decode(t, path)
			// 6 x 4 inches at 96 dpi.
			assert.Equal(t, image.Rect(0, 0, 576, 384), img.Bounds())
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "no temporary file is left behind")
		})
	}
}

func TestRasterDrawsSpikes(t *testing.T) {
	dir := t.TempDir()
	empty, full := filepath.Join(dir, "empty.png"), filepath.Join(dir, "full.png")
	require.NoError(t, figures.Raster(empty, "", nil, nil, 10, 100))
	var times []float64
	var ns []int
	for k := range 200 {
		times = append(times, float64(k)/2)
		ns = append(ns, k%10)
	}
	require.NoError(t, figures.Raster(full, "", times, ns, 10, 100))
	// 200 dots of radius 1 pt add dark pixels to the same axes.
	assert.Greater(t, dark(decode(t, full)), dark(decode(t, empty))+200)
}

func TestFiguresRejectMismatchedData(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.png")
	tests := []struct {
		name string
		draw func() error
	}{
		{"raster", func() error { return figures.Raster(path, "", []float64{1, 2}, []int{0}, 2, 10) }},
		{"traces", func() error { return figures.Traces(path, "", []float64{1, 2}, [][]float64{{1}}, nil, nil) }},
		{"rate", func() error { return figures.Rate(path, "", []float64{1, 2}, []float64{1}) }},
		{"fi curve", func() error { return figures.FICurve(path, "", []float64{1, 2}, [][]float64{{1}}, nil) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Error(t, tc.draw())
			_, err := os.Stat(path)
			assert.True(t, os.IsNotExist(err), "no file is written")
		})
	}
}

func TestFigureIntoMissingDirectoryFails(t *testing.T) {
	err := figures.Rate(filepath.Join(t.TempDir(), "no", "such", "dir.png"), "", nil, nil)
	assert.Error(t, err)
}
