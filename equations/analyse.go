package equations

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Symbolic helpers: nil stands for zero.

func num(v float64) *Node { return &Node{Kind: NumNode, Val: v, Pos: -1, End: -1} }

func sAdd(a, b *Node) *Node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return &Node{Kind: BinaryNode, Op: "+", Args: []*Node{a, b}, Pos: -1, End: -1}
}

func sNeg(a *Node) *Node {
	if a == nil {
		return nil
	}
	return &Node{Kind: UnaryNode, Op: "-", Args: []*Node{a}, Pos: -1, End: -1}
}

func sSub(a, b *Node) *Node { return sAdd(a, sNeg(b)) }

func sMul(a, b *Node) *Node {
	if a == nil || b == nil {
		return nil
	}
	if a.Kind == NumNode && a.Val == 1 {
		return b
	}
	if b.Kind == NumNode && b.Val == 1 {
		return a
	}
	return &Node{Kind: BinaryNode, Op: "*", Args: []*Node{a, b}, Pos: -1, End: -1}
}

func sDiv(a, b *Node) *Node {
	if a == nil {
		return nil
	}
	return &Node{Kind: BinaryNode, Op: "/", Args: []*Node{a, b}, Pos: -1, End: -1}
}

// inline replaces subexpression names by their (inlined) definitions.
func (d *Def) inline(n *Node) *Node {
	if n == nil {
		return nil
	}
	if n.Kind == NameNode {
		if e, ok := d.subs[n.Name]; ok {
			return d.inline(e)
		}
		return n
	}
	if len(n.Args) == 0 {
		return n
	}
	m := *n
	m.Args = make([]*Node, len(n.Args))
	for i, a := range n.Args {
		m.Args[i] = d.inline(a)
	}
	return &m
}

// depends reports whether n refers to a name for which in is true.
func depends(n *Node, in func(string) bool) bool {
	if n == nil {
		return false
	}
	if n.Kind == NameNode && in(n.Name) {
		return true
	}
	for _, a := range n.Args {
		if depends(a, in) {
			return true
		}
	}
	return false
}

func hasRand(n *Node) bool {
	if n == nil {
		return false
	}
	if n.Kind == CallNode && (n.Name == "rand" || n.Name == "randn") {
		return true
	}
	for _, a := range n.Args {
		if hasRand(a) {
			return true
		}
	}
	return false
}

// affine splits n into coef*x + rest with coef and rest independent of x.
// ok is false if n is not affine in x.
func affine(n *Node, x string) (coef, rest *Node, ok bool) {
	is := func(s string) bool { return s == x }
	if !depends(n, is) {
		return nil, n, true
	}
	switch n.Kind {
	case NameNode:
		return num(1), nil, true
	case UnaryNode:
		if n.Op == "-" {
			c, r, ok := affine(n.Args[0], x)
			return sNeg(c), sNeg(r), ok
		}
	case BinaryNode:
		switch n.Op {
		case "+", "-":
			ca, ra, ok1 := affine(n.Args[0], x)
			cb, rb, ok2 := affine(n.Args[1], x)
			if !ok1 || !ok2 {
				return nil, nil, false
			}
			if n.Op == "-" {
				cb, rb = sNeg(cb), sNeg(rb)
			}
			return sAdd(ca, cb), sAdd(ra, rb), true
		case "*":
			a, b := n.Args[0], n.Args[1]
			if depends(a, is) && depends(b, is) {
				return nil, nil, false
			}
			if depends(b, is) {
				a, b = b, a
			}
			ca, ra, ok := affine(a, x)
			return sMul(ca, b), sMul(ra, b), ok
		case "/":
			if depends(n.Args[1], is) {
				return nil, nil, false
			}
			ca, ra, ok := affine(n.Args[0], x)
			return sDiv(ca, n.Args[1]), sDiv(ra, n.Args[1]), ok
		}
	}
	return nil, nil, false
}

// analyse inlines the equations and finds their noise terms and linear
// structure, for chooseMethod and the integrators.
func (d *Def) analyse() {
	ns := map[string]bool{}
	for _, s := range d.States {
		d.f = append(d.f, d.inline(d.eqs[d.syms[s].eq].Expr))
	}
	for _, f := range d.f {
		for _, m := range names(f, nil) {
			if isNoiseName(m) {
				ns[m] = true
			}
		}
		d.hasRand = d.hasRand || hasRand(f)
	}
	for k := range ns {
		d.noises = append(d.noises, k)
	}
	sort.Strings(d.noises)
	d.noise = make([]map[string]*Node, len(d.f))
	d.drift = make([]*Node, len(d.f))
	for i, f := range d.f {
		r := f
		for _, xi := range d.noises {
			c, rest, ok := affine(r, xi)
			if !ok {
				// Noise that is not additive in xi: rejected by chooseMethod.
				d.noise[i] = nil
				r = nil
				break
			}
			if c != nil {
				if d.noise[i] == nil {
					d.noise[i] = map[string]*Node{}
				}
				d.noise[i][xi] = c
			}
			r = rest
		}
		d.drift[i] = r
	}
	if d.thr != nil {
		d.thr = d.inline(d.thr)
	}
	for i := range d.reset {
		d.reset[i].Expr = d.inline(d.reset[i].Expr)
	}
	if d.ref != nil {
		d.ref = d.inline(d.ref)
	}
}

func (d *Def) isState(s string) bool {
	sym, ok := d.syms[s]
	return ok && sym.kind == symState
}

// linear finds the coefficient matrix of a system linear with constant
// coefficients, or explains why the system is not one.
func (d *Def) linear() error {
	if len(d.noises) > 0 {
		return fmt.Errorf("the equations are stochastic (%s); use \"euler\" or \"heun\"", strings.Join(d.noises, ", "))
	}
	if d.hasRand {
		return fmt.Errorf("the equations call rand() or randn(); use \"euler\"")
	}
	varying := func(s string) bool {
		sym, ok := d.syms[s]
		return ok && (sym.kind == symState || sym.kind == symInput || sym.kind == symTime)
	}
	A := make([][]*Node, len(d.f))
	C := make([]*Node, len(d.f))
	for i, f := range d.drift {
		r := f
		A[i] = make([]*Node, len(d.States))
		for j, x := range d.States {
			c, rest, ok := affine(r, x)
			if !ok {
				return fmt.Errorf("d%s/dt = %s is not linear in %s", d.States[i], d.eqs[d.syms[d.States[i]].eq].Expr, x)
			}
			if depends(c, varying) {
				what := "a state variable"
				if !depends(c, d.isState) {
					what = "the input or the time, which change from step to step"
				}
				return fmt.Errorf("in d%s/dt the coefficient of %s, %s, depends on %s", d.States[i], x, c, what)
			}
			A[i][j], r = c, rest
		}
		C[i] = r
	}
	d.linA, d.linC = A, C
	return nil
}

// exponential checks that every equation is linear in its own variable
// (conditionally linear) and splits dx/dt = A*x + B.
func (d *Def) exponential() error {
	if len(d.noises) > 0 {
		return fmt.Errorf("the equations are stochastic (%s); use \"euler\" or \"heun\"", strings.Join(d.noises, ", "))
	}
	d.expA, d.expB = make([]*Node, len(d.f)), make([]*Node, len(d.f))
	for i, f := range d.drift {
		a, b, ok := affine(f, d.States[i])
		if !ok {
			return fmt.Errorf("d%s/dt = %s is not linear in %s", d.States[i], d.eqs[d.syms[d.States[i]].eq].Expr, d.States[i])
		}
		d.expA[i], d.expB[i] = a, b
	}
	return nil
}

// chooseMethod checks the method asked for and picks one for "auto":
// exact where the system is linear with constant coefficients, else
// exponential Euler where every equation is linear in its own variable,
// else rk4; stochastic systems get Euler-Maruyama for additive noise and
// Heun for multiplicative noise.
func (d *Def) chooseMethod(m string) error {
	if m == "" {
		m = "auto"
	}
	if m == "linear" {
		m = "exact"
	}
	d.linErr = d.linear()
	if !slices.Contains(methods, m) {
		return fmt.Errorf("unknown method %q (want one of %s)", m, strings.Join(methods, ", "))
	}
	for i, nz := range d.noise {
		if nz == nil && d.drift[i] == nil {
			return fmt.Errorf("d%s/dt is not linear in the white noise; write it as f + g*xi", d.States[i])
		}
	}
	additive := true
	for _, nz := range d.noise {
		for _, g := range nz {
			if depends(g, d.isState) {
				additive = false
			}
		}
	}
	switch m {
	case "auto":
		switch {
		case len(d.noises) > 0 && additive:
			m = "euler"
		case len(d.noises) > 0:
			m = "heun"
		case d.linErr == nil:
			m = "exact"
		case d.exponential() == nil:
			m = "exponential_euler"
		default:
			m = "rk4"
		}
	case "exact":
		if err := d.linErr; err != nil {
			return fmt.Errorf("method \"exact\" needs equations linear in the state variables with constant coefficients: %v", err)
		}
	case "exponential_euler":
		if err := d.exponential(); err != nil {
			return fmt.Errorf("method \"exponential_euler\" needs every equation linear in its own variable: %v", err)
		}
	case "rk2", "rk4":
		if len(d.noises) > 0 {
			return fmt.Errorf("method %q does not integrate stochastic equations (%s); use \"euler\" or \"heun\"", m, strings.Join(d.noises, ", "))
		}
	case "euler":
		if !additive {
			return fmt.Errorf("method \"euler\" (Euler-Maruyama) needs additive noise, but a noise coefficient depends on a state variable; use \"heun\"")
		}
	}
	d.Method = m
	return nil
}
