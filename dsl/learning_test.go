package dsl_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
)

func TestLearningBlocks(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/learn", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, 100.0, net.Simulation.TauD)

	// lateral_inhibition adds an edge out -> out; the loaded weights and
	// the rule are on in_out.
	require.Len(t, net.Synapses(), 2)
	lat, s := net.Synapses()[0], net.Synapses()[1]
	assert.Equal(t, "out_lateral", lat.Name)
	assert.True(t, lat.Inhibitory)
	assert.Equal(t, "in_out", s.Name)
	assert.Equal(t, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, s.WeightMatrix)
	rule, ok := s.Rule.(*learning.STDP)
	require.True(t, ok, "rule is %T", s.Rule)
	assert.Equal(t, []float64{1e-4, 1e-3}, rule.LR)
	assert.Equal(t, "soft", rule.Bound)
	assert.Equal(t, []float64{1}, rule.WMax)
	assert.Equal(t, []*dsl.Monitor{net.Monitors[0], net.Monitors[1]}, net.Monitors)
	assert.Equal(t, s, net.SaveWeights[0])
	require.Len(t, net.Decisions(), 1)
	assert.Equal(t, 1, net.Decisions()[0].(*graph.KWTA).K)
	require.Len(t, net.Rewards(), 2)

	sim, d := net.Compile()
	require.False(t, d.HasErrors(), d.Error())
	assert.Equal(t, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, s.Dense()[:8], "weights start from w.csv")
	require.NoError(t, sim.Run(context.Background(), net.Simulation.Duration))

	w := net.Monitors[0].State
	require.NotNil(t, w)
	assert.Equal(t, 10, w.Len(), "every_ms = 10 at dt 0.1: one record per 100 steps of 1000")
	da := net.Monitors[1].Signals["dopamine"]
	require.NotNil(t, da)
	vals := da.Values()
	require.Len(t, vals, 1000)
	// The scheduled reward of 0.5 at 20 ms: dopamine jumps by 0.5 there
	// (plus whatever the contest gave, which comes only at window ends).
	assert.InDelta(t, 0.5, vals[200]-vals[199]*expDecay(0.1, 100), 1e-12)
}

func expDecay(dt, tau float64) float64 {
	return mathExp(-dt / tau)
}

func TestLearningErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown rule", `
population "a" {
  model = "lif"
  n = 2
}
synapse "aa" {
  from = population.a
  to = population.a
  learning "sdtp" {
  }
}`, `Did you mean "stdp"?`},
		{"unknown rule parameter", `
population "a" {
  model = "lif"
  n = 2
}
synapse "aa" {
  from = population.a
  to = population.a
  learning "stdp" {
    tau_pr = 3
  }
}`, `Did you mean "tau_pre"?`},
		{"bad bound", `
population "a" {
  model = "lif"
  n = 2
}
synapse "aa" {
  from = population.a
  to = population.a
  learning "stdp" {
    bound = "soft"
  }
}`, "soft bounds need finite w_min < w_max"},
		{"missing weights file", `
population "a" {
  model = "lif"
  n = 2
}
synapse "aa" {
  from = population.a
  to = population.a
  weight = load("nope.npy")
}`, "nope.npy"},
		{"monitor without target", `
monitor "m" {
  variables = ["v"]
}`, "Missing monitor target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := t.TempDir() + "/net.hcl"
			require.NoError(t, writeFile(path, tt.src))
			_, diags := loadAndCompile(t, path, dsl.Options{})
			require.True(t, diags.HasErrors())
			assert.Contains(t, diags.Error(), tt.want)
			for _, d := range diags {
				if d.Summary != "Invalid synapse" {
					assert.NotNil(t, d.Subject, "%s has a source range", d.Summary)
				}
			}
		})
	}
}

// TestMonitorIndexOutOfRange: a synapse monitor's indices can only be
// checked once the synapses exist; the error still points at indices.
func TestMonitorIndexOutOfRange(t *testing.T) {
	path := t.TempDir() + "/net.hcl"
	require.NoError(t, writeFile(path, `
population "a" {
  model = "lif"
  n     = 2
}

synapse "aa" {
  from = population.a
  to   = population.a
}

monitor "w" {
  target  = synapse.aa
  indices = [0, 99]
}
`))
	_, diags := loadAndCompile(t, path, dsl.Options{})
	require.True(t, diags.HasErrors())
	for _, d := range diags {
		require.NotNil(t, d.Subject, "%s: %s", d.Summary, d.Detail)
		assert.Equal(t, 14, d.Subject.Start.Line, "the indices attribute")
	}
}
