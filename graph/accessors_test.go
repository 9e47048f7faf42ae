package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestAccessorsReturnWhatWasAddedInOrder(t *testing.T) {
	n := graph.New(1)
	assert.Empty(t, n.Populations(), "a new network is empty")
	assert.Empty(t, n.Synapses())
	assert.Empty(t, n.Stimuli())
	assert.Empty(t, n.Rewards())
	assert.Empty(t, n.Decisions())
	assert.Empty(t, n.Monitors())

	a := neurons.New("a", 2, neurons.NewLIF())
	b := neurons.New("b", 3, neurons.NewLIF())
	c := neurons.New("c", 1, neurons.NewLIF())
	n.AddPopulation(b, a)
	n.AddPopulation(c)
	ab, ba := synapses.New("ab", a, b), synapses.New("ba", b, a)
	n.AddSynapse(ba)
	n.AddSynapse(ab)
	s1, s2 := &graph.Current{Pop: a, Amp: neurons.Param{1}}, &graph.Current{Pop: b, Amp: neurons.Param{2}}
	n.AddStimulus(s2, s1)
	r1, r2 := &graph.Schedule{Times: []float64{1}, Amounts: []float64{1}}, &graph.Schedule{Times: []float64{2}, Amounts: []float64{-1}}
	n.AddReward(r2)
	n.AddReward(r1)
	d := &graph.KWTA{Pop: b, K: 1}
	n.AddDecision(d)
	m1, m2 := monitors.NewSpikeMonitor("m1", a), monitors.NewRateMonitor("m2", b)
	n.AddMonitor(m2, m1)

	assert.Equal(t, []*neurons.Population{b, a, c}, n.Populations())
	assert.Equal(t, []*synapses.Synapse{ba, ab}, n.Synapses())
	assert.Equal(t, []graph.Stimulus{s2, s1}, n.Stimuli())
	assert.Equal(t, []graph.Reward{r2, r1}, n.Rewards())
	assert.Equal(t, []graph.Decision{d}, n.Decisions())
	assert.Equal(t, []monitors.Monitor{m2, m1}, n.Monitors())
	// A later Add shows in the next read.
	n.AddPopulation(neurons.New("d", 1, neurons.NewLIF()))
	assert.Len(t, n.Populations(), 4)
}
