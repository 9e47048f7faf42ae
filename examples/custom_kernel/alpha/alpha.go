// Package alpha is a synapse kernel written outside the engine: the alpha
// function, a current that rises and decays with one time constant,
//
//	i(t) = w * (t/tau) * exp(1 - t/tau)
//
// for a spike of weight w arriving at t = 0: 0 at the arrival, peak w at
// t = tau. It is integrated exactly as two coupled exponential states
// (y1 jumps by w*e/tau at an arrival and decays; i integrates y1 and
// decays), so its values at the steps are the closed form's.
package alpha

import (
	"math"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Kernel is the alpha-function current kernel, kind "my_alpha" (the built-in "alpha" kernel of package synapses is the same current; this one shows how a kernel is written outside the engine).
type Kernel struct {
	Tau float64 `param:"tau" unit:"ms" gt:"0" doc:"time to peak of the alpha-shaped current"`

	// I is the synaptic current per target neuron, "i".
	I     []float64
	y1    []float64
	decay float64 // exp(-dt/tau)
	dt    float64
}

// New returns an alpha kernel with tau = 2 ms.
func New() *Kernel { return &Kernel{Tau: 2} }

// Kind returns "my_alpha".
func (*Kernel) Kind() string { return "my_alpha" }

// Init implements synapses.Kernel.
func (k *Kernel) Init(n int, dt float64, _ bool) error {
	if !(k.Tau > 0) || math.IsInf(k.Tau, 0) {
		return paramerr.Errorf("tau", -1, "alpha kernel: tau = %g ms, want a positive number", k.Tau)
	}
	k.I, k.y1 = make([]float64, n), make([]float64, n)
	k.decay, k.dt = math.Exp(-dt/k.Tau), dt
	return nil
}

// Signed returns true: an inhibitory source delivers negative currents.
func (*Kernel) Signed() bool { return true }

// NeedsV returns false.
func (*Kernel) NeedsV() bool { return false }

// Deliver implements synapses.Kernel: it advances both states by one step
// (the exact propagator of y1' = -y1/tau, i' = y1 - i/tau), adds the
// arrivals to y1 and the current to x.
func (k *Kernel) Deliver(a, x, _ []float64, lo, hi int) {
	d, jump := k.decay, math.E/k.Tau
	for j := lo; j < hi; j++ {
		k.I[j] = d*k.I[j] + k.dt*d*k.y1[j]
		k.y1[j] = d*k.y1[j] + a[j]*jump
		x[j] += k.I[j]
		a[j] = 0
	}
}

// Var returns "i", the current.
func (k *Kernel) Var(name string) []float64 {
	if name == "i" {
		return k.I
	}
	return nil
}

// Reset clears the state.
func (k *Kernel) Reset() {
	clear(k.I)
	clear(k.y1)
}
