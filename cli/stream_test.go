package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestFaultWithFiguresFinishes is the reproduction of issue 9: a potential
// that diverges through -1.7e308 to -Inf stops the run with a fault, and
// its figure, whose axis range gonum/plot could not label, is drawn
// without hanging.
func TestFaultWithFiguresFinishes(t *testing.T) {
	out := t.TempDir()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-out", out, testdata("fault_figures.hcl"))
		done <- result{code, stdout, stderr}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("netrun run did not finish in 60 s")
	}
	assert.Less(t, time.Since(start), 30*time.Second, "finishes in seconds")
	assert.Equal(t, cli.ExitFault, r.code, r.stderr)
	assert.Contains(t, r.stderr, "became -Inf")
	s := readSummary(t, out)
	assert.Contains(t, s.Fault, "-Inf")
	assert.FileExists(t, filepath.Join(out, "c.v.csv"))
	assert.FileExists(t, filepath.Join(out, "c.v.png"), "the figure is drawn, with the extreme values clipped")
}

// TestStreamedMonitorsWriteSameFiles runs a network with every kind of
// monitor (spikes and rates, population states with indices and a period,
// synapse weights and kernel currents, dopamine and reward) with the
// records in memory and streamed to spool files (stream = true): every
// data file, CSV and .npy, and every figure must be the same, byte for
// byte, and no spool file may be left.
func TestStreamedMonitorsWriteSameFiles(t *testing.T) {
	dirs := map[string]string{"false": t.TempDir(), "true": t.TempDir()}
	for stream, dir := range dirs {
		code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-format", "both",
			"-var", "stream="+stream, "-out", dir, testdata("stream.hcl"))
		require.Equal(t, cli.ExitOK, code, stderr)
	}
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	mem, str := names(dirs["false"]), names(dirs["true"])
	require.Equal(t, mem, str, "the same files")
	for _, name := range str {
		assert.False(t, strings.HasPrefix(name, "."), "no spool or temporary file is left: %s", name)
	}
	for _, want := range []string{"src.spikes.csv", "src.rate.npy", "cell.v.csv", "cell.refrac_count.npy", "cell.times.npy",
		"w.w.csv", "i.i.npy", "da.dopamine.csv", "da.reward.npy", "src.raster.png", "cell.v.png", "w.w.png"} {
		assert.Contains(t, str, want)
	}
	compared := 0
	for _, name := range str {
		if name == "summary.json" {
			continue
		}
		a, err := os.ReadFile(filepath.Join(dirs["false"], name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(dirs["true"], name))
		require.NoError(t, err)
		assert.True(t, string(a) == string(b), "%s differs between memory and stream", name)
		compared++
	}
	assert.Greater(t, compared, 25)
	// The run is not empty: spikes were recorded.
	_, rows := readCSV(t, filepath.Join(dirs["true"], "src.spikes.csv"))
	assert.Greater(t, len(rows), 100)
}
