package graph

import (
	"github.com/synapticflow/synapticflow-go/internal/fused"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// fusedStep returns, for one advance task of r, the function that
// advances a chunk of r in one fused pass (neurons.Population.StepFused)
// and reports whether it did; or nil if r cannot take that pass: the
// population's model must be a neurons.FusedLinear, every incoming edge
// must have an exponential kernel, and there must be no stimuli (their
// input, and voltage jumps, enter outside the kernels). The function
// does nothing and reports false in a step in which the fused pass does
// not apply (the model's parameters changed, a test turned it off): the
// task then delivers and steps as usual, with bit-identical results.
// Each task needs its own function (it keeps a buffer).
func (s *Sim) fusedStep(r *popRun) func(ch neurons.Chunk) (done bool, err error) {
	if _, ok := r.p.Model.(neurons.FusedLinear); !ok || len(r.in) == 0 || len(r.stims) > 0 || r.dv != nil {
		return nil
	}
	if _, ok := synapses.ExponentialInputs(nil, r.in, 0); !ok {
		return nil
	}
	// x is written only for those who read it: decisions and input sums.
	needX := len(r.decisions) > 0 || r.p.SumInput
	buf := make([]fused.Kernel, 0, len(r.in))
	return func(ch neurons.Chunk) (bool, error) {
		if s.unfused {
			return false, nil
		}
		ks, _ := synapses.ExponentialInputs(buf[:0], r.in, ch.Step)
		var x []float64
		if needX {
			x = r.x
		}
		return r.p.StepFused(ch, ks, x)
	}
}
