package vecmath

import "math"

// The reference implementations: every vector kernel computes exactly
// these operations, in this order, with the same roundings (math.FMA where
// the kernels fuse, float64 conversions where they must not), so that
// results do not depend on the path taken.

const (
	log2e = 1.4426950408889634     // 1/ln 2
	ln2hi = 0.6931471805599453     // ln 2 rounded to a float64
	ln2lo = 2.3190468138462996e-17 // ln 2 - ln2hi
	// expHi and expLo bound the argument of exp: exp(710) overflows and
	// exp(-746) underflows to 0 in float64.
	expHi = 710.0
	expLo = -746.0
)

// expC are the coefficients 1/n! of the Taylor series of exp, n = 0..13:
// on |r| <= ln(2)/2 the first omitted term is below 2^-58 of the result.
var expC = [14]float64{1, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
	1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800}

// exprelC are the coefficients 1/(n+1)! of the Taylor series of exprel,
// n = 0..15: on |x| <= 1/2 the first omitted term is below 2^-61.
var exprelC = [16]float64{1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
	1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800, 1.0 / 87178291200,
	1.0 / 1307674368000, 1.0 / 20922789888000}

// Exp1 returns e**x, as the vector kernels compute it: k = round(x/ln 2),
// r = x - k ln 2 (in two parts, with fused multiply-adds), exp(r) from its
// Taylor series to degree 13 (Horner, fused), times 2**k (one rounding,
// subnormal results included). Special cases are those of math.Exp:
// Exp1(+Inf) = +Inf, Exp1(-Inf) = 0, Exp1(NaN) = NaN; results overflow to
// +Inf above about 709.78 and underflow to 0 below about -745.13.
func Exp1(x float64) float64 {
	if x != x {
		return x
	}
	if x > expHi {
		x = expHi
	}
	if x < expLo {
		x = expLo
	}
	k := math.RoundToEven(x * log2e)
	r := math.FMA(-k, ln2hi, x)
	r = math.FMA(-k, ln2lo, r)
	// Horner, unrolled (the loop and the table loads cost a third of the
	// time): expC[13], ..., expC[0].
	p := math.FMA(1.0/6227020800, r, 1.0/479001600)
	p = math.FMA(p, r, 1.0/39916800)
	p = math.FMA(p, r, 1.0/3628800)
	p = math.FMA(p, r, 1.0/362880)
	p = math.FMA(p, r, 1.0/40320)
	p = math.FMA(p, r, 1.0/5040)
	p = math.FMA(p, r, 1.0/720)
	p = math.FMA(p, r, 1.0/120)
	p = math.FMA(p, r, 1.0/24)
	p = math.FMA(p, r, 1.0/6)
	p = math.FMA(p, r, 1.0/2)
	p = math.FMA(p, r, 1)
	p = math.FMA(p, r, 1)
	return scale(p, int(k))
}

// scale returns p * 2**k rounded once.
func scale(p float64, k int) float64 {
	if k >= -1022 && k <= 1023 {
		return p * math.Float64frombits(uint64(k+1023)<<52)
	}
	return math.Ldexp(p, k) // exact, or one rounding to a subnormal
}

// Exprel1 returns (e**x - 1)/x, and 1 at 0: from its Taylor series to
// degree 15 where |x| <= 1/2, else (Exp1(x) - 1)/x. Exprel1(+Inf) = NaN
// (as (e**x - 1)/x), Exprel1(-Inf) = 0, Exprel1(NaN) = NaN.
func Exprel1(x float64) float64 {
	if x <= 0.5 && x >= -0.5 {
		// Horner, unrolled: exprelC[15], ..., exprelC[0].
		q := math.FMA(1.0/20922789888000, x, 1.0/1307674368000)
		q = math.FMA(q, x, 1.0/87178291200)
		q = math.FMA(q, x, 1.0/6227020800)
		q = math.FMA(q, x, 1.0/479001600)
		q = math.FMA(q, x, 1.0/39916800)
		q = math.FMA(q, x, 1.0/3628800)
		q = math.FMA(q, x, 1.0/362880)
		q = math.FMA(q, x, 1.0/40320)
		q = math.FMA(q, x, 1.0/5040)
		q = math.FMA(q, x, 1.0/720)
		q = math.FMA(q, x, 1.0/120)
		q = math.FMA(q, x, 1.0/24)
		q = math.FMA(q, x, 1.0/6)
		q = math.FMA(q, x, 1.0/2)
		return math.FMA(q, x, 1)
	}
	return (Exp1(x) - 1) / x
}

// ExpEuler1 returns one exponential Euler step of dx/dt = a x + b over dt:
// (x + b/a) e**(a dt) - b/a, or x + b dt where a dt is 0.
func ExpEuler1(x, a, b, dt float64) float64 {
	h := a * dt
	if h == 0 {
		return x + float64(b*dt)
	}
	ba := b / a
	return float64((x+ba)*Exp1(h)) - ba
}

func expGeneric(dst, src []float64) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = Exp1(x)
	}
}

func exprelGeneric(dst, src []float64) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = Exprel1(x)
	}
}

func expEulerGeneric(dst, x, a, b []float64, dt float64) {
	x, a, b = x[:len(dst)], a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = ExpEuler1(x[i], a[i], b[i], dt)
	}
}
