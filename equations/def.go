package equations

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Spec is the text of an equation-defined neuron model, as written in a
// network file.
type Spec struct {
	// Name is the model's kind, e.g. "adex".
	Name string
	// Equations are the model's equations in Brian2's syntax.
	Equations string
	// Threshold is the spike condition, e.g. "v > V_T + 5*delta_T".
	Threshold string
	// Reset are the statements run at a spike, e.g. "v = V_r; w += b"
	// (optional).
	Reset string
	// Refractory is a duration ("2 ms"), an expression of parameters of
	// dimension time ("t_ref"), or a condition ("v > -40*mV"); empty for
	// none.
	Refractory string
	// Method is "auto" (default), "exact", "exponential_euler", "euler",
	// "rk2", "rk4" or "heun".
	Method string
	// Params are the parameter values with units ("20 ms"); a plain
	// number is in engine units.
	Params map[string]string
	// Init are the default initial values of state variables (else 0).
	Init map[string]string
	// Input is the name of the summed input of the step; default "I".
	Input string
}

// ParamDef describes one parameter of a model.
type ParamDef struct {
	Name    string
	Dim     Dim
	Default float64
	// Declared is set for parameters declared in the equations.
	Declared bool
}

// Def is a checked equation model: the result of Compile, from which any
// number of models are made with New.
type Def struct {
	// Name is the model's kind.
	Name string
	// States are the state variables (the left-hand sides of the
	// differential equations), in order.
	States []string
	// StateDims are their dimensions.
	StateDims []Dim
	// Held marks the state variables flagged (unless refractory).
	Held []bool
	// Params are the parameters, sorted by name.
	Params []ParamDef
	// Input is the name of the input and InputDim its dimension.
	Input    string
	InputDim Dim
	// Method is the integration method chosen.
	Method string
	// Inits are the default initial values, in engine units.
	Inits map[string]float64

	spec    Spec
	eqs     []Equation
	syms    map[string]*symbol
	subs    map[string]*Node
	f       []*Node // inlined right-hand sides, one per state
	thr     *Node
	reset   []Statement
	refKind refKind
	ref     *Node
	// Analysis.
	noise    []map[string]*Node // per state: coefficient of each noise
	drift    []*Node            // per state: right-hand side without noise
	noises   []string           // noise names, sorted
	linA     [][]*Node          // exact: coefficients
	linC     []*Node            // exact: constant terms
	expA     []*Node            // exponential Euler: coefficient of x in dx/dt
	expB     []*Node            // and the rest
	hasRand  bool
	linErr   error // why the system is not linear with constant coefficients
	thrNodes []*Node
}

type refKind uint8

const (
	refNone refKind = iota
	refDuration
	refCondition
)

var methods = []string{"auto", "exact", "exponential_euler", "euler", "rk2", "rk4", "heun"}

// Compile parses and checks a Spec: names, dimensions, cycles among
// subexpressions, and the integration method. The error is an Errors.
func Compile(spec Spec) (*Def, error) {
	d := &Def{Name: spec.Name, spec: spec, syms: map[string]*symbol{}, subs: map[string]*Node{}, Inits: map[string]float64{}}
	var errs Errors
	add := func(field, key string, err error) {
		if e, ok := err.(*Error); ok {
			errs = append(errs, &SpecError{Field: field, Key: key, Err: e})
		} else {
			errs = append(errs, &SpecError{Field: field, Key: key, Msg: err.Error()})
		}
	}
	if spec.Input == "" {
		spec.Input = "I"
		d.spec.Input = "I"
	}
	d.Input, d.InputDim = spec.Input, Current
	eqs, err := ParseEquations(spec.Equations)
	if err != nil {
		add("equations", "", err)
		return nil, errs
	}
	d.eqs = eqs
	d.syms["t"] = &symbol{kind: symTime, dim: Time, eq: -1}
	d.syms["dt"] = &symbol{kind: symDt, dim: Time, eq: -1}
	d.syms[d.Input] = &symbol{kind: symInput, dim: Current, eq: -1}
	eqc := &checker{d: d, field: "equations", src: spec.Equations, errs: &errs}
	declared := map[string]bool{}
	for i, eq := range eqs {
		np, nl := eq.NamePos, eq.NameEnd-eq.NamePos
		name := eq.Name
		switch {
		case units[name] != Unit{} && len(name) > 1:
			// One-letter units (s, V, A, S, F, m) may be shadowed by
			// variables, as Brian2's m of Hodgkin-Huxley models.
			eqc.failAt(np, nl, "%q is a unit and cannot name a variable", name)
			continue
		case funcs[name] > 0 || name == "rand" || name == "randn":
			eqc.failAt(np, nl, "%q is a function and cannot name a variable", name)
			continue
		case name == "t" || name == "dt" || isNoiseName(name):
			eqc.failAt(np, nl, "%q is reserved (time, time step or white noise) and cannot name a variable", name)
			continue
		case name == d.Input && eq.Kind == ParamDecl:
			d.InputDim = eq.Dim
			d.syms[name].dim = eq.Dim
			continue
		case name == d.Input:
			eqc.failAt(np, nl, "%q is the model's input (the summed synaptic and stimulus current of the step); declare only its unit, as \"%s : nA\"", name, name)
			continue
		case declared[name]:
			first := eqs[d.syms[name].eq]
			text := spec.Equations[first.NamePos:first.UnitPos]
			text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), ":"))
			eqc.failAt(np, nl, "%q is defined twice (first by %q)", name, text)
			continue
		}
		declared[name] = true
		okFlags := map[EqKind][]string{Diff: {"unless refractory"}, Sub: {"constant over dt"}, ParamDecl: {"constant", "shared"}}[eq.Kind]
		for _, fl := range eq.Flags {
			if !slices.Contains(okFlags, fl) {
				eqc.failAt(eq.FlagsPos, len(fl), "unknown flag %q for %s (allowed: %s)", fl, name, strings.Join(okFlags, ", "))
			}
		}
		switch eq.Kind {
		case Diff:
			d.syms[name] = &symbol{kind: symState, dim: eq.Dim, eq: i}
			d.States = append(d.States, name)
			d.StateDims = append(d.StateDims, eq.Dim)
			d.Held = append(d.Held, slices.Contains(eq.Flags, "unless refractory"))
		case Sub:
			d.syms[name] = &symbol{kind: symSub, dim: eq.Dim, eq: i}
			d.subs[name] = eq.Expr
		case ParamDecl:
			d.syms[name] = &symbol{kind: symParam, dim: eq.Dim, eq: i}
			d.Params = append(d.Params, ParamDef{Name: name, Dim: eq.Dim, Declared: true})
		}
	}
	if len(d.States) == 0 && len(errs) == 0 {
		errs = append(errs, &SpecError{Field: "equations", Msg: "no differential equation (dx/dt = ... : unit)"})
	}
	// Parameter values.
	keys := make([]string, 0, len(spec.Params))
	for k := range spec.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		q, err := ParseQuantity(spec.Params[k])
		if err != nil {
			add("parameters", k, err)
			continue
		}
		plain := isPlainNumber(spec.Params[k])
		s, ok := d.syms[k]
		switch {
		case ok && s.kind == symParam:
			if plain {
				q.Dim = s.dim
			}
			if q.Dim != s.dim {
				add("parameters", k, fmt.Errorf("parameter %s is declared in %s in the equations, but its value %q has dimension %s", k, s.dim, spec.Params[k], q.Dim))
				continue
			}
			for i := range d.Params {
				if d.Params[i].Name == k {
					d.Params[i].Default = q.Value
				}
			}
		case ok:
			what := map[symKind]string{symState: "a state variable (set its initial value in init)", symSub: "a subexpression", symInput: "the model's input",
				symTime: "the time", symDt: "the time step"}[s.kind]
			add("parameters", k, fmt.Errorf("%s is %s, not a parameter", k, what))
		case units[k] != Unit{} && len(k) > 1 || funcs[k] > 0 || isNoiseName(k):
			add("parameters", k, fmt.Errorf("%q is a unit, function or noise name and cannot name a parameter", k))
		case !isIdent(k):
			add("parameters", k, fmt.Errorf("%q is not a valid name", k))
		default:
			d.syms[k] = &symbol{kind: symParam, dim: q.Dim, eq: -1}
			d.Params = append(d.Params, ParamDef{Name: k, Dim: q.Dim, Default: q.Value})
		}
	}
	sort.Slice(d.Params, func(i, j int) bool { return d.Params[i].Name < d.Params[j].Name })
	if len(errs) > 0 {
		return nil, errs
	}
	// Dimensions of every equation.
	for _, eq := range eqs {
		if eq.Expr == nil {
			continue
		}
		want, label := eq.Dim, eq.Name
		if eq.Kind == Diff {
			want, label = eq.Dim.Div(Time), "d"+eq.Name+"/dt"
		}
		eqc.curDiff = eq.Kind == Diff
		t := eqc.typeOf(eq.Expr, dctx{label: label, exp: &want})
		eqc.curDiff = false
		switch {
		case !t.ok:
		case t.boolean:
			eqc.fail(eq.Expr, "%s: the right-hand side is a condition, not a number", label)
		case t.dim != want:
			eqc.fail(eq.Expr, "%s: right-hand side %q has dimension %s, expected %s", label, src(spec.Equations, eq.Expr), t.dim, want)
		}
	}
	d.checkCycles(eqc)
	d.compileEvents(&errs)
	d.compileInits(&errs)
	if len(errs) > 0 {
		return nil, errs
	}
	d.analyse()
	if err := d.chooseMethod(spec.Method); err != nil {
		add("method", "", err)
		return nil, errs
	}
	return d, nil
}

func isIdent(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := range len(s) {
		if !isLetter(s[i]) && !(s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

// isPlainNumber reports whether s is a number without a unit.
func isPlainNumber(s string) bool {
	m := leadingNumber.FindStringIndex(s)
	return m != nil && strings.TrimSpace(s[m[1]:]) == ""
}

// checkCycles reports cycles among subexpressions.
func (d *Def) checkCycles(c *checker) {
	state := map[string]int{} // 1 visiting, 2 done
	var path []string
	var visit func(name string) bool
	visit = func(name string) bool {
		switch state[name] {
		case 1:
			i := slices.Index(path, name)
			cyc := append(slices.Clone(path[i:]), name)
			eq := d.eqs[d.syms[name].eq]
			c.failAt(eq.NamePos, eq.NameEnd-eq.NamePos, "subexpressions refer to each other in a cycle: %s", strings.Join(cyc, " -> "))
			return false
		case 2:
			return true
		}
		state[name] = 1
		path = append(path, name)
		for _, m := range names(d.subs[name], nil) {
			if _, ok := d.subs[m]; ok && !visit(m) {
				return false
			}
		}
		path = path[:len(path)-1]
		state[name] = 2
		return true
	}
	var subs []string
	for k := range d.subs {
		subs = append(subs, k)
	}
	sort.Slice(subs, func(i, j int) bool { return d.syms[subs[i]].eq < d.syms[subs[j]].eq })
	for _, s := range subs {
		if !visit(s) {
			return
		}
	}
}

// compileEvents checks the threshold, reset and refractory strings.
func (d *Def) compileEvents(errs *Errors) {
	spec := d.spec
	if strings.TrimSpace(spec.Threshold) == "" {
		*errs = append(*errs, &SpecError{Field: "threshold", Msg: "missing: the spike condition, e.g. \"v > V_T\""})
	} else if n, err := ParseExpr(spec.Threshold); err != nil {
		*errs = append(*errs, &SpecError{Field: "threshold", Err: err.(*Error)})
	} else {
		c := &checker{d: d, field: "threshold", src: spec.Threshold, errs: errs}
		if t := c.typeOf(n, dctx{label: "threshold", noFac: true}); t.ok && !t.boolean {
			c.fail(n, "threshold: %q is a number of dimension %s, expected a condition such as \"v > V_T\"", src(spec.Threshold, n), t.dim)
		}
		d.thr = n
	}
	if strings.TrimSpace(spec.Reset) != "" {
		st, err := ParseStatements(spec.Reset)
		if err != nil {
			*errs = append(*errs, &SpecError{Field: "reset", Err: err.(*Error)})
		} else {
			c := &checker{d: d, field: "reset", src: spec.Reset, errs: errs}
			for _, s := range st {
				sym, ok := d.syms[s.Var]
				if !ok || sym.kind != symState {
					c.failAt(s.VarPos, len(s.Var), "reset: %q is not a state variable%s", s.Var, d.suggest(s.Var))
					continue
				}
				want := sym.dim
				if s.Op == "*=" || s.Op == "/=" {
					want = Dimensionless
				}
				t := c.typeOf(s.Expr, dctx{label: "reset " + s.Var, exp: &want, noFac: true})
				if t.ok && (t.boolean || t.dim != want) {
					c.fail(s.Expr, "reset %s %s: %q has dimension %s, expected %s", s.Var, s.Op, src(spec.Reset, s.Expr), t.dim, want)
				}
			}
			d.reset = st
		}
	}
	if r := strings.TrimSpace(spec.Refractory); r != "" {
		src0 := spec.Refractory
		if isNumberWithUnit(src0) {
			q, err := ParseQuantity(src0)
			if err != nil {
				*errs = append(*errs, &SpecError{Field: "refractory", Msg: err.Error()})
				return
			}
			if isPlainNumber(src0) {
				q.Dim = Time
			}
			if q.Dim != Time {
				*errs = append(*errs, &SpecError{Field: "refractory", Msg: fmt.Sprintf("%q has dimension %s, expected a duration (ms) or a condition", r, q.Dim)})
				return
			}
			d.refKind, d.ref = refDuration, &Node{Kind: NumNode, Val: q.Value, Pos: -1}
			return
		}
		n, err := ParseExpr(src0)
		if err != nil {
			*errs = append(*errs, &SpecError{Field: "refractory", Err: err.(*Error)})
			return
		}
		c := &checker{d: d, field: "refractory", src: src0, errs: errs}
		t := c.typeOf(n, dctx{label: "refractory", noFac: true})
		switch {
		case !t.ok:
		case t.boolean:
			d.refKind, d.ref = refCondition, n
		case t.dim == Time:
			for _, m := range names(n, nil) {
				if s, ok := d.syms[m]; ok && s.kind != symParam && s.kind != symDt {
					c.fail(n, "refractory: a duration may depend only on parameters, but %q uses %s", src(src0, n), m)
					return
				}
			}
			if hasRand(n) {
				c.fail(n, "refractory: a duration may not be random")
				return
			}
			d.refKind, d.ref = refDuration, n
		default:
			c.fail(n, "refractory: %q has dimension %s, expected a duration (ms) or a condition", src(src0, n), t.dim)
		}
	}
}

// isNumberWithUnit reports whether s starts with a number (a value such as
// "2 ms" rather than an expression of names).
func isNumberWithUnit(s string) bool {
	return leadingNumber.MatchString(s) && !strings.ContainsAny(s, "<>=")
}

func (d *Def) compileInits(errs *Errors) {
	keys := make([]string, 0, len(d.spec.Init))
	for k := range d.spec.Init {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := slices.Index(d.States, k)
		if i < 0 {
			*errs = append(*errs, &SpecError{Field: "init", Key: k, Msg: fmt.Sprintf("%q is not a state variable%s", k, d.suggest(k))})
			continue
		}
		q, err := ParseQuantity(d.spec.Init[k])
		if err != nil {
			*errs = append(*errs, &SpecError{Field: "init", Key: k, Msg: err.Error()})
			continue
		}
		if isPlainNumber(d.spec.Init[k]) {
			q.Dim = d.StateDims[i]
		}
		if q.Dim != d.StateDims[i] {
			*errs = append(*errs, &SpecError{Field: "init", Key: k, Msg: fmt.Sprintf("initial value %q has dimension %s, but %s is in %s", d.spec.Init[k], q.Dim, k, d.StateDims[i])})
			continue
		}
		d.Inits[k] = q.Value
	}
}

// Param returns the definition of the named parameter.
func (d *Def) Param(name string) (ParamDef, bool) {
	for _, p := range d.Params {
		if p.Name == name {
			return p, true
		}
	}
	return ParamDef{}, false
}
