package dsl

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// metaAttrs are the meta-arguments every named block accepts.
var metaAttrs = []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}

// instance is one copy of a block stamped out by count or for_each.
type instance struct {
	// key is "" for a block without count/for_each, the index for count
	// and the key for for_each.
	key string
	// suffix is appended to the block's name: "", "[0]", "[\"a\"]".
	suffix string
	ctx    *hcl.EvalContext
}

// eachInstance decodes b with schema, expands its count or for_each and
// calls build for each instance, gathering the diagnostics.
func (l *loader) eachInstance(b *hcl.Block, schema *hcl.BodySchema, build func(attrs hcl.Attributes, in instance) hcl.Diagnostics) hcl.Diagnostics {
	content, diags := decodeBody(b.Body, schema)
	if diags.HasErrors() {
		return diags
	}
	attrs := content.Attributes
	insts, d := l.instances(b, attrs)
	diags = append(diags, d...)
	for _, in := range insts {
		diags = append(diags, build(attrs, in)...)
	}
	return diags
}

// instances expands a block's count or for_each.
func (l *loader) instances(b *hcl.Block, attrs hcl.Attributes) ([]instance, hcl.Diagnostics) {
	count, hasCount := attrs["count"]
	forEach, hasForEach := attrs["for_each"]
	ctx := l.evalContext()
	switch {
	case hasCount && hasForEach:
		return nil, hcl.Diagnostics{errAt(forEach.NameRange, "Invalid combination of \"count\" and \"for_each\"",
			"The \"count\" and \"for_each\" meta-arguments are mutually exclusive: use one of them.")}
	case hasCount:
		v, diags := count.Expr.Value(ctx)
		if diags.HasErrors() {
			return nil, diags
		}
		n, err := toInt(v)
		if err == nil && n < 0 {
			err = fmt.Errorf("count must be >= 0, not %d", n)
		}
		if err == nil {
			err = l.stamp(n)
		}
		if err != nil {
			return nil, hcl.Diagnostics{errAt(count.Expr.Range(), "Invalid count argument", upperFirst(err.Error())+".")}
		}
		out := make([]instance, n)
		for i := range out {
			c := ctx.NewChild()
			c.Variables = map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})}
			out[i] = instance{key: strconv.Itoa(i), suffix: fmt.Sprintf("[%d]", i), ctx: c}
		}
		return out, nil
	case hasForEach:
		v, diags := forEach.Expr.Value(ctx)
		if diags.HasErrors() {
			return nil, diags
		}
		t := v.Type()
		if v.IsNull() || !(t.IsMapType() || t.IsObjectType() || t.IsSetType()) {
			return nil, hcl.Diagnostics{errAt(forEach.Expr.Range(), "Invalid for_each argument",
				"The \"for_each\" argument must be a map, or a set of strings (use toset([...]) or a map for a list).")}
		}
		var out []instance
		for it := v.ElementIterator(); it.Next(); {
			k, val := it.Element()
			if t.IsSetType() {
				if !val.Type().Equals(cty.String) {
					return nil, hcl.Diagnostics{errAt(forEach.Expr.Range(), "Invalid for_each argument", "A set used in for_each must hold strings.")}
				}
				k = val
			}
			key := k.AsString()
			c := ctx.NewChild()
			c.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(key), "value": val})}
			out = append(out, instance{key: key, suffix: fmt.Sprintf("[%q]", key), ctx: c})
		}
		if err := l.stamp(len(out)); err != nil {
			return nil, hcl.Diagnostics{errAt(forEach.Expr.Range(), "Invalid for_each argument", upperFirst(err.Error())+".")}
		}
		return out, nil
	}
	return []instance{{ctx: ctx}}, nil
}

// entry is a named block and the objects (populations, synapses) it
// stamped out, by instance key.
type entry[T any] struct {
	block    *hcl.Block
	repeated bool
	count    bool
	byKey    map[string]T
	keys     []string
	// failed marks a block that failed to load (or was skipped):
	// references to it resolve silently to nothing.
	failed bool
}

type popEntry = entry[*neurons.Population]

// populationValue is what expressions see of a population: its name,
// size and shape.
func populationValue(p *neurons.Population) cty.Value {
	shape := make([]cty.Value, len(p.Shape))
	for i, d := range p.Shape {
		shape[i] = cty.NumberIntVal(int64(d))
	}
	return cty.ObjectVal(map[string]cty.Value{
		"name":  cty.StringVal(p.Name),
		"n":     cty.NumberIntVal(int64(p.Len())),
		"shape": cty.TupleVal(shape),
	})
}

// publish makes a loaded population block visible to later expressions as
// population.NAME (an object, or a tuple/map of objects when repeated).
func (l *loader) publish(name string, e *popEntry) {
	if !e.repeated {
		if p := e.byKey[""]; p != nil {
			l.popsV[name] = populationValue(p)
		}
		return
	}
	elems := make(map[string]cty.Value)
	var list []cty.Value
	for _, k := range e.keys {
		elems[k] = populationValue(e.byKey[k])
		list = append(list, elems[k])
	}
	if e.count {
		l.popsV[name] = cty.TupleVal(list)
	} else {
		l.popsV[name] = cty.ObjectVal(elems)
	}
}

// resolvePop resolves a reference to a population: population.NAME, or
// population.NAME[KEY] for a repeated block (KEY may be an expression such
// as count.index). References are resolved statically, from the syntax,
// so that misspelt names get a precise range and a suggestion.
func (l *loader) resolvePop(a *hcl.Attribute, ctx *hcl.EvalContext) (*neurons.Population, hcl.Diagnostics) {
	return resolveRef(l.pops, "population", a, ctx)
}

// resolveRef resolves a reference ROOT.NAME or ROOT.NAME[KEY] to the
// object an entry of entries stamped out. It returns nil without
// diagnostics if the referenced block itself failed (already reported).
func resolveRef[T any](entries map[string]*entry[T], root string, a *hcl.Attribute, ctx *hcl.EvalContext) (T, hcl.Diagnostics) {
	var zero T
	var trav hcl.Traversal
	var keyExpr hcl.Expression
	switch e := a.Expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		trav = e.Traversal
	case *hclsyntax.IndexExpr:
		if c, ok := e.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
			trav, keyExpr = c.Traversal, e.Key
		}
	case *hclsyntax.RelativeTraversalExpr:
		if c, ok := e.Source.(*hclsyntax.ScopeTraversalExpr); ok && len(e.Traversal) == 1 {
			if _, isIndex := e.Traversal[0].(hcl.TraverseIndex); isIndex {
				trav = append(append(hcl.Traversal{}, c.Traversal...), e.Traversal...)
			}
		}
	}
	invalid := hcl.Diagnostics{&hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid " + root + " reference",
		Detail:   fmt.Sprintf("%q must refer to a %s, as %s.NAME (or %s.NAME[INDEX] for a block with count or for_each).", a.Name, root, root, root),
		Subject:  a.Expr.Range().Ptr(),
		Context:  a.Range.Ptr(),
	}}
	if len(trav) < 2 || len(trav) > 3 || trav.RootName() != root {
		return zero, invalid
	}
	step, ok := trav[1].(hcl.TraverseAttr)
	if !ok {
		return zero, invalid
	}
	e, ok := entries[step.Name]
	if !ok {
		return zero, hcl.Diagnostics{&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Reference to undeclared " + root,
			Detail:   fmt.Sprintf("No %s named %q is declared.%s", root, step.Name, suggest(step.Name, keys(entries))),
			Subject:  step.SrcRange.Ptr(),
			Context:  a.Range.Ptr(),
		}}
	}
	if e.failed {
		return zero, nil // already reported
	}
	var key cty.Value
	keyRange := a.Expr.Range()
	switch {
	case len(trav) == 3:
		idx, ok := trav[2].(hcl.TraverseIndex)
		if !ok {
			return zero, invalid
		}
		key, keyRange = idx.Key, idx.SrcRange
	case keyExpr != nil:
		v, d := keyExpr.Value(ctx)
		if d.HasErrors() {
			return zero, d
		}
		key, keyRange = v, keyExpr.Range()
	}
	if key == cty.NilVal {
		if e.repeated {
			return zero, hcl.Diagnostics{errAt(a.Expr.Range(), "Missing "+root+" index",
				fmt.Sprintf("%s %q is declared with count or for_each; pick one instance, e.g. %s.%s[%s].", upperFirst(root), step.Name, root, step.Name, firstKey(e)))}
		}
		return e.byKey[""], nil // nil if the block itself failed: already reported
	}
	if !e.repeated {
		return zero, hcl.Diagnostics{errAt(keyRange, "Unexpected "+root+" index",
			fmt.Sprintf("%s %q has no count or for_each, so it cannot be indexed.", upperFirst(root), step.Name))}
	}
	k, err := keyString(key)
	if err != nil {
		return zero, hcl.Diagnostics{errAt(keyRange, "Invalid "+root+" index", upperFirst(err.Error())+".")}
	}
	p, ok := e.byKey[k]
	if !ok {
		return zero, hcl.Diagnostics{errAt(keyRange, "Invalid "+root+" index",
			fmt.Sprintf("%s %q has no instance %s; it has %d: %v.", upperFirst(root), step.Name, k, len(e.keys), e.keys))}
	}
	return p, nil
}

func firstKey[T any](e *entry[T]) string {
	if len(e.keys) == 0 {
		return "0"
	}
	if _, err := strconv.Atoi(e.keys[0]); err == nil {
		return e.keys[0]
	}
	return strconv.Quote(e.keys[0])
}

// keyString normalises an index value: a whole number or a string.
func keyString(v cty.Value) (string, error) {
	if v.IsNull() || !v.IsKnown() {
		return "", fmt.Errorf("the index must be a number or a string")
	}
	switch {
	case v.Type().Equals(cty.String):
		return v.AsString(), nil
	case v.Type().Equals(cty.Number):
		i, acc := v.AsBigFloat().Int64()
		if acc != big.Exact {
			return "", fmt.Errorf("the index must be a whole number")
		}
		return strconv.FormatInt(i, 10), nil
	}
	return "", fmt.Errorf("the index must be a number or a string, not %s", v.Type().FriendlyName())
}
