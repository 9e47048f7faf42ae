// Command netrun runs spiking neural networks described in HCL files:
//
//	netrun run examples/elif/elif.hcl
//
// See docs/netrun.md, or run netrun -h.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/synapticflow/synapticflow-go/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal the run stops cleanly and writes its outputs;
	// restoring the default handling lets a second Ctrl-C end the process
	// at once (output files are written atomically, so none is left
	// half-written).
	context.AfterFunc(ctx, stop)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.Config{})
	stop()
	os.Exit(code)
}
