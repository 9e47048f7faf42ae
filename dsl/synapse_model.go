package dsl

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// synapseModelSchema is the body of a synapse_model block: a synapse
// model and learning rule defined by equations (docs/equations.md).
var synapseModelSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "equations", Required: true},
	{Name: "on_pre"},
	{Name: "on_post"},
	{Name: "on_step"},
	{Name: "method"},
	{Name: "post_delay"},
	{Name: "parameters"},
	{Name: "init"},
}}

// synapseModelSet holds the synapse_model blocks of a network: those
// that loaded, by name, and the names of those that failed (synapses
// using them are skipped silently: the block's errors say it all).
type synapseModelSet struct {
	byName map[string]*synapseModel
	failed map[string]bool
}

// synapseModel is a loaded synapse_model block. Its equations are checked
// against the populations of every synapse that uses it (the dimensions
// of X_pre and X_post are those of the populations' variables).
type synapseModel struct {
	block   *hcl.Block
	content *hcl.BodyContent
	spec    equations.SynapseSpec
	// vars are the per-synapse variables and params the parameters, as
	// parsed (for the synapse block's schema: NAME_init and parameters).
	vars, params []string
}

// edgeParams are the names a synapse block using the model takes besides
// its own attributes: the parameters and NAME_init of every variable but w.
func (m *synapseModel) edgeParams() []string {
	out := slices.Clone(m.params)
	for _, v := range m.vars {
		if v != "w" {
			out = append(out, v+"_init")
		}
	}
	return out
}

// loadSynapseModels reads the synapse_model blocks: their strings, the
// syntax of their equations and statements, and their parameter values.
func (l *loader) loadSynapseModels(blocks []*hcl.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	l.synModels = synapseModelSet{byName: map[string]*synapseModel{}, failed: map[string]bool{}}
	for _, b := range blocks {
		name := b.Labels[0]
		if _, dup := l.synModels.byName[name]; dup {
			continue // reported by checkDuplicates
		}
		// Learning rules (learning "NAME" { }) are another namespace.
		m, d := l.readSynapseModel(b)
		diags = append(diags, d...)
		if m != nil {
			l.synModels.byName[name] = m
		} else {
			l.synModels.failed[name] = true
		}
	}
	return diags
}

func (l *loader) readSynapseModel(b *hcl.Block) (*synapseModel, hcl.Diagnostics) {
	content, diags := b.Body.Content(synapseModelSchema)
	if diags.HasErrors() {
		return nil, diags
	}
	ctx := l.evalContext()
	spec := equations.SynapseSpec{Name: b.Labels[0]}
	r := specReader{content: content, ctx: ctx, diags: &diags}
	r.str("equations", &spec.Equations)
	r.str("on_pre", &spec.OnPre)
	r.str("on_post", &spec.OnPost)
	r.str("on_step", &spec.OnStep)
	r.str("method", &spec.Method)
	r.str("post_delay", &spec.PostDelay)
	spec.Params = r.strMap("parameters")
	spec.Init = r.strMap("init")
	if diags.HasErrors() {
		return nil, diags
	}
	m := &synapseModel{block: b, content: content, spec: spec}
	// Syntax now; names and units against each synapse's populations.
	var errs equations.Errors
	eqs, err := equations.ParseEquations(spec.Equations)
	if err != nil {
		errs = append(errs, &equations.SpecError{Field: "equations", Err: err.(*equations.Error)})
	}
	for _, eq := range eqs {
		if eq.Kind != equations.Sub {
			m.vars = append(m.vars, eq.Name)
		}
	}
	for _, f := range []struct{ field, text string }{{"on_pre", spec.OnPre}, {"on_post", spec.OnPost}, {"on_step", spec.OnStep}} {
		if _, err := equations.ParseStatements(f.text); err != nil {
			errs = append(errs, &equations.SpecError{Field: f.field, Err: err.(*equations.Error)})
		}
	}
	for k, v := range spec.Params {
		m.params = append(m.params, k)
		if _, err := equations.ParseQuantity(v); err != nil {
			se := &equations.SpecError{Field: "parameters", Key: k, Msg: err.Error()}
			if e, ok := err.(*equations.Error); ok {
				se.Err, se.Msg = e, ""
			}
			errs = append(errs, se)
		}
	}
	sort.Strings(m.params)
	if len(errs) > 0 {
		return nil, append(diags, l.specDiagnostics(b, content, "synapse model", spec.Name, errs)...)
	}
	return m, diags
}

// specDiagnostics maps the errors of an equation model's strings to their
// ranges in the file.
func (l *loader) specDiagnostics(b *hcl.Block, content *hcl.BodyContent, what, name string, errs equations.Errors) hcl.Diagnostics {
	var diags hcl.Diagnostics
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
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + e.Field + " of " + what + " " + strconv.Quote(name),
			Detail: detail, Subject: r.Ptr()}
		if ok {
			d.Context = a.Range.Ptr()
		}
		diags = append(diags, d)
	}
	return diags
}

// synapseModelParams are the names the synapse models take on an edge.
func (l *loader) synapseModelParams() []string {
	var out []string
	for _, m := range l.synModels.byName {
		for _, p := range m.edgeParams() {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// popVarDims returns the variables of a population's model with their
// dimensions, and the name of its summed input. Built-in models' v is in
// mV and i in nA; their other variables count as dimensionless.
func popVarDims(p *neurons.Population) (map[string]equations.Dim, string) {
	out := map[string]equations.Dim{}
	if em, ok := p.Model.(*equations.Model); ok {
		d := em.Def()
		for i, s := range d.States {
			out[s] = d.StateDims[i]
		}
		return out, d.Input
	}
	for _, v := range p.Model.Vars() {
		switch v {
		case "v":
			out[v] = equations.Voltage
		case "i":
			out[v] = equations.Current
		default:
			out[v] = equations.Dimensionless
		}
	}
	return out, "I"
}

// applySynapseModel makes the synapse block's model = "NAME" its synapse
// model: the rule (checked against the edge's populations) and its
// kernel, with the block's parameters and NAME_init values.
func (l *loader) applySynapseModel(s *synapses.Synapse, name string, a *hcl.Attribute, content *hcl.BodyContent, values map[string]cty.Value) hcl.Diagnostics {
	attrs := content.Attributes
	modelName, err := toString(values["model"])
	if err != nil {
		return hcl.Diagnostics{attrErr(a, err.Error())}
	}
	m, ok := l.synModels.byName[modelName]
	if !ok && l.synModels.failed[modelName] {
		return nil // the model's block failed to load: reported there
	}
	if !ok {
		var names []string
		for n := range l.synModels.byName {
			names = append(names, n)
		}
		sort.Strings(names)
		list := "there are none in this network"
		if len(names) > 0 {
			list = "the synapse models are: " + strings.Join(names, ", ")
		}
		return hcl.Diagnostics{attrErr(a, fmt.Sprintf("there is no synapse_model %q%s (%s)", modelName, suggest(modelName, names), list))}
	}
	var diags hcl.Diagnostics
	if bs := blocksOf(content, "learning"); len(bs) > 0 {
		diags = append(diags, errAt(bs[0].DefRange, "Learning rule with a synapse model", fmt.Sprintf("The synapse model %q is the synapse's learning rule; remove the learning block (or write the rule into the model).", modelName)))
	}
	spec := m.spec
	spec.PreVars, _ = popVarDims(s.Pre)
	spec.PostVars, spec.PostInput = popVarDims(s.Post)
	def, err := equations.CompileSynapse(spec)
	if err != nil {
		var errs equations.Errors
		if !errors.As(err, &errs) {
			return append(diags, errAt(m.block.DefRange, "Invalid synapse model", err.Error()))
		}
		ds := l.specDiagnostics(m.block, m.content, "synapse model", modelName, errs)
		for _, d := range ds {
			d.Detail += fmt.Sprintf(" (synapse %q from %s to %s)", name, s.Pre.Name, s.Post.Name)
		}
		return append(diags, ds...)
	}
	if def.Transmits() {
		// The model's statements say what a spike does.
		for _, other := range []string{"kernel", "target_var"} {
			if o, given := attrs[other]; given {
				diags = append(diags, attrErr(o, fmt.Sprintf("%s has no effect with model = %q, whose statements say what a spike does (they write neuron variables); remove %s", other, modelName, other)))
			}
		}
		if bs := blocksOf(content, "kernel"); len(bs) > 0 {
			diags = append(diags, errAt(bs[0].DefRange, "Kernel with a synapse model", fmt.Sprintf("The synapse model %q says what a spike does (its statements write neuron variables); remove the kernel block.", modelName)))
		}
	}
	rule := def.NewRule()
	rule.Seed, rule.Name = l.net.Graph.Seed, name
	for _, p := range m.edgeParams() {
		v, given := values[p]
		if !given {
			continue
		}
		if err := setSynapseParam(rule, p, v); err != nil {
			diags = append(diags, attrErr(attrs[p], err.Error()))
		}
	}
	s.Rule = rule
	if def.Transmits() {
		s.Kernel = &equations.SynapseKernel{}
	}
	return diags
}

// setSynapseParam sets a parameter or NAME_init of a synapse model's rule.
func setSynapseParam(r *equations.SynapseRule, name string, v cty.Value) error {
	def := r.Def()
	if p, ok := def.Param(name); ok {
		if v.Type() == cty.String {
			q, err := quantity(v.AsString(), p.Dim)
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			return r.SetParam(name, q)
		}
		f, err := toFloat(v)
		if err != nil {
			return fmt.Errorf("%s takes a number or a value with a unit: %v", name, err)
		}
		return r.SetParam(name, f)
	}
	state := strings.TrimSuffix(name, "_init")
	i := slices.Index(def.Vars, state)
	if i < 0 {
		return fmt.Errorf("parameter %s cannot be set", name)
	}
	if v.Type() == cty.String {
		q, err := quantity(v.AsString(), def.VarDims[i])
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		return r.SetInit(state, dist.Const(q))
	}
	d, err := toDist(v)
	if err != nil {
		return err
	}
	return r.SetInit(state, d)
}

// checkModelParams reports the synapse models' parameters given on a
// synapse block that does not use the model they belong to.
func (l *loader) checkModelParams(content *hcl.BodyContent, modelName string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	var own []string
	if m, ok := l.synModels.byName[modelName]; ok {
		own = m.edgeParams()
	}
	for _, p := range l.synapseModelParams() {
		a, given := content.Attributes[p]
		if !given || slices.Contains(own, p) || slices.Contains(edgeAttrs, p) || l.isComponentParam(p) {
			continue
		}
		detail := fmt.Sprintf("%q is a parameter of a synapse model, and this synapse has no model = \"...\" that takes it", p)
		if modelName != "" {
			detail = fmt.Sprintf("%q is not a parameter of synapse model %q", p, modelName)
		}
		diags = append(diags, attrErr(a, detail))
	}
	return diags
}

// isComponentParam reports whether a connector or kernel takes name.
func (l *loader) isComponentParam(name string) bool {
	for _, kind := range []component.Kind{component.Connector, component.Kernel} {
		if slices.Contains(l.reg.Params(kind), name) {
			return true
		}
	}
	return false
}

// SynapseModelInfo describes a synapse_model block for `netrun models`.
type SynapseModelInfo struct {
	Name string
	// Vars are the per-synapse variables, in the order of the equations.
	Vars []string
	// Params are the parameters with their units and defaults, then the
	// NAME_init values.
	Params []component.Param
}

// SynapseModels loads the network at path and describes the synapse
// models its synapse_model blocks define, for `netrun models -file`.
func SynapseModels(path string, opts Options) ([]SynapseModelInfo, map[string]*hcl.File, hcl.Diagnostics) {
	l := newLoader(opts)
	diags := l.load(path)
	var out []SynapseModelInfo
	var names []string
	for n := range l.synModels.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := l.synModels.byName[n]
		info := SynapseModelInfo{Name: n, Vars: m.vars}
		for _, p := range m.params {
			q, _ := equations.ParseQuantity(m.spec.Params[p])
			u := q.Dim.String()
			if u == "1" {
				u = ""
			}
			info.Params = append(info.Params, component.Param{Name: p, Type: component.Number, Unit: u, Doc: "synapse model parameter",
				Default: strconv.FormatFloat(q.Value, 'g', 12, 64)})
		}
		for _, v := range m.vars {
			if v == "w" {
				continue
			}
			def := "0"
			if s, ok := m.spec.Init[v]; ok {
				def = s
			}
			info.Params = append(info.Params, component.Param{Name: v + "_init", Type: component.Distribution, Doc: "initial value of " + v, Default: def})
		}
		out = append(out, info)
	}
	return out, l.parser.Files(), diags
}
