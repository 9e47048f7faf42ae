package synapses

import (
	"fmt"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// VarJump is the kernel of an edge that names a state variable of its
// target model (target_var in the network language): an arriving spike adds
// its weight to that variable of the target neuron, as Brian2's
// on_pre = "ge += w", so conductance models are written as equations
// (dge/dt = -ge/tau_e ...). Weights are taken as they are, without Dale's
// sign: an inhibitory source names its own variable (gi). The jump is
// applied at the start of the step the spike arrives in, before the
// target integrates (Brian2 applies it after the integration of that
// step, so its effect shows one step later there). The input x is not
// touched.
type VarJump struct {
	// Name is the target's state variable, e.g. "ge".
	Name string
	// Post is the target population.
	Post *neurons.Population
}

// Kind returns "var".
func (*VarJump) Kind() string { return "var" }

// Init checks that the target model has the variable.
func (k *VarJump) Init(int, float64, bool) error {
	if k.Post == nil || k.Post.Var(k.Name) == nil {
		return fmt.Errorf("target_var %q: the target population has no such state variable", k.Name)
	}
	return nil
}

// Signed returns false: weights jump the variable as given.
func (*VarJump) Signed() bool { return false }

// NeedsV returns false.
func (*VarJump) NeedsV() bool { return false }

// Deliver adds the arriving weights to the target variable and consumes
// them; x is unchanged.
func (k *VarJump) Deliver(a, _, _ []float64, lo, hi int) {
	t := k.Post.Var(k.Name)
	for j := lo; j < hi; j++ {
		t[j] += a[j]
		a[j] = 0
	}
}

// Var returns nil: the kernel has no state of its own.
func (*VarJump) Var(string) []float64 { return nil }

// Reset does nothing.
func (*VarJump) Reset() {}

// VarJump is a Kernel.
var _ Kernel = (*VarJump)(nil)
