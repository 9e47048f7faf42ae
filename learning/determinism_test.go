package learning_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// plasticNet builds a small random network whose edges carry every rule
// of this package, on dense and sparse topologies with per-synapse delays,
// with a reward schedule feeding dopamine.
func plasticNet(t *testing.T, workers int) (*graph.Sim, []*synapses.Synapse) {
	t.Helper()
	net := graph.New(11)
	net.Workers = workers
	net.ChunkSize = 8
	in := neurons.New("in", 40, neurons.NewPoisson(40))
	exc := neurons.New("exc", 30, neurons.NewLIF())
	inh := neurons.New("inh", 12, neurons.NewLIF())
	inh.IsInhibitory = true
	net.AddPopulation(in, exc, inh)
	net.AddStimulus(&graph.Current{Pop: exc, Amp: neurons.Param{0.4}}, &graph.Current{Pop: inh, Amp: neurons.Param{0.4}})
	net.AddReward(&graph.Schedule{Times: []float64{50, 120, 200}, Amounts: []float64{1, -0.5, 2}})

	lr := func(b *learning.Base) { b.LR = []float64{0.002, 0.003} }
	flat, flatR, m, met := learning.NewFlatSTDP(), learning.NewFlatRSTDP(), learning.NewMSTDP(), learning.NewMSTDPET()
	for _, b := range []*learning.Base{&flat.Base, &flatR.Base, &m.Base, &met.Base} {
		lr(b)
	}
	triplet, vogels := learning.NewTripletSTDP(), learning.NewVogelsISTDP()
	triplet.Interaction = "nearest"
	flatR.Bound, flatR.WMax = "soft", []float64{1}
	edges := []struct {
		name     string
		pre, pst *neurons.Population
		conn     synapses.Connector
		rule     learning.Rule
	}{
		{"in_exc_triplet", in, exc, synapses.Dense{}, triplet},
		{"in_exc_flat", in, exc, synapses.Random{P: 0.3}, flat},
		{"exc_exc_mstdpet", exc, exc, synapses.Random{P: 0.2}, met},
		{"in_inh_mstdp", in, inh, synapses.Dense{}, m},
		{"inh_exc_vogels", inh, exc, synapses.Random{P: 0.5}, vogels},
		{"exc_inh_flat_rstdp", exc, inh, synapses.Random{P: 0.4}, flatR},
	}
	var syns []*synapses.Synapse
	for _, e := range edges {
		s := synapses.New(e.name, e.pre, e.pst)
		s.Connect = e.conn
		s.Weight = dist.Uniform{Min: 0.2, Max: 0.6}
		s.WMax = 2
		s.Delay = dist.Uniform{Min: 0.1, Max: 4}
		s.Rule = e.rule
		net.AddSynapse(s)
		syns = append(syns, s)
	}
	sim, err := net.Compile()
	require.NoError(t, err)
	return sim, syns
}

// TestDeterminismAcrossWorkers: with every rule learning at once, the
// weights after a run are bit-identical with one worker and with two.
func TestDeterminismAcrossWorkers(t *testing.T) {
	weights := func(workers int) ([][]float64, [][]float64) {
		sim, syns := plasticNet(t, workers)
		var before, after [][]float64
		for _, s := range syns {
			before = append(before, slices.Clone(s.W))
		}
		require.NoError(t, sim.Run(ctx(), 300))
		for _, s := range syns {
			require.NotNil(t, s.D, "%s: per-synapse delays", s.Name)
			after = append(after, slices.Clone(s.W))
		}
		return before, after
	}
	before, one := weights(1)
	_, two := weights(2)
	for i := range one {
		assert.NotEqual(t, before[i], one[i], "edge %d learned", i)
		assert.Equal(t, one[i], two[i], "edge %d: 1 vs 2 workers", i)
	}
}

// TestResetRepeats: after Sim.Reset (which resets the rules' traces) and
// restoring the weights, a second run repeats the first exactly.
func TestResetRepeats(t *testing.T) {
	sim, syns := plasticNet(t, 2)
	var w0 [][]float64
	for _, s := range syns {
		w0 = append(w0, slices.Clone(s.W))
	}
	require.NoError(t, sim.Run(ctx(), 200))
	var first [][]float64
	for _, s := range syns {
		first = append(first, slices.Clone(s.W))
	}
	require.NoError(t, sim.Reset())
	for i, s := range syns {
		copy(s.W, w0[i])
	}
	require.NoError(t, sim.Run(ctx(), 200))
	for i, s := range syns {
		assert.Equal(t, first[i], s.W, "edge %s", s.Name)
	}
}
