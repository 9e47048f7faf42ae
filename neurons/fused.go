package neurons

import "github.com/synapticflow/synapticflow-go/internal/fused"

// FusedLinear is implemented by models whose step can, for their current
// parameters, run as the fused linear integrate-and-fire update of
// package internal/fused: the built-in LIF (and BLIF) with shared
// parameters, and equation models recognised as a LIF. A population of
// such a model fed only by exponential current kernels advances in one
// pass (Population.StepFused).
type FusedLinear interface {
	Model
	// FusedLIF returns the model's update in the fused form and the state
	// it advances (the potentials and the refractory counts, the model's
	// own storage), or ok = false when the model's step is not of that
	// form with its current parameters (per-neuron parameters, voltage
	// jumps, a lower bound, ...). The answer may change after Init.
	FusedLIF() (f fused.LIF, v, ref []float64, ok bool)
}

// FusedLIF implements FusedLinear: the update of stepUniform, the
// built-in LIF with shared parameters, no lower bound and no jumps.
func (m *LIF) FusedLIF() (f fused.LIF, v, ref []float64, ok bool) {
	if !m.uniform || m.dvJump != nil || m.lb != nil || len(m.c1) == 0 {
		return f, nil, nil, false
	}
	return m.fusedForm(), m.V, m.Refrac, true
}

// StepFused is Step for a population of a FusedLinear model whose input
// is the sum of the currents of the exponential kernels ks, in order (as
// synapses.DeliverAll would sum them): the kernels' decay and arrivals,
// the sum, the model's update and the threshold in one pass over chunk
// c, then clamps, traces and input sums as in Step. The kernels' slices
// cover the whole population; StepFused uses [c.Lo, c.Hi) of them and
// leaves ks itself modified (sliced to the chunk). x, if not nil,
// receives the input of each neuron of the chunk, as Step's caller would
// have it; it is required when the population sums its input.
//
// It returns ok = false, having done nothing, when the model is not a
// FusedLinear that takes the fused form now, or x is nil and the
// population sums its input: the caller then delivers the kernels and
// calls Step, with the same result.
func (p *Population) StepFused(c Chunk, ks []fused.Kernel, x []float64) (ok bool, err error) {
	m, isFused := p.Model.(FusedLinear)
	if !isFused || len(ks) == 0 || x == nil && p.Summed != nil {
		return false, nil
	}
	f, v, ref, ok := m.FusedLIF()
	if !ok {
		return false, nil
	}
	lo, hi := c.Lo, c.Hi
	for i := range ks {
		ks[i].I, ks[i].A = ks[i].I[lo:hi], ks[i].A[lo:hi]
	}
	var xc []float64
	if x != nil {
		xc = x[lo:hi]
	}
	suspect := fused.Step(&f, ks, v[lo:hi], ref[lo:hi], xc, p.S[lo:hi])
	return true, p.finish(c, x, suspect)
}

// fusedForm is the update of stepUniform in the fused form:
// rest + (v - rest)*c1 + x*c2 is ((v - rest)*c1 + rest) + x*c2 exactly
// (IEEE addition and multiplication commute).
func (m *LIF) fusedForm() fused.LIF {
	return fused.LIF{S0: m.rest[0], P: m.c1[0], A: m.rest[0], B: m.c2[0], Th: m.th[0], Reset: m.reset[0], RefSteps: m.refSteps[0]}
}
