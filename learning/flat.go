package learning

import (
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math/bits"
)

// spikeWindow remembers, for each of n rows (synapses or neurons), in
// which of its last steps an event happened: a bit set per row whose bit b
// stands for step last-b, shifted lazily when the row is next touched.
type spikeWindow struct {
	words int      // uint64 words per row
	bits  []uint64 // row r is bits[r*words : (r+1)*words]
	last  []int    // the step that bit 0 of row r stands for
}

// newSpikeWindow returns a window of n rows remembering at least span steps.
func newSpikeWindow(n, span int) spikeWindow {
	words := (span + 63) / 64
	return spikeWindow{words: words, bits: make([]uint64, n*words), last: make([]int, n)}
}

// row returns row r brought forward to step k.
func (w *spikeWindow) row(r, k int) []uint64 {
	row := w.bits[r*w.words : (r+1)*w.words]
	if n := k - w.last[r]; n > 0 {
		shiftLeft(row, n)
		w.last[r] = k
	}
	return row
}

// record notes an event of row r in step k.
func (w *spikeWindow) record(r, k int) { w.row(r, k)[0] |= 1 }

// count returns the number of events of row r in steps k-lags to k.
func (w *spikeWindow) count(r, k, lags int) int {
	row := w.row(r, k)
	full, rem := (lags+1)/64, (lags+1)%64
	n := 0
	for _, b := range row[:full] {
		n += bits.OnesCount64(b)
	}
	if rem > 0 {
		n += bits.OnesCount64(row[full] & (1<<rem - 1))
	}
	return n
}

func (w *spikeWindow) reset() {
	clear(w.bits)
	clear(w.last)
}

// shiftLeft shifts the multi-word bit set row (bit b in row[b/64]) by n
// bits towards higher indices, dropping what falls off the end.
func shiftLeft(row []uint64, n int) {
	if n >= 64*len(row) {
		clear(row)
		return
	}
	ws, bs := n/64, uint(n%64)
	for i := len(row) - 1; i >= 0; i-- {
		var v uint64
		if j := i - ws; j >= 0 {
			v = row[j] << bs
			if bs > 0 && j > 0 {
				v |= row[j-1] >> (64 - bs)
			}
		}
		row[i] = v
	}
}

// flatWindow holds the event-driven state of Flat-STDP: for every synapse
// the steps of its recent presynaptic arrivals, and for every target
// neuron the steps of its recent spikes, over the last window_steps steps.
type flatWindow struct {
	WindowSteps int `param:"window_steps" unit:"steps" doc:"pairing window: a pre arrival and a post spike at most window_steps steps apart form a pair"`

	pre, post spikeWindow
}

func (f *flatWindow) initPairs(e Edge, _ float64) error {
	if f.WindowSteps < 0 {
		return paramerr.Errorf("window_steps", -1, "window_steps = %d: want 0 or more", f.WindowSteps)
	}
	f.pre = newSpikeWindow(e.Len(), f.WindowSteps+1)
	f.post = newSpikeWindow(e.NumPost(), f.WindowSteps+1)
	return nil
}

func (f *flatWindow) resetPairs() {
	f.pre.reset()
	f.post.reset()
}

// pairs runs the Flat-STDP events of step k and calls add(s, dw) for
// the weight change of each: at a presynaptic arrival, -ltd times the
// number of spikes of the target in the previous window_steps steps; at a
// postsynaptic spike, +ltp times the number of arrivals at the synapse in
// the last window_steps steps and this one. Arrivals are processed before
// postsynaptic spikes, so a pair in one step counts once, as
// pre-before-post.
func (f *flatWindow) pairs(e Edge, c *Context, ltd, ltp float64, add func(s int, dw float64)) {
	k, lags := c.Step, f.WindowSteps
	e.Arrivals(k, func(s int) {
		if ltd != 0 {
			if n := f.post.count(e.Target(s), k, lags); n > 0 {
				add(s, -ltd*float64(n))
			}
		}
		f.pre.record(s, k)
	})
	for _, j := range c.PostFired {
		if ltp != 0 {
			for _, s := range e.Incoming(int(j)) {
				if n := f.pre.count(int(s), k, lags); n > 0 {
					add(int(s), ltp*float64(n))
				}
			}
		}
		f.post.record(int(j), k)
	}
}

// FlatSTDP is STDP with a flat window (the seed's FlatSTDP): every pair of
// a presynaptic spike's arrival at step a and a postsynaptic spike at step
// p with |p - a| <= window_steps changes the weight by the same amount,
// whatever the lag:
//
//	p >= a (post not before the arrival):  w += lr[1]
//	p <  a (arrival after post):           w -= lr[0]
//
// All pairs within the window count (all-to-all): a post spike with three
// arrivals in its window potentiates by 3*lr[1]. The rule is event-driven:
// each synapse remembers the steps of its recent arrivals and each target
// neuron those of its recent spikes, as bit sets of window_steps+1 bits.
// The window is in steps, so it spans window_steps*dt ms.
//
// The seed instead added, in every step, dt*(-lr[0]*pre_s*post_count +
// lr[1]*pre_count*post_s), with counts over the last window_steps steps
// including the current one: its changes scaled with dt, its window
// reached back window_steps-1 steps, a pre and a post spike in the same
// step counted both as potentiation and as depression, and it paired
// emitted spikes, ignoring delays. Here a change is lr per pair, the
// window is inclusive at both ends, a same-step pair counts once, as
// pre-before-post, and the pre spike counts when it arrives.
// Default: window_steps = 10.
type FlatSTDP struct {
	Base
	flatWindow
}

// NewFlatSTDP returns a Flat-STDP rule with the defaults.
func NewFlatSTDP() *FlatSTDP {
	return &FlatSTDP{Base: DefaultBase(), flatWindow: flatWindow{WindowSteps: 10}}
}

// Kind returns "flat_stdp".
func (r *FlatSTDP) Kind() string { return "flat_stdp" }

// Init implements Rule.
func (r *FlatSTDP) Init(e Edge, dt float64) error {
	return initPairRule(&r.Base, nil, &r.flatWindow, e, dt)
}

// Update implements Rule.
func (r *FlatSTDP) Update(e Edge, c *Context) {
	updatePairRule(&r.Base, nil, &r.flatWindow, e, c)
}

// Reset implements Rule.
func (r *FlatSTDP) Reset() { resetPairRule(nil, &r.flatWindow) }

// FlatRSTDP is reward-modulated Flat-STDP: the flat-window changes of
// FlatSTDP feed a per-synapse eligibility trace c, and dopamine turns it
// into weight change, as in RSTDP:
//
//	c <- c*exp(-dt/tau_c) + (Flat-STDP changes of this step)
//	w += dt * c * dopamine
//
// The seed's FlatRSTDP never created c or tau_c and could not run.
// Defaults: window_steps = 10, tau_c = 1000 ms.
type FlatRSTDP struct {
	Base
	flatWindow
	eligibility
}

// NewFlatRSTDP returns a reward-modulated Flat-STDP rule with the defaults.
func NewFlatRSTDP() *FlatRSTDP {
	return &FlatRSTDP{Base: DefaultBase(), flatWindow: flatWindow{WindowSteps: 10}, eligibility: eligibility{TauC: 1000}}
}

// Kind returns "flat_rstdp".
func (r *FlatRSTDP) Kind() string { return "flat_rstdp" }

// Init implements Rule.
func (r *FlatRSTDP) Init(e Edge, dt float64) error {
	return initPairRule(&r.Base, &r.eligibility, &r.flatWindow, e, dt)
}

// Update implements Rule.
func (r *FlatRSTDP) Update(e Edge, c *Context) {
	updatePairRule(&r.Base, &r.eligibility, &r.flatWindow, e, c)
}

// Reset implements Rule.
func (r *FlatRSTDP) Reset() { resetPairRule(&r.eligibility, &r.flatWindow) }
