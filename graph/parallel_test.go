package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// brunelLike returns a network in the manner of bench/brunel, large
// enough for its stage to run in parallel, with every kind of emission:
// shared and own weights, one delay and per-synapse delays, edges that
// split by target and one that cannot (fixed_outdegree), delta and
// exponential kernels, a poisson_input background (whose chunks are
// advanced in pieces), a learning rule, and chunks of 2500 neurons (and
// one of 500) so that there are whole chunks and pieces.
func brunelLike(seed uint64, workers int) *graph.Network {
	net := graph.New(seed)
	net.Workers = workers
	net.ChunkSize = 2500
	lif := func() *neurons.LIF {
		m := neurons.NewLIF()
		m.Threshold, m.RestPot, m.ResetPot = neurons.Param{20}, neurons.Param{0}, neurons.Param{10}
		m.TauM, m.R, m.RefracLength = neurons.Param{20}, neurons.Param{1}, neurons.Param{2}
		m.VInit = dist.Uniform{Min: 0, Max: 20}
		m.Method = neurons.Exact
		return m
	}
	exc, inh := neurons.New("exc", 8000, lif()), neurons.New("inh", 2000, lif())
	inh.IsInhibitory = true
	net.AddPopulation(exc, inh)
	add := func(name string, pre, post *neurons.Population, c synapses.Connector, w, d dist.Dist, k synapses.Kernel) *synapses.Synapse {
		e := synapses.New(name, pre, post)
		e.Connect, e.Weight, e.Delay, e.Kernel = c, w, d, k
		net.AddSynapse(e)
		return e
	}
	add("ee", exc, exc, synapses.Random{P: 0.02}, dist.Const(0.1), dist.Const(1.5), &synapses.Delta{})
	add("ei", exc, inh, synapses.FixedInDegree{K: 150}, dist.Uniform{Min: 0, Max: 0.2}, dist.Uniform{Min: 0.1, Max: 3}, &synapses.Delta{})
	add("ie", inh, exc, synapses.FixedOutDegree{K: 150}, dist.Const(0.6), dist.Const(1.5), &synapses.Delta{})
	add("ii", inh, inh, synapses.Random{P: 0.05}, dist.Const(0.6), dist.Uniform{Min: 0.5, Max: 2}, &synapses.Exponential{Tau: 2})
	stdp := learning.NewSTDP()
	stdp.LR = []float64{1e-3, 1e-3}
	stdp.WMin, stdp.WMax = []float64{0}, []float64{0.4}
	add("ee_plastic", exc, exc, synapses.Random{P: 0.005}, dist.Const(0.1), dist.Const(1), &synapses.Delta{}).Rule = stdp
	for _, p := range []*neurons.Population{exc, inh} {
		net.AddStimulus(&graph.PoissonInput{Pop: p, Name: "bg_" + p.Name, N: 1000, Rate: 25, Weight: 0.1})
	}
	return net
}

// TestWorkersSameSpikeFiles runs brunelLike for 1, 2 and 3 workers,
// writing every spike to a file, and checks that the files are the same
// to the byte, as are the event counts and the learnt weights (STDP runs
// in parts of the targets for 2 and 3 workers); and that
// the run is not trivial (spikes, events, the stage runs in parallel,
// the plastic weights moved).
func TestWorkersSameSpikeFiles(t *testing.T) {
	ms := 100.0
	if raceEnabled {
		ms = 10
	}
	dir := t.TempDir()
	type result struct {
		files   map[string][]byte
		events  map[string]int64
		weights []float64
	}
	run := func(workers int) result {
		net := brunelLike(5, workers)
		files := map[string]*os.File{}
		for _, name := range []string{"exc", "inh"} {
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s.w%d.csv", name, workers)))
			require.NoError(t, err)
			files[name] = f
		}
		sim, err := net.Compile()
		require.NoError(t, err)
		for name, f := range files {
			m := monitors.NewSpikeMonitor("spikes_"+name, sim.Population(name))
			m.W = f
			net.AddMonitor(m)
		}
		sim, err = net.Compile()
		require.NoError(t, err)
		require.Contains(t, graph.ParallelStages(sim), true, "precondition: the stage runs in parallel")
		if workers > 1 {
			require.Equal(t, 1, graph.PartedLearning(sim), "precondition: STDP on ee_plastic runs in parts")
		}
		require.NoError(t, sim.Run(context.Background(), ms))
		out := result{files: map[string][]byte{}, events: sim.Stats().Events,
			weights: append([]float64(nil), sim.Synapse("ee_plastic").Weights()...)}
		for name, f := range files {
			require.NoError(t, f.Close())
			b, err := os.ReadFile(f.Name())
			require.NoError(t, err)
			out.files[name] = b
		}
		return out
	}
	ref := run(1)
	for name, b := range ref.files {
		require.Greater(t, bytes.Count(b, []byte("\n")), 200, "precondition: %s spikes", name)
	}
	for name, n := range ref.events {
		require.Positive(t, n, "precondition: events through %s", name)
	}
	moved := 0
	for _, w := range ref.weights {
		if w != 0.1 {
			moved++
		}
	}
	require.Positive(t, moved, "precondition: STDP moved weights")
	for _, workers := range []int{2, 3} {
		got := run(workers)
		for name := range ref.files {
			assert.True(t, bytes.Equal(ref.files[name], got.files[name]), "workers %d: the spike file of %s differs", workers, name)
		}
		assert.Equal(t, ref.events, got.events, "workers %d", workers)
		assert.Equal(t, ref.weights, got.weights, "workers %d", workers)
	}
}

// TestWorkersSameSpikesPieces checks a network whose chunks are advanced
// in pieces by several workers (CUBA scaled to 12 000 neurons: LIF, no
// random stimulus): the spikes of every step and the kernel currents are
// the same for 1, 2 and 3 workers.
func TestWorkersSameSpikesPieces(t *testing.T) {
	steps := 1000
	if raceEnabled {
		steps = 50
	}
	type result struct {
		spikes [][]int32
		i      []float64
	}
	run := func(workers int) result {
		net := cuba.BuildN(2, 12000)
		net.Workers = workers
		sim, err := net.Compile()
		require.NoError(t, err)
		require.Contains(t, graph.ParallelStages(sim), true, "precondition: the stage runs in parallel")
		var out result
		for range steps {
			require.NoError(t, sim.RunSteps(context.Background(), 1))
			for _, name := range []string{"exc", "inh"} {
				out.spikes = append(out.spikes, append([]int32(nil), sim.Population(name).Fired...))
			}
		}
		out.i = append(append([]float64(nil), sim.Synapse("ee").Var("i")...), sim.Synapse("ie").Var("i")...)
		return out
	}
	ref := run(1)
	total := 0
	for _, f := range ref.spikes {
		total += len(f)
	}
	require.Greater(t, total, steps/2, "precondition: spikes")
	for _, workers := range []int{2, 3} {
		got := run(workers)
		assert.Equal(t, ref.spikes, got.spikes, "workers %d", workers)
		assert.Equal(t, ref.i, got.i, "workers %d", workers)
	}
}
