package learning

import (
	"math"
	"testing"
)

// TestChangeClampsAsMath checks that Change clips exactly as
// math.Min(math.Max(v+dw, wmin), wmax), signed zeros, infinities and
// NaN included.
func TestChangeClampsAsMath(t *testing.T) {
	inf, nan, negZero := math.Inf(1), math.NaN(), math.Copysign(0, -1)
	values := []float64{0, negZero, 1, -1, 0.5, 2, inf, -inf, nan, 1e-300, -1e-300}
	bounds := [][2]float64{{0, 1}, {negZero, 0}, {0, negZero}, {-inf, inf}, {0, inf}, {-inf, 0}, {inf, inf}, {-inf, -inf}, {1, 1}, {negZero, negZero}}
	for _, bd := range bounds {
		b := &Base{wmin: bd[0], wmax: bd[1]}
		for _, v := range values {
			for _, dw := range values {
				w := []float64{v}
				b.Change(w, 0, dw)
				want := math.Min(math.Max(v+dw, bd[0]), bd[1])
				if math.Float64bits(w[0]) != math.Float64bits(want) && !(math.IsNaN(w[0]) && math.IsNaN(want)) {
					t.Errorf("bounds %v, v %g, dw %g: got %g, want %g", bd, v, dw, w[0], want)
				}
			}
		}
	}
}
