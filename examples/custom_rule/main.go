// Command custom_rule is netrun with one more learning rule: the
// spike-based Oja rule of package oja, registered next to the built-in
// components. Run it like netrun:
//
//	go run ./examples/custom_rule run examples/custom_rule/net.hcl
//	go run ./examples/custom_rule models oja
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_rule/oja"
	"github.com/synapticflow/synapticflow-go/learning"
)

// registry returns the default components with the Oja rule.
func registry() (*component.Registry, error) {
	reg := component.Default()
	err := reg.RegisterRule("spike-based Oja rule", func() learning.Rule { return oja.New() })
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
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.Config{Registry: reg, Name: "netrun-oja"})
	stop()
	os.Exit(code)
}
