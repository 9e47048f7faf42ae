// Command custom_model is netrun with one more neuron model: the
// resonate-and-fire neuron of package raf, registered next to the
// built-in components (the data model of package encoding included).
// Run it like netrun:
//
//	go run ./examples/custom_model run examples/custom_model/net.hcl
//	go run ./examples/custom_model models raf
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_model/raf"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// registry returns the default components (the data model included)
// with the resonate-and-fire model.
func registry() (*component.Registry, error) {
	reg := component.Default()
	err := reg.RegisterModel("resonate-and-fire neuron (Izhikevich 2001)", func() neurons.Model { return raf.New() })
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
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.Config{Registry: reg, Name: "netrun-raf"})
	stop()
	os.Exit(code)
}
