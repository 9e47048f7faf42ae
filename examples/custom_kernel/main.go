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
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_kernel/alpha"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// registry returns the default components with the alpha kernel.
func registry() (*component.Registry, error) {
	reg := component.Default()
	err := reg.RegisterKernel("alpha-function current: rises to the weight at t = tau, then decays", func() synapses.Kernel { return alpha.New() })
	return reg, err
}

func main() {
	reg, err := registry()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.Config{Registry: reg, Name: "netrun-alpha"})
	stop()
	os.Exit(code)
}
