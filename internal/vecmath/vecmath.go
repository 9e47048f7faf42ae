// Package vecmath computes elementary functions over slices of float64,
// eight at a time with AVX-512 where the CPU has it, for the register
// machine of package equations.
//
// Every function has a scalar reference (Exp1, Exprel1, ExpEuler1) in pure
// Go, which the slice functions use where the CPU lacks AVX-512 and for
// the last len%8 elements. The vector kernels compute the reference's
// operations in the same order with the same roundings (fused
// multiply-adds where the reference calls math.FMA), so results are
// bit-identical on every path and every CPU: they depend on the inputs
// alone, never on the number of workers or the machine.
//
// Accuracy: Exp1 differs from math.Exp by at most 1 ulp (the tests check
// this over the whole range, subnormal results included, and the special
// cases exactly); Exprel1 differs from (math.Expm1(x))/x by at most 2 ulp
// for |x| <= 1/2 and from (math.Exp(x) - 1)/x by at most 1 ulp elsewhere
// (where that form loses nothing to cancellation).
package vecmath

// Exp sets dst[i] = Exp1(src[i]) for every i < len(dst). src must be at
// least as long as dst; dst and src may be the same slice but must not
// overlap otherwise.
func Exp(dst, src []float64) { expWith(best, dst, src) }

func expWith(ks *kernelSet, dst, src []float64) {
	src = src[:len(dst)]
	n := 0
	if ks.exp != nil && len(dst) >= ks.width {
		n = len(dst) - len(dst)%ks.width
		ks.exp(&dst[0], &src[0], n)
	}
	expGeneric(dst[n:], src[n:])
}

// Exprel sets dst[i] = Exprel1(src[i]) for every i < len(dst), with the
// same rules as Exp.
func Exprel(dst, src []float64) { exprelWith(best, dst, src) }

func exprelWith(ks *kernelSet, dst, src []float64) {
	src = src[:len(dst)]
	n := 0
	if ks.exprel != nil && len(dst) >= ks.width {
		n = len(dst) - len(dst)%ks.width
		ks.exprel(&dst[0], &src[0], n)
	}
	exprelGeneric(dst[n:], src[n:])
}

// ExpEuler sets dst[i] = ExpEuler1(x[i], a[i], b[i], dt) for every
// i < len(dst). x, a and b must be at least as long as dst; dst may be
// one of them but must not overlap them otherwise.
func ExpEuler(dst, x, a, b []float64, dt float64) { expEulerWith(best, dst, x, a, b, dt) }

func expEulerWith(ks *kernelSet, dst, x, a, b []float64, dt float64) {
	x, a, b = x[:len(dst)], a[:len(dst)], b[:len(dst)]
	n := 0
	if ks.expEuler != nil && len(dst) >= ks.width {
		n = len(dst) - len(dst)%ks.width
		ks.expEuler(&dst[0], &x[0], &a[0], &b[0], n, dt)
	}
	expEulerGeneric(dst[n:], x[n:], a[n:], b[n:], dt)
}

// AllFinite reports whether no element of v is NaN or infinite.
func AllFinite(v []float64) bool { return allFiniteWith(best, v) }

func allFiniteWith(ks *kernelSet, v []float64) bool {
	n := 0
	if ks.finite != nil && len(v) >= ks.width {
		n = len(v) - len(v)%ks.width
		if !ks.finite(&v[0], n) {
			return false
		}
	}
	for _, x := range v[n:] {
		if x-x != 0 { // NaN for NaN and ±Inf
			return false
		}
	}
	return true
}
