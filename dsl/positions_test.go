package dsl_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestRandomPositionsInHCL: positions = "random" draws the neurons of a
// distance connector in the box of its extent, from the seed; a bad value
// is an error on the attribute.
func TestRandomPositionsInHCL(t *testing.T) {
	const text = `
simulation {
  seed = %s
}
population "p" {
  model = "lif"
  n     = 300
}
synapse "pp" {
  from      = population.p
  to        = population.p
  connect   = "distance"
  p0        = 0.5
  sigma     = 0.1
  extent    = [1, 1]
  periodic  = true
  positions = %s
}
`
	counts := map[string]int{}
	first := map[string]float64{}
	for _, seed := range []string{"1", "2", "1"} {
		net, _, err := loadText(t, fmt.Sprintf(text, seed, `"random"`))
		require.NoError(t, err)
		c := net.Synapses()[0].Connect.(*synapses.Distance)
		assert.Equal(t, synapses.RandomPositions, c.Positions)
		sim, diags := net.Compile()
		require.False(t, diags.HasErrors(), diags.Error())
		n := sim.Synapse("pp").Len()
		if prev, ok := counts[seed]; ok {
			assert.Equal(t, prev, n, "the same seed, the same synapses")
		}
		counts[seed] = n
		pos, _ := c.Coordinates()
		require.Len(t, pos, 2)
		if prev, ok := first[seed]; ok {
			assert.Equal(t, prev, pos[0][0], "the same seed, the same positions")
		}
		first[seed] = pos[0][0]
		for _, x := range pos[0] {
			require.True(t, x >= 0 && x < 1)
		}
		// About 300*299 * p0 * 2 pi sigma^2 (the Gaussian's integral over
		// the unit torus) = 2817 synapses.
		assert.InEpsilon(t, 2817, n, 0.1)
	}
	assert.NotEqual(t, first["1"], first["2"], "another seed, other positions")

	_, _, err := loadText(t, fmt.Sprintf(text, "1", `"hex"`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "net.hcl:")
	assert.Contains(t, err.Error(), `"hex"`)
}
