package learning

import (
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
)

// pairTraces are the event-driven traces of pair-based STDP: one
// presynaptic trace per synapse (driven by spike arrivals, so delays are
// respected) and one postsynaptic trace per target neuron. Traces decay
// lazily: each stores its value and the step of its last change, and is
// decayed exactly (by a table of exp(-lag*dt/tau)) when read.
//
// On an edge whose synapses all have one delay (a sourceEdge with
// OneDelay), the synapses of a source neuron see its spikes in the same
// steps, so their traces are equal: one presynaptic trace per source
// neuron is kept instead (bySource), and the rule walks the rows of the
// arriving sources and the columns of the firing targets directly. The
// traces, the weight changes and their order are the same bits.
type pairTraces struct {
	TauPre  float64 `param:"tau_pre" unit:"ms" doc:"time constant of the presynaptic trace (the potentiation window)"`
	TauPost float64 `param:"tau_post" unit:"ms" doc:"time constant of the postsynaptic trace (the depression window)"`
	Nearest bool    `param:"nearest" doc:"nearest-spike interaction: a spike sets its trace to 1 instead of adding 1"`

	pre, post   []float64
	tPre, tPost []int
	dPre, dPost decayTable

	// bySource: pre and tPre are per source neuron, src is the edge.
	bySource bool
	src      sourceEdge
}

// sourceEdge is what an edge offers pair rules beyond Edge for traces
// kept per source neuron (synapses.Synapse implements it).
type sourceEdge interface {
	// OneDelay returns the delay of every synapse, and whether they all
	// have one.
	OneDelay() (int, bool)
	// ArrivingSources returns the sources whose spikes arrive in step k,
	// ascending.
	ArrivingSources(k int) []int32
	// Row returns the targets and weights of source i's synapses, the
	// synapses Outgoing(i) in order.
	Row(i int) ([]int32, []float64)
	// IncomingSources returns the source of each synapse of Incoming(j).
	IncomingSources(j int) []int32
}

func (p *pairTraces) initPairs(e Edge, dt float64) error {
	if !(p.TauPre > 0) || !(p.TauPost > 0) || math.IsInf(p.TauPre, 0) || math.IsInf(p.TauPost, 0) {
		param := "tau_pre"
		if p.TauPre > 0 && !math.IsInf(p.TauPre, 0) {
			param = "tau_post"
		}
		return paramerr.Errorf(param, -1, "tau_pre = %g ms and tau_post = %g ms must be positive", p.TauPre, p.TauPost)
	}
	p.src, p.bySource = nil, false
	if se, ok := e.(sourceEdge); ok {
		if _, one := se.OneDelay(); one {
			p.src, p.bySource = se, true
		}
	}
	nPre := e.Len()
	if p.bySource {
		nPre = e.NumPre()
	}
	p.pre, p.tPre = make([]float64, nPre), make([]int, nPre)
	p.post, p.tPost = make([]float64, e.NumPost()), make([]int, e.NumPost())
	p.dPre, p.dPost = newDecayTable(p.TauPre, dt), newDecayTable(p.TauPost, dt)
	return nil
}

func (p *pairTraces) resetPairs() {
	clear(p.pre)
	clear(p.tPre)
	clear(p.post)
	clear(p.tPost)
}

// preAt returns synapse s's presynaptic trace at step k.
func (p *pairTraces) preAt(s, k int) float64 { return p.pre[s] * p.dPre.at(k-p.tPre[s]) }

// postAt returns target j's postsynaptic trace at step k.
func (p *pairTraces) postAt(j, k int) float64 { return p.post[j] * p.dPost.at(k-p.tPost[j]) }

// arrive records a presynaptic spike arriving at synapse s in step k.
func (p *pairTraces) arrive(s, k int) {
	x := p.preAt(s, k)
	if p.Nearest {
		x = 0
	}
	p.pre[s], p.tPre[s] = x+1, k
}

// fire records a postsynaptic spike of neuron j in step k.
func (p *pairTraces) fire(j, k int) {
	y := p.postAt(j, k)
	if p.Nearest {
		y = 0
	}
	p.post[j], p.tPost[j] = y+1, k
}

// pairs runs the pair-STDP events of step k and calls add(s, dw) for
// every weight change dw they call for: at each presynaptic arrival,
// depression -ltd*y (y: the postsynaptic trace of spikes up to the
// previous step), then the presynaptic trace grows; at each postsynaptic
// spike, potentiation ltp*x (x: the presynaptic trace including this
// step's arrivals), then the postsynaptic trace grows. A pre arrival and a
// post spike in the same step therefore count as pre-before-post, as in
// Brian2 (its on_pre pathway runs before on_post).
func (p *pairTraces) pairs(e Edge, c *Context, ltd, ltp float64, add func(s int, dw float64)) {
	if p.bySource {
		p.pairsBySource(e, c, ltd, ltp, nil, nil, add)
		return
	}
	k := c.Step
	e.Arrivals(k, func(s int) {
		if y := p.postAt(e.Target(s), k); y != 0 && ltd != 0 {
			add(s, -ltd*y)
		}
		p.arrive(s, k)
	})
	for _, j := range c.PostFired {
		if ltp != 0 {
			for _, s := range e.Incoming(int(j)) {
				if x := p.preAt(int(s), k); x != 0 {
					add(int(s), ltp*x)
				}
			}
		}
		p.fire(int(j), k)
	}
}

// STDP is trace-based pair STDP (the seed's STDP, with its bugs fixed: both
// terms add up, and changes do not depend on dt):
//
//	at a presynaptic spike's arrival:  w -= lr[0] * y_post
//	at a postsynaptic spike:           w += lr[1] * x_pre
//
// where x_pre (per synapse) and y_post (per target neuron) are traces that
// jump by 1 at each spike (or are set to 1 with nearest) and decay with
// tau_pre and tau_post. A single pair with post after pre by Δ ms changes
// w by lr[1]*exp(-Δ/tau_pre); pre after post by lr[0]*exp(-Δ/tau_post).
// Defaults: tau_pre = tau_post = 20 ms, all-to-all interaction.
// pairsBySource is pairs for traces kept per source neuron. With b set it
// changes the weights w within b's bounds directly (b.Change) instead of
// calling add.
func (p *pairTraces) pairsBySource(e Edge, c *Context, ltd, ltp float64, b *Base, w []float64, add func(s int, dw float64)) {
	k := c.Step
	for _, i := range p.src.ArrivingSources(k) {
		if ltd != 0 {
			lo, _ := e.Outgoing(int(i))
			post, _ := p.src.Row(int(i))
			for n, j := range post {
				if y := p.postAt(int(j), k); y != 0 {
					if b != nil {
						b.Change(w, lo+n, -ltd*y)
					} else {
						add(lo+n, -ltd*y)
					}
				}
			}
		}
		p.arrive(int(i), k)
	}
	for _, j := range c.PostFired {
		if ltp != 0 {
			syn, src := e.Incoming(int(j)), p.src.IncomingSources(int(j))
			for n, s := range syn {
				if x := p.preAt(int(src[n]), k); x != 0 {
					if b != nil {
						b.Change(w, int(s), ltp*x)
					} else {
						add(int(s), ltp*x)
					}
				}
			}
		}
		p.fire(int(j), k)
	}
}

type STDP struct {
	Base
	pairTraces
}

// NewSTDP returns a pair-STDP rule with the defaults.
func NewSTDP() *STDP {
	return &STDP{Base: DefaultBase(), pairTraces: pairTraces{TauPre: 20, TauPost: 20}}
}

// Kind returns "stdp".
func (r *STDP) Kind() string { return "stdp" }

// Init implements Rule.
func (r *STDP) Init(e Edge, dt float64) error {
	return initPairRule(&r.Base, nil, &r.pairTraces, e, dt)
}

// Update implements Rule.
func (r *STDP) Update(e Edge, c *Context) {
	updatePairRule(&r.Base, nil, &r.pairTraces, e, c)
}

// Reset implements Rule.
func (r *STDP) Reset() { resetPairRule(nil, &r.pairTraces) }

// RSTDP is reward-modulated STDP with an eligibility trace (three-factor
// learning, Izhikevich 2007): the pair-STDP changes of STDP feed a
// per-synapse eligibility c instead of the weight, and dopamine turns
// eligibility into weight change:
//
//	c <- c*exp(-dt/tau_c) + (STDP changes of this step)
//	w += dt * c * dopamine
//
// The seed multiplied the STDP term by coincident pre and post spikes,
// which kills the STDP window, and set tau_c = dt; here c is built from
// the full window and tau_c defaults to 1000 ms. The cost is one pass over
// the synapses per step.
type RSTDP struct {
	Base
	pairTraces
	eligibility
}

// NewRSTDP returns an R-STDP rule with the defaults.
func NewRSTDP() *RSTDP {
	return &RSTDP{Base: DefaultBase(), pairTraces: pairTraces{TauPre: 20, TauPost: 20}, eligibility: eligibility{TauC: 1000}}
}

// Kind returns "rstdp".
func (r *RSTDP) Kind() string { return "rstdp" }

// Init implements Rule.
func (r *RSTDP) Init(e Edge, dt float64) error {
	return initPairRule(&r.Base, &r.eligibility, &r.pairTraces, e, dt)
}

// Update implements Rule.
func (r *RSTDP) Update(e Edge, c *Context) {
	updatePairRule(&r.Base, &r.eligibility, &r.pairTraces, e, c)
}

// Reset implements Rule.
func (r *RSTDP) Reset() { resetPairRule(&r.eligibility, &r.pairTraces) }

// eligibility is the per-synapse eligibility trace of the reward-modulated
// rules: c decays with tau_c, grows by the STDP changes of each step, and
// dopamine turns it into weight change, w += dt*c*dopamine.
type eligibility struct {
	TauC float64 `param:"tau_c" unit:"ms" doc:"time constant of the eligibility trace"`

	// C is the eligibility trace per synapse.
	C     []float64
	decay float64
}

func (el *eligibility) initEligibility(e Edge, dt float64) error {
	if err := checkTau("tau_c", el.TauC); err != nil {
		return err
	}
	el.C, el.decay = make([]float64, e.Len()), math.Exp(-dt/el.TauC)
	return nil
}

// decayEligibility decays every synapse's trace by one step.
func (el *eligibility) decayEligibility() {
	for s := range el.C {
		el.C[s] *= el.decay
	}
}

// addEligibility adds an STDP change of synapse s to its trace.
func (el *eligibility) addEligibility(s int, dw float64) { el.C[s] += dw }

// reinforce applies w += dt*c*dopamine within b's bounds.
func (el *eligibility) reinforce(b *Base, e Edge, c *Context) {
	da := c.Dopamine
	if da == 0 {
		return
	}
	w := e.Weights()
	for s, x := range el.C {
		if x != 0 {
			b.Change(w, s, c.Dt*x*da)
		}
	}
}
