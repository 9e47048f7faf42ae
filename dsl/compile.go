package dsl

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/graph"
)

// Compile compiles the network's graph (building synapses, checking
// parameters, scheduling) and returns the Sim. Problems found there are
// returned as diagnostics pointing at the blocks, or attributes, they
// concern; a zero-delay cycle gives one diagnostic per synapse of the loop.
func (n *Network) Compile() (*graph.Sim, hcl.Diagnostics) {
	if n.Graph == nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Network not loaded", Detail: "Load failed; there is nothing to compile."}}
	}
	// Sizes and steps are checked before anything is allocated.
	warnings := n.checkResources()
	if warnings.HasErrors() {
		return nil, warnings
	}
	sim, err := n.Graph.Compile()
	if err == nil {
		for _, m := range n.Monitors {
			if sm := m.Signals["dopamine"]; sm != nil {
				sm.F = sim.Dopamine
			}
			if sm := m.Signals["reward"]; sm != nil {
				sm.F = sim.Reward
			}
		}
		return sim, warnings
	}
	var errs graph.Errors
	if !errors.As(err, &errs) {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot compile network", Detail: err.Error()}}
	}
	diags := warnings
	for _, e := range errs {
		if len(e.Nodes) > 0 {
			for _, s := range e.Nodes {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Zero-delay cycle",
					Detail:   upperFirst(e.Err.Error()) + ".",
					Subject:  n.rangeOf("synapse", s, "delay"),
				})
			}
			continue
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Invalid %s", e.Kind),
			Detail:   upperFirst(e.Error()) + ".",
			Subject:  n.rangeOf(e.Kind, e.Name, paramIn(e.Err.Error())),
		})
	}
	return nil, diags
}

var paramRE = regexp.MustCompile(`parameter ([a-zA-Z_0-9]+)`)

// paramIn returns the parameter an engine error message names, or "".
func paramIn(msg string) string {
	if m := paramRE.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// rangeOf returns the source range of a block's attribute, or of the
// block if the attribute was not written, or nil.
func (n *Network) rangeOf(kind, name, attr string) *hcl.Range {
	if attr != "" {
		if r, ok := n.ranges[kind+"/"+name+"/"+attr]; ok {
			return r.Ptr()
		}
	}
	if r, ok := n.ranges[kind+"/"+name]; ok {
		return r.Ptr()
	}
	// A monitor block makes engine monitors named after it: "m.state",
	// "m.rate", "m.dopamine".
	if i := strings.LastIndexByte(name, '.'); kind == "monitor" && i > 0 {
		return n.rangeOf(kind, name[:i], attr)
	}
	return nil
}
