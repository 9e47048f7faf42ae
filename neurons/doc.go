// Package neurons holds the neuron models of synapticflow and the
// Population that advances a group of neurons of one model.
//
// A Model is the dynamics of one kind of neuron (LIF, AdEx, Izhikevich, a
// Poisson source, ...): its parameters, its state variables and its update
// equations. A Population wraps a Model with what every population shares:
// a name and shape, the spikes of the last step, spike traces, clamps,
// input sums and the check for NaN and infinite state. Package graph builds
// a network of populations joined by the synapse edges of package synapses
// and calls Population.Init and Population.Step; package dist provides the
// distributions of initial states and the seeded random streams. A
// population can also be driven directly, without a network:
//
//	p := neurons.New("cell", 1, neurons.NewLIF())
//	if err := p.Init(0.1, 1, 0); err != nil { ... } // dt 0.1 ms, seed 1
//	x := []float64{1}
//	for k := range 1000 {
//		for c := range p.NumChunks() {
//			if err := p.Step(p.Chunk(c, k), x); err != nil { ... }
//		}
//		p.Collect() // p.Fired lists the neurons that spiked in step k
//	}
//
// Units: time in ms, potential in mV, rate in Hz, resistance R in MΩ (so R*x
// is in mV for a current x in nA; with the seed's unitless currents R*x is
// simply the drive in mV).
//
// # Step contract
//
// Time advances in steps of dt; step k covers [t_k, t_k+1) with t_k = k*dt.
// In step k every neuron does the following, in this order.
//
//  1. Input. x is the neuron's input current of the step: the sum of what
//     every incoming synapse delivers in step k plus any injected current
//     (the stimuli of package graph, or the slice passed to
//     Population.Step).
//  2. Integration. Every state variable advances one explicit-Euler step of
//     its equation (listed under Models), computed from the start-of-step
//     values of all state variables: v_new = v + dt*f(v, w, x)/tau_m and
//     w_new = w + dt*(a0*(v - rest_pot) - w)/tau_w use the same old v and w.
//     A refractory neuron does not integrate v (it stays at reset_pot) and
//     cannot spike, while its other state variables (adaptation w, synaptic
//     current i, Izhikevich u) keep evolving. The exceptions to "Euler" are
//     named in the model list: the decay of CLIF's current i and of SRM0's
//     potential are exponential, as in the seed, and IF, LIF, BLIF and CLIF
//     offer the Exact integrator.
//  3. Spike. A neuron spikes where its new v >= threshold (SRM0: with the
//     escape-noise probability instead; Input, Poisson and SpikeGenerator
//     have their own rules). A spike in step k is stamped t_k = k*dt: that
//     is the time monitors record and the step from which synapse delays
//     are counted.
//  4. Reset. A neuron that spiked gets v = reset_pot and, in the adaptive
//     models, w += b. It then skips integration in the round(refrac_length/dt)
//     steps after the spike step: a spike in step k with refrac_length 5 ms
//     and dt 0.1 ms holds v at reset_pot in steps k+1 to k+50, and step k+51
//     is the first that integrates (and so the first that can spike) again.
//     The state variable "refrac_count" holds the number of held steps left.
//  5. Bounds and traces. If lower_bound is set, v = max(v, lower_bound). Then
//     the population applies clamps (Population.Clamp forces spikes,
//     Population.Unclamp suppresses them) and updates the spike trace:
//     trace *= exp(-dt/tau_s), then where the neuron spiked trace +=
//     trace_scale (additive_spike_trace) or trace = 1 (non-additive, the
//     default for neuron models). With sum_input, summed += x.
//
// After each step the population checks every state variable of the model
// for NaN and infinite values; Population.Step returns a *FaultError naming
// the population, the neuron, the variable and the step.
//
// # Integrators
//
// The Method field of IF, LIF, BLIF and CLIF ("method" in the network
// language) selects how v advances. Euler (the default) is step 2 above.
// Exact integrates the linear equation over the step assuming the input is
// constant during the step, so v(t) matches the closed-form solution at
// every step whatever dt:
//
//	LIF, BLIF: v_new = rest_pot + (v - rest_pot)*exp(-dt/tau_m) + R*x*(1 - exp(-dt/tau_m))
//	CLIF:      v_new = rest_pot + (v - rest_pot)*exp(-dt/tau_m)
//	                   + R*i*tau_i/(tau_i - tau_m)*(exp(-dt/tau_i) - exp(-dt/tau_m))
//	           (tau_i = tc_i_decay; R*i*dt/tau_m*exp(-dt/tau_m) when tau_i = tau_m)
//	IF:        Euler is already exact.
//
// With Exact integration, a LIF neuron under a constant suprathreshold
// drive R*x > threshold - rest_pot spikes every
// round(refrac_length/dt) + ceil(T/dt) steps, where
// T = tau_m*ln((R*x + rest_pot - reset_pot)/(R*x + rest_pot - threshold))
// is the continuous time from reset to threshold.
//
// # Models
//
// Every integrate-and-fire model (IF to SRM0 below) embeds Membrane and
// Trace, so these parameters are common to all of them (network-language
// name, Go field, unit):
//
//	threshold             Threshold            mV  spike threshold
//	rest_pot              RestPot              mV  resting potential
//	reset_pot             ResetPot             mV  potential after a spike
//	refrac_length         RefracLength         ms  refractory period; default 5
//	tau_m                 TauM                 ms  membrane time constant
//	R                     R                    MΩ  membrane resistance
//	lower_bound           LowerBound           mV  lowest allowed v; default unset
//	v_init                VInit                mV  initial v (a dist.Dist); default unset
//	spike_trace           SpikeTrace               keep a trace; default true
//	additive_spike_trace  AdditiveSpikeTrace       default false (true for Input, Poisson, SpikeGenerator)
//	tau_s                 TauS                 ms  trace time constant
//	trace_scale           TraceScale               trace increment (additive); default 1
//
// Their defaults, which are the seed's, differ by model (v(0) is the
// initial potential when v_init is unset):
//
//	kind   threshold  rest_pot  reset_pot  tau_m  R   tau_s  v(0)
//	if     -52        -62       -62        10     20  10     rest_pot
//	lif    -52        -62       -62        10     20  10     rest_pot
//	blif    40          0         0        10     20  10     rest_pot
//	alif   -52        -62       -62         4     20  10     rest_pot
//	elif   -52        -62       -62        10     20  10     reset_pot
//	aelif  -52        -62       -62        10      4  10     reset_pot
//	qlif   -52        -62       -62        30      1  30     reset_pot
//	aqlif  -52        -62       -62         4      1  20     reset_pot
//	clif   -52        -65       -65        10     20  10     rest_pot
//	srm0   -52        -62       -62        10     20  10     rest_pot
//
// The models, their equations and their own parameters:
//
//	if (IF, NewIF): perfect integrate-and-fire
//	  tau_m dv/dt = R*x
//	  method  Method  "euler" (default) or "exact" (identical)
//
//	lif (LIF, NewLIF): leaky integrate-and-fire
//	  tau_m dv/dt = -(v - rest_pot) + R*x
//	  method  Method  "euler" (default) or "exact"
//
//	blif (LIF, NewBLIF): the seed's "boosted" LIF, potentials measured from rest
//	  tau_m dv/dt = -(v - rest_pot) + R*x,  rest_pot = reset_pot = 0, threshold 40
//	  method  Method  "euler" (default) or "exact"
//
//	alif (ALIF, NewALIF): adaptive LIF
//	  tau_m dv/dt = -(v - rest_pot) - R*w + R*x
//	  tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//	  tau_w  TauW  ms  20;  a0  A0  (w per mV)  1;  b  B  2
//
//	elif (ELIF, NewELIF): exponential LIF (Fourcaud-Trocmé et al. 2003)
//	  tau_m dv/dt = -(v - rest_pot) + delta_t*exp((v - theta_rh)/delta_t) + R*x
//	  theta_rh  ThetaRh  mV  -60;  delta_t  DeltaT  mV  1
//	  rheobase: R*x = theta_rh - rest_pot - delta_t (1 mV with the defaults)
//
//	aelif (AELIF, NewAELIF): adaptive exponential LIF (AdEx, Brette & Gerstner 2005)
//	  tau_m dv/dt = -(v - rest_pot) + delta_t*exp((v - theta_rh)/delta_t) - R*w + R*x
//	  tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//	  theta_rh -60 mV, delta_t 1 mV, tau_w 20 ms, a0 1, b 2
//
//	qlif (QLIF, NewQLIF): quadratic integrate-and-fire
//	  tau_m dv/dt = a0*(v - rest_pot)*(v - critical_pot) + R*x
//	  a0  A0  1/mV  1;  critical_pot  CriticalPot  mV  -54
//
//	aqlif (AQLIF, NewAQLIF): adaptive quadratic integrate-and-fire
//	  tau_m dv/dt = (v - rest_pot)*(v - critical_pot) - R*w + R*x
//	  tau_w dw/dt = a0*(v - rest_pot) - w,   w += b at each spike
//	  tau_w 4 ms, a0 1, b 2, critical_pot -54 mV (no a0 on the quadratic term, as in the seed)
//
//	clif (CLIF, NewCLIF): LIF driven by an exponentially decaying synaptic current i
//	  tau_m dv/dt = -(v - rest_pot) + R*i
//	  i_new = i*exp(-dt/tc_i_decay) + x   (v advances with the old i: x reaches v one step later)
//	  tc_i_decay  TcIDecay  ms  2;  method  Method  "euler" (default) or "exact"
//
//	srm0 (SRM0, NewSRM0): simplified spike-response model with escape noise
//	  v_new = rest_pot + (v - rest_pot)*exp(-dt/tau_m) + eps_0*R*x
//	  rho = rho_0*exp((v_new - threshold)/d_thresh),  P(spike in the step) = 1 - exp(-rho*dt)
//	  eps_0  Eps0  1;  rho_0  Rho0  1/ms  1;  d_thresh  DThresh  mV  5
//
//	izhikevich (Izhikevich, NewIzhikevich): Izhikevich (2003), regular spiking
//	  dv/dt = 0.04*v^2 + 5*v + 140 - u + R*x
//	  du/dt = a*(b*v - u);  at a spike v = c, u += d
//	  a  A  1/ms  0.02;  b  B  0.2;  c  C  mV  -65;  d  D  mV/ms  8;  threshold  30 mV;
//	  R  1;  refrac_length  0 ms;  v_init unset (v(0) = c, u(0) = b*v(0));  tau_s 10 ms
//
//	input (Input, NewInput): a neuron spikes in a step exactly when its x != 0
//	poisson (Poisson, NewPoisson): P(spike in a step) = rate*dt/1000, x ignored
//	  rate  Rate  Hz  (one value or one per neuron; rate*dt/1000 > 1 is an error)
//	  rate_schedule  RateSchedule  ms, Hz  unset: entries [time, rate] or
//	    [time, one rate per neuron]; from step round(time/dt) on the neurons
//	    fire at the entry's rate, before the first entry at rate (times
//	    increasing, in distinct steps)
//	spike_generator (SpikeGenerator, NewSpikeGenerator): spikes at given times
//	  spike_times  Times  ms  one list per neuron; time t spikes in step round(t/dt),
//	  several times in one step give one spike
//
// Input, Poisson and SpikeGenerator have an additive trace with tau_s 10 ms.
//
// # Differences from the Python seed
//
// The models keep the seed's names, equations and defaults except where
// the seed was wrong or inconsistent:
//
//   - Membrane and trace time constants are separate. The seed's tau_s was
//     both the membrane constant and the trace constant of LIF, BLIF, ELIF,
//     QLIF, AELIF and CLIF, so changing one changed the other; here tau_m is
//     the membrane constant (defaulting to the seed's tau_s) and tau_s the
//     trace constant. ALIF's and AQLIF's tau_v and SRM0's tau_decay are
//     called tau_m too, and ELIF's and AELIF's delta_T is delta_t.
//   - IF and QLIF use dt. The seed's IF added R*x per step, with no dt and
//     no time constant, and its QLIF added (...)/tau_s per step; here both
//     take the Euler step of their equation, so results do not depend on
//     dt beyond the integration error. IF also gets reset_pot.
//   - AELIF multiplies its input by R, as every other model does; the seed
//     multiplied only w by R.
//   - SRM0 divides by d_thresh. The seed divided v - threshold by the
//     (negative) threshold, which inverted the escape noise (the rate fell
//     as v rose) and left d_thresh unused. Refractory SRM0 neurons hold v at
//     reset_pot and cannot spike; the seed let them spike.
//   - Adaptation jumps at the spike. The seed added b to dw/dt in the step
//     after a spike and multiplied that by the refractory mask, so with any
//     refractory period b never applied; here w += b at the spike, as in
//     the AdEx literature, NEST and Brian2. w advances from the start-of-step
//     v (the seed used the new v) and keeps evolving while the neuron is
//     refractory (the seed froze it).
//   - CLIF resets to reset_pot; the seed reset to rest_pot and ignored
//     reset_pot. Its unused tc_decay is gone.
//   - Refractory periods count whole steps: round(refrac_length/dt). The
//     seed subtracted dt from a count in ms, which holds ceil(refrac_length/dt)
//     steps, and for a whole number of steps sometimes one step more or
//     less through floating-point accumulation; the two agree when
//     refrac_length is a whole number of steps.
//   - Reset (Population.Reset, and graph.Sim.Reset) restores every state
//     variable, including w and i, which the seed never reset, and draws
//     the same initial values again.
//   - Input populations compute their trace decay; the seed's
//     InputPopulation never did, leaving its traces undefined.
//   - dt is the network's and fixes every decay at Init. The seed kept a
//     per-population dt that QLIF, CLIF and InputPopulation never took and
//     that a later change did not propagate to the decays. sum_input works
//     for every model (several seed models dropped it, and its buffer
//     started empty).
//   - Izhikevich, Poisson and SpikeGenerator are new. The seed's class
//     called "Izhikevich" is AQLIF.
//
// # Parameters
//
// A parameter of type Param holds one value shared by every neuron
// (Param{-52}) or one value per neuron (len(p) == number of neurons), so a
// population can be heterogeneous:
//
//	m := neurons.NewLIF()
//	m.Threshold = neurons.Param{-55, -52, -50} // for a population of 3
//
// Init rejects a Param of another length, a NaN or infinite value, a time
// constant <= 0, a negative refrac_length and an unknown method, with an
// error naming the population and the parameter. The initial
// potential v_init is a dist.Dist: dist.Const(-65), dist.Uniform{Min: -70,
// Max: -60} or dist.Normal{Mean: -65, Std: 2}. Random initial values are
// drawn per neuron from a stream derived from the network seed and the
// population's name, so they differ between neurons, repeat for the same
// seed and are drawn again identically by Reset.
//
// New makes a population of n neurons, NewShaped one of a given shape
// (e.g. [28, 28], neurons numbered in row-major order); both need a Model
// value of their own, which the population initialises.
//
// # Registry and Describe
//
// A Registry maps kinds ("lif", "aelif", ...) to constructors of models with
// default parameters; Builtin returns one with every model above, and the
// network language looks models up in the registry it is given. Describe
// lists a model's parameters, with their network-language names, units,
// documentation, Go fields and current values, by reading the `param`,
// `unit` and `doc` tags of the model struct's fields.
//
// # Writing your own model
//
// A model is any type that implements Model. Embed Trace to get a spike
// trace (and TraceParams); tag the parameters with `param` so that Describe
// and the network language see them. The seed's dropped McCulloch-Pitts
// neuron, for example:
//
//	type MP struct {
//		neurons.Trace
//		Threshold neurons.Param `param:"threshold" doc:"spike when x >= threshold"`
//		V         []float64
//		th        []float64
//	}
//
//	func (m *MP) Kind() string { return "mcculloch_pitts" }
//
//	func (m *MP) Init(n int, dt float64, r *rand.Rand) error {
//		if len(m.Threshold) != 1 {
//			return paramerr.Errorf("threshold", -1, "threshold: want one value")
//		}
//		m.V, m.th = make([]float64, n), make([]float64, n)
//		for i := range m.th {
//			m.th[i] = m.Threshold[0]
//		}
//		return nil
//	}
//
//	func (m *MP) Step(c neurons.Chunk, x []float64, s []bool) {
//		for i := c.Lo; i < c.Hi; i++ { // only [c.Lo, c.Hi): chunks run in parallel
//			m.V[i] = x[i]
//			s[i] = m.V[i] >= m.th[i]
//		}
//	}
//
//	func (m *MP) Vars() []string { return []string{"v"} }
//
//	func (m *MP) Var(name string) []float64 {
//		if name == "v" {
//			return m.V
//		}
//		return nil
//	}
//
//	reg := neurons.Builtin()
//	err := reg.Register(func() neurons.Model {
//		return &MP{Trace: neurons.Trace{SpikeTrace: true, TauS: neurons.Param{10}, TraceScale: neurons.Param{1}}, Threshold: neurons.Param{1}}
//	})
//
// Init reports a bad parameter with a *paramerr.Error (package paramerr)
// naming the parameter as written in a network file and, for a per-neuron
// value, the neuron: the network language then points at the value.
//
// Random draws in Step must come from c.Rand, the chunk's own seeded
// stream, and Init must draw random initial state only from r: then results
// do not depend on the number of workers, and Reset repeats them.
package neurons
