package dsl

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// This file lets the stages of Load run past each other's failures: a
// value that failed to load is marked failed, the blocks that read it are
// skipped, and references to a block that failed resolve to nothing, all
// silently, since the failure itself is already reported.

// markFailed marks the variables declared by blocks that have no value,
// or a value that is not wholly known (an evaluation error), as failed.
func (l *loader) markFailed(blocks []*hcl.Block, root string, values map[string]cty.Value) {
	for _, b := range blocks {
		if len(b.Labels) == 0 {
			continue
		}
		if v, ok := values[b.Labels[0]]; !ok || !v.IsWhollyKnown() {
			l.failed[root+"."+b.Labels[0]] = true
		}
	}
}

// markFailedLocals marks the local values and simulation settings that
// did not evaluate as failed.
func (l *loader) markFailedLocals(blocks []*hcl.Block) {
	for name, v := range l.simV {
		if !v.IsWhollyKnown() {
			l.failed["simulation."+name] = true
		}
	}
	for _, b := range blocks {
		body, ok := b.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for name := range body.Attributes {
			if v, ok := l.locals[name]; !ok || !v.IsWhollyKnown() {
				l.failed["local."+name] = true
			}
		}
	}
}

// readsFailed reports whether an expression of block b, or of a block
// nested in it, reads a value that failed: a failed variable or local, or
// an attribute (population.NAME.n) of a population that did not load.
// A plain reference (population.NAME) is not a read: references resolve
// silently to nothing when their block failed.
func (l *loader) readsFailed(b *hcl.Block) bool {
	body, ok := b.Body.(*hclsyntax.Body)
	return ok && l.bodyReadsFailed(body)
}

func (l *loader) bodyReadsFailed(body *hclsyntax.Body) bool {
	if len(l.failed) == 0 && len(l.pops) == len(l.popsV) {
		return false
	}
	for _, a := range body.Attributes {
		for _, t := range a.Expr.Variables() {
			if l.failedRead(t) {
				return true
			}
		}
	}
	for _, nb := range body.Blocks {
		if l.bodyReadsFailed(nb.Body) {
			return true
		}
	}
	return false
}

func (l *loader) failedRead(t hcl.Traversal) bool {
	if len(t) < 2 {
		return false
	}
	step, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return false
	}
	switch root := t.RootName(); root {
	case "var", "local", "simulation":
		return l.failed[root+"."+step.Name]
	case "population":
		e, declared := l.pops[step.Name]
		if !declared {
			return false // reported where it is read
		}
		if _, ok := l.popsV[step.Name]; ok && !e.failed {
			return false
		}
		// population.NAME.n or population.NAME[KEY].n reads the block's
		// value; population.NAME[KEY] alone is a reference.
		for _, s := range t[2:] {
			if _, isAttr := s.(hcl.TraverseAttr); isAttr {
				return true
			}
		}
	}
	return false
}

// skip reports whether block b reads a failed value, and if so registers
// it in entries as failed so that references to it stay silent.
func skip[T any](l *loader, b *hcl.Block, entries map[string]*entry[T]) bool {
	if !l.readsFailed(b) {
		return false
	}
	if _, dup := entries[b.Labels[0]]; !dup {
		entries[b.Labels[0]] = failedBlock[T](b)
	}
	return true
}

// markEntry marks the entry of block b failed if loading it (with
// diagnostics d) gave errors and no instance, registering it if the
// block failed before it was registered.
func markEntry[T any](entries map[string]*entry[T], b *hcl.Block, d hcl.Diagnostics) {
	if !d.HasErrors() || len(b.Labels) == 0 {
		return
	}
	e, ok := entries[b.Labels[0]]
	switch {
	case !ok:
		entries[b.Labels[0]] = failedBlock[T](b)
	case e.block == b && len(e.keys) == 0:
		e.failed = true
	}
}

// failedBlock is the entry of a block that failed.
func failedBlock[T any](b *hcl.Block) *entry[T] {
	e := &entry[T]{block: b, byKey: make(map[string]T), failed: true}
	if body, ok := b.Body.(*hclsyntax.Body); ok {
		_, e.count = body.Attributes["count"]
		_, forEach := body.Attributes["for_each"]
		e.repeated = e.count || forEach
	}
	return e
}
