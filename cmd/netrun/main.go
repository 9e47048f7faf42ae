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
	ctx, cancel := context.WithCancel(context.Background())
	abort := make(chan struct{})
	sigs := make(chan os.Signal, 3)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first interrupt (Ctrl-C or SIGTERM) stops the simulation
		// after a whole step, and the outputs of what was simulated are
		// written; during the writing it changes nothing.
		<-sigs
		cancel()
		// The second abandons the command at once: a run that is writing
		// its outputs leaves the output directory as it was and says what
		// is lost.
		<-sigs
		close(abort)
		// A third ends the process, whatever it is doing.
		<-sigs
		os.Exit(cli.ExitFault)
	}()
	os.Exit(cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.Config{Abort: abort}))
}
