package learning_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// TestParamErrorAddress: a rule's bad parameter reaches Compile's error
// as a *paramerr.Error addressed inside the synapse's learning block.
func TestParamErrorAddress(t *testing.T) {
	stdp := func(set func(r *learning.STDP)) learning.Rule {
		r := learning.NewSTDP()
		set(r)
		return r
	}
	tests := []struct {
		name string
		rule learning.Rule
		attr string
	}{
		{"lr length", stdp(func(r *learning.STDP) { r.LR = []float64{1, 2, 3} }), "learning/lr"},
		{"lr finite", stdp(func(r *learning.STDP) { r.LR = []float64{math.NaN()} }), "learning/lr"},
		{"bound", stdp(func(r *learning.STDP) { r.Bound = "springy" }), "learning/bound"},
		{"weight decay", stdp(func(r *learning.STDP) { r.WeightDecay = -1 }), "learning/weight_decay"},
		{"norm_every without norm", stdp(func(r *learning.STDP) { r.NormEvery = 10 }), "learning/norm_every"},
		{"w_max below w_min", stdp(func(r *learning.STDP) { r.WMin, r.WMax = []float64{1}, []float64{0} }), "learning/w_max"},
		{"tau_post", stdp(func(r *learning.STDP) { r.TauPost = 0 }), "learning/tau_post"},
		{"tau_pre", stdp(func(r *learning.STDP) { r.TauPre = -1 }), "learning/tau_pre"},
		{"triplet preset", func() learning.Rule { r := learning.NewTripletSTDP(); r.Preset = "nope"; return r }(), "learning/preset"},
		{"triplet amplitude", func() learning.Rule { r := learning.NewTripletSTDP(); r.A2Plus = -1; return r }(), "learning/a2_plus"},
		{"vogels eta", func() learning.Rule { r := learning.NewVogelsISTDP(); r.Eta = math.Inf(1); return r }(), "learning/eta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := compileErr(tt.rule)
			require.Error(t, err)
			pe, ok := paramerr.As(err)
			require.True(t, ok, "%v is no *paramerr.Error", err)
			assert.Equal(t, tt.attr, pe.Attr())
			assert.Equal(t, -1, pe.Neuron)
		})
	}
}
