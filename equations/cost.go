package equations

// Estimates of the cost of an update, for the runner's choice between
// serial and parallel stages (package graph's StepCoster and
// RangeStepper).

// Costs in ns per neuron of one instruction of the register machine, as
// measured on an AVX-512 Xeon (go test ./equations -bench HodgkinHuxley,
// which runs at about 19 ns per neuron, estimated 20):
// an arithmetic loop, a vectorised exponential (exp, exprel, exponential
// Euler), and another elementary function (math.Pow, math.Log, ...).
const (
	costArith = 0.2
	costExp   = 1.0
	costFunc  = 6.0
	// costOverhead covers the refractory and threshold passes.
	costOverhead = 1.5
)

// StepCost returns an estimate of the CPU time of one neuron update in ns,
// from the instructions of the update's programs; valid after Init.
func (m *Model) StepCost() float64 {
	if m.fast != nil || m.integ == nil {
		return 2 // as fast as a built-in integrate-and-fire model
	}
	c := costOverhead
	for _, p := range []*program{m.integ, m.thr, m.cond} {
		if p == nil {
			continue
		}
		for _, in := range p.code {
			if in.mode&8 != 0 {
				continue // a scalar: once per block
			}
			switch in.op {
			case oExp, oExprel:
				c += costExp
			case oExpEuler:
				if in.mode&2 == 0 {
					c += costExp
				} else {
					c += costArith
				}
			case oPow, oLog, oLog10, oSin, oCos, oTan, oTanh, oSinh, oCosh, oAsin, oAcos, oAtan, oRandn:
				c += costFunc
			default:
				c += costArith
			}
		}
	}
	return c
}

// StepDrawsNothing reports whether Step draws no random numbers (no rand(),
// randn() or noise xi in the model), so that a chunk may be advanced in
// parts; valid after Init.
func (m *Model) StepDrawsNothing() bool {
	progs := append([]*program{m.integ, m.thr, m.cond}, m.resets...)
	for _, p := range progs {
		if p == nil {
			continue
		}
		for _, in := range p.code {
			if in.op == oRand || in.op == oRandn {
				return false
			}
		}
	}
	return m.integ != nil
}
