package dsl

import (
	"fmt"
	"math"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// popCommon returns the attributes every population has, whatever its
// model (component.Reserved: a model's parameters may not take them),
// besides the meta-arguments.
func popCommon() []hcl.AttributeSchema {
	var out []hcl.AttributeSchema
	for _, n := range component.Reserved(component.Neuron) {
		if !slices.ContainsFunc(metaAttrs, func(a hcl.AttributeSchema) bool { return a.Name == n }) {
			out = append(out, hcl.AttributeSchema{Name: n, Required: n == "model"})
		}
	}
	return out
}

// loadPopulation decodes a population block in two stages: first the
// meta-arguments and the model, then the rest against a schema made from
// that model's parameters, so that a misspelt parameter gets HCL's
// "Unsupported argument" with a suggestion.
func (l *loader) loadPopulation(b *hcl.Block) hcl.Diagnostics {
	name := b.Labels[0]
	entry := &popEntry{block: b, byKey: make(map[string]*neurons.Population)}
	if _, dup := l.pops[name]; dup {
		return nil // reported by checkDuplicates
	}
	l.pops[name] = entry
	head := &hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{{Name: "model", Required: true}}, metaAttrs...)}
	meta, _, diags := b.Body.PartialContent(head)
	if diags.HasErrors() {
		return diags
	}
	_, entry.count = meta.Attributes["count"]
	_, hasForEach := meta.Attributes["for_each"]
	entry.repeated = entry.count || hasForEach
	insts, d := l.instances(b, meta.Attributes)
	diags = append(diags, d...)
	if d.HasErrors() {
		return diags
	}
	modelAttr := meta.Attributes["model"]
	contents := make(map[string]*hcl.BodyContent)
	for _, in := range insts {
		v, d := modelAttr.Expr.Value(in.ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		kind, err := toString(v)
		if err != nil {
			diags = append(diags, attrErr(modelAttr, err.Error()))
			continue
		}
		m, ok := l.models.New(kind)
		if !ok {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unknown neuron model",
				Detail:   unknownModelDetail(kind, l.models.Kinds()),
				Subject:  modelAttr.Expr.Range().Ptr(),
				Context:  modelAttr.Range.Ptr(),
			})
			continue
		}
		params, err := component.Describe(m)
		if err == nil {
			err = component.Check(component.Neuron, m)
		}
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid neuron model",
				Detail:   fmt.Sprintf("Neuron model %q cannot be used: %s. Fix its Go type.", kind, err),
				Subject:  modelAttr.Expr.Range().Ptr(),
				Context:  modelAttr.Range.Ptr(),
			})
			continue
		}
		params = withEquationParams(m, params)
		content, seen := contents[kind]
		if !seen {
			schema := &hcl.BodySchema{Attributes: append(append(slices.Clone(metaAttrs), popCommon()...), paramSchema(params)...)}
			if _, ok := m.(encoderModel); ok {
				l.addEncoderSchema(schema)
			}
			var d hcl.Diagnostics
			content, d = decodeBody(b.Body, schema)
			diags = append(diags, d...)
			contents[kind] = content
		}
		p, d := l.buildPopulation(name+in.suffix, b, m, params, content, in.ctx)
		diags = append(diags, d...)
		if p != nil {
			entry.byKey[in.key] = p
			entry.keys = append(entry.keys, in.key)
			l.net.Graph.AddPopulation(p)
		}
	}
	l.publish(name, entry)
	return diags
}

// buildPopulation makes one population instance from its attributes.
func (l *loader) buildPopulation(name string, b *hcl.Block, m neurons.Model, params []component.Param, content *hcl.BodyContent, ctx *hcl.EvalContext) (*neurons.Population, hcl.Diagnostics) {
	attrs := content.Attributes
	l.net.ranges["population/"+name] = b.DefRange
	l.net.recordAttrs("population/"+name, attrs)
	values, diags := evalAttrs(attrs, ctx, "count", "for_each", "model")
	if diags.HasErrors() {
		return nil, diags
	}
	// A data model (package encoding) may take its shape from its data.
	dm, isData := m.(dataModel)
	_, hasN := attrs["n"]
	_, hasShape := attrs["shape"]
	var shape []int
	if !isData || hasN || hasShape {
		var d hcl.Diagnostics
		shape, d = popShape(b, attrs, values)
		diags = append(diags, d...)
		if d.HasErrors() {
			return nil, diags
		}
	}
	p := neurons.NewShaped(name, shape, m)
	size := p.Len()
	if shape == nil {
		size = 0 // not known until the data are read
	}
	// A per-neuron parameter given a distribution is drawn per neuron at
	// Init (neurons.Population.ParamDists).
	for _, prm := range params {
		v, ok := values[prm.Name]
		if !ok || !isDist(v) || prm.GoType != paramGoType {
			continue
		}
		delete(values, prm.Name)
		d, err := toDist(v)
		if err != nil {
			diags = append(diags, attrErr(attrs[prm.Name], err.Error()))
			continue
		}
		if p.ParamDists == nil {
			p.ParamDists = make(map[string]dist.Dist)
		}
		p.ParamDists[prm.Name] = d
	}
	diags = append(diags, decodeModelParams(m, params, attrs, values, size)...)
	for _, n := range sortedKeys(values) {
		a, v := attrs[n], values[n]
		var err error
		switch n {
		case "n", "shape", "k_winners", "wta_window":
			continue
		case "lateral_inhibition":
			var w float64
			if w, err = toFloat(v); err == nil && w < 0 {
				err = fmt.Errorf("lateral_inhibition is a weight magnitude and must be >= 0, not %g", w)
			}
			if err == nil && w > 0 {
				lat := synapses.Lateral(name+"_lateral", p, w)
				lat.WMax = w
				l.net.Graph.AddSynapse(lat)
				l.net.ranges["synapse/"+lat.Name] = a.Range
			}
		case "is_inhibitory":
			p.IsInhibitory, err = toBool(v)
		case "learning":
			p.Learning, err = toBool(v)
		case "sum_input":
			p.SumInput, err = toBool(v)
		}
		if err != nil {
			diags = append(diags, attrErr(a, err.Error()))
		}
	}
	if d := checkSpikeTimes(m, attrs, size); d != nil {
		diags = append(diags, d)
	}
	if em, ok := m.(encoderModel); ok {
		used := make(map[string]bool)
		enc, d := l.decodeComponent(component.Encoder, "encoder", "poisson", b, content, values, used, ctx, "population/"+name)
		diags = append(diags, d...)
		if e, ok := enc.value().(encoding.Encoder); ok {
			em.SetEncoder(e)
		}
		diags = append(diags, l.unusedParams(content, values, used, selection{component.Encoder, "encoder", "poisson", enc.ptr != nil})...)
	}
	if isData && !diags.HasErrors() {
		dm.SetBaseDir(l.baseDir)
		if shape == nil {
			ds, err := dm.DataShape()
			if err != nil {
				d := errAt(b.DefRange, "Cannot read the data", upperFirst(err.Error())+".")
				if a, ok := attrs["source"]; ok {
					d = attrErr(a, err.Error())
				}
				return nil, append(diags, d)
			}
			p.Shape = ds
			size = p.Len()
		}
	}
	if v, ok := values["k_winners"]; ok {
		k, err := toInt(v)
		if err == nil && (k < 1 || k > size) {
			err = fmt.Errorf("k_winners must be between 1 and the population size %d, not %d", size, k)
		}
		window, at := 0.0, attrs["k_winners"]
		if wv, ok := values["wta_window"]; ok && err == nil {
			if window, err = toFloat(wv); err == nil && window < 0 {
				err = fmt.Errorf("the window of k-winners-take-all must be >= 0 ms, not %g", window)
			}
			at = attrs["wta_window"]
		}
		if err != nil {
			diags = append(diags, attrErr(at, err.Error()))
		} else {
			l.net.Graph.AddDecision(&graph.KWTA{Pop: p, K: k, Window: window})
		}
	} else if _, ok := values["wta_window"]; ok {
		diags = append(diags, errAt(attrs["wta_window"].NameRange, "Missing \"k_winners\"", "wta_window sets the window of k-winners-take-all; set k_winners too."))
	}
	return p, diags
}

// dataModel is a model driven by data files (the encoding package's
// "data" model): relative file names are resolved in the network file's
// directory, and without n and shape the population takes the data's
// shape.
type dataModel interface {
	SetBaseDir(dir string)
	DataShape() ([]int, error)
}

// encoderModel is a model whose spikes an encoder component makes (the
// data model): encoder = NAME or an encoder "NAME" { ... } block selects
// it, poisson by default.
type encoderModel interface {
	SetEncoder(e encoding.Encoder)
}

// addEncoderSchema adds to the schema of a population with an encoder
// model the encoder attribute, the parameters of every registered encoder
// (the flat form) and the encoder "NAME" { ... } block.
func (l *loader) addEncoderSchema(s *hcl.BodySchema) {
	for _, n := range append([]string{"encoder"}, l.reg.Params(component.Encoder)...) {
		if !slices.ContainsFunc(s.Attributes, func(a hcl.AttributeSchema) bool { return a.Name == n }) {
			s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: n})
		}
	}
	s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: "encoder", LabelNames: []string{"name"}})
}

// popShape reads n or shape: exactly one is required.
func popShape(b *hcl.Block, attrs hcl.Attributes, values map[string]cty.Value) ([]int, hcl.Diagnostics) {
	nAttr, hasN := attrs["n"]
	shapeAttr, hasShape := attrs["shape"]
	switch {
	case hasN && hasShape:
		return nil, hcl.Diagnostics{errAt(shapeAttr.NameRange, "Conflicting population size",
			"Give either \"n\" (the number of neurons) or \"shape\" (e.g. [28, 28]), not both.")}
	case hasN:
		n, err := toInt(values["n"])
		if err == nil && n <= 0 {
			err = fmt.Errorf("the number of neurons must be positive, not %d", n)
		}
		if err == nil && n > graph.MaxNeurons {
			err = fmt.Errorf("%s neurons are more than the %d a population may have (neuron indices are 32-bit)", graph.FormatCount(float64(n)), graph.MaxNeurons)
		}
		if err != nil {
			return nil, hcl.Diagnostics{attrErr(nAttr, err.Error())}
		}
		return []int{n}, nil
	case hasShape:
		dims, err := toFloats(values["shape"])
		if err == nil && len(dims) == 0 {
			err = fmt.Errorf("the shape needs at least one dimension")
		}
		// Check the dimensions as numbers, so that none overflows an int,
		// and their product without overflow.
		shape := make([]int, len(dims))
		for i, d := range dims {
			switch {
			case err != nil:
			case d != math.Trunc(d):
				err = fmt.Errorf("whole numbers are required, not %g", d)
			case d <= 0:
				err = fmt.Errorf("every dimension of the shape must be positive, not %g", d)
			case d > graph.MaxNeurons:
				err = fmt.Errorf("dimension %s is more than the %d neurons a population may have (neuron indices are 32-bit)", graph.FormatCount(d), graph.MaxNeurons)
			default:
				shape[i] = int(d)
			}
		}
		if err == nil {
			if _, lenErr := graph.CheckedLen(shape); lenErr != nil {
				err = fmt.Errorf("shape %v is %s neurons, more than the %d a population may have (neuron indices are 32-bit)", shape, graph.FormatCount(product(dims)), graph.MaxNeurons)
			}
		}
		if err != nil {
			return nil, hcl.Diagnostics{attrErr(shapeAttr, err.Error())}
		}
		return shape, nil
	}
	return nil, hcl.Diagnostics{errAt(b.DefRange, "Missing population size",
		"A population needs \"n\" (the number of neurons) or \"shape\" (e.g. [28, 28]).")}
}

// product multiplies floats (a shape's size, which may overflow an int).
func product(xs []float64) float64 {
	p := 1.0
	for _, x := range xs {
		p *= x
	}
	return p
}
