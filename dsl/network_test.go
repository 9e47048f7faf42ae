package dsl_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/monitors"
)

// The graph is the network's one list of engine objects: the Network's
// methods read it, and its settings are the simulation block's.
func TestNetworkReadsTheGraph(t *testing.T) {
	seed, workers := uint64(9), 1
	net, diags := dsl.Load("testdata/ok/learn", dsl.Options{Overrides: dsl.Overrides{Seed: &seed, Workers: &workers}})
	require.False(t, diags.HasErrors(), diags.Error())
	g := net.Graph
	require.NotNil(t, g)

	var pops []string
	for _, p := range net.Populations() {
		pops = append(pops, p.Name)
	}
	assert.Equal(t, []string{"input", "out"}, pops)
	var syns []string
	for _, s := range net.Synapses() {
		syns = append(syns, s.Name)
	}
	assert.Equal(t, []string{"out_lateral", "in_out"}, syns, "a population's lateral edge loads with the population")
	assert.Equal(t, g.Populations(), net.Populations())
	assert.Equal(t, g.Synapses(), net.Synapses())
	assert.Equal(t, g.Stimuli(), net.Stimuli())
	assert.Len(t, net.Rewards(), 2)
	assert.Equal(t, g.Rewards(), net.Rewards())
	assert.Len(t, net.Decisions(), 1)
	assert.Equal(t, g.Decisions(), net.Decisions())

	// The engine monitors are the monitor blocks', block by block.
	var want []monitors.Monitor
	for _, m := range net.Monitors {
		if m.Spikes != nil {
			want = append(want, m.Spikes, m.Rate)
		}
		if m.State != nil {
			want = append(want, m.State)
		}
		for _, name := range []string{"dopamine", "reward"} {
			if sm := m.Signals[name]; sm != nil {
				want = append(want, sm)
			}
		}
	}
	require.Len(t, want, 3, "w.state, da.dopamine, da.reward")
	assert.Equal(t, want, g.Monitors())

	sim := net.Simulation
	assert.Equal(t, dsl.Simulation{Dt: 0.1, Duration: 100, Seed: 9, Workers: 1, TauD: 100}, sim, "the overrides apply")
	assert.Equal(t, []any{sim.Dt, sim.Seed, sim.Workers, sim.TauD}, []any{g.Dt, g.Seed, g.Workers, g.TauD})
}

func TestFailedLoadHasNoObjects(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.hcl")
	require.NoError(t, writeFile(path, "population \"a\" {\n  model = \"lif\"\n  n = \n"))
	net, diags := dsl.Load(path, dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Nil(t, net.Graph)
	assert.Nil(t, net.Populations())
	assert.Nil(t, net.Synapses())
	assert.Nil(t, net.Stimuli())
	assert.Nil(t, net.Rewards())
	assert.Nil(t, net.Decisions())
	assert.Nil(t, net.Check(), "nothing loaded to check")
}
