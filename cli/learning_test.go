package cli_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/npy"
)

// writeNet writes files (name → content) into a new directory and returns
// the path of the first one, net.hcl.
func writeNet(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	return filepath.Join(dir, "net.hcl")
}

// pairNet is one presynaptic neuron spiking at 10 ms onto two
// postsynaptic neurons spiking at 15 and 5 ms, through a dense STDP edge
// with weights 0.5 and a delay of 1 ms, simulated at dt = 1 ms. The pre
// spike arrives at 11 ms; the traces decay with tau_pre = tau_post = 20
// ms. By hand (learning.STDP's doc):
//
//	synapse 0 (post spike at 15, 4 ms after the arrival): w = 0.5 + 0.02*exp(-4/20)
//	synapse 1 (post spike at 5, 6 ms before the arrival):  w = 0.5 - 0.01*exp(-6/20)
//
// It also rewards 1 at 5 ms (dopamine decays with tau_d = 10 ms) and
// monitors the weights and the signals.
const pairNet = `simulation {
  dt       = 1
  duration = 30
  tau_d    = 10
}

population "pre" {
  model       = "spike_generator"
  n           = 1
  spike_times = [[10]]
}

population "post" {
  model       = "spike_generator"
  n           = 2
  spike_times = [[15], [5]]
}

synapse "pp" {
  from    = population.pre
  to      = population.post
  connect = "dense"
  weight  = 0.5
  delay   = 1
  w_max   = 1
  learning "stdp" {
    lr = [0.01, 0.02]
  }
}

reward "r" {
  schedule = [{ time = 5, amount = 1 }]
}

monitor "w" {
  target  = synapse.pp
  indices = [1, 0]
}

monitor "da" {
  variables = ["dopamine", "reward"]
}
`

var (
	pairLTP = 0.5 + 0.02*math.Exp(-4.0/20)
	pairLTD = 0.5 - 0.01*math.Exp(-6.0/20)
)

// synSummary is the part of summary.json about synapses.
type synSummary struct {
	Synapses int   `json:"synapses"`
	Events   int64 `json:"events"`
	Weights  *struct {
		Mean float64 `json:"mean"`
		Min  float64 `json:"min"`
		Max  float64 `json:"max"`
	} `json:"weights"`
}

func readSynapses(t *testing.T, dir string) (map[string]synSummary, bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	var s struct {
		Eval     bool                  `json:"eval"`
		Synapses map[string]synSummary `json:"synapses"`
	}
	require.NoError(t, json.Unmarshal(b, &s))
	return s.Synapses, s.Eval
}

// readWeights reads SYN.weights.npy with the npy package.
func readWeights(t *testing.T, path string) ([]int, []float64) {
	t.Helper()
	shape, data, err := npy.ReadFile(path)
	require.NoError(t, err)
	return shape, data
}

func TestRunPairSTDPOutputs(t *testing.T) {
	net := writeNet(t, map[string]string{"net.hcl": pairNet})
	out := t.TempDir()
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-format", "both", "-save-weights")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "Weights saved to pp.weights.npy, pp.weights.npz.")

	// -save-weights saves the plastic edge: 1 x 2, source x target.
	shape, w := readWeights(t, filepath.Join(out, "pp.weights.npy"))
	assert.Equal(t, []int{1, 2}, shape)
	assert.InDeltaSlice(t, []float64{pairLTP, pairLTD}, w, 1e-12)

	syns, eval := readSynapses(t, out)
	assert.False(t, eval)
	require.NotNil(t, syns["pp"].Weights)
	assert.Equal(t, 2, syns["pp"].Synapses)
	assert.InDelta(t, (pairLTP+pairLTD)/2, syns["pp"].Weights.Mean, 1e-12)
	assert.InDelta(t, pairLTD, syns["pp"].Weights.Min, 1e-12)
	assert.InDelta(t, pairLTP, syns["pp"].Weights.Max, 1e-12)

	// The synapse monitor records synapses 1 and 0 after every step: 0.5
	// until the pre spike arrives (step 11) and depresses synapse 1, then
	// synapse 0 is potentiated at the post spike of step 15.
	header, rows := readCSV(t, filepath.Join(out, "w.w.csv"))
	assert.Equal(t, []string{"time_ms", "1", "0"}, header)
	require.Len(t, rows, 30)
	for k, row := range rows {
		w1, w0 := 0.5, 0.5
		if k >= 11 {
			w1 = pairLTD
		}
		if k >= 15 {
			w0 = pairLTP
		}
		assert.InDelta(t, float64(k), row[0], 1e-12)
		assert.InDelta(t, w1, row[1], 1e-12, "synapse 1 after step %d", k)
		assert.InDelta(t, w0, row[2], 1e-12, "synapse 0 after step %d", k)
	}
	shape, data := readNPY(t, filepath.Join(out, "w.w.npy"))
	assert.Equal(t, []int{30, 2}, shape)
	assert.InDelta(t, pairLTP, data[2*29+1], 1e-12)

	// Dopamine: 0 before the reward at step 5, then exp(-(k-5)/10).
	header, rows = readCSV(t, filepath.Join(out, "da.dopamine.csv"))
	assert.Equal(t, []string{"time_ms", "dopamine"}, header)
	require.Len(t, rows, 30)
	for k, row := range rows {
		want := 0.0
		if k >= 5 {
			want = math.Exp(-float64(k-5) / 10)
		}
		assert.InDelta(t, want, row[1], 1e-12, "dopamine after step %d", k)
	}
	header, rows = readCSV(t, filepath.Join(out, "da.reward.csv"))
	assert.Equal(t, []string{"time_ms", "reward"}, header)
	for k, row := range rows {
		assert.Equal(t, []float64{float64(k), map[bool]float64{true: 1, false: 0}[k == 5]}, row)
	}
	shape, data = readNPY(t, filepath.Join(out, "da.reward.npy"))
	assert.Equal(t, []int{30, 2}, shape)
	assert.Equal(t, []float64{5, 1}, data[10:12])

	for _, f := range []string{"w.w.png", "w.matrix.png", "w.hist.png", "da.signals.png"} {
		assert.FileExists(t, filepath.Join(out, f))
	}
	noTempFiles(t, out)
}

func TestRunEvalLeavesWeightsUnchanged(t *testing.T) {
	net := writeNet(t, map[string]string{"net.hcl": strings.Replace(pairNet, "w_max   = 1", "w_max   = 1\n  save_weights = true", 1)})
	out := t.TempDir()
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-eval", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "Learning off (-eval).")

	_, w := readWeights(t, filepath.Join(out, "pp.weights.npy"))
	assert.Equal(t, []float64{0.5, 0.5}, w)
	syns, eval := readSynapses(t, out)
	assert.True(t, eval)
	assert.Equal(t, 0.5, syns["pp"].Weights.Mean)
	_, rows := readCSV(t, filepath.Join(out, "w.w.csv"))
	for _, row := range rows {
		assert.Equal(t, []float64{0.5, 0.5}, row[1:])
	}
	// The dopamine signal still runs: only learning is off.
	_, rows = readCSV(t, filepath.Join(out, "da.dopamine.csv"))
	assert.Equal(t, 1.0, rows[5][1])
}

func TestRunSavesWeightsWhenInterrupted(t *testing.T) {
	net := writeNet(t, map[string]string{"net.hcl": pairNet})
	out := t.TempDir()
	// Stop after 12 steps (0 to 11): the pre spike has arrived and
	// depressed synapse 1; the post spike that potentiates synapse 0 (step
	// 15) has not happened.
	ctx := &stepContext{Context: context.Background(), n: 12}
	code, _, _ := netrun(t, ctx, cli.Config{}, "run", net, "-out", out, "-quiet", "-save-weights")
	assert.Equal(t, cli.ExitFault, code)
	assert.Equal(t, 12, readSummary(t, out).Steps)
	_, w := readWeights(t, filepath.Join(out, "pp.weights.npy"))
	assert.InDeltaSlice(t, []float64{0.5, pairLTD}, w, 1e-12)
	noTempFiles(t, out)
}

// TestWeightsRoundTrip loads a 2 x 3 dense edge's weights from CSV, saves
// them, loads the saved .npy file into the same network and saves again:
// both saved matrices equal the CSV.
func TestWeightsRoundTrip(t *testing.T) {
	src := func(file string) string {
		return `simulation {
  dt       = 1
  duration = 5
}

population "a" {
  model = "poisson"
  n     = 2
  rate  = 100
}

population "b" {
  model = "lif"
  n     = 3
}

synapse "ab" {
  from         = population.a
  to           = population.b
  connect      = "dense"
  weight       = load("` + file + `")
  save_weights = true
}

synapse "static" {
  from = population.a
  to   = population.b
}
`
	}
	want := []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}
	net := writeNet(t, map[string]string{
		"net.hcl": src("w.csv"),
		"w.csv":   "# source x target\n0.1,0.2,0.3\n0.4,0.5,0.6\n",
	})
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-quiet", "-no-figures", "-save-weights")
	require.Equal(t, cli.ExitOK, code, stderr)
	shape, w := readWeights(t, filepath.Join(out, "ab.weights.npy"))
	assert.Equal(t, []int{2, 3}, shape)
	assert.Equal(t, want, w)
	assert.NoFileExists(t, filepath.Join(out, "static.weights.npy"), "no learning rule, no save_weights")
	syns, _ := readSynapses(t, out)
	assert.Nil(t, syns["ab"].Weights, "weight statistics are for plastic edges")

	saved, err := os.ReadFile(filepath.Join(out, "ab.weights.npy"))
	require.NoError(t, err)
	net = writeNet(t, map[string]string{"net.hcl": src("w.npy"), "w.npy": string(saved)})
	out = t.TempDir()
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-quiet", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	shape, w = readWeights(t, filepath.Join(out, "ab.weights.npy"))
	assert.Equal(t, []int{2, 3}, shape)
	assert.Equal(t, want, w)
}

func TestModelsListsLearningRules(t *testing.T) {
	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "models")
	require.Equal(t, cli.ExitOK, code)
	for _, kind := range learning.Builtin().Kinds() {
		assert.Contains(t, stdout, "\n"+kind+"\n  learning rule: learning \""+kind+"\"", "rule %s", kind)
	}

	code, stdout, _ = netrun(t, context.Background(), cli.Config{}, "models", "rstdp")
	require.Equal(t, cli.ExitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "rstdp\n  learning rule: learning \"rstdp\" { ... } in a synapse block\n"), stdout)
	assert.Regexp(t, `\n  lr +number\|list +- +unset +- +learning rates \[ltd, ltp\]`, stdout)
	assert.Regexp(t, `\n  tau_c +number +ms +1000 +- `, stdout)
	assert.NotContains(t, stdout, "variables:", "no neuron model")

	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "models", "sdtp")
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, `(did you mean "stdp"?)`)
}

// hebb is a rule for TestCustomRules: every postsynaptic spike adds 1 to
// every incoming weight.
type hebb struct{}

func (hebb) Kind() string                      { return "hebb" }
func (hebb) Init(learning.Edge, float64) error { return nil }
func (hebb) Reset()                            {}
func (hebb) Update(e learning.Edge, c *learning.Context) {
	w := e.Weights()
	for _, j := range c.PostFired {
		for _, s := range e.Incoming(int(j)) {
			w[s]++
		}
	}
}

// TestCustomRules checks that Main uses the learning rules it is given.
func TestCustomRules(t *testing.T) {
	var reg learning.Registry
	require.NoError(t, reg.Register(func() learning.Rule { return hebb{} }))
	cfg := cli.Config{Rules: &reg}
	src := strings.Replace(pairNet, `learning "stdp" {
    lr = [0.01, 0.02]
  }`, `learning "hebb" {}`, 1)
	net := writeNet(t, map[string]string{"net.hcl": src})
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cfg, "run", net, "-out", out, "-quiet", "-no-figures", "-save-weights")
	require.Equal(t, cli.ExitOK, code, stderr)
	_, w := readWeights(t, filepath.Join(out, "pp.weights.npy"))
	assert.Equal(t, []float64{1.5, 1.5}, w, "one post spike each")

	code, stdout, _ := netrun(t, context.Background(), cfg, "models", "hebb")
	assert.Equal(t, cli.ExitOK, code)
	assert.Equal(t, "hebb\n  learning rule: learning \"hebb\" { ... } in a synapse block\n  PARAMETER  TYPE  UNIT  DEFAULT  RANGE  DESCRIPTION\n", stdout)

	// pairNet's "stdp" is not in this registry.
	code, _, stderr = netrun(t, context.Background(), cfg, "validate", writeNet(t, map[string]string{"net.hcl": pairNet}))
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, `There is no learning rule "stdp"`)
}
