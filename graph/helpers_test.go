package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// recorder is a test monitor that keeps, for every step it sees, the step
// number and a copy of each watched population's Fired list.
type recorder struct {
	name   string
	pops   []*neurons.Population
	steps  []int
	spikes map[string][][]int32
}

func newRecorder(name string, pops ...*neurons.Population) *recorder {
	return &recorder{name: name, pops: pops, spikes: make(map[string][][]int32)}
}

func (r *recorder) Name() string       { return r.name }
func (r *recorder) Init(float64) error { return nil }

func (r *recorder) Record(k int) error {
	r.steps = append(r.steps, k)
	for _, p := range r.pops {
		r.spikes[p.Name] = append(r.spikes[p.Name], slices.Clone(p.Fired))
	}
	return nil
}

func (r *recorder) Reset() {
	r.steps = nil
	r.spikes = make(map[string][][]int32)
}

// firstSpike returns the first step in which neuron i of population name
// spiked, or -1.
func (r *recorder) firstSpike(name string, i int32) int {
	for k, fired := range r.spikes[name] {
		if slices.Contains(fired, i) {
			return k
		}
	}
	return -1
}

// total returns the number of spikes population name fired.
func (r *recorder) total(name string) int {
	n := 0
	for _, fired := range r.spikes[name] {
		n += len(fired)
	}
	return n
}

// countRule is a learning rule that counts its calls and records the steps
// it was called in.
type countRule struct {
	calls, resets int
	steps         []int
}

func (c *countRule) Kind() string                      { return "count" }
func (c *countRule) Init(learning.Edge, float64) error { return nil }

func (c *countRule) Update(_ learning.Edge, ctx *learning.Context) {
	c.calls++
	c.steps = append(c.steps, ctx.Step)
}

func (c *countRule) Reset() { c.resets++ }

// traceSTDP is a minimal pair-based STDP rule on the populations' traces,
// enough to make weights depend on every spike of a run: a presynaptic
// spike depresses by aMinus times the postsynaptic trace, a postsynaptic
// spike potentiates by aPlus times the presynaptic trace.
type traceSTDP struct{ aPlus, aMinus float64 }

func (r *traceSTDP) Kind() string                      { return "trace_stdp" }
func (r *traceSTDP) Init(learning.Edge, float64) error { return nil }

func (r *traceSTDP) Update(e learning.Edge, c *learning.Context) {
	lo, hi := e.Bounds()
	w := e.Weights()
	for i := range e.NumPre() {
		first, last := e.Outgoing(i)
		for s := first; s < last; s++ {
			j := e.Target(s)
			dw := 0.0
			if c.PreSpikes[i] {
				dw -= r.aMinus * c.PostTrace[j]
			}
			if c.PostSpikes[j] {
				dw += r.aPlus * c.PreTrace[i]
			}
			w[s] = min(max(w[s]+dw, lo), hi)
		}
	}
}

func (r *traceSTDP) Reset() {}

// compile compiles n and fails the test on an error.
func compile(t *testing.T, n *graph.Network) *graph.Sim {
	t.Helper()
	sim, err := n.Compile()
	require.NoError(t, err)
	return sim
}

// runSteps runs sim for k steps and fails the test on an error.
func runSteps(t *testing.T, sim *graph.Sim, k int) {
	t.Helper()
	require.NoError(t, sim.RunSteps(context.Background(), k))
}
