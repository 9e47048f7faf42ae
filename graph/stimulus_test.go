package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func TestCurrent(t *testing.T) {
	tests := []struct {
		name string
		amp  neurons.Param
		want []float64 // per-neuron current
	}{
		{"shared", neurons.Param{1.5}, []float64{1.5, 1.5, 1.5, 1.5}},
		{"per neuron", neurons.Param{0, 1, 2.5, -1}, []float64{0, 1, 2.5, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A perfect integrator moves by R*x*dt/tau_m = 0.2*x mV per
			// step; after 10 steps v = rest + 2*x (all below threshold).
			n := graph.New(1)
			n.ChunkSize = 3 // two chunks
			p := neurons.New("p", 4, neurons.NewIF())
			p.SumInput = true
			n.AddPopulation(p)
			n.AddStimulus(&graph.Current{Pop: p, Amp: tt.amp})
			sim := compile(t, n)
			runSteps(t, sim, 10)
			for j, x := range tt.want {
				assert.InDelta(t, 10*x, p.Summed[j], 1e-12, "neuron %d summed", j)
				assert.InDelta(t, restPot+10*x*gainPerStep, p.Var("v")[j], 1e-12, "neuron %d v", j)
			}
			assert.Equal(t, int64(0), p.Spikes)
		})
	}
}

func TestPulses(t *testing.T) {
	// An Input neuron spikes exactly in the steps its input is non-zero.
	// Pulse 1 is +1 in steps [10, 20), pulse 2 is -1 in steps [15, 30):
	// they cancel in [15, 20). Pulse 3 has zero length.
	n := graph.New(1)
	p := neurons.New("p", 2, neurons.NewInput())
	p.SumInput = true
	n.AddPopulation(p)
	n.AddStimulus(&graph.Pulses{Pop: p, Pulses: []graph.Pulse{
		{Start: 1, Stop: 2, Amplitude: 1},
		{Start: 1.5, Stop: 3, Amplitude: -1},
		{Start: 3.5, Stop: 3.5, Amplitude: 7},
	}})
	rec := newRecorder("rec", p)
	n.AddMonitor(rec)
	sim := compile(t, n)
	runSteps(t, sim, 50)
	for k, fired := range rec.spikes["p"] {
		on := (k >= 10 && k < 15) || (k >= 20 && k < 30)
		if on {
			assert.Equal(t, []int32{0, 1}, fired, "step %d", k)
		} else {
			assert.Empty(t, fired, "step %d", k)
		}
	}
	// 5 steps of +1, 5 of 0, 10 of -1.
	assert.InDelta(t, -5, p.Summed[0], 1e-12)
	assert.InDelta(t, -5, p.Summed[1], 1e-12)
}

func TestDrive(t *testing.T) {
	// F(k, j) = 10k + j; after 5 steps the summed input of neuron j is
	// 10*(0+1+2+3+4) + 5j = 100 + 5j. Chunks of 4 make F see every
	// neuron index through several chunks.
	n := graph.New(1)
	n.ChunkSize = 4
	p := neurons.New("p", 10, neurons.NewInput())
	p.SumInput = true
	n.AddPopulation(p)
	n.AddStimulus(&graph.Drive{Pop: p, F: func(k, j int) float64 { return float64(10*k + j) }})
	rec := newRecorder("rec", p)
	n.AddMonitor(rec)
	sim := compile(t, n)
	runSteps(t, sim, 5)
	for j := range 10 {
		assert.Equal(t, float64(100+5*j), p.Summed[j], "neuron %d", j)
	}
	// F(0, 0) = 0 is the only zero input: neuron 0 is silent in step 0.
	assert.Equal(t, []int32{1, 2, 3, 4, 5, 6, 7, 8, 9}, rec.spikes["p"][0])
	assert.Len(t, rec.spikes["p"][1], 10)
}

func TestStimuliAdd(t *testing.T) {
	// Stimuli on one population add up with the synaptic input.
	n := graph.New(1)
	p := neurons.New("p", 3, neurons.NewInput())
	p.SumInput = true
	n.AddPopulation(p)
	n.AddStimulus(
		&graph.Current{Pop: p, Amp: neurons.Param{1, 2, 3}},
		&graph.Pulses{Pop: p, Pulses: []graph.Pulse{{Start: 0, Stop: 0.2, Amplitude: 10}}},
		&graph.Drive{Pop: p, F: func(_, j int) float64 { return -float64(j) }},
	)
	sim := compile(t, n)
	runSteps(t, sim, 4)
	// Per step: amp_j - j, plus 10 in steps 0 and 1.
	want := []float64{4*1 + 20, 4*(2-1) + 20, 4*(3-2) + 20}
	require.Len(t, p.Summed, 3)
	for j, w := range want {
		assert.Equal(t, w, p.Summed[j], "neuron %d", j)
	}
}
