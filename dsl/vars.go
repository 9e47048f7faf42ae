package dsl

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "description"}},
}

// loadVariables evaluates the variable blocks: the value is, by priority,
// a -var option, a -var-file entry, or the block's default.
func (l *loader) loadVariables(blocks []*hcl.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	l.vars = make(map[string]cty.Value)
	declared := make(map[string]*hcl.Block)
	for _, b := range blocks {
		content, d := b.Body.Content(variableSchema)
		diags = append(diags, d...)
		name := b.Labels[0]
		declared[name] = b
		if a, ok := content.Attributes["default"]; ok {
			v, d := a.Expr.Value(nil)
			diags = append(diags, d...)
			l.vars[name] = v
		}
	}
	given := make(map[string]cty.Value)
	for _, f := range l.opts.VarFiles {
		file, d := l.parser.ParseHCLFile(f)
		diags = append(diags, d...)
		if file == nil {
			continue
		}
		attrs, d := file.Body.JustAttributes()
		diags = append(diags, d...)
		for name, a := range attrs {
			if _, ok := declared[name]; !ok {
				diags = append(diags, errAt(a.NameRange, "Value for undeclared variable",
					fmt.Sprintf("The network declares no variable named %q.%s", name, suggest(name, keys(declared)))))
				continue
			}
			v, d := a.Expr.Value(nil)
			diags = append(diags, d...)
			given[name] = v
		}
	}
	names := make([]string, 0, len(l.opts.Vars))
	for name := range l.opts.Vars {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, ok := declared[name]; !ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value for undeclared variable",
				Detail: fmt.Sprintf("-var %s=...: the network declares no variable named %q.%s", name, name, suggest(name, keys(declared)))})
			continue
		}
		given[name] = parseVarValue(l.opts.Vars[name])
	}
	for name, v := range given {
		l.vars[name] = v
	}
	for name, b := range declared {
		if _, ok := l.vars[name]; !ok {
			diags = append(diags, errAt(b.DefRange, "No value for required variable",
				fmt.Sprintf("Variable %q has no default; set it with -var %s=VALUE or in a -var-file.", name, name)))
		}
	}
	return diags
}

// parseVarValue reads a -var value as an HCL expression, or as a plain
// string if it is not one.
func parseVarValue(s string) cty.Value {
	expr, d := hclsyntax.ParseExpression([]byte(s), "<-var>", hcl.InitialPos)
	if !d.HasErrors() {
		if v, d := expr.Value(nil); !d.HasErrors() {
			return v
		}
	}
	return cty.StringVal(s)
}

// loadLocals evaluates the locals blocks in dependency order.
func (l *loader) loadLocals(blocks []*hcl.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	l.locals = make(map[string]cty.Value)
	attrs := make(map[string]*hcl.Attribute)
	for _, b := range blocks {
		as, d := b.Body.JustAttributes()
		diags = append(diags, d...)
		for name, a := range as {
			if prev, dup := attrs[name]; dup {
				diags = append(diags, errAt(a.NameRange, "Duplicate local value",
					fmt.Sprintf("A local value named %q was already defined at %s.", name, rangeString(prev.NameRange))))
				continue
			}
			attrs[name] = a
		}
	}
	state := make(map[string]int) // 0 new, 1 in progress, 2 done
	var visit func(name string) hcl.Diagnostics
	visit = func(name string) hcl.Diagnostics {
		a := attrs[name]
		switch state[name] {
		case 1:
			return hcl.Diagnostics{errAt(a.NameRange, "Circular reference in locals",
				fmt.Sprintf("Local value %q depends on itself through other local values.", name))}
		case 2:
			return nil
		}
		state[name] = 1
		var diags hcl.Diagnostics
		for _, t := range a.Expr.Variables() {
			if t.RootName() != "local" || len(t) < 2 {
				continue
			}
			step, ok := t[1].(hcl.TraverseAttr)
			if !ok {
				continue
			}
			if _, ok := attrs[step.Name]; ok {
				diags = append(diags, visit(step.Name)...)
			}
		}
		if !diags.HasErrors() {
			v, d := a.Expr.Value(l.evalContext())
			diags = append(diags, d...)
			l.locals[name] = v
		}
		state[name] = 2
		return diags
	}
	for _, name := range sortedKeys(attrs) {
		diags = append(diags, visit(name)...)
	}
	return diags
}

var simulationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "dt"}, {Name: "duration"}, {Name: "seed"}, {Name: "workers"}, {Name: "tau_d"}},
}

// loadSimulation reads the simulation block (all attributes optional).
func (l *loader) loadSimulation(blocks []*hcl.Block) hcl.Diagnostics {
	sim := Simulation{Dt: 0.1, Duration: 100, TauD: 200}
	var diags hcl.Diagnostics
	if len(blocks) > 0 {
		b := blocks[0]
		content, d := b.Body.Content(simulationSchema)
		diags = append(diags, d...)
		ctx := l.evalContext()
		for _, name := range sortedKeys(content.Attributes) {
			a := content.Attributes[name]
			v, d := a.Expr.Value(ctx)
			diags = append(diags, d...)
			if d.HasErrors() {
				continue
			}
			var err error
			switch name {
			case "dt":
				sim.Dt, err = toFloat(v)
				if err == nil && sim.Dt <= 0 {
					err = fmt.Errorf("the time step must be positive, not %g ms", sim.Dt)
				}
			case "duration":
				sim.Duration, err = toFloat(v)
				if err == nil && sim.Duration < 0 {
					err = fmt.Errorf("the duration must be >= 0, not %g ms", sim.Duration)
				}
			case "seed":
				sim.Seed, err = toUint64(v)
			case "tau_d":
				sim.TauD, err = toFloat(v)
				if err == nil && sim.TauD <= 0 {
					err = fmt.Errorf("tau_d must be positive, not %g ms", sim.TauD)
				}
			case "workers":
				sim.Workers, err = toInt(v)
				if err == nil && sim.Workers < 0 {
					err = fmt.Errorf("workers must be 0 (all cores) or more, not %d", sim.Workers)
				}
			}
			if err != nil {
				diags = append(diags, attrErr(a, err.Error()))
			}
		}
	}
	l.net.Simulation = sim
	return diags
}

func keys[V any](m map[string]V) []string { return sortedKeys(m) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// finishDiagnostics is the last step of Load: it names the errors of the
// checked operators and drops repeated diagnostics (the same severity,
// summary, detail and range), such as the same error of an expression
// evaluated once per instance of a repeated block.
func finishDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	type key struct {
		sev             hcl.DiagnosticSeverity
		summary, detail string
		subject         hcl.Range
		hasSubject      bool
	}
	seen := make(map[key]bool)
	out := diags[:0:0]
	for _, d := range diags {
		arithmeticDiagnostic(d)
		k := key{sev: d.Severity, summary: d.Summary, detail: d.Detail}
		if d.Subject != nil {
			k.subject, k.hasSubject = *d.Subject, true
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}
