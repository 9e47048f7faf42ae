package sweep

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/synapticflow/synapticflow-go/dsl"
)

// Axis is one variable of a grid and the values it takes.
type Axis struct {
	// Name is the variable's name.
	Name string
	// Values are its values, in order.
	Values []cty.Value
	// From says where the axis was declared, for messages: "-grid g" or
	// "net.hcl:4,5".
	From string
}

// Setting is the value one run gives one variable.
type Setting struct {
	Name  string
	Value cty.Value
}

// Spec declares a sweep: the cartesian product of the Grid's axes (the
// first axis outermost), then the explicit Points, each run with every
// seed of Seeds (innermost), or once with a derived seed if Seeds is nil.
type Spec struct {
	Grid []Axis
	// Points are explicit settings, each a list of variable values.
	Points [][]Setting
	// PointsFrom says where each point was declared, for messages.
	PointsFrom []string
	// Seeds are the seeds of every setting; nil derives one seed per
	// setting from MasterSeed (DeriveSeed).
	Seeds []uint64
	// MasterSeed, if not nil, is the master seed the derived seeds come
	// from; nil takes the network's simulation.seed if it is a constant,
	// else 0.
	MasterSeed *uint64
}

// VarInfo describes a declared variable of the network.
type VarInfo struct {
	// String reports a variable of type string, whose -var value is taken
	// literally.
	String bool
	// Range is the variable block's declaration.
	Range hcl.Range
}

// Network is what a sweep needs to know of a network's files: its
// variables, its sweep block and its constant seed.
type Network struct {
	// Path is the network as given (a .hcl file or a directory).
	Path string
	// Vars are the declared variables by name.
	Vars map[string]VarInfo
	// Spec is the sweep block's declaration (nil without one).
	Spec *Spec
	// Seed is simulation.seed if it is a constant (nil if there is no
	// such constant).
	Seed *uint64
	// Files are the parsed files by name, for printing diagnostics with
	// their source.
	Files map[string]*hcl.File
}

var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "sweep"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "simulation"},
	},
}

var sweepSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "points"}, {Name: "seeds"}, {Name: "seed"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "grid"}},
}

// ReadNetwork reads the variable blocks, the sweep block and the seed of
// the network at path (a .hcl file, or a directory of them read as one
// network). Problems in the rest of the files are left to the runs.
func ReadNetwork(path string) (*Network, hcl.Diagnostics) {
	paths, err := dsl.SourceFiles(path, false)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read network", Detail: err.Error()}}
	}
	p := hclparse.NewParser()
	var diags hcl.Diagnostics
	n := &Network{Path: path, Vars: make(map[string]VarInfo)}
	var sweeps []*hcl.Block
	for _, fp := range paths {
		f, d := dsl.ParseFile(p, fp)
		diags = append(diags, d...)
		if d.HasErrors() || f == nil {
			continue
		}
		content, _, d := f.Body.PartialContent(rootSchema)
		diags = append(diags, d...)
		for _, b := range content.Blocks {
			switch b.Type {
			case "sweep":
				sweeps = append(sweeps, b)
			case "variable":
				n.Vars[b.Labels[0]] = VarInfo{String: stringTyped(b), Range: b.DefRange}
			case "simulation":
				if n.Seed == nil {
					n.Seed = constantSeed(b)
				}
			}
		}
	}
	n.Files = p.Files()
	if len(sweeps) > 1 {
		diags = append(diags, errAt(sweeps[1].DefRange, "Duplicate sweep block",
			fmt.Sprintf("A network has one sweep block; the first is at %s.", rangeString(sweeps[0].DefRange))))
	}
	if len(sweeps) > 0 {
		s, d := decodeSweep(sweeps[0])
		diags = append(diags, d...)
		n.Spec = s
	}
	return n, diags
}

// stringTyped reports whether a variable block has type = string.
func stringTyped(b *hcl.Block) bool {
	attrs, _ := b.Body.JustAttributes()
	if a, ok := attrs["type"]; ok {
		return hcl.ExprAsKeyword(a.Expr) == "string"
	}
	// JustAttributes fails on a body with blocks (validation): look again.
	if body, ok := b.Body.(*hclsyntax.Body); ok {
		if a, ok := body.Attributes["type"]; ok {
			return hcl.ExprAsKeyword(a.Expr) == "string"
		}
	}
	return false
}

// constantSeed returns simulation.seed if it is a constant whole number.
func constantSeed(b *hcl.Block) *uint64 {
	body, ok := b.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	a, ok := body.Attributes["seed"]
	if !ok {
		zero := uint64(0) // the default seed
		return &zero
	}
	v, d := a.Expr.Value(nil)
	if d.HasErrors() {
		return nil
	}
	s, err := toSeed(v)
	if err != nil {
		return nil
	}
	return &s
}

// functions are the functions sweep block expressions may call.
func functions() map[string]function.Function {
	return map[string]function.Function{
		"range": stdlib.RangeFunc, "concat": stdlib.ConcatFunc, "reverse": stdlib.ReverseListFunc,
		"distinct": stdlib.DistinctFunc, "flatten": stdlib.FlattenFunc, "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"pow": stdlib.PowFunc, "floor": stdlib.FloorFunc, "ceil": stdlib.CeilFunc, "abs": stdlib.AbsoluteFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "log": stdlib.LogFunc,
	}
}

// decodeSweep decodes a sweep block.
func decodeSweep(b *hcl.Block) (*Spec, hcl.Diagnostics) {
	content, diags := b.Body.Content(sweepSchema)
	ctx := &hcl.EvalContext{Functions: functions()}
	s := &Spec{}
	grids := 0
	for _, gb := range content.Blocks {
		grids++
		if grids > 1 {
			diags = append(diags, errAt(gb.DefRange, "Duplicate grid block", "A sweep block has one grid block: put every variable of the grid in it."))
			continue
		}
		attrs, d := gb.Body.JustAttributes()
		diags = append(diags, d...)
		list := make([]*hcl.Attribute, 0, len(attrs))
		for _, a := range attrs {
			list = append(list, a)
		}
		slices.SortFunc(list, func(a, b *hcl.Attribute) int { return a.Range.Start.Byte - b.Range.Start.Byte })
		for _, a := range list {
			v, d := a.Expr.Value(ctx)
			diags = append(diags, d...)
			if d.HasErrors() {
				continue
			}
			vals, err := elements(v)
			if err != nil {
				diags = append(diags, attrErr(a, fmt.Sprintf("the values of %s in a grid are a non-empty list: %v", a.Name, err)))
				continue
			}
			s.Grid = append(s.Grid, Axis{Name: a.Name, Values: vals, From: rangeString(a.NameRange)})
		}
	}
	if a, ok := content.Attributes["points"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			pts, err := points(v)
			if err != nil {
				diags = append(diags, attrErr(a, "points is a list of objects of variable values, as [{ g = 5, nu = 2 }]: "+err.Error()))
			}
			for range pts {
				s.PointsFrom = append(s.PointsFrom, rangeString(a.Expr.Range()))
			}
			s.Points = pts
		}
	}
	if a, ok := content.Attributes["seeds"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			vals, err := elements(v)
			s.Seeds = []uint64{}
			for _, x := range vals {
				var sd uint64
				if sd, err = toSeed(x); err != nil {
					break
				}
				s.Seeds = append(s.Seeds, sd)
			}
			if err != nil {
				diags = append(diags, attrErr(a, "seeds is a non-empty list of whole numbers from 0 to 2^64-1, as [1, 2, 3] or range(1, 6): "+err.Error()))
			}
		}
	}
	if a, ok := content.Attributes["seed"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			sd, err := toSeed(v)
			if err != nil {
				diags = append(diags, attrErr(a, "the master seed is a whole number from 0 to 2^64-1: "+err.Error()))
			} else {
				s.MasterSeed = &sd
			}
		}
	}
	return s, diags
}

// elements returns the elements of a non-empty list, tuple or set of
// known, non-null values.
func elements(v cty.Value) ([]cty.Value, error) {
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType() || t.IsSetType()) {
		return nil, fmt.Errorf("have %s", typeName(v))
	}
	if !v.IsWhollyKnown() {
		return nil, fmt.Errorf("the value is not known")
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, x := it.Element()
		if x.IsNull() {
			return nil, fmt.Errorf("element %d is null", len(out))
		}
		out = append(out, x)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the list is empty")
	}
	return out, nil
}

// points decodes a list of objects of variable values.
func points(v cty.Value) ([][]Setting, error) {
	vals, err := elements(v)
	if err != nil {
		return nil, err
	}
	var out [][]Setting
	for i, p := range vals {
		t := p.Type()
		if !(t.IsObjectType() || t.IsMapType()) {
			return nil, fmt.Errorf("point %d is %s, not an object", i, typeName(p))
		}
		var pt []Setting
		for it := p.ElementIterator(); it.Next(); {
			k, x := it.Element()
			if x.IsNull() {
				return nil, fmt.Errorf("point %d: %s is null", i, k.AsString())
			}
			pt = append(pt, Setting{Name: k.AsString(), Value: x})
		}
		out = append(out, pt)
	}
	return out, nil
}

// toSeed converts a whole number from 0 to 2^64-1 to a seed.
func toSeed(v cty.Value) (uint64, error) {
	if v.IsNull() || !v.IsKnown() || !v.Type().Equals(cty.Number) {
		return 0, fmt.Errorf("have %s", typeName(v))
	}
	bf := v.AsBigFloat()
	i, acc := bf.Int(nil)
	if acc != big.Exact || !i.IsUint64() {
		return 0, fmt.Errorf("have %s", bf.Text('g', -1))
	}
	return i.Uint64(), nil
}

func typeName(v cty.Value) string {
	if v.IsNull() {
		return "null"
	}
	return v.Type().FriendlyName()
}

// ParseGrid parses a -grid flag, NAME=V1,V2,...: each value an HCL
// expression (3, 2.5, "x", [1, 2]) or else a plain string; commas inside
// brackets and quotes do not separate values.
func ParseGrid(s string) (Axis, error) {
	name, rest, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || !hclsyntax.ValidIdentifier(name) {
		return Axis{}, fmt.Errorf("want NAME=V1,V2,..., have %q", s)
	}
	parts, err := splitTop(rest)
	if err != nil {
		return Axis{}, fmt.Errorf("-grid %s: %v", name, err)
	}
	ax := Axis{Name: name, From: "-grid " + name}
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			return Axis{}, fmt.Errorf("-grid %s: an empty value in %q", name, rest)
		}
		ax.Values = append(ax.Values, parseValue(p))
	}
	return ax, nil
}

// ParsePoint parses a -point flag, NAME=V,NAME=V,...: one setting of
// several variables.
func ParsePoint(s string) ([]Setting, error) {
	parts, err := splitTop(s)
	if err != nil {
		return nil, fmt.Errorf("-point %s: %v", s, err)
	}
	var pt []Setting
	for _, p := range parts {
		name, val, ok := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		if !ok || !hclsyntax.ValidIdentifier(name) || strings.TrimSpace(val) == "" {
			return nil, fmt.Errorf("want NAME=VALUE,NAME=VALUE,..., have %q", s)
		}
		for _, q := range pt {
			if q.Name == name {
				return nil, fmt.Errorf("-point %s: %s is set twice", s, name)
			}
		}
		pt = append(pt, Setting{Name: name, Value: parseValue(val)})
	}
	return pt, nil
}

// parseValue reads a flag value as a constant HCL expression, or else as
// a plain string (as -var does).
func parseValue(s string) cty.Value {
	expr, diags := hclsyntax.ParseExpression([]byte(s), "<flag>", hcl.InitialPos)
	if !diags.HasErrors() {
		if v, d := expr.Value(nil); !d.HasErrors() && v.IsWhollyKnown() && !v.IsNull() {
			return v
		}
	}
	return cty.StringVal(strings.TrimSpace(s))
}

// splitTop splits s at the commas outside brackets, braces, parentheses
// and double quotes.
func splitTop(s string) ([]string, error) {
	var parts []string
	depth, start := 0, 0
	inStr, esc := false, false
	for i, c := range s {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[' || c == '{' || c == '(':
			depth++
		case c == ']' || c == '}' || c == ')':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("unbalanced %q in %q", c, s)
			}
		case c == ',' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	if inStr || depth != 0 {
		return nil, fmt.Errorf("unclosed quote or bracket in %q", s)
	}
	return append(parts, s[start:]), nil
}

// ParseSeeds parses a -seeds flag: whole numbers and ranges A-B
// (inclusive), separated by commas: "1-5", "1,2,7", "1-3,10".
func ParseSeeds(s string) ([]uint64, error) {
	var out []uint64
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseUint(strings.TrimSpace(lo), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("want seeds as 1-5 or 1,2,7, have %q", s)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseUint(strings.TrimSpace(hi), 10, 64); err != nil || b < a {
				return nil, fmt.Errorf("want a range A-B with A <= B, have %q", part)
			}
		}
		if b-a >= maxRuns {
			return nil, fmt.Errorf("the range %q has more than %d seeds", part, maxRuns)
		}
		for x := a; ; x++ {
			out = append(out, x)
			if x == b {
				break
			}
		}
	}
	return out, nil
}

func errAt(r hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: r.Ptr()}
}

func attrErr(a *hcl.Attribute, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Invalid value for %q", a.Name),
		Detail:   strings.ToUpper(detail[:1]) + detail[1:] + ".",
		Subject:  a.Expr.Range().Ptr(),
		Context:  a.Range.Ptr(),
	}
}

func rangeString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d,%d", r.Filename, r.Start.Line, r.Start.Column)
}
