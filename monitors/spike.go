package monitors

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Spike is one recorded spike.
type Spike struct {
	// Step is the step in which the neuron spiked.
	Step int
	// Time is the spike's time stamp t_Step = Step*dt in ms.
	Time float64
	// Neuron is the neuron's index in its population.
	Neuron int
}

// SpikeMonitor records the spikes of a population (Brian2's SpikeMonitor,
// NEST's spike_recorder): the time and neuron index of every spike of every
// neuron, or of the neurons in Indices.
//
// By default the spikes are kept in memory, 12 bytes per spike. If W is
// set, they are streamed to it as CSV instead: a header "time_ms,neuron",
// then one row per spike in the order they were recorded (by step, then
// by neuron index). Rows are buffered; the network flushes them at the end
// of every run. If Spool is set, they are kept in the spool's temporary
// file instead of memory, 12 bytes per spike, and Each reads them back.
// Spike counts are kept in every mode.
type SpikeMonitor struct {
	// Pop is the recorded population.
	Pop *neurons.Population
	// Indices, if not nil, restricts recording to these neurons (indices
	// into Pop).
	Indices []int
	// W, if set, receives the spikes as CSV rows instead of memory.
	W io.Writer
	// Spool, if set, holds the spikes instead of memory; set W or Spool,
	// not both.
	Spool *Spool

	name   string
	clk    clock
	sel    []bool // sel[i]: neuron i is recorded; nil for all
	steps  []int
	neuron []int32
	count  []int
	total  int
	out    *CSVWriter
	rec    []byte // a spool record
}

// NewSpikeMonitor returns a monitor named name that records every spike of
// p in memory. Set Indices or W before adding it to a network to record a
// subset or to stream.
func NewSpikeMonitor(name string, p *neurons.Population) *SpikeMonitor {
	return &SpikeMonitor{name: name, Pop: p}
}

// Name implements Monitor.
func (m *SpikeMonitor) Name() string { return m.name }

// Init implements Monitor: it checks the population and the indices and
// discards anything recorded before.
func (m *SpikeMonitor) Init(dt float64) error {
	if m.Pop == nil {
		return errors.New("spike monitor has no population")
	}
	n := m.Pop.Len()
	if err := checkIndices(m.Indices, n, fmt.Sprintf("population %q", m.Pop.Name)); err != nil {
		return err
	}
	m.clk = newClock(dt)
	m.sel = nil
	if m.Indices != nil {
		m.sel = make([]bool, n)
		for _, i := range m.Indices {
			m.sel[i] = true
		}
	}
	m.count = make([]int, n)
	if m.W != nil && m.Spool != nil {
		return errors.New("spike monitor streams to W and to a spool; set one")
	}
	m.out = nil
	if m.W != nil {
		m.out = NewCSVWriter(m.W, []string{"time_ms", "neuron"})
	}
	m.Reset()
	return nil
}

// Record implements Monitor: it records the spikes of step k (Pop.Fired).
func (m *SpikeMonitor) Record(k int) error {
	for _, i := range m.Pop.Fired {
		if m.sel != nil && !m.sel[i] {
			continue
		}
		m.count[i]++
		m.total++
		if m.out != nil {
			m.out.Start(m.clk.at(k))
			m.out.Int(int(i))
			if err := m.out.End(); err != nil {
				return err
			}
			continue
		}
		if m.Spool != nil {
			m.rec = binary.LittleEndian.AppendUint32(putStep(m.rec[:0], k), uint32(i))
			if err := m.Spool.write(m.rec); err != nil {
				return err
			}
			continue
		}
		m.steps = append(m.steps, k)
		m.neuron = append(m.neuron, i)
	}
	return nil
}

// Reset implements Monitor: it discards the recorded spikes and counts. A
// stream is flushed but not rewound: spikes recorded after Reset follow in
// the same stream, their times starting again from 0.
func (m *SpikeMonitor) Reset() {
	m.steps, m.neuron = m.steps[:0], m.neuron[:0]
	clear(m.count)
	m.total = 0
	_ = m.out.Flush() // a write error is sticky: the next Flush reports it
	if m.Spool != nil {
		m.Spool.reset()
	}
}

// Flush implements Flusher: it writes the buffered rows to W or to the
// spool's file.
func (m *SpikeMonitor) Flush() error {
	if m.Spool != nil {
		return m.Spool.flush()
	}
	return m.out.Flush()
}

// Each calls yield with every recorded spike, by step and then by neuron
// index, from memory or from the spool, until yield returns false. It
// returns an error if the spool cannot be read. Spikes streamed to W are
// not kept and are not read back.
func (m *SpikeMonitor) Each(yield func(Spike) bool) error {
	if m.Spool != nil {
		return m.Spool.scan(func(rec []byte) bool {
			k := getStep(rec)
			return yield(Spike{Step: k, Time: m.clk.at(k), Neuron: int(int32(binary.LittleEndian.Uint32(rec[8:])))})
		})
	}
	for j, k := range m.steps {
		if !yield(Spike{Step: k, Time: m.clk.at(k), Neuron: int(m.neuron[j])}) {
			break
		}
	}
	return nil
}

// NumSpikes returns the number of spikes recorded (streamed ones
// included).
func (m *SpikeMonitor) NumSpikes() int { return m.total }

// Spikes returns the spikes recorded in memory, by step and then by neuron
// index (nil when streaming to W or a spool; Each reads a spool). The slice is the caller's: recording goes on
// unaffected.
func (m *SpikeMonitor) Spikes() []Spike {
	if len(m.steps) == 0 {
		return nil
	}
	out := make([]Spike, len(m.steps))
	for j, k := range m.steps {
		out[j] = Spike{Step: k, Time: m.clk.at(k), Neuron: int(m.neuron[j])}
	}
	return out
}

// Times returns the time stamps (ms) of the spikes Spikes returns.
func (m *SpikeMonitor) Times() []float64 {
	out := make([]float64, len(m.steps))
	for j, k := range m.steps {
		out[j] = m.clk.at(k)
	}
	return out
}

// Neurons returns the neuron indices of the spikes Spikes returns.
func (m *SpikeMonitor) Neurons() []int {
	out := make([]int, len(m.neuron))
	for j, i := range m.neuron {
		out[j] = int(i)
	}
	return out
}

// Count returns the number of recorded spikes of each neuron of the
// population (zero for neurons not in Indices). It counts streamed spikes
// too.
func (m *SpikeMonitor) Count() []int { return append([]int(nil), m.count...) }

// Trains returns the spike times (ms, ascending) of each neuron of the
// population recorded in memory: Trains()[i] is neuron i's spike train,
// nil if it has none.
func (m *SpikeMonitor) Trains() [][]float64 {
	trains := make([][]float64, len(m.count))
	per := make([]int, len(m.count))
	for _, i := range m.neuron {
		per[i]++
	}
	all := make([]float64, len(m.neuron))
	at := 0
	for i, c := range per {
		if c > 0 {
			trains[i] = all[at : at : at+c]
			at += c
		}
	}
	for j, i := range m.neuron {
		trains[i] = append(trains[i], m.clk.at(m.steps[j]))
	}
	return trains
}
