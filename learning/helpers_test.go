package learning_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// pair is a one-synapse network whose pre and post spike times are given:
// two spike generators joined by a synapse carrying the rule. The post
// population ignores its input, so the rule alone is tested.
type pair struct {
	sim  *graph.Sim
	syn  *synapses.Synapse
	post *neurons.Population
}

func newPair(t *testing.T, rule learning.Rule, pre, post []float64, w0, delayMs float64) *pair {
	t.Helper()
	return newPairDt(t, rule, pre, post, w0, delayMs, 0.1)
}

// newPairDt is newPair with time step dt.
func newPairDt(t *testing.T, rule learning.Rule, pre, post []float64, w0, delayMs, dt float64) *pair {
	t.Helper()
	net := graph.New(1)
	net.Dt = dt
	a := neurons.New("pre", 1, neurons.NewSpikeGenerator([][]float64{pre}))
	b := neurons.New("post", 1, neurons.NewSpikeGenerator([][]float64{post}))
	net.AddPopulation(a, b)
	s := synapses.New("syn", a, b)
	s.Weight = dist.Const(w0)
	s.WMax = 10
	s.Delay = dist.Const(delayMs)
	s.Rule = rule
	net.AddSynapse(s)
	sim, err := net.Compile()
	require.NoError(t, err)
	return &pair{sim: sim, syn: s, post: b}
}

func (p *pair) run(t *testing.T, ms float64) {
	t.Helper()
	require.NoError(t, p.sim.Run(context.Background(), ms))
}

func (p *pair) w() float64 { return p.syn.W[0] }
