package equations

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
)

// funcs are the functions usable in expressions, with their number of
// arguments.
var funcs = map[string]int{
	"exp": 1, "log": 1, "log10": 1, "sqrt": 1, "abs": 1, "sin": 1, "cos": 1, "tan": 1,
	"tanh": 1, "sinh": 1, "cosh": 1, "arcsin": 1, "arccos": 1, "arctan": 1,
	"floor": 1, "ceil": 1, "heaviside": 1, "sign": 1, "exprel": 1,
	"clip": 3, "rand": 0, "randn": 0,
}

// dimensionlessFuncs take and return a dimensionless number.
var dimensionlessFuncs = map[string]bool{
	"exp": true, "log": true, "log10": true, "sin": true, "cos": true, "tan": true, "tanh": true,
	"sinh": true, "cosh": true, "arcsin": true, "arccos": true, "arctan": true, "exprel": true,
}

type symKind uint8

const (
	symState symKind = iota
	symParam
	symSub
	symInput
	symTime
	symDt
	symNoise
)

type symbol struct {
	kind symKind
	dim  Dim
	eq   int // index of the defining equation, or -1
}

// checker resolves names and checks dimensions in one string of a Spec.
type checker struct {
	d     *Def
	field string
	src   string
	errs  *Errors
	// curDiff is set while checking a differential equation, where white
	// noise is allowed.
	curDiff bool
}

// Errors is a list of errors in the strings of a Spec.
type Errors []*SpecError

// Error joins the errors, one per line.
func (e Errors) Error() string {
	msgs := make([]string, len(e))
	for i, x := range e {
		msgs[i] = x.Error()
	}
	return strings.Join(msgs, "\n")
}

// SpecError is an error in one string of a Spec: Field names the string
// ("equations", "threshold", "reset", "refractory", "method", "parameters"
// or "init"), Key the entry of a map field ("tau_m"), and Err the range
// inside the string (nil if the error is not about a range).
type SpecError struct {
	Field string
	Key   string
	Err   *Error
	Msg   string
}

// Error returns "field[.key]:line:col: message".
func (e *SpecError) Error() string {
	where := e.Field
	if e.Key != "" {
		where += "." + e.Key
	}
	if e.Err != nil {
		return fmt.Sprintf("%s:%s", where, e.Err.Error())
	}
	return where + ": " + e.Msg
}

func (c *checker) fail(n *Node, format string, args ...any) {
	c.failAt(n.Pos, n.End-n.Pos, format, args...)
}

func (c *checker) failAt(off, n int, format string, args ...any) {
	*c.errs = append(*c.errs, &SpecError{Field: c.field, Err: errAt(c.src, off, max(n, 1), format, args...)})
}

// ty is the type of an expression: a dimension, or a boolean.
type ty struct {
	dim     Dim
	boolean bool
	ok      bool
}

// dctx is what the context expects of an expression: exp is the expected
// dimension (if known), and fac the dimension that turns the expression's
// dimension into that of the whole equation, for messages.
type dctx struct {
	label  string
	exp    *Dim
	fac    Dim
	noFac  bool
	inDiff bool
}

func (x dctx) contribution(d Dim) string {
	if x.noFac {
		return d.String()
	}
	return d.Mul(x.fac).String()
}

// lookup resolves a name: a symbol of the model, or a unit.
func (c *checker) lookup(n *Node) (ty, bool) {
	if s, ok := c.d.syms[n.Name]; ok {
		if s.kind == symNoise && !c.allowNoise() {
			c.fail(n, "white noise %s is only allowed in differential equations", n.Name)
			return ty{}, false
		}
		return ty{dim: s.dim, ok: true}, true
	}
	if u, ok := units[n.Name]; ok {
		return ty{dim: u.Dim, ok: true}, true
	}
	if isNoiseName(n.Name) {
		if !c.allowNoise() {
			c.fail(n, "white noise %s is only allowed in differential equations", n.Name)
			return ty{}, false
		}
		c.d.syms[n.Name] = &symbol{kind: symNoise, dim: Noise, eq: -1}
		return ty{dim: Noise, ok: true}, true
	}
	c.fail(n, "undefined name %q%s", n.Name, c.d.suggest(n.Name))
	return ty{}, false
}

func (c *checker) allowNoise() bool { return c.field == "equations" && c.curDiff }

func isNoiseName(s string) bool { return s == "xi" || strings.HasPrefix(s, "xi_") }

// suggest returns " (did you mean "x"?)" for the closest known name.
func (d *Def) suggest(name string) string {
	best, bestDist := "", 3
	cands := make([]string, 0, len(d.syms)+len(units))
	for k := range d.syms {
		cands = append(cands, k)
	}
	for k := range funcs {
		cands = append(cands, k)
	}
	sort.Strings(cands)
	for _, k := range cands {
		if dd := levenshtein.Distance(name, k, nil); dd < bestDist {
			best, bestDist = k, dd
		}
	}
	if best == "" {
		var us []string
		for k := range units {
			us = append(us, k)
		}
		sort.Strings(us)
		for _, k := range us {
			if dd := levenshtein.Distance(name, k, nil); dd < 2 {
				best = k
				break
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// typeOf infers the type of n, reporting dimension errors.
func (c *checker) typeOf(n *Node, x dctx) ty {
	switch n.Kind {
	case NumNode:
		return ty{ok: true}
	case NameNode:
		t, _ := c.lookup(n)
		return t
	case CallNode:
		return c.call(n, x)
	case UnaryNode:
		a := c.typeOf(n.Args[0], x)
		if !a.ok {
			return a
		}
		if n.Op == "not" {
			if !a.boolean {
				c.fail(n.Args[0], "%s: \"not\" needs a condition, %q is a number", x.label, src(c.src, n.Args[0]))
				return ty{}
			}
			return a
		}
		if a.boolean {
			c.fail(n, "%s: cannot negate the condition %q", x.label, src(c.src, n.Args[0]))
			return ty{}
		}
		return a
	}
	switch n.Op {
	case "and", "or":
		ok := true
		for _, a := range n.Args {
			t := c.typeOf(a, dctx{label: x.label, noFac: true})
			if t.ok && !t.boolean {
				c.fail(a, "%s: %q needs conditions on both sides, %q is a number", x.label, n.Op, src(c.src, a))
				ok = false
			}
			ok = ok && t.ok
		}
		return ty{boolean: true, ok: ok}
	case "<", "<=", ">", ">=", "==", "!=":
		a := c.typeOf(n.Args[0], dctx{label: x.label, noFac: true})
		if !a.ok {
			return a
		}
		b := c.typeOf(n.Args[1], dctx{label: x.label, exp: &a.dim, noFac: true})
		if !b.ok {
			return b
		}
		if a.boolean || b.boolean {
			c.fail(n, "%s: cannot compare conditions with %q", x.label, n.Op)
			return ty{}
		}
		if a.dim != b.dim {
			c.fail(n, "%s: comparison %q has %s on the left and %s on the right", x.label, src(c.src, n), a.dim, b.dim)
			return ty{}
		}
		return ty{boolean: true, ok: true}
	case "+", "-":
		terms := flattenSum(n)
		var first *ty
		var firstNode *Node
		okAll := true
		tys := make([]ty, len(terms))
		agree := true
		for i, t := range terms {
			tys[i] = c.typeOf(t, x)
			agree = agree && tys[i].ok && !tys[i].boolean && tys[i].dim == tys[0].dim
		}
		if agree {
			// Consistent terms: a mismatch with the context is reported
			// where the whole expression is checked.
			return tys[0]
		}
		expMatches := false
		for _, tt := range tys {
			expMatches = expMatches || x.exp != nil && tt.ok && tt.dim == *x.exp
		}
		if !expMatches {
			x.exp = nil
		}
		for i, t := range terms {
			tt := tys[i]
			if !tt.ok {
				okAll = false
				continue
			}
			if tt.boolean {
				c.fail(t, "%s: term %q is a condition, not a number", x.label, src(c.src, t))
				okAll = false
				continue
			}
			want := x.exp
			if want == nil && first != nil {
				want = &first.dim
			}
			if want != nil && tt.dim != *want {
				if x.exp == nil {
					c.fail(t, "%s: term %q has dimension %s, but %q has %s", x.label, src(c.src, t), x.contribution(tt.dim), src(c.src, firstNode), x.contribution(first.dim))
				} else {
					c.fail(t, "%s: term %q has dimension %s, expected %s", x.label, src(c.src, t), x.contribution(tt.dim), x.contribution(*want))
				}
				okAll = false
				continue
			}
			if first == nil {
				first, firstNode = &tt, t
			}
		}
		if !okAll || first == nil {
			return ty{}
		}
		return ty{dim: first.dim, ok: true}
	case "*", "/":
		// The factor that is a sum gets the expected dimension, so that
		// the message names the offending term: in (E_L - v + R*w)/tau_m
		// the terms are checked against expected*ms.
		l, r := n.Args[0], n.Args[1]
		sumFirst := n.Op == "/" || isSum(l) && !isSum(r)
		other, main := l, r
		if sumFirst {
			other, main = r, l
		}
		o := c.typeOf(other, dctx{label: x.label, noFac: true})
		if !o.ok {
			return o
		}
		mx := dctx{label: x.label, noFac: x.noFac, fac: x.fac}
		if x.exp != nil {
			var e Dim
			switch {
			case n.Op == "*":
				e = x.exp.Div(o.dim)
				mx.fac = x.fac.Mul(o.dim)
			default: // main is the numerator
				e = x.exp.Mul(o.dim)
				mx.fac = x.fac.Div(o.dim)
			}
			mx.exp = &e
		} else {
			mx.noFac = true
		}
		m := c.typeOf(main, mx)
		if !m.ok {
			return m
		}
		a, b := m, o
		if !sumFirst {
			a, b = o, m
		}
		if a.boolean || b.boolean {
			c.fail(n, "%s: %q mixes a condition into arithmetic", x.label, src(c.src, n))
			return ty{}
		}
		if n.Op == "*" {
			return ty{dim: a.dim.Mul(b.dim), ok: true}
		}
		return ty{dim: a.dim.Div(b.dim), ok: true}
	case "**":
		a := c.typeOf(n.Args[0], dctx{label: x.label, noFac: true})
		b := c.typeOf(n.Args[1], dctx{label: x.label, noFac: true})
		if !a.ok || !b.ok {
			return ty{}
		}
		if !b.dim.IsDimensionless() {
			c.fail(n.Args[1], "%s: exponent %q has dimension %s, expected 1", x.label, src(c.src, n.Args[1]), b.dim)
			return ty{}
		}
		if a.dim.IsDimensionless() {
			return ty{ok: true}
		}
		q, err := constQuantity(n.Args[1], c.src)
		if err != nil {
			c.fail(n.Args[1], "%s: the exponent of %q, which has dimension %s, must be a constant number", x.label, src(c.src, n.Args[0]), a.dim)
			return ty{}
		}
		d, ok := a.dim.Pow(q.Value)
		if !ok {
			c.fail(n, "%s: %q has no dimension with whole or half exponents", x.label, src(c.src, n))
			return ty{}
		}
		return ty{dim: d, ok: true}
	}
	c.fail(n, "unknown operator %q", n.Op)
	return ty{}
}

func (c *checker) call(n *Node, x dctx) ty {
	want, ok := funcs[n.Name]
	if !ok {
		c.fail(n, "unknown function %q%s", n.Name, c.d.suggest(n.Name))
		return ty{}
	}
	if len(n.Args) != want {
		c.fail(n, "%s takes %d argument(s), got %d", n.Name, want, len(n.Args))
		return ty{}
	}
	var args []ty
	for i, a := range n.Args {
		ax := dctx{label: x.label, noFac: true}
		if dimensionlessFuncs[n.Name] {
			ax.exp = &Dimensionless
			ax.label = x.label + ": argument of " + n.Name
		}
		if n.Name == "clip" && i > 0 && args[0].ok {
			ax.exp = &args[0].dim
		}
		t := c.typeOf(a, ax)
		if t.ok && t.boolean {
			c.fail(a, "%s: argument %q of %s is a condition, not a number", x.label, src(c.src, a), n.Name)
			t.ok = false
		}
		args = append(args, t)
	}
	for _, a := range args {
		if !a.ok {
			return ty{}
		}
	}
	switch {
	case dimensionlessFuncs[n.Name]:
		if !args[0].dim.IsDimensionless() {
			c.fail(n.Args[0], "%s: argument %q of %s has dimension %s, expected 1", x.label, src(c.src, n.Args[0]), n.Name, args[0].dim)
			return ty{}
		}
		return ty{ok: true}
	case n.Name == "sqrt":
		d, ok := args[0].dim.Pow(0.5)
		if !ok {
			c.fail(n, "%s: sqrt of %s has no dimension with whole or half exponents", x.label, args[0].dim)
			return ty{}
		}
		return ty{dim: d, ok: true}
	case n.Name == "clip":
		for i := 1; i < 3; i++ {
			if args[i].dim != args[0].dim {
				c.fail(n.Args[i], "%s: clip bound %q has dimension %s, expected %s", x.label, src(c.src, n.Args[i]), args[i].dim, args[0].dim)
				return ty{}
			}
		}
		return args[0]
	case n.Name == "heaviside" || n.Name == "sign" || n.Name == "rand" || n.Name == "randn":
		return ty{ok: true}
	}
	return args[0] // abs, floor, ceil
}

func isSum(n *Node) bool { return n.Kind == BinaryNode && (n.Op == "+" || n.Op == "-") }

// flattenSum returns the terms of a chain of + and -.
func flattenSum(n *Node) []*Node {
	if n.Kind == BinaryNode && (n.Op == "+" || n.Op == "-") {
		return append(flattenSum(n.Args[0]), flattenSum(n.Args[1])...)
	}
	return []*Node{n}
}

func src(s string, n *Node) string {
	if n.Pos >= 0 && n.End <= len(s) && n.Pos < n.End {
		return strings.TrimSpace(s[n.Pos:n.End])
	}
	return n.String()
}

// constQuantity evaluates an expression of numbers and units.
func constQuantity(n *Node, source string) (Quantity, error) {
	switch n.Kind {
	case NumNode:
		return Quantity{Value: n.Val}, nil
	case NameNode:
		if u, ok := units[n.Name]; ok {
			return Quantity{Value: u.Engine(), Dim: u.Dim}, nil
		}
		return Quantity{}, errAt(source, n.Pos, n.End-n.Pos, "unknown unit %q%s", n.Name, unitSuggestion(n.Name))
	case UnaryNode:
		if n.Op == "-" {
			q, err := constQuantity(n.Args[0], source)
			q.Value = -q.Value
			return q, err
		}
	case CallNode:
		if n.Name == "sqrt" && len(n.Args) == 1 {
			q, err := constQuantity(n.Args[0], source)
			if err != nil {
				return q, err
			}
			d, ok := q.Dim.Pow(0.5)
			if !ok {
				return q, errAt(source, n.Pos, n.End-n.Pos, "sqrt of %s has no dimension with whole or half exponents", q.Dim)
			}
			return Quantity{math.Sqrt(q.Value), d}, nil
		}
	case BinaryNode:
		a, err := constQuantity(n.Args[0], source)
		if err != nil {
			return a, err
		}
		b, err := constQuantity(n.Args[1], source)
		if err != nil {
			return b, err
		}
		switch n.Op {
		case "+", "-":
			if a.Dim != b.Dim {
				return a, errAt(source, n.Pos, n.End-n.Pos, "%q adds %s to %s", src(source, n), b.Dim, a.Dim)
			}
			if n.Op == "-" {
				b.Value = -b.Value
			}
			return Quantity{a.Value + b.Value, a.Dim}, nil
		case "*":
			return Quantity{a.Value * b.Value, a.Dim.Mul(b.Dim)}, nil
		case "/":
			return Quantity{a.Value / b.Value, a.Dim.Div(b.Dim)}, nil
		case "**":
			if !b.Dim.IsDimensionless() {
				return a, errAt(source, n.Args[1].Pos, n.Args[1].End-n.Args[1].Pos, "exponent has dimension %s", b.Dim)
			}
			d, ok := a.Dim.Pow(b.Value)
			if !ok {
				return a, errAt(source, n.Pos, n.End-n.Pos, "%q has no dimension with whole or half exponents", src(source, n))
			}
			return Quantity{math.Pow(a.Value, b.Value), d}, nil
		}
	}
	return Quantity{}, errAt(source, n.Pos, max(n.End-n.Pos, 1), "%q is not a number with a unit", src(source, n))
}

func unitSuggestion(name string) string {
	var best string
	bd := 3
	var us []string
	for k := range units {
		us = append(us, k)
	}
	sort.Strings(us)
	for _, k := range us {
		if d := levenshtein.Distance(name, k, nil); d < bd || d == bd && strings.EqualFold(k, name) {
			best, bd = k, d
		}
	}
	for _, k := range us {
		if strings.EqualFold(k, name) {
			best = k
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// names lists the names n refers to.
func names(n *Node, out []string) []string {
	if n == nil {
		return out
	}
	if n.Kind == NameNode && !slices.Contains(out, n.Name) {
		out = append(out, n.Name)
	}
	for _, a := range n.Args {
		out = names(a, out)
	}
	return out
}
