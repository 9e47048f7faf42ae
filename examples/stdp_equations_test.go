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

// TestOjaEquations runs examples/oja_equations, Oja's rule written as a
// synapse_model: every weight goes to the mean presynaptic trace, and
// the weights are those of the Go rule of examples/custom_rule.
func TestOjaEquations(t *testing.T) {
	for _, cmd := range [][]string{{"fmt", "-check", "oja_equations"}, {"validate", "oja_equations"}} {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), cmd, &stdout, &stderr, cli.Config{})
		require.Equal(t, cli.ExitOK, code, "netrun %v: %s%s", cmd, stdout.String(), stderr.String())
	}
	eq := run(t, cli.Config{}, "oja_equations")
	rows, cols, w := weights(t, filepath.Join(eq, "in_out.weights.npy"))
	require.Equal(t, []int{30, 1}, []int{rows, cols})
	const dt, tau = 0.1, 20.0
	for g, rate := range []float64{10, 20, 40} {
		want := rate * dt / 1000 / (1 - math.Exp(-dt/tau))
		assert.InDelta(t, want, mean(w[10*g:10*g+10]), 0.05, "inputs at %g Hz", rate)
	}
	assert.FileExists(t, filepath.Join(eq, "weights.w.png"))
	goRule := run(t, cli.Config{Rules: rules(t)}, filepath.Join("custom_rule", "net.hcl"), "-no-figures")
	_, _, wg := weights(t, filepath.Join(goRule, "in_out.weights.npy"))
	for s := range w {
		require.InDelta(t, wg[s], w[s], 1e-12, "synapse %d", s)
	}
}
