package neurons

import (
	"math"
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/internal/fused"
)

// LIF is the leaky integrate-and-fire neuron:
//
//	tau_m dv/dt = -(v - rest_pot) + R*x
//
// with a spike when v >= threshold, reset to reset_pot and a refractory
// period. Defaults are the seed's: threshold -52 mV, rest_pot = reset_pot =
// -62 mV, refrac_length 5 ms, tau_m 10 ms, R 20, non-additive trace with
// tau_s 10 ms. The initial potential is rest_pot.
type LIF struct {
	Membrane
	Trace
	// Method is Euler (default) or Exact.
	Method Method `param:"method" doc:"integrator: \"euler\" (default) or \"exact\" (exponential, exact for input constant over a step)"`

	kind   string
	c1, c2 []float64
}

// NewLIF returns a LIF model with the seed's defaults.
func NewLIF() *LIF {
	return &LIF{Membrane: membrane(-52, -62, -62, 10, 20), Trace: defaultTrace(10), Method: Euler, kind: "lif"}
}

// NewBLIF returns the seed's "boosted" LIF: a LIF whose potentials are
// measured from rest (rest_pot = reset_pot = 0) with threshold 40 mV.
func NewBLIF() *LIF {
	return &LIF{Membrane: membrane(40, 0, 0, 10, 20), Trace: defaultTrace(10), Method: Euler, kind: "blif"}
}

// Kind returns "lif" (or "blif" for NewBLIF).
func (m *LIF) Kind() string {
	if m.kind == "" {
		return "lif"
	}
	return m.kind
}

// Init implements Model.
func (m *LIF) Init(n int, dt float64, r *rand.Rand) error {
	tau, err := m.initLinear(m.Method, n, dt, r)
	if err != nil {
		return err
	}
	// v' = rest + (v - rest)*c1 + x*c2
	m.c1, m.c2 = make([]float64, n), make([]float64, n)
	for i := range tau {
		p := 1 - dt/tau[i]
		if m.Method == Exact {
			p = math.Exp(-dt / tau[i])
		}
		m.c1[i], m.c2[i] = p, (1-p)*m.r[i]
	}
	return nil
}

// Step implements Model.
func (m *LIF) Step(c Chunk, x []float64, s []bool) {
	if m.uniform {
		m.stepUniform(c, x, s)
		return
	}
	for i := c.Lo; i < c.Hi; i++ {
		if m.refractory(i) {
			s[i] = false
			continue
		}
		// float64(...) keeps the compiler from fusing multiply-adds
		// (GOAMD64=v3 and other architectures would): the same
		// arithmetic as stepUniform's kernel.
		s[i] = m.settle(i, m.rest[i]+float64((m.V[i]-m.rest[i])*m.c1[i])+float64(x[i]*m.c2[i]))
	}
}

// StepCheck implements CheckingModel: v is the only variable to check.
func (m *LIF) StepCheck(c Chunk, x []float64, s []bool) (suspect bool) {
	if m.uniform {
		return m.stepUniform(c, x, s)
	}
	m.Step(c, x, s)
	return firstNonFinite(m.V[c.Lo:c.Hi]) >= 0
}

// stepUniform is Step for neurons that share every parameter: the same
// arithmetic with the parameters held in registers, voltage jumps
// (SetJumps) included, run by
// internal/fused (eight neurons at a time on CPUs with AVX-512, a pure-Go
// loop elsewhere; the two agree bit for bit). It reports whether a
// potential may have become NaN or infinite (see CheckingModel).
//
// The check of v costs one comparison per neuron: a neuron that does not
// spike has v < threshold or v NaN, so its v is finite unless it is NaN or
// -Inf, that is unless !(v >= -MaxFloat64). A neuron that spikes gets the
// finite reset potential. A refractory neuron keeps the finite potential
// it was reset (or clamped) to.
//
// The lower bound, if any, is applied in a second pass over the chunk
// (the hot loop runs about a sixth faster without it). That pass also
// visits the neurons that were refractory in this step, whose potential
// is unchanged since it was last set and clamped, so it changes nothing
// for them. It cannot make a finite potential infinite, so the check of
// the first pass stays valid.
func (m *LIF) stepUniform(c Chunk, x []float64, s []bool) (suspect bool) {
	v := m.V[c.Lo:c.Hi]
	f := m.fusedForm()
	var dv []float64
	if m.dvJump != nil {
		dv = m.dvJump[c.Lo:c.Hi]
	}
	suspect = fused.StepInput(&f, v, m.Refrac[c.Lo:c.Hi], x[c.Lo:c.Hi], dv, s[c.Lo:c.Hi])
	if m.lb != nil {
		lb := m.lb[0]
		for i, vi := range v {
			if vi < lb {
				v[i] = lb
			}
		}
	}
	return suspect
}

// Vars implements Model.
func (m *LIF) Vars() []string { return membraneVars }

// IF is the perfect (non-leaky) integrate-and-fire neuron:
//
//	tau_m dv/dt = R*x
//
// Reset is to reset_pot (default rest_pot, -62 mV). The seed's IF added R*x
// per step with no dt and no time constant; here tau_m (default 10 ms) and
// dt enter as in every other model. Euler and exact integration agree.
type IF struct {
	Membrane
	Trace
	// Method is accepted for symmetry with the other linear models; both
	// integrators are exact for IF.
	Method Method `param:"method" doc:"integrator: \"euler\" or \"exact\" (identical for IF)"`

	c2 []float64
}

// NewIF returns an IF model with the seed's defaults.
func NewIF() *IF {
	return &IF{Membrane: membrane(-52, -62, -62, 10, 20), Trace: defaultTrace(10), Method: Euler}
}

// Kind returns "if".
func (m *IF) Kind() string { return "if" }

// Init implements Model.
func (m *IF) Init(n int, dt float64, r *rand.Rand) error {
	tau, err := m.initLinear(m.Method, n, dt, r)
	if err != nil {
		return err
	}
	m.c2 = make([]float64, n)
	for i := range tau {
		m.c2[i] = dt / tau[i] * m.r[i]
	}
	return nil
}

// Step implements Model.
func (m *IF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		if m.refractory(i) {
			s[i] = false
			continue
		}
		s[i] = m.settle(i, m.V[i]+x[i]*m.c2[i])
	}
}

// Vars implements Model.
func (m *IF) Vars() []string { return membraneVars }

// CLIF is the LIF neuron with an exponentially decaying synaptic current i
// (the seed's "current LIF"):
//
//	tau_m dv/dt = -(v - rest_pot) + R*i
//	i <- i*exp(-dt/tc_i_decay) + x     (each step)
//
// v advances with the current i of the start of the step, so an input x
// reaches v one step later. The current keeps evolving while the neuron is
// refractory. Defaults are the seed's: rest_pot = reset_pot = -65 mV (the
// seed reset to rest_pot and ignored reset_pot), threshold -52 mV, tau_m
// 10 ms, tc_i_decay 2 ms, R 20.
type CLIF struct {
	Membrane
	Trace
	TcIDecay Param  `param:"tc_i_decay" unit:"ms" doc:"decay time constant of the synaptic current i"`
	Method   Method `param:"method" doc:"integrator: \"euler\" (default) or \"exact\" (exact for the decaying current)"`

	// I is the synaptic current, "i".
	I []float64

	idec, c1, c2 []float64
}

// NewCLIF returns a CLIF model with the seed's defaults.
func NewCLIF() *CLIF {
	return &CLIF{Membrane: membrane(-52, -65, -65, 10, 20), Trace: defaultTrace(10), TcIDecay: Param{2}, Method: Euler}
}

// Kind returns "clif".
func (m *CLIF) Kind() string { return "clif" }

// Init implements Model.
func (m *CLIF) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	if e.err = m.Method.check(); e.err != nil {
		return e.err
	}
	rest := e.expand(m.RestPot, "rest_pot", n)
	tauI := e.positive(m.TcIDecay, "tc_i_decay", n)
	tau := m.init(n, dt, r, rest, &e)
	if e.err != nil {
		return e.err
	}
	m.I = make([]float64, n)
	m.idec, m.c1, m.c2 = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range tau {
		tm, ti := tau[i], tauI[i]
		m.idec[i] = math.Exp(-dt / ti)
		// v' = rest + (v - rest)*c1 + i*c2
		if m.Method == Exact {
			// c2 = R*ti/(ti - tm)*(exp(-dt/ti) - exp(-dt/tm))
			//    = R*dt/tm*(exp(-dt/ti) - exp(-dt/tm))/d
			// with d = dt*(ti - tm)/(tm*ti). The difference of
			// exponentials is taken with expm1, which stays accurate as
			// ti approaches tm (h tends to exp(-dt/tm)) and never
			// overflows.
			pm := math.Exp(-dt / tm)
			m.c1[i] = pm
			h := pm
			if d := dt * (ti - tm) / (tm * ti); d < 0 {
				h = pm * math.Expm1(d) / d
			} else if d > 0 {
				h = -m.idec[i] * math.Expm1(-d) / d
			}
			m.c2[i] = m.r[i] * dt / tm * h
		} else {
			m.c1[i], m.c2[i] = 1-dt/tm, dt/tm*m.r[i]
		}
	}
	return nil
}

// Step implements Model.
func (m *CLIF) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		i0 := m.I[i]
		m.I[i] = i0*m.idec[i] + x[i]
		if m.refractory(i) {
			s[i] = false
			continue
		}
		s[i] = m.settle(i, m.rest[i]+(m.V[i]-m.rest[i])*m.c1[i]+i0*m.c2[i])
	}
}

// Vars implements Model.
func (m *CLIF) Vars() []string { return []string{"v", "i", "refrac_count"} }

// Var implements Model.
func (m *CLIF) Var(name string) []float64 {
	if name == "i" {
		return m.I
	}
	return m.Membrane.Var(name)
}
