package learning_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestBuiltinRules: every rule is registered under its kind, and its own
// parameters are visible to the network language (which sets them by
// reflection on the param tags, embedded structs included).
func TestBuiltinRules(t *testing.T) {
	tests := []struct {
		kind   string
		params []string
	}{
		{"flat_stdp", []string{"lr", "bound", "window_steps"}},
		{"flat_rstdp", []string{"window_steps", "tau_c"}},
		{"mstdp", []string{"tc_plus", "tc_minus", "a_plus", "a_minus"}},
		{"mstdpet", []string{"tc_plus", "tc_minus", "a_plus", "a_minus", "tc_e_trace"}},
		{"triplet_stdp", []string{"a2_plus", "a3_plus", "a2_minus", "a3_minus", "tau_plus", "tau_minus", "tau_x", "tau_y", "interaction", "preset"}},
		{"vogels_istdp", []string{"eta", "rho0", "tau"}},
	}
	reg := learning.Builtin()
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			r, ok := reg.New(tt.kind)
			require.True(t, ok)
			assert.Equal(t, tt.kind, r.Kind())
			var names []string
			for _, p := range neurons.DescribeStruct(r) {
				names = append(names, p.Name)
			}
			for _, want := range tt.params {
				assert.Contains(t, names, want)
			}
		})
	}
}

// hebb is a rule written outside the package: every post spike
// potentiates each incoming synapse whose presynaptic spike arrived in the
// same step by Rate.
type hebb struct {
	Rate float64 `param:"rate" doc:"weight change per coincidence"`
}

func (h *hebb) Kind() string                      { return "hebb" }
func (h *hebb) Init(learning.Edge, float64) error { return nil }
func (h *hebb) Reset()                            {}
func (h *hebb) Update(e learning.Edge, c *learning.Context) {
	arrived := map[int]bool{}
	e.Arrivals(c.Step, func(s int) { arrived[s] = true })
	w := e.Weights()
	for _, j := range c.PostFired {
		for _, s := range e.Incoming(int(j)) {
			if arrived[int(s)] {
				w[s] += h.Rate
			}
		}
	}
}

// A rule written in Go joins the built-in ones in a Registry; the network
// language then finds it by name.
func ExampleRegistry_Register() {
	reg := learning.Builtin()
	if err := reg.Register(func() learning.Rule { return &hebb{Rate: 0.01} }); err != nil {
		panic(err)
	}
	r, ok := reg.New("hebb")
	fmt.Println(ok, r.Kind(), slices.Contains(reg.Kinds(), "hebb"))
	// Output: true hebb true
}
