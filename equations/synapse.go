package equations

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// SynapseSpec is the text of an equation-defined synapse model (a
// synapse_model block), with what the model is bound to: the variables of
// the source and target populations that X_pre and X_post name.
type SynapseSpec struct {
	// Name is the model's name, e.g. "stdp_song".
	Name string
	// Equations declare the per-synapse variables: "w : 1" (a variable
	// set only by statements), "dx/dt = ... : unit (event-driven)"
	// (advanced exactly from one event of the synapse to the next) or
	// "(clock-driven)" (integrated every step, the default), "name = expr
	// : unit" (a subexpression) and "X_post = expr : unit (summed)" (summed
	// over the synapses into each target neuron every step).
	Equations string
	// OnPre are the statements run when a presynaptic spike arrives
	// (after the synapse's delay); OnPost those run when the target
	// neuron spikes; OnStep those run every step for every synapse, after
	// the events (Brian2's run_regularly).
	OnPre, OnPost, OnStep string
	// PostDelay is the backpropagation delay of on_post: a duration
	// ("2 ms", or a number in ms); on_post runs that long after the target
	// spikes. Empty for none.
	PostDelay string
	// Method integrates the clock-driven equations: "auto" (default),
	// "exponential_euler", "euler", "rk2" or "rk4".
	Method string
	// Params are the shared parameters' values with units.
	Params map[string]string
	// Init are the default initial values of the per-synapse variables.
	Init map[string]string
	// PreVars and PostVars are the variables of the source and target
	// populations with their dimensions; PostInput, if not "", names the
	// target's summed input (I, in nA), which summed variables may feed.
	PreVars, PostVars map[string]Dim
	PostInput         string
}

// synKind is the kind of a per-synapse variable.
type synKind uint8

const (
	synPlain synKind = iota // declared "x : unit": changed only by statements
	synEvent                // (event-driven)
	synClock                // (clock-driven)
)

// SynapseDef is a checked synapse model, from which rules are made with
// NewRule.
type SynapseDef struct {
	// Name is the model's name.
	Name string
	// Vars are the per-synapse variables, in the order of the equations,
	// and VarDims their dimensions.
	Vars    []string
	VarDims []Dim
	// Params are the shared parameters, sorted by name.
	Params []ParamDef
	// Inits are the default initial values of the variables.
	Inits map[string]float64
	// Method is the integration method of the clock-driven equations.
	Method string
	// PostDelay is the backpropagation delay of on_post in ms.
	PostDelay float64

	spec  SynapseSpec
	d     *Def // the symbol table the checker reads
	kinds []synKind
	// Event-driven equations dx/dt = a*x + b with constant a and b.
	evA, evB []*Node
	// Clock-driven right-hand sides (inlined), by variable.
	clockF   []*Node
	expA     []*Node // exponential Euler split of each clock equation
	expB     []*Node
	pathways [3][]synStmt // on_pre, on_post, on_step
	summed   []synSummed
}

// synStmt is a compiled statement of a pathway.
type synStmt struct {
	target string
	where  byte // 's' synapse variable, 'p' presynaptic, 'q' postsynaptic
	idx    int  // index in Vars for a synapse variable
	op     string
	expr   *Node
}

// synSummed is a summed variable: the sum over the synapses of each
// target neuron of expr sets the target's variable (or feeds its input).
type synSummed struct {
	target string // the target's variable without _post
	input  bool   // the target's summed input
	expr   *Node
}

// Pathway names, in the order the rule runs them.
var pathwayFields = [3]string{"on_pre", "on_post", "on_step"}

// CompileSynapse parses and checks a SynapseSpec: names, dimensions, the
// statements of every pathway and the summed variables. The error is an
// Errors whose fields name the strings ("equations", "on_pre", ...).
func CompileSynapse(spec SynapseSpec) (*SynapseDef, error) {
	sd := &SynapseDef{Name: spec.Name, spec: spec, Inits: map[string]float64{}}
	d := &Def{Name: spec.Name, syms: map[string]*symbol{}, subs: map[string]*Node{}}
	sd.d = d
	var errs Errors
	add := func(field, key string, err error) {
		if e, ok := err.(*Error); ok {
			errs = append(errs, &SpecError{Field: field, Key: key, Err: e})
		} else {
			errs = append(errs, &SpecError{Field: field, Key: key, Msg: err.Error()})
		}
	}
	eqs, err := ParseEquations(spec.Equations)
	if err != nil {
		add("equations", "", err)
		return nil, errs
	}
	d.eqs = eqs
	d.syms["t"] = &symbol{kind: symTime, dim: Time, eq: -1}
	d.syms["dt"] = &symbol{kind: symDt, dim: Time, eq: -1}
	for _, sig := range []string{"dopamine", "reward"} {
		d.syms[sig] = &symbol{kind: symInput, dim: Dimensionless, eq: -1}
	}
	for _, side := range []struct {
		vars   map[string]Dim
		suffix string
	}{{spec.PreVars, "_pre"}, {spec.PostVars, "_post"}} {
		for v, dim := range side.vars {
			d.syms[v+side.suffix] = &symbol{kind: symInput, dim: dim, eq: -1}
		}
	}
	if spec.PostInput != "" {
		if _, ok := d.syms[spec.PostInput+"_post"]; !ok {
			d.syms[spec.PostInput+"_post"] = &symbol{kind: symInput, dim: Current, eq: -1}
		}
	}
	eqc := &checker{d: d, field: "equations", src: spec.Equations, errs: &errs}
	declared := map[string]bool{}
	var summedEqs []Equation
	for i, eq := range eqs {
		np, nl := eq.NamePos, eq.NameEnd-eq.NamePos
		name := eq.Name
		isSummed := eq.Kind == Sub && slices.Contains(eq.Flags, "summed")
		switch {
		case units[name] != Unit{} && len(name) > 1:
			eqc.failAt(np, nl, "%q is a unit and cannot name a variable", name)
			continue
		case funcs[name] > 0 || name == "rand" || name == "randn":
			eqc.failAt(np, nl, "%q is a function and cannot name a variable", name)
			continue
		case name == "t" || name == "dt" || name == "dopamine" || name == "reward" || isNoiseName(name):
			eqc.failAt(np, nl, "%q is reserved (time, time step, network signal or white noise) and cannot name a variable", name)
			continue
		case isSummed:
			if !strings.HasSuffix(name, "_post") {
				eqc.failAt(np, nl, "a summed variable sets a variable of the target neuron: write it as NAME_post = ... : unit (summed)")
				continue
			}
			summedEqs = append(summedEqs, eq)
			continue
		case strings.HasSuffix(name, "_pre") || strings.HasSuffix(name, "_post"):
			eqc.failAt(np, nl, "%q: names ending in _pre and _post are the variables of the source and target neurons, not of the synapse", name)
			continue
		case declared[name]:
			eqc.failAt(np, nl, "%q is defined twice", name)
			continue
		}
		declared[name] = true
		okFlags := map[EqKind][]string{Diff: {"event-driven", "clock-driven"}, Sub: {"summed", "constant over dt"}, ParamDecl: {"constant"}}[eq.Kind]
		for _, fl := range eq.Flags {
			if !slices.Contains(okFlags, fl) {
				eqc.failAt(eq.FlagsPos, len(fl), "unknown flag %q for %s (allowed: %s)", fl, name, strings.Join(okFlags, ", "))
			}
		}
		switch eq.Kind {
		case Diff:
			k := synClock
			if slices.Contains(eq.Flags, "event-driven") {
				k = synEvent
			}
			d.syms[name] = &symbol{kind: symState, dim: eq.Dim, eq: i}
			sd.Vars, sd.VarDims, sd.kinds = append(sd.Vars, name), append(sd.VarDims, eq.Dim), append(sd.kinds, k)
		case Sub:
			d.syms[name] = &symbol{kind: symSub, dim: eq.Dim, eq: i}
			d.subs[name] = eq.Expr
		case ParamDecl:
			// In a synapse model a declared name is a per-synapse
			// variable (Brian2's w : 1), set by statements and NAME_init.
			d.syms[name] = &symbol{kind: symState, dim: eq.Dim, eq: i}
			sd.Vars, sd.VarDims, sd.kinds = append(sd.Vars, name), append(sd.VarDims, eq.Dim), append(sd.kinds, synPlain)
		}
	}
	// Parameters.
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
		switch s, ok := d.syms[k]; {
		case ok:
			add("parameters", k, fmt.Errorf("%s is already a variable of the synapse, a neuron's variable or a signal, not a parameter", k))
		case units[k] != Unit{} && len(k) > 1 || funcs[k] > 0 || isNoiseName(k):
			add("parameters", k, fmt.Errorf("%q is a unit, function or noise name and cannot name a parameter", k))
		case !isIdent(k):
			add("parameters", k, fmt.Errorf("%q is not a valid name", k))
		default:
			_ = s
			d.syms[k] = &symbol{kind: symParam, dim: q.Dim, eq: -1}
			sd.Params = append(sd.Params, ParamDef{Name: k, Dim: q.Dim, Default: q.Value})
		}
	}
	sort.Slice(sd.Params, func(i, j int) bool { return sd.Params[i].Name < sd.Params[j].Name })
	if len(errs) > 0 {
		return nil, errs
	}
	// Dimensions of the equations.
	for _, eq := range eqs {
		if eq.Expr == nil {
			continue
		}
		want, label := eq.Dim, eq.Name
		if eq.Kind == Diff {
			want, label = eq.Dim.Div(Time), "d"+eq.Name+"/dt"
		}
		t := eqc.typeOf(eq.Expr, dctx{label: label, exp: &want})
		switch {
		case !t.ok:
		case t.boolean:
			eqc.fail(eq.Expr, "%s: the right-hand side is a condition, not a number", label)
		case t.dim != want:
			eqc.fail(eq.Expr, "%s: right-hand side %q has dimension %s, expected %s", label, src(spec.Equations, eq.Expr), t.dim, want)
		}
	}
	d.checkCycles(eqc)
	if len(errs) > 0 {
		return nil, errs
	}
	sd.analyse(eqc)
	for _, eq := range summedEqs {
		sd.compileSummed(eqc, eq)
	}
	for p, text := range []string{spec.OnPre, spec.OnPost, spec.OnStep} {
		sd.compilePathway(p, text, &errs)
	}
	sd.compileInits(&errs)
	if strings.TrimSpace(spec.PostDelay) != "" {
		q, err := ParseQuantity(spec.PostDelay)
		switch {
		case err != nil:
			add("post_delay", "", err)
		case isPlainNumber(spec.PostDelay) || q.Dim == Time:
			if !(q.Value >= 0) || q.Value > 1e9 {
				add("post_delay", "", fmt.Errorf("post_delay %q: want a finite duration >= 0", spec.PostDelay))
			}
			sd.PostDelay = q.Value
		default:
			add("post_delay", "", fmt.Errorf("post_delay %q has dimension %s, expected a duration (ms)", spec.PostDelay, q.Dim))
		}
	}
	if err := sd.chooseMethod(spec.Method); err != nil && len(errs) == 0 {
		add("method", "", err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return sd, nil
}

// constant reports whether n depends only on parameters, units and dt.
func (sd *SynapseDef) constant(n *Node) bool {
	return !depends(n, func(s string) bool {
		sym, ok := sd.d.syms[s]
		return ok && sym.kind != symParam && sym.kind != symDt
	}) && !hasRand(n)
}

// analyse splits the event-driven equations into dx/dt = a*x + b and
// inlines the clock-driven ones.
func (sd *SynapseDef) analyse(c *checker) {
	d := sd.d
	n := len(sd.Vars)
	sd.evA, sd.evB = make([]*Node, n), make([]*Node, n)
	sd.clockF = make([]*Node, n)
	for i, v := range sd.Vars {
		if sd.kinds[i] == synPlain {
			continue
		}
		eq := d.eqs[d.syms[v].eq]
		f := d.inline(eq.Expr)
		for _, m := range names(f, nil) {
			if isNoiseName(m) {
				c.fail(eq.Expr, "d%s/dt: white noise is not supported in synapse equations", v)
				return
			}
		}
		if sd.kinds[i] == synClock {
			sd.clockF[i] = f
			continue
		}
		a, b, ok := affine(f, v)
		if !ok || !sd.constant(a) || !sd.constant(b) {
			c.fail(eq.Expr, "d%s/dt: an (event-driven) equation must be linear in %s with constant coefficients, dx/dt = a*x + b with a and b of parameters only, so that it is advanced exactly between events; make it (clock-driven)", v, v)
			continue
		}
		sd.evA[i], sd.evB[i] = a, b
	}
}

// chooseMethod picks the method of the clock-driven equations.
func (sd *SynapseDef) chooseMethod(m string) error {
	if m == "" {
		m = "auto"
	}
	n := len(sd.Vars)
	sd.expA, sd.expB = make([]*Node, n), make([]*Node, n)
	linear := true
	for i, f := range sd.clockF {
		if f == nil {
			continue
		}
		a, b, ok := affine(f, sd.Vars[i])
		if !ok {
			linear = false
			continue
		}
		sd.expA[i], sd.expB[i] = a, b
	}
	switch m {
	case "auto":
		m = "rk4"
		if linear {
			m = "exponential_euler"
		}
	case "exact", "linear":
		if !linear {
			return fmt.Errorf("method %q needs every clock-driven equation linear in its own variable; use \"rk4\"", m)
		}
		m = "exponential_euler"
	case "exponential_euler":
		if !linear {
			return fmt.Errorf("method \"exponential_euler\" needs every clock-driven equation linear in its own variable")
		}
	case "euler", "rk2", "rk4":
	default:
		return fmt.Errorf("unknown method %q (want one of auto, exponential_euler, euler, rk2, rk4)", m)
	}
	sd.Method = m
	return nil
}

// compileSummed checks a summed variable X_post = expr : unit (summed).
func (sd *SynapseDef) compileSummed(c *checker, eq Equation) {
	base := strings.TrimSuffix(eq.Name, "_post")
	np, nl := eq.NamePos, eq.NameEnd-eq.NamePos
	input := base == sd.spec.PostInput && sd.spec.PostInput != ""
	dim, ok := sd.spec.PostVars[base]
	if input {
		dim, ok = Current, true
	}
	if !ok {
		c.failAt(np, nl, "the target population has no variable %q to sum into%s", base, suggestFrom(base, keysOf(sd.spec.PostVars)))
		return
	}
	if eq.Dim != dim {
		c.failAt(eq.UnitPos, len(eq.Unit), "%s is in %s, but the target's %s is in %s", eq.Name, eq.Dim, base, dim)
		return
	}
	sd.summed = append(sd.summed, synSummed{target: base, input: input, expr: sd.d.inline(eq.Expr)})
}

// compilePathway parses and checks the statements of pathway p.
func (sd *SynapseDef) compilePathway(p int, text string, errs *Errors) {
	field := pathwayFields[p]
	if strings.TrimSpace(text) == "" {
		return
	}
	st, err := ParseStatements(text)
	if err != nil {
		*errs = append(*errs, &SpecError{Field: field, Err: err.(*Error)})
		return
	}
	c := &checker{d: sd.d, field: field, src: text, errs: errs}
	for _, s := range st {
		cs := synStmt{target: s.Var, op: s.Op, expr: sd.d.inline(s.Expr)}
		sym, ok := sd.d.syms[s.Var]
		switch {
		case ok && sym.kind == symState:
			cs.where, cs.idx = 's', slices.Index(sd.Vars, s.Var)
		case ok && sym.kind == symInput && strings.HasSuffix(s.Var, "_pre") && sd.spec.PreVars != nil:
			cs.where, cs.target = 'p', strings.TrimSuffix(s.Var, "_pre")
		case ok && sym.kind == symInput && strings.HasSuffix(s.Var, "_post"):
			cs.where, cs.target = 'q', strings.TrimSuffix(s.Var, "_post")
			if cs.target == sd.spec.PostInput && sd.spec.PostInput != "" && sd.spec.PostVars[cs.target] == (Dim{}) {
				c.failAt(s.VarPos, len(s.Var), "%s: the target's input is set by summed variables (%s = ... : nA (summed)), not by statements; or use a state variable of the target", field, s.Var)
				continue
			}
		case strings.HasSuffix(s.Var, "_post"):
			c.failAt(s.VarPos, len(s.Var), "%s: the target population has no variable %q%s", field, strings.TrimSuffix(s.Var, "_post"), suggestFrom(strings.TrimSuffix(s.Var, "_post"), keysOf(sd.spec.PostVars)))
			continue
		case strings.HasSuffix(s.Var, "_pre"):
			c.failAt(s.VarPos, len(s.Var), "%s: the source population has no variable %q%s", field, strings.TrimSuffix(s.Var, "_pre"), suggestFrom(strings.TrimSuffix(s.Var, "_pre"), keysOf(sd.spec.PreVars)))
			continue
		default:
			what := "a variable of the synapse"
			if ok && sym.kind == symSub {
				what = "a variable (it is a subexpression)"
			} else if ok && sym.kind == symParam {
				what = "a variable (it is a shared parameter)"
			}
			c.failAt(s.VarPos, len(s.Var), "%s: %q is not %s%s", field, s.Var, what, sd.d.suggest(s.Var))
			continue
		}
		want := sym.dim
		if s.Op == "*=" || s.Op == "/=" {
			want = Dimensionless
		}
		t := c.typeOf(s.Expr, dctx{label: field + " " + s.Var, exp: &want, noFac: true})
		if t.ok && (t.boolean || t.dim != want) {
			c.fail(s.Expr, "%s %s %s: %q has dimension %s, expected %s", field, s.Var, s.Op, src(text, s.Expr), t.dim, want)
			continue
		}
		sd.pathways[p] = append(sd.pathways[p], cs)
	}
}

func (sd *SynapseDef) compileInits(errs *Errors) {
	keys := make([]string, 0, len(sd.spec.Init))
	for k := range sd.spec.Init {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := slices.Index(sd.Vars, k)
		if i < 0 {
			*errs = append(*errs, &SpecError{Field: "init", Key: k, Msg: fmt.Sprintf("%q is not a variable of the synapse%s", k, sd.d.suggest(k))})
			continue
		}
		q, err := ParseQuantity(sd.spec.Init[k])
		if err != nil {
			*errs = append(*errs, &SpecError{Field: "init", Key: k, Msg: err.Error()})
			continue
		}
		if isPlainNumber(sd.spec.Init[k]) {
			q.Dim = sd.VarDims[i]
		}
		if q.Dim != sd.VarDims[i] {
			*errs = append(*errs, &SpecError{Field: "init", Key: k, Msg: fmt.Sprintf("initial value %q has dimension %s, but %s is in %s", sd.spec.Init[k], q.Dim, k, sd.VarDims[i])})
			continue
		}
		sd.Inits[k] = q.Value
	}
}

// Param returns the definition of the named parameter.
func (sd *SynapseDef) Param(name string) (ParamDef, bool) {
	for _, p := range sd.Params {
		if p.Name == name {
			return p, true
		}
	}
	return ParamDef{}, false
}

// Transmits reports whether the model acts on the neurons it connects:
// a statement writes a variable X_pre or X_post, or a summed variable
// sets one. A model that does not is a learning rule alone, and its edge
// keeps its kernel (which delivers the weights as for a built-in rule).
func (sd *SynapseDef) Transmits() bool {
	if len(sd.summed) > 0 {
		return true
	}
	for _, p := range sd.pathways {
		for _, st := range p {
			if st.where != 's' {
				return true
			}
		}
	}
	return false
}

// EventDriven reports whether variable name is advanced lazily between
// events ((event-driven)).
func (sd *SynapseDef) EventDriven(name string) bool {
	i := slices.Index(sd.Vars, name)
	return i >= 0 && sd.kinds[i] == synEvent
}

// ClockDriven reports whether variable name is integrated every step.
func (sd *SynapseDef) ClockDriven(name string) bool {
	i := slices.Index(sd.Vars, name)
	return i >= 0 && sd.kinds[i] == synClock
}

func keysOf(m map[string]Dim) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggestFrom returns " (did you mean "x"?)" for the closest of cands, or
// the list of cands.
func suggestFrom(name string, cands []string) string {
	d := &Def{syms: map[string]*symbol{}}
	for _, c := range cands {
		d.syms[c] = &symbol{}
	}
	if s := d.suggest(name); s != "" && !strings.Contains(s, "(did you mean \""+name) {
		for _, c := range cands {
			if strings.Contains(s, "\""+c+"\"") {
				return s
			}
		}
	}
	if len(cands) == 0 {
		return " (it has none)"
	}
	return " (its variables: " + strings.Join(cands, ", ") + ")"
}
