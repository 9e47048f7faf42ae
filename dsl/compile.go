package dsl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/synapticflow/synapticflow-go/graph"
)

// Compile compiles the network's graph (building synapses, checking
// parameters, scheduling) and returns the Sim. Problems found there are
// returned as diagnostics pointing at the blocks, or attributes, they
// concern; a zero-delay cycle gives one diagnostic per synapse of the loop.
// For the Network of a Load that failed, see Check.
func (n *Network) Compile() (*graph.Sim, hcl.Diagnostics) {
	if n.Graph == nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Network not loaded", Detail: "Load failed; there is nothing to compile. Check checks what did load."}}
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
		name := e.Name
		if e.Index >= 0 {
			name = fmt.Sprintf("#%d", e.Index) // an unnamed node
		}
		d := &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Invalid %s", e.Kind),
			Detail:   upperFirst(e.Error()) + ".",
		}
		// A parameter error points at the parameter's value, if written.
		if r := n.attrRange(e.Kind, name, e.Attr); r != nil {
			d.Summary = fmt.Sprintf("Invalid value for %q", e.Attr[strings.LastIndexByte(e.Attr, '/')+1:])
			d.Subject = r
			// A list written out, one value per neuron: the neuron's value.
			if t, ok := n.exprs[e.Kind+"/"+name+"/"+e.Attr].(*hclsyntax.TupleConsExpr); ok && e.Neuron >= 0 && len(t.Exprs) > 1 && e.Neuron < len(t.Exprs) {
				d.Subject = t.Exprs[e.Neuron].Range().Ptr()
				d.Context = r
			}
		} else {
			d.Subject = n.rangeOf(e.Kind, name, e.Attr)
		}
		diags = append(diags, d)
	}
	return nil, dedupe(diags)
}

// recordUnnamed records the ranges of the unnamed nodes (stimuli,
// rewards, decisions) [from, to) of a kind that block b made, as
// kind/#INDEX[/ATTR] (graph.Error.Index): the block's, or attribute at's
// if b has it, and its attributes'.
func (n *Network) recordUnnamed(kind string, from, to int, b *hcl.Block, at string) {
	body, ok := b.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	attrs := make(hcl.Attributes, len(body.Attributes))
	for name, a := range body.Attributes {
		attrs[name] = a.AsHCLAttribute()
	}
	for i := from; i < to; i++ {
		key := fmt.Sprintf("%s/#%d", kind, i)
		n.ranges[key] = b.DefRange
		if a, ok := attrs[at]; ok {
			n.ranges[key] = a.Expr.Range()
		}
		n.recordAttrs(key, attrs)
	}
}

// recordAttrs records the ranges of the values of attrs, as
// prefix/NAME, for Compile's diagnostics.
func (n *Network) recordAttrs(prefix string, attrs hcl.Attributes) {
	if n.exprs == nil {
		n.exprs = make(map[string]hcl.Expression)
	}
	for name, a := range attrs {
		n.ranges[prefix+"/"+name] = a.Expr.Range()
		n.exprs[prefix+"/"+name] = a.Expr
	}
}

// Check checks what did load of a network whose Load failed: it compiles
// the blocks that loaded (populations, synapses, monitors, ...) with the
// engine and returns the problems Load did not report, so that Load's
// diagnostics and Check's together are every problem found in one run.
// An engine problem of a block as a whole is left out if Load reported an
// error inside that block: it is most likely a consequence. Check returns
// nil for a network that loaded; compile that with Compile.
func (n *Network) Check() hcl.Diagnostics {
	if n.partial == nil {
		return nil
	}
	_, diags := n.partial.Compile()
	var out hcl.Diagnostics
	for _, d := range diags {
		if covered(d, n.loadDiags) {
			continue
		}
		if d.Subject != nil {
			if ext, ok := n.partial.extents[*d.Subject]; ok && errorWithin(ext, n.loadDiags) {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// errorWithin reports whether an error of diags starts within r.
func errorWithin(r hcl.Range, diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Subject != nil && d.Subject.Filename == r.Filename &&
			d.Subject.Start.Byte >= r.Start.Byte && d.Subject.Start.Byte < r.End.Byte {
			return true
		}
	}
	return false
}

// attrRange returns the range of the value of a block's attribute (attr
// as in rangeOf), or nil if it was not written.
func (n *Network) attrRange(kind, name, attr string) *hcl.Range {
	if attr == "" {
		return nil
	}
	if r, ok := n.ranges[kind+"/"+name+"/"+attr]; ok {
		return r.Ptr()
	}
	if i := strings.LastIndexByte(name, '.'); kind == "monitor" && i > 0 {
		return n.attrRange(kind, name[:i], attr)
	}
	return nil
}

// rangeOf returns the source range of a block's attribute (attr is a
// path such as "rate" or "learning/lr", see graph.Error.Attr), or of the
// innermost enclosing block written if the attribute was not, or nil.
func (n *Network) rangeOf(kind, name, attr string) *hcl.Range {
	for attr != "" {
		if r, ok := n.ranges[kind+"/"+name+"/"+attr]; ok {
			return r.Ptr()
		}
		i := strings.LastIndexByte(attr, '/')
		if i < 0 {
			break
		}
		attr = attr[:i]
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
