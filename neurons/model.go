package neurons

import "math/rand/v2"

// Model is the dynamics of one kind of neuron: its parameters, its state
// variables and its update equations. The built-in models (LIF, ELIF, ...)
// implement it, and so can a user's own model; a Population wraps a Model
// with what every population shares (spikes, traces, clamps, fault checks).
//
// A Model's parameters are the exported fields of its struct tagged
// `param:"name"`; Describe lists them with their units and defaults.
type Model interface {
	// Kind is the model's name in the network language, e.g. "lif".
	Kind() string

	// Init checks the parameters and prepares the model to advance n
	// neurons with time step dt (ms): it expands per-neuron parameters,
	// allocates the state variables and sets their initial values, drawing
	// from r where the initial state is random. Init is called again to
	// reset the model, with a stream that repeats the first one.
	Init(n int, dt float64, r *rand.Rand) error

	// Step advances the neurons c.Lo to c.Hi-1 by one step of the step
	// contract (see the package documentation). x[i] is neuron i's input
	// current for this step; Step sets s[i] to whether neuron i spiked.
	// Step may read and write only indices in [c.Lo, c.Hi) of x, s and its
	// own state, so that chunks can run in parallel.
	Step(c Chunk, x []float64, s []bool)

	// Vars lists the names of the state variables that Var returns, in
	// the seed's spelling ("v", "w", "i", "refrac_count", ...).
	Vars() []string

	// Var returns the state variable with the given name, one value per
	// neuron, or nil if the model has no such variable. The slice is the
	// model's own storage: callers must not modify it.
	Var(name string) []float64

	// TraceParams returns the model's spike-trace parameters. Embedding
	// Trace provides this method.
	TraceParams() *Trace
}

// InputIgnorer is implemented by a Model whose neurons ignore their input
// current: a spike source such as Poisson or SpikeGenerator, whose spikes
// do not depend on x. Synapses into its population have no effect, and
// the network language warns about them. Models that do not implement it
// use their input.
type InputIgnorer interface {
	// IgnoresInput reports whether the model ignores its input.
	IgnoresInput() bool
}

// Chunk is a contiguous range of neurons [Lo, Hi) advanced by one worker in
// step Step. Rand is the chunk's own random stream: chunks have a fixed
// size, so the numbers drawn for a neuron do not depend on how many workers
// run the network.
type Chunk struct {
	Lo, Hi int
	Step   int
	Rand   *rand.Rand
}

// Trace holds the spike-trace parameters of a population, with the seed's
// names. After each step the trace decays as trace *= exp(-dt/TauS) and then
// grows where the neuron spiked: by TraceScale (additive) or to 1
// (non-additive).
type Trace struct {
	SpikeTrace         bool  `param:"spike_trace" doc:"keep a spike trace per neuron"`
	AdditiveSpikeTrace bool  `param:"additive_spike_trace" doc:"add trace_scale at each spike instead of setting the trace to 1"`
	TauS               Param `param:"tau_s" unit:"ms" doc:"decay time constant of the spike trace (trace only: the membrane has tau_m)"`
	TraceScale         Param `param:"trace_scale" doc:"amount added to the trace at each spike (additive traces)"`
}

// TraceParams returns t.
func (t *Trace) TraceParams() *Trace { return t }

// defaultTrace is the trace setting of the seed's neuron models: a
// non-additive trace with the given time constant.
func defaultTrace(tauS float64) Trace {
	return Trace{SpikeTrace: true, AdditiveSpikeTrace: false, TauS: Param{tauS}, TraceScale: Param{1}}
}
