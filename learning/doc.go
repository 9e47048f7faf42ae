// Package learning holds the plasticity rules of synapse edges.
//
// A Rule is attached to one edge (synapses.Synapse.Rule). In each step of a
// run in train mode, after every population has advanced and emitted its
// spikes and the dopamine signal has been updated, the network calls the
// rule's Update with a Context (the step, dt, the target's spikes, the
// dopamine level and reward); the rule changes weights through the Edge.
// Rules run only while the network is in train mode, the target
// population's Learning flag is on (the seed's "learning") and the rule's
// own Learning switch is on. Rules of different edges run in parallel,
// each on its own edge, so results do not depend on the number of workers.
//
// # Spikes and traces
//
// Presynaptic spikes count when they arrive (Edge.Arrivals): a spike
// emitted in step k by a synapse of delay d counts in step k+d, so delays
// are respected and every synapse has its own presynaptic state.
// Postsynaptic spikes count in the step they are emitted. The built-in
// rules are event-driven: a presynaptic trace per synapse jumps at the
// synapse's arrivals and a postsynaptic trace per target neuron at its
// spikes, by +1 (all-to-all interaction, the default) or to 1 (nearest
// spike), and decays as exp(-t/tau) in between. Traces are decayed lazily
// and exactly: each keeps its value and the step of its last jump and is
// decayed by exp(-lag*dt/tau) when read, so a step costs only the spikes
// and arrivals it has, and the values are those of the continuous-time
// traces at the spike times, whatever dt.
//
// In each step the rules first process the arrivals (reading postsynaptic
// traces that hold the spikes of earlier steps only), then the
// postsynaptic spikes (reading presynaptic traces that include this
// step's arrivals). A pre arrival and a post spike in the same step
// therefore count as pre-before-post, as in Brian2, whose on_pre pathway
// runs before on_post; a pair in one step is counted once.
//
// # Settings every rule shares (Base)
//
//	lr            [ltd, ltp]  learning rates in the seed's order: lr[0] scales depression
//	                          (the changes made at presynaptic arrivals), lr[1] potentiation
//	                          (at postsynaptic spikes); one value sets both; default [0, 0]
//	                          (triplet_stdp: 1; vogels_istdp uses eta instead)
//	bound         "hard"      "hard": w = clip(w + dw, w_min, w_max);
//	                          "soft": dw > 0 is scaled by (w_max - w)/(w_max - w_min) and
//	                          dw < 0 by (w - w_min)/(w_max - w_min) before the clip
//	w_min, w_max              bounds (default: the synapse's w_min and w_max)
//	weight_decay  1/ms        every step w <- w*exp(-weight_decay*dt), so w decays as
//	                          exp(-weight_decay*t) whatever dt (the seed decayed per step); 0
//	norm, norm_every  -, ms   every norm_every ms, scale the weights into each target
//	                          neuron to sum to norm (0: never)
//	learning      true        the rule's own switch
//
// # Rules
//
// noop (Noop): weight decay and normalisation only.
//
// stdp (STDP), trace-based pair STDP:
//
//	at an arrival:      w -= lr[0] * y_post      (y: tau_post)
//	at a post spike:    w += lr[1] * x_pre       (x: tau_pre)
//	tau_pre = tau_post = 20 ms; nearest = false
//
// A single pair, post Δ ms after the arrival, changes w by
// lr[1]*exp(-Δ/tau_pre); an arrival Δ after post by -lr[0]*exp(-Δ/tau_post).
//
// rstdp (RSTDP), reward-modulated STDP (Izhikevich 2007): the changes of
// stdp feed an eligibility trace c per synapse instead of the weight:
//
//	c <- c*exp(-dt/tau_c) + (STDP changes of the step);  w += dt * c * dopamine
//	tau_c = 1000 ms (plus stdp's parameters)
//
// flat_stdp (FlatSTDP): every pair of an arrival at step a and a post
// spike at step p with |p - a| <= window_steps changes w by +lr[1] (p >=
// a) or -lr[0] (p < a), whatever the lag; all pairs in the window count.
// window_steps = 10 (steps, so the window is window_steps*dt ms).
//
// flat_rstdp (FlatRSTDP): flat_stdp's changes feed the eligibility trace
// c as in rstdp. window_steps = 10, tau_c = 1000 ms.
//
// mstdp (MSTDP), Florian (2007) as in BindsNET: p_plus per synapse (jumps
// by a_plus at arrivals, tc_plus) and p_minus per target neuron (jumps by
// a_minus at post spikes, tc_minus) make the point eligibility of a step,
// zeta = lr[1]*p_plus*post_spike + lr[0]*arrival*p_minus, and the
// dopamine of the next step acts on it: w += dopamine_k * zeta_{k-1}.
// tc_plus = tc_minus = 20 ms, a_plus = 1, a_minus = -1.
//
// mstdpet (MSTDPET): the same zeta feeds an eligibility trace,
// z_k = z_{k-1}*exp(-dt/tc_e_trace) + zeta_{k-1}/tc_e_trace, and
// w += dt * dopamine_k * z_k. tc_e_trace = 25 ms (plus mstdp's parameters).
//
// triplet_stdp (TripletSTDP), Pfister and Gerstner (2006): fast and slow
// traces r1 (tau_plus), r2 (tau_x) per synapse and o1 (tau_minus), o2
// (tau_y) per target neuron;
//
//	at an arrival:    w -= lr[0] * o1 * (a2_minus + a3_minus * r2),  then r1, r2 jump
//	at a post spike:  w += lr[1] * r1 * (a2_plus  + a3_plus  * o2),  then o1, o2 jump
//
// interaction = "all_to_all" or "nearest"; preset names one of the paper's
// fitted parameter sets (TripletPresets: visual cortex and hippocampal
// data, all-to-all and nearest, full and "_minimal" models; default
// "visual_cortex_all_to_all"), which fills every parameter left at zero;
// lr = 1, tau_plus = 16.8 ms, tau_minus = 33.7 ms.
//
// vogels_istdp (VogelsISTDP), inhibitory plasticity of Vogels et al.
// (2011), for edges from inhibitory populations:
//
//	at an arrival:    w += eta * (y_post - alpha),  alpha = 2 * rho0[Hz] * tau[ms] / 1000
//	at a post spike:  w += eta * x_pre
//	eta = 1e-2, rho0 = 5 Hz, tau = 20 ms
//
// which drives each target neuron's rate towards rho0.
//
// Each type's documentation has the details, the differences from the
// Python seed (whose rules section 9 of the inventory lists as broken) and
// from BindsNET.
//
// # Writing a rule in Go
//
// Implement Rule: Kind names it, Init receives the Edge and dt before a
// run (allocate state here and check parameters), Update is called once
// per step with the step's Context, Reset clears the rule's state.
// Through the Edge a rule reads the topology (Source, Target, Incoming,
// Outgoing), the arrivals of the step (Arrivals) and the bounds, and
// writes the weights (Weights returns the edge's own slice). Exported
// fields tagged `param:"name" unit:"ms" doc:"..."` (float64, int, bool,
// string or []float64; embedded structs included) are the parameters the
// network language sets by name. Embed Base (initialised with
// DefaultBase) to get lr, bound, w_min, w_max, weight_decay, norm,
// norm_every and learning like the built-in rules: call Base.Setup from
// Init, change weights with Base.Change (which keeps them within the
// bounds), and call Base.Finish at the end of Update. Without Base, keep
// weights within Edge.Bounds yourself. Init reports a bad parameter with a
// *paramerr.Error naming it (paramerr.Errorf("tau", -1, ...)), so that the
// network language points at the parameter in the learning block. Register
// a constructor that returns the rule with its defaults:
//
//	reg := learning.Builtin()
//	err := reg.Register(func() learning.Rule { return &MyRule{Rate: 0.01} })
//
// The network language then accepts learning "my_rule" { rate = 0.02 }
// for any synapse of a network loaded with that registry.
package learning
