package learning

import (
	"fmt"
	"math"
)

// lazyTrace is a set of exponentially decaying spike traces, one per
// synapse or per neuron, decayed lazily: each stores its value and the step
// of its last change and is decayed exactly, by a table of
// exp(-lag*dt/tau), when read. Reading costs a table lookup, and a step
// costs nothing for the traces that see no spike in it.
type lazyTrace struct {
	v []float64
	t []int
	d decayTable
}

// newLazyTrace returns n traces with time constant tau (ms) at time step dt.
func newLazyTrace(n int, tau, dt float64) lazyTrace {
	return lazyTrace{v: make([]float64, n), t: make([]int, n), d: newDecayTable(tau, dt)}
}

// at returns trace i at step k (k not before its last change).
func (x *lazyTrace) at(i, k int) float64 { return x.v[i] * x.d.at(k-x.t[i]) }

// add adds a to trace i at step k.
func (x *lazyTrace) add(i, k int, a float64) { x.v[i], x.t[i] = x.at(i, k)+a, k }

// spike records a spike of trace i at step k: the trace jumps by 1, or is
// set to 1 with nearest-spike interaction.
func (x *lazyTrace) spike(i, k int, nearest bool) {
	if nearest {
		x.v[i], x.t[i] = 1, k
		return
	}
	x.add(i, k, 1)
}

// reset sets every trace to zero.
func (x *lazyTrace) reset() {
	clear(x.v)
	clear(x.t)
}

// checkTau reports an error unless tau is a positive, finite time constant.
func checkTau(name string, tau float64) error {
	if !(tau > 0) || math.IsInf(tau, 0) {
		return fmt.Errorf("%s = %g ms: want a positive, finite time constant", name, tau)
	}
	return nil
}
