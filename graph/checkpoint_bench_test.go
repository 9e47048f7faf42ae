//go:build unix

package graph_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// bigNet compiles a network of 10^7 synapses: 10^4 Poisson neurons onto
// 10^4 LIF neurons, each pair connected with p = 0.1, exponential
// currents, per-synapse delays of 0.1 to 5 ms (a delay buffer of 50
// steps) and, if plastic, R-STDP (an eligibility trace per synapse).
func bigNet(tb testing.TB, plastic bool) *graph.Sim {
	tb.Helper()
	net := graph.New(1)
	in := neurons.New("in", 10000, neurons.NewPoisson(20))
	out := neurons.New("out", 10000, neurons.NewLIF())
	net.AddPopulation(in, out)
	s := synapses.New("in_out", in, out)
	s.Connect = synapses.Random{P: 0.1}
	s.Weight = dist.Uniform{Min: 0, Max: 0.05}
	s.Delay = dist.Uniform{Min: 0.1, Max: 5}
	s.Kernel = &synapses.Exponential{Tau: 5}
	if plastic {
		s.Rule = learning.NewRSTDP()
	}
	net.AddSynapse(s)
	sim, err := net.Compile()
	require.NoError(tb, err)
	require.InDelta(tb, 1e7, float64(s.Len()), 1e5)
	require.NoError(tb, sim.Run(context.Background(), 10)) // spikes in flight
	return sim
}

// cpuSeconds returns the CPU time (user and system) of the process.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// timed runs f in a b.Loop and reports its CPU time per op beside the
// wall time (the machine is shared).
func timed(b *testing.B, f func()) {
	cpu := cpuSeconds()
	for b.Loop() {
		f()
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
}

// BenchmarkCheckpoint10M writes the checkpoint of a network of 10^7
// synapses to a file and restores it into a second compilation of the
// network, reporting the time of each (s), the size (bytes per synapse)
// and, for comparison, the time to compile the network afresh.
func BenchmarkCheckpoint10M(b *testing.B) {
	for _, plastic := range []bool{false, true} {
		name := "static"
		if plastic {
			name = "rstdp"
		}
		b.Run(name, func(b *testing.B) {
			sim := bigNet(b, plastic)
			fresh := bigNet(b, plastic)
			path := filepath.Join(b.TempDir(), "ckpt")
			var size int64
			b.Run("checkpoint", func(b *testing.B) {
				timed(b, func() {
					f, err := os.Create(path)
					require.NoError(b, err)
					require.NoError(b, sim.Checkpoint(f))
					require.NoError(b, f.Close())
				})
				st, err := os.Stat(path)
				require.NoError(b, err)
				size = st.Size()
				b.ReportMetric(float64(size)/1e7, "bytes/synapse")
			})
			b.Run("checkpoint-memory", func(b *testing.B) {
				timed(b, func() { require.NoError(b, sim.Checkpoint(io.Discard)) })
			})
			b.Run("restore", func(b *testing.B) {
				timed(b, func() {
					f, err := os.Open(path)
					require.NoError(b, err)
					require.NoError(b, fresh.Restore(f))
					require.NoError(b, f.Close())
				})
			})
			b.Run("fingerprint", func(b *testing.B) {
				timed(b, func() { sim.Fingerprint() })
			})
		})
	}
}
