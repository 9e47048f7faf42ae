package dsl

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "description"}, {Name: "type"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var validationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "condition", Required: true}, {Name: "error_message", Required: true}},
}

// variable is a declared variable block.
type variable struct {
	name  string
	block *hcl.Block
	// typ is the type constraint (cty.DynamicPseudoType without type);
	// typed reports whether the block has a type.
	typ      cty.Type
	typed    bool
	defaults *typeexpr.Defaults
	rules    []validationRule
	// broken reports a declaration error (its value is then unknown, so
	// that nothing else reports errors about it).
	broken bool
}

// validationRule is a validation block of a variable.
type validationRule struct {
	condition, message hcl.Expression
	rng                hcl.Range
}

// varValue is a value given for a variable and where it comes from.
type varValue struct {
	v cty.Value
	// subject is the range of the value: the -var flag (a synthetic
	// range), the line of the var-file or the default.
	subject hcl.Range
	// from describes the origin in messages: "-var n=5", "" for a file.
	from string
	// isDefault reports a value from the block's default.
	isDefault bool
}

// loadVariables evaluates the variable blocks: the value is, by priority,
// a -var option, a -var-file entry (a later file wins), or the block's
// default; it is converted to the variable's type and checked by its
// validation blocks.
func (l *loader) loadVariables(blocks []*hcl.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	l.vars = make(map[string]cty.Value)
	declared := make(map[string]*variable)
	values := make(map[string]varValue)
	for _, b := range blocks {
		v, def, d := declareVariable(b)
		diags = append(diags, d...)
		if _, dup := declared[v.name]; dup {
			continue // reported by checkDuplicates
		}
		declared[v.name] = v
		if def != nil {
			values[v.name] = *def
		}
	}
	for _, f := range l.opts.VarFiles {
		diags = append(diags, l.readVarFile(f, declared, values)...)
	}
	for _, name := range sortedKeys(l.opts.Vars) {
		raw := l.opts.Vars[name]
		v, ok := declared[name]
		if !ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value for undeclared variable",
				Detail: fmt.Sprintf("-var %s=...: the network declares no variable named %q.%s", name, name, suggest(name, keys(declared)))})
			continue
		}
		val, d := parseVarFlag(v, raw)
		diags = append(diags, d...)
		if d.HasErrors() {
			v.broken = true
			continue
		}
		values[name] = varValue{v: val, subject: flagRange(name, raw), from: fmt.Sprintf("-var %s=%s", name, shorten(raw))}
	}
	for _, name := range sortedKeys(declared) {
		v := declared[name]
		given, ok := values[name]
		switch {
		case v.broken:
			l.vars[name] = cty.UnknownVal(v.typ)
		case !ok:
			diags = append(diags, errAt(v.block.DefRange, "No value for required variable",
				fmt.Sprintf("Variable %q has no default; set it with -var %s=VALUE or in a -var-file.", name, name)))
			l.vars[name] = cty.UnknownVal(v.typ)
		default:
			val, d := v.check(given)
			diags = append(diags, d...)
			l.vars[name] = val
		}
	}
	return diags
}

// declareVariable decodes a variable block, and its default if it has
// one.
func declareVariable(b *hcl.Block) (*variable, *varValue, hcl.Diagnostics) {
	v := &variable{name: b.Labels[0], block: b, typ: cty.DynamicPseudoType}
	content, diags := decodeBody(b.Body, variableSchema)
	if diags.HasErrors() {
		v.broken = true
	}
	if a, ok := content.Attributes["type"]; ok {
		ty, defaults, d := typeexpr.TypeConstraintWithDefaults(a.Expr)
		diags = append(diags, d...)
		if d.HasErrors() {
			v.broken = true
		} else {
			v.typ, v.typed, v.defaults = ty, true, defaults
		}
	}
	if a, ok := content.Attributes["description"]; ok {
		dv, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if !d.HasErrors() {
			if _, err := toString(dv); err != nil {
				diags = append(diags, attrErr(a, "the description must be a string"))
			}
		}
	}
	for _, vb := range content.Blocks {
		rc, d := decodeBody(vb.Body, validationSchema)
		diags = append(diags, d...)
		if d.HasErrors() {
			v.broken = true
			continue
		}
		rule := validationRule{condition: rc.Attributes["condition"].Expr, message: rc.Attributes["error_message"].Expr, rng: vb.DefRange}
		for _, expr := range []hcl.Expression{rule.condition, rule.message} {
			for _, t := range expr.Variables() {
				if t.RootName() == "var" && len(t) >= 2 {
					if attr, isAttr := t[1].(hcl.TraverseAttr); isAttr && attr.Name == v.name {
						continue
					}
				}
				diags = append(diags, errAt(t.SourceRange(), "Invalid reference in variable validation",
					fmt.Sprintf("The condition and error message of variable %q can refer only to the variable itself, as var.%s.", v.name, v.name)))
				v.broken = true
			}
		}
		v.rules = append(v.rules, rule)
	}
	if a, ok := content.Attributes["default"]; ok && !v.broken {
		dv, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if d.HasErrors() {
			v.broken = true
			return v, nil, diags
		}
		if v.typed {
			cv, err := v.convert(dv)
			if err != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid default value for variable",
					Detail:   fmt.Sprintf("The default of variable %q does not match its type %s: %s.", v.name, typeexpr.TypeString(v.typ), err),
					Subject:  a.Expr.Range().Ptr(),
					Context:  a.Range.Ptr(),
				})
				v.broken = true
				return v, nil, diags
			}
			dv = cv
		}
		return v, &varValue{v: dv, subject: a.Expr.Range(), isDefault: true}, diags
	}
	return v, nil, diags
}

// convert converts a value to the variable's type, applying the defaults
// of optional object attributes. Its error names the offending element.
func (v *variable) convert(val cty.Value) (cty.Value, error) {
	if !v.typed {
		return val, nil
	}
	if v.defaults != nil {
		val = v.defaults.Apply(val)
	}
	cv, err := convert.Convert(val, v.typ)
	if err != nil {
		var pe cty.PathError
		if errors.As(err, &pe) && len(pe.Path) > 0 {
			return cty.NilVal, fmt.Errorf("at %s: %s", pathString(pe.Path), pe.Error())
		}
		return cty.NilVal, err
	}
	return cv, nil
}

// check converts a given value to the variable's type and runs the
// validation rules. A failure is reported once, at the value's origin
// (the -var flag, the var-file line, or the rule's condition for a
// default), and the variable's value is then unknown.
func (v *variable) check(given varValue) (cty.Value, hcl.Diagnostics) {
	unknown := cty.UnknownVal(v.typ)
	prefix := ""
	if given.from != "" {
		prefix = given.from + ": "
	}
	val := given.v
	if !given.isDefault {
		cv, err := v.convert(val)
		if err != nil {
			return unknown, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Invalid value for variable",
				Detail: fmt.Sprintf("%svariable %q (declared at %s) is of type %s: %s.",
					prefix, v.name, rangeString(v.block.DefRange), typeexpr.TypeString(v.typ), err),
				Subject: given.subject.Ptr(),
			}}
		}
		val = cv
	}
	var diags hcl.Diagnostics
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{v.name: val})},
		Functions: functions(""),
	}
	for _, rule := range v.rules {
		ok, d := evalCondition(rule.condition, ctx)
		diags = append(diags, d...)
		if d.HasErrors() || ok {
			continue
		}
		msg := "the value is not valid"
		if mv, d := rule.message.Value(ctx); !d.HasErrors() {
			if s, err := toString(mv); err == nil && s != "" {
				msg = s
			} else {
				diags = append(diags, errAt(rule.message.Range(), "Invalid error message", "The error_message of a validation must be a string."))
			}
		} else {
			diags = append(diags, d...)
		}
		subject := given.subject
		if given.isDefault {
			subject = rule.condition.Range()
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for variable",
			Detail: fmt.Sprintf("%s%s (the validation of variable %q at %s).",
				prefix, strings.TrimSuffix(strings.TrimSpace(msg), "."), v.name, rangeString(rule.condition.Range())),
			Subject: subject.Ptr(),
		})
	}
	if diags.HasErrors() {
		return unknown, diags
	}
	return val, diags
}

// evalCondition evaluates a validation condition: true or false.
func evalCondition(expr hcl.Expression, ctx *hcl.EvalContext) (bool, hcl.Diagnostics) {
	cv, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return false, diags
	}
	b, err := toBool(cv)
	if err != nil {
		return false, hcl.Diagnostics{errAt(expr.Range(), "Invalid validation result",
			fmt.Sprintf("A validation condition must be true or false, not %s.", describe(cv)))}
	}
	return b, nil
}

// readVarFile reads a -var-file: name = value lines. A file that does not
// parse is reported as such, and its values are not used.
func (l *loader) readVarFile(path string, declared map[string]*variable, values map[string]varValue) hcl.Diagnostics {
	hint := func(diags hcl.Diagnostics) hcl.Diagnostics {
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				d.Detail = strings.TrimSpace(d.Detail + " (" + path + " is a -var-file, which holds name = value lines.)")
			}
		}
		return diags
	}
	// The limits of network files hold for var files too.
	src, lim := readSource(path)
	if lim == nil {
		lim = checkSyntaxLimits(path, src)
	}
	if lim != nil {
		return hcl.Diagnostics{lim}
	}
	file, diags := l.parser.ParseHCL(src, path)
	if diags.HasErrors() || file == nil {
		return hint(diags)
	}
	guardOperators(file.Body)
	attrs, d := file.Body.JustAttributes()
	diags = append(diags, hint(d)...)
	for _, name := range sortedKeys(attrs) {
		a := attrs[name]
		v, ok := declared[name]
		if !ok {
			diags = append(diags, errAt(a.NameRange, "Value for undeclared variable",
				fmt.Sprintf("The network declares no variable named %q.%s", name, suggest(name, keys(declared)))))
			continue
		}
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if d.HasErrors() {
			v.broken = true
			continue
		}
		values[name] = varValue{v: val, subject: a.Expr.Range()}
	}
	return diags
}

// shorten abbreviates a long -var value for a message.
func shorten(raw string) string {
	const limit = 60
	if r := []rune(raw); len(r) > limit {
		return string(r[:limit]) + "..."
	}
	return raw
}

// flagRange is the synthetic source range of a -var value, named like
// terraform's: "<value for var.NAME>".
func flagRange(name, raw string) hcl.Range {
	end := hcl.Pos{Line: 1, Column: 1 + len([]rune(raw)), Byte: len(raw)}
	return hcl.Range{Filename: "<value for var." + name + ">", Start: hcl.InitialPos, End: end}
}

// parseVarFlag reads the value of -var NAME=raw for v. For a string
// variable the value is raw itself; for another type it is read as an
// HCL expression (an error if it is not one); without a type, or for
// type any, it is read as an HCL expression if it is one and as a string
// otherwise.
func parseVarFlag(v *variable, raw string) (cty.Value, hcl.Diagnostics) {
	if v.typed && v.typ.Equals(cty.String) {
		return cty.StringVal(raw), nil
	}
	val, parsed, diags := parseVarExpr(v.name, raw)
	if !diags.HasErrors() {
		return val, nil
	}
	if !v.typed || v.typ.Equals(cty.DynamicPseudoType) {
		return cty.StringVal(raw), nil
	}
	problem := "the value is not a valid HCL expression"
	if parsed {
		problem = "the value cannot be evaluated"
	}
	first := diags[0]
	arithmeticDiagnostic(first)
	return cty.NilVal, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Invalid value for variable",
		Detail: fmt.Sprintf("-var %s=%s: variable %q (declared at %s) is of type %s, and %s: %s: %s",
			v.name, shorten(raw), v.name, rangeString(v.block.DefRange), typeexpr.TypeString(v.typ), problem, first.Summary, first.Detail),
		Subject: flagRange(v.name, raw).Ptr(),
	}}
}

// parseVarExpr parses and evaluates a -var value as an HCL expression
// (constants only: no variables, no functions); parsed reports whether it
// parsed.
func parseVarExpr(name, raw string) (v cty.Value, parsed bool, diags hcl.Diagnostics) {
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "<value for var."+name+">", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilVal, false, diags
	}
	guardNode(expr)
	v, diags = expr.Value(nil)
	return v, true, diags
}

// defaultSimulation holds the settings of a network without a simulation
// block.
var defaultSimulation = Simulation{Dt: 0.1, Duration: 100, TauD: 200}

var simulationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "dt"}, {Name: "duration"}, {Name: "seed"}, {Name: "workers"}, {Name: "tau_d"}},
}

// simulationValue is what expressions see as simulation.NAME: every
// setting, with the defaults applied.
func simulationValue(s Simulation) map[string]cty.Value {
	return map[string]cty.Value{
		"dt":       cty.NumberFloatVal(s.Dt),
		"duration": cty.NumberFloatVal(s.Duration),
		"seed":     cty.NumberUIntVal(s.Seed),
		"workers":  cty.NumberIntVal(int64(s.Workers)),
		"tau_d":    cty.NumberFloatVal(s.TauD),
	}
}

// valueNode is a local value or a simulation setting: the values
// evaluated in dependency order by loadLocals.
type valueNode struct {
	key  string // "local.NAME" or "simulation.NAME"
	attr *hcl.Attribute
	sim  bool
}

// loadLocals evaluates the locals blocks and the simulation block, in
// dependency order: a local may read var, other locals and simulation; a
// simulation setting may read var, locals and other settings; a cycle is
// an error naming its members. It returns the diagnostics of the locals
// and those of the simulation block apart (an error in the simulation
// block does not stop the loading of the rest). A value that fails is
// unknown to the values that depend on it, which report nothing more.
func (l *loader) loadLocals(localBlocks, simBlocks []*hcl.Block) (localDiags, simDiags hcl.Diagnostics) {
	l.locals = make(map[string]cty.Value)
	sim := defaultSimulation
	l.applyOverrides(&sim)
	l.simV = simulationValue(sim)

	nodes := make(map[string]*valueNode)
	for _, b := range localBlocks {
		as, d := b.Body.JustAttributes()
		localDiags = append(localDiags, d...)
		for _, name := range sortedKeys(as) {
			a := as[name]
			key := "local." + name
			if prev, dup := nodes[key]; dup {
				localDiags = append(localDiags, errAt(a.NameRange, "Duplicate local value",
					fmt.Sprintf("A local value named %q was already defined at %s.", name, rangeString(prev.attr.NameRange))))
				continue
			}
			nodes[key] = &valueNode{key: key, attr: a}
		}
	}
	if len(simBlocks) > 0 {
		content, d := decodeBody(simBlocks[0].Body, simulationSchema)
		simDiags = append(simDiags, d...)
		for name, a := range content.Attributes {
			nodes["simulation."+name] = &valueNode{key: "simulation." + name, attr: a, sim: true}
		}
	}

	state := make(map[string]int) // 0 new, 1 in progress, 2 done
	failed := make(map[string]bool)
	var stack []string
	report := func(n *valueNode, ds ...*hcl.Diagnostic) {
		if n.sim {
			simDiags = append(simDiags, ds...)
		} else {
			localDiags = append(localDiags, ds...)
		}
	}
	var visit func(n *valueNode)
	visit = func(n *valueNode) {
		switch state[n.key] {
		case 1:
			i := slices.Index(stack, n.key)
			cycle := append(slices.Clone(stack[i:]), n.key)
			report(n, errAt(n.attr.NameRange, "Circular reference",
				fmt.Sprintf("%s depends on itself: %s.", n.key, strings.Join(cycle, " → "))))
			failed[n.key] = true
			return
		case 2:
			return
		}
		state[n.key] = 1
		stack = append(stack, n.key)
		depFailed := false
		for _, dep := range valueDeps(n.attr.Expr, nodes) {
			visit(nodes[dep])
			depFailed = depFailed || failed[dep]
		}
		stack = stack[:len(stack)-1]
		state[n.key] = 2
		if failed[n.key] { // a cycle through n was reported
			depFailed = true
		}
		var v cty.Value
		if !depFailed {
			var d hcl.Diagnostics
			v, d = n.attr.Expr.Value(l.evalContext())
			report(n, d...)
			depFailed = d.HasErrors()
		}
		if !depFailed && n.sim {
			if err := l.setSimulation(&sim, n.attr.Name, v); err != nil {
				if err != errUnknown {
					report(n, attrErr(n.attr, err.Error()))
				}
				depFailed = true
			}
		}
		failed[n.key] = depFailed
		switch {
		case n.sim && depFailed:
			l.simV[n.attr.Name] = cty.UnknownVal(cty.Number)
		case n.sim:
			l.simV = simulationValue(sim)
		case depFailed:
			l.locals[n.attr.Name] = cty.DynamicVal
		default:
			l.locals[n.attr.Name] = v
		}
	}
	for _, key := range sortedKeys(nodes) {
		visit(nodes[key])
	}
	l.net.Simulation = sim
	return localDiags, simDiags
}

// valueDeps lists the locals and simulation settings expr refers to (all
// of them for a reference to the whole local or simulation object).
func valueDeps(expr hcl.Expression, nodes map[string]*valueNode) []string {
	var deps []string
	for _, t := range expr.Variables() {
		root := t.RootName()
		if root != "local" && root != "simulation" {
			continue
		}
		if len(t) >= 2 {
			if step, ok := t[1].(hcl.TraverseAttr); ok {
				if _, ok := nodes[root+"."+step.Name]; ok {
					deps = append(deps, root+"."+step.Name)
				}
				continue
			}
		}
		for _, key := range sortedKeys(nodes) {
			if strings.HasPrefix(key, root+".") {
				deps = append(deps, key)
			}
		}
	}
	return deps
}

// setSimulation sets the simulation setting name from v. A setting given
// in Options.Overrides keeps the override (the file's value is still
// checked).
func (l *loader) setSimulation(sim *Simulation, name string, v cty.Value) error {
	s := *sim
	var err error
	switch name {
	case "dt":
		s.Dt, err = toFloat(v)
		if err == nil && !(s.Dt > 0) {
			err = fmt.Errorf("the time step must be positive, not %g ms", s.Dt)
		}
	case "duration":
		s.Duration, err = toFloat(v)
		if err == nil && s.Duration < 0 {
			err = fmt.Errorf("the duration must be >= 0, not %g ms", s.Duration)
		}
	case "seed":
		s.Seed, err = toUint64(v)
	case "tau_d":
		s.TauD, err = toFloat(v)
		if err == nil && !(s.TauD > 0) {
			err = fmt.Errorf("tau_d must be positive, not %g ms", s.TauD)
		}
	case "workers":
		s.Workers, err = toInt(v)
		if err == nil && s.Workers < 0 {
			err = fmt.Errorf("workers must be 0 (all cores) or more, not %d", s.Workers)
		}
	}
	if err != nil {
		return err
	}
	l.applyOverrides(&s)
	*sim = s
	return nil
}

// applyOverrides sets the simulation settings given in Options.Overrides.
func (l *loader) applyOverrides(s *Simulation) {
	o := l.opts.Overrides
	if o.Duration != nil {
		s.Duration = *o.Duration
	}
	if o.Seed != nil {
		s.Seed = *o.Seed
	}
	if o.Workers != nil {
		s.Workers = *o.Workers
	}
}

// checkOverrides reports overrides that are not valid settings.
func (l *loader) checkOverrides() hcl.Diagnostics {
	o := l.opts.Overrides
	var diags hcl.Diagnostics
	bad := func(detail string) {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid simulation override", Detail: detail})
	}
	if o.Duration != nil && !(*o.Duration >= 0 && !math.IsInf(*o.Duration, 0)) {
		bad(fmt.Sprintf("The duration must be a finite number of ms >= 0, not %g.", *o.Duration))
	}
	if o.Workers != nil && *o.Workers < 0 {
		bad(fmt.Sprintf("Workers must be 0 (all cores) or more, not %d.", *o.Workers))
	}
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
// checked operators and drops repeated diagnostics (dedupe), such as the
// same error of an expression evaluated once per instance of a repeated
// block.
func finishDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	for _, d := range diags {
		arithmeticDiagnostic(d)
	}
	return dedupe(diags)
}
