package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

const side = 32

// The scene's geometry (see the README): pixel (x, y) lies on ...
func onVertical(x, y int) bool   { return (x == 7 || x == 8) && y >= 4 && y <= 27 }
func onHorizontal(x, y int) bool { return (y == 23 || y == 24) && x >= 14 && x <= 29 }

// regionMean returns the mean of img over the pixels where in is true.
func regionMean(img [][]float64, in func(x, y int) bool) float64 {
	var sum float64
	n := 0
	for y := range img {
		for x := range img[y] {
			if in(x, y) {
				sum += img[y][x]
				n++
			}
		}
	}
	return sum / float64(n)
}

// bars excludes the ends of the bars, where the orientation is ambiguous.
func vertMid(x, y int) bool  { return onVertical(x, y) && y >= 8 && y <= 23 }
func horizMid(x, y int) bool { return onHorizontal(x, y) && x >= 18 && x <= 25 }

func TestFilterFigures(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, run("scene.png", out))
	assert.FileExists(t, filepath.Join(out, "kernels.png"))
	assert.FileExists(t, filepath.Join(out, "filtered.png"))

	images, labels, err := responses("scene.png")
	require.NoError(t, err)
	byLabel := make(map[string][][]float64)
	for i, l := range labels {
		byLabel[l] = images[i]
	}
	g0, g90 := byLabel["Gabor 0°"], byLabel["Gabor 90°"]
	// Each Gabor responds to the bar of its orientation, hardly to the other.
	assert.Greater(t, regionMean(g0, vertMid), 5*regionMean(g0, horizMid))
	assert.Greater(t, regionMean(g90, horizMid), 5*regionMean(g90, vertMid))
	// The responses are rectified and normalised: in [0, 1], peak 1.
	for _, img := range images[1:] {
		peak := 0.0
		for _, row := range img {
			for _, v := range row {
				require.True(t, v >= 0 && v <= 1)
				peak = math.Max(peak, v)
			}
		}
		assert.Equal(t, 1.0, peak)
	}
	// On-centre DoG fires on the white bars, off-centre on their dark
	// flanks (x = 5, left of the vertical bar) and not on the bars.
	on, off := byLabel["DoG on-centre"], byLabel["DoG off-centre"]
	flank := func(x, y int) bool { return x == 5 && y >= 8 && y <= 23 }
	assert.Greater(t, regionMean(on, vertMid), 0.5)
	assert.Zero(t, regionMean(on, flank))
	assert.Zero(t, regionMean(off, vertMid))
	assert.Greater(t, regionMean(off, flank), 0.3)
}

// trains reads MON.spikes.csv: the spike times (ms) of each of n neurons.
func trains(t *testing.T, out, mon string, n int) [][]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(out, mon+".spikes.csv"))
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	tr := make([][]float64, n)
	for _, r := range recs[1:] {
		tm, err := strconv.ParseFloat(r[0], 64)
		require.NoError(t, err)
		i, err := strconv.Atoi(r[1])
		require.NoError(t, err)
		tr[i] = append(tr[i], tm)
	}
	return tr
}

func TestFiltersNetwork(t *testing.T) {
	for _, cmd := range [][]string{{"fmt", "-check", "."}, {"validate", "."}} {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), cmd, &stdout, &stderr, cli.Config{})
		require.Equal(t, cli.ExitOK, code, "netrun %v: %s%s", cmd, stdout.String(), stderr.String())
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"run", ".", "-quiet", "-out", out}, &stdout, &stderr, cli.Config{})
	require.Equal(t, cli.ExitOK, code, stderr.String())

	// TTFS: one spike at most per neuron, and the first spikes (the
	// strongest responses, t < 3 ms) of the 90° Gabor lie on the
	// horizontal bar.
	for _, mon := range []string{"dog_on", "dog_off", "gabor90"} {
		for i, tr := range trains(t, out, mon, side*side) {
			assert.LessOrEqual(t, len(tr), 1, "%s neuron %d", mon, i)
		}
	}
	early := 0
	for i, tr := range trains(t, out, "gabor90", side*side) {
		if len(tr) == 1 && tr[0] < 3 {
			early++
			x, y := i%side, i/side
			assert.True(t, y >= 22 && y <= 25 && x >= 12, "early spike of pixel (%d, %d) lies on the horizontal bar", x, y)
		}
	}
	assert.Positive(t, early)
	// The two-channel DoG population: neuron (y, x, c) is 2*(y*32+x)+c;
	// the white bar's centre fires in the on channel only.
	dog := trains(t, out, "dog", 2*side*side)
	for y := 8; y <= 23; y++ {
		i := y*side + 7
		assert.NotEmpty(t, dog[2*i], "on channel at (7, %d)", y)
		assert.Empty(t, dog[2*i+1], "off channel at (7, %d)", y)
	}
	// Poisson on the 0° Gabor: the vertical bar fires far more than the
	// horizontal one.
	var vert, horiz float64
	for i, tr := range trains(t, out, "gabor0", side*side) {
		x, y := i%side, i/side
		if vertMid(x, y) {
			vert += float64(len(tr))
		}
		if horizMid(x, y) {
			horiz += float64(len(tr))
		}
	}
	assert.Greater(t, vert/32, 5*horiz/16, "spikes per pixel")
}
