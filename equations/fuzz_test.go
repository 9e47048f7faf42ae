package equations_test

import (
	"math/rand/v2"
	"testing"

	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// FuzzCompile feeds arbitrary equations, thresholds and resets to Compile
// and runs what compiles: bad input must give an error, never a panic.
func FuzzCompile(f *testing.F) {
	f.Add(adex.Equations, adex.Threshold, adex.Reset, "2 ms", "auto")
	f.Add("dv/dt = -v/tau : mV\nx = v**2/mV : mV", "v > 1*mV", "v = 0*mV", "", "exact")
	f.Add("dv/dt = (-v + I*MOhm)/tau : mV", "v > 1*mV", "v = 0*mV", "", "euler")
	f.Add("dv/dt = (-v + xi*mV*ms**0.5)/tau : mV (unless refractory)", "v > x*mV", "v += rand()*mV", "v > 2*mV", "heun")
	f.Add("dv/dt = clip(v, -1*mV, 1*mV)/tau + sin(t/ms)*mV/ms : mV", "not (v < 0*mV) and v > -1*mV", "v *= 0.5", "tau", "rk2")
	f.Fuzz(func(t *testing.T, eqs, thr, reset, ref, method string) {
		d, err := equations.Compile(equations.Spec{Name: "f", Equations: eqs, Threshold: thr, Reset: reset, Refractory: ref, Method: method,
			Params: map[string]string{"tau": "10 ms", "x": "3"}})
		if err != nil {
			return
		}
		m := d.New()
		if err := m.Init(3, 0.1, rand.New(rand.NewPCG(1, 1))); err != nil {
			return
		}
		s := make([]bool, 3)
		for k := range 5 {
			m.Step(neurons.Chunk{Lo: 0, Hi: 3, Step: k, Rand: rand.New(rand.NewPCG(2, uint64(k)))}, []float64{1, 2, 3}, s)
		}
	})
}
