package equations

import (
	"math"
	"slices"
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

// TestConstStatements: a constant statement applied without the VM
// (applyConst, scatterConst) gives what the VM's broadcast output does
// (applyOp, applyScatter), for every operator, a neuron written by several
// synapses included.
func TestConstStatements(t *testing.T) {
	const c = 0.37
	idx := []int32{2, 0, 2, 1}
	syn := []int32{3, 0, 2}
	for _, op := range []string{"=", "+=", "-=", "*=", "/="} {
		x, y := []float64{1, 2, 3, 4}, []float64{1, 2, 3, 4}
		o := []float64{c, c, c, c}
		applyOp(op, x, o)
		applyConst(op, y, c)
		if !slices.Equal(x, y) {
			t.Errorf("%s: applyConst %v, applyOp %v", op, y, x)
		}
		n, m := []float64{1, 2, 3}, []float64{1, 2, 3}
		applyScatter(op, n, idx, syn, o)
		scatterConst(op, m, idx, syn, c)
		if !slices.Equal(n, m) {
			t.Errorf("%s: scatterConst %v, applyScatter %v", op, m, n)
		}
		if op != "=" && slices.Equal(n, []float64{1, 2, 3}) {
			t.Errorf("%s: nothing scattered", op)
		}
	}
}
