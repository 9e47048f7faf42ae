package learning

import (
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
)

// lazyTrace is a set of exponentially decaying spike traces, one per
// synapse or per neuron, decayed lazily: each stores its value and the step
// of its last change and is decayed exactly, by exp(-lag*dt/tau), when
// read. The factors of the first maxTableLags lags come from a table, so
// reading costs a lookup, and a step costs nothing for the traces that
// see no spike in it.
type lazyTrace struct {
	v       []float64
	t       []int
	table   []float64 // table[lag] = exp(-lag*dt/tau)
	dt, tau float64
}

// maxTableLags bounds the decay table (32 KiB): slow traces at small dt
// (tau_x = 946 ms at dt = 0.1 ms reaches 1e-18 only after 392,000 steps)
// compute the rarer long lags with exp.
const maxTableLags = 4096

// newLazyTrace returns n traces with time constant tau (ms) at time step dt.
func newLazyTrace(n int, tau, dt float64) lazyTrace {
	x := lazyTrace{v: make([]float64, n), t: make([]int, n), dt: dt, tau: tau}
	x.table = make([]float64, min(maxTableLags, int(math.Ceil(-math.Log(1e-18)*tau/dt))+1))
	for i := range x.table {
		x.table[i] = math.Exp(-float64(i) * dt / tau)
	}
	return x
}

// at returns trace i at step k (k not before its last change).
func (x *lazyTrace) at(i, k int) float64 {
	lag := k - x.t[i]
	if lag < len(x.table) {
		return x.v[i] * x.table[lag]
	}
	if x.v[i] == 0 {
		return 0
	}
	return x.v[i] * math.Exp(-float64(lag)*x.dt/x.tau)
}

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
		return paramerr.Errorf(name, -1, "%s = %g ms: want a positive, finite time constant", name, tau)
	}
	return nil
}
