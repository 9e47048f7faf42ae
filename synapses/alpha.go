package synapses

import (
	"math"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// The alpha and bi-exponential kernels give a spike of weight w arriving
// at t = 0 the time course
//
//	alpha:  s(t) = w * (t/tau) * exp(1 - t/tau)                       peak w at t = tau
//	biexp:  s(t) = w * N * (exp(-t/tau_decay) - exp(-t/tau_rise))     peak w at t = t_p
//	        t_p = tau_rise*tau_decay/(tau_decay - tau_rise) * ln(tau_decay/tau_rise)
//	        N   = 1/(exp(-t_p/tau_decay) - exp(-t_p/tau_rise))
//
// so w is the peak (NEST's iaf_psc_alpha convention). s is a current (Alpha,
// BiExp: x += s) or a conductance (AlphaCond, BiExpCond: x += s*(e_rev - v)).
// Both are sums of exponential states integrated exactly per step (their
// propagators exp(-dt/tau)), so the value delivered in the step m steps
// after the arrival step is s(m*dt) exactly, whatever dt: 0 in the arrival
// step itself.

// shape2 is the state of a kernel made of two exponential states y1 and
// y2 per target: alpha (y1 feeds y2, s = y2) or biexp (s = y2 - y1).
type shape2 struct {
	y1, y2 []float64
	p1, p2 float64 // propagators exp(-dt/tau)
	c12    float64 // alpha: y2 += c12*y1 per step
	jump   float64 // y1 (and for biexp y2) += jump*a at an arrival
	alpha  bool
}

func (s *shape2) initAlpha(n int, dt, tau float64, who string) error {
	if !(tau > 0) || math.IsInf(tau, 0) {
		return paramerr.Errorf("tau", -1, "%s kernel: tau = %g ms, want a positive number", who, tau)
	}
	p := math.Exp(-dt / tau)
	*s = shape2{y1: make([]float64, n), y2: make([]float64, n), p1: p, p2: p, c12: dt * p, jump: math.E / tau, alpha: true}
	return nil
}

func (s *shape2) initBiExp(n int, dt, rise, decay float64, who string) error {
	if !(rise > 0) || math.IsInf(rise, 0) {
		return paramerr.Errorf("tau_rise", -1, "%s kernel: tau_rise = %g ms, want a positive number", who, rise)
	}
	if !(decay > rise) || math.IsInf(decay, 0) {
		return paramerr.Errorf("tau_decay", -1, "%s kernel: tau_decay = %g ms, want a finite number greater than tau_rise = %g ms (equal time constants: use the alpha kernel)", who, decay, rise)
	}
	tp := rise * decay / (decay - rise) * math.Log(decay/rise)
	norm := 1 / (math.Exp(-tp/decay) - math.Exp(-tp/rise))
	*s = shape2{y1: make([]float64, n), y2: make([]float64, n), p1: math.Exp(-dt / rise), p2: math.Exp(-dt / decay), jump: norm}
	return nil
}

// advance takes target j one step on: it decays the states, adds the
// arrivals a and returns s, the kernel's value in this step.
func (s *shape2) advance(j int, a float64) float64 {
	if s.alpha {
		y1 := s.y1[j]
		y2 := s.p2*s.y2[j] + s.c12*y1
		s.y1[j], s.y2[j] = s.p1*y1+a*s.jump, y2
		return y2
	}
	y1, y2 := s.p1*s.y1[j]+a*s.jump, s.p2*s.y2[j]+a*s.jump
	s.y1[j], s.y2[j] = y1, y2
	return y2 - y1
}

func (s *shape2) reset() {
	clear(s.y1)
	clear(s.y2)
}

// Alpha is the current-based alpha kernel, "alpha": a spike of weight w
// gives the current w*(t/tau)*exp(1 - t/tau), peak w at t = tau.
type Alpha struct {
	Tau float64 `param:"tau" unit:"ms" gt:"0" doc:"time to peak of the current (its rise and decay time constant)"`

	// I is the synaptic current per target neuron, "i".
	I []float64
	s shape2
}

// Kind returns "alpha".
func (*Alpha) Kind() string { return "alpha" }

// Init implements Kernel.
func (k *Alpha) Init(n int, dt float64, _ bool) error {
	if err := k.s.initAlpha(n, dt, k.Tau, "alpha"); err != nil {
		return err
	}
	k.I = make([]float64, n)
	return nil
}

// Signed returns true.
func (*Alpha) Signed() bool { return true }

// NeedsV returns false.
func (*Alpha) NeedsV() bool { return false }

// Deliver implements Kernel.
func (k *Alpha) Deliver(a, x, _ []float64, lo, hi int) { deliverCurrent(&k.s, k.I, a, x, lo, hi) }

// Var returns "i".
func (k *Alpha) Var(name string) []float64 { return varOf(name, "i", k.I) }

// Reset clears the state.
func (k *Alpha) Reset() { k.s.reset(); clear(k.I) }

// BiExp is the current-based bi-exponential kernel, "biexp": a spike of
// weight w gives the current w*N*(exp(-t/tau_decay) - exp(-t/tau_rise)),
// peak w at t_p (see the formulas above).
type BiExp struct {
	TauRise  float64 `param:"tau_rise" unit:"ms" gt:"0" doc:"rise time constant"`
	TauDecay float64 `param:"tau_decay" unit:"ms" gt:"0" doc:"decay time constant, greater than tau_rise"`

	// I is the synaptic current per target neuron, "i".
	I []float64
	s shape2
}

// Kind returns "biexp".
func (*BiExp) Kind() string { return "biexp" }

// Init implements Kernel.
func (k *BiExp) Init(n int, dt float64, _ bool) error {
	if err := k.s.initBiExp(n, dt, k.TauRise, k.TauDecay, "biexp"); err != nil {
		return err
	}
	k.I = make([]float64, n)
	return nil
}

// Signed returns true.
func (*BiExp) Signed() bool { return true }

// NeedsV returns false.
func (*BiExp) NeedsV() bool { return false }

// Deliver implements Kernel.
func (k *BiExp) Deliver(a, x, _ []float64, lo, hi int) { deliverCurrent(&k.s, k.I, a, x, lo, hi) }

// Var returns "i".
func (k *BiExp) Var(name string) []float64 { return varOf(name, "i", k.I) }

// Reset clears the state.
func (k *BiExp) Reset() { k.s.reset(); clear(k.I) }

// AlphaCond is the conductance-based alpha kernel, "alpha_cond": a spike of
// weight w gives the conductance g(t) = w*(t/tau)*exp(1 - t/tau) and the
// current g*(e_rev - v), v at the start of the step. ERev defaults as
// Conductance's: 0 mV from an excitatory source, -80 mV from an inhibitory
// one.
type AlphaCond struct {
	Tau  float64  `param:"tau" unit:"ms" gt:"0" doc:"time to peak of the conductance"`
	ERev *float64 `param:"e_rev" unit:"mV" doc:"reversal potential; unset: 0 mV from an excitatory source, -80 mV from an inhibitory one"`

	// G is the conductance per target neuron, "g".
	G    []float64
	s    shape2
	erev float64
}

// Kind returns "alpha_cond".
func (*AlphaCond) Kind() string { return "alpha_cond" }

// Init implements Kernel.
func (k *AlphaCond) Init(n int, dt float64, inhibitory bool) error {
	if err := k.s.initAlpha(n, dt, k.Tau, "alpha_cond"); err != nil {
		return err
	}
	var err error
	k.erev, err = reversal(k.ERev, inhibitory, "alpha_cond")
	k.G = make([]float64, n)
	return err
}

// Signed returns false.
func (*AlphaCond) Signed() bool { return false }

// NeedsV returns true.
func (*AlphaCond) NeedsV() bool { return true }

// Deliver implements Kernel.
func (k *AlphaCond) Deliver(a, x, v []float64, lo, hi int) {
	deliverCond(&k.s, k.G, k.erev, a, x, v, lo, hi)
}

// Var returns "g".
func (k *AlphaCond) Var(name string) []float64 { return varOf(name, "g", k.G) }

// Reset clears the state.
func (k *AlphaCond) Reset() { k.s.reset(); clear(k.G) }

// BiExpCond is the conductance-based bi-exponential kernel, "biexp_cond":
// the conductance g(t) = w*N*(exp(-t/tau_decay) - exp(-t/tau_rise)), peak w,
// drives g*(e_rev - v). ERev defaults as Conductance's.
type BiExpCond struct {
	TauRise  float64  `param:"tau_rise" unit:"ms" gt:"0" doc:"rise time constant"`
	TauDecay float64  `param:"tau_decay" unit:"ms" gt:"0" doc:"decay time constant, greater than tau_rise"`
	ERev     *float64 `param:"e_rev" unit:"mV" doc:"reversal potential; unset: 0 mV from an excitatory source, -80 mV from an inhibitory one"`

	// G is the conductance per target neuron, "g".
	G    []float64
	s    shape2
	erev float64
}

// Kind returns "biexp_cond".
func (*BiExpCond) Kind() string { return "biexp_cond" }

// Init implements Kernel.
func (k *BiExpCond) Init(n int, dt float64, inhibitory bool) error {
	if err := k.s.initBiExp(n, dt, k.TauRise, k.TauDecay, "biexp_cond"); err != nil {
		return err
	}
	var err error
	k.erev, err = reversal(k.ERev, inhibitory, "biexp_cond")
	k.G = make([]float64, n)
	return err
}

// Signed returns false.
func (*BiExpCond) Signed() bool { return false }

// NeedsV returns true.
func (*BiExpCond) NeedsV() bool { return true }

// Deliver implements Kernel.
func (k *BiExpCond) Deliver(a, x, v []float64, lo, hi int) {
	deliverCond(&k.s, k.G, k.erev, a, x, v, lo, hi)
}

// Var returns "g".
func (k *BiExpCond) Var(name string) []float64 { return varOf(name, "g", k.G) }

// Reset clears the state.
func (k *BiExpCond) Reset() { k.s.reset(); clear(k.G) }

func deliverCurrent(s *shape2, cur, a, x []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		c := s.advance(j, a[j])
		cur[j] = c
		x[j] += c
	}
	clear(a[lo:hi])
}

func deliverCond(s *shape2, g []float64, erev float64, a, x, v []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		c := s.advance(j, a[j])
		g[j] = c
		x[j] += c * (erev - v[j])
	}
	clear(a[lo:hi])
}

// reversal resolves a conductance kernel's reversal potential.
func reversal(e *float64, inhibitory bool, who string) (float64, error) {
	if e == nil {
		if inhibitory {
			return -80, nil
		}
		return 0, nil
	}
	if math.IsNaN(*e) || math.IsInf(*e, 0) {
		return 0, paramerr.Errorf("e_rev", -1, "%s kernel: e_rev = %g mV, want a finite number", who, *e)
	}
	return *e, nil
}

func varOf(name, want string, v []float64) []float64 {
	if name == want {
		return v
	}
	return nil
}
