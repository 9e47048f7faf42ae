package equations_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// cubaSTDPSpec is the pair STDP of graph's BenchmarkCUBAPlastic written as
// equations: tau 20 ms both ways, changes of about 0.1% of w_e per pair,
// hard bounds [0, 2*w_e].
var cubaSTDPSpec = equations.SynapseSpec{Name: "stdp_cuba",
	Equations: `
		w : 1
		dapre/dt  = -apre/tau_pre   : 1 (event-driven)
		dapost/dt = -apost/tau_post : 1 (event-driven)`,
	OnPre:  "w = clip(w - ltd*apost, 0, w_max); apre += 1",
	OnPost: "w = clip(w + ltp*apre, 0, w_max); apost += 1",
	Params: map[string]string{"tau_pre": "20 ms", "tau_post": "20 ms",
		"ltd": fmt.Sprint(1.05e-3 * cuba.WE), "ltp": fmt.Sprint(1e-3 * cuba.WE), "w_max": fmt.Sprint(2 * cuba.WE)},
}

// compileCUBASTDP compiles the CUBA network with pair STDP on its
// excitatory edges ee and ei: the built-in rule, or its equation form.
func compileCUBASTDP(tb testing.TB, seed uint64, workers int, eq bool) *graph.Sim {
	tb.Helper()
	net := cuba.Build(seed)
	net.Workers = workers
	sim, err := net.Compile()
	require.NoError(tb, err)
	def, err := equations.CompileSynapse(cubaSTDPSpec)
	require.NoError(tb, err)
	for _, name := range []string{"ee", "ei"} {
		if eq {
			r := def.NewRule()
			r.Name = name
			sim.Synapse(name).Rule = r
		} else {
			r := learning.NewSTDP()
			r.LR = []float64{1.05e-3 * cuba.WE, 1e-3 * cuba.WE}
			r.WMin, r.WMax = []float64{0}, []float64{2 * cuba.WE}
			sim.Synapse(name).Rule = r
		}
	}
	sim, err = net.Compile()
	require.NoError(tb, err)
	return sim
}

// TestCUBAEquationSTDP: the equation rule gives the built-in rule's
// weights on the CUBA network (100 ms), and the same spikes.
func TestCUBAEquationSTDP(t *testing.T) {
	if testing.Short() {
		t.Skip("CUBA network")
	}
	b, e := compileCUBASTDP(t, 3, 1, false), compileCUBASTDP(t, 3, 1, true)
	require.NoError(t, b.Run(context.Background(), 100))
	require.NoError(t, e.Run(context.Background(), 100))
	require.Equal(t, b.Stats().Spikes, e.Stats().Spikes)
	for _, name := range []string{"ee", "ei"} {
		wb, we := b.Synapse(name).W, e.Synapse(name).W
		moved := 0
		for s := range wb {
			require.InDelta(t, wb[s], we[s], 1e-12, "%s synapse %d", name, s)
			if wb[s] != cuba.WE {
				moved++
			}
		}
		require.Greater(t, moved, len(wb)/10, name)
	}
}

// BenchmarkCUBAEquationSTDP runs one second of the CUBA network with
// pair STDP on its excitatory edges, the built-in rule and its equation
// form in alternation, and reports the cost of each (sim-s/bio-s) and
// their ratio (equations/built-in).
func BenchmarkCUBAEquationSTDP(b *testing.B) {
	const bioMs = 1000
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			bi, eq := compileCUBASTDP(b, 1, w, false), compileCUBASTDP(b, 1, w, true)
			ctx := context.Background()
			var tb, te, cb, ce time.Duration
			for b.Loop() {
				for _, run := range []struct {
					sim      *graph.Sim
					dur, cpu *time.Duration
				}{{bi, &tb, &cb}, {eq, &te, &ce}} {
					require.NoError(b, run.sim.Reset())
					start, c0 := time.Now(), cpuTime()
					if err := run.sim.Run(ctx, bioMs); err != nil {
						b.Fatal(err)
					}
					*run.dur += time.Since(start)
					*run.cpu += cpuTime() - c0
				}
			}
			n := float64(b.N)
			b.ReportMetric(tb.Seconds()/n/(bioMs/1000), "builtin-sim-s/bio-s")
			b.ReportMetric(te.Seconds()/n/(bioMs/1000), "equations-sim-s/bio-s")
			b.ReportMetric(te.Seconds()/tb.Seconds(), "equations/builtin")
			// CPU time of the process (user + system, all threads).
			b.ReportMetric(cb.Seconds()/n/(bioMs/1000), "builtin-cpu-s/bio-s")
			b.ReportMetric(ce.Seconds()/n/(bioMs/1000), "equations-cpu-s/bio-s")
		})
	}
}

// BenchmarkSynapseEventDriven runs pair STDP written as equations on an
// edge whose synapses double from one case to the next while the spikes
// and the synaptic events stay the same: the edge is block-diagonal, 200
// active source neurons all-to-all onto 200 active targets, plus silent
// sources all-to-all onto silent targets. The cost per step follows the
// events (spikes x fan-out), not the synapses.
func BenchmarkSynapseEventDriven(b *testing.B) {
	def, err := equations.CompileSynapse(cubaSTDPSpec)
	require.NoError(b, err)
	const active, steps = 200, 2000
	r := newRandTimes()
	pre := r(active, 20, steps)
	post := r(active, 10, steps)
	for _, silent := range []int{0, 200, 346, 529} {
		n := active + silent
		b.Run(fmt.Sprintf("synapses=%d", active*active+silent*silent), func(b *testing.B) {
			preT := append(append([][]float64(nil), pre...), make([][]float64, silent)...)
			postT := append(append([][]float64(nil), post...), make([][]float64, silent)...)
			net := graph.New(1)
			net.Workers = 1
			a := neurons.New("pre", n, neurons.NewSpikeGenerator(preT))
			c := neurons.New("post", n, neurons.NewSpikeGenerator(postT))
			net.AddPopulation(a, c)
			s := synapses.New("syn", a, c)
			s.Connect = blocks{active}
			s.Weight, s.WMax = dist.Const(1), 10
			s.Rule = def.NewRule()
			net.AddSynapse(s)
			sim, err := net.Compile()
			require.NoError(b, err)
			var cpu time.Duration
			for b.Loop() {
				require.NoError(b, sim.Reset())
				c0 := cpuTime()
				require.NoError(b, sim.RunSteps(context.Background(), steps))
				cpu += cpuTime() - c0
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/steps, "ns/step")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/steps, "cpu-ns/step")
			b.ReportMetric(float64(sim.Stats().TotalEvents)/steps, "events/step")
		})
	}
}

// blocks connects the first k sources to the first k targets and the
// others to the others, all-to-all within each block.
type blocks struct{ k int }

func (c blocks) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(pre, post int)) error {
	for i := range nPre {
		for j := range nPost {
			if (i < c.k) == (j < c.k) {
				add(i, j)
			}
		}
	}
	return nil
}

func (c blocks) String() string { return fmt.Sprintf("blocks(%d)", c.k) }

// cpuTime returns the CPU time (user + system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// newRandTimes returns a generator of Poisson spike times (ms, dt 0.1)
// for n neurons at rate Hz over the given steps.
func newRandTimes() func(n int, rate float64, steps int) [][]float64 {
	seed := uint64(0)
	return func(n int, rate float64, steps int) [][]float64 {
		seed++
		rs := dist.Stream(seed, "times", 0)
		out := make([][]float64, n)
		for i := range out {
			for k := range steps {
				if rs.Float64() < rate*1e-4 {
					out[i] = append(out[i], float64(k)*0.1)
				}
			}
		}
		return out
	}
}
