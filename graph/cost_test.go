package graph_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// costly is a model that reports an expensive update (as an equation
// model of Hodgkin-Huxley neurons does) and, if free, that its Step draws
// no random numbers.
type costly struct {
	neurons.Model
	cost float64
	free bool
}

func (c *costly) StepCost() float64      { return c.cost }
func (c *costly) StepDrawsNothing() bool { return c.free }

// costlyNetwork is a Poisson input driving 3000 LIF neurons (one chunk)
// in recurrence, in one stage.
func costlyNetwork(workers int, cost float64, free bool) (*graph.Network, *recorder) {
	n := graph.New(3)
	n.Workers = workers
	in := neurons.New("in", 200, neurons.NewPoisson(30))
	lif := neurons.NewLIF()
	lif.VInit = dist.Uniform{Min: -62, Max: -53}
	pop := neurons.New("pop", 3000, &costly{Model: lif, cost: cost, free: free})
	n.AddPopulation(in, pop)
	ff := synapses.New("ff", in, pop)
	ff.Connect, ff.Weight, ff.Delay = synapses.Random{P: 0.05}, dist.Uniform{Min: 0, Max: 30}, dist.Const(1)
	rec := synapses.New("rec", pop, pop)
	rec.Connect, rec.Weight, rec.Delay = synapses.Random{P: 0.01}, dist.Uniform{Min: 0, Max: 5}, dist.Uniform{Min: 0.5, Max: 2}
	n.AddSynapse(ff, rec)
	r := newRecorder("spikes", in, pop)
	n.AddMonitor(r)
	return n, r
}

func TestCostWeightedStages(t *testing.T) {
	tests := []struct {
		name     string
		cost     float64
		free     bool
		parallel bool
		tasks    func(workers int) int // advance tasks of the stage
	}{
		{"cheap model", 1, true, false, func(int) int { return 2 }},
		// in (one chunk) and pop in a segment per worker
		{"expensive model is spread and split", 100, true, true, func(w int) int { return 1 + w }},
		{"expensive model that draws is not split", 100, false, true, func(int) int { return 2 }},
	}
	// The flags change the schedule, never the results: every case gives
	// the spikes of the first.
	var first map[string][][]int32
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ref []*recorder
			var v [][]float64
			for _, workers := range []int{1, 2, 8} {
				n, rec := costlyNetwork(workers, tt.cost, tt.free)
				sim := compile(t, n)
				require.Equal(t, [][]string{{"in", "pop"}}, sim.Stages())
				assert.Equal(t, []bool{tt.parallel}, graph.ParallelStages(sim))
				assert.Equal(t, []int{tt.tasks(workers)}, graph.AdvanceTasks(sim))
				require.NoError(t, sim.Run(context.Background(), 100))
				ref = append(ref, rec)
				v = append(v, slices.Clone(sim.Population("pop").Var("v")))
			}
			total := 0
			for _, f := range ref[0].spikes["pop"] {
				total += len(f)
			}
			require.Greater(t, total, 1000, "the population is almost silent")
			for i := 1; i < len(ref); i++ {
				assert.Equal(t, ref[0].spikes, ref[i].spikes, fmt.Sprint("run ", i))
				assert.Equal(t, v[0], v[i], fmt.Sprint("run ", i))
			}
			if first == nil {
				first = ref[0].spikes
			}
			assert.Equal(t, first, ref[0].spikes)
		})
	}
}

// TestCOBAHHSpreads checks the schedule of examples/cobahh: its 4000
// Hodgkin-Huxley neurons (equation models, one chunk per population) form
// one stage that is spread over the workers, each population in one
// piece per worker (its segments, owners.go).
func TestCOBAHHSpreads(t *testing.T) {
	net, diags := dsl.Load("../examples/cobahh", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	require.Equal(t, [][]string{{"exc", "inh"}}, sim.Stages())
	assert.Equal(t, []bool{true}, graph.ParallelStages(sim))
	assert.Equal(t, []int{2 * sim.Workers()}, graph.AdvanceTasks(sim)) // 3200 and 800 neurons
}
