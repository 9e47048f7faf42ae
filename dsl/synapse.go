package dsl

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/npy"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// edgeAttrs are the synapse block's own attributes (besides from, to and
// the meta-arguments); the connector's and kernel's parameters come from
// the registry.
var edgeAttrs = []string{"connect", "weight", "w_min", "w_max", "norm", "delay", "kernel", "save_weights", "target_var", "model"}

// synapseSchema returns the schema of a synapse block: its own
// attributes, the parameters of every registered connector and kernel
// (the flat form, connect = "random" with p = 0.1), the learning block
// and the sub-blocks connect "NAME" { ... } and kernel "NAME" { ... }.
func (l *loader) synapseSchema() *hcl.BodySchema {
	if l.synSchema != nil {
		return l.synSchema
	}
	s := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "from", Required: true}, {Name: "to", Required: true}}}
	names := slices.Clone(edgeAttrs)
	for _, kind := range []component.Kind{component.Connector, component.Kernel} {
		for _, n := range l.reg.Params(kind) {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	for _, n := range l.synapseModelParams() { // parameters and NAME_init of synapse models
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, n := range names {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: n})
	}
	s.Attributes = append(s.Attributes, metaAttrs...)
	s.Blocks = []hcl.BlockHeaderSchema{
		{Type: "learning", LabelNames: []string{"rule"}},
		{Type: "connect", LabelNames: []string{"name"}},
		{Type: "kernel", LabelNames: []string{"name"}},
	}
	l.synSchema = s
	return s
}

// loadSynapse decodes a synapse block.
func (l *loader) loadSynapse(b *hcl.Block) hcl.Diagnostics {
	content, diags := decodeBody(b.Body, l.synapseSchema())
	if diags.HasErrors() {
		return diags
	}
	name := b.Labels[0]
	if _, dup := l.syns[name]; dup {
		return diags // reported by checkDuplicates
	}
	e := &entry[*synapses.Synapse]{block: b, byKey: make(map[string]*synapses.Synapse)}
	_, e.count = content.Attributes["count"]
	_, hasForEach := content.Attributes["for_each"]
	e.repeated = e.count || hasForEach
	l.syns[name] = e
	if rules := blocksOf(content, "learning"); len(rules) > 1 {
		diags = append(diags, errAt(rules[1].DefRange, "Duplicate learning block",
			fmt.Sprintf("A synapse has at most one learning rule; the first is at %s.", rangeString(rules[0].DefRange))))
	}
	insts, d := l.instances(b, content.Attributes)
	diags = append(diags, d...)
	for _, in := range insts {
		s, d := l.buildSynapse(name+in.suffix, b, content, in.ctx)
		diags = append(diags, d...)
		if s != nil {
			e.byKey[in.key] = s
			e.keys = append(e.keys, in.key)
		}
	}
	return diags
}

// blocksOf returns the blocks of content of the given type.
func blocksOf(content *hcl.BodyContent, typ string) []*hcl.Block {
	var out []*hcl.Block
	for _, b := range content.Blocks {
		if b.Type == typ {
			out = append(out, b)
		}
	}
	return out
}

func (l *loader) buildSynapse(name string, b *hcl.Block, content *hcl.BodyContent, ctx *hcl.EvalContext) (*synapses.Synapse, hcl.Diagnostics) {
	attrs := content.Attributes
	key := "synapse/" + name
	l.net.ranges[key] = b.DefRange
	l.net.recordAttrs(key, attrs)
	pre, diags := l.resolvePop(attrs["from"], ctx)
	post, d := l.resolvePop(attrs["to"], ctx)
	diags = append(diags, d...)
	values, d := evalAttrs(attrs, ctx, "from", "to", "count", "for_each")
	diags = append(diags, d...)
	if diags.HasErrors() || pre == nil || post == nil {
		return nil, diags
	}
	s := synapses.New(name, pre, post)
	// fail records a problem with attribute n.
	fail := func(n string, err error) {
		diags = append(diags, attrErr(attrs[n], err.Error()))
	}
	num := func(n string, def float64) float64 {
		v, ok := values[n]
		if !ok {
			return def
		}
		f, err := toFloat(v)
		if err != nil {
			fail(n, err)
		}
		return f
	}
	used := make(map[string]bool)
	conn, d := l.decodeComponent(component.Connector, "connect", "dense", b, content, values, used, ctx, key)
	diags = append(diags, d...)
	kern, d := l.decodeComponent(component.Kernel, "kernel", "delta", b, content, values, used, ctx, key)
	diags = append(diags, d...)
	if k, ok := kern.value().(synapses.Kernel); ok {
		s.Kernel = k
	}
	if a, ok := attrs["target_var"]; ok {
		s.Kernel, diags = targetVarKernel(a, values["target_var"], attrs, s.Post, diags)
	}
	if _, ok := attrs["model"]; ok { // the model's parameters are no kernel's
		for _, n := range l.synapseModelParams() {
			used[n] = true
		}
	}
	diags = append(diags, l.unusedParams(content, values, used,
		selection{component.Connector, "connect", "dense", conn.ptr != nil}, selection{component.Kernel, "kernel", "delta", kern.ptr != nil})...)
	if taker, ok := conn.ptr.(synapses.ValueTaker); ok {
		for _, n := range []string{"weight", "delay"} {
			v, ok := values[n]
			if !ok || isDist(v) {
				continue
			}
			ev, err := edgeValue(n, v)
			taken := false
			if err == nil && ev != nil {
				taken, err = taker.TakeValue(*ev)
			}
			if err != nil {
				fail(n, err)
			}
			if taken || err != nil {
				delete(values, n) // the connector's, or reported
			}
		}
	}
	if c, ok := conn.value().(synapses.Connector); ok {
		s.Connect = c
	}
	if v, ok := values["weight"]; ok && isLoad(v) {
		path := loadPath(v)
		rows, cols, m, err := readMatrix(path)
		if err == nil && (rows != pre.Len() || cols != post.Len()) {
			err = fmt.Errorf("%s holds a %d x %d matrix; this synapse needs %d x %d (source x target neurons)", path, rows, cols, pre.Len(), post.Len())
		}
		if err != nil {
			fail("weight", err)
		}
		s.WeightMatrix = m
	} else if ok {
		d, err := toDist(v)
		if err != nil {
			fail("weight", err)
		}
		s.Weight = d
	}
	if v, ok := values["save_weights"]; ok {
		save, err := toBool(v)
		if err != nil {
			fail("save_weights", err)
		}
		if save {
			l.net.SaveWeights = append(l.net.SaveWeights, s)
		}
	}
	if rules := blocksOf(content, "learning"); len(rules) > 0 {
		rule, d := l.buildRule(name, rules[0], ctx)
		diags = append(diags, d...)
		s.Rule = rule
	}
	modelName := ""
	if a, ok := attrs["model"]; ok {
		modelName, _ = toString(values["model"])
		diags = append(diags, l.applySynapseModel(s, name, a, content, values)...)
	}
	diags = append(diags, l.checkModelParams(content, modelName)...)
	s.WMin = num("w_min", 0)
	s.WMax = num("w_max", math.Inf(1))
	if _, ok := values["w_max"]; ok && s.WMax < s.WMin {
		fail("w_max", fmt.Errorf("w_max (%g) is below w_min (%g)", s.WMax, s.WMin))
	}
	s.Norm = num("norm", 0)
	if s.Norm < 0 {
		fail("norm", fmt.Errorf("norm must be >= 0, not %g", s.Norm))
	}
	if conv, ok := s.Connect.(*synapses.Conv2D); ok {
		conv.Norm, s.Norm = s.Norm, 0 // a conv2d normalises its kernels
	}
	if v, ok := values["delay"]; ok {
		d, err := toDist(v)
		if err == nil {
			if c, isConst := d.(dist.Const); isConst && float64(c) < 0 {
				err = fmt.Errorf("a delay must be >= 0 ms, not %g", float64(c))
			}
		}
		if err != nil {
			fail("delay", err)
		}
		s.Delay = d
	}
	if diags.HasErrors() {
		return nil, diags
	}
	l.net.Graph.AddSynapse(s)
	return s, diags
}

// edgeValue makes the value of a weight or delay attribute that is a
// number, a list of numbers or an array loaded from a .npy file into a
// synapses.EdgeValue for the connector; nil for other values (other
// files, distributions, values of the wrong type: the edge reads them).
func edgeValue(attr string, v cty.Value) (*synapses.EdgeValue, error) {
	if isLoad(v) {
		path := loadPath(v)
		if !strings.EqualFold(filepath.Ext(path), ".npy") {
			return nil, nil
		}
		shape, data, err := npy.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return &synapses.EdgeValue{Attr: attr, Shape: shape, Data: data, File: path}, nil
	}
	if t := v.Type(); !v.IsNull() && (t.IsListType() || t.IsTupleType()) {
		fs, err := toFloats(v)
		if err != nil {
			return nil, err
		}
		return &synapses.EdgeValue{Attr: attr, Shape: []int{len(fs)}, Data: fs}, nil
	}
	f, err := toFloat(v)
	if err != nil {
		return nil, nil
	}
	return &synapses.EdgeValue{Attr: attr, Data: []float64{f}}, nil
}

// decodeComponent selects and decodes the component of a kind (connector
// or kernel of a synapse block, encoder of a data population): by the flat attribute sel (connect =
// "random") with its parameters among the block's attributes (marked in
// used), or by a labelled sub-block (connect "random" { p = 0.1 }), or
// def if neither is given. It returns nil if the selection failed.
func (l *loader) decodeComponent(kind component.Kind, sel, def string, b *hcl.Block, content *hcl.BodyContent, values map[string]cty.Value, used map[string]bool, ctx *hcl.EvalContext, rangeKey string) (decoded, hcl.Diagnostics) {
	attrs := content.Attributes
	blocks := blocksOf(content, sel)
	all := l.reg.Names(kind)
	name := def
	a, flat := attrs[sel]
	switch {
	case len(blocks) > 1:
		return decoded{}, hcl.Diagnostics{errAt(blocks[1].DefRange, "Duplicate "+sel+" block",
			fmt.Sprintf("A %s has at most one %s block; the first is at %s.", b.Type, sel, rangeString(blocks[0].DefRange)))}
	case len(blocks) == 1 && flat:
		return decoded{}, hcl.Diagnostics{errAt(a.NameRange, fmt.Sprintf("Conflicting %q", sel),
			fmt.Sprintf("Give %s = \"NAME\" or a %s \"NAME\" { ... } block (at %s), not both.", sel, sel, rangeString(blocks[0].DefRange)))}
	case len(blocks) == 1:
		name = blocks[0].Labels[0]
		if !l.reg.Has(kind, name) {
			return decoded{}, hcl.Diagnostics{errAt(blocks[0].LabelRanges[0], fmt.Sprintf("Unknown %s", kind),
				fmt.Sprintf("%q is not one of %s.%s", name, strings.Join(all, ", "), suggest(name, all)))}
		}
	case flat:
		v, ok := values[sel]
		if !ok {
			return decoded{}, nil // reported
		}
		str, err := toString(v)
		if err != nil {
			return decoded{}, hcl.Diagnostics{attrErr(a, err.Error())}
		}
		if !l.reg.Has(kind, str) {
			return decoded{}, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  fmt.Sprintf("Invalid value for %q", sel),
				Detail:   fmt.Sprintf("%q is not one of %s.%s", str, strings.Join(all, ", "), suggest(str, all)),
				Subject:  a.Expr.Range().Ptr(),
				Context:  a.Range.Ptr(),
			}}
		}
		name = str
	}
	x, _ := l.reg.New(kind, name)
	x, copied := component.Addressable(x)
	params, err := component.Describe(x)
	if err != nil { // registered components are checked by Add
		return decoded{}, hcl.Diagnostics{errAt(b.DefRange, fmt.Sprintf("Invalid %s", kind), upperFirst(err.Error())+".")}
	}
	var diags hcl.Diagnostics
	where, missingAt, paramAttrs, given := fmt.Sprintf("%s = %q", sel, name), b.DefRange, attrs, values
	if len(blocks) == 1 {
		blk := blocks[0]
		bc, d := decodeBody(blk.Body, &hcl.BodySchema{Attributes: paramSchema(params)})
		diags = append(diags, d...)
		l.net.recordAttrs(rangeKey, bc.Attributes)
		bv, d := evalAttrs(bc.Attributes, ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			return decoded{}, diags
		}
		where, missingAt, paramAttrs, given, used = fmt.Sprintf("%s %q { ... }", sel, name), blk.DefRange, bc.Attributes, bv, nil
	}
	diags = append(diags, decodeParams(x, params, paramAttrs, given, 0, used)...)
	for _, p := range params {
		if _, ok := given[p.Name]; p.Required && !ok {
			detail := fmt.Sprintf("%s needs %s.", where, p.Name)
			if p.Doc != "" {
				detail = fmt.Sprintf("%s needs %s: %s.", where, p.Name, p.Doc)
			}
			diags = append(diags, errAt(missingAt, fmt.Sprintf("Missing %q", p.Name), detail))
		}
	}
	if v, ok := x.(component.Validator); ok && !diags.HasErrors() {
		if err := v.Validate(); err != nil {
			diags = append(diags, componentErr(err, paramAttrs, missingAt, kind))
		}
	}
	return decoded{x, copied}, diags
}

// decoded is a component decodeComponent decoded: ptr points to it, a
// copy if the registry makes values of its type (synapses.Random).
type decoded struct {
	ptr    any
	copied bool
}

// value returns the component, or nil if it was not decoded.
func (d decoded) value() any {
	if d.ptr == nil || !d.copied {
		return d.ptr
	}
	return component.Deref(d.ptr)
}

// componentErr reports a component's Validate error at the parameter it
// names (a component.ParamError), or at r.
func componentErr(err error, attrs hcl.Attributes, r hcl.Range, kind component.Kind) *hcl.Diagnostic {
	var pe *component.ParamError
	if errors.As(err, &pe) {
		if a, ok := attrs[pe.Param]; ok {
			return attrErr(a, err.Error())
		}
	}
	return errAt(r, fmt.Sprintf("Invalid %s", kind), upperFirst(err.Error())+".")
}

// selection is how a block selects a component of a kind: by attr (or an
// attr "NAME" { ... } block), def by default; ok reports whether the
// selection succeeded.
type selection struct {
	kind      component.Kind
	attr, def string
	ok        bool
}

// unusedParams warns about the component parameters given in the flat
// form that the selected components do not take (tau with kernel =
// "delta", p with connect = "dense", max_prob with encoder = "poisson").
// There is nothing to warn about for a failed selection.
func (l *loader) unusedParams(content *hcl.BodyContent, values map[string]cty.Value, used map[string]bool, sels ...selection) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, sel := range sels {
		if !sel.ok {
			continue
		}
		for _, n := range l.reg.Params(sel.kind) {
			if _, given := values[n]; !given || used[n] {
				continue
			}
			used[n] = true // warn once
			detail := fmt.Sprintf("%q has no effect with %s = %q.", n, sel.attr, selected(content, values, sel.attr, sel.def))
			if blks := blocksOf(content, sel.attr); len(blks) > 0 {
				detail = fmt.Sprintf("%q has no effect here: the parameters of %s %q { ... } go in its block.", n, sel.attr, blks[0].Labels[0])
			}
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  fmt.Sprintf("Unused argument %q", n),
				Detail:   detail,
				Subject:  content.Attributes[n].NameRange.Ptr(),
			})
		}
	}
	return diags
}

// selected returns the name a flat selection attribute gives, or def.
func selected(content *hcl.BodyContent, values map[string]cty.Value, attr, def string) string {
	if v, ok := values[attr]; ok {
		if s, err := toString(v); err == nil {
			return s
		}
	}
	return def
}
