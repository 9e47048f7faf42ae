package examples_test

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestSTDPEquations runs examples/stdp_equations, examples/song2000 with
// its rules written as synapse_model blocks, next to examples/song2000 on
// the same seed: the weights must be the built-in rule's (to 1e-12 of
// g_max = 0.015), and the learning must have moved them off their
// uniform start.
func TestSTDPEquations(t *testing.T) {
	for _, cmd := range [][]string{{"fmt", "-check", "stdp_equations"}, {"validate", "stdp_equations"}} {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), cmd, &stdout, &stderr, cli.Config{})
		require.Equal(t, cli.ExitOK, code, "netrun %v: %s%s", cmd, stdout.String(), stderr.String())
	}
	assert.FileExists(t, filepath.Join("stdp_equations", "README.md"))
	args := []string{"-duration", "20000", "-no-figures"}
	eq := run(t, cli.Config{}, "stdp_equations", args...)
	bi := run(t, cli.Config{}, "song2000", args...)
	for _, name := range []string{"exc_additive", "exc_multiplicative"} {
		_, _, we := weights(t, filepath.Join(eq, name+".weights.npy"))
		_, _, wb := weights(t, filepath.Join(bi, name+".weights.npy"))
		require.Equal(t, len(wb), len(we))
		m := mean(wb)
		sd := 0.0
		for s := range wb {
			require.InDelta(t, wb[s], we[s], 1e-12, "%s synapse %d", name, s)
			sd += (wb[s] - m) * (wb[s] - m) / float64(len(wb))
		}
		// Uniform in [0, g_max] has s.d. g_max/sqrt(12) = 0.00433.
		t.Logf("%s: mean %.4g s.d. %.4g", name, m, math.Sqrt(sd))
		if name == "exc_multiplicative" {
			assert.Less(t, math.Sqrt(sd), 0.004, "multiplicative STDP gathers the weights")
		}
	}
}
