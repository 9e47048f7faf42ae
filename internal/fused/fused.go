// Package fused is the fused step of a population of linear
// integrate-and-fire neurons fed by exponential current kernels: in one
// pass over the neurons it decays each kernel's current and adds the
// step's arrivals to it (consuming them), sums the currents into the
// input, integrates the membrane potential, tests the threshold, resets
// and counts refractory steps off. Done separately (package synapses'
// DeliverAll, then the model's step) these are two or three passes and
// seven or more memory streams per neuron read twice.
//
// Step is the entry point. Its pure-Go loop (stepGo) is the reference; on
// amd64 CPUs with AVX-512 (detected with golang.org/x/sys/cpu) an
// assembly kernel advances eight neurons at a time. Both perform the same
// IEEE operations in the same order, with no fused multiply-add on either
// side (the Go code converts every product to float64 explicitly, which
// forbids the compiler to fuse it), so they agree bit for bit; the tests
// run both and compare them.
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
// more, all of length n): v and ref are the potentials and refractory
// counts, s receives the spikes, and x, if not nil, the input (the sum of
// the currents) of every neuron. It reports whether a neuron that
// integrated got a potential that is NaN or -Inf (an integrating neuron
// whose potential becomes +Inf spikes and is reset).
func Step(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
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
	if useAVX512 && len(ks) > 0 {
		done = n &^ 7
		if done > 0 && len(ks) == 2 {
			suspect = step2AVX512(m, &ks[0], &ks[1], v[:done], ref, x, s)
		} else if done > 0 {
			suspect = stepNAVX512(m, ks, v[:done], ref, x, s)
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
// refractoriness of LIF over the n = len(v) neurons of a chunk. It reads
// x and writes v, ref and s; it reports what Step reports.
func StepInput(m *LIF, v, ref, x []float64, s []bool) (suspect bool) {
	n := len(v)
	if len(ref) < n || len(s) < n || len(x) < n {
		panic("fused.StepInput: state slices shorter than v")
	}
	done := 0
	if useAVX512 {
		done = n &^ 7
		if done > 0 {
			suspect = stepInputAVX512(m, v[:done], ref, x, s)
		}
	}
	if done < n && stepInputGo(m, v[done:n], ref[done:n], x[done:n], s[done:n]) {
		suspect = true
	}
	return suspect
}

// stepInputGo is the reference of StepInput.
func stepInputGo(m *LIF, v, ref, x []float64, s []bool) (suspect bool) {
	ref, x, s = ref[:len(v)], x[:len(v)], s[:len(v)]
	for j, vj := range v {
		nv, nr, sp, su := integrate(m, vj, ref[j], x[j])
		v[j], ref[j], s[j] = nv, nr, sp
		suspect = suspect || su
	}
	return suspect
}

// stepGo is the reference: Step in pure Go.
func stepGo(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	switch len(ks) {
	case 1:
		return stepGo1(m, ks[0], v, ref, x, s)
	case 2:
		return stepGo2(m, ks[0], ks[1], v, ref, x, s)
	}
	return stepGoN(m, ks, v, ref, x, s)
}

// integrate is the membrane update of one neuron with input xj; it
// returns the new potential and count, whether the neuron spiked and
// whether its new potential is suspect.
func integrate(m *LIF, vj, rj, xj float64) (nv, nr float64, spike, suspect bool) {
	if !(rj <= 0) {
		return vj, rj - 1, false, false
	}
	nv = float64(float64(float64(vj-m.S0)*m.P)+m.A) + float64(xj*m.B)
	if nv >= m.Th {
		return m.Reset, m.RefSteps, true, false
	}
	return nv, rj, false, !(nv >= -math.MaxFloat64)
}

func stepGo1(m *LIF, k Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	i1, a1 := k.I[:len(v)], k.A[:len(v)]
	ref, s = ref[:len(v)], s[:len(v)]
	d1 := k.Decay
	for j, vj := range v {
		c1 := float64(i1[j]*d1) + a1[j]
		i1[j], a1[j] = c1, 0
		xj := 0 + c1
		if x != nil {
			x[j] = xj
		}
		nv, nr, sp, su := integrate(m, vj, ref[j], xj)
		v[j], ref[j], s[j] = nv, nr, sp
		suspect = suspect || su
	}
	return suspect
}

func stepGo2(m *LIF, k1, k2 Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	n := len(v)
	i1, a1, i2, a2 := k1.I[:n], k1.A[:n], k2.I[:n], k2.A[:n]
	ref, s = ref[:n], s[:n]
	d1, d2 := k1.Decay, k2.Decay
	for j, vj := range v {
		c1 := float64(i1[j]*d1) + a1[j]
		c2 := float64(i2[j]*d2) + a2[j]
		i1[j], a1[j], i2[j], a2[j] = c1, 0, c2, 0
		xj := 0 + c1 + c2
		if x != nil {
			x[j] = xj
		}
		nv, nr, sp, su := integrate(m, vj, ref[j], xj)
		v[j], ref[j], s[j] = nv, nr, sp
		suspect = suspect || su
	}
	return suspect
}

func stepGoN(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	for j, vj := range v {
		xj := 0.0
		for _, k := range ks {
			c := float64(k.I[j]*k.Decay) + k.A[j]
			k.I[j], k.A[j] = c, 0
			xj += c
		}
		if x != nil {
			x[j] = xj
		}
		nv, nr, sp, su := integrate(m, vj, ref[j], xj)
		v[j], ref[j], s[j] = nv, nr, sp
		suspect = suspect || su
	}
	return suspect
}
