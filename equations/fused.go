package equations

import (
	"math"

	"github.com/synapticflow/synapticflow-go/internal/fused"
)

// FusedLIF implements neurons.FusedLinear: an equation model on the fused
// path of stepFast (one linear state variable, shared parameters, a
// constant threshold and reset) with a refractory period, whose update
// v' = p*v + a + b*x is the fused form with S0 = 0 (v - 0 is v exactly).
// A threshold "v > c" becomes "v >= c'" with c' the next float above c,
// the same test for every potential. A population of such a model fed by
// exponential kernels then advances in one pass, as one of the built-in
// LIF does.
func (m *Model) FusedLIF() (f fused.LIF, v, ref []float64, ok bool) {
	if fl := m.fast; fl != nil && m.Refrac != nil && len(m.refSteps) > 0 {
		if f, ok = fl.form(m.refSteps[0]); ok {
			return f, m.X[0], m.Refrac, true
		}
	}
	return f, nil, nil, false
}

// form returns the fused form of f with refractory steps steps, or false
// if its threshold is not finite.
func (f *fastLinear) form(steps float64) (fused.LIF, bool) {
	th := f.th
	if math.IsNaN(th) || math.IsInf(th, 0) {
		return fused.LIF{}, false
	}
	if !f.ge {
		th = math.Nextafter(th, math.Inf(1))
	}
	return fused.LIF{S0: 0, P: f.p, A: f.a, B: f.b, Th: th, Reset: f.reset, RefSteps: steps}, true
}
