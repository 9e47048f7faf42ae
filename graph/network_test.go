package graph_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// compileErrors compiles n, requires it to fail with graph.Errors and
// returns them.
func compileErrors(t *testing.T, n *graph.Network) graph.Errors {
	t.Helper()
	sim, err := n.Compile()
	require.Error(t, err)
	assert.Nil(t, sim)
	var errs graph.Errors
	require.ErrorAs(t, err, &errs)
	return errs
}

// find returns the error about node kind/name, or nil.
func find(errs graph.Errors, kind, name string) *graph.Error {
	for _, e := range errs {
		if e.Kind == kind && e.Name == name {
			return e
		}
	}
	return nil
}

func TestCompileReportsAllErrors(t *testing.T) {
	n := graph.New(1)
	bad := neurons.NewLIF()
	bad.TauM = neurons.Param{-1}
	a := neurons.New("bad", 5, bad)
	d1 := neurons.New("dup", 5, neurons.NewLIF())
	d2 := neurons.New("dup", 5, neurons.NewLIF())
	outside := neurons.New("outside", 5, neurons.NewLIF())
	n.AddPopulation(a, d1, d2)
	n.AddSynapse(synapses.New("orphan", d1, outside))
	n.AddStimulus(&graph.Current{Pop: d1, Amp: neurons.Param{1, 2}})

	errs := compileErrors(t, n)
	require.GreaterOrEqual(t, len(errs), 4, "%v", errs)

	if e := find(errs, "population", "bad"); assert.NotNil(t, e, "%v", errs) {
		assert.Contains(t, e.Error(), `population "bad"`)
		assert.Contains(t, e.Error(), "tau_m")
	}
	if e := find(errs, "population", "dup"); assert.NotNil(t, e, "%v", errs) {
		assert.Contains(t, e.Error(), `population "dup"`)
		assert.Contains(t, e.Error(), "twice")
	}
	if e := find(errs, "synapse", "orphan"); assert.NotNil(t, e, "%v", errs) {
		assert.Contains(t, e.Error(), `synapse "orphan"`)
		assert.Contains(t, e.Error(), `"outside" is not in the network`)
	}
	if e := find(errs, "stimulus", "#0 of dup"); assert.NotNil(t, e, "%v", errs) {
		assert.Contains(t, e.Error(), "2 values for 5 neurons")
	}
	// The joined message lists every problem, one a line.
	msg := errs.Error()
	for _, want := range []string{`"bad"`, `"dup"`, `"orphan"`, "#0 of dup"} {
		assert.Contains(t, msg, want)
	}
	// errors.As finds a single *Error through Errors too.
	var one *graph.Error
	require.ErrorAs(t, error(errs), &one)
	assert.Equal(t, errs[0], one)
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func(n *graph.Network)
		kind  string
		node  string
		want  string
	}{
		{"bad dt", func(n *graph.Network) { n.Dt = 0 }, "network", "", "time step"},
		{"negative workers", func(n *graph.Network) { n.Workers = -1 }, "network", "", "workers"},
		{"nil population", func(n *graph.Network) { n.AddPopulation(nil) }, "network", "", "population 0 is nil"},
		{"no model", func(n *graph.Network) { n.AddPopulation(neurons.New("m", 3, nil)) }, "population", "m", "no model"},
		{"empty name", func(n *graph.Network) { n.AddPopulation(neurons.New("", 3, neurons.NewLIF())) }, "population", "", "empty name"},
		{"added twice", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			n.AddPopulation(p, p)
		}, "population", "p", "added twice"},
		{"nil synapse", func(n *graph.Network) { n.AddSynapse(nil) }, "network", "", "synapse 0 is nil"},
		{"synapse without source", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			n.AddPopulation(p)
			n.AddSynapse(synapses.New("s", nil, p))
		}, "synapse", "s", "no source population"},
		{"duplicate synapse names", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			q := neurons.New("q", 3, neurons.NewLIF())
			n.AddPopulation(p, q)
			n.AddSynapse(synapses.New("s", p, q), synapses.New("s", q, p))
		}, "synapse", "s", "name used twice"},
		{"bad delay", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			s := synapses.New("s", p, p)
			s.Delay = dist.Const(-1)
			n.AddPopulation(p)
			n.AddSynapse(s)
		}, "synapse", "s", "delay"},
		{"conductance onto a population without v", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			q := neurons.New("q", 3, neurons.NewPoisson(1))
			s := synapses.New("s", p, q)
			s.Kernel = &synapses.Conductance{Tau: 5}
			n.AddPopulation(p, q)
			n.AddSynapse(s)
		}, "synapse", "s", "membrane potential"},
		{"stimulus outside", func(n *graph.Network) {
			n.AddPopulation(neurons.New("p", 3, neurons.NewLIF()))
			n.AddStimulus(&graph.Current{Pop: neurons.New("x", 3, neurons.NewLIF()), Amp: neurons.Param{1}})
		}, "stimulus", "#0", `"x" is not in the network`},
		{"stimulus without target", func(n *graph.Network) {
			n.AddStimulus(&graph.Pulses{})
		}, "stimulus", "#0", "no target"},
		{"bad pulse", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			n.AddPopulation(p)
			n.AddStimulus(&graph.Pulses{Pop: p, Pulses: []graph.Pulse{{Start: 2, Stop: 1, Amplitude: 1}}})
		}, "stimulus", "#0 of p", "pulse 0"},
		{"drive without function", func(n *graph.Network) {
			p := neurons.New("p", 3, neurons.NewLIF())
			n.AddPopulation(p)
			n.AddStimulus(&graph.Drive{Pop: p})
		}, "stimulus", "#0 of p", "no function"},
		{"nil monitor", func(n *graph.Network) { n.AddMonitor(nil) }, "network", "", "monitor 0 is nil"},
		{"duplicate monitor names", func(n *graph.Network) {
			n.AddMonitor(newRecorder("m"), newRecorder("m"))
		}, "monitor", "m", "name used twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := graph.New(1)
			tt.build(n)
			errs := compileErrors(t, n)
			e := find(errs, tt.kind, tt.node)
			require.NotNil(t, e, "no %s %q error in %v", tt.kind, tt.node, errs)
			assert.Contains(t, e.Error(), tt.want)
		})
	}
}

func TestCompileSkipsEdgesOfBrokenPopulations(t *testing.T) {
	// A population that failed to initialise must not make the checks of
	// its synapses crash or pile up follow-on errors.
	n := graph.New(1)
	p := neurons.New("p", 3, neurons.NewLIF())
	broken := neurons.New("broken", 3, nil)
	s := synapses.New("s", p, broken)
	s.Kernel = &synapses.Conductance{Tau: 5}
	n.AddPopulation(p, broken)
	n.AddSynapse(s)
	var errs graph.Errors
	require.NotPanics(t, func() { errs = compileErrors(t, n) })
	require.Len(t, errs, 1, "%v", errs)
	assert.Equal(t, "broken", errs[0].Name)
}

func TestZeroDelayCycles(t *testing.T) {
	zero := func(name string, pre, post *neurons.Population) *synapses.Synapse {
		s := synapses.New(name, pre, post)
		s.Delay = dist.Const(0)
		return s
	}
	t.Run("self-loop", func(t *testing.T) {
		n := graph.New(1)
		a := neurons.New("a", 3, neurons.NewLIF())
		n.AddPopulation(a)
		n.AddSynapse(zero("aa", a, a))
		errs := compileErrors(t, n)
		require.Len(t, errs, 1)
		assert.Equal(t, "synapse", errs[0].Kind)
		assert.Equal(t, "aa", errs[0].Name)
		assert.Equal(t, []string{"aa"}, errs[0].Nodes)
		assert.Contains(t, errs[0].Error(), "zero-delay")
	})
	t.Run("three-cycle", func(t *testing.T) {
		n := graph.New(1)
		a := neurons.New("a", 3, neurons.NewLIF())
		b := neurons.New("b", 3, neurons.NewLIF())
		c := neurons.New("c", 3, neurons.NewLIF())
		d := neurons.New("d", 3, neurons.NewLIF())
		n.AddPopulation(a, b, c, d)
		// d hangs off the loop with a zero-delay edge of its own, which is
		// not part of the cycle.
		n.AddSynapse(zero("ab", a, b), zero("bc", b, c), zero("ca", c, a), zero("cd", c, d))
		errs := compileErrors(t, n)
		require.Len(t, errs, 1, "%v", errs)
		assert.ElementsMatch(t, []string{"ab", "bc", "ca"}, errs[0].Nodes)
		msg := errs[0].Error()
		for _, s := range []string{"ab", "bc", "ca", "zero-delay"} {
			assert.Contains(t, msg, s)
		}
		assert.NotContains(t, msg, "cd")
	})
	t.Run("delayed loop is fine", func(t *testing.T) {
		n := graph.New(1)
		a := neurons.New("a", 3, neurons.NewLIF())
		b := neurons.New("b", 3, neurons.NewLIF())
		n.AddPopulation(a, b)
		n.AddSynapse(zero("ab", a, b), synapses.New("ba", b, a), synapses.New("aa", a, a))
		sim := compile(t, n)
		assert.Equal(t, [][]string{{"a"}, {"b"}}, sim.Stages())
	})
	t.Run("per-synapse delays with a zero", func(t *testing.T) {
		// A synapse list whose delays include 0 counts as zero-delay.
		n := graph.New(1)
		a := neurons.New("a", 2, neurons.NewLIF())
		s := synapses.New("aa", a, a)
		s.Connect = synapses.List{Pre: []int{0, 1}, Post: []int{1, 0}, Delay: []float64{1, 0}}
		n.AddPopulation(a)
		n.AddSynapse(s)
		errs := compileErrors(t, n)
		require.Len(t, errs, 1)
		assert.Equal(t, "aa", errs[0].Name)
	})
}

func TestStages(t *testing.T) {
	pops := func(names ...string) map[string]*neurons.Population {
		m := make(map[string]*neurons.Population)
		for _, name := range names {
			m[name] = neurons.New(name, 2, neurons.NewLIF())
		}
		return m
	}
	edge := func(name string, pre, post *neurons.Population, delay float64) *synapses.Synapse {
		s := synapses.New(name, pre, post)
		s.Delay = dist.Const(delay)
		return s
	}
	t.Run("chain", func(t *testing.T) {
		p := pops("a", "b", "c")
		n := graph.New(1)
		n.AddPopulation(p["c"], p["b"], p["a"]) // order does not matter
		n.AddSynapse(edge("ab", p["a"], p["b"], 0), edge("bc", p["b"], p["c"], 0))
		assert.Equal(t, [][]string{{"a"}, {"b"}, {"c"}}, compile(t, n).Stages())
	})
	t.Run("diamond takes the longest chain", func(t *testing.T) {
		p := pops("a", "b", "c", "d")
		n := graph.New(1)
		n.AddPopulation(p["a"], p["b"], p["c"], p["d"])
		n.AddSynapse(edge("ac", p["a"], p["c"], 0), edge("ab", p["a"], p["b"], 0),
			edge("bc", p["b"], p["c"], 0), edge("dc", p["d"], p["c"], 0))
		assert.Equal(t, [][]string{{"a", "d"}, {"b"}, {"c"}}, compile(t, n).Stages())
	})
	t.Run("only delayed edges", func(t *testing.T) {
		p := pops("a", "b", "c")
		n := graph.New(1)
		n.AddPopulation(p["a"], p["b"], p["c"])
		n.AddSynapse(edge("ab", p["a"], p["b"], 0.1), edge("bc", p["b"], p["c"], 1),
			edge("ca", p["c"], p["a"], 0.3), edge("cc", p["c"], p["c"], 0.1))
		assert.Equal(t, [][]string{{"a", "b", "c"}}, compile(t, n).Stages())
	})
	t.Run("delay rounding to zero", func(t *testing.T) {
		// 0.04 ms rounds to 0 steps of 0.1 ms: a zero-delay edge.
		p := pops("a", "b")
		n := graph.New(1)
		n.AddPopulation(p["b"], p["a"])
		n.AddSynapse(edge("ab", p["a"], p["b"], 0.04))
		assert.Equal(t, [][]string{{"a"}, {"b"}}, compile(t, n).Stages())
	})
	t.Run("no populations", func(t *testing.T) {
		sim := compile(t, graph.New(1))
		for _, st := range sim.Stages() {
			assert.Empty(t, st)
		}
		runSteps(t, sim, 3)
		assert.Equal(t, 3, sim.Steps())
	})
}

func TestErrorFormatting(t *testing.T) {
	inner := errors.New("boom")
	e := &graph.Error{Kind: "synapse", Name: "s", Err: inner}
	assert.Equal(t, `synapse "s": boom`, e.Error())
	assert.ErrorIs(t, e, inner)
	// A message that already names the node is not prefixed twice.
	e = &graph.Error{Kind: "population", Name: "p", Err: errors.New(`population "p": bad`)}
	assert.Equal(t, `population "p": bad`, e.Error())
	e = &graph.Error{Kind: "network", Err: inner}
	assert.Equal(t, "network: boom", e.Error())
	errs := graph.Errors{{Kind: "monitor", Name: "m", Err: inner}, e}
	assert.Equal(t, "monitor \"m\": boom\nnetwork: boom", errs.Error())
	assert.ErrorIs(t, errs, inner)
}

// TestErrorAddress checks that Compile errors carry the parameter and
// neuron a component's *paramerr.Error names, also through the learning
// rule of a synapse.
func TestErrorAddress(t *testing.T) {
	tests := []struct {
		name   string
		build  func(n *graph.Network)
		kind   string
		attr   string
		neuron int
	}{
		{"poisson rate", func(n *graph.Network) {
			n.AddPopulation(neurons.New("p", 3, &neurons.Poisson{Rate: neurons.Param{1, 40000, 1}}))
		}, "population", "rate", 1},
		{"fixed in-degree", func(n *graph.Network) {
			a, b := neurons.New("a", 5, neurons.NewLIF()), neurons.New("b", 5, neurons.NewLIF())
			s := synapses.New("ab", a, b)
			s.Connect = synapses.FixedInDegree{K: 50}
			n.AddPopulation(a, b)
			n.AddSynapse(s)
		}, "synapse", "k", -1},
		{"learning rate", func(n *graph.Network) {
			a, b := neurons.New("a", 5, neurons.NewLIF()), neurons.New("b", 5, neurons.NewLIF())
			s := synapses.New("ab", a, b)
			r := learning.NewSTDP()
			r.LR = []float64{1, 2, 3}
			s.Rule = r
			n.AddPopulation(a, b)
			n.AddSynapse(s)
		}, "synapse", "learning/lr", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := graph.New(1)
			tt.build(n)
			errs := compileErrors(t, n)
			require.Len(t, errs, 1)
			assert.Equal(t, tt.kind, errs[0].Kind)
			assert.Equal(t, tt.attr, errs[0].Attr)
			assert.Equal(t, tt.neuron, errs[0].Neuron)
			assert.Equal(t, -1, errs[0].Index, "a named node")
		})
	}
}

// TestErrorIndex: errors of unnamed nodes (stimuli) carry their index.
func TestErrorIndex(t *testing.T) {
	n := graph.New(1)
	p := neurons.New("p", 3, neurons.NewLIF())
	n.AddPopulation(p)
	n.AddStimulus(&graph.Current{Pop: p, Amp: neurons.Param{1}}, &graph.Current{Pop: p, Amp: neurons.Param{1, 2}})
	errs := compileErrors(t, n)
	require.Len(t, errs, 1)
	assert.Equal(t, "stimulus", errs[0].Kind)
	assert.Equal(t, 1, errs[0].Index)
}
