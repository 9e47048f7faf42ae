// Command custom_kernel is netrun with one more synapse kernel: the
// alpha-function current of package alpha, registered next to the
// built-in components. It is then usable from HCL (kernel = "my_alpha", or
// kernel "my_alpha" { tau = 2 }), listed by models and drawn by graph. Run
// it like netrun:
//
//	go run ./examples/custom_kernel run examples/custom_kernel/net.hcl
//	go run ./examples/custom_kernel models my_alpha
package main

import (
	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_kernel/alpha"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// register adds the alpha kernel to the default components.
func register(reg *component.Registry) error {
	return reg.RegisterKernel("alpha-function current: rises to the weight at t = tau, then decays", func() synapses.Kernel { return alpha.New() })
}

func main() { cli.Exec(cli.Config{Name: "netrun-alpha"}, register) }
