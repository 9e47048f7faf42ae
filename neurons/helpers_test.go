package neurons_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// driver advances one population directly, without a network.
type driver struct {
	p *neurons.Population
	k int
	x []float64
}

// newDriver initialises a population of n neurons of model m with time
// step dt (ms) and seed 1.
func newDriver(t testing.TB, n int, m neurons.Model, dt float64) *driver {
	t.Helper()
	p := neurons.New("pop", n, m)
	require.NoError(t, p.Init(dt, 1, 0))
	return &driver{p: p, x: make([]float64, n)}
}

// step takes the next step with input x: one value for every neuron, or
// one per neuron. It returns the spikes of the step (a copy).
func (d *driver) step(t testing.TB, x ...float64) []bool {
	t.Helper()
	for i := range d.x {
		switch len(x) {
		case 0:
			d.x[i] = 0
		case 1:
			d.x[i] = x[0]
		default:
			d.x[i] = x[i]
		}
	}
	for c := range d.p.NumChunks() {
		require.NoError(t, d.p.Step(d.p.Chunk(c, d.k), d.x))
	}
	d.p.Collect()
	d.k++
	return append([]bool(nil), d.p.S...)
}

// spikeSteps runs n steps of constant input x on a one-neuron population
// and returns the steps in which it spiked.
func (d *driver) spikeSteps(t testing.TB, n int, x float64) []int {
	t.Helper()
	var out []int
	for range n {
		k := d.k
		if d.step(t, x)[0] {
			out = append(out, k)
		}
	}
	return out
}

// v returns state variable name of neuron i.
func (d *driver) v(t testing.TB, name string, i int) float64 {
	t.Helper()
	v := d.p.Var(name)
	require.NotNil(t, v, "variable %q", name)
	return v[i]
}
