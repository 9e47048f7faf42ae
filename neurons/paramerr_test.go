package neurons_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// TestParamErrorAddress: Init reports a bad parameter as a *paramerr.Error
// naming the parameter (as written in a network file) and the neuron.
func TestParamErrorAddress(t *testing.T) {
	lifWith := func(set func(m *neurons.LIF)) neurons.Model {
		m := neurons.NewLIF()
		set(m)
		return m
	}
	tests := []struct {
		name   string
		model  neurons.Model
		param  string
		neuron int
	}{
		{"rate per step", neurons.NewPoisson(40000), "rate", 0},
		{"negative rate", &neurons.Poisson{Rate: neurons.Param{1, 1, -1}}, "rate", 2},
		{"schedule", &neurons.Poisson{Rate: neurons.Param{1}, RateSchedule: [][]float64{{-1, 5}}}, "rate_schedule", -1},
		{"spike time", neurons.NewSpikeGenerator([][]float64{{1}, {-2}}), "spike_times", 1},
		{"tau_m of neuron 1", lifWith(func(m *neurons.LIF) { m.TauM = neurons.Param{10, -1, 10} }), "tau_m", 1},
		{"threshold length", lifWith(func(m *neurons.LIF) { m.Threshold = neurons.Param{1, 2} }), "threshold", -1},
		{"v_init", lifWith(func(m *neurons.LIF) { m.VInit = dist.Uniform{Min: 1, Max: 0} }), "v_init", -1},
		{"method", lifWith(func(m *neurons.LIF) { m.Method = "rk4" }), "method", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.model.Init(3, 0.1, rand.New(rand.NewPCG(1, 2)))
			require.Error(t, err)
			pe, ok := paramerr.As(err)
			require.True(t, ok, "%v is no *paramerr.Error", err)
			assert.Equal(t, tt.param, pe.Attr())
			assert.Equal(t, tt.neuron, pe.Neuron)
		})
	}
}
