package dsl

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// neuronModelSchema is the body of a neuron_model block: a model defined
// by equations (package equations).
var neuronModelSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "equations", Required: true},
	{Name: "threshold", Required: true},
	{Name: "reset"},
	{Name: "refractory"},
	{Name: "method"},
	{Name: "parameters"},
	{Name: "init"},
	{Name: "input"},
}}

// loadNeuronModels compiles the neuron_model blocks and makes their models
// available by name to population blocks. The loader's registry is
// replaced by a new one holding its models and these, so that a registry
// passed in Options is not modified.
func (l *loader) loadNeuronModels(blocks []*hcl.Block) hcl.Diagnostics {
	if len(blocks) == 0 {
		return nil
	}
	var diags hcl.Diagnostics
	reg := &neurons.Registry{}
	old := l.models
	for _, k := range old.Kinds() {
		if err := reg.Register(func() neurons.Model { m, _ := old.New(k); return m }); err != nil {
			panic(err) // the kinds of a registry are distinct
		}
	}
	for _, b := range blocks {
		name := b.Labels[0]
		if _, exists := reg.New(name); exists {
			if _, builtin := old.New(name); builtin {
				diags = append(diags, errAt(b.LabelRanges[0], "Duplicate neuron model",
					fmt.Sprintf("There is already a model %q; choose another name for this neuron_model.", name)))
			}
			continue // a second block of the same name is reported by checkDuplicates
		}
		def, d := l.compileNeuronModel(b)
		diags = append(diags, d...)
		if def == nil {
			continue
		}
		if err := reg.Register(func() neurons.Model { return def.New() }); err != nil {
			diags = append(diags, errAt(b.LabelRanges[0], "Invalid neuron model", err.Error()))
		}
	}
	l.models = reg
	return diags
}

// compileNeuronModel reads one neuron_model block and compiles its
// equations, mapping errors inside the strings to their file ranges.
func (l *loader) compileNeuronModel(b *hcl.Block) (*equations.Def, hcl.Diagnostics) {
	content, diags := b.Body.Content(neuronModelSchema)
	if diags.HasErrors() {
		return nil, diags
	}
	ctx := l.evalContext()
	spec := equations.Spec{Name: b.Labels[0]}
	r := specReader{content: content, ctx: ctx, diags: &diags}
	r.str("equations", &spec.Equations)
	r.str("threshold", &spec.Threshold)
	r.str("reset", &spec.Reset)
	r.str("refractory", &spec.Refractory)
	r.str("method", &spec.Method)
	r.str("input", &spec.Input)
	spec.Params = r.strMap("parameters")
	spec.Init = r.strMap("init")
	if diags.HasErrors() {
		return nil, diags
	}
	def, err := equations.Compile(spec)
	if err == nil {
		return def, diags
	}
	var errs equations.Errors
	if !errors.As(err, &errs) {
		return nil, append(diags, errAt(b.DefRange, "Invalid neuron model", err.Error()))
	}
	for _, e := range errs {
		a, ok := content.Attributes[e.Field]
		r := b.DefRange
		if ok {
			r = a.Expr.Range()
		}
		detail := e.Msg
		if ok && e.Key != "" {
			if item := objectItem(a.Expr, e.Key); item != nil {
				r = item.Range()
				if e.Err != nil {
					r = l.stringRange(item, e.Err.Off, e.Err.Len)
				}
			}
		} else if ok && e.Err != nil {
			r = l.stringRange(a.Expr, e.Err.Off, e.Err.Len)
		}
		if e.Err != nil {
			detail = e.Err.Msg
		}
		if e.Key != "" {
			detail = e.Field + "." + e.Key + ": " + detail
		}
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + strings.ReplaceAll(e.Field, "_", " ") + " of neuron model " + strconv.Quote(spec.Name),
			Detail: detail, Subject: r.Ptr()}
		if ok {
			d.Context = a.Range.Ptr()
		}
		diags = append(diags, d)
	}
	return nil, diags
}

// valueString turns a string or number into the text equations reads.
func valueString(v cty.Value) (string, error) {
	if v.IsNull() || !v.IsKnown() {
		return "", fmt.Errorf("a string or number is required")
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), nil
	case cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	}
	return "", fmt.Errorf("a string or number is required, not %s", v.Type().FriendlyName())
}

// objectItem returns the value expression of key in an object constructor.
func objectItem(e hcl.Expression, key string) hcl.Expression {
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	for _, it := range obj.Items {
		if hcl.ExprAsKeyword(it.KeyExpr) == key {
			return it.ValueExpr
		}
		if v, d := it.KeyExpr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.AsString() == key {
			return it.ValueExpr
		}
	}
	return nil
}

// stringRange maps the byte range [off, off+n) of the value of a string
// expression (a quoted string without escapes, or a heredoc, whose
// indentation <<- strips) to its range in the file. It returns the whole
// expression's range where it cannot map.
func (l *loader) stringRange(e hcl.Expression, off, n int) hcl.Range {
	r := e.Range()
	f := l.parser.Files()[r.Filename]
	if f == nil || r.End.Byte > len(f.Bytes) {
		return r
	}
	src := f.Bytes
	text := string(src[r.Start.Byte:r.End.Byte])
	v, d := e.Value(nil)
	if d.HasErrors() || v.Type() != cty.String {
		return r
	}
	value := v.AsString()
	start := -1
	switch {
	case strings.HasPrefix(text, `"`):
		if len(text) >= 2 && text[1:len(text)-1] == value {
			start = r.Start.Byte + 1 + off
		}
	case strings.HasPrefix(text, "<<"):
		nl := strings.IndexByte(text, '\n')
		if nl < 0 {
			return r
		}
		body := text[nl+1:]
		vline := strings.Count(value[:min(off, len(value))], "\n")
		vlineStart := strings.LastIndex(value[:min(off, len(value))], "\n") + 1
		vlineEnd := strings.IndexByte(value[vlineStart:], '\n')
		if vlineEnd < 0 {
			vlineEnd = len(value)
		} else {
			vlineEnd += vlineStart
		}
		lines := strings.SplitAfter(body, "\n")
		if vline >= len(lines) {
			return r
		}
		sline := strings.TrimRight(lines[vline], "\r\n")
		vl := value[vlineStart:vlineEnd]
		if !strings.HasSuffix(sline, vl) {
			return r
		}
		lineStart := r.Start.Byte + nl + 1
		for _, s := range lines[:vline] {
			lineStart += len(s)
		}
		start = lineStart + len(sline) - len(vl) + (off - vlineStart)
	}
	if start < 0 || start+n > len(src) {
		return r
	}
	return hcl.Range{Filename: r.Filename, Start: bytePos(src, start), End: bytePos(src, start+n)}
}

// bytePos returns the hcl.Pos of byte offset b in src.
func bytePos(src []byte, b int) hcl.Pos {
	line, ls := 1, 0
	for i := 0; i < b; i++ {
		if src[i] == '\n' {
			line, ls = line+1, i+1
		}
	}
	return hcl.Pos{Line: line, Column: utf8.RuneCount(src[ls:b]) + 1, Byte: b}
}

// ModelParams lists the parameters of a neuron model as a population block
// takes them: the tagged fields (component.Describe) and, for a model
// defined by equations, its parameters and NAME_init values.
func ModelParams(m neurons.Model) ([]component.Param, error) {
	params, err := component.Describe(m)
	if err != nil {
		return nil, err
	}
	return withEquationParams(m, params), nil
}

// withEquationParams adds to params, the tagged parameters of m (its
// spike trace), the parameters and NAME_init values of an equation model;
// they replace trace parameters of the same name (a synaptic tau_s).
func withEquationParams(m neurons.Model, params []component.Param) []component.Param {
	em, ok := m.(*equations.Model)
	if !ok {
		return params
	}
	var eq []component.Param
	for _, info := range em.ParamInfos() {
		if info.Field != "" {
			continue // a tagged field: already in params
		}
		t := component.Numbers
		if info.Type == reflect.TypeFor[dist.Dist]() {
			t = component.Distribution
		}
		eq = append(eq, component.Param{Name: info.Name, Type: t, Unit: info.Unit, Doc: info.Doc, Default: info.Default, GoType: info.Type})
	}
	out := slices.DeleteFunc(slices.Clone(params), func(p component.Param) bool {
		return slices.ContainsFunc(eq, func(q component.Param) bool { return q.Name == p.Name })
	})
	return append(eq, out...)
}

// decodeModelParams sets the parameters of a population's model: those
// of an equation model by name (numbers in engine units, lists, strings
// with units such as "20 ms", distributions for NAME_init), the tagged
// fields with decodeParams.
func decodeModelParams(m neurons.Model, params []component.Param, attrs hcl.Attributes, values map[string]cty.Value, size int) hcl.Diagnostics {
	em, ok := m.(*equations.Model)
	if !ok {
		return decodeParams(m, params, attrs, values, size, nil)
	}
	var tagged []component.Param
	var diags hcl.Diagnostics
	for _, p := range params {
		if p.Field != "" {
			tagged = append(tagged, p)
			continue
		}
		v, ok := values[p.Name]
		if !ok {
			continue
		}
		if err := setEquationParam(em, p.Name, v, size); err != nil {
			diags = append(diags, attrErr(attrs[p.Name], err.Error()))
		}
	}
	return append(diags, decodeParams(m, tagged, attrs, values, size, nil)...)
}

// setEquationParam sets a parameter or initial value of an equation model.
func setEquationParam(em *equations.Model, name string, v cty.Value, size int) error {
	def := em.Def()
	if p, isParam := def.Param(name); isParam {
		if v.Type() == cty.String {
			q, err := quantity(v.AsString(), p.Dim)
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			return em.SetParam(name, []float64{q})
		}
		if isDist(v) {
			return fmt.Errorf("%s takes a number or one number per neuron, not a distribution", name)
		}
		fs, err := toFloats(v)
		if err != nil {
			return err
		}
		if size > 0 && len(fs) != 1 && len(fs) != size {
			return fmt.Errorf("%s has %d values for %d neurons: give one value, or one per neuron", name, len(fs), size)
		}
		return em.SetParam(name, fs)
	}
	state := strings.TrimSuffix(name, "_init")
	for i, s := range def.States {
		if s != state {
			continue
		}
		if v.Type() == cty.String {
			q, err := quantity(v.AsString(), def.StateDims[i])
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			return em.SetInit(s, dist.Const(q))
		}
		d, err := toDist(v)
		if err != nil {
			return err
		}
		return em.SetInit(s, d)
	}
	return fmt.Errorf("parameter %s cannot be set", name)
}

// quantity parses a value with a unit and checks its dimension; a plain
// number is in engine units.
func quantity(s string, want equations.Dim) (float64, error) {
	q, err := equations.ParseQuantity(s)
	if err != nil {
		return 0, err
	}
	plain := strings.TrimLeft(strings.TrimSpace(s), "+-")
	if _, err := strconv.ParseFloat(plain, 64); err == nil {
		q.Dim = want
	}
	if q.Dim != want {
		return 0, fmt.Errorf("%q has dimension %s, expected %s", s, q.Dim, want)
	}
	if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return q.Value, nil
}

// targetVarKernel makes the kernel of a synapse block's target_var: an
// arriving spike adds its weight to that state variable of the target.
func targetVarKernel(a *hcl.Attribute, v cty.Value, attrs hcl.Attributes, post *neurons.Population, diags hcl.Diagnostics) (synapses.Kernel, hcl.Diagnostics) {
	name, err := toString(v)
	if err != nil {
		return nil, append(diags, attrErr(a, err.Error()))
	}
	if _, ok := attrs["kernel"]; ok {
		return nil, append(diags, attrErr(a, "target_var replaces the kernel: an arriving spike jumps the variable; remove kernel"))
	}
	vars := post.Model.Vars()
	if !slices.Contains(vars, name) || name == "refrac_count" {
		return nil, append(diags, attrErr(a, fmt.Sprintf("the model %q of %s has no state variable %q%s (its variables: %s)",
			post.Model.Kind(), post.Name, name, suggest(name, vars), strings.Join(vars, ", "))))
	}
	return &synapses.VarJump{Name: name, Post: post}, diags
}

// NeuronModels loads the network at path and returns the neuron models
// its population blocks can use: those of opts.Models (or the built-in
// ones) and those its neuron_model blocks define, for `netrun models -file`.
// The files are returned for rendering diagnostics.
func NeuronModels(path string, opts Options) (*neurons.Registry, map[string]*hcl.File, hcl.Diagnostics) {
	l := newLoader(opts)
	diags := l.load(path)
	return l.models, l.parser.Files(), diags
}
