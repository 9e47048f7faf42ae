package neurons

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"unsafe"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// DefaultChunkSize is the number of neurons one worker advances at a time.
// The chunking of a population is fixed (it does not depend on the number
// of workers), which keeps random draws, and so results, identical for any
// number of workers.
const DefaultChunkSize = 4096

// Population is a group of neurons that share a model and advance together.
// Create one with New or NewShaped, adjust its fields, add it to a network;
// the network calls Init and Step.
type Population struct {
	// Name identifies the population in the network, in errors and in
	// output files.
	Name string
	// Shape is the population's shape, e.g. [28, 28]; its product is the
	// number of neurons. Neurons are numbered in row-major order.
	Shape []int
	// Model is the neurons' dynamics.
	Model Model
	// IsInhibitory makes the population's outgoing synapses deliver
	// negative currents (Dale's law): weights are magnitudes.
	IsInhibitory bool
	// Learning enables the learning rules of the synapses that target this
	// population (the seed's "learning" flag). Default true.
	Learning bool
	// SumInput keeps Summed, the running sum of each neuron's input current
	// since the last reset (the seed's sum_input).
	SumInput bool
	// ParamDists draws model parameters per neuron: for each entry, Init
	// (and Reset, identically) sets the model's Param named by the key
	// (its network-language name, e.g. "threshold") to one draw of the
	// distribution per neuron, from the stream "population/NAME/params"
	// of the network seed, parameters in name order and neurons in
	// order. The model's Init then checks the drawn values as any others.
	ParamDists map[string]dist.Dist

	// S holds the spikes of the last step.
	S []bool
	// Traces holds the spike traces (nil unless the model's SpikeTrace).
	Traces []float64
	// Summed holds the running input sums (nil unless SumInput).
	Summed []float64
	// Fired lists the neurons that spiked in the last step, ascending
	// (filled by Collect).
	Fired []int32
	// Spikes counts the spikes since Init or the last Reset.
	Spikes int64

	n         int
	dt        float64
	seed      uint64
	chunkSize int
	streams   []*rand.Rand
	decay     []float64
	scale     []float64
	additive  bool
	clamp     []bool
	unclamp   []bool
	checkVars [][]float64
	checkName []string
	jumps     []float64
}

// Jumper is implemented by models whose membrane potential v can jump:
// every integrate-and-fire model (through Membrane) and Izhikevich. A
// jump dv[i] is added to neuron i's v right after the integration of the
// step (step 2 of the step contract) and before the threshold test, as
// NEST applies the input of iaf_psc_delta; a refractory neuron ignores
// its jumps (NEST's default), and lower_bound applies after the jump.
type Jumper interface {
	Model
	// SetJumps makes the model read its jumps from dv (one per neuron,
	// in mV) in every step; nil removes them.
	SetJumps(dv []float64)
}

// Jumps returns the population's voltage-jump buffer, one value per
// neuron (mV), allocating it and handing it to the model on the first
// call after Init. Whoever drives the population writes the jumps of
// chunk c into Jumps()[c.Lo:c.Hi] before Step(c, ...) (package graph
// clears and fills it every step); Step does not clear it. It returns an
// error if the model is not a Jumper.
func (p *Population) Jumps() ([]float64, error) {
	j, ok := p.Model.(Jumper)
	if !ok {
		return nil, fmt.Errorf("population %q (%s) has no membrane potential that can jump", p.Name, p.Model.Kind())
	}
	if len(p.jumps) != p.Len() {
		p.jumps = make([]float64, p.Len())
	}
	j.SetJumps(p.jumps)
	return p.jumps, nil
}

// New returns a population of n neurons of model m, named name, with the
// seed's population defaults (excitatory, learning on).
func New(name string, n int, m Model) *Population {
	return &Population{Name: name, Shape: []int{n}, Model: m, Learning: true}
}

// NewShaped returns a population of model m with the given shape.
func NewShaped(name string, shape []int, m Model) *Population {
	return &Population{Name: name, Shape: append([]int(nil), shape...), Model: m, Learning: true}
}

// Len returns the number of neurons (the product of Shape).
func (p *Population) Len() int {
	n := 1
	for _, d := range p.Shape {
		n *= d
	}
	return n
}

// Init checks the population and prepares it to run with time step dt (ms).
// seed is the network's master seed: the population draws its random
// numbers from streams derived from seed and its name. chunkSize fixes the
// chunking (DefaultChunkSize if <= 0).
func (p *Population) Init(dt float64, seed uint64, chunkSize int) error {
	if p.Model == nil {
		return fmt.Errorf("population %q has no model", p.Name)
	}
	if len(p.Shape) == 0 {
		return fmt.Errorf("population %q has no shape", p.Name)
	}
	for _, d := range p.Shape {
		if d <= 0 {
			return fmt.Errorf("population %q: shape %v has a dimension <= 0", p.Name, p.Shape)
		}
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return fmt.Errorf("population %q: time step %g ms, want a positive number", p.Name, dt)
	}
	if chunkSize <= 0 {
		chunkSize = DefaultChunkSize
	}
	p.n, p.dt, p.seed, p.chunkSize = p.Len(), dt, seed, chunkSize
	if err := p.reset(); err != nil {
		return err
	}
	tr := p.Model.TraceParams()
	p.Traces, p.decay, p.scale = nil, nil, nil
	if tr.SpikeTrace {
		var e errs
		tau := e.positive(tr.TauS, "tau_s", p.n)
		p.scale = e.expand(tr.TraceScale, "trace_scale", p.n)
		if e.err != nil {
			return fmt.Errorf("population %q: %w", p.Name, e.err)
		}
		p.decay = make([]float64, p.n)
		for i, t := range tau {
			p.decay[i] = math.Exp(-dt / t)
		}
		p.additive = tr.AdditiveSpikeTrace
		p.Traces = make([]float64, p.n)
	}
	p.S = make([]bool, p.n)
	p.Summed = nil
	if p.SumInput {
		p.Summed = make([]float64, p.n)
	}
	nc := (p.n + chunkSize - 1) / chunkSize
	p.streams = make([]*rand.Rand, nc)
	for c := range p.streams {
		p.streams[c] = dist.Stream(seed, "population/"+p.Name, uint64(c))
	}
	return nil
}

// reset (re)initialises the model from its init stream and binds the
// state variables that Step checks for faults.
func (p *Population) reset() error {
	if err := p.drawParams(); err != nil {
		return fmt.Errorf("population %q (%s): %w", p.Name, p.Model.Kind(), err)
	}
	r := dist.Stream(p.seed, "population/"+p.Name+"/init", 0)
	if err := p.Model.Init(p.n, p.dt, r); err != nil {
		return fmt.Errorf("population %q (%s): %w", p.Name, p.Model.Kind(), err)
	}
	p.checkVars, p.checkName = nil, nil
	for _, name := range p.Model.Vars() {
		if name == "refrac_count" {
			continue // counts steps: it cannot become NaN on its own
		}
		if v := p.Model.Var(name); len(v) == p.n {
			p.checkVars = append(p.checkVars, v)
			p.checkName = append(p.checkName, name)
		}
	}
	p.Fired, p.Spikes = p.Fired[:0], 0
	return nil
}

// drawParams sets the model parameters of ParamDists to per-neuron draws.
func (p *Population) drawParams() error {
	if len(p.ParamDists) == 0 {
		return nil
	}
	names := make([]string, 0, len(p.ParamDists))
	for name := range p.ParamDists {
		names = append(names, name)
	}
	slices.Sort(names)
	fields := make(map[string]ParamInfo)
	for _, info := range DescribeStruct(p.Model) {
		fields[info.Name] = info
	}
	r := dist.Stream(p.seed, "population/"+p.Name+"/params", 0)
	v := reflect.ValueOf(p.Model)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	for _, name := range names {
		info, ok := fields[name]
		if !ok || info.Type != reflect.TypeFor[Param]() {
			return paramerr.Errorf(name, -1, "parameter %s cannot be drawn from a distribution: the model has no per-neuron parameter %s", name, name)
		}
		d := p.ParamDists[name]
		if d == nil {
			continue
		}
		if err := d.Validate(); err != nil {
			return paramerr.Errorf(name, -1, "parameter %s: %w", name, err)
		}
		vals := make(Param, p.n)
		if err := dist.Fill(d, vals, r); err != nil {
			return paramerr.Errorf(name, -1, "parameter %s: %w", name, err)
		}
		v.FieldByIndex(info.Index).Set(reflect.ValueOf(vals))
	}
	return nil
}

// Reset restores the state the population had after Init: initial state
// variables (the same draws), no spikes, zero traces and sums, and fresh
// random streams. Clamps are kept.
func (p *Population) Reset() error {
	if err := p.reset(); err != nil {
		return err
	}
	clear(p.S)
	clear(p.Traces)
	clear(p.Summed)
	clear(p.jumps)
	for c := range p.streams {
		p.streams[c] = dist.Stream(p.seed, "population/"+p.Name, uint64(c))
	}
	return nil
}

// Collect fills Fired with the neurons that spiked in the last step and
// adds them to Spikes. The network calls it once per step, after every
// chunk has advanced.
func (p *Population) Collect() {
	p.Fired = p.AppendFired(p.Fired[:0], 0, len(p.S))
	p.Spikes += int64(len(p.Fired))
}

// AppendFired appends to dst the neurons in [lo, hi) that spiked in the
// last step, in ascending order, and returns it. Collect is
// AppendFired over every neuron; a runner that advances the population in
// ranges may collect each range where it advanced it and then set Fired
// (and add to Spikes) itself.
func (p *Population) AppendFired(dst []int32, lo, hi int) []int32 {
	// Spikes are rare: skip 32 silent neurons at a time. A bool is one
	// byte holding 0 or 1.
	s := p.S[:hi]
	i := lo
	if hi-lo >= 32 {
		b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s))
		le := binary.LittleEndian
		for ; i+32 <= len(b); i += 32 {
			w := b[i : i+32]
			if le.Uint64(w)|le.Uint64(w[8:])|le.Uint64(w[16:])|le.Uint64(w[24:]) == 0 {
				continue
			}
			for j := i; j < i+32; j++ {
				if s[j] {
					dst = append(dst, int32(j))
				}
			}
		}
	}
	for ; i < hi; i++ {
		if s[i] {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// NumChunks returns the number of chunks the population is advanced in.
func (p *Population) NumChunks() int { return len(p.streams) }

// Chunk returns chunk c of step k.
func (p *Population) Chunk(c, k int) Chunk {
	lo := c * p.chunkSize
	return Chunk{Lo: lo, Hi: min(lo+p.chunkSize, p.n), Step: k, Rand: p.streams[c]}
}

// Clamp forces the neurons where mask is true to spike in every step until
// cleared with Clamp(nil) (the seed's clamp). mask has one entry per neuron.
func (p *Population) Clamp(mask []bool) error {
	return p.setMask(&p.clamp, mask, "clamp")
}

// Unclamp forces the neurons where mask is true to stay silent in every
// step until cleared with Unclamp(nil) (the seed's unclamp).
func (p *Population) Unclamp(mask []bool) error {
	return p.setMask(&p.unclamp, mask, "unclamp")
}

func (p *Population) setMask(dst *[]bool, mask []bool, what string) error {
	if mask != nil && len(mask) != p.Len() {
		return fmt.Errorf("population %q: %s mask has %d entries for %d neurons", p.Name, what, len(mask), p.Len())
	}
	*dst = append([]bool(nil), mask...)
	if mask == nil {
		*dst = nil
	}
	return nil
}

// Var returns a state variable by name: the model's variables, plus
// "traces" and "summed". It returns nil if there is no such variable.
func (p *Population) Var(name string) []float64 {
	switch name {
	case "traces":
		return p.Traces
	case "summed":
		return p.Summed
	}
	return p.Model.Var(name)
}

// Vars lists the names Var accepts for this population.
func (p *Population) Vars() []string {
	vars := append([]string(nil), p.Model.Vars()...)
	if p.Traces != nil || p.Model.TraceParams().SpikeTrace {
		vars = append(vars, "traces")
	}
	if p.SumInput {
		vars = append(vars, "summed")
	}
	return vars
}

// CheckingModel is implemented by models whose step checks their own
// state for NaN and infinite values on the way, which is cheaper than the
// separate pass over the state that Population.Step makes for other
// models.
type CheckingModel interface {
	Model
	// StepCheck is Step, and reports whether a state variable that the
	// population checks (every variable Vars lists but "refrac_count") may
	// be NaN or infinite in [c.Lo, c.Hi) after the step. It must return
	// true whenever one is; it may return true when none is, at the cost
	// of a pass over the state.
	StepCheck(c Chunk, x []float64, s []bool) (suspect bool)
}

// Step advances chunk c with input currents x (one per neuron; only
// [c.Lo, c.Hi) is read): the model's step, then clamps, traces and input
// sums. It returns a *FaultError if a state variable of the chunk became
// NaN or infinite: it looks for one after the step, unless the model is a
// CheckingModel that reports its state sound.
func (p *Population) Step(c Chunk, x []float64) error {
	suspect := true
	if m, ok := p.Model.(CheckingModel); ok {
		suspect = m.StepCheck(c, x, p.S)
	} else {
		p.Model.Step(c, x, p.S)
	}
	return p.finish(c, x, suspect)
}

// finish is the end of Step after the model's step: clamps, traces, input
// sums and, if suspect, the check of the state for faults.
func (p *Population) finish(c Chunk, x []float64, suspect bool) error {
	s := p.S[c.Lo:c.Hi]
	if p.clamp != nil {
		for i, on := range p.clamp[c.Lo:c.Hi] {
			s[i] = s[i] || on
		}
	}
	if p.unclamp != nil {
		for i, off := range p.unclamp[c.Lo:c.Hi] {
			s[i] = s[i] && !off
		}
	}
	if p.Traces != nil {
		tr, dec, sc := p.Traces[c.Lo:c.Hi], p.decay[c.Lo:c.Hi], p.scale[c.Lo:c.Hi]
		for i := range tr {
			tr[i] *= dec[i]
			if s[i] {
				if p.additive {
					tr[i] += sc[i]
				} else {
					tr[i] = 1
				}
			}
		}
	}
	if p.Summed != nil {
		sum := p.Summed[c.Lo:c.Hi]
		for i, xi := range x[c.Lo:c.Hi] {
			sum[i] += xi
		}
	}
	if !suspect {
		return nil
	}
	for j, v := range p.checkVars {
		if i := firstNonFinite(v[c.Lo:c.Hi]); i >= 0 {
			return &FaultError{Population: p.Name, Var: p.checkName[j], Neuron: c.Lo + i, Step: c.Step, Value: v[c.Lo+i]}
		}
	}
	return nil
}

// firstNonFinite returns the index of the first NaN or infinite value, or -1.
func firstNonFinite(v []float64) int {
	// x*0 is NaN for NaN and ±Inf and 0 otherwise; four accumulators keep
	// the additions independent.
	var a0, a1, a2, a3 float64
	i := 0
	for ; i+4 <= len(v); i += 4 {
		a0 += v[i] * 0
		a1 += v[i+1] * 0
		a2 += v[i+2] * 0
		a3 += v[i+3] * 0
	}
	for ; i < len(v); i++ {
		a0 += v[i] * 0
	}
	if a0+a1+a2+a3 == 0 {
		return -1
	}
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return i
		}
	}
	return -1
}

// FaultError reports a state variable that became NaN or infinite.
type FaultError struct {
	Population string
	Var        string
	Neuron     int
	Step       int
	Value      float64
}

func (e *FaultError) Error() string {
	return fmt.Sprintf("population %q: %s of neuron %d became %g at step %d", e.Population, e.Var, e.Neuron, e.Value, e.Step)
}
