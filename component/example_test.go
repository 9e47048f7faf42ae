package component_test

import (
	"fmt"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Scaled is a kernel that delivers each arriving weight times Gain, in
// the step it arrives.
type Scaled struct {
	Gain float64 `param:"gain" min:"0" max:"10" doc:"factor on every arriving weight"`
}

func (*Scaled) Kind() string                  { return "scaled" }
func (*Scaled) Init(int, float64, bool) error { return nil }
func (*Scaled) Signed() bool                  { return true }
func (*Scaled) NeedsV() bool                  { return false }
func (*Scaled) Var(string) []float64          { return nil }
func (*Scaled) Reset()                        {}
func (k *Scaled) Deliver(a, x, _ []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		x[j] += k.Gain * a[j]
		a[j] = 0
	}
}

// Registering a kernel is one line; networks may then write
// kernel = "scaled" with gain = 2 (or kernel "scaled" { gain = 2 }) in a
// synapse block, and netrun models lists it.
func ExampleRegistry_RegisterKernel() {
	reg := component.Default()
	if err := reg.RegisterKernel("weight times gain", func() synapses.Kernel { return &Scaled{Gain: 1} }); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reg.Names(component.Kernel))
	k, _ := reg.New(component.Kernel, "scaled")
	params, _ := component.Describe(k)
	for _, p := range params {
		fmt.Printf("%s: %s, default %s, range %s: %s\n", p.Name, p.Type, p.Default, p.Range(), p.Doc)
		fmt.Println(p.Set(k, 20.0))
	}
	// Output:
	// [alpha alpha_cond biexp biexp_cond conductance current_pulse delta exponential scaled]
	// gain: number, default 1, range [0, 10]: factor on every arriving weight
	// gain must be in [0, 10], not 20
}
