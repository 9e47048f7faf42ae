package equations

import (
	"math"
	"testing"
)

// TestRun2vsMinMax: the inline min and max of a vector with a scalar give
// math.Min and math.Max's bits, NaN, infinities and signed zeros included.
func TestRun2vsMinMax(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(-1), math.Inf(1), 0, math.Copysign(0, -1), 1, -1, 2.5, -2.5, 1e-300, math.MaxFloat64}
	d := make([]float64, len(vals))
	for _, o := range []op{oMin, oMax} {
		want := math.Min
		if o == oMax {
			want = math.Max
		}
		for _, b := range vals {
			run2vs(o, d, vals, b)
			for i, a := range vals {
				w := want(a, b)
				if math.Float64bits(d[i]) != math.Float64bits(w) && !(math.IsNaN(d[i]) && math.IsNaN(w)) {
					t.Errorf("op %d (%g, %g) = %g, want %g", o, a, b, d[i], w)
				}
			}
		}
	}
}
