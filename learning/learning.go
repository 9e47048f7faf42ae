package learning

// Edge is what a rule sees of the synapse edge it is attached to. Synapses
// are numbered 0..Len()-1 in the edge's storage order; synapse s goes from
// source neuron Source(s) to target neuron Target(s) with weight
// Weights()[s], which the rule may change.
type Edge interface {
	// NumPre and NumPost are the sizes of the source and target populations.
	NumPre() int
	NumPost() int
	// Len is the number of synapses.
	Len() int
	// Source and Target return the neurons synapse s connects.
	Source(s int) int
	Target(s int) int
	// Weights returns the weights by synapse. The slice is the edge's own
	// storage: writing it changes the weights.
	Weights() []float64
	// Outgoing returns the synapses [lo, hi) of source neuron i.
	Outgoing(i int) (lo, hi int)
	// Incoming returns the synapses into target neuron j, ascending.
	Incoming(j int) []int32
	// Arrivals calls f for every synapse whose presynaptic spike arrives in
	// step k (a spike emitted in step k-d by a synapse of delay d), in a
	// fixed order. This is how rules see presynaptic spikes: a spike
	// counts when it arrives, not when it is emitted.
	Arrivals(k int, f func(s int))
	// Bounds returns the edge's weight bounds w_min and w_max.
	Bounds() (wMin, wMax float64)
	// NormalizeTo scales the weights so that the absolute weights into
	// each target neuron sum to total.
	NormalizeTo(total float64)
}

// Context is what a rule sees of one step.
type Context struct {
	// Step is the step number k; Dt the time step in ms.
	Step int
	Dt   float64
	// PostSpikes are the target population's spikes in this step and
	// PostFired the indices of the neurons that fired, ascending.
	PostSpikes []bool
	PostFired  []int32
	// PreSpikes are the source population's spikes emitted in this step
	// (not those arriving: see Edge.Arrivals).
	PreSpikes []bool
	// PreTrace and PostTrace are the populations' own spike traces (nil if
	// a population keeps none). The built-in rules keep their own traces.
	PreTrace, PostTrace []float64
	// Dopamine is the neuromodulator level of this step; Reward the reward
	// delivered in this step.
	Dopamine, Reward float64
}

// Rule is a plasticity rule attached to one synapse edge. The network calls
// Update once per step, after every population has advanced and emitted
// its spikes, only in train mode and only while the target population's
// Learning flag is on. Rules of different edges run in parallel: a rule
// may touch only its own state and its edge's weights.
type Rule interface {
	// Kind names the rule in the network language, e.g. "stdp".
	Kind() string
	// Init prepares the rule for the edge, with time step dt in ms.
	Init(e Edge, dt float64) error
	// Update applies one step of plasticity to e's weights.
	Update(e Edge, c *Context)
	// Reset clears the rule's own state (traces, eligibility).
	Reset()
}
