package learning

// Edge is what a rule sees of the synapse edge it is attached to: the
// synapses in compressed sparse row form (grouped by presynaptic neuron)
// and their weights, which the rule may change.
type Edge interface {
	// NumPre and NumPost are the sizes of the source and target populations.
	NumPre() int
	NumPost() int
	// Row returns the synapses of presynaptic neuron i: their targets and
	// their weights. The weights slice aliases the edge's storage: writing
	// it changes the weights.
	Row(i int) (post []int32, w []float64)
	// Bounds returns the weight bounds w_min and w_max.
	Bounds() (wMin, wMax float64)
}

// Context is what a rule sees of one step.
type Context struct {
	// Step is the step number k; Dt the time step in ms.
	Step int
	Dt   float64
	// PreSpikes and PostSpikes are the spikes of the source and target
	// populations in this step; PreTrace and PostTrace their traces (nil if
	// the population keeps none).
	PreSpikes, PostSpikes []bool
	PreTrace, PostTrace   []float64
	// Dopamine is the neuromodulator level of this step.
	Dopamine float64
}

// Rule is a plasticity rule attached to one synapse edge. The network calls
// Update once per step after all populations have advanced, only in train
// mode and only while the target population's Learning flag is on.
type Rule interface {
	// Init prepares the rule for the edge, with time step dt in ms.
	Init(e Edge, dt float64) error
	// Update applies one step of plasticity to e's weights.
	Update(e Edge, c *Context)
	// Reset clears the rule's own state (eligibility traces, ...).
	Reset()
}
