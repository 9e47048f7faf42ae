package dsl_test

import (
	"context"
	"fmt"
	"os"

	"github.com/synapticflow/synapticflow-go/dsl"
)

// Load a network written in two files of one directory, compile and run
// it.
func ExampleLoad() {
	net, diags := dsl.Load("testdata/ok/multi", dsl.Options{})
	if diags.HasErrors() {
		_ = dsl.WriteDiagnostics(os.Stderr, diags, net.Files, false)
		return
	}
	for _, p := range net.Populations() {
		fmt.Printf("%s: %d %s neurons\n", p.Name, p.Len(), p.Model.Kind())
	}
	sim, diags := net.Compile()
	if diags.HasErrors() {
		return
	}
	if err := sim.Run(context.Background(), net.Simulation.Duration); err != nil {
		return
	}
	fmt.Println("steps:", sim.Steps())
	// Output:
	// src: 20 poisson neurons
	// dst: 5 lif neurons
	// steps: 500
}

// Render a mistake the way netrun does.
func ExampleWriteDiagnostics() {
	net, diags := dsl.Load("testdata/errors/unknown_reference.hcl", dsl.Options{})
	_ = dsl.WriteDiagnostics(os.Stdout, diags, net.Files, false)
	// Output:
	// testdata/errors/unknown_reference.hcl:8:20: error: Reference to undeclared population
	//     8 |   to   = population.exct # ERROR: Reference to undeclared population
	//       |                    ^^^^^
	//       No population named "exct" is declared. Did you mean "exc"?
}
