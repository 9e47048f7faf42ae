package synapses_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestParamErrorAddress: Init reports a bad parameter of the edge, its
// connector or its kernel as a *paramerr.Error naming the parameter as
// written in a network file.
func TestParamErrorAddress(t *testing.T) {
	tests := []struct {
		name  string
		set   func(s *synapses.Synapse)
		param string
	}{
		{"p", func(s *synapses.Synapse) { s.Connect = synapses.Random{P: 2} }, "p"},
		{"k", func(s *synapses.Synapse) { s.Connect = synapses.FixedInDegree{K: 50} }, "k"},
		{"list", func(s *synapses.Synapse) { s.Connect = synapses.List{Pre: []int{0, 9}, Post: []int{0, 0}} }, "pre"},
		{"tau", func(s *synapses.Synapse) { s.Kernel = &synapses.Exponential{Tau: -1} }, "tau"},
		{"e_rev", func(s *synapses.Synapse) { e := math.NaN(); s.Kernel = &synapses.Conductance{Tau: 5, ERev: &e} }, "e_rev"},
		{"bounds", func(s *synapses.Synapse) { s.WMin, s.WMax = 1, 0 }, "w_max"},
		{"norm", func(s *synapses.Synapse) { s.Norm = -1 }, "norm"},
		{"delay", func(s *synapses.Synapse) { s.Delay = dist.Const(-1) }, "delay"},
		{"weight", func(s *synapses.Synapse) { s.Weight = dist.Uniform{Min: 1, Max: 0} }, "weight"},
		{"weight matrix", func(s *synapses.Synapse) { s.WeightMatrix = []float64{1} }, "weight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := neurons.New("a", 3, neurons.NewLIF())
			require.NoError(t, a.Init(0.1, 1, 0))
			s := synapses.New("aa", a, a)
			tt.set(s)
			err := s.Init(0.1, 1)
			require.Error(t, err)
			pe, ok := paramerr.As(err)
			require.True(t, ok, "%v is no *paramerr.Error", err)
			assert.Equal(t, tt.param, pe.Attr())
		})
	}
}
