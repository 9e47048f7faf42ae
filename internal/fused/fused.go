// Package fused is the fused step of a population of linear
// integrate-and-fire neurons fed by exponential current kernels: in one
// pass over the neurons it decays each kernel's current and adds the
// step's arrivals to it (consuming them), sums the currents into the
// input, integrates the membrane potential, tests the threshold, resets
// and counts refractory steps off. Done separately (package synapses'
// DeliverAll, then the model's step) these are two or three passes and
// seven or more memory streams per neuron read twice.
//
// Step is the entry point, StepInput the same update with the input (and
// voltage jumps) given instead of kernels. Their pure-Go loops (stepGo,
// stepInputGo) are the reference; on amd64 CPUs with AVX-512 or AVX2 and
// BMI2 (detected once with golang.org/x/sys/cpu) assembly kernels
// advance eight or four neurons at a time. Both perform the same IEEE
// operations in the same order, with no fused multiply-add on either
// side (the Go code converts every product to float64 explicitly, which
// forbids the compiler to fuse it whatever GOAMD64), so they agree bit
// for bit, NaN payloads aside (which NaN an addition of two NaNs returns
// depends on the operand order the compiler picks); the tests run every
// kernel the CPU has against the reference.
package fused

import "math"

// Kernel is one exponential kernel's state for the chunk being advanced:
// I is the current per target neuron, A the arrivals of the step (the sum
// of the weights arriving at each target; Step sets them to 0), Decay the
// factor exp(-dt/tau) the current decays by each step.
type Kernel struct {
	I, A  []float64
	Decay float64
}

// LIF is the membrane update of the fused step, the same for every neuron
// of the chunk:
//
//	nv = ((v - S0)*P + A) + x*B
//
// where x is the sum of the kernels' currents, ((0 + i1) + i2) + ... in
// kernel order. A neuron whose refractory count is <= 0 integrates: it
// spikes when nv >= Th, and then gets v = Reset and the count RefSteps;
// otherwise v = nv. A neuron with a positive count keeps v and counts one
// step off. The kernels' currents evolve in either case.
//
// The built-in LIF (v' = rest + (v - rest)*c1 + x*c2) is S0 = A = rest,
// P = c1, B = c2: IEEE addition and multiplication commute exactly. An
// equation model v' = p*v + a + b*x is S0 = 0 (v - 0 is v exactly).
type LIF struct {
	S0, P, A, B float64
	Th, Reset   float64
	RefSteps    float64
}

// Step advances the n = len(v) neurons of a chunk with kernels ks (one or
// more, all of length n, none sharing a slice with another or with the
// state): v and ref are the potentials and refractory counts, s receives
// the spikes, and x, if not nil, the input (the sum of the currents) of
// every neuron. It reports whether a neuron that
// integrated got a potential that is NaN or -Inf (an integrating neuron
// whose potential becomes +Inf spikes and is reset).
func Step(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	return step(cpuLevel, m, ks, v, ref, x, s)
}

// The kernels, best last: the Go reference, AVX2, AVX-512.
const (
	levelGo = iota
	levelAVX2
	levelAVX512
)

// step is Step with the kernel of the given level (at most cpuLevel)
// and the Go reference for the neurons after the last whole vector.
func step(level int, m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	n := len(v)
	if len(ref) < n || len(s) < n || x != nil && len(x) < n {
		panic("fused.Step: state slices shorter than v")
	}
	for _, k := range ks {
		if len(k.I) < n || len(k.A) < n {
			panic("fused.Step: kernel slices shorter than v")
		}
	}
	done := 0
	switch {
	case len(ks) == 0 || level == levelGo:
	case level == levelAVX512:
		if done = n &^ 7; done > 0 && len(ks) == 2 {
			suspect = step2AVX512(m, &ks[0], &ks[1], v[:done], ref, x, s)
		} else if done > 0 {
			suspect = stepNAVX512(m, ks, v[:done], ref, x, s)
		}
	case level == levelAVX2:
		if done = n &^ 3; done > 0 {
			suspect = stepNAVX2(m, ks, v[:done], ref, x, s)
		}
	}
	if done == 0 {
		return stepGo(m, ks, v, ref, x, s)
	}
	if done < n {
		var buf [4]Kernel
		tail := buf[:0]
		for _, k := range ks {
			tail = append(tail, Kernel{I: k.I[done:n], A: k.A[done:n], Decay: k.Decay})
		}
		var xt []float64
		if x != nil {
			xt = x[done:n]
		}
		if stepGo(m, tail, v[done:n], ref[done:n], xt, s[done:n]) {
			suspect = true
		}
	}
	return suspect
}

// StepInput is Step with the input x of every neuron given instead of
// summed from kernels: the membrane update, threshold, reset and
// refractoriness of LIF over the n = len(v) neurons of a chunk. If dv is
// not nil, an integrating neuron's potential jumps by dv[j] after the
// update and before the threshold test (nv + dv[j]; a refractory neuron
// ignores its jump). It reads x and dv and writes v, ref and s; it
// reports what Step reports.
func StepInput(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool) {
	return stepInput(cpuLevel, m, v, ref, x, dv, s)
}

// stepInput is StepInput with the kernel of the given level.
func stepInput(level int, m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool) {
	n := len(v)
	if len(ref) < n || len(s) < n || len(x) < n || dv != nil && len(dv) < n {
		panic("fused.StepInput: state slices shorter than v")
	}
	done := 0
	switch level {
	case levelAVX512:
		if done = n &^ 7; done > 0 {
			suspect = stepInputAVX512(m, v[:done], ref, x, dv, s)
		}
	case levelAVX2:
		if done = n &^ 3; done > 0 {
			suspect = stepInputAVX2(m, v[:done], ref, x, dv, s)
		}
	}
	if done < n {
		var dvt []float64
		if dv != nil {
			dvt = dv[done:n]
		}
		if stepInputGo(m, v[done:n], ref[done:n], x[done:n], dvt, s[done:n]) {
			suspect = true
		}
	}
	return suspect
}

// stepGo is the reference: Step in pure Go. It works in blocks of
// goBlock neurons: the kernels' currents of a block are summed into a
// buffer on the stack, which the membrane update of stepInputGo then
// reads while the block's state is still in the L1 cache. (One loop over
// the neurons that does both runs slower in Go: the compiler keeps less
// in registers.)
func stepGo(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	var buf [goBlock]float64
	for lo := 0; lo < len(v); lo += goBlock {
		hi := min(lo+goBlock, len(v))
		xb := buf[:hi-lo]
		sumKernels(ks, xb, lo)
		if x != nil {
			copy(x[lo:hi], xb)
		}
		if stepInputGo(m, v[lo:hi], ref[lo:hi], xb, nil, s[lo:hi]) {
			suspect = true
		}
	}
	return suspect
}

// goBlock is the block of stepGo: 2 KiB of input on the stack.
const goBlock = 256

// sumKernels sets xb[j] to the sum of the kernels' currents of neuron
// lo+j after their decay and arrivals, ((0 + c1) + c2) + ..., and clears
// the arrivals.
func sumKernels(ks []Kernel, xb []float64, lo int) {
	n := len(xb)
	if len(ks) == 2 {
		i1, a1, i2, a2 := ks[0].I[lo:lo+n], ks[0].A[lo:lo+n], ks[1].I[lo:lo+n], ks[1].A[lo:lo+n]
		d1, d2 := ks[0].Decay, ks[1].Decay
		for j := range xb {
			c1 := float64(i1[j]*d1) + a1[j]
			c2 := float64(i2[j]*d2) + a2[j]
			i1[j], i2[j] = c1, c2
			xb[j] = 0 + c1 + c2
		}
		clear(a1) // one vectorised pass: cheaper than a store per neuron
		clear(a2)
		return
	}
	for i, k := range ks {
		cur, a, d := k.I[lo:lo+n], k.A[lo:lo+n], k.Decay
		cur, a = cur[:n], a[:n]
		for j := range xb {
			c := float64(cur[j]*d) + a[j]
			cur[j] = c
			if i == 0 {
				xb[j] = 0 + c
			} else {
				xb[j] += c
			}
		}
		clear(a)
	}
}

// stepInputGo is the reference of StepInput, laid out for speed as the
// built-in LIF's loop was: s is cleared in one vectorised pass and set
// only where a neuron spikes, and the common case (a neuron that
// integrates and stays finite and below threshold) is tested first and
// stores only v. Refrac holds whole numbers >= 0, so ref[j] <= 0 is the
// negation of ref[j] > 0 (and a NaN count counts off, as in the model).
func stepInputGo(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool) {
	ref, x, s = ref[:len(v)], x[:len(v)], s[:len(v)]
	s0, p, a, b, th, reset, steps := m.S0, m.P, m.A, m.B, m.Th, m.Reset, m.RefSteps
	clear(s)
	if dv != nil {
		dv = dv[:len(v)]
		for j, vj := range v {
			if ref[j] <= 0 {
				nv := float64(float64(float64(float64(vj-s0)*p)+a)+float64(x[j]*b)) + dv[j]
				if nv < th && nv >= -math.MaxFloat64 {
					v[j] = nv
				} else if nv >= th {
					s[j] = true
					v[j] = reset
					ref[j] = steps
				} else { // NaN or -Inf
					v[j] = nv
					suspect = true
				}
			} else {
				ref[j]--
			}
		}
		return suspect
	}
	for j, vj := range v {
		if ref[j] <= 0 {
			nv := float64(float64(float64(vj-s0)*p)+a) + float64(x[j]*b)
			if nv < th && nv >= -math.MaxFloat64 {
				v[j] = nv
			} else if nv >= th {
				s[j] = true
				v[j] = reset
				ref[j] = steps
			} else { // NaN or -Inf
				v[j] = nv
				suspect = true
			}
		} else {
			ref[j]--
		}
	}
	return suspect
}
