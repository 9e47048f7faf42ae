package equations_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestTsodyksMarkram drives a Tsodyks-Markram synapse (event-driven
// recovery and facilitation, Brian2's form: release u*x, then x -= u*x,
// u += U*(1 - u)) with a regular train and compares the release of the
// last spike with the steady state of the map between spikes:
//
//	u* = U / (1 - (1 - U)*exp(-T/tau_f))
//	x* = (1 - exp(-T/tau_d)) / (1 - (1 - u*)*exp(-T/tau_d))
func TestTsodyksMarkram(t *testing.T) {
	for _, c := range []struct {
		name             string
		U, tauD, tauF, T float64
	}{
		{"depression", 0.5, 200, 1, 20},
		{"facilitation", 0.1, 20, 500, 25},
		{"both", 0.3, 100, 300, 40},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := equations.CompileSynapse(equations.SynapseSpec{Name: "tm",
				Equations: `
					w : 1
					r : 1
					dx/dt = (1 - x)/tau_d : 1 (event-driven)
					du/dt = (U - u)/tau_f : 1 (event-driven)`,
				OnPre:  "r = u*x; x -= u*x; u += U*(1 - u)",
				Params: map[string]string{"U": "0.5", "tau_d": "200 ms", "tau_f": "1 ms"},
				Init:   map[string]string{"x": "1"},
			})
			require.NoError(t, err)
			rule := d.NewRule()
			require.NoError(t, rule.SetParam("U", c.U))
			require.NoError(t, rule.SetParam("tau_d", c.tauD))
			require.NoError(t, rule.SetParam("tau_f", c.tauF))
			require.NoError(t, rule.SetInit("u", dist.Const(c.U)))
			var times []float64
			for i := range 300 {
				times = append(times, 10+float64(i)*c.T)
			}
			n := graph.New(1)
			a := neurons.New("pre", 1, neurons.NewSpikeGenerator([][]float64{times}))
			b := neurons.New("post", 1, neurons.NewSpikeGenerator(nil))
			n.AddPopulation(a, b)
			s := synapses.New("tm", a, b)
			s.Rule, s.Kernel, s.Weight = rule, &equations.SynapseKernel{}, dist.Const(1)
			n.AddSynapse(s)
			sim, err := n.Compile()
			require.NoError(t, err)
			var first float64
			for range 102 {
				require.NoError(t, sim.RunSteps(context.Background(), 1))
			}
			first = rule.Var("r")[0]
			require.NoError(t, sim.Run(context.Background(), 300*c.T))
			u := c.U / (1 - (1-c.U)*math.Exp(-c.T/c.tauF))
			x := (1 - math.Exp(-c.T/c.tauD)) / (1 - (1-u)*math.Exp(-c.T/c.tauD))
			require.InDelta(t, c.U, first, 1e-15, "the first spike releases U")
			require.InDelta(t, u*x, rule.Var("r")[0], 1e-12)
			if c.name == "depression" {
				require.Less(t, u*x, 0.5*c.U)
			} else {
				require.Greater(t, u*x, c.U)
			}
		})
	}
}

// TestGapJunction couples two passive neurons with a gap junction written
// as a summed variable into the input, I_post = g_gap*(v_pre - v_post),
// injects a current into the first, and compares the steady-state
// coupling coefficient (v1 - E_L)/(v0 - E_L) with g_gap/(g_gap + 1/R).
func TestGapJunction(t *testing.T) {
	nd, err := equations.Compile(equations.Spec{Name: "passive",
		Equations: "dv/dt = (E_L - v + R*(I + I_ext))/tau : mV\nI_ext : nA",
		Threshold: "v > 1000*mV",
		Params:    map[string]string{"E_L": "-70 mV", "R": "100 MOhm", "tau": "10 ms", "I_ext": "0 nA"},
		Init:      map[string]string{"v": "-70 mV"},
	})
	require.NoError(t, err)
	sd, err := equations.CompileSynapse(equations.SynapseSpec{Name: "gap",
		Equations: "I_post = g_gap*(v_pre - v_post) : nA (summed)",
		Params:    map[string]string{"g_gap": "0.005 uS"},
		PreVars:   map[string]equations.Dim{"v": equations.Voltage},
		PostVars:  map[string]equations.Dim{"v": equations.Voltage},
		PostInput: "I",
	})
	require.NoError(t, err)
	m := nd.New()
	require.NoError(t, m.SetParam("I_ext", []float64{0.1, 0}))
	p := neurons.New("cells", 2, m)
	n := graph.New(1)
	n.AddPopulation(p)
	s := synapses.New("gap", p, p)
	s.Rule, s.Kernel = sd.NewRule(), &equations.SynapseKernel{}
	n.AddSynapse(s)
	sim, err := n.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.Run(context.Background(), 400))
	v := m.Var("v")
	cc := (v[1] + 70) / (v[0] + 70)
	require.Greater(t, v[0]+70, 1.0, "the injected neuron is depolarised")
	require.InDelta(t, 0.005/(0.005+0.01), cc, 1e-9)
	// The pair's steady state, relative to E_L, in conductances:
	// gL*V0 + g*(V0 - V1) = I and gL*V1 = g*(V0 - V1).
	gL, g, I := 0.01, 0.005, 0.1
	V0 := I * (gL + g) / (gL*gL + 2*g*gL)
	require.InDelta(t, V0, v[0]+70, 1e-9)
}

// TestSynapseClockDriven low-pass filters the target's v (held constant)
// with a clock-driven per-synapse variable, dy/dt = (v_post - y)/tau:
// y(t) = v*(1 - exp(-t/tau)), exactly with exponential Euler and to the
// method's order with rk4 and euler.
func TestSynapseClockDriven(t *testing.T) {
	nd, err := equations.Compile(equations.Spec{Name: "const",
		Equations: "dv/dt = 0*mV/ms : mV", Threshold: "v > 1000*mV", Init: map[string]string{"v": "-50 mV"}})
	require.NoError(t, err)
	for _, c := range []struct {
		method string
		tol    float64
	}{{"auto", 1e-12}, {"rk4", 1e-9}, {"rk2", 1e-3}, {"euler", 0.05}} {
		t.Run(c.method, func(t *testing.T) {
			sd, err := equations.CompileSynapse(equations.SynapseSpec{Name: "filter",
				Equations: "dy/dt = (v_post - y)/tau : mV (clock-driven)",
				Method:    c.method,
				Params:    map[string]string{"tau": "10 ms"},
				PostVars:  map[string]equations.Dim{"v": equations.Voltage},
			})
			require.NoError(t, err)
			if c.method == "auto" {
				require.Equal(t, "exponential_euler", sd.Method)
			}
			n := graph.New(1)
			a := neurons.New("pre", 2, neurons.NewSpikeGenerator(nil))
			b := neurons.New("post", 3, nd.New())
			n.AddPopulation(a, b)
			s := synapses.New("f", a, b)
			rule := sd.NewRule()
			s.Rule, s.Kernel = rule, &equations.SynapseKernel{}
			n.AddSynapse(s)
			sim, err := n.Compile()
			require.NoError(t, err)
			require.NoError(t, sim.RunSteps(context.Background(), 300))
			want := -50 * (1 - math.Exp(-300*0.1/10))
			for _, y := range rule.Var("y") {
				require.InDelta(t, want, y, c.tol)
			}
		})
	}
}
