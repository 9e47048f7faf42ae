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
		run  func(ks *kernelSet, dst, a, b, c []float64)
		want func(a, b, c float64) float64
	}{
		{"Add", func(ks *kernelSet, d, a, b, c []float64) { addWith(ks, d, a, b) }, func(a, b, c float64) float64 { return a + b }},
		{"Sub", func(ks *kernelSet, d, a, b, c []float64) { subWith(ks, d, a, b) }, func(a, b, c float64) float64 { return a - b }},
		{"Mul", func(ks *kernelSet, d, a, b, c []float64) { mulWith(ks, d, a, b) }, func(a, b, c float64) float64 { return a * b }},
		{"Div", func(ks *kernelSet, d, a, b, c []float64) { divWith(ks, d, a, b) }, func(a, b, c float64) float64 { return a / b }},
		{"AddS", func(ks *kernelSet, d, a, b, c []float64) { addSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return a + s }},
		{"SubS", func(ks *kernelSet, d, a, b, c []float64) { subSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return a - s }},
		{"MulS", func(ks *kernelSet, d, a, b, c []float64) { mulSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return a * s }},
		{"SSub", func(ks *kernelSet, d, a, b, c []float64) { sSubWith(ks, d, s, b) }, func(a, b, c float64) float64 { return s - b }},
		{"SDiv", func(ks *kernelSet, d, a, b, c []float64) { sDivWith(ks, d, s, b) }, func(a, b, c float64) float64 { return s / b }},
		{"Neg", func(ks *kernelSet, d, a, b, c []float64) { negWith(ks, d, a) }, func(a, b, c float64) float64 { return -a }},
		{"GtS", func(ks *kernelSet, d, a, b, c []float64) { gtSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return b2f(a > s) }},
		{"GeS", func(ks *kernelSet, d, a, b, c []float64) { geSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return b2f(a >= s) }},
		{"LtS", func(ks *kernelSet, d, a, b, c []float64) { ltSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return b2f(a < s) }},
		{"LeS", func(ks *kernelSet, d, a, b, c []float64) { leSWith(ks, d, a, s) }, func(a, b, c float64) float64 { return b2f(a <= s) }},
		{"MulAdd", func(ks *kernelSet, d, a, b, c []float64) { mulAddWith(ks, d, a, b, c) }, func(a, b, c float64) float64 { return float64(a*b) + c }},
		{"MulSAdd", func(ks *kernelSet, d, a, b, c []float64) { mulSAddWith(ks, d, a, s, c) }, func(a, b, c float64) float64 { return float64(a*s) + c }},
		{"MulSAddS", func(ks *kernelSet, d, a, b, c []float64) { mulSAddSWith(ks, d, a, s, u) }, func(a, b, c float64) float64 { return float64(a*s) + u }},
		{"MulSub", func(ks *kernelSet, d, a, b, c []float64) { mulSubWith(ks, d, a, b, c) }, func(a, b, c float64) float64 { return float64(a*b) - c }},
		{"AddAdd", func(ks *kernelSet, d, a, b, c []float64) { addAddWith(ks, d, a, b, c) }, func(a, b, c float64) float64 { return (a + b) + c }},
		{"AddSub", func(ks *kernelSet, d, a, b, c []float64) { addSubWith(ks, d, a, b, c) }, func(a, b, c float64) float64 { return (a + b) - c }},
		{"SubAdd", func(ks *kernelSet, d, a, b, c []float64) { subAddWith(ks, d, a, b, c) }, func(a, b, c float64) float64 { return (a - b) + c }},
		{"SubSub", func(ks *kernelSet, d, a, b, c []float64) { subSubWith(ks, d, a, b, c) }, func(a, b, c float64) float64 { return (a - b) - c }},
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
	for _, ks := range sets() {
		for _, tt := range tests {
			t.Run(ks.name+"/"+tt.name, func(t *testing.T) {
				for n := 0; n <= 40; n++ {
					for range 10 {
						a, b, c := draw(n), draw(n), draw(n)
						d := make([]float64, n)
						tt.run(ks, d, a, b, c)
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
						tt.run(ks, a, a, b, c)
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
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
