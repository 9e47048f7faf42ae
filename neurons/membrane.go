package neurons

import (
	"math"
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/dist"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Membrane holds the parameters and state that the integrate-and-fire
// models share: potentials in mV, times in ms, the resistance R in MΩ (so
// that R*x is in mV for an input current x in nA; with the seed's unitless
// inputs, R*x is simply the drive in mV).
type Membrane struct {
	Threshold    Param     `param:"threshold" unit:"mV" doc:"spike threshold: a neuron spikes when v >= threshold"`
	RestPot      Param     `param:"rest_pot" unit:"mV" doc:"resting potential"`
	ResetPot     Param     `param:"reset_pot" unit:"mV" doc:"potential after a spike"`
	RefracLength Param     `param:"refrac_length" unit:"ms" doc:"refractory period: v is held at reset_pot for round(refrac_length/dt) steps after a spike"`
	TauM         Param     `param:"tau_m" unit:"ms" doc:"membrane time constant"`
	R            Param     `param:"R" unit:"MΩ" doc:"membrane resistance: the input x enters the membrane equation as R*x"`
	LowerBound   Param     `param:"lower_bound" unit:"mV" doc:"lowest allowed membrane potential; unset for none"`
	VInit        dist.Dist `param:"v_init" unit:"mV" doc:"initial membrane potential: a number or a distribution; unset for the model's default"`

	// V is the membrane potential (mV), "v".
	V []float64
	// Refrac is the number of steps each neuron stays refractory,
	// "refrac_count".
	Refrac []float64

	th, rest, reset, r, lb, refSteps []float64

	// uniform is set when every neuron has the same parameters, which
	// lets models take a scalar fast path.
	uniform bool
	// jump, if set (SetJumps), holds the voltage jumps of the step: settle
	// adds jump[i] to the integrated potential before the threshold test.
	dvJump []float64
}

// SetJumps implements Jumper: from the next step on, dv[i] (mV) is added
// to neuron i's potential right after integration, before the threshold
// test. nil removes the jumps.
func (m *Membrane) SetJumps(dv []float64) { m.dvJump = dv }

// membrane returns the seed's common membrane defaults.
func membrane(threshold, rest, reset, tauM, r float64) Membrane {
	return Membrane{
		Threshold:    Param{threshold},
		RestPot:      Param{rest},
		ResetPot:     Param{reset},
		RefracLength: Param{5},
		TauM:         Param{tauM},
		R:            Param{r},
	}
}

// init expands the common parameters and sets the initial potential:
// VInit if set, else vDefault. It returns the membrane time constants.
func (m *Membrane) init(n int, dt float64, r *rand.Rand, vDefault []float64, e *errs) (tauM []float64) {
	m.th = e.expand(m.Threshold, "threshold", n)
	m.rest = e.expand(m.RestPot, "rest_pot", n)
	m.reset = e.expand(m.ResetPot, "reset_pot", n)
	tauM = e.positive(m.TauM, "tau_m", n)
	m.r = e.expand(m.R, "R", n)
	ref := e.nonNegative(m.RefracLength, "refrac_length", n)
	m.lb = nil
	if m.LowerBound != nil {
		m.lb = e.expand(m.LowerBound, "lower_bound", n)
	}
	if e.err != nil {
		return nil
	}
	m.refSteps = make([]float64, n)
	for i, l := range ref {
		m.refSteps[i] = math.Round(l / dt)
	}
	m.V, m.Refrac = initState(m.VInit, "v_init", n, r, vDefault, e), make([]float64, n)
	m.uniform = len(m.Threshold) == 1 && len(m.RestPot) == 1 && len(m.ResetPot) == 1 &&
		len(m.RefracLength) == 1 && len(m.TauM) == 1 && len(m.R) == 1 && len(m.LowerBound) <= 1
	return tauM
}

// initFrom is init with the initial potential defaulting to the parameter
// start, named name (rest_pot or reset_pot), which is checked first.
func (m *Membrane) initFrom(n int, dt float64, r *rand.Rand, start Param, name string, e *errs) (tauM []float64) {
	return m.init(n, dt, r, e.expand(start, name, n), e)
}

// initLinear is the start of Init for the linear models: it checks the
// integrator, then runs init with the initial potential defaulting to
// rest_pot, and returns the membrane time constants.
func (m *Membrane) initLinear(method Method, n int, dt float64, r *rand.Rand) (tauM []float64, err error) {
	if err := method.check(); err != nil {
		return nil, err
	}
	var e errs
	tauM = m.initFrom(n, dt, r, m.RestPot, "rest_pot", &e)
	return tauM, e.err
}

// initState draws n initial values from d, or copies def if d is nil.
func initState(d dist.Dist, name string, n int, r *rand.Rand, def []float64, e *errs) []float64 {
	out := make([]float64, n)
	if d == nil {
		copy(out, def)
		return out
	}
	if err := d.Validate(); err != nil {
		if e.err == nil {
			e.err = paramerr.Errorf(name, -1, "parameter %s: %w", name, err)
		}
		return out
	}
	if err := dist.Fill(d, out, r); err != nil && e.err == nil {
		e.err = paramerr.Errorf(name, -1, "parameter %s: %w", name, err)
	}
	return out
}

// refractory reports whether neuron i is refractory in this step, and if
// so counts the step off.
func (m *Membrane) refractory(i int) bool {
	if m.Refrac[i] > 0 {
		m.Refrac[i]--
		return true
	}
	return false
}

// settle stores the new potential v of neuron i after threshold, reset,
// refractoriness and lower bound, and reports whether the neuron spiked.
func (m *Membrane) settle(i int, v float64) bool {
	if m.dvJump != nil {
		v += m.dvJump[i]
	}
	spiked := v >= m.th[i]
	if spiked {
		v = m.reset[i]
		m.Refrac[i] = m.refSteps[i]
	}
	if m.lb != nil && v < m.lb[i] {
		v = m.lb[i]
	}
	m.V[i] = v
	return spiked
}

// membraneVars are the state variables every membrane model has.
var membraneVars = []string{"v", "refrac_count"}

// Var returns "v" or "refrac_count".
func (m *Membrane) Var(name string) []float64 {
	switch name {
	case "v":
		return m.V
	case "refrac_count":
		return m.Refrac
	}
	return nil
}

// Method selects the integrator of the linear models (IF, LIF, BLIF, CLIF).
type Method string

const (
	// Euler is the explicit Euler step of the step contract (default).
	Euler Method = "euler"
	// Exact integrates the linear equations exactly over the step,
	// assuming the input is constant during the step.
	Exact Method = "exact"
)

func (m Method) check() error {
	switch m {
	case "", Euler, Exact:
		return nil
	}
	return paramerr.Errorf("method", -1, "method %q: want %q or %q", string(m), Euler, Exact)
}
