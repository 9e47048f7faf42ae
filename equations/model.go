package equations

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/internal/fused"
	"github.com/synapticflow/synapticflow-go/internal/vecmath"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// block is the number of neurons each instruction of the register machine
// runs over: small enough that the registers stay in the L1 cache. It is
// a constant, so the random numbers drawn for a neuron do not depend on
// the number of workers.
const block = 256

// Model is a neuron model defined by equations; it implements
// neurons.Model. Make one with Def.New, set parameters with SetParam and
// initial values with SetInit, then use it in a neurons.Population.
type Model struct {
	neurons.Trace

	def    *Def
	params map[string]neurons.Param
	inits  map[string]dist.Dist

	n  int
	dt float64
	// X are the state variables, in the order of Def.States.
	X [][]float64
	// Refrac counts the refractory steps left (duration refractoriness).
	Refrac []float64

	ext      [][]float64 // states, then the input (nil), then per-neuron parameters
	refSteps []float64
	integ    *program
	thr      *program
	cond     *program
	resets   []*program
	fastThr  *fastThreshold
	exact    *propagator
	fast     *fastLinear
	// direct marks the state variables whose new values the integration
	// program writes in place.
	direct []bool
	pool   *sync.Pool
}

// fastThreshold is a threshold "x > c" or "x >= c" with c a constant.
type fastThreshold struct {
	x  int
	ge bool
	c  float64
}

// propagator advances a linear system exactly: x' = P x + Q c, with Pr, Qr
// for refractory neurons (held variables frozen). Per-neuron matrices are
// stored neuron after neuron when uniform is false.
type propagator struct {
	k              int
	uniform        bool
	p, q, pr, qr   []float64
	heldRefractory bool
}

// fastLinear is the fused path of a one-variable linear model with shared
// parameters, a constant threshold and a constant reset: v' = p*v + a +
// b*I, as fast as a hand-written LIF.
type fastLinear struct {
	p, a, b, th, reset float64
	ge                 bool
}

type scratch struct {
	ms     []*machine
	ext    [][]float64
	ref    []bool
	spk    []bool
	buf    [][]float64
	c      []float64
	rm     []*machine
	step   []float64
	thrBuf []float64
	cs     [][]float64
}

// New returns a model of this definition with the default parameters.
func (d *Def) New() *Model {
	m := &Model{def: d, params: map[string]neurons.Param{}, inits: map[string]dist.Dist{},
		Trace: neurons.Trace{SpikeTrace: true, TauS: neurons.Param{10}, TraceScale: neurons.Param{1}}}
	for _, p := range d.Params {
		m.params[p.Name] = neurons.Param{p.Default}
	}
	return m
}

// Def returns the model's definition.
func (m *Model) Def() *Def { return m.def }

// Kind returns the definition's name.
func (m *Model) Kind() string { return m.def.Name }

// SetParam sets a parameter: one value for every neuron or one per neuron,
// in engine units.
func (m *Model) SetParam(name string, values []float64) error {
	if _, ok := m.def.Param(name); !ok {
		return fmt.Errorf("model %s has no parameter %q%s", m.def.Name, name, m.def.suggest(name))
	}
	if len(values) == 0 {
		return fmt.Errorf("parameter %s: no value", name)
	}
	m.params[name] = slices.Clone(values)
	return nil
}

// Param returns a parameter's current value.
func (m *Model) Param(name string) neurons.Param { return m.params[name] }

// SetInit sets the initial value of a state variable (in engine units).
func (m *Model) SetInit(name string, d dist.Dist) error {
	if !slices.Contains(m.def.States, name) {
		return fmt.Errorf("model %s has no state variable %q%s", m.def.Name, name, m.def.suggest(name))
	}
	m.inits[name] = d
	return nil
}

// ParamInfos lists the model's parameters and initial values (NAME_init)
// with their units and defaults, in the form of neurons.Describe, then the
// spike-trace parameters (spike_trace, tau_s, ...) whose names the
// equations do not use.
func (m *Model) ParamInfos() []neurons.ParamInfo {
	var out []neurons.ParamInfo
	for _, p := range m.def.Params {
		u := p.Dim.String()
		if u == "1" {
			u = ""
		}
		out = append(out, neurons.ParamInfo{Name: p.Name, Unit: u, Doc: "equation parameter", Default: formatParam(m.params[p.Name]),
			Type: reflect.TypeFor[neurons.Param]()})
	}
	for i, s := range m.def.States {
		def := fmt.Sprint(m.def.Inits[s])
		if d, ok := m.inits[s]; ok {
			def = d.String()
		}
		u := m.def.StateDims[i].String()
		if u == "1" {
			u = ""
		}
		out = append(out, neurons.ParamInfo{Name: s + "_init", Unit: u, Doc: "initial value of " + s, Default: def,
			Type: reflect.TypeFor[dist.Dist]()})
	}
	// The spike-trace parameters, unless the equations use their names
	// (a synaptic tau_s, say): then the equations' parameter wins.
	for _, p := range neurons.Describe(m) {
		if !slices.ContainsFunc(out, func(q neurons.ParamInfo) bool { return q.Name == p.Name }) {
			out = append(out, p)
		}
	}
	return out
}

// formatParam renders a parameter for people, to 12 significant digits
// (so that 6.000000000000001, from a product of units, reads 6).
func formatParam(p neurons.Param) string {
	if len(p) == 1 {
		return strconv.FormatFloat(p[0], 'g', 12, 64)
	}
	return fmt.Sprint([]float64(p))
}

// Vars lists the state variables, then "refrac_count" if the model has a
// refractory period.
func (m *Model) Vars() []string {
	v := slices.Clone(m.def.States)
	if m.def.refKind == refDuration {
		v = append(v, "refrac_count")
	}
	return v
}

// Var returns a state variable.
func (m *Model) Var(name string) []float64 {
	if i := slices.Index(m.def.States, name); i >= 0 && i < len(m.X) {
		return m.X[i]
	}
	if name == "refrac_count" && m.def.refKind == refDuration {
		return m.Refrac
	}
	return nil
}

// values expands the parameters for n neurons.
func (m *Model) values(n int) (map[string][]float64, map[string]bool, error) {
	vals, uniform := map[string][]float64{}, map[string]bool{}
	for _, p := range m.def.Params {
		v := m.params[p.Name]
		if len(v) != 1 && len(v) != n {
			return nil, nil, fmt.Errorf("parameter %s has %d values for %d neurons (want 1 or %d)", p.Name, len(v), n, n)
		}
		for i, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, nil, fmt.Errorf("parameter %s of neuron %d is %g, want a finite number", p.Name, i, x)
			}
		}
		vals[p.Name], uniform[p.Name] = v, len(v) == 1
		if len(v) == n && n > 1 && !slices.ContainsFunc(v, func(x float64) bool { return x != v[0] }) {
			vals[p.Name], uniform[p.Name] = v[:1], true
		}
	}
	return vals, uniform, nil
}

// builder turns expression trees into dag nodes.
type builder struct {
	m       *Model
	g       *dag
	env     map[string]int32
	vals    map[string][]float64
	uniform map[string]bool
	pidx    map[string]int
	rands   map[*Node]int32
}

const stepT = 0 // per-step scalar id of the time t

func (m *Model) newBuilder(vals map[string][]float64, uniform map[string]bool) *builder {
	b := &builder{m: m, g: newDag(), env: map[string]int32{}, vals: vals, uniform: uniform, pidx: map[string]int{}, rands: map[*Node]int32{}}
	k := len(m.def.States)
	for i, s := range m.def.States {
		b.env[s] = b.g.leaf(oVec, i)
	}
	b.env[m.def.Input] = b.g.leaf(oVec, k)
	b.env["t"] = b.g.leaf(oScal, stepT)
	for i, p := range m.def.Params {
		b.pidx[p.Name] = k + 1 + i
	}
	return b
}

func (b *builder) build(n *Node) int32 {
	g := b.g
	switch n.Kind {
	case NumNode:
		return g.konst(n.Val)
	case NameNode:
		if x, ok := b.env[n.Name]; ok {
			return x
		}
		if n.Name == "dt" {
			return g.konst(b.m.dt)
		}
		if v, ok := b.vals[n.Name]; ok {
			if b.uniform[n.Name] {
				return g.konst(v[0])
			}
			return g.leaf(oVec, b.pidx[n.Name])
		}
		if u, ok := units[n.Name]; ok {
			return g.konst(u.Engine())
		}
		panic("equations: unresolved name " + n.Name)
	case CallNode:
		switch n.Name {
		case "rand", "randn":
			if x, ok := b.rands[n]; ok {
				return x
			}
			o := oRand
			if n.Name == "randn" {
				o = oRandn
			}
			x := g.intern(dnode{op: o, a: -1, b: -1, c: -1, id: len(b.rands) + 1})
			b.rands[n] = x
			return x
		case "clip":
			x, lo, hi := b.build(n.Args[0]), b.build(n.Args[1]), b.build(n.Args[2])
			return g.op2(oMin, g.op2(oMax, x, lo), hi)
		}
		return g.op1(funcOps[n.Name], b.build(n.Args[0]))
	case UnaryNode:
		if n.Op == "not" {
			return g.op1(oNot, b.build(n.Args[0]))
		}
		return g.op1(oNeg, b.build(n.Args[0]))
	}
	return g.op2(binOps[n.Op], b.build(n.Args[0]), b.build(n.Args[1]))
}

// evalScalar evaluates n for neuron i (parameters only).
func (m *Model) evalScalar(n *Node, vals map[string][]float64, i int) float64 {
	switch n.Kind {
	case NumNode:
		return n.Val
	case NameNode:
		if n.Name == "dt" {
			return m.dt
		}
		if v, ok := vals[n.Name]; ok {
			if len(v) == 1 {
				return v[0]
			}
			return v[i]
		}
		if u, ok := units[n.Name]; ok {
			return u.Engine()
		}
		return math.NaN()
	case CallNode:
		if n.Name == "clip" {
			x, lo, hi := m.evalScalar(n.Args[0], vals, i), m.evalScalar(n.Args[1], vals, i), m.evalScalar(n.Args[2], vals, i)
			return math.Min(math.Max(x, lo), hi)
		}
		return apply(funcOps[n.Name], m.evalScalar(n.Args[0], vals, i), 0, 0)
	case UnaryNode:
		if n.Op == "not" {
			return apply(oNot, m.evalScalar(n.Args[0], vals, i), 0, 0)
		}
		return -m.evalScalar(n.Args[0], vals, i)
	}
	return apply(binOps[n.Op], m.evalScalar(n.Args[0], vals, i), m.evalScalar(n.Args[1], vals, i), 0)
}

// Init implements neurons.Model.
func (m *Model) Init(n int, dt float64, r *rand.Rand) error {
	d := m.def
	m.n, m.dt = n, dt
	vals, uniform, err := m.values(n)
	if err != nil {
		return err
	}
	k := len(d.States)
	m.X = make([][]float64, k)
	for i, s := range d.States {
		x := make([]float64, n)
		if di, ok := m.inits[s]; ok {
			if err := di.Validate(); err != nil {
				return fmt.Errorf("parameter %s_init: %w", s, err)
			}
			for j := range x {
				x[j] = di.Sample(r)
			}
		} else if v := d.Inits[s]; v != 0 {
			for j := range x {
				x[j] = v
			}
		}
		m.X[i] = x
	}
	m.ext = make([][]float64, k+1+len(d.Params))
	copy(m.ext, m.X)
	for i, p := range d.Params {
		if !uniform[p.Name] {
			m.ext[k+1+i] = vals[p.Name]
		}
	}
	// Refractoriness.
	m.Refrac, m.refSteps = nil, nil
	if d.refKind == refCondition {
		m.Refrac = make([]float64, n) // 1 while refractory
	}
	if d.refKind == refDuration {
		m.Refrac = make([]float64, n)
		m.refSteps = make([]float64, n)
		for i := range n {
			l := m.evalScalar(d.ref, vals, i)
			if !(l >= 0) || math.IsInf(l, 0) {
				return fmt.Errorf("refractory period of neuron %d is %g ms, want a finite number >= 0", i, l)
			}
			m.refSteps[i] = math.Round(l / dt)
		}
	}
	b := m.newBuilder(vals, uniform)
	// Integration.
	outs, err := m.buildIntegrator(b, vals, uniform)
	if err != nil {
		return err
	}
	m.integ = lower(b.g, outs)
	m.direct = nil
	if d.Method != "exact" {
		m.direct = m.integ.writeDirect(k, func(j int) bool { return !d.Held[j] || d.refKind == refNone })
	}
	// Threshold.
	m.fastThr = nil
	tb := m.newBuilder(vals, uniform)
	if t := d.thr; t.Kind == BinaryNode && (t.Op == ">" || t.Op == ">=") && t.Args[0].Kind == NameNode && d.isState(t.Args[0].Name) {
		if c, ok := tb.g.constVal(tb.build(t.Args[1])); ok {
			m.fastThr = &fastThreshold{x: slices.Index(d.States, t.Args[0].Name), ge: t.Op == ">=", c: c}
		}
	}
	m.thr = lower(tb.g, []int32{tb.build(d.thr)})
	// Reset.
	m.resets = nil
	for _, s := range d.reset {
		rb := m.newBuilder(vals, uniform)
		m.resets = append(m.resets, lower(rb.g, []int32{rb.build(s.Expr)}))
	}
	m.cond = nil
	if d.refKind == refCondition {
		cb := m.newBuilder(vals, uniform)
		m.cond = lower(cb.g, []int32{cb.build(d.ref)})
	}
	m.fast = m.fastPath(vals, uniform)
	m.pool = &sync.Pool{New: func() any { return m.newScratch() }}
	return nil
}

func (m *Model) newScratch() *scratch {
	s := &scratch{ms: []*machine{newMachine(m.integ, block), newMachine(m.thr, block)},
		ref: make([]bool, block), spk: make([]bool, block), step: make([]float64, 1), thrBuf: make([]float64, block)}
	for range m.def.States {
		s.buf = append(s.buf, make([]float64, block))
	}
	s.c = make([]float64, len(m.def.States))
	s.cs = make([][]float64, len(m.def.States))
	if m.cond != nil {
		s.ms = append(s.ms, newMachine(m.cond, block))
	}
	for _, p := range m.resets {
		s.rm = append(s.rm, newMachine(p, block))
	}
	s.ext = slices.Clone(m.ext)
	return s
}

// buildIntegrator builds the new values of the state variables (for
// exact integration: the constant terms c of x' = P x + Q c).
func (m *Model) buildIntegrator(b *builder, vals map[string][]float64, uniform map[string]bool) ([]int32, error) {
	d := m.def
	g := b.g
	k := len(d.States)
	dt := g.konst(m.dt)
	state := make([]int32, k)
	for i, s := range d.States {
		state[i] = b.env[s]
	}
	// f evaluates the drifts (and noise coefficients) at the given state
	// and time.
	f := func(x []int32, t int32, exprs []*Node) []int32 {
		saved := map[string]int32{}
		for i, s := range d.States {
			saved[s] = b.env[s]
			b.env[s] = x[i]
		}
		saved["t"] = b.env["t"]
		b.env["t"] = t
		out := make([]int32, len(exprs))
		for i, e := range exprs {
			if e == nil {
				out[i] = g.konst(0)
			} else {
				out[i] = b.build(e)
			}
		}
		for s, v := range saved {
			b.env[s] = v
		}
		return out
	}
	t0 := b.env["t"]
	axpy := func(x []int32, a int32, y []int32) []int32 { // x + a*y
		out := make([]int32, k)
		for i := range x {
			out[i] = g.op2(oAdd, x[i], g.op2(oMul, a, y[i]))
		}
		return out
	}
	// Noise increments dW = sqrt(dt)*N(0,1), one per noise name.
	dW := map[string]int32{}
	for j, xi := range d.noises {
		dW[xi] = g.op2(oMul, g.konst(math.Sqrt(m.dt)), g.intern(dnode{op: oRandn, a: -1, b: -1, c: -1, id: -1 - j}))
	}
	noiseTerm := func(x []int32, t int32) []int32 {
		out := make([]int32, k)
		for i := range out {
			out[i] = g.konst(0)
		}
		for _, xi := range d.noises {
			exprs := make([]*Node, k)
			for i := range k {
				exprs[i] = d.noise[i][xi]
			}
			gs := f(x, t, exprs)
			for i := range k {
				if exprs[i] != nil {
					out[i] = g.op2(oAdd, out[i], g.op2(oMul, gs[i], dW[xi]))
				}
			}
		}
		return out
	}
	add := func(x, y []int32) []int32 {
		out := make([]int32, k)
		for i := range x {
			out[i] = g.op2(oAdd, x[i], y[i])
		}
		return out
	}
	switch d.Method {
	case "exact":
		return f(state, t0, d.linC), m.initPropagator(vals, uniform)
	case "euler":
		k1 := f(state, t0, d.drift)
		return add(axpy(state, dt, k1), noiseTerm(state, t0)), nil
	case "rk2":
		k1 := f(state, t0, d.drift)
		th := g.op2(oAdd, t0, g.konst(m.dt/2))
		k2 := f(axpy(state, g.konst(m.dt/2), k1), th, d.drift)
		return axpy(state, dt, k2), nil
	case "rk4":
		h2 := g.konst(m.dt / 2)
		th := g.op2(oAdd, t0, h2)
		k1 := f(state, t0, d.drift)
		k2 := f(axpy(state, h2, k1), th, d.drift)
		k3 := f(axpy(state, h2, k2), th, d.drift)
		k4 := f(axpy(state, dt, k3), g.op2(oAdd, t0, dt), d.drift)
		sum := make([]int32, k)
		for i := range sum {
			s := g.op2(oAdd, g.op2(oAdd, k1[i], g.op2(oMul, g.konst(2), k2[i])), g.op2(oAdd, g.op2(oMul, g.konst(2), k3[i]), k4[i]))
			sum[i] = s
		}
		return axpy(state, g.konst(m.dt/6), sum), nil
	case "heun":
		f1 := f(state, t0, d.drift)
		g1 := noiseTerm(state, t0)
		xs := add(axpy(state, dt, f1), g1)
		t1 := g.op2(oAdd, t0, dt)
		f2 := f(xs, t1, d.drift)
		g2 := noiseTerm(xs, t1)
		half := g.konst(0.5)
		return add(axpy(state, g.konst(m.dt/2), add(f1, f2)), func() []int32 {
			out := make([]int32, k)
			for i := range out {
				out[i] = g.op2(oMul, half, g.op2(oAdd, g1[i], g2[i]))
			}
			return out
		}()), nil
	case "exponential_euler":
		A := f(state, t0, d.expA)
		B := f(state, t0, d.expB)
		out := make([]int32, k)
		for i := range out {
			if d.expA[i] == nil {
				out[i] = g.op2(oAdd, state[i], g.op2(oMul, dt, B[i]))
				continue
			}
			out[i] = g.intern(dnode{op: oExpEuler, a: state[i], b: A[i], c: B[i], val: m.dt})
		}
		return out, nil
	}
	return nil, fmt.Errorf("equations: no integrator %q", d.Method)
}

// initPropagator computes P and Q = integral of exp(A s) over [0, dt] from
// the matrix exponential of [[A, I], [0, 0]]*dt, which needs no inverse of
// A and so handles singular and defective A (tau_m == tau_s).
func (m *Model) initPropagator(vals map[string][]float64, uniform map[string]bool) error {
	d := m.def
	k := len(d.States)
	uni := true
	for _, row := range d.linA {
		for _, c := range row {
			if depends(c, func(s string) bool { return !uniform[s] && vals[s] != nil }) {
				uni = false
			}
		}
	}
	held := slices.Contains(d.Held, true) && d.refKind != refNone
	pr := &propagator{k: k, uniform: uni, heldRefractory: held}
	nm := m.n
	if uni {
		nm = 1
	}
	pr.p, pr.q = make([]float64, nm*k*k), make([]float64, nm*k*k)
	if held {
		pr.pr, pr.qr = make([]float64, nm*k*k), make([]float64, nm*k*k)
	}
	M := mat.NewDense(2*k, 2*k, nil)
	var E mat.Dense
	expm := func(i int, refractory bool, p, q []float64) error {
		M.Zero()
		for r := range k {
			if refractory && d.Held[r] {
				continue
			}
			for c := range k {
				if a := d.linA[r][c]; a != nil {
					M.Set(r, c, m.evalScalar(a, vals, i)*m.dt)
				}
			}
			M.Set(r, k+r, m.dt)
		}
		for r := range k {
			for c := range 2 * k {
				if v := M.At(r, c); math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("the coefficient matrix of neuron %d is not finite", i)
				}
			}
		}
		E.Exp(M)
		for r := range k {
			for c := range k {
				p[r*k+c] = E.At(r, c)
				q[r*k+c] = E.At(r, k+c)
			}
		}
		return nil
	}
	for i := range nm {
		if err := expm(i, false, pr.p[i*k*k:(i+1)*k*k], pr.q[i*k*k:(i+1)*k*k]); err != nil {
			return err
		}
		if held {
			if err := expm(i, true, pr.pr[i*k*k:(i+1)*k*k], pr.qr[i*k*k:(i+1)*k*k]); err != nil {
				return err
			}
		}
	}
	m.exact = pr
	return nil
}

// fastPath returns the fused kernel for a one-variable linear model with
// shared parameters, or nil.
func (m *Model) fastPath(vals map[string][]float64, uniform map[string]bool) *fastLinear {
	d := m.def
	if d.Method != "exact" && d.Method != "euler" || d.linErr != nil || len(d.States) != 1 || m.fastThr == nil || m.cond != nil {
		return nil
	}
	// x' = p*x + q*c with c = c0 + cI*I.
	var p, q float64
	if d.Method == "exact" {
		if !m.exact.uniform {
			return nil
		}
		p, q = m.exact.p[0], m.exact.q[0]
	} else {
		if depends(d.linA[0][0], func(s string) bool { return !uniform[s] && vals[s] != nil }) {
			return nil
		}
		a := 0.0
		if d.linA[0][0] != nil {
			a = m.evalScalar(d.linA[0][0], vals, 0)
		}
		p, q = 1+m.dt*a, m.dt
	}
	if len(d.reset) != 1 || d.reset[0].Var != d.States[0] || d.reset[0].Op != "=" {
		return nil
	}
	if d.refKind == refDuration && !d.Held[0] {
		return nil
	}
	for _, s := range m.refSteps {
		if s != m.refSteps[0] {
			return nil
		}
	}
	rb := m.newBuilder(vals, uniform)
	reset, ok := rb.g.constVal(rb.build(d.reset[0].Expr))
	if !ok {
		return nil
	}
	ci, c0, okAff := affine(d.linC[0], d.Input)
	if !okAff {
		return nil
	}
	cb := m.newBuilder(vals, uniform)
	var a, b float64
	if c0 != nil {
		if a, ok = cb.g.constVal(cb.build(c0)); !ok {
			return nil
		}
	}
	if ci != nil {
		if b, ok = cb.g.constVal(cb.build(ci)); !ok {
			return nil
		}
	}
	return &fastLinear{p: p, a: q * a, b: q * b, th: m.fastThr.c, ge: m.fastThr.ge, reset: reset}
}

// Step implements neurons.Model (see the package documentation for the
// order of operations).
func (m *Model) Step(c neurons.Chunk, x []float64, s []bool) {
	if m.fast != nil {
		m.stepFast(c, x, s)
		return
	}
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	sc.ext[len(m.def.States)] = x
	sc.step[stepT] = float64(c.Step) * m.dt
	for lo := c.Lo; lo < c.Hi; lo += block {
		m.stepBlock(sc, lo, min(block, c.Hi-lo), x, s, c.Rand)
	}
}

// StepCheck implements neurons.CheckingModel: the fused path checks v as
// the built-in LIF does; otherwise it checks every state variable of the
// chunk (with vecmath.AllFinite, eight at a time) and reports the chunk
// suspect if one is NaN or infinite, so that the population finds it.
func (m *Model) StepCheck(c neurons.Chunk, x []float64, s []bool) (suspect bool) {
	if m.fast != nil {
		return m.stepFast(c, x, s)
	}
	m.Step(c, x, s)
	for _, v := range m.X {
		if !vecmath.AllFinite(v[c.Lo:c.Hi]) {
			return true
		}
	}
	return false
}

func (m *Model) stepBlock(sc *scratch, lo, n int, x []float64, s []bool, r *rand.Rand) {
	d := m.def
	k := len(d.States)
	ref := sc.ref[:n]
	// 1. Refractoriness, from the start-of-step state.
	switch d.refKind {
	case refNone:
		ref = nil // nobody is refractory
	case refDuration:
		vecmath.Countdown(ref, m.Refrac[lo:lo+n])
	case refCondition:
		// As Brian2: a neuron that spiked stays refractory until the
		// condition is false at the start of a step.
		cm := sc.ms[2]
		cm.run(lo, n, sc.ext, sc.step, r)
		o := cm.out(0, n, sc.thrBuf)
		rf := m.Refrac[lo : lo+n]
		for i := range ref {
			if rf[i] != 0 && o[i] == 0 {
				rf[i] = 0
			}
			ref[i] = rf[i] != 0
		}
	}
	// 2. Integration from the start-of-step state.
	im := sc.ms[0]
	im.run(lo, n, sc.ext, sc.step, r)
	if m.exact != nil {
		m.propagate(sc, im, lo, n, ref)
	} else {
		for j := range k {
			if m.direct[j] {
				continue
			}
			nv := im.out(j, n, sc.buf[j])
			xs := m.X[j][lo : lo+n]
			if d.Held[j] && ref != nil {
				for i := range xs {
					if !ref[i] {
						xs[i] = nv[i]
					}
				}
			} else {
				copy(xs, nv)
			}
		}
	}
	// 3. Threshold: a refractory neuron cannot spike.
	spk := s[lo : lo+n]
	fired := false
	if ft := m.fastThr; ft != nil {
		fired = vecmath.Threshold(spk, m.X[ft.x][lo:lo+n], ft.c, ft.ge, ref)
	} else {
		tm := sc.ms[1]
		tm.run(lo, n, sc.ext, sc.step, r)
		o := tm.out(0, n, sc.thrBuf)
		for i := range spk {
			spk[i] = o[i] != 0 && (ref == nil || !ref[i])
			fired = fired || spk[i]
		}
	}
	if !fired {
		return
	}
	// 4. Reset, statement by statement, and the refractory count.
	for j, st := range d.reset {
		rm := sc.rm[j]
		rm.run(lo, n, sc.ext, sc.step, r)
		o := rm.out(0, n, sc.thrBuf)
		xs := m.X[slices.Index(d.States, st.Var)][lo : lo+n]
		for i, f := range spk {
			if !f {
				continue
			}
			switch st.Op {
			case "=":
				xs[i] = o[i]
			case "+=":
				xs[i] += o[i]
			case "-=":
				xs[i] -= o[i]
			case "*=":
				xs[i] *= o[i]
			case "/=":
				xs[i] /= o[i]
			}
		}
	}
	switch d.refKind {
	case refDuration:
		rc, rs := m.Refrac[lo:lo+n], m.refSteps[lo:lo+n]
		for i, f := range spk {
			if f {
				rc[i] = rs[i]
			}
		}
	case refCondition:
		rc := m.Refrac[lo : lo+n]
		for i, f := range spk {
			if f {
				rc[i] = 1
			}
		}
	}
}

// propagate applies x' = P x + Q c (exact integration).
func (m *Model) propagate(sc *scratch, im *machine, lo, n int, ref []bool) {
	pr := m.exact
	k := pr.k
	cs := sc.cs[:k]
	for j := range k {
		cs[j] = im.out(j, n, sc.buf[j])
	}
	old := sc.c
	held := m.def.Held
	for i := range n {
		for j := range k {
			old[j] = m.X[j][lo+i]
		}
		off := 0
		if !pr.uniform {
			off = (lo + i) * k * k
		}
		p, q := pr.p, pr.q
		r := pr.heldRefractory && ref != nil && ref[i]
		if r {
			p, q = pr.pr, pr.qr
		}
		for a := range k {
			if r && held[a] {
				continue
			}
			v := 0.0
			for b := range k {
				v += p[off+a*k+b]*old[b] + q[off+a*k+b]*cs[b][i]
			}
			m.X[a][lo+i] = v
		}
	}
}

// stepFast is the fused kernel: the same loop as the built-in LIF's.
func (m *Model) stepFast(c neurons.Chunk, x []float64, s []bool) (suspect bool) {
	f := m.fast
	v := m.X[0][c.Lo:c.Hi]
	x, s = x[c.Lo:c.Hi:c.Hi], s[c.Lo:c.Hi:c.Hi]
	x, s = x[:len(v)], s[:len(v)]
	p, a, b, th, reset, ge := f.p, f.a, f.b, f.th, f.reset, f.ge
	clear(s)
	if m.Refrac == nil {
		for i, vi := range v {
			nv := p*vi + a + b*x[i]
			if nv < th && nv >= -math.MaxFloat64 {
				v[i] = nv
			} else if nv > th || ge && nv == th {
				s[i] = true
				v[i] = reset
			} else {
				v[i] = nv
				suspect = suspect || !(nv >= -math.MaxFloat64)
			}
		}
		return suspect
	}
	ref := m.Refrac[c.Lo:c.Hi]
	ref = ref[:len(v)]
	steps := m.refSteps[0]
	if form, ok := f.form(steps); ok { // the loop below, in internal/fused
		return fused.StepInput(&form, v, ref, x, nil, s)
	}
	for i, vi := range v {
		if ref[i] <= 0 {
			nv := p*vi + a + b*x[i]
			if nv < th && nv >= -math.MaxFloat64 {
				v[i] = nv
			} else if nv > th || ge && nv == th {
				s[i] = true
				v[i] = reset
				ref[i] = steps
			} else { // NaN, -Inf, or exactly th with ">"
				v[i] = nv
				suspect = suspect || !(nv >= -math.MaxFloat64)
			}
		} else {
			ref[i]--
		}
	}
	return suspect
}

// Describe returns, for people, the method chosen and the update the model
// runs with its default parameters and time step dt: the register-machine
// program of the integration (the inputs x0, x1, ... are the state
// variables in order, then the input I, then per-neuron parameters).
func (d *Def) Describe(dt float64) (string, error) {
	m := d.New()
	if err := m.Init(1, dt, rand.New(rand.NewPCG(0, 0))); err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "model %s: method %s\n", d.Name, d.Method)
	for i, s := range d.States {
		fl := ""
		if d.Held[i] && d.refKind != refNone {
			fl = " (unless refractory)"
		}
		fmt.Fprintf(&b, "  state x%d = %s : %s%s\n", i, s, d.StateDims[i], fl)
	}
	fmt.Fprintf(&b, "  input x%d = %s : %s\n", len(d.States), d.Input, d.InputDim)
	switch {
	case m.fast != nil:
		fmt.Fprintf(&b, "  fused kernel: %s' = %.17g*%s + %.17g + %.17g*%s\n", d.States[0], m.fast.p, d.States[0], m.fast.a, m.fast.b, d.Input)
	case m.exact != nil:
		fmt.Fprintf(&b, "  exact: x' = P x + Q c, P = %v, Q = %v, with c:\n", m.exact.p, m.exact.q)
		fallthrough
	default:
		for _, line := range strings.Split(strings.TrimSpace(m.integ.String()), "\n") {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	return b.String(), nil
}
