package graph_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestFusedMatchesUnfused runs CUBA with the fused step (kernels, LIF and
// threshold in one pass; the assembly kernel where the CPU has it) and
// without it (DeliverAll, then the model's step) and checks that the
// spikes of every step and the final state agree bit for bit, with one
// and two workers, and with traces, input sums and clamps, which the
// fused step hands back to the population.
func TestFusedMatchesUnfused(t *testing.T) {
	const steps = 1500
	for _, c := range []struct {
		name    string
		workers int
		extras  bool
	}{{"plain", 1, false}, {"workers=2", 2, false}, {"traces+sums+clamp", 1, true}} {
		t.Run(c.name, func(t *testing.T) {
			run := func(unfused bool) (*recorder, *graph.Sim) {
				net := cuba.Build(3)
				net.Workers = c.workers
				exc, inh := net.Populations()[0], net.Populations()[1]
				if c.extras {
					exc.Model.(*neurons.LIF).SpikeTrace = true
					exc.SumInput = true
				}
				rec := newRecorder("rec", exc, inh)
				net.AddMonitor(rec)
				sim, err := net.Compile()
				require.NoError(t, err)
				require.ElementsMatch(t, []string{"exc", "inh"}, graph.FusedPopulations(sim))
				if c.extras {
					mask := make([]bool, exc.Len())
					mask[7], mask[100] = true, true
					require.NoError(t, exc.Clamp(mask))
				}
				graph.SetUnfused(sim, unfused)
				require.NoError(t, sim.RunSteps(context.Background(), steps))
				return rec, sim
			}
			rf, sf := run(false)
			ru, su := run(true)
			require.Equal(t, ru.spikes, rf.spikes)
			require.Greater(t, rf.total("exc"), 1000, "the network must be active")
			for _, pop := range []string{"exc", "inh"} {
				pf, pu := sf.Population(pop), su.Population(pop)
				for _, v := range append(pf.Vars(), "summed") {
					a, b := pf.Var(v), pu.Var(v)
					require.Len(t, a, len(b), "%s.%s", pop, v)
					for i := range a {
						if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
							t.Fatalf("%s.%s[%d]: fused %v, unfused %v", pop, v, i, a[i], b[i])
						}
					}
				}
			}
			for _, e := range []string{"ee", "ei", "ie", "ii"} {
				a, b := sf.Synapse(e).Kernel.Var("i"), su.Synapse(e).Kernel.Var("i")
				for i := range a {
					if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
						t.Fatalf("kernel current of %s[%d]: fused %v, unfused %v", e, i, a[i], b[i])
					}
				}
			}
		})
	}
}
