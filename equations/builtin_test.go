package equations_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// equivalents are equation versions of built-in models with the built-in
// defaults.
var equivalents = []struct {
	name    string
	builtin func(method neurons.Method) neurons.Model
	spec    equations.Spec
	vars    []string // equation variable, built-in variable
	bvars   []string
	inits   map[string]float64
	rheo    float64 // rheobase current
	methods []string
}{
	{
		name: "lif",
		builtin: func(method neurons.Method) neurons.Model {
			m := neurons.NewLIF()
			m.Method = method
			return m
		},
		spec: equations.Spec{
			Name:       "eq_lif",
			Equations:  "dv/dt = (-(v - E_L) + R*I)/tau_m : mV (unless refractory)",
			Threshold:  "v >= V_th",
			Reset:      "v = V_reset",
			Refractory: "t_ref",
			Params:     map[string]string{"E_L": "-62 mV", "R": "20 MOhm", "tau_m": "10 ms", "V_th": "-52 mV", "V_reset": "-62 mV", "t_ref": "5 ms"},
			Init:       map[string]string{"v": "-62 mV"},
		},
		vars: []string{"v"}, bvars: []string{"v"},
		rheo:    0.5,
		methods: []string{"euler", "exact"},
	},
	{
		name:    "elif",
		builtin: func(neurons.Method) neurons.Model { return neurons.NewELIF() },
		spec: equations.Spec{
			Name:       "eq_elif",
			Equations:  "dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) + R*I)/tau_m : mV (unless refractory)",
			Threshold:  "v >= V_th",
			Reset:      "v = V_reset",
			Refractory: "5 ms",
			Params:     map[string]string{"E_L": "-62 mV", "R": "20 MOhm", "tau_m": "10 ms", "V_th": "-52 mV", "V_reset": "-62 mV", "V_T": "-60 mV", "delta_T": "1 mV"},
			Init:       map[string]string{"v": "-62 mV"},
		},
		vars: []string{"v"}, bvars: []string{"v"},
		rheo:    0.05,
		methods: []string{"euler"},
	},
	{
		name:    "aelif",
		builtin: func(neurons.Method) neurons.Model { return neurons.NewAELIF() },
		spec: equations.Spec{
			Name: "eq_adex",
			Equations: `
				dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) - R*w + R*I) / tau_m : mV (unless refractory)
				dw/dt = (a*(v - E_L) - w) / tau_w : nA
			`,
			Threshold:  "v >= V_th",
			Reset:      "v = V_r; w += b",
			Refractory: "5 ms",
			Params: map[string]string{"E_L": "-62 mV", "R": "4 MOhm", "tau_m": "10 ms", "V_th": "-52 mV", "V_r": "-62 mV", "V_T": "-60 mV",
				"delta_T": "1 mV", "tau_w": "20 ms", "a": "1 uS", "b": "2 nA"},
			Init: map[string]string{"v": "-62 mV"},
		},
		vars: []string{"v", "w"}, bvars: []string{"v", "w"},
		rheo:    2.5,
		methods: []string{"euler"},
	},
	{
		name:    "izhikevich",
		builtin: func(neurons.Method) neurons.Model { return neurons.NewIzhikevich() },
		spec: equations.Spec{
			Name: "eq_izhikevich",
			Equations: `
				dv/dt = (0.04*v*v/mV + 5*v + 140*mV - u + R*I)/ms : mV
				du/dt = a*(b*v - u) : mV
			`,
			Threshold: "v >= 30*mV",
			Reset:     "v = c; u += d",
			Params:    map[string]string{"a": "0.02/ms", "b": "0.2", "c": "-65 mV", "d": "8 mV", "R": "1 MOhm"},
			Init:      map[string]string{"v": "-65 mV", "u": "-13 mV"},
		},
		vars: []string{"v", "u"}, bvars: []string{"v", "u"},
		rheo:    3.8,
		methods: []string{"euler"},
	},
}

// TestBuiltinEquivalents runs equation versions of the built-in models
// next to them over currents around rheobase: the spike steps must be the
// same and the states equal to 1e-12 relative.
func TestBuiltinEquivalents(t *testing.T) {
	for _, e := range equivalents {
		for _, method := range e.methods {
			t.Run(e.name+"/"+method, func(t *testing.T) {
				spec := e.spec
				spec.Method = method
				def, err := equations.Compile(spec)
				if err != nil {
					t.Fatal(err)
				}
				if def.Method != method {
					t.Fatalf("method %q, want %q", def.Method, method)
				}
				fs := []float64{0, 0.9, 0.99, 0.999, 1.001, 1.01, 1.1, 1.5, 3}
				x := make([]float64, len(fs))
				for i, f := range fs {
					x[i] = f * e.rheo
				}
				n, dt := len(x), 0.1
				bm := e.builtin(neurons.Method(method))
				em := def.New()
				if err := bm.Init(n, dt, rand.New(rand.NewPCG(1, 2))); err != nil {
					t.Fatal(err)
				}
				if err := em.Init(n, dt, rand.New(rand.NewPCG(1, 2))); err != nil {
					t.Fatal(err)
				}
				sb, se := make([]bool, n), make([]bool, n)
				spikes := 0
				for k := range 5000 {
					c := neurons.Chunk{Lo: 0, Hi: n, Step: k, Rand: rand.New(rand.NewPCG(3, uint64(k)))}
					bm.Step(c, x, sb)
					em.Step(c, x, se)
					for i := range n {
						if sb[i] != se[i] {
							t.Fatalf("step %d neuron %d (I = %g): built-in spiked %v, equations %v", k, i, x[i], sb[i], se[i])
						}
						if sb[i] {
							spikes++
						}
					}
					for j, v := range e.vars {
						bv, ev := bm.Var(e.bvars[j]), em.Var(v)
						for i := range n {
							if d := math.Abs(bv[i] - ev[i]); d > 1e-12*math.Max(math.Abs(bv[i]), 1e-300) && d > 1e-300 {
								t.Fatalf("step %d neuron %d: %s = %.17g, built-in %.17g", k, i, v, ev[i], bv[i])
							}
						}
					}
				}
				if spikes == 0 {
					t.Fatal("no spikes: the test does not test the threshold")
				}
				// Below rheobase no spikes, above it some.
				t.Logf("%d spikes", spikes)
			})
		}
	}
}

var _ = dist.Const(0)

// TestPerNeuronParams runs a population whose neurons have different time
// constants and thresholds: per-neuron parameters are vectors in the
// register machine and per-neuron propagators for exact integration.
func TestPerNeuronParams(t *testing.T) {
	for _, method := range []string{"euler", "exact", "rk4"} {
		t.Run(method, func(t *testing.T) {
			s := equivalents[0].spec
			s.Method = method
			d, err := equations.Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			const n = 300
			tau, th := make([]float64, n), make([]float64, n)
			x := make([]float64, n)
			for i := range n {
				tau[i], th[i], x[i] = 5+float64(i%7), -55+float64(i%5), 0.4+0.002*float64(i)
			}
			em := d.New()
			if err := em.SetParam("tau_m", tau); err != nil {
				t.Fatal(err)
			}
			if err := em.SetParam("V_th", th); err != nil {
				t.Fatal(err)
			}
			if err := em.SetParam("tau_x", tau); err == nil || !strings.Contains(err.Error(), `did you mean "tau_m"`) {
				t.Errorf("SetParam of an unknown name: %v", err)
			}
			bm := neurons.NewLIF()
			bm.TauM, bm.Threshold = tau, th
			if method != "euler" {
				bm.Method = neurons.Exact // rk4 is compared with the exact solution
			}
			if err := em.Init(n, 0.1, nil); err != nil {
				t.Fatal(err)
			}
			if err := bm.Init(n, 0.1, nil); err != nil {
				t.Fatal(err)
			}
			sb, se := make([]bool, n), make([]bool, n)
			spikes := 0
			for k := range 3000 {
				c := neurons.Chunk{Lo: 0, Hi: n, Step: k}
				bm.Step(c, x, sb)
				em.Step(c, x, se)
				for i := range n {
					if sb[i] {
						spikes++
					}
					bv, ev := bm.Var("v")[i], em.Var("v")[i]
					if method == "rk4" {
						// Before the first spike, rk4 stays within 1e-7 of the exact v.
						if spikes == 0 && math.Abs(bv-ev) > 1e-7*math.Abs(bv) {
							t.Fatalf("step %d neuron %d: rk4 v = %.17g, exact %.17g", k, i, ev, bv)
						}
						continue
					}
					if sb[i] != se[i] || math.Abs(bv-ev) > 1e-12*math.Abs(bv) {
						t.Fatalf("step %d neuron %d: v = %.17g (spike %v), built-in %.17g (spike %v)", k, i, ev, se[i], bv, sb[i])
					}
				}
			}
			if spikes == 0 {
				t.Fatal("no spikes")
			}
		})
	}
}
