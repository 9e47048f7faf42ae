// Command custom_rule is netrun with one more learning rule: the
// spike-based Oja rule of package oja, registered next to the built-in
// components. Run it like netrun:
//
//	go run ./examples/custom_rule run examples/custom_rule/net.hcl
//	go run ./examples/custom_rule models oja
package main

import (
	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_rule/oja"
	"github.com/synapticflow/synapticflow-go/learning"
)

// register adds the Oja rule to the default components.
func register(reg *component.Registry) error {
	return reg.RegisterRule("spike-based Oja rule", func() learning.Rule { return oja.New() })
}

func main() { cli.Exec(cli.Config{Name: "netrun-oja"}, register) }
