package graph_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// With the seed's LIF and IF defaults (tau_m 10 ms, R 20, rest -62 mV,
// threshold -52 mV) and dt 0.1 ms, one Euler step from rest moves v by
// R*x*dt/tau_m = 0.2*x mV. A delta arrival of weight w is the whole input
// x = w of its step, so w >= 10/0.2 = 50 fires the target in the arrival
// step and w < 50 does not.
const (
	gainPerStep = 20 * 0.1 / 10 // R*dt/tau_m, mV per unit of input
	restPot     = -62.0
)

func TestFeedForwardDelay(t *testing.T) {
	models := map[string]func() neurons.Model{
		"lif": func() neurons.Model { return neurons.NewLIF() },
		"if":  func() neurons.Model { return neurons.NewIF() },
	}
	for _, model := range []string{"lif", "if"} {
		for _, delay := range []int{0, 1, 3} {
			t.Run(fmt.Sprintf("%s/delay%d/generator", model, delay), func(t *testing.T) {
				// Neuron 0 spikes in step 5, neuron 1 in step 12, neuron
				// 2 never; one-to-one onto the target.
				n := graph.New(1)
				src := neurons.New("src", 3, neurons.NewSpikeGenerator([][]float64{{0.5}, {1.2}}))
				dst := neurons.New("dst", 3, models[model]())
				e := synapses.New("e", src, dst)
				e.Connect = synapses.OneToOne{}
				e.Weight = dist.Const(55) // 0.2*55 = 11 mV > 10 mV
				e.Delay = dist.Const(float64(delay) * 0.1)
				rec := newRecorder("rec", src, dst)
				n.AddPopulation(src, dst)
				n.AddSynapse(e)
				n.AddMonitor(rec)
				sim := compile(t, n)
				require.Equal(t, delay, e.MinDelay())

				v := dst.Var("v")
				for k := range 30 {
					runSteps(t, sim, 1)
					if k < 5+delay {
						assert.Equal(t, restPot, v[0], "step %d: v before the arrival", k)
					}
				}
				assert.Equal(t, 5, rec.firstSpike("src", 0))
				assert.Equal(t, 12, rec.firstSpike("src", 1))
				assert.Equal(t, 5+delay, rec.firstSpike("dst", 0))
				assert.Equal(t, 12+delay, rec.firstSpike("dst", 1))
				assert.Equal(t, -1, rec.firstSpike("dst", 2))
				assert.Equal(t, 2, rec.total("dst"), "one spike per arrival")

				st := sim.Stats()
				assert.Equal(t, 30, st.Steps)
				assert.Equal(t, int64(6*30), st.NeuronUpdates)
				assert.Equal(t, int64(2), st.Spikes["src"])
				assert.Equal(t, int64(2), st.Spikes["dst"])
				assert.Equal(t, int64(2), st.Events["e"], "one synapse per source spike")
				assert.Equal(t, int64(4), st.TotalSpikes)
				assert.Equal(t, int64(2), st.TotalEvents)
			})
		}
	}
	for _, delay := range []int{0, 1, 3} {
		t.Run(fmt.Sprintf("lif/delay%d/input", delay), func(t *testing.T) {
			// An Input population under a constant current spikes in every
			// step from step 0; the target's first spike is step delay.
			n := graph.New(1)
			src := neurons.New("src", 1, neurons.NewInput())
			dst := neurons.New("dst", 1, neurons.NewLIF())
			e := synapses.New("e", src, dst)
			e.Weight = dist.Const(50.5)
			e.Delay = dist.Const(float64(delay) * 0.1)
			rec := newRecorder("rec", src, dst)
			n.AddPopulation(src, dst)
			n.AddSynapse(e)
			n.AddStimulus(&graph.Current{Pop: src, Amp: neurons.Param{1}})
			n.AddMonitor(rec)
			sim := compile(t, n)
			runSteps(t, sim, 10)
			assert.Equal(t, 0, rec.firstSpike("src", 0))
			assert.Equal(t, delay, rec.firstSpike("dst", 0))
		})
	}
}

func TestFeedForwardSubthreshold(t *testing.T) {
	// The default delta kernel: w = 9 makes v jump by 9 mV, short of the
	// 10 mV to threshold: no spike, and the leak then pulls v back by a
	// factor 1-dt/tau_m = 0.99 per step.
	n := graph.New(1)
	src := neurons.New("src", 1, neurons.NewSpikeGenerator([][]float64{{0.2}}))
	dst := neurons.New("dst", 1, neurons.NewLIF())
	e := synapses.New("e", src, dst)
	e.Weight = dist.Const(9)
	n.AddPopulation(src, dst)
	n.AddSynapse(e)
	sim := compile(t, n)
	runSteps(t, sim, 3) // the spike of step 2 arrives in step 3
	assert.Equal(t, restPot, dst.Var("v")[0])
	runSteps(t, sim, 1)
	assert.InDelta(t, restPot+9, dst.Var("v")[0], 1e-12)
	runSteps(t, sim, 1)
	assert.InDelta(t, restPot+9*0.99, dst.Var("v")[0], 1e-12)
	assert.Equal(t, int64(0), dst.Spikes)
}

func TestInhibitorySource(t *testing.T) {
	eRev := -80.0
	tests := []struct {
		name   string
		kernel synapses.Kernel
		w      float64
		// dv is the hand-computed change of v in the arrival step, from
		// rest: 0.2*x with x the kernel's current (delta: the jump w).
		dv float64
	}{
		// Dale's law: the weight is a magnitude, delivered negated.
		{"delta", &synapses.Delta{}, 5, -5},
		{"current_pulse", &synapses.CurrentPulse{}, 5, -5 * gainPerStep},
		{"exponential", &synapses.Exponential{Tau: 5}, 5, -5 * gainPerStep},
		// A conductance stays positive; the sign comes from the default
		// inhibitory reversal potential: x = g*(-80 - (-62)) = -18*g.
		{"conductance", &synapses.Conductance{Tau: 5}, 0.5, 0.5 * (eRev - restPot) * gainPerStep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := graph.New(1)
			src := neurons.New("src", 1, neurons.NewSpikeGenerator([][]float64{{0}}))
			src.IsInhibitory = true
			dst := neurons.New("dst", 1, neurons.NewLIF())
			e := synapses.New("e", src, dst)
			e.Weight = dist.Const(tt.w)
			e.Kernel = tt.kernel
			n.AddPopulation(src, dst)
			n.AddSynapse(e)
			sim := compile(t, n)
			runSteps(t, sim, 1)
			assert.Equal(t, restPot, dst.Var("v")[0])
			runSteps(t, sim, 1)
			v := dst.Var("v")[0]
			assert.Less(t, v, restPot)
			assert.InDelta(t, restPot+tt.dv, v, 1e-12)
		})
	}
}

// richNetwork builds a network that exercises every source of randomness
// and every kernel: Poisson input, stochastic SRM0 neurons, random
// connectivity, random weights and per-synapse random delays, delta,
// exponential and conductance kernels, an excitatory and an inhibitory LIF
// population in recurrence, and a learning rule. ChunkSize 64 splits every
// population into several chunks, and a large population makes one stage
// big enough to be spread over the workers.
func richNetwork(seed uint64, workers int) (*graph.Network, *recorder) {
	n := graph.New(seed)
	n.Workers = workers
	n.ChunkSize = 64

	in := neurons.New("in", 150, neurons.NewPoisson(40))
	srmModel := neurons.NewSRM0()
	srmModel.VInit = dist.Uniform{Min: -66, Max: -56}
	srm := neurons.New("srm", 130, srmModel)
	excModel := neurons.NewLIF()
	excModel.VInit = dist.Uniform{Min: -62, Max: -53}
	exc := neurons.New("exc", 200, excModel)
	inhModel := neurons.NewLIF()
	inhModel.VInit = dist.Normal{Mean: -60, Std: 2}
	inh := neurons.New("inh", 70, inhModel)
	inh.IsInhibitory = true
	// load is big enough that its stage is spread over the workers (small
	// stages run on one goroutine): it shares stage 1 with exc.
	load := neurons.New("load", 11000, neurons.NewLIF())
	n.AddPopulation(in, srm, exc, inh, load)
	n.AddStimulus(&graph.Current{Pop: load, Amp: neurons.Param{0.3}})

	edge := func(name string, pre, post *neurons.Population, p float64, w, d dist.Dist, k synapses.Kernel) *synapses.Synapse {
		s := synapses.New(name, pre, post)
		s.Connect = synapses.Random{P: p}
		s.Weight, s.Delay, s.Kernel = w, d, k
		return s
	}
	ee := edge("exc_exc", exc, exc, 0.1, dist.Uniform{Min: 0, Max: 4}, dist.Uniform{Min: 0.5, Max: 3}, nil)
	ee.WMax = 6
	ee.Rule = &traceSTDP{aPlus: 0.05, aMinus: 0.04}
	n.AddSynapse(
		edge("in_srm", in, srm, 0.2, dist.Uniform{Min: 0, Max: 8}, dist.Uniform{Min: 0.1, Max: 1.5}, nil),
		// Delays of uniform(0, 2) ms include zero-step ones: exc comes in
		// a stage after in.
		edge("in_exc", in, exc, 0.1, dist.Uniform{Min: 0, Max: 2}, dist.Uniform{Min: 0, Max: 2}, &synapses.Exponential{Tau: 5}),
		edge("srm_exc", srm, exc, 0.1, dist.Uniform{Min: 0, Max: 0.02}, dist.Const(1), &synapses.Conductance{Tau: 5}),
		edge("exc_inh", exc, inh, 0.2, dist.Uniform{Min: 0, Max: 20}, dist.Const(0), nil),
		edge("inh_exc", inh, exc, 0.2, dist.Uniform{Min: 0, Max: 3}, dist.Uniform{Min: 0.5, Max: 1.5}, &synapses.Exponential{Tau: 10}),
		ee,
		edge("in_load", in, load, 0.002, dist.Uniform{Min: 0, Max: 60}, dist.Const(0), nil),
	)
	rec := newRecorder("spikes", in, srm, exc, inh, load)
	n.AddMonitor(rec)
	return n, rec
}

// richRun is the outcome of a run of richNetwork.
type richRun struct {
	spikes   map[string][][]int32
	v        map[string][]float64
	weights  map[string][]float64
	stages   [][]string
	parallel []bool
}

func runRich(t *testing.T, seed uint64, workers int, ms float64) richRun {
	t.Helper()
	n, rec := richNetwork(seed, workers)
	sim := compile(t, n)
	require.NoError(t, sim.Run(context.Background(), ms))
	out := richRun{spikes: rec.spikes, v: make(map[string][]float64), weights: make(map[string][]float64),
		stages: sim.Stages(), parallel: graph.ParallelStages(sim)}
	for _, name := range []string{"srm", "exc", "inh", "load"} {
		out.v[name] = slices.Clone(sim.Population(name).Var("v"))
	}
	for _, name := range []string{"in_srm", "in_exc", "srm_exc", "exc_inh", "inh_exc", "exc_exc", "in_load"} {
		out.weights[name] = slices.Clone(sim.Synapse(name).Weights())
	}
	return out
}

func TestDeterminism(t *testing.T) {
	ms := 200
	if raceEnabled {
		ms = 20
	}
	ref := runRich(t, 7, 1, float64(ms))

	// Preconditions: the run is not trivially quiet, exc and inh are in
	// stages of their own, and the learning rule moved the weights.
	require.Equal(t, [][]string{{"in", "srm"}, {"exc", "load"}, {"inh"}}, ref.stages)
	require.Contains(t, ref.parallel, true, "no stage runs in parallel")
	for _, name := range []string{"in", "srm", "exc", "inh", "load"} {
		total := 0
		for _, f := range ref.spikes[name] {
			total += len(f)
		}
		require.Greater(t, total, ms/4, "population %s is almost silent", name)
		require.Len(t, ref.spikes[name], ms*10)
	}
	fresh, _ := richNetwork(7, 1)
	freshSim := compile(t, fresh)
	require.NotEqual(t, freshSim.Synapse("exc_exc").Weights(), ref.weights["exc_exc"], "learning changed no weight")

	// Each of these is also a second run with the same seed.
	for _, workers := range []int{2, 8} {
		t.Run(fmt.Sprintf("workers%d", workers), func(t *testing.T) {
			got := runRich(t, 7, workers, float64(ms))
			// Bit-identical: == on every float, not InDelta.
			assert.Equal(t, ref.spikes, got.spikes)
			assert.Equal(t, ref.v, got.v)
			assert.Equal(t, ref.weights, got.weights)
		})
	}
	t.Run("different seed", func(t *testing.T) {
		got := runRich(t, 8, 1, float64(ms))
		for _, name := range []string{"in", "srm", "exc", "inh", "load"} {
			assert.NotEqual(t, ref.spikes[name], got.spikes[name], name)
		}
		assert.NotEqual(t, ref.v, got.v)
		assert.NotEqual(t, ref.weights, got.weights)
	})
}

func TestPerComponentStreams(t *testing.T) {
	// A Poisson population's spikes depend on the seed and its own name
	// only: adding other random components before it changes nothing.
	run := func(extra bool) [][]int32 {
		n := graph.New(3)
		n.ChunkSize = 64
		if extra {
			other := neurons.New("other", 300, neurons.NewPoisson(80))
			srm := neurons.New("srm", 50, neurons.NewSRM0())
			s := synapses.New("other_srm", other, srm)
			s.Connect = synapses.Random{P: 0.3}
			n.AddPopulation(other, srm)
			n.AddSynapse(s)
		}
		p := neurons.New("p", 200, neurons.NewPoisson(50))
		n.AddPopulation(p)
		rec := newRecorder("rec", p)
		n.AddMonitor(rec)
		sim := compile(t, n)
		runSteps(t, sim, 1000)
		require.Greater(t, rec.total("p"), 0)
		return rec.spikes["p"]
	}
	assert.Equal(t, run(false), run(true))
}

// smallNetwork is a little stochastic network without learning.
func smallNetwork(seed uint64) (*graph.Network, *recorder) {
	n := graph.New(seed)
	n.ChunkSize = 32
	in := neurons.New("in", 80, neurons.NewPoisson(60))
	m := neurons.NewSRM0()
	m.VInit = dist.Uniform{Min: -64, Max: -55}
	out := neurons.New("out", 70, m)
	s := synapses.New("in_out", in, out)
	s.Connect = synapses.Random{P: 0.3}
	s.Weight = dist.Uniform{Min: 0, Max: 10}
	s.Delay = dist.Uniform{Min: 0.1, Max: 1}
	s.Kernel = &synapses.Exponential{Tau: 3}
	rec := newRecorder("rec", in, out)
	n.AddPopulation(in, out)
	n.AddSynapse(s)
	n.AddMonitor(rec)
	return n, rec
}

func TestRunContinues(t *testing.T) {
	ctx := context.Background()
	n1, rec1 := smallNetwork(11)
	sim1 := compile(t, n1)
	require.NoError(t, sim1.Run(ctx, 100))
	require.Greater(t, rec1.total("out"), 0)

	n2, rec2 := smallNetwork(11)
	sim2 := compile(t, n2)
	require.NoError(t, sim2.Run(ctx, 50))
	assert.Equal(t, 500, sim2.Steps())
	assert.InDelta(t, 50, sim2.Time(), 1e-9)
	require.NoError(t, sim2.Run(ctx, 50))
	assert.Equal(t, 1000, sim2.Steps())

	assert.Equal(t, rec1.spikes, rec2.spikes)
	assert.Equal(t, rec1.steps, rec2.steps)
	assert.Equal(t, sim1.Population("out").Var("v"), sim2.Population("out").Var("v"))
	for k, step := range rec2.steps {
		require.Equal(t, k, step, "monitors see consecutive steps")
	}
}

func TestResetReproduces(t *testing.T) {
	ctx := context.Background()
	n, rec := smallNetwork(5)
	sim := compile(t, n)
	v0 := slices.Clone(sim.Population("out").Var("v"))
	require.NoError(t, sim.Run(ctx, 60))
	first := rec.spikes
	firstV := slices.Clone(sim.Population("out").Var("v"))
	firstStats := sim.Stats()
	require.Greater(t, firstStats.Spikes["out"], int64(0))

	require.NoError(t, sim.Reset())
	assert.Equal(t, 0, sim.Steps())
	assert.Empty(t, rec.steps, "Reset resets the monitors")
	assert.Equal(t, v0, sim.Population("out").Var("v"), "same initial draws")
	st := sim.Stats()
	assert.Equal(t, int64(0), st.TotalSpikes)
	assert.Equal(t, int64(0), st.TotalEvents)

	require.NoError(t, sim.Run(ctx, 60))
	assert.Equal(t, first, rec.spikes)
	assert.Equal(t, firstV, sim.Population("out").Var("v"))
	assert.Equal(t, firstStats, sim.Stats())
}

func TestResetSpikeGenerator(t *testing.T) {
	// A generator replays its spike times after Reset, and the delayed
	// arrivals still in flight at Reset are dropped.
	n := graph.New(1)
	src := neurons.New("src", 1, neurons.NewSpikeGenerator([][]float64{{0.3, 1.9}}))
	dst := neurons.New("dst", 1, neurons.NewLIF())
	e := synapses.New("e", src, dst)
	e.Weight = dist.Const(55)
	e.Delay = dist.Const(0.5)
	rec := newRecorder("rec", src, dst)
	n.AddPopulation(src, dst)
	n.AddSynapse(e)
	n.AddMonitor(rec)
	sim := compile(t, n)
	runSteps(t, sim, 21) // the spike of step 19 is in flight until step 24
	assert.Equal(t, int64(2), src.Spikes)
	require.NoError(t, sim.Reset())
	runSteps(t, sim, 15)
	assert.Equal(t, 3, rec.firstSpike("src", 0))
	assert.Equal(t, 8, rec.firstSpike("dst", 0))
	assert.Equal(t, 1, rec.total("dst"), "nothing left over from before Reset")
}

func TestCancel(t *testing.T) {
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("workers%d", workers), func(t *testing.T) {
			n, rec := smallNetwork(2)
			n.Workers = workers
			sim := compile(t, n)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var calls [][2]int
			sim.Progress = func(done, total int) {
				calls = append(calls, [2]int{done, total})
				if done == 10 {
					cancel()
				}
			}
			err := sim.RunSteps(ctx, 100)
			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, 10, sim.Steps(), "stops after the whole step it was in")
			assert.Len(t, rec.steps, 10, "the monitors saw every step taken")
			assert.Len(t, calls, 10)
			assert.Equal(t, [2]int{10, 100}, calls[len(calls)-1])

			// The state is consistent: 90 more steps give the same run as
			// 100 steps in one go.
			sim.Progress = nil
			runSteps(t, sim, 90)
			ref, refRec := smallNetwork(2)
			runSteps(t, compile(t, ref), 100)
			assert.Equal(t, refRec.spikes, rec.spikes)
		})
	}
	t.Run("cancelled before", func(t *testing.T) {
		n, _ := smallNetwork(2)
		sim := compile(t, n)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		require.ErrorIs(t, sim.Run(ctx, 10), context.Canceled)
		assert.Equal(t, 0, sim.Steps())
	})
}

func TestProgress(t *testing.T) {
	n, _ := smallNetwork(1)
	sim := compile(t, n)
	var calls [][2]int
	sim.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
	require.NoError(t, sim.Run(context.Background(), 0.5))
	assert.Equal(t, [][2]int{{1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}}, calls)
	calls = nil
	runSteps(t, sim, 2)
	assert.Equal(t, [][2]int{{1, 2}, {2, 2}}, calls, "counts restart with each run")
}

func TestRunDuration(t *testing.T) {
	n, _ := smallNetwork(1)
	sim := compile(t, n)
	for _, d := range []float64{-1, math.NaN(), math.Inf(1)} {
		assert.Error(t, sim.Run(context.Background(), d), "duration %g", d)
	}
	assert.Equal(t, 0, sim.Steps())
	require.NoError(t, sim.Run(context.Background(), 0.26)) // rounds to 3 steps
	assert.Equal(t, 3, sim.Steps())
}

func TestTrainEval(t *testing.T) {
	build := func() (*graph.Sim, *countRule, *neurons.Population) {
		n := graph.New(1)
		src := neurons.New("src", 4, neurons.NewPoisson(100))
		dst := neurons.New("dst", 4, neurons.NewLIF())
		rule := &countRule{}
		s := synapses.New("s", src, dst)
		s.Rule = rule
		n.AddPopulation(src, dst)
		n.AddSynapse(s)
		return compile(t, n), rule, dst
	}
	t.Run("train by default", func(t *testing.T) {
		sim, rule, _ := build()
		assert.True(t, sim.Train())
		runSteps(t, sim, 10)
		assert.Equal(t, 10, rule.calls)
		assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, rule.steps)
	})
	t.Run("SetTrain(false)", func(t *testing.T) {
		sim, rule, _ := build()
		runSteps(t, sim, 3)
		sim.SetTrain(false)
		assert.False(t, sim.Train())
		runSteps(t, sim, 10)
		assert.Equal(t, 3, rule.calls)
		sim.SetTrain(true)
		runSteps(t, sim, 2)
		assert.Equal(t, 5, rule.calls)
		assert.Equal(t, []int{0, 1, 2, 13, 14}, rule.steps)
	})
	t.Run("Learning false", func(t *testing.T) {
		sim, rule, dst := build()
		dst.Learning = false
		runSteps(t, sim, 10)
		assert.Equal(t, 0, rule.calls)
		dst.Learning = true
		runSteps(t, sim, 1)
		assert.Equal(t, 1, rule.calls)
	})
	t.Run("Reset keeps train mode and resets the rule", func(t *testing.T) {
		sim, rule, _ := build()
		sim.SetTrain(false)
		require.NoError(t, sim.Reset())
		assert.False(t, sim.Train())
		assert.Equal(t, 1, rule.resets)
		runSteps(t, sim, 5)
		assert.Equal(t, 0, rule.calls)
	})
}

func TestClamp(t *testing.T) {
	// A LIF with no input never spikes by itself; clamped neurons spike in
	// every step, unclamped ones never, even under strong drive.
	n := graph.New(1)
	quiet := neurons.New("quiet", 3, neurons.NewLIF())
	driven := neurons.New("driven", 3, neurons.NewLIF())
	n.AddPopulation(quiet, driven)
	n.AddStimulus(&graph.Current{Pop: driven, Amp: neurons.Param{100}})
	rec := newRecorder("rec", quiet, driven)
	n.AddMonitor(rec)
	sim := compile(t, n)
	require.NoError(t, quiet.Clamp([]bool{false, true, false}))
	require.NoError(t, driven.Unclamp([]bool{true, true, true}))
	runSteps(t, sim, 20)
	for k := range 20 {
		assert.Equal(t, []int32{1}, rec.spikes["quiet"][k], "step %d", k)
		assert.Empty(t, rec.spikes["driven"][k], "step %d", k)
	}
	require.NoError(t, quiet.Clamp(nil))
	require.NoError(t, driven.Unclamp(nil))
	runSteps(t, sim, 60)
	for k := 20; k < 80; k++ {
		assert.Empty(t, rec.spikes["quiet"][k], "step %d", k)
	}
	assert.Positive(t, rec.total("driven"), "released neurons spike again")
}

func TestFault(t *testing.T) {
	// A Drive gives neurons 15130 and 19000 (chunks 236 and 296 of size
	// 64) a NaN current in step 7. The population is big enough for its
	// stage to run in parallel; the fault reported is the first in neuron
	// order whatever the number of workers.
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers%d", workers), func(t *testing.T) {
			n := graph.New(1)
			n.Workers = workers
			n.ChunkSize = 64
			src := neurons.New("src", 10, neurons.NewPoisson(100))
			p := neurons.New("victim", 20000, neurons.NewLIF())
			s := synapses.New("s", src, p)
			n.AddPopulation(src, p)
			n.AddSynapse(s)
			n.AddStimulus(&graph.Drive{Pop: p, F: func(k, j int) float64 {
				if k == 7 && (j == 15130 || j == 19000) {
					return math.NaN()
				}
				return 0.1
			}})
			sim := compile(t, n)
			if workers > 1 {
				require.Equal(t, []bool{true}, graph.ParallelStages(sim))
			}

			err := sim.RunSteps(context.Background(), 20)
			var fe *neurons.FaultError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "victim", fe.Population)
			assert.Equal(t, "v", fe.Var)
			assert.Equal(t, 15130, fe.Neuron)
			assert.Equal(t, 7, fe.Step)
			assert.True(t, math.IsNaN(fe.Value))
			assert.Equal(t, 7, sim.Steps(), "the faulty step is not counted")

			err = sim.RunSteps(context.Background(), 1)
			require.ErrorIs(t, err, graph.ErrFailed)
			assert.Contains(t, err.Error(), "victim")
			require.ErrorIs(t, sim.Run(context.Background(), 1), graph.ErrFailed)
			assert.Equal(t, 7, sim.Steps())

			require.NoError(t, sim.Reset())
			runSteps(t, sim, 7)
			for j, v := range p.Var("v") {
				require.False(t, math.IsNaN(v), "neuron %d", j)
			}
			assert.Equal(t, 7, sim.Steps())
		})
	}
}

func TestPanicInStep(t *testing.T) {
	// A bug in a step (here a Drive that panics for one neuron) is caught
	// on the goroutine where it happens and returned by Run, for one
	// worker and for several.
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers%d", workers), func(t *testing.T) {
			n := graph.New(1)
			n.Workers = workers
			n.ChunkSize = 64
			p := neurons.New("victim", 20000, neurons.NewLIF())
			n.AddPopulation(p)
			n.AddStimulus(&graph.Drive{Pop: p, F: func(k, j int) float64 {
				if k == 3 && j == 15130 {
					panic("drive bug")
				}
				return 0.1
			}})
			sim := compile(t, n)
			err := sim.RunSteps(context.Background(), 10)
			var pe *graph.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "drive bug", pe.Value)
			assert.Contains(t, string(pe.Stack), "sim_test.go")
			assert.Equal(t, 3, sim.Steps(), "the step that panicked is not counted")
		})
	}
}

func TestMonitorError(t *testing.T) {
	n := graph.New(1)
	p := neurons.New("p", 1, neurons.NewLIF())
	n.AddPopulation(p)
	n.AddMonitor(&failingMonitor{at: 3})
	sim := compile(t, n)
	err := sim.RunSteps(context.Background(), 10)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `monitor "bad"`)
	assert.Contains(t, err.Error(), "step 3")
	assert.ErrorIs(t, err, errBroken)
}

var errBroken = errors.New("broken")

// failingMonitor fails to record step at.
type failingMonitor struct{ at int }

func (m *failingMonitor) Name() string       { return "bad" }
func (m *failingMonitor) Init(float64) error { return nil }
func (m *failingMonitor) Reset()             {}
func (m *failingMonitor) Record(k int) error {
	if k == m.at {
		return errBroken
	}
	return nil
}

func TestAccessors(t *testing.T) {
	n, _ := smallNetwork(1)
	n.Dt = 0.05
	n.Workers = 3
	sim := compile(t, n)
	assert.Equal(t, 0.05, sim.Dt())
	assert.Equal(t, 3, sim.Workers())
	assert.Equal(t, "in", sim.Population("in").Name)
	assert.Nil(t, sim.Population("nope"))
	assert.Equal(t, "in_out", sim.Synapse("in_out").Name)
	assert.Nil(t, sim.Synapse("nope"))
}
