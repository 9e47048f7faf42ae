package equations_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// songNet is a Poisson-driven population of built-in LIF neurons whose
// input synapses are pair STDP written as equations, transmitting by
// v_post += w (a built-in model's v).
func songNet(t testing.TB, workers, nPost int, p float64) (*graph.Sim, *synapses.Synapse, *neurons.Population) {
	d, err := equations.CompileSynapse(equations.SynapseSpec{Name: "stdp_v",
		Equations: `
			w : 1
			dapre/dt  = -apre/tau_pre   : 1 (event-driven)
			dapost/dt = -apost/tau_post : 1 (event-driven)`,
		OnPre:    "v_post += w*J; apre += A_pre; w = clip(w + apost, 0, 1)",
		OnPost:   "apost += A_post; w = clip(w + apre, 0, 1)",
		Params:   map[string]string{"tau_pre": "20 ms", "tau_post": "20 ms", "A_pre": "0.01", "A_post": "-0.0105", "J": "2 mV"},
		PostVars: map[string]equations.Dim{"v": equations.Voltage},
	})
	require.NoError(t, err)
	n := graph.New(5)
	n.Workers = workers
	in := neurons.New("in", 200, neurons.NewPoisson(30))
	lif := neurons.NewLIF()
	cells := neurons.New("cells", nPost, lif)
	n.AddPopulation(in, cells)
	s := synapses.New("exc", in, cells)
	s.Connect, s.Weight, s.WMax = synapses.Random{P: p}, dist.Uniform{Min: 0, Max: 1}, 1
	s.Rule, s.Kernel = d.NewRule(), &equations.SynapseKernel{}
	s.Rule.(*equations.SynapseRule).Name = "exc"
	n.AddSynapse(s)
	sim, err := n.Compile()
	require.NoError(t, err)
	return sim, s, cells
}

// TestSynapseModelWorkers: the same run with one and with four workers
// gives bit-identical weights and spikes; the target population is large
// enough (17 000 neurons) for its steps to be spread over the workers.
func TestSynapseModelWorkers(t *testing.T) {
	var ws [][]float64
	var spikes []int64
	for _, workers := range []int{1, 4} {
		sim, s, cells := songNet(t, workers, 17000, 0.1)
		require.NoError(t, sim.Run(context.Background(), 100))
		ws = append(ws, slices.Clone(s.W))
		spikes = append(spikes, cells.Spikes)
	}
	require.Greater(t, spikes[0], int64(10), "v_post += w*J drives the cells")
	require.Equal(t, spikes[0], spikes[1])
	require.Equal(t, ws[0], ws[1])
}

// TestSynapseModelEval: in eval mode the model still transmits, but the
// weights stay put; the traces go on.
func TestSynapseModelEval(t *testing.T) {
	sim, s, cells := songNet(t, 1, 20, 0.2)
	sim.SetTrain(false)
	w0 := slices.Clone(s.W)
	require.NoError(t, sim.Run(context.Background(), 200))
	require.Equal(t, w0, s.W)
	require.Greater(t, cells.Spikes, int64(5))
	rule := s.Rule.(*equations.SynapseRule)
	require.Greater(t, slices.Max(rule.Var("apre")), 0.0)
	sim.SetTrain(true)
	require.NoError(t, sim.Run(context.Background(), 200))
	require.NotEqual(t, w0, s.W)
	// Reset keeps the weights and clears the traces.
	require.NoError(t, sim.Reset())
	require.Zero(t, slices.Max(rule.Var("apre")))
}

// TestSynapseModelEvalDecay: a weight with an equation of its own (here
// a clock-driven decay) stays put in eval mode too.
func TestSynapseModelEvalDecay(t *testing.T) {
	for _, flag := range []string{"clock-driven", "event-driven"} {
		d, err := equations.CompileSynapse(equations.SynapseSpec{Name: "decay",
			Equations: "dw/dt = -w/tau : 1 (" + flag + ")",
			OnPre:     "v_post += w*mV",
			Params:    map[string]string{"tau": "50 ms"},
			PostVars:  map[string]equations.Dim{"v": equations.Voltage},
		})
		require.NoError(t, err)
		n := graph.New(1)
		in := neurons.New("in", 5, neurons.NewPoisson(50))
		cells := neurons.New("cells", 2, neurons.NewLIF())
		n.AddPopulation(in, cells)
		s := synapses.New("e", in, cells)
		s.Weight = dist.Const(0.5)
		s.Rule, s.Kernel = d.NewRule(), &equations.SynapseKernel{}
		n.AddSynapse(s)
		sim, err := n.Compile()
		require.NoError(t, err)
		sim.SetTrain(false)
		require.NoError(t, sim.Run(context.Background(), 100))
		for _, w := range s.W {
			require.Equal(t, 0.5, w, flag)
		}
		sim.SetTrain(true)
		require.NoError(t, sim.Run(context.Background(), 100))
		require.Less(t, slices.Min(s.W), 0.5, flag)
	}
}

// TestSynapseRuleInitErrors: a model bound (from Go) to populations that
// lack the variables it writes or reads fails at Init with an error.
func TestSynapseRuleInitErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		spec equations.SynapseSpec
		want string
	}{
		{"write", equations.SynapseSpec{Name: "m", Equations: "w : 1", OnPre: "ge_post += w*uS",
			PostVars: map[string]equations.Dim{"ge": equations.Conductance}}, `no variable "ge"`},
		{"read", equations.SynapseSpec{Name: "m", Equations: "w : 1", OnPre: "w += x_pre",
			PreVars: map[string]equations.Dim{"x": equations.Dimensionless}}, `no variable "x"`},
		{"summed", equations.SynapseSpec{Name: "m", Equations: "g_post = w*uS : uS (summed)\nw : 1",
			PostVars: map[string]equations.Dim{"g": equations.Conductance}}, `no variable "g"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := equations.CompileSynapse(c.spec)
			require.NoError(t, err)
			n := graph.New(1)
			a := neurons.New("a", 2, neurons.NewLIF())
			b := neurons.New("b", 2, neurons.NewLIF())
			n.AddPopulation(a, b)
			s := synapses.New("e", a, b)
			s.Rule, s.Kernel = d.NewRule(), &equations.SynapseKernel{}
			n.AddSynapse(s)
			_, err = n.Compile()
			require.ErrorContains(t, err, c.want)
		})
	}
}

// FuzzCompileSynapse feeds arbitrary equations and statements to
// CompileSynapse and runs what compiles: bad input must give an error,
// never a panic.
func FuzzCompileSynapse(f *testing.F) {
	f.Add(stdpSpec.Equations, stdpSpec.OnPre, stdpSpec.OnPost, "", "")
	f.Add(rstdpSpec.Equations, rstdpSpec.OnPre, rstdpSpec.OnPost, rstdpSpec.OnStep, "rk4")
	f.Add("w : 1\ndx/dt = (1 - x)/tau_pre : 1 (event-driven)", "v_post += w*x*mV; x -= x*0.5", "w *= 0.9", "", "")
	f.Add("I_post = 0.001*(v_pre - v_post)/MOhm : nA (summed)\ndy/dt = (v_post - y)/tau_pre : mV", "y = v_pre", "v_pre -= 1*mV", "y += rand()*mV", "euler")
	f.Fuzz(func(t *testing.T, eqs, pre, post, step, method string) {
		d, err := equations.CompileSynapse(equations.SynapseSpec{Name: "f", Equations: eqs, OnPre: pre, OnPost: post, OnStep: step, Method: method,
			Params:   map[string]string{"tau_pre": "20 ms", "tau_post": "10 ms", "ltd": "0.01", "ltp": "0.01", "w_min": "0", "w_max": "1", "tau_c": "100 ms"},
			PreVars:  map[string]equations.Dim{"v": equations.Voltage},
			PostVars: map[string]equations.Dim{"v": equations.Voltage}, PostInput: "I"})
		if err != nil {
			return
		}
		n := graph.New(1)
		a := neurons.New("a", 3, neurons.NewLIF())
		b := neurons.New("b", 2, neurons.NewLIF())
		n.AddPopulation(a, b)
		s := synapses.New("e", a, b)
		s.Rule, s.Kernel = d.NewRule(), &equations.SynapseKernel{}
		n.AddSynapse(s)
		sim, err := n.Compile()
		if err != nil {
			return
		}
		_ = sim.RunSteps(context.Background(), 30)
	})
}
