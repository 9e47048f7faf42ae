package learning_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// at converts steps to spike times in ms for a spike generator.
func at(dt float64, steps ...int) []float64 {
	out := make([]float64, len(steps))
	for i, k := range steps {
		out[i] = float64(k) * dt
	}
	return out
}

// newStepPair is newPair with spike times in steps: the pre spike emitted
// in step k arrives in step k+1 (delay one step), so pre lists the arrival
// steps.
func newStepPair(t *testing.T, rule learning.Rule, arrivals, post []int, w0, dt float64) *pair {
	t.Helper()
	emit := make([]int, len(arrivals))
	for i, a := range arrivals {
		emit[i] = a - 1
	}
	return newPairDt(t, rule, at(dt, emit...), at(dt, post...), w0, dt, dt)
}

// newSpikeNet joins two spike generators of several neurons with an edge
// of topology conn and per-synapse delays drawn from delay; the weights
// start at w0 in [0, 10].
func newSpikeNet(t *testing.T, rule learning.Rule, pre, post [][]float64, conn synapses.Connector, delay dist.Dist, w0, dt float64) *pair {
	t.Helper()
	net := graph.New(7)
	net.Dt = dt
	a := neurons.New("pre", len(pre), neurons.NewSpikeGenerator(pre))
	b := neurons.New("post", len(post), neurons.NewSpikeGenerator(post))
	net.AddPopulation(a, b)
	s := synapses.New("syn", a, b)
	s.Connect = conn
	s.Weight = dist.Const(w0)
	s.WMax = 10
	s.Delay = delay
	s.Rule = rule
	net.AddSynapse(s)
	sim, err := net.Compile()
	require.NoError(t, err)
	return &pair{sim: sim, syn: s, post: b}
}

// arrivalSteps returns, for every synapse of p's edge, the steps at which
// the spikes of its source (emitted at the given steps) arrive.
func arrivalSteps(p *pair, preSteps [][]int) [][]int {
	e := p.syn
	out := make([][]int, e.Len())
	for s := range out {
		d := e.DelaySteps
		if e.D != nil {
			d = int(e.D[s])
		}
		for _, k := range preSteps[e.Source(s)] {
			out[s] = append(out[s], k+d)
		}
	}
	return out
}

// ctx is the context of the tests' runs.
func ctx() context.Context { return context.Background() }

// pow returns x**n for a whole n.
func pow(x float64, n int) float64 { return math.Pow(x, float64(n)) }

// compileErr builds a one-synapse network with rule and returns Compile's
// error.
func compileErr(rule learning.Rule) error {
	net := graph.New(1)
	a := neurons.New("pre", 1, neurons.NewSpikeGenerator(nil))
	b := neurons.New("post", 1, neurons.NewSpikeGenerator(nil))
	net.AddPopulation(a, b)
	s := synapses.New("syn", a, b)
	s.WMax = 10
	s.Rule = rule
	net.AddSynapse(s)
	_, err := net.Compile()
	return err
}
