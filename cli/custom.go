package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/synapticflow/synapticflow-go/component"
)

// Exec runs Main as the whole process: netrun itself, or a custom build
// of it. It takes the arguments from os.Args, writes to os.Stdout and
// os.Stderr, and exits with Main's exit code; it does not return.
//
// If register is not nil, Exec first calls it on cfg.Registry (on
// component.Default() if that is nil) to add the build's own components;
// an error it returns is printed and the process exits with ExitConfig.
// A custom build's main is then one line:
//
//	func main() { cli.Exec(cli.Config{Name: "netrun-alpha"}, register) }
//
// Interrupts (Ctrl-C, SIGTERM) are handled as netrun's: the first stops
// the simulation after a whole step and the outputs of what was
// simulated are written; the second abandons the command at once (see
// Config.Abort); the third ends the process with ExitFault. Exec sets
// cfg.Abort for this.
func Exec(cfg Config, register func(*component.Registry) error) {
	if register != nil {
		if cfg.Registry == nil {
			cfg.Registry = component.Default()
		}
		if err := register(cfg.Registry); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(ExitConfig)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	abort := make(chan struct{})
	sigs := make(chan os.Signal, 3)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel()
		<-sigs
		close(abort)
		<-sigs
		os.Exit(ExitFault)
	}()
	cfg.Abort = abort
	os.Exit(Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cfg))
}
