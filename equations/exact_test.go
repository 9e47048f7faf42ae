package equations_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestExactTwoVariables integrates a LIF neuron driven by an exponentially
// decaying synaptic current exactly and compares it with the closed form,
// for tau_m != tau_s and tau_m == tau_s (a defective system matrix).
func TestExactTwoVariables(t *testing.T) {
	for _, tauS := range []float64{5, 10, 20} {
		t.Run(fmt.Sprint("tau_s=", tauS), func(t *testing.T) {
			d, err := equations.Compile(equations.Spec{
				Name: "lif_syn",
				Equations: `
					dv/dt = (E_L - v + R*I_s)/tau_m : mV
					dI_s/dt = -I_s/tau_s : nA
				`,
				Threshold: "v > 1000*mV",
				Params:    map[string]string{"E_L": "-70 mV", "R": "50 MOhm", "tau_m": "10 ms", "tau_s": fmt.Sprintf("%g ms", tauS)},
				Init:      map[string]string{"v": "-70 mV", "I_s": "1.5 nA"},
			})
			if err != nil {
				t.Fatal(err)
			}
			if d.Method != "exact" {
				t.Fatalf("auto chose %q, want exact", d.Method)
			}
			m := d.New()
			const dt = 0.1
			if err := m.Init(1, dt, rand.New(rand.NewPCG(1, 1))); err != nil {
				t.Fatal(err)
			}
			x, s := []float64{0}, []bool{false}
			const tauM, r, i0 = 10.0, 50.0, 1.5
			maxRel := 0.0
			for k := 1; k <= 2000; k++ {
				m.Step(neurons.Chunk{Lo: 0, Hi: 1, Step: k - 1}, x, s)
				tt := float64(k) * dt
				var dv float64
				if tauS == tauM {
					dv = r * i0 * tt / tauM * math.Exp(-tt/tauM)
				} else {
					dv = r * i0 * tauS / (tauS - tauM) * (math.Exp(-tt/tauS) - math.Exp(-tt/tauM))
				}
				is := i0 * math.Exp(-tt/tauS)
				ev, ei := m.Var("v")[0], m.Var("I_s")[0]
				for _, c := range [][2]float64{{ev, -70 + dv}, {ei, is}} {
					if rel := math.Abs(c[0]-c[1]) / math.Abs(c[1]); rel > maxRel {
						maxRel = rel
					}
				}
				// v - E_L is the quantity that is small; check it too.
				if a := math.Abs((ev + 70) - dv); a > 1e-12*r*i0 {
					t.Fatalf("step %d: v - E_L = %.17g, closed form %.17g", k, ev+70, dv)
				}
			}
			if maxRel > 1e-12 {
				t.Errorf("largest relative error %g, want <= 1e-12", maxRel)
			}
			t.Logf("largest relative error %g", maxRel)
		})
	}
}

// TestExactRefractoryHeld checks that during the refractory period a
// variable flagged (unless refractory) is held while the others keep
// evolving exactly.
func TestExactRefractoryHeld(t *testing.T) {
	d, err := equations.Compile(equations.Spec{
		Name: "lif_syn",
		Equations: `
			dv/dt = (E_L - v + R*I_s)/tau_m : mV (unless refractory)
			dI_s/dt = -I_s/tau_s : nA
		`,
		Threshold:  "v > -60*mV",
		Reset:      "v = -65*mV",
		Refractory: "2 ms",
		Params:     map[string]string{"E_L": "-70 mV", "R": "50 MOhm", "tau_m": "10 ms", "tau_s": "5 ms"},
		Init:       map[string]string{"v": "-70 mV", "I_s": "3 nA"},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := d.New()
	if err := m.Init(1, 0.1, rand.New(rand.NewPCG(1, 1))); err != nil {
		t.Fatal(err)
	}
	x, s := []float64{0}, []bool{false}
	spike := -1
	for k := range 200 {
		before := m.Var("I_s")[0]
		m.Step(neurons.Chunk{Lo: 0, Hi: 1, Step: k}, x, s)
		if got, want := m.Var("I_s")[0], before*math.Exp(-0.1/5); math.Abs(got-want) > 1e-13*math.Abs(want) {
			t.Fatalf("step %d: I_s = %v, want %v", k, got, want)
		}
		if s[0] && spike < 0 {
			spike = k
		}
		if spike >= 0 && k > spike && k <= spike+20 && m.Var("v")[0] != -65 {
			t.Fatalf("step %d (spike at %d): v = %v, want held at -65", k, spike, m.Var("v")[0])
		}
	}
	if spike < 0 {
		t.Fatal("no spike")
	}
	if m.Var("v")[0] == -65 {
		t.Error("v never left the reset value")
	}
}

// TestMethodsAgree integrates the same linear system with every method;
// each converges to the exact solution.
func TestMethodsAgree(t *testing.T) {
	spec := equations.Spec{
		Name: "lif_syn",
		Equations: `
			dv/dt = (E_L - v + R*I_s)/tau_m : mV
			dI_s/dt = -I_s/tau_s : nA
		`,
		Threshold: "v > 1000*mV",
		Params:    map[string]string{"E_L": "-70 mV", "R": "50 MOhm", "tau_m": "10 ms", "tau_s": "5 ms"},
		Init:      map[string]string{"v": "-70 mV", "I_s": "1.5 nA"},
	}
	run := func(method string) float64 {
		s := spec
		s.Method = method
		d, err := equations.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		m := d.New()
		if err := m.Init(1, 0.05, rand.New(rand.NewPCG(1, 1))); err != nil {
			t.Fatal(err)
		}
		for k := range 200 {
			m.Step(neurons.Chunk{Lo: 0, Hi: 1, Step: k}, []float64{0}, []bool{false})
		}
		return m.Var("v")[0]
	}
	exact := run("exact")
	for _, c := range []struct {
		method string
		tol    float64
	}{{"euler", 0.2}, {"rk2", 2e-3}, {"heun", 2e-3}, {"rk4", 1e-6}, {"exponential_euler", 0.2}} {
		if got := run(c.method); math.Abs(got-exact) > c.tol {
			t.Errorf("%s: v = %v, exact %v", c.method, got, exact)
		}
	}
}

// TestNoiseDeterministic checks that a stochastic model draws from the
// chunk's stream: the same seed gives the same run, whatever the number of
// workers, and the noise has the right variance.
func TestNoiseDeterministic(t *testing.T) {
	for _, method := range []string{"auto", "heun"} {
		t.Run(method, func(t *testing.T) { testNoise(t, method) })
	}
}

func testNoise(t *testing.T, method string) {
	d, err := equations.Compile(equations.Spec{
		Name:      "ou",
		Equations: "dv/dt = -v/tau + sigma*sqrt(2/tau)*xi : mV",
		Threshold: "v > 1000*mV",
		Params:    map[string]string{"tau": "10 ms", "sigma": "2 mV"},
		Method:    method,
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"auto": "euler", "heun": "heun"}[method]; d.Method != want {
		t.Fatalf("method %q, want %q", d.Method, want)
	}
	run := func() []float64 {
		p := neurons.New("ou", 3000, d.New())
		if err := p.Init(0.1, 7, 1000); err != nil {
			t.Fatal(err)
		}
		x := make([]float64, 3000)
		for k := range 500 {
			for c := range p.NumChunks() {
				if err := p.Step(p.Chunk(c, k), x); err != nil {
					t.Fatal(err)
				}
			}
		}
		return append([]float64(nil), p.Var("v")...)
	}
	a, b := run(), run()
	var sum, sq float64
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("neuron %d: %v then %v", i, a[i], b[i])
		}
		sum += a[i]
		sq += a[i] * a[i]
	}
	mean := sum / float64(len(a))
	sd := math.Sqrt(sq/float64(len(a)) - mean*mean)
	if math.Abs(mean) > 0.2 || math.Abs(sd-2) > 0.15 {
		t.Errorf("stationary mean %v sd %v, want 0 and 2", mean, sd)
	}
}

var _ = dist.Const(0)

func TestDescribe(t *testing.T) {
	d, err := equations.Compile(adex)
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Describe(0.1)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"method rk4", "state x0 = v : mV (unless refractory)", "state x1 = w : nA", "input x2 = I : nA", "exp"} {
		if !strings.Contains(s, want) {
			t.Errorf("Describe lacks %q:\n%s", want, s)
		}
	}
	t.Log(s)
}

// TestRandInReset checks rand() in a reset: values in range, and the same
// run for the same seed.
func TestRandInReset(t *testing.T) {
	d, err := equations.Compile(equations.Spec{
		Name:      "jitter",
		Equations: "dv/dt = (E_L - v + R*I)/tau : mV",
		Threshold: "v > -50*mV",
		Reset:     "v = -70*mV + 5*rand()*mV",
		Params:    map[string]string{"E_L": "-70 mV", "R": "100 MOhm", "tau": "10 ms"},
		Init:      map[string]string{"v": "-70 mV"},
		Method:    "euler",
	})
	if err != nil {
		t.Fatal(err)
	}
	run := func() ([]float64, int) {
		p := neurons.New("j", 500, d.New())
		if err := p.Init(0.1, 3, 128); err != nil {
			t.Fatal(err)
		}
		x := make([]float64, 500)
		for i := range x {
			x[i] = 0.3
		}
		spikes := 0
		var resets []float64
		for k := range 300 {
			for c := range p.NumChunks() {
				if err := p.Step(p.Chunk(c, k), x); err != nil {
					t.Fatal(err)
				}
			}
			p.Collect()
			for _, i := range p.Fired {
				resets = append(resets, p.Var("v")[i])
			}
			spikes += len(p.Fired)
		}
		return resets, spikes
	}
	a, n := run()
	b, _ := run()
	if n == 0 {
		t.Fatal("no spikes")
	}
	distinct := map[float64]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("reset %d: %v then %v", i, a[i], b[i])
		}
		if a[i] < -70 || a[i] >= -65 {
			t.Fatalf("reset to %v, want in [-70, -65)", a[i])
		}
		distinct[a[i]] = true
	}
	if len(distinct) < len(a)/2 {
		t.Errorf("%d distinct reset values of %d", len(distinct), len(a))
	}
}

// TestFastPathWithoutRefractoriness is the regression test of a panic:
// a one-variable linear model with a constant reset and no refractory
// period takes the fused path.
func TestFastPathWithoutRefractoriness(t *testing.T) {
	d, err := equations.Compile(equations.Spec{
		Name:      "lif0",
		Equations: "dv/dt = (E_L - v + R*I)/tau : mV",
		Threshold: "v > -50*mV",
		Reset:     "v = -70*mV",
		Params:    map[string]string{"E_L": "-70 mV", "R": "100 MOhm", "tau": "10 ms"},
		Init:      map[string]string{"v": "-70 mV"},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := d.New()
	if err := m.Init(1, 0.1, nil); err != nil {
		t.Fatal(err)
	}
	s := []bool{false}
	spikes := 0
	for k := range 1000 {
		m.Step(neurons.Chunk{Lo: 0, Hi: 1, Step: k}, []float64{0.3}, s)
		if s[0] {
			spikes++
			if v := m.Var("v")[0]; v != -70 {
				t.Fatalf("reset to %v", v)
			}
		}
	}
	if spikes == 0 {
		t.Fatal("no spikes")
	}
	if desc, _ := d.Describe(0.1); !strings.Contains(desc, "fused kernel") {
		t.Errorf("not the fused path:\n%s", desc)
	}
}

// TestExponentialEulerZeroCoefficient is the regression test of a NaN:
// exponential Euler with a linear coefficient that is 0 for some neurons
// takes the Euler step there.
func TestExponentialEulerZeroCoefficient(t *testing.T) {
	d, err := equations.Compile(equations.Spec{
		Name:      "leak",
		Equations: "dx/dt = -g*x/nF + c : mV",
		Threshold: "x > 1000*mV",
		Method:    "exponential_euler",
		Params:    map[string]string{"g": "0.1 uS", "c": "1 mV/ms"},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := d.New()
	if err := m.SetParam("g", []float64{0, 0.1}); err != nil {
		t.Fatal(err)
	}
	if err := m.Init(2, 0.1, nil); err != nil {
		t.Fatal(err)
	}
	for k := range 100 {
		m.Step(neurons.Chunk{Lo: 0, Hi: 2, Step: k}, []float64{0, 0}, []bool{false, false})
	}
	x := m.Var("x")
	if math.Abs(x[0]-10) > 1e-12 {
		t.Errorf("g = 0: x = %v after 10 ms at 1 mV/ms, want 10", x[0])
	}
	if want := 10 * (1 - math.Exp(-1)); math.Abs(x[1]-want) > 1e-12 {
		t.Errorf("g = 0.1 uS: x = %v, want %v", x[1], want)
	}
}

// TestInputUnit checks that the equations may declare the unit of the
// input I, and that it is checked.
func TestInputUnit(t *testing.T) {
	spec := equations.Spec{
		Name:      "drive",
		Equations: "dv/dt = (E_L - v + I)/tau : mV\nI : mV",
		Threshold: "v > -50*mV",
		Params:    map[string]string{"E_L": "-70 mV", "tau": "10 ms"},
	}
	d, err := equations.Compile(spec)
	if err != nil {
		t.Fatal(err)
	}
	if d.InputDim != equations.Voltage {
		t.Errorf("input in %v, want mV", d.InputDim)
	}
	spec.Equations = "dv/dt = (E_L - v + I)/tau : mV"
	_, err = equations.Compile(spec)
	if err == nil || !strings.Contains(err.Error(), `term "I" has dimension nA/ms, expected mV/ms`) {
		t.Errorf("undeclared input in nA: %v", err)
	}
}
