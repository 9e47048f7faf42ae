package graph

import "github.com/synapticflow/synapticflow-go/neurons"

// StepCoster is implemented by neuron models whose update costs much more
// than a pass of a simple model (equation models such as Hodgkin-Huxley
// neurons). StepCost returns an estimate of the CPU time of one neuron
// update in ns. The runner counts each neuron of such a model as
// StepCost()/passNs neuron passes when it decides whether a stage is
// worth spreading over workers; models without the method count as one.
type StepCoster interface {
	StepCost() float64
}

// RangeStepper is implemented by neuron models whose Step draws nothing
// from the chunk's random stream (Chunk.Rand) and treats every neuron on
// its own, so that advancing a chunk in disjoint parts, in any order or
// in parallel, gives the same results as advancing it whole. The runner
// then may split the chunks of an expensive population into parts when
// the population has no stimuli (which draw per chunk), so that a stage
// of few chunks still spreads over the workers. Results do not depend on
// the split.
type RangeStepper interface {
	StepDrawsNothing() bool
}

// passNs is the approximate CPU time of one neuron pass (a simple
// model's update, or the delivery of one edge to one neuron) in ns, the
// unit of minParallelWork.
const passNs = 2.0

// modelPasses returns the neuron passes one neuron of m counts for.
func modelPasses(m neurons.Model) int {
	if c, ok := m.(StepCoster); ok {
		if w := c.StepCost() / passNs; w > 1 {
			return int(w)
		}
	}
	return 1
}

// splittable reports whether the chunks of r may be advanced in parts.
func splittable(r *popRun) bool {
	rs, ok := r.p.Model.(RangeStepper)
	return ok && rs.StepDrawsNothing() && len(r.stims) == 0 && r.dv == nil && modelPasses(r.p.Model) > 1
}
