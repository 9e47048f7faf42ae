// Command netrun runs spiking neural networks described in HCL files:
//
//	netrun run examples/elif/elif.hcl
//
// See docs/netrun.md, or run netrun -h. The first interrupt (Ctrl-C or
// SIGTERM) stops a simulation after a whole step and writes the outputs of
// what was simulated; the second abandons the command at once (a run that
// is writing its outputs leaves the output directory as it was and says
// what is lost); a third ends the process (see cli.Exec).
package main

import "github.com/synapticflow/synapticflow-go/cli"

func main() { cli.Exec(cli.Config{}, nil) }
