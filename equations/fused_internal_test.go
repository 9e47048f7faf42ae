package equations

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// refStepFast is stepFast's loop with a refractory period, as it was
// before it ran in internal/fused (with its multiply-adds kept unfused,
// as at the default GOAMD64=v1): the reference the fused kernel must
// match bit for bit.
func refStepFast(m *Model, c neurons.Chunk, x []float64, s []bool) (suspect bool) {
	f := m.fast
	v, ref := m.X[0][c.Lo:c.Hi], m.Refrac[c.Lo:c.Hi]
	p, a, b, th, reset, ge, steps := f.p, f.a, f.b, f.th, f.reset, f.ge, m.refSteps[0]
	for i, vi := range v {
		s[c.Lo+i] = false
		if ref[i] <= 0 {
			nv := float64(p*vi) + a + float64(b*x[c.Lo+i]) // no FMA, whatever GOAMD64
			if nv < th && nv >= -math.MaxFloat64 {
				v[i] = nv
			} else if nv > th || ge && nv == th {
				s[c.Lo+i] = true
				v[i] = reset
				ref[i] = steps
			} else {
				v[i] = nv
				suspect = suspect || !(nv >= -math.MaxFloat64)
			}
		} else {
			ref[i]--
		}
	}
	return suspect
}

// TestFusedEquationLIF checks that an equation LIF takes the fused path
// (FusedLIF) and that its step there matches the loop it replaced bit for
// bit, with thresholds ">=" and ">" (potentials exactly at the threshold
// included), for both integrators.
func TestFusedEquationLIF(t *testing.T) {
	const n = 4099
	for _, thr := range []string{"v >= V_th", "v > V_th"} {
		for _, method := range []string{"exact", "euler"} {
			d, err := Compile(Spec{
				Name:       "eq_lif",
				Equations:  "dv/dt = (-(v - E_L) + R*I)/tau_m : mV (unless refractory)",
				Threshold:  thr,
				Reset:      "v = V_reset",
				Refractory: "t_ref",
				Method:     method,
				Params:     map[string]string{"E_L": "-62 mV", "R": "20 MOhm", "tau_m": "10 ms", "V_th": "-52 mV", "V_reset": "-62 mV", "t_ref": "5 ms"},
				Init:       map[string]string{"v": "-62 mV"},
			})
			if err != nil {
				t.Fatal(err)
			}
			mf, mr := d.New(), d.New()
			for _, m := range []*Model{mf, mr} {
				if err := m.Init(n, 0.1, rand.New(rand.NewPCG(1, 2))); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, _, ok := mf.FusedLIF(); !ok {
				t.Fatalf("%s, %s: an equation LIF does not take the fused path", thr, method)
			}
			r := rand.New(rand.NewPCG(3, 4))
			x, sf, sr := make([]float64, n), make([]bool, n), make([]bool, n)
			spikes := 0
			for k := range 300 {
				for i := range x {
					x[i] = 0.5 + r.NormFloat64()*0.6
				}
				if k%50 == 7 { // potentials exactly at the threshold
					for i := range 20 {
						mf.X[0][i], mr.X[0][i], mf.Refrac[i], mr.Refrac[i], x[i] = -52, -52, 0, 0, 0
					}
				}
				c := neurons.Chunk{Lo: 0, Hi: n, Step: k}
				if gf, gr := mf.stepFast(c, x, sf), refStepFast(mr, c, x, sr); gf != gr {
					t.Fatalf("step %d: suspect %v, reference %v", k, gf, gr)
				}
				if !slices.Equal(sf, sr) {
					t.Fatalf("%s, %s, step %d: spikes differ", thr, method, k)
				}
				for i := range n {
					if math.Float64bits(mf.X[0][i]) != math.Float64bits(mr.X[0][i]) || mf.Refrac[i] != mr.Refrac[i] {
						t.Fatalf("%s, %s, step %d, neuron %d: v %v, ref %v; reference v %v, ref %v",
							thr, method, k, i, mf.X[0][i], mf.Refrac[i], mr.X[0][i], mr.Refrac[i])
					}
					if sf[i] {
						spikes++
					}
				}
			}
			if spikes < 100 {
				t.Fatalf("%s, %s: %d spikes, want an active population", thr, method, spikes)
			}
		}
	}
}

// TestFusedThresholdEquality checks the fused path on potentials landing
// exactly on the threshold: "v > c" does not fire there, "v >= c" does,
// as in the loop it replaced.
func TestFusedThresholdEquality(t *testing.T) {
	for _, ge := range []bool{false, true} {
		mk := func() *Model {
			return &Model{fast: &fastLinear{p: 1, a: 0, b: 1, th: 5, ge: ge, reset: -1},
				X: [][]float64{{5, 4, 6, 5, 5, 5, 5, 5, 4.5}}, Refrac: make([]float64, 9), refSteps: []float64{3}}
		}
		mf, mr := mk(), mk()
		x := []float64{0, 1, 0, 0, 0, 0, 0, 0, 0.5}
		sf, sr := make([]bool, 9), make([]bool, 9)
		c := neurons.Chunk{Lo: 0, Hi: 9}
		mf.stepFast(c, x, sf)
		refStepFast(mr, c, x, sr)
		if !slices.Equal(sf, sr) || !slices.Equal(mf.X[0], mr.X[0]) || !slices.Equal(mf.Refrac, mr.Refrac) {
			t.Fatalf("ge %v: fused %v %v %v, reference %v %v %v", ge, sf, mf.X[0], mf.Refrac, sr, mr.X[0], mr.Refrac)
		}
		if sf[0] != ge || sf[1] != ge || !sf[2] {
			t.Fatalf("ge %v: spikes %v", ge, sf)
		}
	}
}
