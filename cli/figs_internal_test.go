package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/monitors"
)

// stimulusCurrent recomputes the current a population's stimuli inject
// (the steps stimulus of figures_all.hcl: 3 from 50 to 250 ms), for the
// current-clamp figure; a population without a current stimulus has
// none.
func TestStimulusCurrent(t *testing.T) {
	net, sim := loadTest(t, "figures_all.hcl", nil)
	r := &result{net: net, sim: sim}
	pops := net.Populations()
	require.Len(t, pops, 2)
	current, ok := r.stimulusCurrent(pops[0])
	require.True(t, ok)
	for _, tc := range []struct {
		k    int
		want float64
	}{{0, 0}, {499, 0}, {500, 3}, {2499, 3}, {2500, 0}} {
		for j := range 3 {
			assert.Equal(t, tc.want, current(tc.k, j), "step %d, neuron %d", tc.k, j)
		}
	}
	_, ok = r.stimulusCurrent(pops[1])
	assert.False(t, ok, "population b has no stimulus")
}

// isiHistogram pools the intervals of each neuron's consecutive spikes;
// rateHistogram bins the rates in whole multiples of 1/T.
func TestSpikeDistributions(t *testing.T) {
	spikes := []monitors.Spike{
		{Time: 0, Neuron: 0}, {Time: 5, Neuron: 1}, {Time: 8, Neuron: 1},
		{Time: 10, Neuron: 0}, {Time: 20, Neuron: 0}, {Time: 30, Neuron: 7}, // 7 is out of range
	}
	each := func(yield func(monitors.Spike) bool) error {
		for _, s := range spikes {
			if !yield(s) {
				break
			}
		}
		return nil
	}
	counts, isi, width, intervals, err := isiHistogram(each, 3, 100)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2, 0}, counts)
	assert.Equal(t, 3, intervals, "10, 10 (neuron 0) and 3 ms (neuron 1)")
	total, at := 0.0, func(ms float64) float64 { return isi[int(ms/width)] }
	for _, c := range isi {
		total += c
	}
	assert.Equal(t, 3.0, total)
	assert.Equal(t, 2.0, at(10))
	assert.Equal(t, 1.0, at(3))
	assert.Greater(t, float64(len(isi))*width, 10.0, "the range reaches past the longest interval")
	assert.Less(t, float64(len(isi))*width, 13.0, "and ends at a tenth more")

	// T = 1 s: rates 3, 2, 0 Hz in bins of 1 Hz.
	lo, w, bins := rateHistogram(counts, []int{0, 1, 2}, 1000)
	assert.Equal(t, -0.5, lo)
	assert.Equal(t, 1.0, w)
	assert.Equal(t, []float64{1, 0, 1, 1}, bins)
	// 1000 spikes in 1 s: bins of 20 whole Hz (1000/50).
	_, w, bins = rateHistogram([]int{1000, 0, 19, 20}, []int{0, 1, 2, 3}, 1000)
	assert.Equal(t, 20.0, w)
	assert.Len(t, bins, 51)
	assert.Equal(t, []float64{2, 1}, bins[:2])
	assert.Equal(t, 1.0, bins[50])
}
