package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestArith checks every elementwise function against the expression it
// documents, element by element and bit for bit, for lengths around the
// vector width and inputs that include the special values (the AVX-512
// kernels run where the CPU has them, the loops otherwise).
func TestArith(t *testing.T) {
	const s, u = 0.37, -1.5e-3
	tests := []struct {
		name string
		run  func(dst, a, b, c []float64)
		want func(a, b, c float64) float64
	}{
		{"Add", func(d, a, b, c []float64) { Add(d, a, b) }, func(a, b, c float64) float64 { return a + b }},
		{"Sub", func(d, a, b, c []float64) { Sub(d, a, b) }, func(a, b, c float64) float64 { return a - b }},
		{"Mul", func(d, a, b, c []float64) { Mul(d, a, b) }, func(a, b, c float64) float64 { return a * b }},
		{"Div", func(d, a, b, c []float64) { Div(d, a, b) }, func(a, b, c float64) float64 { return a / b }},
		{"AddS", func(d, a, b, c []float64) { AddS(d, a, s) }, func(a, b, c float64) float64 { return a + s }},
		{"SubS", func(d, a, b, c []float64) { SubS(d, a, s) }, func(a, b, c float64) float64 { return a - s }},
		{"MulS", func(d, a, b, c []float64) { MulS(d, a, s) }, func(a, b, c float64) float64 { return a * s }},
		{"SSub", func(d, a, b, c []float64) { SSub(d, s, b) }, func(a, b, c float64) float64 { return s - b }},
		{"SDiv", func(d, a, b, c []float64) { SDiv(d, s, b) }, func(a, b, c float64) float64 { return s / b }},
		{"Neg", func(d, a, b, c []float64) { Neg(d, a) }, func(a, b, c float64) float64 { return -a }},
		{"GtS", func(d, a, b, c []float64) { GtS(d, a, s) }, func(a, b, c float64) float64 { return b2f(a > s) }},
		{"GeS", func(d, a, b, c []float64) { GeS(d, a, s) }, func(a, b, c float64) float64 { return b2f(a >= s) }},
		{"LtS", func(d, a, b, c []float64) { LtS(d, a, s) }, func(a, b, c float64) float64 { return b2f(a < s) }},
		{"LeS", func(d, a, b, c []float64) { LeS(d, a, s) }, func(a, b, c float64) float64 { return b2f(a <= s) }},
		{"MulAdd", func(d, a, b, c []float64) { MulAdd(d, a, b, c) }, func(a, b, c float64) float64 { return float64(a*b) + c }},
		{"MulSAdd", func(d, a, b, c []float64) { MulSAdd(d, a, s, c) }, func(a, b, c float64) float64 { return float64(a*s) + c }},
		{"MulSAddS", func(d, a, b, c []float64) { MulSAddS(d, a, s, u) }, func(a, b, c float64) float64 { return float64(a*s) + u }},
		{"MulSub", func(d, a, b, c []float64) { MulSub(d, a, b, c) }, func(a, b, c float64) float64 { return float64(a*b) - c }},
		{"AddAdd", func(d, a, b, c []float64) { AddAdd(d, a, b, c) }, func(a, b, c float64) float64 { return (a + b) + c }},
		{"AddSub", func(d, a, b, c []float64) { AddSub(d, a, b, c) }, func(a, b, c float64) float64 { return (a + b) - c }},
		{"SubAdd", func(d, a, b, c []float64) { SubAdd(d, a, b, c) }, func(a, b, c float64) float64 { return (a - b) + c }},
		{"SubSub", func(d, a, b, c []float64) { SubSub(d, a, b, c) }, func(a, b, c float64) float64 { return (a - b) - c }},
	}
	r := rand.New(rand.NewPCG(7, 8))
	draw := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			switch r.IntN(5) {
			case 0:
				v[i] = specials[r.IntN(len(specials))]
			case 1:
				v[i] = math.Float64frombits(r.Uint64()) // any bits
			default:
				v[i] = (r.Float64()*2 - 1) * math.Pow(10, float64(r.IntN(20)-10))
			}
		}
		return v
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for n := 0; n <= 40; n++ {
				for range 10 {
					a, b, c := draw(n), draw(n), draw(n)
					d := make([]float64, n)
					tt.run(d, a, b, c)
					for i := range n {
						if w := tt.want(a[i], b[i], c[i]); !sameBits(w, d[i]) {
							t.Fatalf("n %d, element %d of %v, %v, %v: %v, want %v", n, i, a[i], b[i], c[i], d[i], w)
						}
					}
					// In place, dst = a.
					want := make([]float64, n)
					for i := range n {
						want[i] = tt.want(a[i], b[i], c[i])
					}
					tt.run(a, a, b, c)
					for i := range n {
						if !sameBits(want[i], a[i]) {
							t.Fatalf("in place, n %d, element %d: %v, want %v", n, i, a[i], want[i])
						}
					}
				}
			}
		})
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
