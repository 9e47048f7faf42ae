package graph_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
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

// TestFusedEquationLIF checks that CUBA with an equation LIF (the form a
// neuron_model block compiles to) instead of the built-in one takes the
// fused step, and that the fused and unfused runs agree bit for bit.
func TestFusedEquationLIF(t *testing.T) {
	d, err := equations.Compile(equations.Spec{
		Name:       "eq_lif",
		Equations:  "dv/dt = (-(v - E_L) + R*I)/tau_m : mV (unless refractory)",
		Threshold:  "v > V_th",
		Reset:      "v = V_reset",
		Refractory: "t_ref",
		Method:     "exact",
		Params:     map[string]string{"E_L": "-49 mV", "R": "1 MOhm", "tau_m": "20 ms", "V_th": "-50 mV", "V_reset": "-60 mV", "t_ref": "5 ms"},
	})
	require.NoError(t, err)
	run := func(unfused bool) (*recorder, *graph.Sim) {
		net := cuba.Build(5)
		net.Workers = 1
		for _, p := range net.Populations() {
			m := d.New()
			require.NoError(t, m.SetInit("v", dist.Uniform{Min: -60, Max: -50}))
			p.Model = m
		}
		rec := newRecorder("rec", net.Populations()...)
		net.AddMonitor(rec)
		sim, err := net.Compile()
		require.NoError(t, err)
		require.ElementsMatch(t, []string{"exc", "inh"}, graph.FusedPopulations(sim))
		_, _, _, ok := sim.Population("exc").Model.(neurons.FusedLinear).FusedLIF()
		require.True(t, ok, "the equation LIF does not take the fused form")
		graph.SetUnfused(sim, unfused)
		require.NoError(t, sim.RunSteps(context.Background(), 1500))
		return rec, sim
	}
	rf, sf := run(false)
	ru, su := run(true)
	require.Equal(t, ru.spikes, rf.spikes)
	require.Greater(t, rf.total("exc"), 500, "the network must be active")
	a, b := sf.Population("exc").Var("v"), su.Population("exc").Var("v")
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			t.Fatalf("v[%d]: fused %v, unfused %v", i, a[i], b[i])
		}
	}
}
