package neurons

import (
	"math"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Param is a per-neuron parameter: either one value shared by every neuron
// of the population (Param{v}) or one value per neuron (len(p) == n).
// A nil Param means "not set"; only optional parameters such as LowerBound
// may be left nil.
type Param []float64

// expand returns p as n per-neuron values. It reports an error naming the
// parameter if p has the wrong length or holds a NaN or infinite value.
func (p Param) expand(name string, n int) ([]float64, error) {
	switch len(p) {
	case 1:
	case n:
	case 0:
		return nil, paramerr.Errorf(name, -1, "parameter %s is not set", name)
	default:
		return nil, paramerr.Errorf(name, -1, "parameter %s has %d values for %d neurons (want 1 or %d)", name, len(p), n, n)
	}
	out := make([]float64, n)
	for i := range out {
		v := p[0]
		if len(p) == n {
			v = p[i]
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, paramerr.Errorf(name, i, "parameter %s of neuron %d is %g, want a finite number", name, i, v)
		}
		out[i] = v
	}
	return out, nil
}

// positive is expand with the extra check that every value is > 0.
func (p Param) positive(name string, n int) ([]float64, error) {
	out, err := p.expand(name, n)
	if err != nil {
		return nil, err
	}
	for i, v := range out {
		if v <= 0 {
			return nil, paramerr.Errorf(name, i, "parameter %s of neuron %d is %g, want a positive number", name, i, v)
		}
	}
	return out, nil
}

// nonNegative is expand with the extra check that every value is >= 0.
func (p Param) nonNegative(name string, n int) ([]float64, error) {
	out, err := p.expand(name, n)
	if err != nil {
		return nil, err
	}
	for i, v := range out {
		if v < 0 {
			return nil, paramerr.Errorf(name, i, "parameter %s of neuron %d is %g, want a non-negative number", name, i, v)
		}
	}
	return out, nil
}

// errs gathers the first error of a sequence of parameter checks.
type errs struct{ err error }

func (e *errs) expand(p Param, name string, n int) []float64 {
	return e.do(p.expand, name, n)
}

func (e *errs) positive(p Param, name string, n int) []float64 {
	return e.do(p.positive, name, n)
}

func (e *errs) nonNegative(p Param, name string, n int) []float64 {
	return e.do(p.nonNegative, name, n)
}

func (e *errs) do(f func(string, int) ([]float64, error), name string, n int) []float64 {
	if e.err != nil {
		return nil
	}
	out, err := f(name, n)
	if err != nil {
		e.err = err
	}
	return out
}
