package graph_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// workerCounts are the worker counts the benchmarks compare: serial and
// every core.
func workerCounts() []int {
	if n := runtime.GOMAXPROCS(0); n > 1 {
		return []int{1, n}
	}
	return []int{1}
}

// reportRates reports the throughput metrics of a benchmark that
// simulated bioMs ms of biological time per iteration.
func reportRates(b *testing.B, st graph.Stats, iters int, bioMs float64) {
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(st.NeuronUpdates)*float64(iters)/secs, "neuron-updates/s")
	b.ReportMetric(float64(st.TotalEvents)*float64(iters)/secs, "syn-events/s")
	b.ReportMetric(secs/(float64(iters)*bioMs/1000), "sim-s/bio-s")
}

// BenchmarkLIF100k times one step of 10^5 LIF neurons driven by a
// constant current strong enough to make them fire regularly.
func BenchmarkLIF100k(b *testing.B) {
	for _, w := range workerCounts() {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			net := graph.New(1)
			m := neurons.NewLIF()
			m.SpikeTrace = false
			// R*x = 20 mV drive against a 10 mV gap to threshold.
			m.VInit = dist.Uniform{Min: -62, Max: -52}
			pop := neurons.New("lif", 100_000, m)
			net.AddPopulation(pop)
			net.AddStimulus(&graph.Current{Pop: pop, Amp: neurons.Param{1}})
			net.Workers = w
			sim, err := net.Compile()
			require.NoError(b, err)
			ctx := context.Background()
			for b.Loop() {
				if err := sim.RunSteps(ctx, 1); err != nil {
					b.Fatal(err)
				}
			}
			st := sim.Stats()
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(st.NeuronUpdates)/secs, "neuron-updates/s")
			b.ReportMetric(secs/(float64(st.Steps)*sim.Dt()/1000), "sim-s/bio-s")
		})
	}
}

// BenchmarkCUBA times one second of biological time of the CUBA network
// of Brette et al. (2007), as built by bench/cuba: one iteration is a
// Reset and 10^4 steps of 0.1 ms; only the steps are timed. Besides the
// throughput it reports the mean firing rate.
func BenchmarkCUBA(b *testing.B) {
	const bioMs = 1000
	for _, w := range workerCounts() {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			net := cuba.Build(1)
			net.Workers = w
			sim, err := net.Compile()
			require.NoError(b, err)
			ctx := context.Background()
			var st graph.Stats
			for b.Loop() {
				b.StopTimer()
				require.NoError(b, sim.Reset())
				b.StartTimer()
				if err := sim.Run(ctx, bioMs); err != nil {
					b.Fatal(err)
				}
				st = sim.Stats()
			}
			reportRates(b, st, b.N, bioMs)
			b.ReportMetric(float64(st.TotalSpikes)/cuba.N/(bioMs/1000), "Hz")
		})
	}
}

// BenchmarkMemory10M builds and compiles a network of 10^7 synapses
// (10^4 -> 10^4 neurons, connection probability 0.1, exponential kernel)
// and reports the heap it keeps per synapse, everything included:
// populations, synapse storage, delay buffers and kernel state
// (bytes/synapse), and the bytes allocated while building, transient
// buffers included (alloc-bytes/synapse).
func BenchmarkMemory10M(b *testing.B) {
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		net := graph.New(1)
		pre := neurons.New("pre", 10_000, neurons.NewLIF())
		post := neurons.New("post", 10_000, neurons.NewLIF())
		e := synapses.New("e", pre, post)
		e.Connect = synapses.Random{P: 0.1}
		e.Kernel = &synapses.Exponential{Tau: 5}
		net.AddPopulation(pre, post)
		net.AddSynapse(e)
		sim, err := net.Compile()
		require.NoError(b, err)
		runtime.GC()
		runtime.ReadMemStats(&after)
		n := sim.Synapse("e").Len()
		b.ReportMetric(float64(n), "synapses")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "bytes/synapse")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n), "alloc-bytes/synapse")
		runtime.KeepAlive(sim)
	}
}
