package vecmath

import "math"

//go:generate python3 gen_arith.py > arith_amd64.s

// Elementwise arithmetic over slices, eight elements at a time with
// AVX-512: every result is the one the loop beside it computes, rounded
// operation by operation (a*b + c is two roundings, never a fused
// multiply-add), so results are the same on every path. In each function
// the operand slices must be at least as long as dst; dst may be one of
// them but must not overlap them otherwise.

// kernel is the signature of the AVX-512 kernels of arith_amd64.s: they
// compute n (a multiple of 8) elements.
type kernel func(dst, a, b, c *float64, n int, s, t float64)

// head runs k over the longest prefix of dst that is a multiple of 8 and
// returns its length (0 without AVX-512).
func head(k kernel, dst, a, b, c []float64, s, t float64) int {
	if !hasAVX512 || len(dst) < 8 {
		return 0
	}
	n := len(dst) &^ 7
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
func Add(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(addAVX512, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] + b[i]
	}
}

// Sub sets dst[i] = a[i] - b[i].
func Sub(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(subAVX512, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] - b[i]
	}
}

// Mul sets dst[i] = a[i] * b[i].
func Mul(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(mulAVX512, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] * b[i]
	}
}

// Div sets dst[i] = a[i] / b[i].
func Div(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := head(divAVX512, dst, a, b, nil, 0, 0); i < len(dst); i++ {
		dst[i] = a[i] / b[i]
	}
}

// AddS sets dst[i] = a[i] + s.
func AddS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(addSAVX512, dst, a, nil, nil, s, 0); i < len(dst); i++ {
		dst[i] = a[i] + s
	}
}

// SubS sets dst[i] = a[i] - s.
func SubS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(subSAVX512, dst, a, nil, nil, s, 0); i < len(dst); i++ {
		dst[i] = a[i] - s
	}
}

// MulS sets dst[i] = a[i] * s.
func MulS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(mulSAVX512, dst, a, nil, nil, s, 0); i < len(dst); i++ {
		dst[i] = a[i] * s
	}
}

// SSub sets dst[i] = s - b[i].
func SSub(dst []float64, s float64, b []float64) {
	b = b[:len(dst)]
	for i := head(sSubAVX512, dst, nil, b, nil, s, 0); i < len(dst); i++ {
		dst[i] = s - b[i]
	}
}

// SDiv sets dst[i] = s / b[i].
func SDiv(dst []float64, s float64, b []float64) {
	b = b[:len(dst)]
	for i := head(sDivAVX512, dst, nil, b, nil, s, 0); i < len(dst); i++ {
		dst[i] = s / b[i]
	}
}

// Neg sets dst[i] = -a[i].
func Neg(dst, a []float64) {
	a = a[:len(dst)]
	for i := head(negAVX512, dst, a, nil, nil, 0, math.Copysign(0, -1)); i < len(dst); i++ { // the kernel xors with -0
		dst[i] = -a[i]
	}
}

// MulAdd sets dst[i] = a[i]*b[i] + c[i] (two roundings).
func MulAdd(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(mulAddAVX512, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = float64(a[i]*b[i]) + c[i]
	}
}

// MulSAdd sets dst[i] = a[i]*s + c[i] (two roundings).
func MulSAdd(dst, a []float64, s float64, c []float64) {
	a, c = a[:len(dst)], c[:len(dst)]
	for i := head(mulSAddAVX512, dst, a, nil, c, s, 0); i < len(dst); i++ {
		dst[i] = float64(a[i]*s) + c[i]
	}
}

// MulSAddS sets dst[i] = a[i]*s + t (two roundings).
func MulSAddS(dst, a []float64, s, t float64) {
	a = a[:len(dst)]
	for i := head(mulSAddSAVX512, dst, a, nil, nil, s, t); i < len(dst); i++ {
		dst[i] = float64(a[i]*s) + t
	}
}

// MulSub sets dst[i] = a[i]*b[i] - c[i] (two roundings).
func MulSub(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(mulSubAVX512, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = float64(a[i]*b[i]) - c[i]
	}
}

// AddAdd sets dst[i] = (a[i] + b[i]) + c[i].
func AddAdd(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(addAddAVX512, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] + b[i]) + c[i]
	}
}

// AddSub sets dst[i] = (a[i] + b[i]) - c[i].
func AddSub(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(addSubAVX512, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] + b[i]) - c[i]
	}
}

// SubAdd sets dst[i] = (a[i] - b[i]) + c[i].
func SubAdd(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(subAddAVX512, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] - b[i]) + c[i]
	}
}

// SubSub sets dst[i] = (a[i] - b[i]) - c[i].
func SubSub(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := head(subSubAVX512, dst, a, b, c, 0, 0); i < len(dst); i++ {
		dst[i] = (a[i] - b[i]) - c[i]
	}
}

// GtS sets dst[i] = 1 where a[i] > s, else 0 (0 for NaN).
func GtS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(gtSAVX512, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] > s {
			r = 1
		}
		dst[i] = r
	}
}

// GeS sets dst[i] = 1 where a[i] >= s, else 0 (0 for NaN).
func GeS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(geSAVX512, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] >= s {
			r = 1
		}
		dst[i] = r
	}
}

// LtS sets dst[i] = 1 where a[i] < s, else 0 (0 for NaN).
func LtS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(ltSAVX512, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] < s {
			r = 1
		}
		dst[i] = r
	}
}

// LeS sets dst[i] = 1 where a[i] <= s, else 0 (0 for NaN).
func LeS(dst, a []float64, s float64) {
	a = a[:len(dst)]
	for i := head(leSAVX512, dst, a, nil, nil, s, 1); i < len(dst); i++ {
		r := 0.0
		if a[i] <= s {
			r = 1
		}
		dst[i] = r
	}
}
