package monitors

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// SignalMonitor records a scalar signal of the network, such as the
// dopamine level or the reward (graph.Sim.Dopamine, graph.Sim.Reward),
// every Every steps.
type SignalMonitor struct {
	// F returns the signal's value after a step. It may be set after the
	// monitor is added to a network, but before the network runs.
	F func() float64
	// Every is the recording period in steps (0 or 1: every step).
	Every int

	name   string
	clock  clock
	steps  []int
	values []float64
}

// NewSignalMonitor returns a monitor named name recording f.
func NewSignalMonitor(name string, f func() float64) *SignalMonitor {
	return &SignalMonitor{name: name, F: f, Every: 1}
}

// Name implements Monitor.
func (m *SignalMonitor) Name() string { return m.name }

// Init implements Monitor.
func (m *SignalMonitor) Init(dt float64) error {
	if m.Every < 0 {
		return paramerr.Errorf("every", -1, "every = %d steps, want >= 1", m.Every)
	}
	m.clock = newClock(dt)
	m.Reset()
	return nil
}

// Record implements Monitor.
func (m *SignalMonitor) Record(k int) error {
	if m.Every > 1 && k%m.Every != 0 {
		return nil
	}
	if m.F == nil {
		return fmt.Errorf("signal monitor has no signal")
	}
	v := m.F()
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("signal is %g", v)
	}
	m.steps, m.values = append(m.steps, k), append(m.values, v)
	return nil
}

// Reset implements Monitor.
func (m *SignalMonitor) Reset() { m.steps, m.values = m.steps[:0], m.values[:0] }

// Values returns the recorded values (a copy).
func (m *SignalMonitor) Values() []float64 { return append([]float64(nil), m.values...) }

// Times returns the times of the records in ms.
func (m *SignalMonitor) Times() []float64 {
	out := make([]float64, len(m.steps))
	for i, k := range m.steps {
		out[i] = m.clock.at(k)
	}
	return out
}
