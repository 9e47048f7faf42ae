package graph_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/brunel"
	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/graph"
)

// parWorkerCounts are the worker counts the parallel benchmarks compare:
// one and two (the target is two workers at least 1.7 times as fast as
// one), and every core if there are more.
func parWorkerCounts() []int {
	ws := []int{1, 2}
	if n := runtime.GOMAXPROCS(0); n > 2 {
		ws = append(ws, n)
	}
	return ws
}

// benchRun times bioMs ms of the network that build returns, compiled
// once per worker count; every iteration resets and runs it.
func benchRun(b *testing.B, build func() *graph.Network, bioMs float64) {
	for _, w := range parWorkerCounts() {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			net := build()
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
			b.ReportMetric(float64(st.TotalSpikes)/float64(st.NeuronUpdates)/sim.Dt()*1000, "Hz")
		})
	}
}

// BenchmarkBrunel times 200 ms of the Brunel network of bench/brunel
// (10^4 neurons, 10^7 synapses, 1.5 ms delays, poisson_input background).
func BenchmarkBrunel(b *testing.B) {
	benchRun(b, func() *graph.Network { return brunel.Build(1) }, 200)
}

// BenchmarkCUBA20k times 200 ms of CUBA scaled to 20 000 neurons (8*10^6
// synapses, cuba.BuildN).
func BenchmarkCUBA20k(b *testing.B) {
	benchRun(b, func() *graph.Network { return cuba.BuildN(1, 20000) }, 200)
}

// BenchmarkBuildBrunel times the compilation of the Brunel network
// (drawing its 10^7 synapses) and reports the heap kept and allocated
// per synapse.
func BenchmarkBuildBrunel(b *testing.B) {
	for _, w := range parWorkerCounts() {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			var kept, alloc float64
			for b.Loop() {
				b.StopTimer()
				net := brunel.Build(1)
				net.Workers = w
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				sim, err := net.Compile()
				b.StopTimer()
				require.NoError(b, err)
				runtime.GC()
				runtime.ReadMemStats(&after)
				n := 0
				for _, name := range []string{"ee", "ei", "ie", "ii"} {
					n += sim.Synapse(name).Len()
				}
				kept = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
				alloc = float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
				runtime.KeepAlive(sim)
				b.StartTimer()
			}
			b.ReportMetric(kept, "bytes/synapse")
			b.ReportMetric(alloc, "alloc-bytes/synapse")
		})
	}
}
