package vecmath

import "math"

//go:generate python3 gen_arith.py > arith_amd64.s

// Elementwise arithmetic over slices, eight elements at a time with
// AVX-512: every result is the one the loop beside it computes, rounded
// operation by operation (a*b + c is two roundings, never a fused
// multiply-add), so results are the same on every path. In each function
// the operand slices must be at least as long as dst; dst may be one of
// them but must not overlap them otherwise.

// kernel is the signature of the kernels of arith_amd64.s: they compute
// n elements, a multiple of their kernelSet's width.
type kernel func(dst, a, b, c *float64, n int, s, t float64)

// head runs k (nil: none) over the longest prefix of dst that is a
// multiple of ks.width and returns its length.
func head(ks *kernelSet, k kernel, dst, a, b, c []float64, s, t float64) int {
	if k == nil || len(dst) < ks.width {
		return 0
	}
	n := len(dst) - len(dst)%ks.width
	k(&dst[0], first(a), first(b), first(c), n, s, t)
	return n
}

func first(v []float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	return &v[0]
}

// Add sets dst[i] = a[i] + b[i].
func Add(dst, a, b []float64) { addWith(best, dst, a, b) }

func addWith(ks *kernelSet, dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(ks, ks.add, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] + b[i]
	}
}

// Sub sets dst[i] = a[i] - b[i].
func Sub(dst, a, b []float64) { subWith(best, dst, a, b) }

func subWith(ks *kernelSet, dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(ks, ks.sub, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] - b[i]
	}
}

// Mul sets dst[i] = a[i] * b[i].
func Mul(dst, a, b []float64) { mulWith(best, dst, a, b) }

func mulWith(ks *kernelSet, dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(ks, ks.mul, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] * b[i]
	}
}

// Div sets dst[i] = a[i] / b[i].
func Div(dst, a, b []float64) { divWith(best, dst, a, b) }

func divWith(ks *kernelSet, dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(ks, ks.div, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] / b[i]
	}
}

// AddS sets dst[i] = a[i] + s.
func AddS(dst, a []float64, s float64) { addSWith(best, dst, a, s) }

func addSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.addS, dst, a, nil, nil, s, 0); i < len(dst); i++ {
		dst[i] = a[i] + s
	}
}

// SubS sets dst[i] = a[i] - s.
func SubS(dst, a []float64, s float64) { subSWith(best, dst, a, s) }

func subSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.subS, dst, a, nil, nil, s, 0); i < len(dst); i++ {
		dst[i] = a[i] - s
	}
}

// MulS sets dst[i] = a[i] * s.
func MulS(dst, a []float64, s float64) { mulSWith(best, dst, a, s) }

func mulSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.mulS, dst, a, nil, nil, s, 0); i < len(dst); i++ {
		dst[i] = a[i] * s
	}
}

// SSub sets dst[i] = s - b[i].
func SSub(dst []float64, s float64, b []float64) { sSubWith(best, dst, s, b) }

func sSubWith(ks *kernelSet, dst []float64, s float64, b []float64) {
	b = b[:len(dst)]
	for i := head(ks, ks.sSub, dst, nil, b, nil, s, 0); i < len(dst); i++ {
		dst[i] = s - b[i]
	}
}

// SDiv sets dst[i] = s / b[i].
func SDiv(dst []float64, s float64, b []float64) { sDivWith(best, dst, s, b) }

func sDivWith(ks *kernelSet, dst []float64, s float64, b []float64) {
	b = b[:len(dst)]
	for i := head(ks, ks.sDiv, dst, nil, b, nil, s, 0); i < len(dst); i++ {
		dst[i] = s / b[i]
	}
}

// Neg sets dst[i] = -a[i].
func Neg(dst, a []float64) { negWith(best, dst, a) }

func negWith(ks *kernelSet, dst, a []float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.neg, dst, a, nil, nil, 0, math.Copysign(0, -1)); i < len(dst); i++ { // the kernel xors with -0
		dst[i] = -a[i]
	}
}

// MulAdd sets dst[i] = a[i]*b[i] + c[i] (two roundings).
func MulAdd(dst, a, b, c []float64) { mulAddWith(best, dst, a, b, c) }

func mulAddWith(ks *kernelSet, dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.mulAdd, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = float64(a[i]*b[i]) + c[i]
	}
}

// MulSAdd sets dst[i] = a[i]*s + c[i] (two roundings).
func MulSAdd(dst, a []float64, s float64, c []float64) { mulSAddWith(best, dst, a, s, c) }

func mulSAddWith(ks *kernelSet, dst, a []float64, s float64, c []float64) {
	a, c = a[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.mulSAdd, dst, a, nil, c, s, 0); i < len(dst); i++ {
		dst[i] = float64(a[i]*s) + c[i]
	}
}

// MulSAddS sets dst[i] = a[i]*s + t (two roundings).
func MulSAddS(dst, a []float64, s, t float64) { mulSAddSWith(best, dst, a, s, t) }

func mulSAddSWith(ks *kernelSet, dst, a []float64, s, t float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.mulSAddS, dst, a, nil, nil, s, t); i < len(dst); i++ {
		dst[i] = float64(a[i]*s) + t
	}
}

// MulSub sets dst[i] = a[i]*b[i] - c[i] (two roundings).
func MulSub(dst, a, b, c []float64) { mulSubWith(best, dst, a, b, c) }

func mulSubWith(ks *kernelSet, dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.mulSub, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = float64(a[i]*b[i]) - c[i]
	}
}

// AddAdd sets dst[i] = (a[i] + b[i]) + c[i].
func AddAdd(dst, a, b, c []float64) { addAddWith(best, dst, a, b, c) }

func addAddWith(ks *kernelSet, dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.addAdd, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] + b[i]) + c[i]
	}
}

// AddSub sets dst[i] = (a[i] + b[i]) - c[i].
func AddSub(dst, a, b, c []float64) { addSubWith(best, dst, a, b, c) }

func addSubWith(ks *kernelSet, dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.addSub, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] + b[i]) - c[i]
	}
}

// SubAdd sets dst[i] = (a[i] - b[i]) + c[i].
func SubAdd(dst, a, b, c []float64) { subAddWith(best, dst, a, b, c) }

func subAddWith(ks *kernelSet, dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.subAdd, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] - b[i]) + c[i]
	}
}

// SubSub sets dst[i] = (a[i] - b[i]) - c[i].
func SubSub(dst, a, b, c []float64) { subSubWith(best, dst, a, b, c) }

func subSubWith(ks *kernelSet, dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(ks, ks.subSub, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] - b[i]) - c[i]
	}
}

// GtS sets dst[i] = 1 where a[i] > s, else 0 (0 for NaN).
func GtS(dst, a []float64, s float64) { gtSWith(best, dst, a, s) }

func gtSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.gtS, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] > s {
			r = 1
		}
		dst[i] = r
	}
}

// GeS sets dst[i] = 1 where a[i] >= s, else 0 (0 for NaN).
func GeS(dst, a []float64, s float64) { geSWith(best, dst, a, s) }

func geSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.geS, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] >= s {
			r = 1
		}
		dst[i] = r
	}
}

// LtS sets dst[i] = 1 where a[i] < s, else 0 (0 for NaN).
func LtS(dst, a []float64, s float64) { ltSWith(best, dst, a, s) }

func ltSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.ltS, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] < s {
			r = 1
		}
		dst[i] = r
	}
}

// LeS sets dst[i] = 1 where a[i] <= s, else 0 (0 for NaN).
func LeS(dst, a []float64, s float64) { leSWith(best, dst, a, s) }

func leSWith(ks *kernelSet, dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ks, ks.leS, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] <= s {
			r = 1
		}
		dst[i] = r
	}
}
