// Package examples_test runs every example network through netrun (cli.Main)
// and checks that it does what its README says.
package examples_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/examples/custom_model/raf"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// run runs "netrun run path -quiet -out DIR args..." and returns DIR.
func run(t *testing.T, cfg cli.Config, path string, args ...string) string {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args = append([]string{"run", path, "-quiet", "-out", out}, args...)
	code := cli.Main(context.Background(), args, &stdout, &stderr, cfg)
	require.Equal(t, cli.ExitOK, code, "netrun %v: %s", args, stderr.String())
	return out
}

type population struct {
	N      int     `json:"n"`
	Spikes int64   `json:"spikes"`
	RateHz float64 `json:"rate_hz"`
}

func populations(t *testing.T, out string) map[string]population {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s struct {
		Populations map[string]population `json:"populations"`
	}
	require.NoError(t, json.Unmarshal(b, &s))
	return s.Populations
}

// trains reads a spike CSV into the spike times of each of n neurons.
func trains(t *testing.T, path string, n int) [][]float64 {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"time_ms", "neuron"}, recs[0])
	out := make([][]float64, n)
	for _, r := range recs[1:] {
		tm, err := strconv.ParseFloat(r[0], 64)
		require.NoError(t, err)
		i, err := strconv.Atoi(r[1])
		require.NoError(t, err)
		out[i] = append(out[i], tm)
	}
	return out
}

// isis returns the intervals between successive spikes.
func isis(train []float64) []float64 {
	var out []float64
	for j := 1; j < len(train); j++ {
		out = append(out, train[j]-train[j-1])
	}
	return out
}

func TestExamplesAreFormattedAndValid(t *testing.T) {
	cfg := cli.Config{Models: models(t)}
	for _, dir := range []string{"elif", "fi_curve", "ei_network", "decision", "cuba", "custom_model"} {
		t.Run(dir, func(t *testing.T) {
			assert.FileExists(t, filepath.Join(dir, "README.md"))
			for _, cmd := range [][]string{{"fmt", "-check", dir}, {"validate", dir}} {
				var stdout, stderr bytes.Buffer
				code := cli.Main(context.Background(), cmd, &stdout, &stderr, cfg)
				assert.Equal(t, cli.ExitOK, code, "netrun %v: %s%s", cmd, stdout.String(), stderr.String())
			}
		})
	}
}

// TestELIF checks the seed's ELIF example against its equation stepped by
// hand: after a spike a neuron is held at reset_pot for refrac_length =
// 5 ms (50 steps), then
//
//	v += dt/tau_m * (rest_pot - v + delta_t*exp((v - theta_rh)/delta_t) + R*I)
//
// with R*I = 200 mV takes it from -62 mV to -60.0, -58.0, -56.0, -53.5 and
// past the threshold in the 5th step: every interspike interval is
// 55 steps, 5.5 ms (182 Hz).
func TestELIF(t *testing.T) {
	out := run(t, cli.Config{}, filepath.Join("elif", "elif.hcl"))
	const dt, refracSteps = 0.1, 50
	v, steps := -62.0, 0
	for v < -52 {
		v += dt / 10 * (-62 - v + math.Exp(v+60) + 20*10)
		steps++
	}
	require.Equal(t, 5, steps)
	isi := dt * float64(refracSteps+steps)

	pops := populations(t, out)
	require.Equal(t, 10, pops["elif"].N)
	for i, train := range trains(t, filepath.Join(out, "elif.spikes.csv"), 10) {
		require.Greater(t, len(train), 10, "neuron %d fires", i)
		for _, d := range isis(train) {
			assert.InDelta(t, isi, d, 1e-9, "neuron %d", i)
		}
	}
	// Starting at or above -62 mV, each neuron first spikes within 5
	// steps; 100 ms then hold 18 more intervals of 55 steps.
	assert.Equal(t, int64(10*19), pops["elif"].Spikes)
	for _, f := range []string{"elif.raster.png", "elif.v.png", "elif.rate.png", "elif.v.csv"} {
		assert.FileExists(t, filepath.Join(out, f))
	}
}

// TestFICurve checks the f-I curves: no spikes below the rheobase, rates
// that grow with the current, and for the LIF neuron (integrated exactly)
// the closed form: from reset_pot, v reaches threshold after
//
//	t = tau_m * ln(R*I / (R*I - (threshold - rest_pot)))
//
// so each interval between spikes lies in [t_ref + t, t_ref + t + dt].
func TestFICurve(t *testing.T) {
	out := run(t, cli.Config{}, filepath.Join("fi_curve", "fi_curve.hcl"), "-no-figures")
	const n, dt, tRef, tauM, r, gap = 41, 0.1, 5.0, 10.0, 20.0, 10.0
	current := func(i int) float64 { return 2 * float64(i) / (n - 1) }

	lif := trains(t, filepath.Join(out, "lif.spikes.csv"), n)
	elif := trains(t, filepath.Join(out, "elif.spikes.csv"), n)
	for i := range n {
		ri := r * current(i)
		if ri <= gap {
			assert.Empty(t, lif[i], "LIF below rheobase (R*I = %g mV)", ri)
			continue
		}
		require.Greater(t, len(lif[i]), 2, "LIF above rheobase (R*I = %g mV)", ri)
		tc := tauM * math.Log(ri/(ri-gap))
		for _, d := range isis(lif[i]) {
			assert.GreaterOrEqual(t, d, tRef+tc-1e-9, "R*I = %g mV", ri)
			assert.LessOrEqual(t, d, tRef+tc+dt+1e-9, "R*I = %g mV", ri)
		}
	}
	// Rates grow with the current (spike counts never fall).
	for i := 1; i < n; i++ {
		assert.GreaterOrEqual(t, len(lif[i]), len(lif[i-1]), "LIF at I = %g", current(i))
		assert.GreaterOrEqual(t, len(elif[i]), len(elif[i-1]), "ELIF at I = %g", current(i))
	}
	assert.Greater(t, len(lif[n-1]), len(lif[n/2]))
	// ELIF's rheobase is lower: R*I_rh = theta_rh - rest_pot - delta_t =
	// 1 mV, so it fires at I = 0.1 (2 mV) where LIF (10 mV) is silent.
	assert.Empty(t, elif[0])
	assert.NotEmpty(t, elif[2])
	assert.Empty(t, lif[2])
	// At the same current, ELIF fires faster than LIF.
	assert.Greater(t, len(elif[n-1]), len(lif[n-1]))
}

func TestEINetwork(t *testing.T) {
	out := run(t, cli.Config{}, "ei_network", "-duration", "300")
	pops := populations(t, out)
	assert.Equal(t, 800, pops["exc"].N)
	assert.Equal(t, 200, pops["inh"].N)
	// 1000 Poisson neurons at 10 Hz for 0.3 s: 3000 spikes, s.d. 55.
	assert.InDelta(t, 10, pops["noise"].RateHz, 1)
	// Asynchronous irregular activity: excitatory neurons fire at a few
	// Hz, the faster inhibitory ones more.
	assert.Greater(t, pops["exc"].RateHz, 1.0)
	assert.Less(t, pops["exc"].RateHz, 20.0)
	assert.Greater(t, pops["inh"].RateHz, pops["exc"].RateHz)
	assert.Less(t, pops["inh"].RateHz, 50.0)
}

func TestDecision(t *testing.T) {
	tests := []struct {
		name          string
		args          []string
		winner, loser string
	}{
		{"a stronger", nil, `exc["a"]`, `exc["b"]`},
		{"b stronger", []string{"-var", "rate_a=18", "-var", "rate_b=24"}, `exc["b"]`, `exc["a"]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := run(t, cli.Config{}, "decision", append([]string{"-duration", "300", "-no-figures"}, tc.args...)...)
			pops := populations(t, out)
			// The input rates differ by a third; the competition through
			// the inhibitory population makes the winner fire at least
			// twice as fast as the loser.
			assert.Greater(t, pops[tc.winner].RateHz, 2*pops[tc.loser].RateHz)
			assert.Greater(t, pops["inh"].RateHz, 0.0)
		})
	}
}

func TestCUBA(t *testing.T) {
	out := run(t, cli.Config{}, "cuba", "-duration", "200")
	pops := populations(t, out)
	assert.Equal(t, 3200, pops["exc"].N)
	assert.Equal(t, 800, pops["inh"].N)
	// The CUBA network settles into asynchronous firing at a few Hz.
	for _, name := range []string{"exc", "inh"} {
		assert.Greater(t, pops[name].RateHz, 2.0, name)
		assert.Less(t, pops[name].RateHz, 15.0, name)
	}
	assert.FileExists(t, filepath.Join(out, "exc.raster.png"))
}

// models returns the built-in models and the resonate-and-fire model.
func models(t *testing.T) *neurons.Registry {
	reg := neurons.Builtin()
	require.NoError(t, reg.Register(func() neurons.Model { return raf.New() }))
	return reg
}

func TestCustomModel(t *testing.T) {
	cfg := cli.Config{Models: models(t)}
	out := run(t, cfg, filepath.Join("custom_model", "net.hcl"))
	pops := populations(t, out)
	// Pulses one period apart add up and make the neuron fire; pulses
	// half a period apart cancel.
	assert.Positive(t, pops["resonant"].Spikes)
	assert.Zero(t, pops["fast"].Spikes)
	assert.FileExists(t, filepath.Join(out, "resonant.v.png"))

	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"models", "raf"}, &stdout, &stderr, cfg)
	require.Equal(t, cli.ExitOK, code, stderr.String())
	assert.Regexp(t, `\n  frequency +number +Hz +50 `, stdout.String())
}
