package equations

import (
	"fmt"
	"strconv"
	"strings"
)

// Node is a node of an expression tree. Pos and End are the byte offsets
// of the node's text in the string it was parsed from.
type Node struct {
	// Kind is NumNode, NameNode, CallNode, UnaryNode or BinaryNode.
	Kind NodeKind
	// Op is the operator of unary ("-", "not") and binary nodes ("+", "-",
	// "*", "/", "**", "<", "<=", ">", ">=", "==", "!=", "and", "or").
	Op string
	// Name is the name of a NameNode or the function of a CallNode.
	Name string
	// Val is the value of a NumNode.
	Val float64
	// Args are the operands or call arguments.
	Args []*Node
	// Pos and End are byte offsets: the node is src[Pos:End].
	Pos, End int
}

// NodeKind is the kind of a Node.
type NodeKind uint8

// The kinds of Node.
const (
	NumNode NodeKind = iota
	NameNode
	CallNode
	UnaryNode
	BinaryNode
)

// Error is an error at a range of a source string: Off and Len are byte
// offsets, Line and Col (1-based, Col in bytes) the position of Off.
type Error struct {
	Off, Len  int
	Line, Col int
	Msg       string
}

// Error returns "line:col: message".
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// errAt returns an Error at src[off:off+n].
func errAt(src string, off, n int, format string, args ...any) *Error {
	line, col := LineCol(src, off)
	return &Error{Off: off, Len: n, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// LineCol returns the 1-based line and column (in bytes) of byte offset
// off in src.
func LineCol(src string, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + strings.Count(src[:off], "\n")
	return line, off - strings.LastIndex(src[:off], "\n")
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tName
	tOp
)

type token struct {
	kind     tokKind
	text     string
	val      float64
	pos, end int
}

// lex splits src[lo:hi] into tokens with offsets into src.
func lex(src string, lo, hi int) ([]token, error) {
	var out []token
	i := lo
	for i < hi {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c >= '0' && c <= '9' || c == '.' && i+1 < hi && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < hi && (src[j] >= '0' && src[j] <= '9' || src[j] == '.') {
				j++
			}
			if j < hi && (src[j] == 'e' || src[j] == 'E') {
				k := j + 1
				if k < hi && (src[k] == '+' || src[k] == '-') {
					k++
				}
				if k < hi && src[k] >= '0' && src[k] <= '9' {
					for k < hi && src[k] >= '0' && src[k] <= '9' {
						k++
					}
					j = k
				}
			}
			v, err := strconv.ParseFloat(src[i:j], 64)
			if err != nil {
				return nil, errAt(src, i, j-i, "bad number %q", src[i:j])
			}
			out = append(out, token{tNum, src[i:j], v, i, j})
			i = j
		case isLetter(c):
			j := i
			for j < hi && (isLetter(src[j]) || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			out = append(out, token{kind: tName, text: src[i:j], pos: i, end: j})
			i = j
		default:
			op := ""
			for _, o := range []string{"**", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "&&", "||"} {
				if strings.HasPrefix(src[i:hi], o) {
					op = o
					break
				}
			}
			if op == "" {
				if !strings.ContainsRune("+-*/^()<>=,;:!", rune(c)) {
					return nil, errAt(src, i, 1, "unexpected character %q", string(c))
				}
				op = string(c)
			}
			out = append(out, token{kind: tOp, text: op, pos: i, end: i + len(op)})
			i += len(op)
		}
	}
	return append(out, token{kind: tEOF, pos: hi, end: hi}), nil
}

type parser struct {
	src  string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

func (p *parser) isWord(s string) bool {
	t := p.peek()
	return t.kind == tName && t.text == s
}

func (p *parser) fail(t token, format string, args ...any) *Error {
	n := t.end - t.pos
	if n == 0 {
		n = 1
	}
	return errAt(p.src, t.pos, n, format, args...)
}

func describeTok(t token) string {
	if t.kind == tEOF {
		return "end of expression"
	}
	return fmt.Sprintf("%q", t.text)
}

// ParseExpr parses a whole string as one expression.
func ParseExpr(src string) (*Node, error) { return parseRange(src, 0, len(src)) }

// parseRange parses src[lo:hi] as one expression, with offsets into src.
func parseRange(src string, lo, hi int) (*Node, error) {
	toks, err := lex(src, lo, hi)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	if p.peek().kind == tEOF {
		return nil, errAt(src, lo, max(hi-lo, 1), "empty expression")
	}
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.fail(t, "unexpected %s after expression", describeTok(t))
	}
	return n, nil
}

func bin(op string, a, b *Node) *Node {
	return &Node{Kind: BinaryNode, Op: op, Args: []*Node{a, b}, Pos: a.Pos, End: b.End}
}

// expr := or
func (p *parser) expr() (*Node, error) { return p.or() }

func (p *parser) or() (*Node, error) {
	a, err := p.and()
	for err == nil && (p.isWord("or") || p.isOp("||")) {
		p.next()
		var b *Node
		if b, err = p.and(); err == nil {
			a = bin("or", a, b)
		}
	}
	return a, err
}

func (p *parser) and() (*Node, error) {
	a, err := p.not()
	for err == nil && (p.isWord("and") || p.isOp("&&")) {
		p.next()
		var b *Node
		if b, err = p.not(); err == nil {
			a = bin("and", a, b)
		}
	}
	return a, err
}

func (p *parser) not() (*Node, error) {
	if p.isWord("not") || p.isOp("!") {
		t := p.next()
		a, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: UnaryNode, Op: "not", Args: []*Node{a}, Pos: t.pos, End: a.End}, nil
	}
	return p.cmp()
}

func (p *parser) cmp() (*Node, error) {
	a, err := p.sum()
	if err != nil {
		return nil, err
	}
	for _, op := range []string{"<", "<=", ">", ">=", "==", "!="} {
		if p.isOp(op) {
			p.next()
			b, err := p.sum()
			if err != nil {
				return nil, err
			}
			return bin(op, a, b), nil
		}
	}
	return a, nil
}

func (p *parser) sum() (*Node, error) {
	a, err := p.product()
	for err == nil && (p.isOp("+") || p.isOp("-")) {
		op := p.next().text
		var b *Node
		if b, err = p.product(); err == nil {
			a = bin(op, a, b)
		}
	}
	return a, err
}

func (p *parser) product() (*Node, error) {
	a, err := p.unary()
	for err == nil && (p.isOp("*") || p.isOp("/")) {
		op := p.next().text
		var b *Node
		if b, err = p.unary(); err == nil {
			a = bin(op, a, b)
		}
	}
	return a, err
}

func (p *parser) unary() (*Node, error) {
	if p.isOp("-") || p.isOp("+") {
		t := p.next()
		a, err := p.unary()
		if err != nil {
			return nil, err
		}
		if t.text == "+" {
			a.Pos = t.pos
			return a, nil
		}
		return &Node{Kind: UnaryNode, Op: "-", Args: []*Node{a}, Pos: t.pos, End: a.End}, nil
	}
	return p.power()
}

// power := atom [("**" | "^") unary]; right-associative, binding tighter
// than unary minus on its left (-x**2 is -(x**2)).
func (p *parser) power() (*Node, error) {
	a, err := p.atom()
	if err != nil {
		return nil, err
	}
	if p.isOp("**") || p.isOp("^") {
		p.next()
		b, err := p.unary()
		if err != nil {
			return nil, err
		}
		return bin("**", a, b), nil
	}
	return a, nil
}

func (p *parser) atom() (*Node, error) {
	t := p.next()
	switch {
	case t.kind == tNum:
		return &Node{Kind: NumNode, Val: t.val, Pos: t.pos, End: t.end}, nil
	case t.kind == tName:
		if !p.isOp("(") {
			return &Node{Kind: NameNode, Name: t.text, Pos: t.pos, End: t.end}, nil
		}
		p.next()
		n := &Node{Kind: CallNode, Name: t.text, Pos: t.pos}
		if !p.isOp(")") {
			for {
				a, err := p.expr()
				if err != nil {
					return nil, err
				}
				n.Args = append(n.Args, a)
				if !p.isOp(",") {
					break
				}
				p.next()
			}
		}
		if !p.isOp(")") {
			return nil, p.fail(p.peek(), "expected \")\" or \",\" in the call of %s, found %s", t.text, describeTok(p.peek()))
		}
		n.End = p.next().end
		return n, nil
	case t.kind == tOp && t.text == "(":
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		if !p.isOp(")") {
			return nil, p.fail(p.peek(), "expected \")\", found %s", describeTok(p.peek()))
		}
		c := p.next()
		a.Pos, a.End = t.pos, c.end
		return a, nil
	}
	return nil, p.fail(t, "expected a number, a name or \"(\", found %s", describeTok(t))
}

// EqKind is the kind of a line of equations.
type EqKind uint8

// The kinds of equation lines.
const (
	// Diff is a differential equation dx/dt = expr : unit.
	Diff EqKind = iota
	// Sub is a subexpression name = expr : unit.
	Sub
	// ParamDecl is a parameter name : unit.
	ParamDecl
)

// Equation is one line of a system of equations.
type Equation struct {
	Kind EqKind
	// Name is the variable defined.
	Name string
	// NamePos and NameEnd delimit the defined name (for dx/dt, the whole
	// "dx/dt").
	NamePos, NameEnd int
	// Expr is the right-hand side (nil for a parameter).
	Expr *Node
	// Unit is the unit's text, UnitPos its offset; Dim its dimension.
	Unit    string
	UnitPos int
	Dim     Dim
	// Flags are the flags in parentheses after the unit, e.g. "unless
	// refractory", "constant".
	Flags []string
	// FlagsPos is the offset of the flags' text.
	FlagsPos int
}

// ParseEquations parses a system of equations in Brian2's syntax, one per
// line (blank lines and # comments are skipped):
//
//	dv/dt = (E_L - v + R*I)/tau_m : mV (unless refractory)
//	I_syn = g*(E - v) : nA
//	tau_m : ms (constant)
func ParseEquations(src string) ([]Equation, error) {
	var out []Equation
	for lo := 0; lo < len(src); {
		hi := strings.IndexByte(src[lo:], '\n')
		if hi < 0 {
			hi = len(src)
		} else {
			hi += lo
		}
		end := hi
		if c := strings.IndexByte(src[lo:hi], '#'); c >= 0 {
			end = lo + c
		}
		if strings.TrimSpace(src[lo:end]) != "" {
			eq, err := parseLine(src, lo, end)
			if err != nil {
				return nil, err
			}
			out = append(out, eq)
		}
		lo = hi + 1
	}
	return out, nil
}

func parseLine(src string, lo, hi int) (Equation, error) {
	var eq Equation
	// The unit follows the last top-level ':'.
	depth, colon := 0, -1
	for i := lo; i < hi; i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ':':
			if depth == 0 {
				colon = i
			}
		}
	}
	line := strings.TrimSpace(src[lo:hi])
	start := lo + strings.Index(src[lo:hi], line)
	if colon < 0 {
		return eq, errAt(src, start, len(line), "equation %q has no unit: write it as \"dx/dt = ... : unit\", \"x = ... : unit\" or \"x : unit\"", line)
	}
	// Unit and flags.
	ulo, uhi := colon+1, hi
	if f := strings.IndexByte(src[ulo:uhi], '('); f >= 0 {
		f += ulo
		c := strings.LastIndexByte(src[f:uhi], ')')
		if c < 0 {
			return eq, errAt(src, f, uhi-f, "flags must be in parentheses: (unless refractory)")
		}
		c += f
		eq.FlagsPos = f + 1
		for _, fl := range strings.Split(src[f+1:c], ",") {
			if fl = strings.Join(strings.Fields(fl), " "); fl != "" {
				eq.Flags = append(eq.Flags, fl)
			}
		}
		uhi = f
	}
	unit := strings.TrimSpace(src[ulo:uhi])
	if unit == "" {
		return eq, errAt(src, colon, 1, "missing unit after \":\"")
	}
	eq.Unit, eq.UnitPos = unit, ulo+strings.Index(src[ulo:uhi], unit)
	un, err := parseRange(src, eq.UnitPos, eq.UnitPos+len(unit))
	if err != nil {
		return eq, err
	}
	q, err := constQuantity(un, src)
	if err != nil {
		return eq, err
	}
	// A unit such as "ms" or "Hz" names a dimension; its size does not
	// matter, since every value is held in engine units.
	eq.Dim = q.Dim
	// Left-hand side.
	toks, err := lex(src, lo, colon)
	if err != nil {
		return eq, err
	}
	p := &parser{src: src, toks: toks}
	t := p.next()
	if t.kind != tName {
		return eq, p.fail(t, "expected a name or dx/dt at the start of the equation, found %s", describeTok(t))
	}
	eq.Name, eq.NamePos, eq.NameEnd = t.text, t.pos, t.end
	if p.isOp("/") && len(t.text) > 1 && t.text[0] == 'd' && p.toks[p.i+1].kind == tName && p.toks[p.i+1].text == "dt" {
		p.next()
		dt := p.next()
		eq.Kind, eq.Name, eq.NameEnd = Diff, t.text[1:], dt.end
	} else {
		eq.Kind = Sub
	}
	switch {
	case p.isOp("="):
		eqTok := p.next()
		if p.peek().kind == tEOF {
			return eq, p.fail(eqTok, "missing expression after \"=\"")
		}
		eq.Expr, err = parseRange(src, p.peek().pos, colon)
		if err != nil {
			return eq, err
		}
	case p.peek().kind == tEOF && eq.Kind == Sub:
		eq.Kind = ParamDecl
	default:
		return eq, p.fail(p.peek(), "expected \"=\" after %s, found %s", src[eq.NamePos:eq.NameEnd], describeTok(p.peek()))
	}
	return eq, nil
}

// Statement is one statement of a reset: Var Op Expr with Op one of "=",
// "+=", "-=", "*=", "/=".
type Statement struct {
	Var      string
	VarPos   int
	Op       string
	Expr     *Node
	Pos, End int
}

// ParseStatements parses statements separated by ";" or newlines, such as
// "v = V_r; w += b".
func ParseStatements(src string) ([]Statement, error) {
	var out []Statement
	for lo := 0; lo <= len(src); {
		hi := strings.IndexAny(src[lo:], ";\n")
		if hi < 0 {
			hi = len(src)
		} else {
			hi += lo
		}
		if strings.TrimSpace(src[lo:hi]) != "" {
			toks, err := lex(src, lo, hi)
			if err != nil {
				return nil, err
			}
			p := &parser{src: src, toks: toks}
			t := p.next()
			if t.kind != tName {
				return nil, p.fail(t, "expected a variable at the start of the statement, found %s", describeTok(t))
			}
			op := p.next()
			if op.kind != tOp || !strings.Contains("= += -= *= /=", op.text) || op.text == "" {
				return nil, p.fail(op, "expected \"=\", \"+=\", \"-=\", \"*=\" or \"/=\" after %s, found %s", t.text, describeTok(op))
			}
			if p.peek().kind == tEOF {
				return nil, p.fail(op, "missing expression after %q", op.text)
			}
			e, err := parseRange(src, p.peek().pos, hi)
			if err != nil {
				return nil, err
			}
			out = append(out, Statement{Var: t.text, VarPos: t.pos, Op: op.text, Expr: e, Pos: t.pos, End: e.End})
		}
		lo = hi + 1
	}
	return out, nil
}

// String prints n in the syntax it was parsed from, fully parenthesised
// where precedence needs it.
func (n *Node) String() string {
	switch n.Kind {
	case NumNode:
		return strconv.FormatFloat(n.Val, 'g', -1, 64)
	case NameNode:
		return n.Name
	case CallNode:
		args := make([]string, len(n.Args))
		for i, a := range n.Args {
			args[i] = a.String()
		}
		return n.Name + "(" + strings.Join(args, ", ") + ")"
	case UnaryNode:
		if n.Op == "not" {
			return "not " + paren(n.Args[0], 5)
		}
		return "-" + paren(n.Args[0], 6)
	}
	pr := prec(n)
	a, b := paren(n.Args[0], pr), paren(n.Args[1], pr+1)
	if n.Op == "**" {
		a, b = paren(n.Args[0], pr+1), paren(n.Args[1], pr)
		return a + "**" + b
	}
	if pr >= 7 || n.Op == "*" || n.Op == "/" {
		return a + n.Op + b
	}
	return a + " " + n.Op + " " + b
}

func prec(n *Node) int {
	switch n.Kind {
	case BinaryNode:
		switch n.Op {
		case "or":
			return 1
		case "and":
			return 2
		case "<", "<=", ">", ">=", "==", "!=":
			return 4
		case "+", "-":
			return 5
		case "*", "/":
			return 6
		case "**":
			return 8
		}
	case UnaryNode:
		if n.Op == "not" {
			return 3
		}
		return 7
	}
	return 9
}

func paren(n *Node, p int) string {
	if prec(n) < p {
		return "(" + n.String() + ")"
	}
	return n.String()
}
