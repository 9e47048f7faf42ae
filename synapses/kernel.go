package synapses

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/internal/fused"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Kernel turns the spikes that arrive at the target neurons into input
// current: what one presynaptic spike does to the target. A Kernel value
// belongs to one edge and keeps that edge's per-target state.
type Kernel interface {
	// Kind names the kernel: "delta", "current_pulse", "exponential", ...
	Kind() string
	// Init prepares state for n target neurons and time step dt (ms).
	// inhibitory reports whether the source population is inhibitory.
	Init(n int, dt float64, inhibitory bool) error
	// Signed reports whether arrivals carry Dale's sign (negative from an
	// inhibitory source). Conductance kernels take positive conductances
	// and get their sign from the reversal potential.
	Signed() bool
	// NeedsV reports whether Deliver reads the target's membrane potential.
	NeedsV() bool
	// Deliver adds to x[j] the current of target j in [lo, hi) for this
	// step, given a[j], the sum of the weights arriving at j in this step,
	// and v, the target's membrane potential at the start of the step
	// (nil unless NeedsV). It consumes the arrivals: it sets a[j] to 0.
	Deliver(a, x, v []float64, lo, hi int)
	// Var returns a state variable by name ("i", "g"), or nil.
	Var(name string) []float64
	// Reset clears the state.
	Reset()
}

// TargetBinder is implemented by kernels that need to know the target
// population: Synapse.Init calls BindTarget after Kernel.Init (the target
// is initialised by then). Delta uses it to read the target's input gain.
type TargetBinder interface {
	BindTarget(p *neurons.Population) error
}

// Delta is the default kernel, "delta": a spike of weight w makes the
// target's membrane potential v jump by w (mV) in the step it arrives, as
// NEST's iaf_psc_delta and Brian2's on_pre='v += w', whatever dt. The jump
// lands after the step's integration and before its threshold check: Delta
// delivers the one-step input w/g[j], with g the target model's input
// gain (neurons.InputGainer), so that v moves by exactly w more than it
// would have. A refractory target, which does not integrate v, ignores the
// jump (NEST's default). A target whose model has no input gain (clif,
// whose input enters its synaptic current i; input, poisson and
// spike_generator; custom models that do not implement InputGainer)
// receives the weight as a one-step input, as CurrentPulse
// ("current_pulse", the seed's delta) gives it.
type Delta struct {
	inv []float64 // 1/g per target
}

// Kind returns "delta".
func (*Delta) Kind() string { return "delta" }

// Init implements Kernel.
func (*Delta) Init(int, float64, bool) error { return nil }

// BindTarget implements TargetBinder: it reads the target's input gain.
func (k *Delta) BindTarget(p *neurons.Population) error {
	gm, ok := p.Model.(neurons.InputGainer)
	if !ok {
		k.inv = nil // no membrane gain: the one-step input of CurrentPulse
		return nil
	}
	g := gm.InputGain()
	if len(g) != p.Len() {
		return fmt.Errorf("population %q (%s): input gain of %d neurons, want %d", p.Name, p.Model.Kind(), len(g), p.Len())
	}
	k.inv = make([]float64, len(g))
	for j, gj := range g {
		if gj == 0 || math.IsNaN(gj) || math.IsInf(gj, 0) {
			return fmt.Errorf("the delta kernel cannot make v of neuron %d of population %q jump: its input gain is %g (R = 0?)", j, p.Name, gj)
		}
		k.inv[j] = 1 / gj
	}
	return nil
}

// Signed returns true.
func (*Delta) Signed() bool { return true }

// NeedsV returns false.
func (*Delta) NeedsV() bool { return false }

// Deliver implements Kernel: x[j] += a[j]/g[j].
func (k *Delta) Deliver(a, x, _ []float64, lo, hi int) {
	if k.inv == nil {
		(*CurrentPulse)(nil).Deliver(a, x, nil, lo, hi)
		return
	}
	a, x, inv := a[lo:hi], x[lo:hi], k.inv[lo:hi]
	x, inv = x[:len(a)], inv[:len(a)]
	for j := range a {
		x[j] += a[j] * inv[j]
	}
	clear(a)
}

// Var returns nil.
func (*Delta) Var(string) []float64 { return nil }

// Reset does nothing.
func (*Delta) Reset() {}

// CurrentPulse is the seed's delta kernel, "current_pulse": a spike adds
// its weight to the target's input x in the step it arrives, and nothing
// after. On a LIF target it moves v by R*w*dt/tau_m (Euler), so the PSP
// scales with dt.
type CurrentPulse struct{}

// Kind returns "current_pulse".
func (*CurrentPulse) Kind() string { return "current_pulse" }

// Init implements Kernel.
func (*CurrentPulse) Init(int, float64, bool) error { return nil }

// Signed returns true.
func (*CurrentPulse) Signed() bool { return true }

// NeedsV returns false.
func (*CurrentPulse) NeedsV() bool { return false }

// Deliver implements Kernel.
func (*CurrentPulse) Deliver(a, x, _ []float64, lo, hi int) {
	a, x = a[lo:hi], x[lo:hi]
	for j := range a {
		x[j] += a[j]
	}
	clear(a) // one vectorised pass: cheaper than a store per iteration
}

// Var returns nil.
func (*CurrentPulse) Var(string) []float64 { return nil }

// Reset does nothing.
func (*CurrentPulse) Reset() {}

// Exponential is a current-based synapse with an exponentially decaying
// current: each step i <- i*exp(-dt/Tau) + a, and x += i. A spike of
// weight w makes the current jump by w in the step it arrives.
type Exponential struct {
	Tau float64 `param:"tau" unit:"ms" gt:"0" doc:"decay time constant of the current"`

	// I is the synaptic current per target neuron, "i".
	I     []float64
	decay float64
}

// Kind returns "exponential".
func (*Exponential) Kind() string { return "exponential" }

// Init implements Kernel.
func (k *Exponential) Init(n int, dt float64, _ bool) error {
	if !(k.Tau > 0) || math.IsInf(k.Tau, 0) {
		return paramerr.Errorf("tau", -1, "exponential kernel: tau = %g ms, want a positive number", k.Tau)
	}
	k.I, k.decay = make([]float64, n), math.Exp(-dt/k.Tau)
	return nil
}

// Signed returns true.
func (*Exponential) Signed() bool { return true }

// NeedsV returns false.
func (*Exponential) NeedsV() bool { return false }

// Deliver implements Kernel.
func (k *Exponential) Deliver(a, x, _ []float64, lo, hi int) {
	k.deliver(a, x, lo, hi, false)
}

// deliver is Deliver, except that with set it overwrites x[j] with 0 + the
// current instead of adding to it: the same value as adding to a cleared
// x, without clearing it first.
func (k *Exponential) deliver(a, x []float64, lo, hi int, set bool) {
	a, x, cur, d := a[lo:hi], x[lo:hi:hi], k.I[lo:hi:hi], k.decay
	x, cur = x[:len(a)], cur[:len(a)]
	for j := range a {
		// float64(...) keeps the compiler from fusing the multiply-add
		// (GOAMD64=v3 and other architectures would), so that this sum
		// is the one of the fused step (package internal/fused).
		c := float64(cur[j]*d) + a[j]
		cur[j] = c
		sum := 0.0
		if !set {
			sum = x[j]
		}
		x[j] = sum + c
	}
	clear(a) // one vectorised pass: cheaper than a store per iteration
}

// deliverExponentials is the delivery of two exponential kernels of the
// same targets in one pass over them: k1 with arrivals a1, then k2 with
// a2, adding k1's current to x[j] first and k2's second, as two calls of
// deliver would, so that the sums are bit-identical.
func deliverExponentials(k1, k2 *Exponential, a1, a2, x []float64, lo, hi int, set bool) {
	a1, a2, x = a1[lo:hi], a2[lo:hi:hi], x[lo:hi:hi]
	cur1, cur2, d1, d2 := k1.I[lo:hi:hi], k2.I[lo:hi:hi], k1.decay, k2.decay
	a2, x, cur1, cur2 = a2[:len(a1)], x[:len(a1)], cur1[:len(a1)], cur2[:len(a1)]
	for j := range a1 {
		c1 := float64(cur1[j]*d1) + a1[j] // no FMA: see deliver
		c2 := float64(cur2[j]*d2) + a2[j]
		cur1[j], cur2[j] = c1, c2
		sum := 0.0
		if !set {
			sum = x[j]
		}
		x[j] = sum + c1 + c2
	}
	clear(a1)
	clear(a2)
}

// ExponentialInputs appends to dst, for each edge of edges in order, its
// exponential kernel's state for step k (its current, the delay-buffer
// slot of the spikes arriving in step k, its decay), for a fused step
// that does what DeliverAll(edges, k, ...) does followed by the target's
// step (neurons.Population.StepFused). It reports false if an edge's
// kernel is not an *Exponential (dst then holds the edges before it).
func ExponentialInputs(dst []fused.Kernel, edges []*Synapse, k int) ([]fused.Kernel, bool) {
	for _, e := range edges {
		x, ok := e.Kernel.(*Exponential)
		if !ok || e.postV {
			return dst, false
		}
		dst = append(dst, fused.Kernel{I: x.I, A: e.arrivals(k), Decay: x.decay})
	}
	return dst, true
}

// Var returns "i".
func (k *Exponential) Var(name string) []float64 {
	if name == "i" {
		return k.I
	}
	return nil
}

// Reset clears the currents.
func (k *Exponential) Reset() { clear(k.I) }

// Conductance is a conductance-based synapse: each step
// g <- g*exp(-dt/Tau) + a and x += g*(ERev - v), with v the target's
// potential at the start of the step. Weights are conductances (>= 0); the
// reversal potential gives the sign. ERev defaults to 0 mV for an
// excitatory source and -80 mV for an inhibitory one.
type Conductance struct {
	Tau  float64  `param:"tau" unit:"ms" gt:"0" doc:"decay time constant of the conductance"`
	ERev *float64 `param:"e_rev" unit:"mV" doc:"reversal potential; unset: 0 mV from an excitatory source, -80 mV from an inhibitory one"`

	// G is the conductance per target neuron, "g".
	G     []float64
	decay float64
	erev  float64
}

// Kind returns "conductance".
func (*Conductance) Kind() string { return "conductance" }

// Init implements Kernel.
func (k *Conductance) Init(n int, dt float64, inhibitory bool) error {
	if !(k.Tau > 0) || math.IsInf(k.Tau, 0) {
		return paramerr.Errorf("tau", -1, "conductance kernel: tau = %g ms, want a positive number", k.Tau)
	}
	k.erev = 0
	if inhibitory {
		k.erev = -80
	}
	if k.ERev != nil {
		k.erev = *k.ERev
		if math.IsNaN(k.erev) || math.IsInf(k.erev, 0) {
			return paramerr.Errorf("e_rev", -1, "conductance kernel: e_rev = %g mV, want a finite number", k.erev)
		}
	}
	k.G, k.decay = make([]float64, n), math.Exp(-dt/k.Tau)
	return nil
}

// Signed returns false.
func (*Conductance) Signed() bool { return false }

// NeedsV returns true.
func (*Conductance) NeedsV() bool { return true }

// Deliver implements Kernel.
func (k *Conductance) Deliver(a, x, v []float64, lo, hi int) {
	a, x, g, v, d, e := a[lo:hi], x[lo:hi], k.G[lo:hi], v[lo:hi], k.decay, k.erev
	for j := range a {
		c := g[j]*d + a[j]
		g[j] = c
		x[j] += c * (e - v[j])
	}
	clear(a) // one vectorised pass: cheaper than a store per iteration
}

// Var returns "g".
func (k *Conductance) Var(name string) []float64 {
	if name == "g" {
		return k.G
	}
	return nil
}

// Reset clears the conductances.
func (k *Conductance) Reset() { clear(k.G) }
