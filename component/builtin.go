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
		{Connector, "distance", "each pair with probability p0*exp(-d^2/(2 sigma^2)), positions on the populations' grids or drawn in space", func() any { return &synapses.Distance{P0: 1, Positions: synapses.GridPositions} }},
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
		{Stimulus, "poisson_input", "n independent Poisson sources per neuron, each spike a jump of weight mV in v (no synapses stored)", func() any { return &PoissonInputStimulus{} }},
		{Stimulus, "timed", "a current given per time bin (Brian2's TimedArray): shared or one column per neuron", func() any { return &TimedStimulus{} }},
		{Stimulus, "sine", "a sinusoidal current", func() any { return &SineStimulus{} }},
		{Stimulus, "ramp", "a current rising linearly from start to stop", func() any { return &RampStimulus{} }},
		{Stimulus, "ou", "an Ornstein-Uhlenbeck noise current, independent per neuron", func() any { return &OUStimulus{} }},
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

// PoissonInputStimulus is the stimulus kind "poisson_input": stimulus {
// target, poisson_input = { n, rate, weight } } gives every target neuron
// n independent Poisson sources (Brian2's PoissonInput, NEST's
// poisson_generator with a multiplicity), each spike a jump of weight mV
// in v; see graph.PoissonInput.
type PoissonInputStimulus struct {
	PoissonInput PoissonSources `param:"poisson_input" required:"true" doc:"Poisson background: {n, rate, weight}, a jump of weight mV per source spike"`
}

// PoissonSources are the parameters of a PoissonInputStimulus.
type PoissonSources struct {
	N      int     `param:"n" min:"0" required:"true" doc:"independent Poisson sources per target neuron"`
	Rate   float64 `param:"rate" unit:"Hz" min:"0" required:"true" doc:"rate of each source"`
	Weight float64 `param:"weight" unit:"mV" required:"true" doc:"jump of v per source spike (negative: inhibitory)"`
}

// Build implements StimulusBuilder.
func (s *PoissonInputStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	if _, ok := p.Model.(neurons.Jumper); !ok {
		return nil, paramerr.Errorf("poisson_input", -1, "population %q (%s) has no membrane potential v to jump: poisson_input needs an integrate-and-fire or izhikevich population", p.Name, p.Model.Kind())
	}
	in := s.PoissonInput
	return &graph.PoissonInput{Pop: p, N: in.N, Rate: in.Rate, Weight: in.Weight}, nil
}

// TimedStimulus is the stimulus kind "timed": stimulus { target, timed =
// { dt, values } } injects a current given per time bin, as Brian2's
// TimedArray; see graph.TimedCurrent.
type TimedStimulus struct {
	Timed TimedValues `param:"timed" required:"true" doc:"current per time bin: {dt, values}"`
}

// TimedValues are the parameters of a TimedStimulus.
type TimedValues struct {
	Dt     float64     `param:"dt" unit:"ms" gt:"0" required:"true" doc:"width of a time bin"`
	Values [][]float64 `param:"values" required:"true" doc:"one value per bin (shared), or one row per bin with one value per neuron (Brian2's values[time, neuron]); load(path) of a .npy or CSV file gives the rows"`
}

// Build implements StimulusBuilder.
func (s *TimedStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	v := s.Timed.Values
	if len(v) == 0 {
		return nil, paramerr.Errorf("timed", -1, "timed: values has no time bins")
	}
	for b, row := range v {
		if len(row) != 1 && len(row) != p.Len() {
			return nil, paramerr.Errorf("timed", -1, "timed: bin %d has %d values for %d neurons: give one value per bin, or one per neuron", b, len(row), p.Len())
		}
		if len(row) != len(v[0]) {
			return nil, paramerr.Errorf("timed", -1, "timed: bin %d has %d values, bin 0 has %d", b, len(row), len(v[0]))
		}
	}
	return &graph.TimedCurrent{Pop: p, Dt: s.Timed.Dt, Values: v}, nil
}

// SineStimulus is the stimulus kind "sine": stimulus { target, sine = {
// amplitude, frequency, phase, offset } }; see graph.SineCurrent.
type SineStimulus struct {
	Sine SineParams `param:"sine" required:"true" doc:"offset + amplitude*sin(2*pi*frequency*t + phase)"`
}

// SineParams are the parameters of a SineStimulus.
type SineParams struct {
	Amplitude float64 `param:"amplitude" required:"true" doc:"amplitude of the current"`
	Frequency float64 `param:"frequency" unit:"Hz" min:"0" required:"true" doc:"frequency"`
	Phase     float64 `param:"phase" unit:"rad" doc:"phase at t = 0"`
	Offset    float64 `param:"offset" doc:"constant added to the sine"`
}

// Build implements StimulusBuilder.
func (s *SineStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	q := s.Sine
	return &graph.SineCurrent{Pop: p, Amplitude: q.Amplitude, Frequency: q.Frequency, Phase: q.Phase, Offset: q.Offset}, nil
}

// RampStimulus is the stimulus kind "ramp": stimulus { target, ramp = {
// start, stop, from, to } }; see graph.RampCurrent.
type RampStimulus struct {
	Ramp RampParams `param:"ramp" required:"true" doc:"a current from {from} at start to {to} at stop, zero outside"`
}

// RampParams are the parameters of a RampStimulus.
type RampParams struct {
	Start float64 `param:"start" unit:"ms" min:"0" required:"true" doc:"onset"`
	Stop  float64 `param:"stop" unit:"ms" min:"0" required:"true" doc:"end (the current is zero from here on)"`
	From  float64 `param:"from" doc:"current at start"`
	To    float64 `param:"to" required:"true" doc:"current reached at stop"`
}

// Validate checks that the ramp starts before it stops.
func (s *RampStimulus) Validate() error {
	if !(s.Ramp.Stop > s.Ramp.Start) {
		return paramerr.Errorf("ramp", -1, "ramp: want start < stop, have start %g, stop %g", s.Ramp.Start, s.Ramp.Stop)
	}
	return nil
}

// Build implements StimulusBuilder.
func (s *RampStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	q := s.Ramp
	return &graph.RampCurrent{Pop: p, Start: q.Start, Stop: q.Stop, From: q.From, To: q.To}, nil
}

// OUStimulus is the stimulus kind "ou": stimulus { target, ou = { mean,
// sigma, tau } } injects Ornstein-Uhlenbeck noise, independent in every
// neuron and seeded from the stimulus's own stream; see graph.OUCurrent.
type OUStimulus struct {
	OU OUParams `param:"ou" required:"true" doc:"Ornstein-Uhlenbeck current: {mean, sigma, tau}"`
}

// OUParams are the parameters of an OUStimulus.
type OUParams struct {
	Mean  float64 `param:"mean" doc:"stationary mean"`
	Sigma float64 `param:"sigma" min:"0" required:"true" doc:"stationary standard deviation"`
	Tau   float64 `param:"tau" unit:"ms" gt:"0" required:"true" doc:"correlation time"`
}

// Build implements StimulusBuilder.
func (s *OUStimulus) Build(p *neurons.Population) (graph.Stimulus, error) {
	q := s.OU
	return &graph.OUCurrent{Pop: p, Mean: q.Mean, Sigma: q.Sigma, Tau: q.Tau}, nil
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
	Initial
}

// Initial says whether a state monitor records the state before the first
// step.
type Initial struct {
	RecordInitial bool `param:"record_initial" doc:"also record the initial state, before the first step, as a first record stamped 0 ms (as Brian2 records t = 0)"`
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
	Initial
}
