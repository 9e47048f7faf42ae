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
	"github.com/synapticflow/synapticflow-go/component"
)

func netrun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	reg := component.Default()
	require.NoError(t, register(reg))
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), args, &stdout, &stderr, cli.Config{Registry: reg})
	return code, stdout.String(), stderr.String()
}

// TestNetwork runs net.hcl and checks the recorded alpha current against
// the closed form w*(t/tau)*exp(1 - t/tau) after the first spike
// (generated at 10 ms, arriving one step later), up to the second.
func TestNetwork(t *testing.T) {
	for _, cmd := range [][]string{{"fmt", "-check", "."}, {"validate", "net.hcl"}} {
		code, _, stderr := netrun(t, cmd...)
		require.Equal(t, cli.ExitOK, code, "%v: %s", cmd, stderr)
		assert.NotContains(t, stderr, "warning")
	}
	out := t.TempDir()
	code, _, stderr := netrun(t, "run", "net.hcl", "-quiet", "-out", out)
	require.Equal(t, cli.ExitOK, code, stderr)
	f, err := os.Open(filepath.Join(out, "alpha_current.i.csv"))
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	const w, tau, arrival = 2.0, 2.0, 10.1
	n := 0
	for _, r := range recs[1:] {
		tm, err := strconv.ParseFloat(r[0], 64)
		require.NoError(t, err)
		i, err := strconv.ParseFloat(r[1], 64)
		require.NoError(t, err)
		if tm >= 30 {
			break
		}
		want := 0.0
		if s := tm - arrival; s > 1e-9 {
			want = w * s / tau * math.Exp(1-s/tau)
		}
		assert.InDelta(t, want, i, 1e-9, "t = %g ms", tm)
		n++
	}
	assert.Equal(t, 300, n, "one row per step up to 30 ms")
}

func TestModelsAndGraph(t *testing.T) {
	code, stdout, stderr := netrun(t, "models", "my_alpha")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Regexp(t, `\n  tau +number +ms +2 +> 0 +time to peak`, stdout)
	code, stdout, stderr = netrun(t, "graph", "net.hcl")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, `dense, my_alpha, tau 2 ms`)
}
