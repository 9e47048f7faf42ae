package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// loadCkpt compiles testdata/ckpt.hcl (every kind of state: Poisson
// populations, a data population, poisson_input, OU noise, delays, STDP,
// R-STDP with rewards, equation-defined neuron and synapse models) with
// the given workers.
func loadCkpt(t *testing.T, workers int, vars map[string]string) (*dsl.Network, *graph.Sim) {
	t.Helper()
	net, diags := dsl.Load("testdata/ckpt.hcl", dsl.Options{Vars: vars, Overrides: dsl.Overrides{Workers: &workers}})
	require.False(t, diags.HasErrors(), "%v", diags)
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), "%v", diags)
	return net, sim
}

func checkpointBytes(t *testing.T, sim *graph.Sim) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, sim.Checkpoint(&b))
	return b.Bytes()
}

// spikes lists every spike monitor's spikes.
func spikes(t *testing.T, net *dsl.Network) map[string][]monitors.Spike {
	out := map[string][]monitors.Spike{}
	for _, m := range net.Graph.Monitors() {
		if sm, ok := m.(*monitors.SpikeMonitor); ok {
			out[sm.Name()] = sm.Spikes()
		}
	}
	return out
}

// TestCheckpointResumeBitIdentical runs 2T in one go and T, checkpoint,
// a fresh Sim restored from it, T more: everything (every state, stream,
// weight, delay buffer and monitor record, which the checkpoints hold)
// must be equal, bit for bit, for 1, 2 and 3 workers.
func TestCheckpointResumeBitIdentical(t *testing.T) {
	const T = 20.0 // ms: the rewards, the schedule and the data epochs straddle it
	var ref []byte
	for _, workers := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("workers%d", workers), func(t *testing.T) {
			netA, a := loadCkpt(t, workers, nil)
			require.NoError(t, a.Run(context.Background(), 2*T))
			whole := checkpointBytes(t, a)

			_, b := loadCkpt(t, workers, nil)
			require.NoError(t, b.Run(context.Background(), T))
			half := checkpointBytes(t, b)

			netC, c := loadCkpt(t, workers, nil) // a fresh load, as a new process would
			require.NoError(t, c.Restore(bytes.NewReader(half)))
			require.Equal(t, b.Steps(), c.Steps())
			require.Equal(t, half, checkpointBytes(t, c), "restore then checkpoint gives the same bytes")
			require.NoError(t, c.Run(context.Background(), T))
			require.Equal(t, 400, c.Steps())
			require.Equal(t, spikes(t, netA), spikes(t, netC))
			require.Greater(t, a.Stats().TotalSpikes, int64(1000))
			for _, e := range netA.Synapses() {
				require.Equal(t, e.W, netC.Graph.Synapses()[indexOf(netA, e.Name)].W, "weights of %s", e.Name)
			}
			require.True(t, bytes.Equal(whole, checkpointBytes(t, c)), "the whole state after 2T")
			if ref == nil {
				ref = whole
			} else {
				require.True(t, bytes.Equal(ref, whole), "the state does not depend on the workers")
			}
		})
	}
}

func indexOf(net *dsl.Network, name string) int {
	for i, e := range net.Synapses() {
		if e.Name == name {
			return i
		}
	}
	return -1
}

// TestCheckpointLearningChangesWeights makes sure the bit-identical test
// tests something: the plastic weights move and every population spikes.
func TestCheckpointLearningChangesWeights(t *testing.T) {
	net0, _ := loadCkpt(t, 1, nil)
	net, sim := loadCkpt(t, 1, nil)
	require.NoError(t, sim.Run(context.Background(), 40))
	for _, name := range []string{"noise_exc", "data_inh", "grid_feat", "exc_cond", "noise_eq"} {
		i := indexOf(net, name)
		require.NotEqual(t, net0.Synapses()[i].W, net.Synapses()[i].W, "%s learned nothing", name)
	}
	require.NotZero(t, sim.Dopamine())
	for name, n := range sim.Stats().Spikes {
		require.Positive(t, n, "population %s never spiked: the test would not test its state", name)
	}
}

// TestRestoreRefusesAnotherNetwork: a changed parameter, seed or
// connectivity changes the fingerprint, and Restore refuses the
// checkpoint with ErrMismatch.
func TestRestoreRefusesAnotherNetwork(t *testing.T) {
	_, a := loadCkpt(t, 1, nil)
	require.NoError(t, a.Run(context.Background(), 2))
	cp := checkpointBytes(t, a)
	seed := uint64(12)
	for name, load := range map[string]func() *graph.Sim{
		"seed": func() *graph.Sim {
			w := 1
			net, diags := dsl.Load("testdata/ckpt.hcl", dsl.Options{Overrides: dsl.Overrides{Workers: &w, Seed: &seed}})
			require.False(t, diags.HasErrors())
			s, diags := net.Compile()
			require.False(t, diags.HasErrors())
			return s
		},
		"parameter": func() *graph.Sim {
			net, diags := dsl.Load("testdata/ckpt.hcl", dsl.Options{})
			require.False(t, diags.HasErrors())
			net.Synapses()[0].WMax = 2.5
			s, diags := net.Compile()
			require.False(t, diags.HasErrors())
			return s
		},
		"synapse model parameter": func() *graph.Sim {
			net, diags := dsl.Load("testdata/ckpt.hcl", dsl.Options{})
			require.False(t, diags.HasErrors())
			rule, ok := net.Synapses()[indexOf(net, "exc_cond")].Rule.(*equations.SynapseRule)
			require.True(t, ok)
			require.NoError(t, rule.SetParam("g_max", 0.6))
			s, diags := net.Compile()
			require.False(t, diags.HasErrors())
			return s
		},
		"equation neuron model parameter": func() *graph.Sim {
			net, diags := dsl.Load("testdata/ckpt.hcl", dsl.Options{})
			require.False(t, diags.HasErrors())
			for _, p := range net.Populations() {
				if p.Name == "eq" {
					require.NoError(t, p.Model.(*equations.Model).SetParam("tau_m", []float64{21}))
				}
			}
			s, diags := net.Compile()
			require.False(t, diags.HasErrors())
			return s
		},
	} {
		t.Run(name, func(t *testing.T) {
			err := load().Restore(bytes.NewReader(cp))
			require.ErrorIs(t, err, checkpoint.ErrMismatch)
			require.Contains(t, err.Error(), "fingerprint")
		})
	}
	_, b := loadCkpt(t, 3, nil) // other workers: the same network
	require.NoError(t, b.Restore(bytes.NewReader(cp)))
}

// TestRestoreRefusesCorruptCheckpoint flips one byte in each section
// (and in the header) in turn: Restore refuses, naming the section, and
// leaves the Sim as it was.
func TestRestoreRefusesCorruptCheckpoint(t *testing.T) {
	_, a := loadCkpt(t, 1, nil)
	require.NoError(t, a.Run(context.Background(), 3))
	cp := checkpointBytes(t, a)
	f, err := checkpoint.Read(bytes.NewReader(cp))
	require.NoError(t, err)
	// The offset of the last byte of each section's payload.
	offsets := map[string]int{"header": 20}
	for _, s := range f.Sections {
		if len(s.Data) > 0 {
			offsets[s.Name] = int(s.End) - 1
		}
	}
	require.Equal(t, int64(len(cp)), f.Sections[len(f.Sections)-1].End+8, "after the payload: the end of chunks and the checksum")
	require.Contains(t, offsets, "synapse/noise_exc")
	_, b := loadCkpt(t, 1, nil)
	for name, off := range offsets {
		bad := bytes.Clone(cp)
		bad[off] ^= 0x10
		err := b.Restore(bytes.NewReader(bad))
		require.ErrorIs(t, err, checkpoint.ErrCorrupt, name)
		require.Contains(t, err.Error(), fmt.Sprintf("%q", name))
		require.Zero(t, b.Steps())
	}
	err = b.Restore(bytes.NewReader(cp[:len(cp)-5]))
	require.ErrorIs(t, err, checkpoint.ErrCorrupt)
	require.Contains(t, err.Error(), "cut short")
	require.NoError(t, b.Run(context.Background(), 1), "a refused checkpoint leaves the Sim usable")
	require.False(t, errors.Is(err, graph.ErrFailed))
}

// plainMonitor is a monitor without checkpoint.State.
type plainMonitor struct{ n int }

func (m *plainMonitor) Name() string       { return "plain" }
func (m *plainMonitor) Init(float64) error { return nil }
func (m *plainMonitor) Record(int) error   { m.n++; return nil }
func (m *plainMonitor) Reset()             { m.n = 0 }

func TestCheckpointRefusesMonitorWithoutState(t *testing.T) {
	net := graph.New(1)
	p := neurons.New("p", 3, neurons.NewLIF())
	net.AddPopulation(p)
	net.AddMonitor(&plainMonitor{})
	sim, err := net.Compile()
	require.NoError(t, err)
	err = sim.Checkpoint(io.Discard)
	require.ErrorContains(t, err, `monitor "plain" (*graph_test.plainMonitor) does not implement checkpoint.State`)
}

// TestRestoreOfBadLayoutFailsTheSim: a section that passes its checksum
// but does not fit its component (a checkpoint rewritten by hand) stops
// the restore with an error naming the section, and the half-restored
// Sim refuses to run until Reset.
func TestRestoreOfBadLayoutFailsTheSim(t *testing.T) {
	_, a := loadCkpt(t, 1, nil)
	require.NoError(t, a.Run(context.Background(), 2))
	f, err := checkpoint.Read(bytes.NewReader(checkpointBytes(t, a)))
	require.NoError(t, err)
	for i, s := range f.Sections {
		if s.Name == "synapse/noise_exc" {
			f.Sections[i].Data = s.Data[:len(s.Data)-3]
		}
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	_, b := loadCkpt(t, 1, nil)
	err = b.Restore(&buf)
	require.ErrorContains(t, err, `checkpoint section "synapse/noise_exc"`)
	require.ErrorIs(t, b.Run(context.Background(), 1), graph.ErrFailed)
	require.NoError(t, b.Reset())
	require.NoError(t, b.Run(context.Background(), 1))
}
