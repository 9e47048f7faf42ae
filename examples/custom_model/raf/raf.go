// Package raf is the resonate-and-fire neuron of Izhikevich (2001),
// "Resonate-and-fire neurons", Neural Networks 14:883-894: a neuron model
// written outside package neurons, to show how a Go model joins the
// network language. Its state is the complex number z = x + i*v:
//
//	dx/dt = damping*x - omega*v + R*I
//	dv/dt = omega*x + damping*v
//
// with omega = 2*pi*frequency. Without input, z spirals to 0, oscillating
// at the resonant frequency; a spike is emitted when v reaches threshold,
// and z is then reset to 0. Input pulses that arrive in phase with the
// oscillation (one period apart) add up and make the neuron fire; pulses
// out of phase cancel each other.
package raf

import (
	"math"
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// RAF is the resonate-and-fire model. Its parameters are the fields tagged
// `param`: the network language reads their names, units, docs and
// defaults from the tags (netrun models raf lists them).
type RAF struct {
	// Trace provides the spike-trace parameters every model has (and the
	// TraceParams method of neurons.Model). The trace is off by default.
	neurons.Trace

	Frequency float64 `param:"frequency" unit:"Hz" doc:"resonant frequency of the subthreshold oscillation"`
	Damping   float64 `param:"damping" unit:"1/ms" doc:"damping rate (negative): the oscillation decays as exp(damping*t)"`
	Threshold float64 `param:"threshold" unit:"mV" doc:"spike threshold on v"`
	R         float64 `param:"R" unit:"MΩ" doc:"input resistance: the input x enters dx/dt as R*x"`

	// X and V are the state variables "x" and "v", one per neuron.
	X, V []float64

	dt, decay, cos, sin float64
}

// New returns a RAF model with resonant frequency 50 Hz, damping
// -0.05/ms, threshold 1 mV and R 1.
func New() *RAF {
	return &RAF{Frequency: 50, Damping: -0.05, Threshold: 1, R: 1}
}

// Kind returns "raf", the model's name in network files.
func (m *RAF) Kind() string { return "raf" }

// Init implements neurons.Model: it checks the parameters and sets z = 0.
func (m *RAF) Init(n int, dt float64, _ *rand.Rand) error {
	if !(m.Frequency > 0) || math.IsInf(m.Frequency, 0) {
		return paramerr.Errorf("frequency", -1, "parameter frequency is %g Hz, want a positive number", m.Frequency)
	}
	if !(m.Damping < 0) || math.IsInf(m.Damping, 0) {
		return paramerr.Errorf("damping", -1, "parameter damping is %g /ms, want a negative number", m.Damping)
	}
	m.X, m.V = make([]float64, n), make([]float64, n)
	// Over one step the free oscillation rotates z by omega*dt and
	// shrinks it by exp(damping*dt): an exact update.
	omega := 2 * math.Pi * m.Frequency / 1000 // rad/ms
	m.dt, m.decay = dt, math.Exp(m.Damping*dt)
	m.cos, m.sin = math.Cos(omega*dt), math.Sin(omega*dt)
	return nil
}

// Step implements neurons.Model: it advances neurons c.Lo to c.Hi-1 with
// inputs x, the input entering x over the step.
func (m *RAF) Step(c neurons.Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		zx, zv := m.X[i], m.V[i]
		zx, zv = m.decay*(m.cos*zx-m.sin*zv), m.decay*(m.sin*zx+m.cos*zv)
		zx += m.R * x[i] * m.dt
		s[i] = zv >= m.Threshold
		if s[i] {
			zx, zv = 0, 0
		}
		m.X[i], m.V[i] = zx, zv
	}
}

// Vars implements neurons.Model.
func (m *RAF) Vars() []string { return []string{"v", "x"} }

// Var implements neurons.Model.
func (m *RAF) Var(name string) []float64 {
	switch name {
	case "v":
		return m.V
	case "x":
		return m.X
	}
	return nil
}
