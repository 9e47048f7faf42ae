package monitors

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// StateMonitor records state variables of a population (Brian2's
// StateMonitor, NEST's multimeter) or of a synapse edge, every Every steps:
// after step k for every k that is a multiple of Every, stamped t_k = k*dt.
//
// A population's variables are the names Population.Var accepts: the
// model's ("v", "w", "i", "u", "refrac_count", ...) and "traces" and
// "summed". An edge's are "w", the weights in CSR order (see
// synapses.Synapse; index j is the j-th synapse, not a neuron), and its
// kernel's per-target variables ("i" of the exponential kernel, "g" of the
// conductance kernel).
//
// By default the records are kept in memory: one row of float64 per
// record and variable, Get returns them as a matrix. If W is set, they are
// streamed to it as CSV instead, one row per record: "time_ms" and then
// one column per recorded index. With one variable the columns are named
// by the index ("time_ms,0,3,7"); with several, by variable and index
// ("time_ms,v[0],v[3],w[0],w[3]"). Rows are buffered; the network flushes
// them at the end of every run. If Spool is set, the records are kept in
// the spool's file instead of memory (8 bytes per value plus 8 per
// record) and EachVar reads them back.
type StateMonitor struct {
	// Pop is the recorded population; set either Pop or Edge.
	Pop *neurons.Population
	// Edge is the recorded synapse edge; set either Pop or Edge.
	Edge *synapses.Synapse
	// Vars lists the recorded variables.
	Vars []string
	// Indices, if not nil, restricts recording to these indices of every
	// variable (neurons, or synapses for an edge's "w"). Nil records all.
	Indices []int
	// Every is the recording period in steps; 0 means 1 (every step).
	Every int
	// Capacity is the number of records to preallocate memory for (0 for
	// a modest default; memory grows as needed either way).
	Capacity int
	// W, if set, receives the records as CSV rows instead of memory.
	W io.Writer
	// Spool, if set, holds the records instead of memory; set W or Spool,
	// not both.
	Spool *Spool
	// RecordInitial, if set, makes Init (and Reset) record the state
	// before the first step, as Brian2's StateMonitor records t = 0: the
	// first record is stamped 0 ms and holds the initial values; the
	// record after step 0, also stamped 0 ms, follows it.
	RecordInitial bool

	name  string
	clk   clock
	every int
	vars  []*stateVar
	steps []int
	n     int // records made, in every mode
	out   *CSVWriter
	rec   []byte
}

// stateVar is one recorded variable. Its records are kept row-major in
// blocks that are never reallocated: when a block is full the next one is
// twice its size (up to maxBlock values), so memory grows without copying.
type stateVar struct {
	name   string
	n      int // the variable's length
	width  int // the number of recorded columns
	rows   int // rows of the first block
	blocks [][]float64
}

// maxBlock bounds the size of a block of records, in values (8 MiB).
const maxBlock = 1 << 20

// row appends a record and returns its width values to fill in.
func (sv *stateVar) row() []float64 {
	if sv.width == 0 {
		return nil
	}
	last := len(sv.blocks) - 1
	if last < 0 || len(sv.blocks[last])+sv.width > cap(sv.blocks[last]) {
		rows := sv.rows
		if last >= 0 {
			rows = max(1, min(2*cap(sv.blocks[last])/sv.width, maxBlock/sv.width))
		}
		sv.blocks = append(sv.blocks, make([]float64, 0, rows*sv.width))
		last++
	}
	b := sv.blocks[last]
	sv.blocks[last] = b[:len(b)+sv.width]
	return sv.blocks[last][len(b):]
}

// reset discards the records, keeping the first block.
func (sv *stateVar) reset() {
	if len(sv.blocks) > 0 {
		sv.blocks = append(sv.blocks[:0], sv.blocks[0][:0])
	}
}

// NewStateMonitor returns a monitor named name that records the variables
// vars of every neuron of p, every step, in memory.
func NewStateMonitor(name string, p *neurons.Population, vars ...string) *StateMonitor {
	return &StateMonitor{name: name, Pop: p, Vars: vars, Every: 1}
}

// NewSynapseMonitor returns a monitor named name that records the
// variables vars of the edge e ("w", or a kernel variable), every step, in
// memory.
func NewSynapseMonitor(name string, e *synapses.Synapse, vars ...string) *StateMonitor {
	return &StateMonitor{name: name, Edge: e, Vars: vars, Every: 1}
}

// Name implements Monitor.
func (m *StateMonitor) Name() string { return m.name }

// Init implements Monitor: it checks the target, the variables, the
// indices and Every, and discards anything recorded before. The target
// must be initialised (the network initialises populations and synapses
// before monitors).
func (m *StateMonitor) Init(dt float64) error {
	if (m.Pop == nil) == (m.Edge == nil) {
		return errors.New("state monitor needs exactly one target: a population or a synapse edge")
	}
	if len(m.Vars) == 0 {
		return fmt.Errorf("state monitor of %s records no variables; valid variables: %s", m.target(), strings.Join(m.valid(), ", "))
	}
	if m.Every < 0 {
		return paramerr.Errorf("every", -1, "every = %d steps, want 1 or more (0 for every step)", m.Every)
	}
	if m.W != nil && m.Spool != nil {
		return errors.New("state monitor streams to W and to a spool; set one")
	}
	m.every = max(m.Every, 1)
	m.clk = newClock(dt)
	m.vars = m.vars[:0]
	total := 0
	for j, name := range m.Vars {
		if slices.Contains(m.Vars[:j], name) {
			return paramerr.Errorf("variables", -1, "variable %q listed twice", name)
		}
		v := m.fetch(name)
		if v == nil && !(m.Edge != nil && name == "w") {
			return paramerr.Errorf("variables", -1, "%s has no variable %q; valid variables: %s", m.target(), name, strings.Join(m.valid(), ", "))
		}
		sv := &stateVar{name: name, n: len(v), width: len(v)}
		if m.Indices != nil {
			if err := checkIndices(m.Indices, len(v), fmt.Sprintf("variable %q of %s", name, m.target())); err != nil {
				return err
			}
			sv.width = len(m.Indices)
		}
		total += sv.width
		m.vars = append(m.vars, sv)
	}
	m.out, m.n = nil, 0
	if m.W != nil {
		m.out, m.steps = NewCSVWriter(m.W, m.header()), nil
		return m.recordInitial()
	}
	if m.Spool != nil {
		m.steps = nil
		m.Spool.reset()
		return m.recordInitial()
	}
	rows := m.Capacity
	if rows <= 0 {
		// 1024 records, or fewer to stay within 512 KiB.
		rows = min(1024, max(1, (64<<10)/max(total, 1)))
	}
	m.steps = make([]int, 0, rows)
	for _, sv := range m.vars {
		sv.rows = rows
	}
	return m.recordInitial()
}

// recordInitial makes the record of the initial state, stamped 0 ms, if
// RecordInitial is set.
func (m *StateMonitor) recordInitial() error {
	if !m.RecordInitial {
		return nil
	}
	if err := m.record(0); err != nil {
		return fmt.Errorf("initial record: %w", err)
	}
	return nil
}

// target describes the recorded population or edge.
func (m *StateMonitor) target() string {
	if m.Pop != nil {
		return fmt.Sprintf("population %q (%s)", m.Pop.Name, m.modelKind())
	}
	kind := "no"
	if m.Edge.Kernel != nil {
		kind = m.Edge.Kernel.Kind()
	}
	return fmt.Sprintf("synapse %q (%s kernel)", m.Edge.Name, kind)
}

func (m *StateMonitor) modelKind() string {
	if m.Pop.Model == nil {
		return "no model"
	}
	return m.Pop.Model.Kind()
}

// valid lists the variables the target has.
func (m *StateMonitor) valid() []string {
	if m.Pop != nil {
		if m.Pop.Model == nil {
			return nil
		}
		return m.Pop.Vars()
	}
	out := []string{"w"}
	for _, name := range []string{"i", "g"} {
		if m.fetch(name) != nil {
			out = append(out, name)
		}
	}
	return out
}

// fetch returns the target's variable name, or nil.
func (m *StateMonitor) fetch(name string) []float64 {
	if m.Pop != nil {
		if m.Pop.Model == nil {
			return nil
		}
		return m.Pop.Var(name)
	}
	if name != "w" && m.Edge.Kernel == nil {
		return nil
	}
	return m.Edge.Var(name)
}

// header returns the CSV header of a stream.
func (m *StateMonitor) header() []string {
	h := []string{"time_ms"}
	for _, sv := range m.vars {
		for c := range sv.width {
			i := c
			if m.Indices != nil {
				i = m.Indices[c]
			}
			col := strconv.Itoa(i)
			if len(m.vars) > 1 {
				col = sv.name + "[" + col + "]"
			}
			h = append(h, col)
		}
	}
	return h
}

// Record implements Monitor: after step k, if k is a multiple of Every, it
// records the current values of the variables.
func (m *StateMonitor) Record(k int) error {
	if k%m.every != 0 {
		return nil
	}
	return m.record(k)
}

// record records the current values of the variables, stamped k*dt.
func (m *StateMonitor) record(k int) error {
	m.n++
	if m.out != nil {
		m.out.Start(m.clk.at(k))
	}
	if m.Spool != nil {
		m.rec = putStep(m.rec[:0], k)
	}
	for _, sv := range m.vars {
		v := m.fetch(sv.name)
		if len(v) != sv.n {
			return fmt.Errorf("variable %q of %s has %d values, had %d when the monitor was initialised", sv.name, m.target(), len(v), sv.n)
		}
		switch {
		case m.Spool != nil && m.Indices == nil:
			for _, x := range v {
				m.rec = putFloat(m.rec, x)
			}
		case m.Spool != nil:
			for _, i := range m.Indices {
				m.rec = putFloat(m.rec, v[i])
			}
		case m.out != nil && m.Indices == nil:
			for _, x := range v {
				m.out.Float(x)
			}
		case m.out != nil:
			for _, i := range m.Indices {
				m.out.Float(v[i])
			}
		case m.Indices == nil:
			copy(sv.row(), v)
		default:
			r := sv.row()
			for c, i := range m.Indices {
				r[c] = v[i]
			}
		}
	}
	if m.out != nil {
		return m.out.End()
	}
	if m.Spool != nil {
		return m.Spool.write(m.rec)
	}
	m.steps = append(m.steps, k)
	return nil
}

// Reset implements Monitor: it discards the records, keeping their
// memory, and with RecordInitial records the state again (the network
// resets its populations and synapses before its monitors). A stream is
// flushed but not rewound: records made after Reset follow in the same
// stream, their times starting again from 0.
func (m *StateMonitor) Reset() {
	m.steps, m.n = m.steps[:0], 0
	if m.Spool != nil {
		m.Spool.reset()
	}
	for _, sv := range m.vars {
		sv.reset()
	}
	_ = m.out.Flush() // a write error is sticky: the next Flush reports it
	// An error (a variable that changed length) is reported again by the
	// next Record.
	_ = m.recordInitial()
}

// Flush implements Flusher: it writes the buffered rows to W or to the
// spool's file.
func (m *StateMonitor) Flush() error {
	if m.Spool != nil {
		return m.Spool.flush()
	}
	return m.out.Flush()
}

// Len returns the number of records held in memory.
func (m *StateMonitor) Len() int { return len(m.steps) }

// NumRecords returns the number of records made, in memory, in the spool
// or streamed to W.
func (m *StateMonitor) NumRecords() int { return m.n }

// Width returns the number of recorded columns of variable name (the
// length of Indices, or of the variable), or -1 if name is not recorded.
// It is known once the monitor is initialised.
func (m *StateMonitor) Width(name string) int {
	for _, sv := range m.vars {
		if sv.name == name {
			return sv.width
		}
	}
	return -1
}

// EachVar calls yield with the time stamp (ms) and the recorded values of
// variable name (one per column, as in a row of Get) of every record, in
// order, from memory or from the spool, until yield returns false. The
// row is only valid during the call. It returns an error if name is not
// recorded or the spool cannot be read. Records streamed to W are not
// read back.
func (m *StateMonitor) EachVar(name string, yield func(t float64, row []float64) bool) error {
	off := 8 // bytes of a spool record before the variable's values
	var sv *stateVar
	for _, v := range m.vars {
		if v.name == name {
			sv = v
			break
		}
		off += 8 * v.width
	}
	if sv == nil {
		return fmt.Errorf("monitors: %s records no variable %q", m.name, name)
	}
	if m.Spool != nil {
		row := make([]float64, sv.width)
		return m.Spool.scan(func(rec []byte) bool {
			for c := range row {
				row[c] = getFloat(rec[off+8*c:])
			}
			return yield(m.clk.at(getStep(rec)), row)
		})
	}
	b, at := 0, 0
	for _, k := range m.steps {
		var row []float64
		if sv.width > 0 {
			if at+sv.width > len(sv.blocks[b]) {
				b, at = b+1, 0
			}
			row = sv.blocks[b][at : at+sv.width : at+sv.width]
			at += sv.width
		}
		if !yield(m.clk.at(k), row) {
			break
		}
	}
	return nil
}

// Times returns the time stamps (ms) of the records held in memory.
func (m *StateMonitor) Times() []float64 {
	out := make([]float64, len(m.steps))
	for j, k := range m.steps {
		out[j] = m.clk.at(k)
	}
	return out
}

// Steps returns the step numbers of the records held in memory.
func (m *StateMonitor) Steps() []int { return append([]int(nil), m.steps...) }

// Get returns the records of variable name as a matrix with one row per
// record (see Times) and one column per recorded index (Indices, or every
// index). The matrix is a copy: Get does not consume the records. It
// returns nil if name is not recorded, and an empty matrix (Dims 0, 0) if
// nothing is held in memory.
func (m *StateMonitor) Get(name string) *mat.Dense {
	for _, sv := range m.vars {
		if sv.name != name {
			continue
		}
		if len(m.steps) == 0 || sv.width == 0 {
			return &mat.Dense{}
		}
		data := make([]float64, 0, len(m.steps)*sv.width)
		for _, b := range sv.blocks {
			data = append(data, b...)
		}
		return mat.NewDense(len(m.steps), sv.width, data)
	}
	return nil
}
