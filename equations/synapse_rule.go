package equations

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// SynapseRule runs a synapse model defined by equations on one edge: it
// is the edge's learning.Rule and, being a learning.Transmitter, its
// transmission too. Make one with SynapseDef.NewRule, give the edge a
// SynapseKernel (which consumes the edge's delay buffers and delivers the
// summed input) if the model transmits (SynapseDef.Transmits; otherwise
// the edge's own kernel delivers the weights), and set parameters and
// initial values before the network is initialised.
//
// Each step, after every population has advanced (the order of Brian2,
// whose synaptic pathways run after the groups' integration), the rule
//
//  1. integrates the (clock-driven) equations of every synapse;
//  2. runs on_pre for the synapses whose presynaptic spike arrives in the
//     step, then on_post for the synapses of the target neurons that
//     fired (post_delay steps ago, with a backpropagation delay): first the (event-driven) variables of each synapse are
//     advanced exactly from its last event to now, then the statements
//     run in order, each for every synapse of a batch of up to 256 (as
//     Brian2's vectorised statements; writes to a neuron variable from
//     several synapses add up in the order of the synapses);
//  3. runs on_step for every synapse;
//  4. computes the summed variables.
//
// Without learning (Transmit) w does not change: the statements that set
// it are skipped, and so is its integration if it has an equation.
// Everything runs on one goroutine in a fixed order, so results do not
// depend on the number of workers.
type SynapseRule struct {
	// Seed and Name choose the random streams of the initial values and
	// of rand() (dist.Stream(Seed, "synapse/"+Name+"/...")).
	Seed uint64
	Name string

	def    *SynapseDef
	params map[string]float64
	inits  map[string]dist.Dist

	n, nPost int
	dt       float64
	// X are the per-synapse variables in the order of Def().Vars; w (if
	// the model has it) is the edge's weights.
	X     [][]float64
	tlast []int
	wIdx  int
	src   []int32
	tgt   []int32
	pre   *neurons.Population
	post  *neurons.Population
	kern  *SynapseKernel
	rng   *rand.Rand

	refs  []synRef // neuron variables read, by slot nv+i
	ext   [][]float64
	tmp   []float64
	batch []int32
	stepV []float64 // t, dopamine, reward

	evVars   []int
	evA, evB []float64
	evTab    [][]float64
	isEv     []bool
	lags     []int // steps since the last event, by batch position

	stmts    [3][]compiledStmt
	load     [3][]int // variables a pathway reads or writes
	clock    *compiledProg
	clockVar []int
	summed   []compiledProg
	sums     []float64
	// postHist holds the target spikes of the last postDelay+1 steps, and
	// postStep their steps (on_post runs postDelay steps after a spike).
	postDelay int
	postHist  [][]int32
	postStep  []int
}

type synRef struct {
	name string
	post bool
}

type compiledProg struct {
	p    *program
	m    *machine
	refs []int // ext slots of neuron variables to gather
	load []int // synapse variables to load (contiguous passes)
}

type compiledStmt struct {
	compiledProg
	st synStmt
	// konst: the expression is a constant (val), applied without the VM
	// (apre += 1).
	konst bool
	val   float64
}

// NewRule returns a rule of this model with the default parameters.
func (sd *SynapseDef) NewRule() *SynapseRule {
	r := &SynapseRule{def: sd, params: map[string]float64{}, inits: map[string]dist.Dist{}}
	for _, p := range sd.Params {
		r.params[p.Name] = p.Default
	}
	return r
}

// Def returns the rule's model.
func (r *SynapseRule) Def() *SynapseDef { return r.def }

// Kind returns the model's name.
func (r *SynapseRule) Kind() string { return r.def.Name }

// SetParam sets a shared parameter (in engine units).
func (r *SynapseRule) SetParam(name string, v float64) error {
	if _, ok := r.def.Param(name); !ok {
		return fmt.Errorf("synapse model %s has no parameter %q%s", r.def.Name, name, r.def.d.suggest(name))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("parameter %s is %g, want a finite number", name, v)
	}
	r.params[name] = v
	return nil
}

// Param returns a parameter's value.
func (r *SynapseRule) Param(name string) float64 { return r.params[name] }

// SetInit sets the initial values of a per-synapse variable other than w
// (the edge's weight sets w).
func (r *SynapseRule) SetInit(name string, d dist.Dist) error {
	if !slices.Contains(r.def.Vars, name) || name == "w" {
		return fmt.Errorf("synapse model %s has no variable %q to initialise%s", r.def.Name, name, r.def.d.suggest(name))
	}
	r.inits[name] = d
	return nil
}

// Var returns a per-synapse variable by name (nil if there is none).
func (r *SynapseRule) Var(name string) []float64 {
	if i := slices.Index(r.def.Vars, name); i >= 0 && i < len(r.X) {
		return r.X[i]
	}
	return nil
}

// Kernel returns the edge's SynapseKernel that Init found (nil if the
// edge has another kernel).
func (r *SynapseRule) Kernel() *SynapseKernel { return r.kern }

// sbuilder builds the expressions of a synapse model into a dag.
type sbuilder struct {
	r   *SynapseRule
	g   *dag
	env map[string]int32
	// used collects the ext slots of neuron variables the expressions read.
	used map[int]bool
}

func (r *SynapseRule) newBuilder() *sbuilder {
	b := &sbuilder{r: r, g: newDag(), env: map[string]int32{}, used: map[int]bool{}}
	for i, v := range r.def.Vars {
		b.env[v] = b.g.leaf(oVec, i)
	}
	b.env["t"] = b.g.leaf(oScal, 0)
	b.env["dopamine"] = b.g.leaf(oScal, 1)
	b.env["reward"] = b.g.leaf(oScal, 2)
	return b
}

func (b *sbuilder) build(n *Node) int32 {
	g := b.g
	switch n.Kind {
	case NumNode:
		return g.konst(n.Val)
	case NameNode:
		if x, ok := b.env[n.Name]; ok {
			return x
		}
		if n.Name == "dt" {
			return g.konst(b.r.dt)
		}
		if v, ok := b.r.params[n.Name]; ok {
			return g.konst(v)
		}
		if slot, ok := b.r.refSlot(n.Name); ok {
			b.used[slot] = true
			return g.leaf(oVec, slot)
		}
		if u, ok := units[n.Name]; ok {
			return g.konst(u.Engine())
		}
		panic("equations: unresolved name " + n.Name)
	case CallNode:
		switch n.Name {
		case "rand", "randn":
			o := oRand
			if n.Name == "randn" {
				o = oRandn
			}
			return g.intern(dnode{op: o, a: -1, b: -1, c: -1, id: n.Pos + 1})
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

// refSlot returns the ext slot of a neuron variable X_pre or X_post.
func (r *SynapseRule) refSlot(name string) (int, bool) {
	var ref synRef
	switch {
	case strings.HasSuffix(name, "_post"):
		ref = synRef{strings.TrimSuffix(name, "_post"), true}
	case strings.HasSuffix(name, "_pre"):
		ref = synRef{strings.TrimSuffix(name, "_pre"), false}
	default:
		return 0, false
	}
	if i := slices.Index(r.refs, ref); i >= 0 {
		return len(r.def.Vars) + i, true
	}
	r.refs = append(r.refs, ref)
	return len(r.def.Vars) + len(r.refs) - 1, true
}

func (b *sbuilder) finish(outs []int32) compiledProg {
	p := lower(b.g, outs)
	cp := compiledProg{p: p, m: newMachine(p, block)}
	for s := range b.used {
		cp.refs = append(cp.refs, s)
	}
	slices.Sort(cp.refs)
	for _, id := range p.exts {
		if id < len(b.r.def.Vars) && !slices.Contains(cp.load, id) {
			cp.load = append(cp.load, id)
		}
	}
	slices.Sort(cp.load)
	return cp
}

// Init implements learning.Rule: it allocates the per-synapse variables,
// draws their initial values and compiles the model for time step dt.
func (r *SynapseRule) Init(e learning.Edge, dt float64) error {
	sd := r.def
	r.dt, r.n, r.nPost = dt, e.Len(), e.NumPost()
	if s, ok := e.(*synapses.Synapse); ok {
		r.pre, r.post = s.Pre, s.Post
		if k, ok := s.Kernel.(*SynapseKernel); ok {
			r.kern = k
		}
	}
	if len(sd.summed) > 0 && r.kern == nil {
		for _, s := range sd.summed {
			if s.input {
				return fmt.Errorf("synapse model %s: the summed input %s_post needs the edge's kernel to be the model's", sd.Name, s.target)
			}
		}
	}
	needPre, needPost := false, false
	r.src = make([]int32, r.n)
	for i := range e.NumPre() {
		lo, hi := e.Outgoing(i)
		for s := lo; s < hi; s++ {
			r.src[s] = int32(i)
		}
	}
	if s, ok := e.(*synapses.Synapse); ok {
		r.tgt = s.PostIdx // the edge's own index, not a copy
	} else {
		r.tgt = make([]int32, r.n)
		for s := range r.n {
			r.tgt[s] = int32(e.Target(s))
		}
	}
	// Variables.
	nv := len(sd.Vars)
	r.X = make([][]float64, nv)
	r.wIdx = slices.Index(sd.Vars, "w")
	if err := r.initVars(e); err != nil {
		return err
	}
	r.tlast = nil
	r.evVars, r.evTab = nil, nil
	r.evA, r.evB = make([]float64, nv), make([]float64, nv)
	r.evTab = make([][]float64, nv)
	for i, k := range sd.kinds {
		if k != synEvent {
			continue
		}
		r.evVars = append(r.evVars, i)
		a, b := r.evalConst(sd.evA[i]), r.evalConst(sd.evB[i])
		if math.IsNaN(a) || math.IsInf(a, 0) || math.IsNaN(b) || math.IsInf(b, 0) {
			return fmt.Errorf("synapse model %s: d%s/dt = a*%s + b has a = %g, b = %g: want finite coefficients", sd.Name, sd.Vars[i], sd.Vars[i], a, b)
		}
		r.evA[i], r.evB[i] = a, b
		nt := 1
		if a < 0 {
			nt = int(math.Min(math.Ceil(-math.Log(1e-18)/(-a*dt))+1, 1<<16))
		}
		tab := make([]float64, nt)
		for l := range tab {
			tab[l] = math.Exp(a * float64(l) * dt)
		}
		r.evTab[i] = tab
	}
	r.isEv = make([]bool, nv)
	for _, v := range r.evVars {
		r.isEv[v] = true
	}
	if r.evVars != nil {
		r.tlast = make([]int, r.n)
	}
	// Programs.
	r.refs = nil
	for p := range 3 {
		r.stmts[p] = nil
		loadSet := map[int]bool{}
		for _, st := range sd.pathways[p] {
			b := r.newBuilder()
			root := b.build(st.expr)
			cs := compiledStmt{compiledProg: b.finish([]int32{root}), st: st}
			cs.val, cs.konst = b.g.constVal(root)
			for _, v := range cs.load {
				loadSet[v] = true
			}
			if st.where == 's' {
				loadSet[st.idx] = true
			}
			r.stmts[p] = append(r.stmts[p], cs)
		}
		if p < 2 && len(sd.pathways[p]) > 0 {
			for _, v := range r.evVars {
				loadSet[v] = true
			}
		}
		r.load[p] = nil
		for v := range loadSet {
			r.load[p] = append(r.load[p], v)
		}
		slices.Sort(r.load[p])
	}
	r.clock, r.clockVar = nil, nil
	for i, k := range sd.kinds {
		if k == synClock {
			r.clockVar = append(r.clockVar, i)
		}
	}
	if r.clockVar != nil {
		b := r.newBuilder()
		outs := r.buildIntegrator(b)
		cp := b.finish(outs)
		for _, v := range r.clockVar {
			if !slices.Contains(cp.load, v) {
				cp.load = append(cp.load, v)
			}
		}
		slices.Sort(cp.load)
		r.clock = &cp
	}
	r.summed = nil
	for _, s := range sd.summed {
		b := r.newBuilder()
		r.summed = append(r.summed, b.finish([]int32{b.build(s.expr)}))
	}
	if len(sd.summed) > 0 {
		r.sums = make([]float64, r.nPost)
	}
	for _, ref := range r.refs {
		pop := r.pre
		if ref.post {
			pop, needPost = r.post, true
		} else {
			needPre = true
		}
		if pop != nil && pop.Var(ref.name) == nil && !(ref.post && r.isInput(ref.name)) {
			return fmt.Errorf("synapse model %s: population %s has no variable %q", sd.Name, pop.Name, ref.name)
		}
	}
	for p := range 3 {
		for _, st := range sd.pathways[p] {
			pop := r.pre
			switch st.where {
			case 's':
				continue
			case 'q':
				pop, needPost = r.post, true
			default:
				needPre = true
			}
			if pop != nil && pop.Var(st.target) == nil {
				return fmt.Errorf("synapse model %s: %s writes %s, but population %s has no variable %q", sd.Name, pathwayFields[p], st.target, pop.Name, st.target)
			}
		}
	}
	for _, sm := range sd.summed {
		needPost = true
		if !sm.input && r.post != nil && r.post.Var(sm.target) == nil {
			return fmt.Errorf("synapse model %s: population %s has no variable %q to sum into", sd.Name, r.post.Name, sm.target)
		}
	}
	if (needPre && r.pre == nil) || (needPost && r.post == nil) {
		return fmt.Errorf("synapse model %s reads neuron variables, which needs a *synapses.Synapse edge", sd.Name)
	}
	r.ext = make([][]float64, nv+len(r.refs))
	for i := range r.ext {
		r.ext[i] = make([]float64, block)
	}
	r.tmp = make([]float64, block)
	r.lags = make([]int, block)
	r.batch = make([]int32, 0, block)
	r.stepV = make([]float64, 3)
	r.rng = dist.Stream(r.Seed, "synapse/"+r.Name+"/rand", 0)
	r.postDelay, r.postHist, r.postStep = int(math.Round(sd.PostDelay/dt)), nil, nil
	if r.postDelay > 0 {
		r.postHist, r.postStep = make([][]int32, r.postDelay+1), make([]int, r.postDelay+1)
		for i := range r.postStep {
			r.postStep[i] = -1
		}
	}
	return nil
}

func (r *SynapseRule) isInput(name string) bool {
	return r.def.spec.PostInput != "" && name == r.def.spec.PostInput
}

// evalConst evaluates an expression of parameters (nil is 0).
func (r *SynapseRule) evalConst(n *Node) float64 {
	if n == nil {
		return 0
	}
	b := r.newBuilder()
	v, ok := b.g.constVal(b.build(n))
	if !ok {
		return math.NaN()
	}
	return v
}

// initVars sets the variables other than w to their initial values.
func (r *SynapseRule) initVars(e learning.Edge) error {
	sd := r.def
	for i, v := range sd.Vars {
		if i == r.wIdx {
			r.X[i] = e.Weights()
			continue
		}
		x := r.X[i]
		if len(x) != r.n {
			x = make([]float64, r.n)
			r.X[i] = x
		}
		if d, ok := r.inits[v]; ok {
			if err := d.Validate(); err != nil {
				return fmt.Errorf("%s_init: %w", v, err)
			}
			rs := dist.Stream(r.Seed, "synapse/"+r.Name+"/init/"+v, 0)
			for s := range x {
				x[s] = d.Sample(rs)
			}
			continue
		}
		val := sd.Inits[v]
		for s := range x {
			x[s] = val
		}
	}
	return nil
}

// buildIntegrator builds the new values of the clock-driven variables.
func (r *SynapseRule) buildIntegrator(b *sbuilder) []int32 {
	sd := r.def
	g := b.g
	vars := r.clockVar
	state := make([]int32, len(vars))
	for i, v := range vars {
		state[i] = b.env[sd.Vars[v]]
	}
	f := func(x []int32, t int32) []int32 {
		saved := map[string]int32{"t": b.env["t"]}
		for i, v := range vars {
			saved[sd.Vars[v]] = b.env[sd.Vars[v]]
			b.env[sd.Vars[v]] = x[i]
		}
		b.env["t"] = t
		out := make([]int32, len(vars))
		for i, v := range vars {
			out[i] = b.build(sd.clockF[v])
		}
		for k, v := range saved {
			b.env[k] = v
		}
		return out
	}
	dt := g.konst(r.dt)
	t0 := b.env["t"]
	axpy := func(x []int32, a int32, y []int32) []int32 {
		out := make([]int32, len(x))
		for i := range x {
			out[i] = g.op2(oAdd, x[i], g.op2(oMul, a, y[i]))
		}
		return out
	}
	switch sd.Method {
	case "euler":
		return axpy(state, dt, f(state, t0))
	case "rk2":
		k1 := f(state, t0)
		return axpy(state, dt, f(axpy(state, g.konst(r.dt/2), k1), g.op2(oAdd, t0, g.konst(r.dt/2))))
	case "rk4":
		h2 := g.konst(r.dt / 2)
		th := g.op2(oAdd, t0, h2)
		k1 := f(state, t0)
		k2 := f(axpy(state, h2, k1), th)
		k3 := f(axpy(state, h2, k2), th)
		k4 := f(axpy(state, dt, k3), g.op2(oAdd, t0, dt))
		sum := make([]int32, len(vars))
		for i := range sum {
			sum[i] = g.op2(oAdd, g.op2(oAdd, k1[i], g.op2(oMul, g.konst(2), k2[i])), g.op2(oAdd, g.op2(oMul, g.konst(2), k3[i]), k4[i]))
		}
		return axpy(state, g.konst(r.dt/6), sum)
	}
	// Exponential Euler: exact for dx/dt = A x + B with A and B constant
	// over the step.
	out := make([]int32, len(vars))
	for i, v := range vars {
		B := g.konst(0)
		if sd.expB[v] != nil {
			B = b.build(sd.expB[v])
		}
		if sd.expA[v] == nil {
			out[i] = g.op2(oAdd, state[i], g.op2(oMul, dt, B))
			continue
		}
		A := b.build(sd.expA[v])
		if av, ok := g.constVal(A); ok && av != 0 {
			bv, bok := g.constVal(B)
			if bok && bv == 0 {
				// dx/dt = a*x: x*exp(a*dt), exactly as a decay factor.
				out[i] = g.op2(oMul, state[i], g.konst(math.Exp(av*r.dt)))
				continue
			}
		}
		out[i] = g.intern(dnode{op: oExpEuler, a: state[i], b: A, c: B, val: r.dt})
	}
	return out
}

// Reset implements learning.Rule: the variables other than w return to
// their initial values (the same draws).
func (r *SynapseRule) Reset() {
	if r.X == nil {
		return
	}
	for i, v := range r.def.Vars {
		if i == r.wIdx {
			continue
		}
		x := r.X[i]
		if d, ok := r.inits[v]; ok {
			rs := dist.Stream(r.Seed, "synapse/"+r.Name+"/init/"+v, 0)
			for s := range x {
				x[s] = d.Sample(rs)
			}
			continue
		}
		val := r.def.Inits[v]
		for s := range x {
			x[s] = val
		}
	}
	clear(r.tlast)
	clear(r.sums)
	for i := range r.postStep {
		r.postStep[i] = -1
	}
	r.rng = dist.Stream(r.Seed, "synapse/"+r.Name+"/rand", 0)
}

// Update implements learning.Rule.
func (r *SynapseRule) Update(e learning.Edge, c *learning.Context) { r.step(e, c, true) }

// Transmit implements learning.Transmitter: the step without changes to
// w. A model that does not transmit (Def().Transmits) does nothing then, as
// the built-in rules.
func (r *SynapseRule) Transmit(e learning.Edge, c *learning.Context) {
	if r.def.Transmits() {
		r.step(e, c, false)
	}
}

func (r *SynapseRule) step(e learning.Edge, c *learning.Context, learn bool) {
	if r.wIdx >= 0 {
		r.X[r.wIdx] = e.Weights()
	}
	k := c.Step
	r.stepV[0], r.stepV[1], r.stepV[2] = float64(k)*r.dt, c.Dopamine, c.Reward
	// 1. Clock-driven equations.
	if r.clock != nil {
		for lo := 0; lo < r.n; lo += block {
			n := min(block, r.n-lo)
			cp := r.clock
			r.loadRange(cp, lo, n)
			cp.m.run(0, n, r.ext, r.stepV, r.rng)
			for i, v := range r.clockVar {
				if v != r.wIdx || learn {
					copy(r.X[v][lo:lo+n], cp.m.out(i, n, r.tmp))
				}
			}
		}
	}
	// 2. Events: on_pre, then on_post.
	if len(r.stmts[0]) > 0 {
		if se, ok := e.(*synapses.Synapse); ok && r.oneDelay(se) {
			// One delay: the arriving synapses are the rows of the
			// sources that fired d steps ago, in Arrivals' order.
			for _, i := range se.ArrivingSources(k) {
				lo, hi := se.Outgoing(int(i))
				r.appendRange(0, k, learn, lo, hi)
			}
		} else {
			e.Arrivals(k, func(s int) {
				r.batch = append(r.batch, int32(s))
				if len(r.batch) == block {
					r.events(0, k, learn)
				}
			})
		}
		r.events(0, k, learn)
	}
	fired := c.PostFired
	if r.postDelay > 0 {
		i := k % len(r.postHist)
		r.postHist[i], r.postStep[i] = append(r.postHist[i][:0], fired...), k
		fired = nil
		if j := (k - r.postDelay) % len(r.postHist); k >= r.postDelay && r.postStep[j] == k-r.postDelay {
			fired = r.postHist[j]
		}
	}
	if len(r.stmts[1]) > 0 {
		for _, j := range fired {
			for in := e.Incoming(int(j)); len(in) > 0; {
				m := min(len(in), block-len(r.batch))
				r.batch = append(r.batch, in[:m]...)
				in = in[m:]
				if len(r.batch) == block {
					r.events(1, k, learn)
				}
			}
		}
		r.events(1, k, learn)
	}
	// 3. on_step, for every synapse.
	if len(r.stmts[2]) > 0 {
		for lo := 0; lo < r.n; lo += block {
			n := min(block, r.n-lo)
			for _, v := range r.load[2] {
				copy(r.ext[v][:n], r.X[v][lo:lo+n])
			}
			r.batch = r.batch[:0]
			for s := lo; s < lo+n; s++ {
				r.batch = append(r.batch, int32(s))
			}
			r.statements(2, n, learn)
			for _, v := range r.load[2] {
				copy(r.X[v][lo:lo+n], r.ext[v][:n])
			}
			r.batch = r.batch[:0]
		}
	}
	// 4. Summed variables.
	for i, s := range r.def.summed {
		cp := &r.summed[i]
		clear(r.sums)
		for lo := 0; lo < r.n; lo += block {
			n := min(block, r.n-lo)
			r.loadRange(cp, lo, n)
			cp.m.run(0, n, r.ext, r.stepV, r.rng)
			o := cp.m.out(0, n, r.tmp)
			for i, x := range o {
				r.sums[r.tgt[lo+i]] += x
			}
		}
		if s.input {
			copy(r.kern.sum, r.sums)
		} else if t := r.post.Var(s.target); t != nil {
			copy(t, r.sums)
		}
	}
}

// oneDelay reports whether every synapse of se has one delay.
func (r *SynapseRule) oneDelay(se *synapses.Synapse) bool {
	_, one := se.OneDelay()
	return one
}

// appendRange adds synapses [lo, hi) to the batch of pathway p, running
// the batch whenever it is full.
func (r *SynapseRule) appendRange(p, k int, learn bool, lo, hi int) {
	for s := lo; s < hi; {
		m := min(hi-s, block-len(r.batch))
		for i := range m {
			r.batch = append(r.batch, int32(s+i))
		}
		s += m
		if len(r.batch) == block {
			r.events(p, k, learn)
		}
	}
}

// loadRange loads the variables program cp reads for synapses [lo, lo+n).
func (r *SynapseRule) loadRange(cp *compiledProg, lo, n int) {
	for _, v := range cp.load {
		copy(r.ext[v][:n], r.X[v][lo:lo+n])
	}
	if len(cp.refs) > 0 {
		r.batch = r.batch[:0]
		for s := lo; s < lo+n; s++ {
			r.batch = append(r.batch, int32(s))
		}
		r.gather(cp, n)
		r.batch = r.batch[:0]
	}
}

// gather loads the neuron variables cp reads for the synapses of the batch.
func (r *SynapseRule) gather(cp *compiledProg, n int) {
	nv := len(r.def.Vars)
	for _, slot := range cp.refs {
		ref := r.refs[slot-nv]
		buf := r.ext[slot][:n]
		if ref.post {
			x := r.post.Var(ref.name)
			for i, s := range r.batch[:n] {
				buf[i] = x[r.tgt[s]]
			}
		} else {
			x := r.pre.Var(ref.name)
			for i, s := range r.batch[:n] {
				buf[i] = x[r.src[s]]
			}
		}
	}
}

// events runs pathway p (on_pre or on_post) for the synapses of the batch
// at step k, and empties the batch.
func (r *SynapseRule) events(p, k int, learn bool) {
	n := len(r.batch)
	if n == 0 {
		return
	}
	syn := r.batch
	if r.tlast != nil {
		// The steps since each synapse's last event, read once for all
		// the event-driven variables, which are advanced as they are
		// loaded.
		lags := r.lags[:n]
		for i, s := range syn {
			lags[i] = k - r.tlast[s]
			r.tlast[s] = k
		}
	}
	for _, v := range r.load[p] {
		if r.isEv[v] && r.tlast != nil {
			r.loadAdvance(v, syn)
			continue
		}
		x, buf := r.X[v], r.ext[v][:n]
		for i, s := range syn {
			buf[i] = x[s]
		}
	}
	r.statements(p, n, learn)
	for _, v := range r.load[p] {
		if v == r.wIdx && !learn {
			continue // w stays put without learning, event-driven or not
		}
		x, buf := r.X[v], r.ext[v][:n]
		for i, s := range syn {
			x[s] = buf[i]
		}
	}
	r.batch = r.batch[:0]
}

// loadAdvance loads event-driven variable v of the batch's synapses,
// moved from their last event to now (r.lags steps):
// x' = (x + b/a)*exp(a*lag*dt) - b/a.
func (r *SynapseRule) loadAdvance(v int, syn []int32) {
	a, b, tab := r.evA[v], r.evB[v], r.evTab[v]
	x, buf, lags := r.X[v], r.ext[v][:len(syn)], r.lags[:len(syn)]
	switch {
	case b == 0:
		for i, s := range syn {
			y, lag := x[s], lags[i]
			if lag != 0 {
				if lag < len(tab) {
					y *= tab[lag]
				} else {
					y *= math.Exp(a * float64(lag) * r.dt)
				}
			}
			buf[i] = y
		}
	case a == 0:
		for i, s := range syn {
			y, lag := x[s], lags[i]
			if lag != 0 {
				y += b * float64(lag) * r.dt
			}
			buf[i] = y
		}
	default:
		ba := b / a
		for i, s := range syn {
			y, lag := x[s], lags[i]
			if lag != 0 {
				var f float64
				if lag < len(tab) {
					f = tab[lag]
				} else {
					f = math.Exp(a * float64(lag) * r.dt)
				}
				y = (y+ba)*f - ba
			}
			buf[i] = y
		}
	}
}

// statements runs the statements of pathway p for the n synapses of the
// batch, whose variables are loaded in ext.
func (r *SynapseRule) statements(p, n int, learn bool) {
	syn := r.batch[:n]
	for i := range r.stmts[p] {
		cs := &r.stmts[p][i]
		st := cs.st
		if !learn && st.where == 's' && st.idx == r.wIdx {
			continue
		}
		if cs.konst {
			switch st.where {
			case 's':
				applyConst(st.op, r.ext[st.idx][:n], cs.val)
			case 'q':
				scatterConst(st.op, r.post.Var(st.target), r.tgt, syn, cs.val)
			case 'p':
				scatterConst(st.op, r.pre.Var(st.target), r.src, syn, cs.val)
			}
			continue
		}
		r.gather(&cs.compiledProg, n)
		cs.m.run(0, n, r.ext, r.stepV, r.rng)
		o := cs.m.out(0, n, r.tmp)
		switch st.where {
		case 's':
			applyOp(st.op, r.ext[st.idx][:n], o)
		case 'q':
			applyScatter(st.op, r.post.Var(st.target), r.tgt, syn, o)
		case 'p':
			applyScatter(st.op, r.pre.Var(st.target), r.src, syn, o)
		}
	}
}

func applyOp(op string, x, o []float64) {
	o = o[:len(x)]
	switch op {
	case "=":
		copy(x, o)
	case "+=":
		for i := range x {
			x[i] += o[i]
		}
	case "-=":
		for i := range x {
			x[i] -= o[i]
		}
	case "*=":
		for i := range x {
			x[i] *= o[i]
		}
	case "/=":
		for i := range x {
			x[i] /= o[i]
		}
	}
}

// applyConst is applyOp with every o[i] = c.
func applyConst(op string, x []float64, c float64) {
	switch op {
	case "=":
		for i := range x {
			x[i] = c
		}
	case "+=":
		for i := range x {
			x[i] += c
		}
	case "-=":
		for i := range x {
			x[i] -= c
		}
	case "*=":
		for i := range x {
			x[i] *= c
		}
	case "/=":
		for i := range x {
			x[i] /= c
		}
	}
}

// scatterConst is applyScatter with every o[i] = c.
func scatterConst(op string, x []float64, idx, syn []int32, c float64) {
	for _, s := range syn {
		j := idx[s]
		switch op {
		case "=":
			x[j] = c
		case "+=":
			x[j] += c
		case "-=":
			x[j] -= c
		case "*=":
			x[j] *= c
		case "/=":
			x[j] /= c
		}
	}
}

func applyScatter(op string, x []float64, idx, syn []int32, o []float64) {
	for i, s := range syn {
		j := idx[s]
		switch op {
		case "=":
			x[j] = o[i]
		case "+=":
			x[j] += o[i]
		case "-=":
			x[j] -= o[i]
		case "*=":
			x[j] *= o[i]
		case "/=":
			x[j] /= o[i]
		}
	}
}

// SynapseKernel is the kernel of an edge whose synapse model is defined
// by equations: the model's statements do what arriving spikes do, so
// the kernel only empties the edge's delay buffers, and it adds to the
// target's input the summed input the model computed in the step before
// (I_post = ... : nA (summed)).
type SynapseKernel struct {
	sum []float64
}

// Kind returns "equations".
func (*SynapseKernel) Kind() string { return "equations" }

// Init allocates the summed input.
func (k *SynapseKernel) Init(nPost int, _ float64, _ bool) error {
	k.sum = make([]float64, nPost)
	return nil
}

// Signed returns false: the model's statements give the signs.
func (*SynapseKernel) Signed() bool { return false }

// NeedsV returns false.
func (*SynapseKernel) NeedsV() bool { return false }

// Deliver adds the summed input to x and empties the delay buffer.
func (k *SynapseKernel) Deliver(a, x, _ []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		x[j] += k.sum[j]
		a[j] = 0
	}
}

// Var returns nil.
func (*SynapseKernel) Var(string) []float64 { return nil }

// Reset clears the summed input.
func (k *SynapseKernel) Reset() { clear(k.sum) }

var (
	_ learning.Transmitter = (*SynapseRule)(nil)
	_ synapses.Kernel      = (*SynapseKernel)(nil)
)
