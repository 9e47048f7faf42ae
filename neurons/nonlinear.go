package neurons

import (
	"math"
	"math/rand/v2"
)

// Adaptation holds the adaptation current of the adaptive models (ALIF,
// AELIF, AQLIF):
//
//	tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//
// w evolves in every step, refractory or not, from the start-of-step v; it
// enters the membrane equation as -R*w.
type Adaptation struct {
	TauW Param `param:"tau_w" unit:"ms" doc:"adaptation time constant"`
	A0   Param `param:"a0" doc:"subthreshold adaptation coupling (w per mV)"`
	B    Param `param:"b" doc:"spike-triggered adaptation increment of w"`

	// W is the adaptation current, "w".
	W []float64

	aw, a0, b []float64
}

func (a *Adaptation) initAdaptation(n int, dt float64, e *errs) {
	tau := e.positive(a.TauW, "tau_w", n)
	a.a0 = e.expand(a.A0, "a0", n)
	a.b = e.expand(a.B, "b", n)
	if e.err != nil {
		return
	}
	a.aw = make([]float64, n)
	for i, t := range tau {
		a.aw[i] = dt / t
	}
	a.W = make([]float64, n)
}

// advance takes w of neuron i one Euler step from potential v and
// returns the w of the start of the step, the one the membrane equation
// uses.
func (a *Adaptation) advance(i int, v, rest float64) (w float64) {
	w = a.W[i]
	a.W[i] = w + a.aw[i]*(a.a0[i]*(v-rest)-w)
	return w
}

// jump adds b to w of neuron i if it spiked, and returns spiked.
func (a *Adaptation) jump(i int, spiked bool) bool {
	if spiked {
		a.W[i] += a.b[i]
	}
	return spiked
}

var adaptiveVars = []string{"v", "w", "refrac_count"}

// ALIF is the adaptive LIF neuron:
//
//	tau_m dv/dt = -(v - rest_pot) - R*w + R*x
//	tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//
// Defaults are the seed's: tau_m 4 ms (the seed's tau_v), tau_w 20 ms,
// a0 1, b 2, R 20, threshold -52, rest_pot = reset_pot = -62 mV, trace tau_s
// 10 ms. The seed added b*dt through the derivative in the step after the
// spike and multiplied it by the refractory mask, so it never applied; here
// w jumps by b at the spike, as in the AdEx literature, NEST and Brian2.
type ALIF struct {
	Membrane
	Adaptation
	Trace

	a []float64
}

// NewALIF returns an ALIF model with the seed's defaults.
func NewALIF() *ALIF {
	return &ALIF{
		Membrane:   membrane(-52, -62, -62, 4, 20),
		Adaptation: Adaptation{TauW: Param{20}, A0: Param{1}, B: Param{2}},
		Trace:      defaultTrace(10),
	}
}

// Kind returns "alif".
func (m *ALIF) Kind() string { return "alif" }

// Init implements Model.
func (m *ALIF) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	m.a = rates(m.initFrom(n, dt, r, m.RestPot, "rest_pot", &e), dt)
	m.initAdaptation(n, dt, &e)
	return e.err
}

// Step implements Model.
func (m *ALIF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		v, rest := m.V[i], m.rest[i]
		w := m.advance(i, v, rest)
		if m.refractory(i) {
			s[i] = false
			continue
		}
		s[i] = m.jump(i, m.settle(i, v+m.a[i]*(rest-v+m.r[i]*(x[i]-w))))
	}
}

// Vars implements Model.
func (m *ALIF) Vars() []string { return adaptiveVars }

// Var implements Model.
func (m *ALIF) Var(name string) []float64 { return adaptiveVar(&m.Membrane, &m.Adaptation, name) }

func adaptiveVar(m *Membrane, a *Adaptation, name string) []float64 {
	if name == "w" {
		return a.W
	}
	return m.Var(name)
}

// rates returns dt/tau for each tau (nil for nil).
func rates(tau []float64, dt float64) []float64 {
	if tau == nil {
		return nil
	}
	out := make([]float64, len(tau))
	for i, t := range tau {
		out[i] = dt / t
	}
	return out
}

// Exponential holds the spike-initiation parameters of the exponential
// models (ELIF, AELIF).
type Exponential struct {
	ThetaRh Param `param:"theta_rh" unit:"mV" doc:"rheobase threshold: the potential where the exponential term takes over"`
	DeltaT  Param `param:"delta_t" unit:"mV" doc:"slope factor: sharpness of spike initiation"`

	theta, delta []float64
}

func (x *Exponential) initExp(n int, e *errs) {
	x.theta = e.expand(x.ThetaRh, "theta_rh", n)
	x.delta = e.positive(x.DeltaT, "delta_t", n)
}

// term returns delta_t*exp((v - theta_rh)/delta_t) for neuron i.
func (x *Exponential) term(i int, v float64) float64 {
	d := x.delta[i]
	return d * math.Exp((v-x.theta[i])/d)
}

// ELIF is the exponential LIF neuron (EIF, Fourcaud-Trocmé et al. 2003):
//
//	tau_m dv/dt = -(v - rest_pot) + delta_t*exp((v - theta_rh)/delta_t) + R*x
//
// Its rheobase is R*I_rh = theta_rh - rest_pot - delta_t (for delta_t
// smaller than theta_rh - rest_pot). Defaults are the seed's: threshold
// -52, theta_rh -60, delta_t 1, rest_pot = reset_pot = -62 mV, tau_m 10 ms,
// R 20, trace tau_s 10 ms. The initial potential is reset_pot, as in the
// seed.
type ELIF struct {
	Membrane
	Exponential
	Trace

	a []float64
}

// NewELIF returns an ELIF model with the seed's defaults.
func NewELIF() *ELIF {
	return &ELIF{
		Membrane:    membrane(-52, -62, -62, 10, 20),
		Exponential: Exponential{ThetaRh: Param{-60}, DeltaT: Param{1}},
		Trace:       defaultTrace(10),
	}
}

// Kind returns "elif".
func (m *ELIF) Kind() string { return "elif" }

// Init implements Model.
func (m *ELIF) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	m.a = rates(m.initFrom(n, dt, r, m.ResetPot, "reset_pot", &e), dt)
	m.initExp(n, &e)
	return e.err
}

// Step implements Model.
func (m *ELIF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		if m.refractory(i) {
			s[i] = false
			continue
		}
		v := m.V[i]
		s[i] = m.settle(i, v+m.a[i]*(m.rest[i]-v+m.term(i, v)+m.r[i]*x[i]))
	}
}

// Vars implements Model.
func (m *ELIF) Vars() []string { return membraneVars }

// AELIF is the adaptive exponential integrate-and-fire neuron (AdEx, Brette
// & Gerstner 2005):
//
//	tau_m dv/dt = -(v - rest_pot) + delta_t*exp((v - theta_rh)/delta_t) - R*w + R*x
//	tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//
// The seed left R off the input x (but not off w); here the input is R*x
// as in every model. Defaults are the seed's: tau_m 10 ms, tau_w 20 ms, a0
// 1, b 2, R 4, threshold -52, theta_rh -60, delta_t 1, rest_pot = reset_pot
// = -62 mV. The initial potential is reset_pot.
type AELIF struct {
	Membrane
	Exponential
	Adaptation
	Trace

	a []float64
}

// NewAELIF returns an AELIF (AdEx) model with the seed's defaults.
func NewAELIF() *AELIF {
	return &AELIF{
		Membrane:    membrane(-52, -62, -62, 10, 4),
		Exponential: Exponential{ThetaRh: Param{-60}, DeltaT: Param{1}},
		Adaptation:  Adaptation{TauW: Param{20}, A0: Param{1}, B: Param{2}},
		Trace:       defaultTrace(10),
	}
}

// Kind returns "aelif".
func (m *AELIF) Kind() string { return "aelif" }

// Init implements Model.
func (m *AELIF) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	m.a = rates(m.initFrom(n, dt, r, m.ResetPot, "reset_pot", &e), dt)
	m.initExp(n, &e)
	m.initAdaptation(n, dt, &e)
	return e.err
}

// Step implements Model.
func (m *AELIF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		v, rest := m.V[i], m.rest[i]
		w := m.advance(i, v, rest)
		if m.refractory(i) {
			s[i] = false
			continue
		}
		s[i] = m.jump(i, m.settle(i, v+m.a[i]*(rest-v+m.term(i, v)+m.r[i]*(x[i]-w))))
	}
}

// Vars implements Model.
func (m *AELIF) Vars() []string { return adaptiveVars }

// Var implements Model.
func (m *AELIF) Var(name string) []float64 { return adaptiveVar(&m.Membrane, &m.Adaptation, name) }

// QLIF is the quadratic integrate-and-fire neuron:
//
//	tau_m dv/dt = a0*(v - rest_pot)*(v - critical_pot) + R*x
//
// The seed's step had no dt factor (v += (...)/tau_s per step); here it is
// the Euler step of the equation. Defaults are the seed's: tau_m 30 ms, a0
// 1 (per mV), critical_pot -54, threshold -52, rest_pot = reset_pot = -62 mV,
// R 1, trace tau_s 30 ms. The initial potential is reset_pot.
type QLIF struct {
	Membrane
	Trace
	A0          Param `param:"a0" unit:"1/mV" doc:"sharpness of the quadratic term"`
	CriticalPot Param `param:"critical_pot" unit:"mV" doc:"critical potential: above it v grows without input"`

	a, a0, crit []float64
}

// NewQLIF returns a QLIF model with the seed's defaults.
func NewQLIF() *QLIF {
	return &QLIF{Membrane: membrane(-52, -62, -62, 30, 1), Trace: defaultTrace(30), A0: Param{1}, CriticalPot: Param{-54}}
}

// Kind returns "qlif".
func (m *QLIF) Kind() string { return "qlif" }

// Init implements Model.
func (m *QLIF) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	m.a = rates(m.initFrom(n, dt, r, m.ResetPot, "reset_pot", &e), dt)
	m.a0 = e.expand(m.A0, "a0", n)
	m.crit = e.expand(m.CriticalPot, "critical_pot", n)
	return e.err
}

// Step implements Model.
func (m *QLIF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		if m.refractory(i) {
			s[i] = false
			continue
		}
		v := m.V[i]
		s[i] = m.settle(i, v+m.a[i]*(m.a0[i]*(v-m.rest[i])*(v-m.crit[i])+m.r[i]*x[i]))
	}
}

// Vars implements Model.
func (m *QLIF) Vars() []string { return membraneVars }

// AQLIF is the adaptive quadratic integrate-and-fire neuron:
//
//	tau_m dv/dt = (v - rest_pot)*(v - critical_pot) - R*w + R*x
//	tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//
// As in the seed, the quadratic term has no a0 factor (a0 couples w to v).
// Defaults are the seed's: tau_m 4 ms (the seed's tau_v), tau_w 4 ms, a0
// 1, b 2, R 1, critical_pot -54, threshold -52, rest_pot = reset_pot = -62
// mV, trace tau_s 20 ms. The initial potential is reset_pot.
type AQLIF struct {
	Membrane
	Adaptation
	Trace
	CriticalPot Param `param:"critical_pot" unit:"mV" doc:"critical potential: above it v grows without input"`

	a, crit []float64
}

// NewAQLIF returns an AQLIF model with the seed's defaults.
func NewAQLIF() *AQLIF {
	return &AQLIF{
		Membrane:    membrane(-52, -62, -62, 4, 1),
		Adaptation:  Adaptation{TauW: Param{4}, A0: Param{1}, B: Param{2}},
		Trace:       defaultTrace(20),
		CriticalPot: Param{-54},
	}
}

// Kind returns "aqlif".
func (m *AQLIF) Kind() string { return "aqlif" }

// Init implements Model.
func (m *AQLIF) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	m.a = rates(m.initFrom(n, dt, r, m.ResetPot, "reset_pot", &e), dt)
	m.initAdaptation(n, dt, &e)
	m.crit = e.expand(m.CriticalPot, "critical_pot", n)
	return e.err
}

// Step implements Model.
func (m *AQLIF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		v, rest := m.V[i], m.rest[i]
		w := m.advance(i, v, rest)
		if m.refractory(i) {
			s[i] = false
			continue
		}
		s[i] = m.jump(i, m.settle(i, v+m.a[i]*((v-rest)*(v-m.crit[i])+m.r[i]*(x[i]-w))))
	}
}

// Vars implements Model.
func (m *AQLIF) Vars() []string { return adaptiveVars }

// Var implements Model.
func (m *AQLIF) Var(name string) []float64 { return adaptiveVar(&m.Membrane, &m.Adaptation, name) }
