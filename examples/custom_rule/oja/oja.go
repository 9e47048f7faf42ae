// Package oja is a learning rule written outside the learning package: a
// spike-based form of Oja's rule, registered in a custom netrun build
// (examples/custom_rule) and used by name from HCL.
//
// Oja's rule, dw = eta * y * (x - y*w), makes a weight follow the
// correlation of its input x with the output y while keeping it bounded
// without clipping. Here the output y is the postsynaptic spike train
// (y = 1 in a step with a spike, 0 otherwise) and x is the synapse's
// presynaptic trace, which jumps by 1 when a presynaptic spike arrives and
// decays with tau:
//
//	at each postsynaptic spike:  w += eta * (x - w)
//
// Each postsynaptic spike moves w a fraction eta of the way to x, so w
// tracks the average of x at postsynaptic spikes. If the postsynaptic
// neuron fires independently of an input firing as a Poisson process at r
// Hz, that average is the mean trace, r*tau/1000 (for dt << tau; exactly
// p/(1 - exp(-dt/tau)) with p = r*dt/1000 the spike probability per step).
package oja

import (
	"math"

	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Rule is the spike-based Oja rule. Its exported fields tagged param are
// its parameters in the network language, with units and docs that
// netrun models lists; New sets the defaults.
type Rule struct {
	Eta float64 `param:"eta" doc:"learning rate: each postsynaptic spike moves w this fraction of the way to x"`
	Tau float64 `param:"tau" unit:"ms" doc:"time constant of the presynaptic trace x"`

	x     []float64 // trace of each synapse at its last arrival
	last  []int     // step of each synapse's last arrival
	decay float64   // exp(-dt/tau): the trace's decay per step
}

// New returns the rule with its defaults: eta 0.01, tau 20 ms.
func New() *Rule { return &Rule{Eta: 0.01, Tau: 20} }

// Kind implements learning.Rule: the rule's name in HCL.
func (r *Rule) Kind() string { return "oja" }

// Init implements learning.Rule: it checks the parameters and sizes the
// traces for the edge.
func (r *Rule) Init(e learning.Edge, dt float64) error {
	if !(r.Eta >= 0 && r.Eta <= 1) {
		return paramerr.Errorf("eta", -1, "eta = %g: want a fraction in [0, 1]", r.Eta)
	}
	if !(r.Tau > 0) || math.IsInf(r.Tau, 0) {
		return paramerr.Errorf("tau", -1, "tau = %g ms: want a positive time constant", r.Tau)
	}
	r.x, r.last = make([]float64, e.Len()), make([]int, e.Len())
	r.decay = math.Exp(-dt / r.Tau)
	return nil
}

// trace returns synapse s's trace at step k.
func (r *Rule) trace(s, k int) float64 {
	return r.x[s] * math.Pow(r.decay, float64(k-r.last[s]))
}

// Update implements learning.Rule. The network calls it once per step, in
// train mode, after the populations have spiked. Presynaptic spikes are
// seen when they arrive (after the synapse's delay); the traces are kept
// event-driven, so a step costs work only for the synapses that see a
// spike.
func (r *Rule) Update(e learning.Edge, c *learning.Context) {
	k := c.Step
	e.Arrivals(k, func(s int) {
		r.x[s], r.last[s] = r.trace(s, k)+1, k
	})
	w := e.Weights()
	for _, j := range c.PostFired {
		for _, s := range e.Incoming(int(j)) {
			w[s] += r.Eta * (r.trace(int(s), k) - w[s])
		}
	}
}

// Reset implements learning.Rule: it forgets the traces.
func (r *Rule) Reset() {
	clear(r.x)
	clear(r.last)
}
