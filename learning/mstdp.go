package learning

import "math"

// eligEvent is one term of a step's point eligibility: synapse s gets v.
type eligEvent struct {
	s int32
	v float64
}

// mstdpTraces holds the state that MSTDP and MSTDPET share: Florian's
// (2007) traces p_plus (one per synapse, driven by presynaptic arrivals)
// and p_minus (one per target neuron), and the point eligibility of the
// last step, kept as a list of the synapses it touches.
type mstdpTraces struct {
	TcPlus  float64 `param:"tc_plus" unit:"ms" doc:"time constant of the presynaptic trace p_plus"`
	TcMinus float64 `param:"tc_minus" unit:"ms" doc:"time constant of the postsynaptic trace p_minus"`
	APlus   float64 `param:"a_plus" doc:"jump of p_plus at each presynaptic arrival"`
	AMinus  float64 `param:"a_minus" doc:"jump of p_minus at each postsynaptic spike (negative for depression)"`

	pPlus, pMinus lazyTrace
	elig, next    []eligEvent // point eligibility of step eligStep; scratch
	eligStep      int
}

func newMSTDPTraces() mstdpTraces {
	return mstdpTraces{TcPlus: 20, TcMinus: 20, APlus: 1, AMinus: -1}
}

func (m *mstdpTraces) initTraces(e Edge, dt float64) error {
	if err := checkTau("tc_plus", m.TcPlus); err != nil {
		return err
	}
	if err := checkTau("tc_minus", m.TcMinus); err != nil {
		return err
	}
	m.pPlus = newLazyTrace(e.Len(), m.TcPlus, dt)
	m.pMinus = newLazyTrace(e.NumPost(), m.TcMinus, dt)
	m.resetTraces()
	return nil
}

func (m *mstdpTraces) resetTraces() {
	m.pPlus.reset()
	m.pMinus.reset()
	m.elig, m.eligStep = m.elig[:0], -2
}

// prevElig returns the point eligibility of step k-1 (nil if the rule did
// not run in that step).
func (m *mstdpTraces) prevElig(k int) []eligEvent {
	if m.eligStep != k-1 {
		return nil
	}
	return m.elig
}

// point computes the point eligibility of step k, scaled by the learning
// rates: at a presynaptic arrival, ltd*p_minus (p_minus of the target's
// spikes before this step), then p_plus += a_plus; at a postsynaptic
// spike, ltp*p_plus for each incoming synapse (p_plus including this
// step's arrivals), then p_minus += a_minus.
func (m *mstdpTraces) point(e Edge, c *Context, ltd, ltp float64) {
	k := c.Step
	next := m.next[:0]
	e.Arrivals(k, func(s int) {
		if pm := m.pMinus.at(e.Target(s), k); pm != 0 && ltd != 0 {
			next = append(next, eligEvent{int32(s), ltd * pm})
		}
		m.pPlus.add(s, k, m.APlus)
	})
	for _, j := range c.PostFired {
		if ltp != 0 {
			for _, s := range e.Incoming(int(j)) {
				if pp := m.pPlus.at(int(s), k); pp != 0 {
					next = append(next, eligEvent{s, ltp * pp})
				}
			}
		}
		m.pMinus.add(int(j), k, m.AMinus)
	}
	m.elig, m.next, m.eligStep = next, m.elig, k
}

// MSTDP is reward-modulated STDP without eligibility trace (Florian 2007,
// "MSTDP"; BindsNET's MSTDP, the seed's MSTDP). Two traces decay
// exponentially:
//
//	p_plus  (per synapse):       tau_plus dp/dt = -p, p += a_plus at each presynaptic arrival
//	p_minus (per target neuron): tau_minus dp/dt = -p, p += a_minus at each postsynaptic spike
//
// and the point eligibility of step k is
//
//	zeta_k = lr[1]*p_plus*post_spike + lr[0]*pre_arrival*p_minus
//
// (with a_minus < 0 the second term depresses). The reward of step k
// acts on the eligibility of the step before:
//
//	w += dopamine_k * zeta_{k-1}
//
// The reward signal r(t) of Florian's rule is the network's dopamine
// level (Context.Dopamine), which reward blocks feed. With one learning
// rate, lr = [nu, nu], this is BindsNET's update nu*reward*eligibility
// (BindsNET uses nu[0] only). Differences from BindsNET: presynaptic spikes
// count when they arrive (delays are respected); in the step where both a
// presynaptic spike arrives and the target spikes, the pair counts once,
// as pre-before-post (BindsNET adds both a_plus and a_minus, which cancel
// for the defaults); weight bounds, decay and normalisation apply (the
// seed's MSTDP skipped them, and crashed on undefined attributes).
// Defaults: tc_plus = tc_minus = 20 ms, a_plus = 1, a_minus = -1.
type MSTDP struct {
	Base
	mstdpTraces
}

// NewMSTDP returns an MSTDP rule with the defaults.
func NewMSTDP() *MSTDP { return &MSTDP{Base: DefaultBase(), mstdpTraces: newMSTDPTraces()} }

// Kind returns "mstdp".
func (r *MSTDP) Kind() string { return "mstdp" }

// Init implements Rule.
func (r *MSTDP) Init(e Edge, dt float64) error {
	if err := r.Setup(e, dt); err != nil {
		return err
	}
	return r.initTraces(e, dt)
}

// Update implements Rule.
func (r *MSTDP) Update(e Edge, c *Context) {
	if !r.Learning {
		return
	}
	if da := c.Dopamine; da != 0 {
		w := e.Weights()
		for _, ev := range r.prevElig(c.Step) {
			r.Change(w, int(ev.s), da*ev.v)
		}
	}
	r.point(e, c, r.ltd, r.ltp)
	r.Finish(e, c.Step)
}

// Reset implements Rule.
func (r *MSTDP) Reset() { r.resetTraces() }

// MSTDPET is reward-modulated STDP with an eligibility trace (Florian
// 2007, "MSTDP-ET"; BindsNET's MSTDPET). The point eligibility zeta of
// MSTDP feeds a per-synapse eligibility trace z, and the reward acts on z:
//
//	z_k = z_{k-1}*exp(-dt/tc_e_trace) + zeta_{k-1}/tc_e_trace
//	w  += dt * dopamine_k * z_k
//
// so a single pre-before-post pair leaves a trace that decays with
// tc_e_trace, and a reward within a few tc_e_trace of the pair still acts
// on it. Differences from BindsNET as for MSTDP. The cost is one pass over
// the synapses per step. Defaults: tc_plus = tc_minus = 20 ms,
// tc_e_trace = 25 ms, a_plus = 1, a_minus = -1.
type MSTDPET struct {
	Base
	mstdpTraces
	TcETrace float64 `param:"tc_e_trace" unit:"ms" doc:"time constant of the eligibility trace z"`

	// Z is the eligibility trace per synapse.
	Z     []float64
	decay float64
}

// NewMSTDPET returns an MSTDPET rule with the defaults.
func NewMSTDPET() *MSTDPET {
	return &MSTDPET{Base: DefaultBase(), mstdpTraces: newMSTDPTraces(), TcETrace: 25}
}

// Kind returns "mstdpet".
func (r *MSTDPET) Kind() string { return "mstdpet" }

// Init implements Rule.
func (r *MSTDPET) Init(e Edge, dt float64) error {
	if err := r.Setup(e, dt); err != nil {
		return err
	}
	if err := checkTau("tc_e_trace", r.TcETrace); err != nil {
		return err
	}
	r.Z, r.decay = make([]float64, e.Len()), math.Exp(-dt/r.TcETrace)
	return r.initTraces(e, dt)
}

// Update implements Rule.
func (r *MSTDPET) Update(e Edge, c *Context) {
	if !r.Learning {
		return
	}
	for s := range r.Z {
		r.Z[s] *= r.decay
	}
	for _, ev := range r.prevElig(c.Step) {
		r.Z[ev.s] += ev.v / r.TcETrace
	}
	if da := c.Dopamine; da != 0 {
		w := e.Weights()
		for s, z := range r.Z {
			if z != 0 {
				r.Change(w, s, c.Dt*da*z)
			}
		}
	}
	r.point(e, c, r.ltd, r.ltp)
	r.Finish(e, c.Step)
}

// Reset implements Rule.
func (r *MSTDPET) Reset() {
	r.resetTraces()
	clear(r.Z)
}
