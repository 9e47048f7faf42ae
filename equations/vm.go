package equations

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/internal/vecmath"
)

// The evaluator. Expressions are built into a DAG (hash-consed, so common
// subexpressions are shared, and folded, so everything that depends only
// on constants and shared parameters is computed once at Init), then
// lowered to a program for a register machine whose every instruction
// runs over a block of neurons: the dispatch is paid once per block and
// instruction, and each instruction is a tight loop over slices.

type op uint8

const (
	oConst op = iota // constant (val)
	oVec             // external vector: a state variable, the input or a per-neuron parameter
	oScal            // per-step scalar (the time t)
	oRand            // uniform [0, 1) per neuron
	oRandn           // standard normal per neuron
	oAdd
	oSub
	oMul
	oDiv
	oPow
	oMin
	oMax
	oLt
	oLe
	oGt
	oGe
	oEq
	oNe
	oAnd
	oOr
	oNeg
	oNot
	oExp
	oLog
	oLog10
	oSqrt
	oAbs
	oSin
	oCos
	oTan
	oTanh
	oSinh
	oCosh
	oAsin
	oAcos
	oAtan
	oFloor
	oCeil
	oHeaviside
	oSign
	oExprel
	oMulAdd // a*b + c
	oMulSub // a*b - c
	oAddAdd // (a + b) + c
	oAddSub // (a + b) - c
	oSubAdd // (a - b) + c
	oSubSub // (a - b) - c
	// oExpEuler is the exponential Euler step of x (a) with dx/dt = A x + B
	// (b = A, c = B) over dt (the node's val): (x + B/A)*exp(A*dt) - B/A,
	// or x + B*dt where A is 0.
	oExpEuler
	numOps
)

var opNames = [numOps]string{"const", "vec", "scal", "rand", "randn", "add", "sub", "mul", "div", "pow", "min", "max",
	"lt", "le", "gt", "ge", "eq", "ne", "and", "or", "neg", "not", "exp", "log", "log10", "sqrt", "abs", "sin", "cos",
	"tan", "tanh", "sinh", "cosh", "arcsin", "arccos", "arctan", "floor", "ceil", "heaviside", "sign", "exprel", "muladd", "mulsub", "addadd", "addsub", "subadd", "subsub", "expeuler"}

var funcOps = map[string]op{"exp": oExp, "log": oLog, "log10": oLog10, "sqrt": oSqrt, "abs": oAbs, "sin": oSin,
	"cos": oCos, "tan": oTan, "tanh": oTanh, "sinh": oSinh, "cosh": oCosh, "arcsin": oAsin, "arccos": oAcos,
	"arctan": oAtan, "floor": oFloor, "ceil": oCeil, "heaviside": oHeaviside, "sign": oSign, "exprel": oExprel}

var binOps = map[string]op{"+": oAdd, "-": oSub, "*": oMul, "/": oDiv, "**": oPow, "<": oLt, "<=": oLe, ">": oGt,
	">=": oGe, "==": oEq, "!=": oNe, "and": oAnd, "or": oOr}

func arity(o op) int {
	switch {
	case o <= oRandn:
		return 0
	case o < oNeg:
		return 2
	case o >= oMulAdd:
		return 3
	}
	return 1
}

// exprel returns (exp(x) - 1)/x, 1 at 0 (vecmath.Exprel1: within 2 ulp
// of the correctly rounded value, as the block loops compute it).
func exprel(x float64) float64 { return vecmath.Exprel1(x) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// apply computes one operation on scalars; the block loops of run compute
// the same expressions.
func apply(o op, a, b, c float64) float64 {
	switch o {
	case oAdd:
		return a + b
	case oSub:
		return a - b
	case oMul:
		return a * b
	case oDiv:
		return a / b
	case oPow:
		return math.Pow(a, b)
	case oMin:
		return math.Min(a, b)
	case oMax:
		return math.Max(a, b)
	case oLt:
		return b2f(a < b)
	case oLe:
		return b2f(a <= b)
	case oGt:
		return b2f(a > b)
	case oGe:
		return b2f(a >= b)
	case oEq:
		return b2f(a == b)
	case oNe:
		return b2f(a != b)
	case oAnd:
		return b2f(a != 0 && b != 0)
	case oOr:
		return b2f(a != 0 || b != 0)
	case oNeg:
		return -a
	case oNot:
		return b2f(a == 0)
	case oExp:
		// vecmath.Exp1 is what the block loops compute (within 1 ulp of
		// the correctly rounded value), so that a shared parameter folded
		// at Init and a per-neuron one give the same results.
		return vecmath.Exp1(a)
	case oLog:
		return math.Log(a)
	case oLog10:
		return math.Log10(a)
	case oSqrt:
		return math.Sqrt(a)
	case oAbs:
		return math.Abs(a)
	case oSin:
		return math.Sin(a)
	case oCos:
		return math.Cos(a)
	case oTan:
		return math.Tan(a)
	case oTanh:
		return math.Tanh(a)
	case oSinh:
		return math.Sinh(a)
	case oCosh:
		return math.Cosh(a)
	case oAsin:
		return math.Asin(a)
	case oAcos:
		return math.Acos(a)
	case oAtan:
		return math.Atan(a)
	case oFloor:
		return math.Floor(a)
	case oCeil:
		return math.Ceil(a)
	case oHeaviside:
		return b2f(a > 0)
	case oSign:
		switch {
		case a > 0:
			return 1
		case a < 0:
			return -1
		}
		return a
	case oExprel:
		return exprel(a)
	case oMulAdd:
		return float64(a*b) + c
	case oMulSub:
		return float64(a*b) - c
	case oAddAdd:
		return (a + b) + c
	case oAddSub:
		return (a + b) - c
	case oSubAdd:
		return (a - b) + c
	case oSubSub:
		return (a - b) - c
	}
	panic("equations: apply of " + opNames[o])
}

type dnode struct {
	op      op
	a, b, c int32
	val     float64
	// id distinguishes random leaves, which are never shared.
	id int
}

// dag is a hash-consed expression graph.
type dag struct {
	nodes []dnode
	memo  map[dnode]int32
}

func newDag() *dag { return &dag{memo: map[dnode]int32{}} }

func (g *dag) konst(v float64) int32 { return g.intern(dnode{op: oConst, a: -1, b: -1, c: -1, val: v}) }

func (g *dag) isConst(i int32) bool { return g.nodes[i].op == oConst }

func (g *dag) constVal(i int32) (float64, bool) {
	n := g.nodes[i]
	return n.val, n.op == oConst
}

func (g *dag) intern(n dnode) int32 {
	if i, ok := g.memo[n]; ok {
		return i
	}
	g.nodes = append(g.nodes, n)
	i := int32(len(g.nodes) - 1)
	g.memo[n] = i
	return i
}

func (g *dag) leaf(o op, slot int) int32 {
	return g.intern(dnode{op: o, a: -1, b: -1, c: -1, id: slot})
}

// op1 and op2 add an operation, folding constants and simplifying.
func (g *dag) op1(o op, a int32) int32 {
	if v, ok := g.constVal(a); ok {
		return g.konst(apply(o, v, 0, 0))
	}
	if o == oNeg && g.nodes[a].op == oNeg {
		return g.nodes[a].a
	}
	return g.intern(dnode{op: o, a: a, b: -1, c: -1})
}

func (g *dag) op2(o op, a, b int32) int32 {
	va, ca := g.constVal(a)
	vb, cb := g.constVal(b)
	if ca && cb {
		return g.konst(apply(o, va, vb, 0))
	}
	switch o {
	case oAdd:
		if ca && va == 0 {
			return b
		}
		if cb && vb == 0 {
			return a
		}
		if g.nodes[b].op == oNeg {
			return g.op2(oSub, a, g.nodes[b].a)
		}
		if ca { // constants on the right
			return g.op2(oAdd, b, a)
		}
	case oSub:
		if cb && vb == 0 {
			return a
		}
		if ca && va == 0 {
			return g.op1(oNeg, b)
		}
		if g.nodes[b].op == oNeg {
			return g.op2(oAdd, a, g.nodes[b].a)
		}
	case oMul:
		if ca {
			a, b, va, vb, ca, cb = b, a, vb, va, cb, ca
		}
		if cb && vb == 1 {
			return a
		}
		if cb && vb == -1 {
			return g.op1(oNeg, a)
		}
		if cb {
			// (x*c1)*c2 -> x*(c1*c2); (x/c1)*c2 -> x*(c2/c1), so that
			// dt*(f/tau) is f*(dt/tau), as the built-in models compute it.
			n := g.nodes[a]
			if n.op == oMul {
				if v, ok := g.constVal(n.b); ok {
					return g.op2(oMul, n.a, g.konst(v*vb))
				}
			}
			if n.op == oDiv {
				if v, ok := g.constVal(n.b); ok {
					return g.op2(oMul, n.a, g.konst(vb/v))
				}
			}
			if n.op == oNeg {
				return g.op2(oMul, n.a, g.konst(-vb))
			}
		}
	case oDiv:
		if cb && vb == 1 {
			return a
		}
		if cb && vb == -1 {
			return g.op1(oNeg, a)
		}
	case oPow:
		if cb {
			switch vb {
			case 1:
				return a
			case 2:
				return g.op2(oMul, a, a)
			case 3:
				return g.op2(oMul, g.op2(oMul, a, a), a)
			case 0.5:
				return g.op1(oSqrt, a)
			case -1:
				return g.op2(oDiv, g.konst(1), a)
			}
		}
	}
	// Pairs of operations run as one instruction, rounded as two (no
	// fused multiply-add), so results equal those of the separate
	// operations: a*b + c, a*b - c, (a ± b) ± c.
	fuse := func(o op, n dnode, c int32) int32 {
		return g.intern(dnode{op: o, a: n.a, b: n.b, c: c})
	}
	if o == oAdd {
		if n := g.nodes[a]; n.op == oMul {
			return fuse(oMulAdd, n, b)
		}
		if n := g.nodes[b]; n.op == oMul {
			return fuse(oMulAdd, n, a)
		}
		if n := g.nodes[a]; n.op == oAdd || n.op == oSub {
			return fuse(map[op]op{oAdd: oAddAdd, oSub: oSubAdd}[n.op], n, b)
		}
		if n := g.nodes[b]; n.op == oAdd || n.op == oSub {
			return fuse(map[op]op{oAdd: oAddAdd, oSub: oSubAdd}[n.op], n, a)
		}
	}
	if o == oSub {
		if n := g.nodes[a]; n.op == oMul {
			return fuse(oMulSub, n, b)
		}
		if n := g.nodes[a]; n.op == oAdd || n.op == oSub {
			return fuse(map[op]op{oAdd: oAddSub, oSub: oSubSub}[n.op], n, b)
		}
	}
	return g.intern(dnode{op: o, a: a, b: b, c: -1})
}

// Operand locations of the register machine.
const (
	locScal = iota // index into the scalar table
	locVec         // index into the vector table (registers, then external vectors)
)

type instr struct {
	op   op
	mode uint8   // bit 0, 1, 2: operand a, b, c is a scalar; bit 3: the result is a scalar
	k    float64 // the constant of oExpEuler (dt)
	d    int32
	a    int32
	b    int32
	c    int32
}

// program is the lowered form of a dag's outputs.
type program struct {
	code  []instr
	scal  []float64 // constants, then per-step scalars, then scalar temporaries
	nregs int
	exts  []int // external vector ids, indexed from nregs in the vector table
	// outs are the outputs: scalar (index in scal) or vector (index in the
	// vector table).
	outs []loc
	// stepScal lists the scal indices of per-step scalar leaves and their ids.
	stepScal []struct{ slot, id int }
	// constRegs are registers that hold a constant in every element.
	constRegs []constFill
}

type constFill struct {
	reg int32
	val float64
}

type loc struct {
	scalar bool
	idx    int32
}

// lower compiles the outputs of g into a program. Vector leaves get ids
// (oVec's id) that the caller binds at run time.
func lower(g *dag, outs []int32) *program {
	p := &program{}
	where := map[int32]loc{}
	isScalar := make([]bool, len(g.nodes))
	// Order: post-order from the outputs.
	var order []int32
	seen := map[int32]bool{}
	var visit func(i int32)
	visit = func(i int32) {
		if seen[i] {
			return
		}
		seen[i] = true
		n := g.nodes[i]
		for _, a := range []int32{n.a, n.b, n.c}[:arity(n.op)] {
			visit(a)
		}
		order = append(order, i)
	}
	for _, o := range outs {
		visit(o)
	}
	// Leaves and scalars first.
	extIdx := map[int]int{}
	for _, i := range order {
		n := g.nodes[i]
		switch n.op {
		case oConst:
			isScalar[i] = true
			where[i] = loc{true, int32(len(p.scal))}
			p.scal = append(p.scal, n.val)
		case oScal:
			isScalar[i] = true
			p.stepScal = append(p.stepScal, struct{ slot, id int }{len(p.scal), n.id})
			where[i] = loc{true, int32(len(p.scal))}
			p.scal = append(p.scal, 0)
		case oVec:
			if _, ok := extIdx[n.id]; !ok {
				extIdx[n.id] = len(p.exts)
				p.exts = append(p.exts, n.id)
			}
		case oRand, oRandn:
		default:
			s := true
			for _, a := range []int32{n.a, n.b, n.c}[:arity(n.op)] {
				s = s && isScalar[a]
			}
			if s {
				isScalar[i] = true
				where[i] = loc{true, int32(len(p.scal))}
				p.scal = append(p.scal, 0)
			}
		}
	}
	// Last use of each vector node, for register reuse.
	last := map[int32]int{}
	for k, i := range order {
		n := g.nodes[i]
		for _, a := range []int32{n.a, n.b, n.c}[:arity(n.op)] {
			last[a] = k
		}
	}
	pinned := map[int32]bool{}
	for _, o := range outs {
		pinned[o] = true
	}
	var free []int32
	type pending struct {
		ins  instr
		node int32
	}
	var code []pending
	regOf := map[int32]int32{}
	constReg := map[float64]int32{}
	for k, i := range order {
		n := g.nodes[i]
		if n.op == oConst || n.op == oScal || n.op == oVec {
			continue
		}
		ins := instr{op: n.op, a: -1, b: -1, c: -1, k: n.val}
		args := []int32{n.a, n.b, n.c}[:arity(n.op)]
		recip := int32(-1)
		if v, ok := constArg(g, n.b); n.op == oDiv && ok && v != 0 && !isScalar[i] {
			// Division by a constant is multiplication by its reciprocal
			// (a few times faster).
			ins.op = oMul
			recip = int32(len(p.scal))
			p.scal = append(p.scal, 1/v)
		}
		for j, a := range args {
			var ix int32
			if ins.op > oMulAdd && ins.op != oExpEuler && g.nodes[a].op == oConst {
				// A constant operand of a fused addition gets a register
				// filled with it once, so that the loop reads vectors only.
				r, ok := constReg[g.nodes[a].val]
				if !ok {
					r = int32(p.nregs)
					p.nregs++
					constReg[g.nodes[a].val] = r
					p.constRegs = append(p.constRegs, constFill{r, g.nodes[a].val})
				}
				ix = r
			} else if isScalar[a] {
				ins.mode |= 1 << j
				ix = where[a].idx
			} else if g.nodes[a].op == oVec {
				ix = -1 - int32(extIdx[g.nodes[a].id]) // patched below
			} else {
				ix = regOf[a]
			}
			switch j {
			case 0:
				ins.a = ix
			case 1:
				ins.b = ix
			case 2:
				ins.c = ix
			}
		}
		if recip >= 0 {
			ins.b = recip
		}
		if isScalar[i] {
			ins.mode |= 8
			ins.d = where[i].idx
		} else {
			// Free the registers of arguments used for the last time.
			for _, a := range args {
				if r, ok := regOf[a]; ok && last[a] == k && !pinned[a] && !isScalar[a] {
					free = append(free, r)
					delete(regOf, a)
				}
			}
			var r int32
			if len(free) > 0 {
				r, free = free[len(free)-1], free[:len(free)-1]
			} else {
				r = int32(p.nregs)
				p.nregs++
			}
			regOf[i] = r
			ins.d = r
		}
		code = append(code, pending{ins, i})
	}
	// External vectors sit after the registers in the vector table.
	fix := func(x int32, scalar bool) int32 {
		if !scalar && x < 0 {
			return int32(p.nregs) + (-1 - x)
		}
		return x
	}
	for _, c := range code {
		in := c.ins
		in.a = fix(in.a, in.mode&1 != 0)
		in.b = fix(in.b, in.mode&2 != 0)
		in.c = fix(in.c, in.mode&4 != 0)
		p.code = append(p.code, in)
	}
	for _, o := range outs {
		switch {
		case isScalar[o]:
			p.outs = append(p.outs, where[o])
		case g.nodes[o].op == oVec:
			p.outs = append(p.outs, loc{false, int32(p.nregs + extIdx[g.nodes[o].id])})
		default:
			p.outs = append(p.outs, loc{false, regOf[o]})
		}
	}
	return p
}

// machine holds the scratch space to run a program over blocks.
type machine struct {
	p    *program
	regs [][]float64
	vecs [][]float64
	scal []float64
}

func newMachine(p *program, block int) *machine {
	m := &machine{p: p, regs: make([][]float64, p.nregs), vecs: make([][]float64, p.nregs+len(p.exts)), scal: append([]float64(nil), p.scal...)}
	for i := range m.regs {
		m.regs[i] = make([]float64, block)
	}
	for _, c := range p.constRegs {
		for i := range m.regs[c.reg] {
			m.regs[c.reg][i] = c.val
		}
	}
	return m
}

// run executes the program for neurons [lo, lo+n): ext(id) returns the
// full-length external vector with that id, step(id) the per-step scalar.
func (m *machine) run(lo, n int, ext [][]float64, step []float64, r *rand.Rand) {
	p := m.p
	for i := range m.regs {
		m.vecs[i] = m.regs[i][:n]
	}
	for k, id := range p.exts {
		m.vecs[p.nregs+k] = ext[id][lo : lo+n]
	}
	for _, s := range p.stepScal {
		m.scal[s.slot] = step[s.id]
	}
	vecs, scal := m.vecs, m.scal
	for _, in := range p.code {
		if in.mode&8 != 0 {
			var a, b, c float64
			if in.a >= 0 {
				a = scal[in.a]
			}
			if in.b >= 0 {
				b = scal[in.b]
			}
			if in.c >= 0 {
				c = scal[in.c]
			}
			scal[in.d] = apply(in.op, a, b, c)
			continue
		}
		d := vecs[in.d][:n]
		switch in.op {
		case oRand:
			for i := range d {
				d[i] = r.Float64()
			}
			continue
		case oRandn:
			for i := range d {
				d[i] = r.NormFloat64()
			}
			continue
		}
		switch arity(in.op) {
		case 1:
			run1(in.op, d, vecs[in.a][:n])
		case 2:
			switch in.mode & 3 {
			case 0:
				run2vv(in.op, d, vecs[in.a][:n], vecs[in.b][:n])
			case 1:
				run2sv(in.op, d, scal[in.a], vecs[in.b][:n])
			case 2:
				run2vs(in.op, d, vecs[in.a][:n], scal[in.b])
			}
		case 3:
			if in.op == oMulAdd {
				runMulAdd(in, d, vecs, scal, n)
			} else if in.op == oExpEuler {
				runExpEuler(in, d, vecs, scal)
			} else {
				run3(in, d, vecs, scal, n)
			}
		}
	}
}

// out returns output k for the block as a slice (a scalar output is
// broadcast into buf).
func (m *machine) out(k, n int, buf []float64) []float64 {
	l := m.p.outs[k]
	if l.scalar {
		v := m.scal[l.idx]
		buf = buf[:n]
		for i := range buf {
			buf[i] = v
		}
		return buf
	}
	return m.vecs[l.idx][:n]
}

func run1(o op, d, a []float64) {
	a = a[:len(d)]
	switch o {
	case oNeg:
		vecmath.Neg(d, a)
	case oExp:
		vecmath.Exp(d, a)
	case oSqrt:
		for i, x := range a {
			d[i] = math.Sqrt(x)
		}
	case oAbs:
		for i, x := range a {
			d[i] = math.Abs(x)
		}
	case oExprel:
		vecmath.Exprel(d, a)
	default:
		for i, x := range a {
			d[i] = apply(o, x, 0, 0)
		}
	}
}

func run2vv(o op, d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	switch o {
	case oAdd:
		vecmath.Add(d, a, b)
	case oSub:
		vecmath.Sub(d, a, b)
	case oMul:
		vecmath.Mul(d, a, b)
	case oDiv:
		vecmath.Div(d, a, b)
	default:
		for i := range d {
			d[i] = apply(o, a[i], b[i], 0)
		}
	}
}

func run2vs(o op, d, a []float64, b float64) {
	a = a[:len(d)]
	switch o {
	case oAdd:
		vecmath.AddS(d, a, b)
	case oSub:
		vecmath.SubS(d, a, b)
	case oMul:
		vecmath.MulS(d, a, b)
	case oDiv:
		for i := range d {
			d[i] = a[i] / b
		}
	case oGt:
		vecmath.GtS(d, a, b)
	case oGe:
		vecmath.GeS(d, a, b)
	case oLt:
		vecmath.LtS(d, a, b)
	case oLe:
		vecmath.LeS(d, a, b)
	case oMin, oMax:
		if math.IsNaN(b) || math.IsInf(b, 0) || (b == 0 && math.Signbit(b) == (o == oMax)) {
			for i := range d {
				d[i] = apply(o, a[i], b, 0)
			}
			return
		}
		// math.Min/Max inline: with b finite (and the zero of the
		// right sign) they keep a NaN and otherwise pick the smaller
		// (larger) value, b on a tie.
		if o == oMin {
			for i, v := range a {
				if !(v < b) && v == v {
					v = b
				}
				d[i] = v
			}
		} else {
			for i, v := range a {
				if !(v > b) && v == v {
					v = b
				}
				d[i] = v
			}
		}
	default:
		for i := range d {
			d[i] = apply(o, a[i], b, 0)
		}
	}
}

func run2sv(o op, d []float64, a float64, b []float64) {
	b = b[:len(d)]
	switch o {
	case oAdd:
		vecmath.AddS(d, b, a) // b[i] + a is a + b[i], bit for bit
	case oSub:
		vecmath.SSub(d, a, b)
	case oMul:
		vecmath.MulS(d, b, a)
	case oDiv:
		vecmath.SDiv(d, a, b)
	default:
		for i := range d {
			d[i] = apply(o, a, b[i], 0)
		}
	}
}

func runMulAdd(in instr, d []float64, vecs [][]float64, scal []float64, n int) {
	get := func(x int32, scalar bool) ([]float64, float64) {
		if scalar {
			return nil, scal[x]
		}
		return vecs[x][:n], 0
	}
	av, as := get(in.a, in.mode&1 != 0)
	bv, bs := get(in.b, in.mode&2 != 0)
	cv, cs := get(in.c, in.mode&4 != 0)
	switch {
	case av != nil && bv == nil && cv != nil: // x*k + y
		vecmath.MulSAdd(d, av, bs, cv)
	case av != nil && bv != nil && cv != nil:
		vecmath.MulAdd(d, av, bv, cv)
	case av != nil && bv == nil && cv == nil: // x*k + c
		vecmath.MulSAddS(d, av, bs, cs)
	default:
		for i := range d {
			a, b, c := as, bs, cs
			if av != nil {
				a = av[i]
			}
			if bv != nil {
				b = bv[i]
			}
			if cv != nil {
				c = cv[i]
			}
			d[i] = float64(a*b) + c
		}
	}
}

func constArg(g *dag, i int32) (float64, bool) {
	if i < 0 {
		return 0, false
	}
	return g.constVal(i)
}

// String lists the program's instructions, one per line: "r2 = mul r0 0.01".
func (p *program) String() string {
	var b strings.Builder
	name := func(x int32, scalar bool) string {
		switch {
		case x < 0:
			return ""
		case scalar:
			return "s" + strconv.Itoa(int(x)) + "(" + strconv.FormatFloat(p.scal[x], 'g', -1, 64) + ")"
		case int(x) >= p.nregs:
			return "x" + strconv.Itoa(p.exts[int(x)-p.nregs])
		}
		return "r" + strconv.Itoa(int(x))
	}
	for _, in := range p.code {
		fmt.Fprintf(&b, "%s = %s", name(in.d, in.mode&8 != 0), opNames[in.op])
		for j, x := range []int32{in.a, in.b, in.c}[:arity(in.op)] {
			fmt.Fprintf(&b, " %s", name(x, in.mode&(1<<j) != 0))
		}
		b.WriteByte('\n')
	}
	for k, o := range p.outs {
		fmt.Fprintf(&b, "out%d = %s\n", k, name(o.idx, o.scalar))
	}
	return b.String()
}

// writeDirect retargets the last instruction of output j (j < k, whose
// vector is external vector j, a state variable) to write into the state
// variable itself when no later instruction reads the state variable or
// the output, and ok(j). It returns which outputs it retargeted.
func (p *program) writeDirect(k int, ok func(j int) bool) []bool {
	out := make([]bool, k)
	for j := 0; j < k && j < len(p.outs); j++ {
		o := p.outs[j]
		if o.scalar || int(o.idx) >= p.nregs || !ok(j) {
			continue
		}
		prod := -1
		for i, in := range p.code {
			if in.mode&8 == 0 && in.d == o.idx {
				prod = i
			}
		}
		if prod < 0 {
			continue
		}
		ext := -1
		for e, id := range p.exts {
			if id == j {
				ext = p.nregs + e
			}
		}
		reads := func(in instr, x int) bool {
			for a, v := range []int32{in.a, in.b, in.c}[:arity(in.op)] {
				if in.mode&(1<<a) == 0 && int(v) == x {
					return true
				}
			}
			return false
		}
		clash := false
		for _, in := range p.code[prod+1:] {
			if reads(in, int(o.idx)) || ext >= 0 && reads(in, ext) {
				clash = true
			}
		}
		for j2, o2 := range p.outs {
			if j2 != j && !o2.scalar && (o2.idx == o.idx || ext >= 0 && int(o2.idx) == ext) {
				clash = true
			}
		}
		if clash {
			continue
		}
		if ext < 0 {
			p.exts = append(p.exts, j)
			ext = p.nregs + len(p.exts) - 1
		}
		p.code[prod].d = int32(ext)
		p.outs[j] = loc{false, int32(ext)}
		out[j] = true
	}
	return out
}

// run3 runs the fused additions and a*b - c: tight loops where every
// operand is a vector (lower gives constant operands registers of their
// own), a per-element fallback otherwise.
func run3(in instr, d []float64, vecs [][]float64, scal []float64, n int) {
	if in.mode&7 == 0 {
		a, b, c := vecs[in.a][:len(d)], vecs[in.b][:len(d)], vecs[in.c][:len(d)]
		switch in.op {
		case oMulSub:
			vecmath.MulSub(d, a, b, c)
		case oAddAdd:
			vecmath.AddAdd(d, a, b, c)
		case oAddSub:
			vecmath.AddSub(d, a, b, c)
		case oSubAdd:
			vecmath.SubAdd(d, a, b, c)
		case oSubSub:
			vecmath.SubSub(d, a, b, c)
		}
		return
	}
	get := func(x int32, scalar bool, i int) float64 {
		if scalar {
			return scal[x]
		}
		return vecs[x][i]
	}
	for i := range d {
		d[i] = apply(in.op, get(in.a, in.mode&1 != 0, i), get(in.b, in.mode&2 != 0, i), get(in.c, in.mode&4 != 0, i))
	}
}

// expEuler is one exponential Euler step (see oExpEuler).
func expEuler(x, a, b, dt float64) float64 { return vecmath.ExpEuler1(x, a, b, dt) }

func runExpEuler(in instr, d []float64, vecs [][]float64, scal []float64) {
	dt := in.k
	switch in.mode & 7 {
	case 0:
		vecmath.ExpEuler(d, vecs[in.a][:len(d)], vecs[in.b][:len(d)], vecs[in.c][:len(d)], dt)
		return
	case 6: // dx/dt = A x + B with A and B shared: one exponential
		x := vecs[in.a][:len(d)]
		a, b := scal[in.b], scal[in.c]
		if h := a * dt; h == 0 {
			bdt := b * dt
			for i := range d {
				d[i] = x[i] + bdt
			}
		} else {
			// The operations of vecmath.ExpEuler1, with e**h computed once.
			ba, e := b/a, vecmath.Exp1(h)
			for i := range d {
				d[i] = float64((x[i]+ba)*e) - ba
			}
		}
		return
	}
	get := func(x int32, scalar bool, i int) float64 {
		if scalar {
			return scal[x]
		}
		return vecs[x][i]
	}
	for i := range d {
		d[i] = expEuler(get(in.a, in.mode&1 != 0, i), get(in.b, in.mode&2 != 0, i), get(in.c, in.mode&4 != 0, i), dt)
	}
}
