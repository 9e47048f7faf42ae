package monitors_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// growRule adds Rate*dt to every weight in every step.
type growRule struct{ Rate float64 }

func (growRule) Kind() string                      { return "grow" }
func (growRule) Init(learning.Edge, float64) error { return nil }
func (growRule) Reset()                            {}
func (g growRule) Update(e learning.Edge, c *learning.Context) {
	w := e.Weights()
	for s := range w {
		w[s] += g.Rate * c.Dt
	}
}

// listEdge returns an edge from a 2-neuron to a 3-neuron population with
// the synapses 0->2 (0.5), 1->0 (0.25), 1->2 (0.75), which is also their
// CSR order.
func listEdge() (*synapses.Synapse, *neurons.Population, *neurons.Population) {
	pre, post := lifPop("pre", 2), lifPop("post", 3)
	e := synapses.New("e", pre, post)
	e.Connect = synapses.List{Pre: []int{0, 1, 1}, Post: []int{2, 0, 2}, Weight: []float64{0.5, 0.25, 0.75}}
	return e, pre, post
}

func TestWeightMonitor(t *testing.T) {
	e, pre, post := listEdge()
	const rate = 0.2 // weight per ms
	e.Rule = growRule{Rate: rate}
	mon := monitors.NewWeightMonitor("w", e, 2, []int{2, 0})
	net := graph.New(1)
	net.AddPopulation(pre, post)
	net.AddSynapse(e)
	net.AddMonitor(mon)
	sim, err := net.Compile()
	require.NoError(t, err)
	const steps = 9
	run(t, sim, steps)

	// The record of step k holds the weights after learning in step k:
	// w0 + (k+1)*rate*dt.
	require.Equal(t, []int{0, 2, 4, 6, 8}, mon.Steps())
	w := mon.Get("w")
	for j, k := range mon.Steps() {
		grown := float64(k+1) * rate * dt
		assert.InDelta(t, 0.75+grown, w.At(j, 0), 1e-12, "synapse 1->2 after step %d", k)
		assert.InDelta(t, 0.5+grown, w.At(j, 1), 1e-12, "synapse 0->2 after step %d", k)
	}

	m := monitors.Matrix(e)
	r, c := m.Dims()
	require.Equal(t, 2, r)
	require.Equal(t, 3, c)
	grown := steps * rate * dt
	want := [][]float64{{0, 0, 0.5 + grown}, {0.25 + grown, 0, 0.75 + grown}}
	for i := range want {
		for j := range want[i] {
			assert.InDelta(t, want[i][j], m.At(i, j), 1e-12, "weight %d->%d", i, j)
		}
	}
}

func TestSynapseMonitorKernelCurrent(t *testing.T) {
	// One source spiking at 0 and 1 ms; each spike reaches target 1 one
	// step later and makes the exponential current jump by the weight.
	const (
		w   = 0.5
		tau = 2.0 // ms
	)
	spikeSteps := []int{0, 10}
	src := neurons.New("src", 1, neurons.NewSpikeGenerator([][]float64{{0, 1}}))
	dst := lifPop("dst", 2)
	e := synapses.New("e", src, dst)
	e.Connect = synapses.List{Pre: []int{0}, Post: []int{1}, Weight: []float64{w}}
	e.Kernel = &synapses.Exponential{Tau: tau}
	mon := monitors.NewSynapseMonitor("i", e, "i")
	net := graph.New(1)
	net.AddPopulation(src, dst)
	net.AddSynapse(e)
	net.AddMonitor(mon)
	sim, err := net.Compile()
	require.NoError(t, err)
	run(t, sim, 40)

	cur := mon.Get("i")
	r, c := cur.Dims()
	require.Equal(t, 40, r)
	require.Equal(t, 2, c)
	for k := range r {
		want := 0.0
		for _, s := range spikeSteps {
			if k > s {
				want += w * math.Exp(-float64(k-s-1)*dt/tau)
			}
		}
		assert.Zero(t, cur.At(k, 0), "target 0 has no synapse")
		assert.InDelta(t, want, cur.At(k, 1), 1e-12, "current after step %d", k)
	}
}
