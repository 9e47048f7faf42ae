package graph

import (
	"github.com/synapticflow/synapticflow-go/internal/fused"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// fusedAdvance returns the task that advances chunk c of r in one fused
// pass (neurons.Population.StepFused), or nil if r cannot take it: the
// population's model must be a neurons.FusedLinear, every incoming edge
// must have an exponential kernel, and there must be no stimuli (their
// input, and voltage jumps, enter outside the kernels). The task falls
// back to plain, the unfused task, in every step in which the fused path
// does not apply (the model's parameters changed, a test turned it off):
// both give bit-identical results.
func (s *Sim) fusedAdvance(r *popRun, c int, plain func() error) func() error {
	if _, ok := r.p.Model.(neurons.FusedLinear); !ok || len(r.in) == 0 || len(r.stims) > 0 || r.dv != nil {
		return nil
	}
	if _, ok := synapses.ExponentialInputs(nil, r.in, 0); !ok {
		return nil
	}
	// x is written only for those who read it: decisions and input sums.
	needX := len(r.decisions) > 0 || r.p.SumInput
	buf := make([]fused.Kernel, 0, len(r.in))
	return func() error {
		if s.unfused {
			return plain()
		}
		ch := r.p.Chunk(c, s.k)
		ks, _ := synapses.ExponentialInputs(buf[:0], r.in, ch.Step)
		var x []float64
		if needX {
			x = r.x
		}
		ok, err := r.p.StepFused(ch, ks, x)
		if !ok {
			return plain()
		}
		return err
	}
}
