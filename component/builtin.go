package component

import (
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Default returns a new Registry with every built-in component: the
// neuron models of neurons.Builtin and the data model of package
// encoding, the learning rules of learning.Builtin, and the connectors,
// kernels, encoders, stimuli and monitors below. netrun and dsl.Load use
// it; a custom build starts from it and adds its own.
func Default() *Registry {
	r := New()
	r.models = neurons.Builtin()
	r.rules = learning.Builtin()
	dataDoc := `data samples presented one after another as spikes; encoder = NAME chooses the encoder (poisson by default), whose parameters are listed under its name`
	if err := r.RegisterModel(dataDoc, func() neurons.Model { return encoding.NewData() }); err != nil {
		panic(err) // the built-in kinds and "data" are distinct
	}
	for _, s := range builtins() {
		if err := r.Add(s); err != nil {
			panic(err) // the built-ins are distinct and valid (tested)
		}
	}
	return r
}

// builtins lists the built-in connectors, kernels, encoders, stimuli and
// monitors.
func builtins() []Spec {
	specs := []Spec{
		{Connector, "dense", "every source neuron to every target neuron", func() any { return synapses.Dense{} }},
		{Connector, "random", "each pair independently with probability p", func() any { return synapses.Random{} }},
		{Connector, "fixed_indegree", "k distinct random sources for every target", func() any { return synapses.FixedInDegree{} }},
		{Connector, "fixed_outdegree", "k distinct random targets for every source", func() any { return synapses.FixedOutDegree{} }},
		{Connector, "fixed_total", "exactly n synapses drawn uniformly among the pairs", func() any { return synapses.FixedTotal{} }},
		{Connector, "distance", "each pair with probability p0*exp(-d^2/(2 sigma^2)), positions on the populations' grids", func() any { return &synapses.Distance{P0: 1} }},
		{Connector, "one_to_one", "source i to target i", func() any { return synapses.OneToOne{} }},
		{Connector, "list", "explicit synapses pre[s] -> post[s]; a list weight or delay gives one per synapse", func() any { return synapses.List{} }},
		{Connector, "conv2d", "convolution: shared kernels over [h, w, c] populations; weight = load(4-D .npy) sets them", func() any { return &synapses.Conv2D{Stride: 1, Dilation: 1} }},
		{Connector, "pool2d", "max or average pooling per channel; a number weight sets the pooling weight", func() any { return &synapses.Pool2D{Pool: "max"} }},
		{Connector, "local2d", "the topology of conv2d without weight sharing", func() any { return &synapses.Local2D{Stride: 1, Dilation: 1} }},
		{Kernel, "delta", "a spike makes the target's membrane potential v jump by its weight (mV) in the step it arrives", func() any { return &synapses.Delta{} }},
		{Kernel, "current_pulse", "the seed's delta: a spike adds its weight to the target's input current in the step it arrives", func() any { return &synapses.CurrentPulse{} }},
		{Kernel, "exponential", "current-based: a current that jumps by the weight and decays with tau", func() any { return &synapses.Exponential{Tau: 5} }},
		{Kernel, "conductance", "conductance-based: g jumps by the weight, decays with tau, and drives g*(e_rev - v)", func() any { return &synapses.Conductance{Tau: 5} }},
		{Kernel, "alpha", "current-based alpha function: peak current w at t = tau", func() any { return &synapses.Alpha{Tau: 2} }},
		{Kernel, "biexp", "current-based bi-exponential (tau_rise, tau_decay): peak current w", func() any { return &synapses.BiExp{TauRise: 1, TauDecay: 5} }},
		{Kernel, "alpha_cond", "conductance-based alpha function: peak conductance w at t = tau, current g*(e_rev - v)", func() any { return &synapses.AlphaCond{Tau: 2} }},
		{Kernel, "biexp_cond", "conductance-based bi-exponential (tau_rise, tau_decay): peak conductance w, current g*(e_rev - v)", func() any { return &synapses.BiExpCond{TauRise: 1, TauDecay: 5} }},
		{Encoder, "poisson", "a spike per step with probability v*max_rate*dt/1000", func() any { return &encoding.PoissonEncoder{MaxRate: encoding.DefaultMaxRate} }},
		{Encoder, "bernoulli", "a spike per step with probability v*max_prob", func() any { return &encoding.BernoulliEncoder{MaxProb: 1} }},
		{Encoder, "ttfs", "time to first spike: one spike window*(1 - v) ms after the onset", func() any { return &encoding.TTFSEncoder{} }},
		{Encoder, "rank_order", "one spike per value, in the order of the values, within the window", func() any { return &encoding.RankOrderEncoder{} }},
		{Encoder, "position", "Gaussian population coding: position_neurons Poisson neurons per value", func() any {
			return &encoding.PositionEncoder{PosNeurons: 10, MaxRate: encoding.DefaultMaxRate}
		}},
		{Encoder, "repeat", "a regular train of v*max_rate Hz (the deterministic twin of poisson)", func() any { return &encoding.RepeatEncoder{MaxRate: encoding.DefaultMaxRate} }},
		{Stimulus, "current", "a constant current into every neuron of the target", func() any { return &CurrentStimulus{} }},
		{Stimulus, "steps", "current steps: amplitude from start to stop", func() any { return &StepsStimulus{} }},
		{Monitor, "spikes", `the spikes of a population (variables has "s")`, func() any { return &SpikeMonitor{} }},
		{Monitor, "rate", "the population rate, recorded with the spikes", func() any { return &RateMonitor{} }},
		{Monitor, "state", "state variables of a population", func() any { return &StateMonitor{Period: Period{Every: 1}} }},
		{Monitor, "signals", "network signals, without a target", func() any { return &SignalMonitor{Period: Period{Every: 1}} }},
		{Monitor, "weights", "weights or kernel variables of a synapse (target = synapse.NAME)", func() any { return &WeightMonitor{Period: Period{Every: 1}} }},
	}
	return specs
}

// CurrentStimulus is the stimulus kind "current": stimulus { target,
// current } injects a constant current.
type CurrentStimulus struct {
	Current neurons.Param `param:"current" required:"true" doc:"constant input current: one value, or one per neuron"`
}

// Build implements StimulusBuilder.
func (c *CurrentStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	return &graph.Current{Pop: p, Amp: c.Current}, nil
}

// StepsStimulus is the stimulus kind "steps": stimulus { target, steps =
// [{start, stop, amplitude}, ...] } injects current steps.
type StepsStimulus struct {
	Steps []Step `param:"steps" required:"true" doc:"current steps: a list of {start, stop, amplitude}"`
}

// Step is one current step of a StepsStimulus.
type Step struct {
	Start     float64 `param:"start" unit:"ms" min:"0" required:"true" doc:"onset"`
	Stop      float64 `param:"stop" unit:"ms" min:"0" required:"true" doc:"end"`
	Amplitude float64 `param:"amplitude" required:"true" doc:"current"`
}

// Validate checks that every step starts before it stops.
func (s *StepsStimulus) Validate() error {
	for i, st := range s.Steps {
		if st.Stop < st.Start {
			return paramerr.Errorf("steps", -1, "step %d: want 0 <= start <= stop, have start %g, stop %g", i, st.Start, st.Stop)
		}
	}
	return nil
}

// Build implements StimulusBuilder.
func (s *StepsStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	pulses := make([]graph.Pulse, len(s.Steps))
	for i, st := range s.Steps {
		pulses[i] = graph.Pulse{Start: st.Start, Stop: st.Stop, Amplitude: st.Amplitude}
	}
	return &graph.Pulses{Pop: p, Pulses: pulses}, nil
}

// ParamError is an error about one parameter of a component, returned by
// Validate or Build (or by a model's, rule's, connector's or kernel's
// Init) so that the network language can point at it. It is
// paramerr.Error, the one typed parameter error of the engine packages:
// Param names the parameter in the language, Neuron the neuron (-1 for
// none); paramerr.Errorf makes one.
type ParamError = paramerr.Error

// The monitor kinds describe what a monitor block records: its
// attributes are the union of their parameters, and its target and
// variables choose the kinds.

// Period is the recording period of a monitor: every steps, or every_ms.
type Period struct {
	Every   int      `param:"every" min:"1" doc:"record every this many steps"`
	EveryMs *float64 `param:"every_ms" unit:"ms" gt:"0" doc:"record every this many ms (rounded to steps), instead of every"`
}

// Storage says where a monitor keeps its records during a run.
type Storage struct {
	Stream bool `param:"stream" doc:"keep the records in a file during the run, not in memory (netrun also streams a monitor whose records would take more than 64 MiB)"`
}

// SpikeMonitor records spikes: variables = ["s"] (the default for a
// population target).
type SpikeMonitor struct {
	Variables []string `param:"variables" doc:"\"s\" records spikes"`
	Indices   []int    `param:"indices" min:"0" doc:"the neurons recorded; unset: all"`
	Storage
}

// RateMonitor records the population rate along with the spikes.
type RateMonitor struct{}

// StateMonitor records state variables of a population.
type StateMonitor struct {
	Variables []string `param:"variables" doc:"state variables of the target's model (netrun models lists them)"`
	Period
	Indices []int `param:"indices" min:"0" doc:"the neurons recorded; unset: all"`
	Storage
}

// SignalMonitor records network signals; it needs no target.
type SignalMonitor struct {
	Variables []string `param:"variables" enum:"dopamine|reward" doc:"the signals recorded"`
	Period
	Storage
}

// WeightMonitor records a synapse's weights or kernel variables.
type WeightMonitor struct {
	Variables []string `param:"variables" enum:"w|i|g" doc:"w: weights (default), i or g: the kernel's current or conductance per target"`
	Period
	Indices []int `param:"indices" min:"0" doc:"the synapses (w) or targets (i, g) recorded; unset: all"`
	Storage
}
