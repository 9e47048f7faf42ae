package synapses_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestDeltaJumpInNetwork runs the delta kernel in a network: a jump that
// crosses the threshold spikes in its arrival step (the jump comes before
// the threshold check), a jump during the refractory period is lost, and
// the same holds for Euler and exact integration and any dt.
func TestDeltaJumpInNetwork(t *testing.T) {
	for _, method := range []neurons.Method{neurons.Euler, neurons.Exact} {
		for _, dt := range []float64{0.1, 0.01} {
			n := graph.New(1)
			n.Dt = dt
			// spikes at 1 ms (jump 9.5: below threshold), 2 ms (9.5 more:
			// above), 3 ms (refractory: lost).
			src := neurons.New("src", 1, neurons.NewSpikeGenerator([][]float64{{1, 2, 3}}))
			m := neurons.NewLIF()
			m.Method, m.TauM = method, neurons.Param{1e9} // no leak to speak of
			dst := neurons.New("dst", 1, m)
			e := synapses.New("e", src, dst)
			e.Weight = dist.Const(9.5)
			n.AddPopulation(src, dst)
			n.AddSynapse(e)
			sim, err := n.Compile()
			require.NoError(t, err)
			arrive := func(ms float64) int { return int(ms/dt+0.5) + 1 }
			require.NoError(t, sim.RunSteps(t.Context(), arrive(1)+1))
			assert.InDelta(t, -62+9.5, dst.Var("v")[0], 1e-6, "%s dt %g: first jump", method, dt)
			require.NoError(t, sim.RunSteps(t.Context(), arrive(2)-arrive(1)-1))
			assert.Zero(t, dst.Spikes, "%s dt %g: not before the second arrival", method, dt)
			require.NoError(t, sim.RunSteps(t.Context(), 1))
			assert.Equal(t, int64(1), dst.Spikes, "%s dt %g: the second jump crosses the threshold in its step", method, dt)
			assert.Equal(t, -62.0, dst.Var("v")[0], "reset")
			require.NoError(t, sim.RunSteps(t.Context(), arrive(3)-arrive(2)))
			assert.Equal(t, -62.0, dst.Var("v")[0], "%s dt %g: a jump into a refractory neuron is lost", method, dt)
		}
	}
}

// TestDeltaDeterministicAcrossWorkers: a recurrent network with delta
// synapses gives bit-identical potentials for 1 and 4 workers.
func TestDeltaDeterministicAcrossWorkers(t *testing.T) {
	run := func(workers int) []float64 {
		n := graph.New(7)
		n.Workers, n.ChunkSize = workers, 64
		noise := neurons.New("noise", 400, neurons.NewPoisson(20))
		m := neurons.NewLIF()
		m.VInit = dist.Uniform{Min: -62, Max: -53}
		p := neurons.New("p", 500, m)
		in := synapses.New("in", noise, p)
		in.Connect, in.Weight = synapses.FixedTotal{N: 20000}, dist.Uniform{Min: 0, Max: 1}
		rec := synapses.New("rec", p, p)
		rec.Connect, rec.Weight = &synapses.Distance{P0: 0.3, Sigma: 20, Periodic: true}, dist.Const(0.4)
		n.AddPopulation(noise, p)
		n.AddSynapse(in, rec)
		sim, err := n.Compile()
		require.NoError(t, err)
		require.NoError(t, sim.RunSteps(t.Context(), 500))
		require.Positive(t, p.Spikes)
		return append([]float64(nil), p.Var("v")...)
	}
	assert.Equal(t, run(1), run(4))
}
