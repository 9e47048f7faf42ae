package cli_test

import (
	"context"
	"encoding/json"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestFiguresOfPopulations runs a network of two populations and checks
// the figures netrun draws for them: a raster per spike monitor (of its
// recorded neurons), the combined raster of both, ISI and rate
// histograms, a figure of every recorded variable (w of an AdEx as well
// as v), the membrane potential beside the injected current; that
// summary.json times the outputs and the figures; and that
// record_initial adds a first row of the initial values.
func TestFiguresOfPopulations(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-out", out, testdata("figures_all.hcl"))
	require.Equal(t, 0, code, stderr)
	for _, name := range []string{
		"raster.png", "rate.png",
		"a.raster.png", "a.isi.png", "a.rates.png", "a.rate.png",
		"b.raster.png", "b.isi.png", "b.rates.png", "b.rate.png",
		"a_state.v.png", "a_state.w.png",
	} {
		f, err := os.Open(filepath.Join(out, name))
		require.NoError(t, err, name)
		img, _, err := image.Decode(f)
		f.Close()
		require.NoError(t, err, name)
		assert.Equal(t, image.Rect(0, 0, 576, 384), img.Bounds(), name)
	}

	var sum struct {
		Sim     float64 `json:"sim_seconds"`
		Outputs float64 `json:"outputs_seconds"`
		Figures float64 `json:"figures_seconds"`
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))
	assert.Greater(t, sum.Figures, 0.0)
	assert.GreaterOrEqual(t, sum.Outputs, sum.Figures, "the figures are part of the outputs")

	// record_initial: 3000 steps and the initial row; the initial row is
	// v_init and w = 0, both stamped 0 ms.
	header, rows := readCSV(t, filepath.Join(out, "a_state.v.csv"))
	assert.Equal(t, []string{"time_ms", "0", "1"}, header)
	require.Len(t, rows, 3001)
	assert.Equal(t, []float64{0, -65, -65}, rows[0])
	assert.Equal(t, 0.0, rows[1][0])
	assert.NotEqual(t, -65.0, rows[1][1], "the second row is after step 0")
	_, wrows := readCSV(t, filepath.Join(out, "a_state.w.csv"))
	require.Len(t, wrows, 3001)
	assert.Equal(t, []float64{0, 0, 0}, wrows[0])

	// The same network without figures writes none.
	out2 := filepath.Join(t.TempDir(), "out")
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-no-figures", "-out", out2, testdata("figures_all.hcl"))
	require.Equal(t, 0, code, stderr)
	pngs, err := filepath.Glob(filepath.Join(out2, "*.png"))
	require.NoError(t, err)
	assert.Empty(t, pngs)
}
