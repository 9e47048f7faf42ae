package dsl

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// popCommon are the attributes every population has, whatever its model.
var popCommon = []hcl.AttributeSchema{
	{Name: "model", Required: true},
	{Name: "n"},
	{Name: "shape"},
	{Name: "is_inhibitory"},
	{Name: "learning"},
	{Name: "sum_input"},
	{Name: "lateral_inhibition"},
	{Name: "k_winners"},
	{Name: "wta_window"},
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
				Detail: fmt.Sprintf("There is no neuron model %q.%s The models are: %s.",
					kind, suggest(kind, l.models.Kinds()), strings.Join(l.models.Kinds(), ", ")),
				Subject: modelAttr.Expr.Range().Ptr(),
				Context: modelAttr.Range.Ptr(),
			})
			continue
		}
		params := describeModel(m)
		content, seen := contents[kind]
		if !seen {
			schema := &hcl.BodySchema{Attributes: append(append([]hcl.AttributeSchema{}, metaAttrs...), popCommon...)}
			for _, p := range params {
				schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: p.Name})
			}
			var d hcl.Diagnostics
			content, d = b.Body.Content(schema)
			diags = append(diags, d...)
			contents[kind] = content
		}
		p, d := l.buildPopulation(name+in.suffix, b, m, params, content.Attributes, in.ctx)
		diags = append(diags, d...)
		if p != nil {
			entry.byKey[in.key] = p
			entry.keys = append(entry.keys, in.key)
			l.net.Populations = append(l.net.Populations, p)
		}
	}
	l.publish(name, entry)
	return diags
}

// buildPopulation makes one population instance from its attributes.
func (l *loader) buildPopulation(name string, b *hcl.Block, m neurons.Model, params []neurons.ParamInfo, attrs hcl.Attributes, ctx *hcl.EvalContext) (*neurons.Population, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	l.net.ranges["population/"+name] = b.DefRange
	for n, a := range attrs {
		l.net.ranges["population/"+name+"/"+n] = a.Range
	}
	values := make(map[string]cty.Value)
	for _, n := range sortedKeys(attrs) {
		if n == "count" || n == "for_each" || n == "model" {
			continue
		}
		v, d := attrs[n].Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			values[n] = v
		}
	}
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
	byName := make(map[string]neurons.ParamInfo)
	for _, info := range params {
		byName[info.Name] = info
	}
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
				l.net.Synapses = append(l.net.Synapses, lat)
				l.net.ranges["synapse/"+lat.Name] = a.Range
			}
		case "is_inhibitory":
			p.IsInhibitory, err = toBool(v)
		case "learning":
			p.Learning, err = toBool(v)
		case "sum_input":
			p.SumInput, err = toBool(v)
		default:
			err = setModelParam(m, byName[n], v, size)
		}
		if err != nil {
			diags = append(diags, attrErr(a, err.Error()))
		}
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
		window := 0.0
		if wv, ok := values["wta_window"]; ok && err == nil {
			if window, err = toFloat(wv); err == nil && window < 0 {
				err = fmt.Errorf("wta_window must be >= 0 ms, not %g", window)
			}
		}
		if err != nil {
			diags = append(diags, attrErr(attrs["k_winners"], err.Error()))
		} else {
			l.net.Decisions = append(l.net.Decisions, &graph.KWTA{Pop: p, K: k, Window: window})
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
		if err != nil {
			return nil, hcl.Diagnostics{attrErr(nAttr, err.Error())}
		}
		return []int{n}, nil
	case hasShape:
		shape, err := toInts(values["shape"])
		if err == nil && len(shape) == 0 {
			err = fmt.Errorf("the shape needs at least one dimension")
		}
		for _, d := range shape {
			if err == nil && d <= 0 {
				err = fmt.Errorf("every dimension of the shape must be positive, not %d", d)
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

var (
	paramType  = reflect.TypeOf(neurons.Param(nil))
	distIface  = reflect.TypeOf((*dist.Dist)(nil)).Elem()
	listsType  = reflect.TypeOf([][]float64(nil))
	floatsType = reflect.TypeOf([]float64(nil))
	methodType = reflect.TypeOf(neurons.Method(""))
)

// setParam sets the field of target (a pointer to a model or rule struct)
// that info describes from v. size is the population's number of neurons
// (0 when target is not a model).
func setParam(target any, info neurons.ParamInfo, v cty.Value, size int) error {
	f := reflect.ValueOf(target).Elem()
	for _, part := range strings.Split(info.Field, ".") {
		f = f.FieldByName(part)
	}
	if !f.IsValid() || !f.CanSet() {
		return fmt.Errorf("parameter %s cannot be set", info.Name)
	}
	switch info.Type {
	case paramType:
		if isDist(v) {
			return fmt.Errorf("%s takes a number or one number per neuron, not a distribution", info.Name)
		}
		fs, err := toFloats(v)
		if err != nil {
			return err
		}
		if size > 0 && len(fs) != 1 && len(fs) != size {
			return fmt.Errorf("%s has %d values for %d neurons: give one value, or one per neuron", info.Name, len(fs), size)
		}
		f.Set(reflect.ValueOf(neurons.Param(fs)))
	case floatsType:
		fs, err := toFloats(v)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(fs))
	case distIface:
		d, err := toDist(v)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(&d).Elem())
	case listsType:
		// The model's Init checks the lists: one per neuron (spike_times)
		// or entries of a schedule (rate_schedule).
		ls, err := toFloatLists(v)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(ls))
	case methodType:
		s, err := toString(v)
		if err != nil {
			return err
		}
		if s != string(neurons.Euler) && s != string(neurons.Exact) {
			return fmt.Errorf("%s must be %q or %q, not %q", info.Name, neurons.Euler, neurons.Exact, s)
		}
		f.SetString(s)
	default:
		switch info.Type.Kind() {
		case reflect.Bool:
			b, err := toBool(v)
			if err != nil {
				return err
			}
			f.SetBool(b)
		case reflect.Float64:
			x, err := toFloat(v)
			if err != nil {
				return err
			}
			f.SetFloat(x)
		case reflect.Int:
			x, err := toInt(v)
			if err != nil {
				return err
			}
			f.SetInt(int64(x))
		case reflect.String:
			s, err := toString(v)
			if err != nil {
				return err
			}
			f.SetString(s)
		default:
			return fmt.Errorf("parameter %s has Go type %v, which the language cannot set", info.Name, info.Type)
		}
	}
	return nil
}
