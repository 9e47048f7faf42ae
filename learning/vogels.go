package learning

import (
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
)

// VogelsISTDP is the inhibitory plasticity rule of Vogels et al. (2011,
// Science 334:1569-1573), which drives each target neuron's rate towards a
// target rate rho0 by adjusting the inhibitory weights onto it. A
// presynaptic trace x (per synapse, driven by arrivals) and a
// postsynaptic trace y (per target neuron) jump by 1 at each spike and
// decay with tau; then
//
//	at a presynaptic arrival:  w += eta * (y - alpha),  alpha = 2 * rho0 * tau
//	at a postsynaptic spike:   w += eta * x
//
// with rho0 in Hz and tau in ms, so alpha = 2*rho0*tau/1000. Both spike
// orders potentiate (the window is symmetric) and every arrival depresses
// by eta*alpha, so for uncorrelated Poisson spikes the mean drift is
// 2*eta*rate_pre*(rate_post - rho0)*tau/1000 per second: inhibition grows
// while the target fires above rho0 and shrinks below. Weights are magnitudes
// (the source population is inhibitory), so growth means more inhibition.
// A pre arrival and a post spike in the same step count as pre-before-post.
// The learning rate is eta: lr is not used and must stay unset.
// Defaults: eta = 1e-2, rho0 = 5 Hz, tau = 20 ms. Vogels et al. used tau =
// 20 ms and rho0 = 5 Hz for their single neuron (3 Hz in their network,
// as in Brian2's reproduction, which also uses eta = 1e-2 with weights in
// nS); eta depends on the weights' scale.
type VogelsISTDP struct {
	Base
	Eta  float64 `param:"eta" doc:"learning rate: weight change per unit of trace"`
	Rho0 float64 `param:"rho0" unit:"Hz" doc:"target firing rate of the target neurons"`
	Tau  float64 `param:"tau" unit:"ms" doc:"time constant of the pre- and postsynaptic traces"`

	x, y  lazyTrace
	alpha float64
}

// NewVogelsISTDP returns a Vogels inhibitory plasticity rule with the
// defaults.
func NewVogelsISTDP() *VogelsISTDP {
	return &VogelsISTDP{Base: DefaultBase(), Eta: 1e-2, Rho0: 5, Tau: 20}
}

// Kind returns "vogels_istdp".
func (r *VogelsISTDP) Kind() string { return "vogels_istdp" }

// Alpha returns the depression per presynaptic arrival, in units of the
// trace: 2*rho0*tau/1000.
func (r *VogelsISTDP) Alpha() float64 { return 2 * r.Rho0 * r.Tau / 1000 }

// Init implements Rule.
func (r *VogelsISTDP) Init(e Edge, dt float64) error {
	if len(r.LR) > 0 {
		return paramerr.Errorf("lr", -1, "lr is not used: the learning rate of vogels_istdp is eta")
	}
	if err := r.Setup(e, dt); err != nil {
		return err
	}
	if !finite(r.Eta) {
		return paramerr.Errorf("eta", -1, "eta = %g: want a finite learning rate", r.Eta)
	}
	if !(r.Rho0 >= 0) || math.IsInf(r.Rho0, 0) {
		return paramerr.Errorf("rho0", -1, "rho0 = %g Hz: want a finite rate >= 0", r.Rho0)
	}
	if err := checkTau("tau", r.Tau); err != nil {
		return err
	}
	r.alpha = r.Alpha()
	r.x = newLazyTrace(e.Len(), r.Tau, dt)
	r.y = newLazyTrace(e.NumPost(), r.Tau, dt)
	return nil
}

// Update implements Rule.
func (r *VogelsISTDP) Update(e Edge, c *Context) {
	if !r.Learning {
		return
	}
	k, w := c.Step, e.Weights()
	e.Arrivals(k, func(s int) {
		r.Change(w, s, r.Eta*(r.y.at(e.Target(s), k)-r.alpha))
		r.x.spike(s, k, false)
	})
	for _, j := range c.PostFired {
		for _, s := range e.Incoming(int(j)) {
			if x := r.x.at(int(s), k); x != 0 {
				r.Change(w, int(s), r.Eta*x)
			}
		}
		r.y.spike(int(j), k, false)
	}
	r.Finish(e, c.Step)
}

// Reset implements Rule.
func (r *VogelsISTDP) Reset() {
	r.x.reset()
	r.y.reset()
}
