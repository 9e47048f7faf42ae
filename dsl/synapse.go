package dsl

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/npy"
	"github.com/synapticflow/synapticflow-go/synapses"
)

var synapseSchema = &hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{
	{Name: "from", Required: true},
	{Name: "to", Required: true},
	{Name: "connect"},
	{Name: "p"},
	{Name: "k"},
	{Name: "autapses"},
	{Name: "pre"},
	{Name: "post"},
	{Name: "weight"},
	{Name: "w_min"},
	{Name: "w_max"},
	{Name: "norm"},
	{Name: "delay"},
	{Name: "kernel"},
	{Name: "tau"},
	{Name: "e_rev"},
	{Name: "target_var"},
	{Name: "save_weights"},
	{Name: "kernel_size"},
	{Name: "stride"},
	{Name: "padding"},
	{Name: "dilation"},
	{Name: "channels_out"},
	{Name: "pool"},
}, metaAttrs...), Blocks: []hcl.BlockHeaderSchema{{Type: "learning", LabelNames: []string{"rule"}}}}

var (
	connectKinds = []string{"dense", "random", "fixed_indegree", "one_to_one", "list", "conv2d", "pool2d", "local2d"}
	kernelKinds  = []string{"delta", "exponential", "conductance"}
)

// loadSynapse decodes a synapse block.
func (l *loader) loadSynapse(b *hcl.Block) hcl.Diagnostics {
	content, diags := b.Body.Content(synapseSchema)
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
	if len(content.Blocks) > 1 {
		diags = append(diags, errAt(content.Blocks[1].DefRange, "Duplicate learning block",
			fmt.Sprintf("A synapse has at most one learning rule; the first is at %s.", rangeString(content.Blocks[0].DefRange))))
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

func (l *loader) buildSynapse(name string, b *hcl.Block, content *hcl.BodyContent, ctx *hcl.EvalContext) (*synapses.Synapse, hcl.Diagnostics) {
	attrs := content.Attributes
	l.net.ranges["synapse/"+name] = b.DefRange
	for n, a := range attrs {
		l.net.ranges["synapse/"+name+"/"+n] = a.Range
	}
	pre, diags := l.resolvePop(attrs["from"], ctx)
	post, d := l.resolvePop(attrs["to"], ctx)
	diags = append(diags, d...)
	values := make(map[string]cty.Value)
	for _, n := range sortedKeys(attrs) {
		switch n {
		case "from", "to", "count", "for_each":
			continue
		}
		v, d := attrs[n].Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			values[n] = v
		}
	}
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
	// enum reads a keyword attribute, with a suggestion if misspelt.
	enum := func(n, def string, allowed []string) string {
		v, ok := values[n]
		if !ok {
			return def
		}
		str, err := toString(v)
		if err != nil {
			fail(n, err)
			return ""
		}
		for _, a := range allowed {
			if str == a {
				return str
			}
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Invalid value for %q", n),
			Detail:   fmt.Sprintf("%q is not one of %v.%s", str, allowed, suggest(str, allowed)),
			Subject:  attrs[n].Expr.Range().Ptr(),
			Context:  attrs[n].Range.Ptr(),
		})
		return ""
	}
	need := func(n, why string) bool {
		if _, ok := values[n]; !ok {
			diags = append(diags, errAt(b.DefRange, fmt.Sprintf("Missing %q", n), why))
			return false
		}
		return true
	}
	connect := enum("connect", "dense", connectKinds)
	switch connect {
	case "dense":
		s.Connect = synapses.Dense{}
	case "one_to_one":
		s.Connect = synapses.OneToOne{}
	case "random":
		autapses := false
		if v, ok := values["autapses"]; ok {
			var err error
			if autapses, err = toBool(v); err != nil {
				fail("autapses", err)
			}
		}
		if need("p", "connect = \"random\" needs p, the connection probability.") {
			p := num("p", 0)
			if !(p >= 0 && p <= 1) {
				fail("p", fmt.Errorf("p is a probability and must be in [0, 1], not %g", p))
			}
			s.Connect = synapses.Random{P: p, Autapses: autapses}
		}
	case "fixed_indegree":
		autapses := false
		if v, ok := values["autapses"]; ok {
			var err error
			if autapses, err = toBool(v); err != nil {
				fail("autapses", err)
			}
		}
		if need("k", "connect = \"fixed_indegree\" needs k, the number of inputs of each target neuron.") {
			k, err := toInt(values["k"])
			if err == nil && k < 0 {
				err = fmt.Errorf("k must be >= 0, not %d", k)
			}
			if err != nil {
				fail("k", err)
			}
			s.Connect = synapses.FixedInDegree{K: k, Autapses: autapses}
		}
	case "list":
		if need("pre", "connect = \"list\" needs pre and post, the source and target index of each synapse.") &&
			need("post", "connect = \"list\" needs pre and post, the source and target index of each synapse.") {
			var list synapses.List
			var err error
			if list.Pre, err = toInts(values["pre"]); err != nil {
				fail("pre", err)
			}
			if list.Post, err = toInts(values["post"]); err != nil {
				fail("post", err)
			}
			for _, n := range []string{"weight", "delay"} {
				v, ok := values[n]
				if !ok || isDist(v) || !(v.Type().IsListType() || v.Type().IsTupleType()) {
					continue
				}
				fs, err := toFloats(v)
				if err != nil {
					fail(n, err)
					continue
				}
				if n == "weight" {
					list.Weight = fs
				} else {
					list.Delay = fs
				}
				delete(values, n)
			}
			s.Connect = list
		}
	case "conv2d", "pool2d", "local2d":
		s.Connect = spatialConnector(connect, values, fail, need)
	}
	for _, n := range []string{"p", "k", "autapses", "pre", "post", "kernel_size", "stride", "padding", "dilation", "channels_out", "pool"} {
		if _, ok := values[n]; ok && !usedBy(n, connect) && connect != "" {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  fmt.Sprintf("Unused argument %q", n),
				Detail:   fmt.Sprintf("%q has no effect with connect = %q.", n, connect),
				Subject:  attrs[n].NameRange.Ptr(),
			})
		}
	}
	if v, ok := values["weight"]; ok && isLoad(v) {
		path := v.GetAttr("load").AsString()
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
	if len(content.Blocks) > 0 {
		rule, d := l.buildRule(content.Blocks[0], ctx)
		diags = append(diags, d...)
		s.Rule = rule
	}
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
	kernel := enum("kernel", "delta", kernelKinds)
	tau := num("tau", 5)
	if _, ok := values["tau"]; ok && !(tau > 0) {
		fail("tau", fmt.Errorf("tau must be positive, not %g ms", tau))
	}
	switch kernel {
	case "delta":
		s.Kernel = &synapses.Delta{}
	case "exponential":
		s.Kernel = &synapses.Exponential{Tau: tau}
	case "conductance":
		k := &synapses.Conductance{Tau: tau}
		if _, ok := values["e_rev"]; ok {
			e := num("e_rev", 0)
			k.ERev = &e
		}
		s.Kernel = k
	}
	if a, ok := attrs["target_var"]; ok {
		s.Kernel, diags = targetVarKernel(a, values["target_var"], attrs, s.Post, diags)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	l.net.Synapses = append(l.net.Synapses, s)
	return s, diags
}

// usedBy reports whether attribute n matters for the connect kind.
func usedBy(n, connect string) bool {
	switch n {
	case "p":
		return connect == "random"
	case "k":
		return connect == "fixed_indegree"
	case "autapses":
		return connect == "random" || connect == "fixed_indegree"
	case "pre", "post":
		return connect == "list"
	case "kernel_size", "stride":
		return connect == "conv2d" || connect == "pool2d" || connect == "local2d"
	case "padding", "dilation":
		return connect == "conv2d" || connect == "local2d"
	case "channels_out":
		return connect == "conv2d"
	case "pool":
		return connect == "pool2d"
	}
	return true
}

// spatialConnector builds a conv2d, pool2d or local2d connector from its
// attributes (shapes are checked when the network is compiled). For
// conv2d, weight = load("k.npy") of a 4-D array gives the initial kernel
// tensor (kernel_size, kernel_size, c_in, c_out); for pool2d a number
// replaces the pooling weights; such a weight attribute is consumed.
func spatialConnector(connect string, values map[string]cty.Value, fail func(string, error), need func(string, string) bool) synapses.Connector {
	ints := map[string]int{}
	for _, n := range []string{"kernel_size", "stride", "padding", "dilation", "channels_out"} {
		v, ok := values[n]
		if !ok || !usedBy(n, connect) {
			continue
		}
		x, err := toInt(v)
		if err == nil && x < 0 {
			err = fmt.Errorf("%s must be >= 0, not %d", n, x)
		}
		if err == nil && x == 0 && n != "padding" {
			err = fmt.Errorf("%s must be at least 1", n)
		}
		if err != nil {
			fail(n, err)
			continue
		}
		ints[n] = x
	}
	if !need("kernel_size", fmt.Sprintf("connect = %q needs kernel_size, the width of its square window.", connect)) {
		return nil
	}
	switch connect {
	case "pool2d":
		pool := "max"
		if v, ok := values["pool"]; ok {
			var err error
			if pool, err = toString(v); err == nil && pool != "max" && pool != "average" {
				err = fmt.Errorf("pool must be \"max\" or \"average\", not %q", pool)
			}
			if err != nil {
				fail("pool", err)
			}
		}
		p := &synapses.Pool2D{Pool: pool, KernelSize: ints["kernel_size"], Stride: ints["stride"]}
		if v, ok := values["weight"]; ok && !isDist(v) && !isLoad(v) {
			w, err := toFloat(v)
			if err == nil && !(w > 0) {
				err = fmt.Errorf("a pooling weight must be positive, not %g", w)
			}
			if err != nil {
				fail("weight", err)
			}
			p.Weight = w
			delete(values, "weight")
		}
		return p
	case "local2d":
		return &synapses.Local2D{KernelSize: ints["kernel_size"], Stride: ints["stride"], Padding: ints["padding"], Dilation: ints["dilation"]}
	}
	conv := &synapses.Conv2D{KernelSize: ints["kernel_size"], Stride: ints["stride"], Padding: ints["padding"],
		Dilation: ints["dilation"], ChannelsOut: ints["channels_out"]}
	if v, ok := values["weight"]; ok && isLoad(v) {
		path := v.GetAttr("load").AsString()
		if strings.EqualFold(filepath.Ext(path), ".npy") {
			shape, data, err := npy.ReadFile(path)
			if err != nil {
				fail("weight", err)
				delete(values, "weight")
			} else if len(shape) == 4 {
				conv.Kernels = data
				delete(values, "weight")
			}
		}
	}
	return conv
}
