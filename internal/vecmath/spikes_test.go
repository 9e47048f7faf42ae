package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestThreshold(t *testing.T) {
	for _, ks := range sets() {
		t.Run(ks.name, func(t *testing.T) { testThreshold(t, ks) })
	}
}

func testThreshold(t *testing.T, ks *kernelSet) {
	r := rand.New(rand.NewPCG(9, 10))
	const c = -20.0
	for n := 0; n <= 40; n++ {
		for rep := range 30 {
			v := make([]float64, n)
			var ref []bool
			if rep%3 != 0 {
				ref = make([]bool, n)
			}
			for i := range v {
				switch r.IntN(6) {
				case 0:
					v[i] = c
				case 1:
					v[i] = math.NaN()
				case 2:
					v[i] = math.Nextafter(c, 0)
				default:
					v[i] = -60 + 50*r.Float64()
				}
				if ref != nil {
					ref[i] = r.IntN(3) == 0
				}
			}
			if rep%5 == 4 {
				for i := range v {
					v[i] = -70 // nobody fires
				}
			}
			for _, ge := range []bool{false, true} {
				spk := make([]bool, n)
				for i := range spk {
					spk[i] = r.IntN(2) == 0 // overwritten
				}
				fired := thresholdWith(ks, spk, v, c, ge, ref)
				any := false
				for i := range n {
					want := (v[i] > c || ge && v[i] == c) && (ref == nil || !ref[i])
					if spk[i] != want {
						t.Fatalf("n %d, ge %v: spk[%d] = %v for v %v, ref %v", n, ge, i, spk[i], v[i], ref != nil && ref[i])
					}
					any = any || want
				}
				if fired != any {
					t.Fatalf("n %d, ge %v: fired %v, want %v", n, ge, fired, any)
				}
			}
		}
	}
}

func TestCountdown(t *testing.T) {
	for _, ks := range sets() {
		t.Run(ks.name, func(t *testing.T) { testCountdown(t, ks) })
	}
}

func testCountdown(t *testing.T, ks *kernelSet) {
	r := rand.New(rand.NewPCG(11, 12))
	for n := 0; n <= 40; n++ {
		rc := make([]float64, n)
		for i := range rc {
			rc[i] = float64(r.IntN(4)) - []float64{0, 0.5}[r.IntN(2)]
		}
		want := append([]float64(nil), rc...)
		ref := make([]bool, n)
		for i := range ref {
			ref[i] = r.IntN(2) == 0
		}
		countdownWith(ks, ref, rc)
		for i := range n {
			on := want[i] > 0
			if on {
				want[i]--
			}
			if ref[i] != on || math.Float64bits(rc[i]) != math.Float64bits(want[i]) {
				t.Fatalf("n %d, element %d: ref %v rc %v, want %v %v", n, i, ref[i], rc[i], on, want[i])
			}
		}
	}
}
