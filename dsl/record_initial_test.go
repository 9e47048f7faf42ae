package dsl_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
)

// TestRecordInitial: record_initial = true gives a state monitor a first
// record, stamped 0 ms, holding the initial values (v_init), before the
// record after step 0; without it the first record is after step 0.
func TestRecordInitial(t *testing.T) {
	src := func(extra string) string {
		return `
simulation {
  dt = 0.1
}
population "p" {
  model  = "lif"
  n      = 3
  v_init = [-70, -65, -60]
}
monitor "v" {
  target    = population.p
  variables = ["v"]
  every     = 2
  ` + extra + `
}
`
	}
	for _, tc := range []struct {
		extra string
		steps []int
	}{
		{"record_initial = true", []int{0, 0, 2, 4}},
		{"record_initial = false", []int{0, 2, 4}},
		{"", []int{0, 2, 4}},
	} {
		net, diags := loadSource(t, src(tc.extra), dsl.Options{})
		require.False(t, diags.HasErrors(), diags.Error())
		sim, diags := net.Compile()
		require.False(t, diags.HasErrors(), diags.Error())
		require.NoError(t, sim.RunSteps(context.Background(), 5))
		st := net.Monitors[0].State
		assert.Equal(t, tc.steps, st.Steps(), tc.extra)
		v := st.Get("v")
		if len(tc.steps) == 4 {
			assert.Equal(t, []float64{-70, -65, -60}, v.RawRowView(0), "the initial record")
		}
		assert.NotEqual(t, []float64{-70, -65, -60}, v.RawRowView(len(tc.steps)-3), "%s: the record after step 0 has moved", tc.extra)
	}

	// A monitor of spikes only has no state to record initially.
	_, diags := loadSource(t, `
population "p" {
  model = "lif"
  n     = 3
}
monitor "s" {
  target         = population.p
  record_initial = true
}
`, dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Equal(t, "Nothing to record initially", diags[0].Summary)
	require.NotNil(t, diags[0].Subject)
	assert.Equal(t, 8, diags[0].Subject.Start.Line)
}
