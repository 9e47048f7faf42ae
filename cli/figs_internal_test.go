package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
