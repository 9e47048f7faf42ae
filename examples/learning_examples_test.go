package examples_test

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
	"github.com/synapticflow/synapticflow-go/examples/custom_rule/oja"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/npy"
)

// rules returns the built-in learning rules and the Oja rule of
// examples/custom_rule.
func rules(t *testing.T) *learning.Registry {
	reg := learning.Builtin()
	require.NoError(t, reg.Register(func() learning.Rule { return oja.New() }))
	return reg
}

func TestLearningExamplesAreFormattedAndValid(t *testing.T) {
	cfg := cli.Config{Rules: rules(t)}
	for _, dir := range []string{"stdp_two_patterns", "rstdp_task", "song2000", "custom_rule"} {
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

// weights reads SYN.weights.npy: a source x target matrix.
func weights(t *testing.T, path string) (rows, cols int, w []float64) {
	t.Helper()
	shape, w, err := npy.ReadFile(path)
	require.NoError(t, err)
	require.Len(t, shape, 2)
	return shape[0], shape[1], w
}

// schedule is how examples/stdp_two_patterns and examples/rstdp_task show
// their patterns: slot i lasts show+pause ms and shows pattern A (even i)
// or B (odd i) during [start(i), start(i)+show).
type schedule struct {
	show, pause float64
	pauseFirst  bool // the pause comes before the pattern in its slot
}

func (s schedule) slot() float64 { return s.show + s.pause }

// shownAt returns the slot whose pattern is on at time t (ms), or -1
// during a pause.
func (s schedule) shownAt(t float64) int {
	i := int(t / s.slot())
	on := t - float64(i)*s.slot()
	if s.pauseFirst {
		on -= s.pause
	}
	if on < 0 || on >= s.show {
		return -1
	}
	return i
}

// selectivity returns the selectivity index of two output neurons over
// the presentations [from, to) (a presentation is a pair of slots: A then
// B), from their spike trains. The selectivity of output j is
//
//	SI_j = (r_j(preferred) - r_j(other)) / (r_j(preferred) + r_j(other))
//
// with r_j(P) its spike count while pattern P is shown (0 for a silent
// output), between 0 (no preference) and 1 (it fires for one pattern
// only). The index is the mean of SI_0 and SI_1 if the outputs prefer
// different patterns, and 0 if they prefer the same: 1 means each output
// responds to one pattern only, and to a different one.
func selectivity(s schedule, trains [][]float64, from, to int) (index float64, si [2]float64, prefers [2]int) {
	for j, train := range trains[:2] {
		var count [2]float64
		for _, t := range train {
			if i := s.shownAt(t); i >= 2*from && i < 2*to {
				count[i%2]++
			}
		}
		if count[1] > count[0] {
			prefers[j] = 1
		}
		if total := count[0] + count[1]; total > 0 {
			si[j] = math.Abs(count[0]-count[1]) / total
		}
	}
	if prefers[0] == prefers[1] {
		return 0, si, prefers
	}
	return (si[0] + si[1]) / 2, si, prefers
}

// checkInputs checks the inputs of examples/stdp_two_patterns and
// examples/rstdp_task, a Poisson population whose rate_schedule follows
// the patterns: inputs 0-9 (pattern A) spike only while A is shown and
// inputs 10-19 (B) only while B is, and each group's spike count is
// Binomial(10 * steps shown, rate*dt/1000) within 5 standard deviations.
func checkInputs(t *testing.T, s schedule, inputs [][]float64, presentations int, rate, dt float64) {
	t.Helper()
	require.Len(t, inputs, 20)
	var counts [2]float64
	for i, train := range inputs {
		for _, tm := range train {
			slot := s.shownAt(tm)
			require.True(t, slot >= 0 && slot%2 == i/10, "input %d spikes at %g ms, outside its pattern", i, tm)
			counts[i/10]++
		}
	}
	p := rate * dt / 1000
	trials := 10 * float64(presentations) * s.show / dt
	mean, sd := trials*p, math.Sqrt(trials*p*(1-p))
	for g, c := range counts {
		assert.InDelta(t, mean, c, 5*sd, "spikes of pattern %c's inputs", 'A'+g)
	}
}

// TestSTDPTwoPatterns checks that STDP makes each output selective to a
// different pattern: over the last third of training the selectivity
// index exceeds 0.8, while with learning off (-eval: the outputs keep
// their equal starting weights) one output answers to both patterns and
// the index is 0.
func TestSTDPTwoPatterns(t *testing.T) {
	const presentations = 40
	s := schedule{show: 100, pause: 50}
	args := []string{"-var", "presentations=40", "-var", "show=100", "-var", "pause=50"}
	out := run(t, cli.Config{}, "stdp_two_patterns", args...)
	checkInputs(t, s, trains(t, filepath.Join(out, "input.spikes.csv"), 20), presentations, 60, 0.5)
	outs := trains(t, filepath.Join(out, "out.spikes.csv"), 2)
	index, si, prefers := selectivity(s, outs, 2*presentations/3, presentations)
	t.Logf("selectivity index over the last third: %.2f (outputs %.2f, %.2f; preferred patterns %v)", index, si[0], si[1], prefers)
	assert.Greater(t, index, 0.8)
	assert.NotEqual(t, prefers[0], prefers[1])

	// The learned weights: each output's weights from its pattern's
	// inputs (0-9 for A, 10-19 for B) are, on average, more than twice
	// those from the other pattern's.
	rows, cols, w := weights(t, filepath.Join(out, "input_out.weights.npy"))
	require.Equal(t, []int{20, 2}, []int{rows, cols})
	for j := range 2 {
		var mean [2]float64
		for i := range 20 {
			mean[i/10] += w[i*2+j] / 10
		}
		assert.Greater(t, mean[prefers[j]], 2*mean[1-prefers[j]], "output %d: mean weights from A and B %v", j, mean)
	}
	assert.FileExists(t, filepath.Join(out, "weights.w.png"))
	assert.FileExists(t, filepath.Join(out, "weights.matrix.png"))

	out = run(t, cli.Config{}, "stdp_two_patterns", append(args, "-eval", "-no-figures")...)
	index, _, _ = selectivity(s, trains(t, filepath.Join(out, "out.spikes.csv"), 2), 2*presentations/3, presentations)
	assert.Less(t, index, 0.2, "without learning")
}

// rewards reads the reward signal and returns the outcome of every trial
// (slot of slot ms): +1, -1, or 0 for a tie.
func rewards(t *testing.T, path string, slot float64) []float64 {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"time_ms", "reward"}, recs[0])
	last, err := strconv.ParseFloat(recs[len(recs)-1][0], 64)
	require.NoError(t, err)
	out := make([]float64, int(last/slot)+1)
	for _, r := range recs[1:] {
		tm, err := strconv.ParseFloat(r[0], 64)
		require.NoError(t, err)
		v, err := strconv.ParseFloat(r[1], 64)
		require.NoError(t, err)
		out[int(tm/slot)] += v
	}
	return out
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// TestRSTDPTask checks that reward teaches the task: the mean reward per
// trial (+1 right, -1 wrong, 0 tie) in the last third of training is
// above 0.8 and at least 0.3 above that of the first third.
func TestRSTDPTask(t *testing.T) {
	s := schedule{show: 100, pause: 50, pauseFirst: true}
	out := run(t, cli.Config{}, "rstdp_task", "-var", "presentations=100", "-var", "show=100", "-var", "pause=50")
	checkInputs(t, s, trains(t, filepath.Join(out, "input.spikes.csv"), 20), 100, 60, 0.5)
	trials := rewards(t, filepath.Join(out, "reward.reward.csv"), s.slot())
	require.Len(t, trials, 200)
	for i, r := range trials {
		require.Contains(t, []float64{-1, 0, 1}, r, "one reward per trial (trial %d)", i)
	}
	first, last := mean(trials[:len(trials)/3]), mean(trials[2*len(trials)/3:])
	t.Logf("mean reward per trial: first third %.2f, last third %.2f", first, last)
	assert.Greater(t, last, 0.8)
	assert.Greater(t, last, first+0.3)

	// The trained outputs are selective, output 0 to A and output 1 to B,
	// as the reward asks.
	index, _, prefers := selectivity(s, trains(t, filepath.Join(out, "out.spikes.csv"), 2), 2*100/3, 100)
	assert.Greater(t, index, 0.8)
	assert.Equal(t, [2]int{0, 1}, prefers)
	assert.FileExists(t, filepath.Join(out, "reward.signals.png"))
}

// TestSong2000 checks the weight distributions after learning, with the
// weights in units of g_max in 10 bins: additive STDP (hard bounds)
// leaves more than a third of the weights within 10% of a bound, each
// bound holding more than 10% (a uniform distribution, where they start,
// holds 20% and 10%), and fewer than 30% in the middle, [0.3, 0.7) g_max
// (uniform: 40%); multiplicative STDP (soft bounds) gathers more than 90%
// of the weights in the middle and leaves none near a bound.
//
// Under the race detector the 200 s run would take minutes: the test then
// simulates 30 s with five times the learning rate (A+ = 0.05), after
// which the multiplicative weights have gathered but the additive ones
// are still spreading, and checks the gathering and that the additive
// weights are spread more than three times as wide (standard deviation).
func TestSong2000(t *testing.T) {
	const gMax = 0.015
	var args []string
	if raceEnabled {
		args = []string{"-duration", "30000", "-var", "a_plus=0.05", "-no-figures"}
	}
	out := run(t, cli.Config{}, "song2000", args...)
	hist := func(name string) (h [10]float64, std float64) {
		rows, cols, w := weights(t, filepath.Join(out, name+".weights.npy"))
		require.Equal(t, []int{1000, 1}, []int{rows, cols})
		m := mean(w)
		for _, x := range w {
			require.True(t, x >= 0 && x <= gMax, "weight %g within [0, g_max]", x)
			h[min(int(x/gMax*10), 9)] += 1.0 / float64(len(w))
			std += (x - m) * (x - m) / float64(len(w))
		}
		return h, math.Sqrt(std)
	}
	add, addStd := hist("exc_additive")
	mult, multStd := hist("exc_multiplicative")
	t.Logf("additive: %.3f (s.d. %.3g)\nmultiplicative: %.3f (s.d. %.3g)", add, addStd, mult, multStd)
	middle := func(h [10]float64) float64 { return h[3] + h[4] + h[5] + h[6] }
	assert.Greater(t, middle(mult), 0.9)
	assert.Less(t, mult[0]+mult[9], 0.01)
	assert.Greater(t, addStd, 3*multStd)
	if raceEnabled {
		return
	}
	assert.Greater(t, add[0]+add[9], 0.35)
	assert.Greater(t, add[0], 0.1)
	assert.Greater(t, add[9], 0.1)
	assert.Less(t, middle(add), 0.3)
	for _, f := range []string{"weights_additive.hist.png", "weights_multiplicative.hist.png"} {
		assert.FileExists(t, filepath.Join(out, f))
	}
}

// TestCustomRule runs the Oja rule of examples/custom_rule: an output
// firing independently of its Poisson inputs draws each weight to the
// mean presynaptic trace, p/(1 - exp(-dt/tau)) with p = rate*dt/1000 the
// spike probability per step: 0.2, 0.4 and 0.8 (to within 0.3%) for 10,
// 20 and 40 Hz with tau = 20 ms.
func TestCustomRule(t *testing.T) {
	out := run(t, cli.Config{Rules: rules(t)}, filepath.Join("custom_rule", "net.hcl"))
	rows, cols, w := weights(t, filepath.Join(out, "in_out.weights.npy"))
	require.Equal(t, []int{30, 1}, []int{rows, cols})
	const dt, tau = 0.1, 20.0
	for g, rate := range []float64{10, 20, 40} {
		want := rate * dt / 1000 / (1 - math.Exp(-dt/tau))
		assert.InDelta(t, want, mean(w[10*g:10*g+10]), 0.05, "inputs at %g Hz", rate)
	}
	assert.FileExists(t, filepath.Join(out, "weights.w.png"))

	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"models", "oja"}, &stdout, &stderr, cli.Config{Rules: rules(t)})
	require.Equal(t, cli.ExitOK, code, stderr.String())
	assert.Regexp(t, `\n  tau +number +ms +20 +- +time constant`, stdout.String())
}
