package figures_test

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/figures"
)

// centroids decodes a PNG and returns the mean position of the pixels
// that match each of the predicates.
func centroids(t *testing.T, path string, preds ...func(r, g, b uint32) bool) [][2]float64 {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	out := make([][2]float64, len(preds))
	counts := make([]int, len(preds))
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			for i, p := range preds {
				if p(r>>8, g>>8, bl>>8) {
					out[i][0] += float64(x)
					out[i][1] += float64(y)
					counts[i]++
				}
			}
		}
	}
	for i, n := range counts {
		require.Greater(t, n, 100, "pixels of colour %d", i)
		out[i][0] /= float64(n)
		out[i][1] /= float64(n)
	}
	return out
}

func black(r, g, b uint32) bool { return r < 10 && g < 10 && b < 10 }

// white inside the image: pure white is also the background, so the
// tests compare a dark region with a coloured one instead.
func blue(r, g, b uint32) bool { return b > 150 && r < 100 }
func red(r, g, b uint32) bool  { return r > 150 && b < 100 }

func TestHeatmapOrientation(t *testing.T) {
	dir := t.TempDir()
	// Left column black (0), right column grey: the black pixels lie left.
	path := filepath.Join(dir, "h.png")
	require.NoError(t, figures.Heatmap(path, "left dark", [][]float64{{0, 1}, {0, 1}}, false))
	c := centroids(t, path, black)
	cfg := decodeConfig(t, path)
	assert.Less(t, c[0][0], float64(cfg.Width)/2, "black on the left")

	// Row 0 is drawn at the top.
	path = filepath.Join(dir, "v.png")
	require.NoError(t, figures.Heatmap(path, "top dark", [][]float64{{0, 0}, {1, 1}}, false))
	c = centroids(t, path, black)
	assert.Less(t, c[0][1], float64(cfg.Height)/2+10, "black at the top")

	// Signed: negative blue, positive red.
	path = filepath.Join(dir, "s.png")
	require.NoError(t, figures.Heatmap(path, "signed", [][]float64{{-1, 1}, {-1, 1}}, true))
	c = centroids(t, path, blue, red)
	assert.Less(t, c[0][0], c[1][0], "blue left of red")
}

func decodeConfig(t *testing.T, path string) image.Config {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	require.NoError(t, err)
	return cfg
}

func TestHeatmapsGrid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "g.png")
	tiles := [][][]float64{{{0, 1}}, {{1, 0}}, {{0.5}}, {{2, 3}, {4, 5}}, {{1}}}
	require.NoError(t, figures.Heatmaps(path, "grid", tiles, []string{"a", "b", "c", "d", "e"}, false))
	cfg := decodeConfig(t, path)
	// 5 tiles: 3 columns, 2 rows of TileSize (2 in = 192 px) plus the title.
	assert.Equal(t, 3*192, cfg.Width)
	assert.Greater(t, cfg.Height, 2*192)

	assert.Error(t, figures.Heatmaps(path, "x", nil, nil, false))
	assert.Error(t, figures.Heatmaps(path, "x", [][][]float64{{{1, 2}, {3}}}, nil, false))
}

func TestHeatmapsRange(t *testing.T) {
	dir := t.TempDir()
	// On a common [0, 1] scale a tile of constant 0.05 is near black;
	// on its own scale (Heatmaps) a constant tile is mid-gray.
	path := filepath.Join(dir, "r.png")
	require.NoError(t, figures.HeatmapsRange(path, "range", [][][]float64{{{0.05, 0.05}}, {{2, 2}}}, nil, 0, 1))
	c := centroids(t, path, func(r, g, b uint32) bool { return r == g && g == b && r <= 13 })
	cfg := decodeConfig(t, path)
	assert.Less(t, c[0][0], float64(cfg.Width)/2, "the dark tile is the first (left)")
	assert.Error(t, figures.HeatmapsRange(path, "x", [][][]float64{{{1}}}, nil, 1, 1))
}
