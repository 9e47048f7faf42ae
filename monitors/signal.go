package monitors

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// SignalMonitor records a scalar signal of the network, such as the
// dopamine level or the reward (graph.Sim.Dopamine, graph.Sim.Reward),
// every Every steps. If Spool is set, the records are kept in the spool's
// file instead of memory and Each reads them back; Values and Times
// return what is held in memory.
type SignalMonitor struct {
	// F returns the signal's value after a step. It may be set after the
	// monitor is added to a network, but before the network runs.
	F func() float64
	// Every is the recording period in steps (0 or 1: every step).
	Every int
	// Spool, if set, holds the records instead of memory.
	Spool *Spool

	name   string
	clock  clock
	steps  []int
	values []float64
	rec    []byte
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
	if m.Spool != nil {
		m.rec = putFloat(putStep(m.rec[:0], k), v)
		return m.Spool.write(m.rec)
	}
	m.steps, m.values = append(m.steps, k), append(m.values, v)
	return nil
}

// Reset implements Monitor.
func (m *SignalMonitor) Reset() {
	m.steps, m.values = m.steps[:0], m.values[:0]
	if m.Spool != nil {
		m.Spool.reset()
	}
}

// Flush implements Flusher: it writes the buffered records to the
// spool's file.
func (m *SignalMonitor) Flush() error {
	if m.Spool != nil {
		return m.Spool.flush()
	}
	return nil
}

// Len returns the number of records, in memory or in the spool.
func (m *SignalMonitor) Len() int {
	if m.Spool != nil {
		return int(m.Spool.n)
	}
	return len(m.steps)
}

// Each calls yield with the time stamp (ms) and the value of every
// record, in order, from memory or from the spool, until yield returns
// false. It returns an error if the spool cannot be read.
func (m *SignalMonitor) Each(yield func(t, v float64) bool) error {
	if m.Spool != nil {
		return m.Spool.scan(func(rec []byte) bool {
			return yield(m.clock.at(getStep(rec)), getFloat(rec[8:]))
		})
	}
	for j, k := range m.steps {
		if !yield(m.clock.at(k), m.values[j]) {
			break
		}
	}
	return nil
}

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
