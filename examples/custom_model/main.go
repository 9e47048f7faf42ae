// Command custom_model is netrun with one more neuron model: the
// resonate-and-fire neuron of package raf, registered next to the
// built-in components (the data model of package encoding included).
// Run it like netrun:
//
//	go run ./examples/custom_model run examples/custom_model/net.hcl
//	go run ./examples/custom_model models raf
package main

import (
	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_model/raf"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// register adds the resonate-and-fire model to the default components
// (the data model included).
func register(reg *component.Registry) error {
	return reg.RegisterModel("resonate-and-fire neuron (Izhikevich 2001)", func() neurons.Model { return raf.New() })
}

func main() { cli.Exec(cli.Config{Name: "netrun-raf"}, register) }
