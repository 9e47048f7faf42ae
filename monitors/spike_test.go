package monitors_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// amps drives three LIF neurons: two above threshold (R*I = 20 and 15 mV
// against a 10 mV gap) and one below (8 mV), which never spikes.
var amps = []float64{1, 0.75, 0.4}

const nSteps = 1000 // 100 ms

// expectedSpikes returns the spikes of the three neurons driven by amps,
// in the monitor's order (by step, then by neuron).
func expectedSpikes(t *testing.T, only map[int]bool) []monitors.Spike {
	t.Helper()
	byStep := make(map[int][]int)
	var steps []int
	for i, a := range amps {
		if only != nil && !only[i] {
			continue
		}
		for _, k := range lifSpikeSteps(t, a, nSteps) {
			if byStep[k] == nil {
				steps = append(steps, k)
			}
			byStep[k] = append(byStep[k], i)
		}
	}
	slices.Sort(steps) // neurons were appended in ascending order
	var out []monitors.Spike
	for _, k := range steps {
		for _, i := range byStep[k] {
			out = append(out, monitors.Spike{Step: k, Time: float64(k) * dt, Neuron: i})
		}
	}
	return out
}

// assertSpikes checks got against want: same steps and neurons, times
// k*dt.
func assertSpikes(t *testing.T, want, got []monitors.Spike) {
	t.Helper()
	require.Len(t, got, len(want))
	for j := range want {
		assert.Equal(t, want[j].Step, got[j].Step, "spike %d step", j)
		assert.Equal(t, want[j].Neuron, got[j].Neuron, "spike %d neuron", j)
		assert.InDelta(t, want[j].Time, got[j].Time, 1e-9, "spike %d time", j)
	}
}

func TestSpikeMonitorLIFConstantCurrent(t *testing.T) {
	pop := lifPop("lif", len(amps))
	mon := monitors.NewSpikeMonitor("spikes", pop)
	sim := compile(t, []*neurons.Population{pop}, pop, amps, mon)
	run(t, sim, nSteps)

	want := expectedSpikes(t, nil)
	require.NotEmpty(t, want)
	// Hand-computed: R*I = 20 mV crosses the 10 mV gap when
	// 0.99^(k+1) <= 1/2, k+1 = 69; the period adds 50 refractory steps and
	// the step of the spike.
	assert.Equal(t, 68, lifSpikeSteps(t, 1, nSteps)[0])
	assert.Equal(t, 68+119, lifSpikeSteps(t, 1, nSteps)[1])

	assertSpikes(t, want, mon.Spikes())
	assert.Equal(t, len(want), mon.NumSpikes())

	times, ids := mon.Times(), mon.Neurons()
	require.Len(t, times, len(want))
	require.Len(t, ids, len(want))
	counts := make([]int, len(amps))
	trains := make([][]float64, len(amps))
	for j, s := range want {
		assert.InDelta(t, s.Time, times[j], 1e-9)
		assert.Equal(t, s.Neuron, ids[j])
		counts[s.Neuron]++
		trains[s.Neuron] = append(trains[s.Neuron], s.Time)
	}
	assert.Equal(t, counts, mon.Count())
	assert.Zero(t, mon.Count()[2], "the subthreshold neuron never spikes")
	got := mon.Trains()
	require.Len(t, got, len(amps))
	for i := range amps {
		assert.InDeltaSlice(t, trains[i], got[i], 1e-9, "train of neuron %d", i)
	}
	assert.Nil(t, got[2])
}

func TestSpikeMonitorSubset(t *testing.T) {
	pop := lifPop("lif", len(amps))
	mon := monitors.NewSpikeMonitor("spikes", pop)
	mon.Indices = []int{1, 2}
	sim := compile(t, []*neurons.Population{pop}, pop, amps, mon)
	run(t, sim, nSteps)

	want := expectedSpikes(t, map[int]bool{1: true, 2: true})
	require.NotEmpty(t, want)
	assertSpikes(t, want, mon.Spikes())
	assert.Zero(t, mon.Count()[0], "neuron 0 spikes but is not recorded")
	assert.Positive(t, pop.Spikes, "the population did spike")
}

func TestSpikeMonitorNonDestructiveAndReset(t *testing.T) {
	pop := lifPop("lif", len(amps))
	mon := monitors.NewSpikeMonitor("spikes", pop)
	sim := compile(t, []*neurons.Population{pop}, pop, amps, mon)
	run(t, sim, nSteps)

	first := mon.Spikes()
	require.NotEmpty(t, first)
	assert.Equal(t, first, mon.Spikes(), "a second read gives the same spikes")
	first[0].Neuron = 99
	assert.NotEqual(t, 99, mon.Spikes()[0].Neuron, "the returned slice is a copy")

	require.NoError(t, sim.Reset())
	assert.Empty(t, mon.Spikes())
	assert.Empty(t, mon.Times())
	assert.Zero(t, mon.NumSpikes())
	assert.Equal(t, []int{0, 0, 0}, mon.Count())

	// Recording resumes from step 0 after the reset.
	run(t, sim, nSteps)
	assertSpikes(t, expectedSpikes(t, nil), mon.Spikes())
}

func TestSpikeMonitorContinuesAcrossRuns(t *testing.T) {
	pop := lifPop("lif", len(amps))
	mon := monitors.NewSpikeMonitor("spikes", pop)
	sim := compile(t, []*neurons.Population{pop}, pop, amps, mon)
	run(t, sim, 300)
	run(t, sim, nSteps-300)
	assertSpikes(t, expectedSpikes(t, nil), mon.Spikes())
}

func TestSpikeMonitorStream(t *testing.T) {
	pop := lifPop("lif", len(amps))
	mem := monitors.NewSpikeMonitor("memory", pop)
	var buf bytes.Buffer
	str := monitors.NewSpikeMonitor("stream", pop)
	str.W = &buf
	sim := compile(t, []*neurons.Population{pop}, pop, amps, mem, str)
	run(t, sim, nSteps)

	header, rows := readCSV(t, &buf)
	assert.Equal(t, []string{"time_ms", "neuron"}, header)
	want := mem.Spikes()
	require.NotEmpty(t, want)
	require.Len(t, rows, len(want))
	for j, s := range want {
		assert.Equal(t, s.Time, rows[j][0], "row %d time", j)
		assert.Equal(t, float64(s.Neuron), rows[j][1], "row %d neuron", j)
	}
	assert.Empty(t, str.Spikes(), "a streaming monitor holds no spikes")
	assert.Equal(t, mem.Count(), str.Count(), "a streaming monitor still counts")
	assert.Equal(t, len(want), str.NumSpikes())
}

// failWriter fails every write.
type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestSpikeMonitorStreamError(t *testing.T) {
	pop := lifPop("lif", 1)
	mon := monitors.NewSpikeMonitor("stream", pop)
	mon.W = failWriter{}
	sim := compile(t, []*neurons.Population{pop}, pop, []float64{1}, mon)
	err := sim.RunSteps(t.Context(), 10)
	assert.ErrorIs(t, err, errDisk, "the flush at the end of the run reports the failure")
}

func TestSpikeMonitorInitErrors(t *testing.T) {
	tests := []struct {
		name    string
		indices []int
		noPop   bool
		want    string
	}{
		{name: "index too large", indices: []int{0, 3}, want: "index 3 out of range"},
		{name: "negative index", indices: []int{-1}, want: "index -1 out of range"},
		{name: "no population", noPop: true, want: "no population"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pop := lifPop("lif", 3)
			mon := monitors.NewSpikeMonitor("spikes", pop)
			mon.Indices = tt.indices
			if tt.noPop {
				mon.Pop = nil
			}
			net := graph.New(1)
			net.AddPopulation(pop)
			net.AddMonitor(mon)
			_, err := net.Compile()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), `monitor "spikes"`)
		})
	}
}
