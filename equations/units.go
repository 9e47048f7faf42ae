package equations

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Dim is a physical dimension: the exponents of the SI base units metre,
// kilogram, second, ampere, kelvin, mole and candela, each stored doubled
// so that half exponents (the 1/sqrt(second) of white noise xi) are exact.
type Dim [7]int8

// Base dimension indices.
const (
	dimLength = iota
	dimMass
	dimTime
	dimCurrent
	dimTemperature
	dimAmount
	dimLuminosity
)

// Common dimensions.
var (
	Dimensionless = Dim{}
	Time          = Dim{dimTime: 2}
	Voltage       = Dim{dimLength: 4, dimMass: 2, dimTime: -6, dimCurrent: -2}
	Current       = Dim{dimCurrent: 2}
	Conductance   = Dim{dimLength: -4, dimMass: -2, dimTime: 6, dimCurrent: 4}
	Capacitance   = Dim{dimLength: -4, dimMass: -2, dimTime: 8, dimCurrent: 4}
	Resistance    = Dim{dimLength: 4, dimMass: 2, dimTime: -6, dimCurrent: -4}
	Frequency     = Dim{dimTime: -2}
	Length        = Dim{dimLength: 2}
	// Noise is the dimension of white noise xi: 1/sqrt(second).
	Noise = Dim{dimTime: -1}
)

// Mul returns the dimension of a product.
func (d Dim) Mul(e Dim) Dim {
	for i := range d {
		d[i] += e[i]
	}
	return d
}

// Div returns the dimension of a quotient.
func (d Dim) Div(e Dim) Dim {
	for i := range d {
		d[i] -= e[i]
	}
	return d
}

// Pow returns d raised to the power p, and false if the result has an
// exponent that is not a multiple of 1/2.
func (d Dim) Pow(p float64) (Dim, bool) {
	var out Dim
	for i, x := range d {
		y := float64(x) * p
		if y != math.Trunc(y) || math.Abs(y) > 127 {
			return d, false
		}
		out[i] = int8(y)
	}
	return out, true
}

// IsDimensionless reports whether d is dimensionless.
func (d Dim) IsDimensionless() bool { return d == Dim{} }

// engineExp10 is the decimal exponent of the size in SI units of the
// engine's unit of each base dimension: micrometre, 1e-9 kg, millisecond,
// nanoampere and SI for the rest. Together they make ms, mV, nA, uS, nF
// and MOhm the engine's units (see the package documentation).
var engineExp10 = [7]int{-6, -9, -3, -9, 0, 0, 0}

// exp10 returns twice the decimal exponent of the engine's unit of d.
func (d Dim) exp10() int {
	e := 0
	for i, x := range d {
		e += int(x) * engineExp10[i]
	}
	return e
}

// EngineScale returns the size in SI units of the engine's unit of
// dimension d (1e-3 for time: the engine's unit of time is the ms).
func (d Dim) EngineScale() float64 { return pow10half(d.exp10()) }

// pow10half returns 10^(e/2), exactly rounded for even e.
func pow10half(e int) float64 {
	if e%2 == 0 {
		return math.Pow10(e / 2)
	}
	return math.Pow(10, float64(e)/2)
}

// named are the engine units used to name dimensions in messages, tried
// in this order, alone or times a power of ms.
var named = []struct {
	name string
	dim  Dim
}{
	{"mV", Voltage}, {"nA", Current}, {"uS", Conductance}, {"nF", Capacitance},
	{"MOhm", Resistance}, {"um", Length}, {"um^2", Length.Mul(Length)},
	{"uS/um^2", Conductance.Div(Length.Mul(Length))}, {"nF/um^2", Capacitance.Div(Length.Mul(Length))},
	{"nA/um^2", Current.Div(Length.Mul(Length))},
}

// String names d in engine units, e.g. "mV/ms", "nA", "1", "1/ms^0.5";
// dimensions that are no named unit times a power of ms are spelled in SI
// base units.
func (d Dim) String() string {
	if d.IsDimensionless() {
		return "1"
	}
	if s, ok := timeForm("", d); ok {
		return s
	}
	for _, n := range named {
		if d == n.dim {
			return n.name
		}
	}
	for _, n := range named {
		if s, ok := timeForm(n.name, d.Div(n.dim)); ok {
			return s
		}
		if r := d.Mul(n.dim); r.onlyTime() {
			e := float64(r[dimTime]) / 2
			switch {
			case e == 0:
				return "1/" + n.name
			case e > 0:
				return power("ms", e) + "/" + n.name
			default:
				return "1/(" + n.name + "*" + power("ms", -e) + ")"
			}
		}
	}
	for _, a := range named[:5] {
		for _, b := range named[:5] {
			if a.name > b.name {
				continue
			}
			if s, ok := timeForm(a.name+"*"+b.name, d.Div(a.dim).Div(b.dim)); ok {
				return s
			}
		}
	}
	var num, den []string
	for i, x := range d {
		if x == 0 {
			continue
		}
		base := []string{"m", "kg", "s", "A", "K", "mol", "cd"}[i]
		e := float64(x) / 2
		if e < 0 {
			den = append(den, power(base, -e))
		} else {
			num = append(num, power(base, e))
		}
	}
	s := strings.Join(num, "*")
	if s == "" {
		s = "1"
	}
	if len(den) > 0 {
		s += "/" + strings.Join(den, "/")
	}
	return s
}

// onlyTime reports whether d is a power of time.
func (d Dim) onlyTime() bool {
	d[dimTime] = 0
	return d.IsDimensionless()
}

// timeForm spells name*ms^k if rest is a pure power k of time.
func timeForm(name string, rest Dim) (string, bool) {
	t := rest[dimTime]
	rest[dimTime] = 0
	if !rest.IsDimensionless() {
		return "", false
	}
	e := float64(t) / 2
	switch {
	case e == 0:
		return name, name != ""
	case e > 0:
		if name == "" {
			return power("ms", e), true
		}
		return name + "*" + power("ms", e), true
	default:
		if name == "" {
			name = "1"
		}
		return name + "/" + power("ms", -e), true
	}
}

func power(base string, e float64) string {
	if e == 1 {
		return base
	}
	return fmt.Sprintf("%s^%g", base, e)
}

// Unit is a named unit: its dimension and its size in SI units, 10^Exp10.
type Unit struct {
	Dim   Dim
	Exp10 int
}

// SI returns the size of u in SI units.
func (u Unit) SI() float64 { return math.Pow10(u.Exp10) }

// Engine returns the size of u in engine units, e.g. 1 for ms, 1e-3 for
// Hz (the engine's unit of frequency is 1/ms), computed exactly from the
// decimal exponents.
func (u Unit) Engine() float64 { return pow10half(2*u.Exp10 - u.Dim.exp10()) }

// prefixes are the SI prefixes that units accept.
var prefixes = map[string]int{"p": -12, "n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9}

// units maps every unit name to its unit; built once by buildUnits (it is
// read-only afterwards).
var units = buildUnits()

func buildUnits() map[string]Unit {
	base := []struct {
		names []string
		dim   Dim
	}{
		{[]string{"s", "second"}, Time},
		{[]string{"V", "volt"}, Voltage},
		{[]string{"A", "amp", "ampere"}, Current},
		{[]string{"S", "siemens"}, Conductance},
		{[]string{"F", "farad"}, Capacitance},
		{[]string{"Ohm", "ohm"}, Resistance},
		{[]string{"Hz", "hertz"}, Frequency},
		{[]string{"metre", "meter"}, Length},
	}
	out := map[string]Unit{}
	for _, b := range base {
		for _, n := range b.names {
			out[n] = Unit{b.dim, 0}
			for p, f := range prefixes {
				out[p+n] = Unit{b.dim, f}
			}
		}
	}
	// Lengths: "m" is the metre, so its prefixed forms are spelled out.
	out["m"] = Unit{Length, 0}
	for _, l := range []struct {
		n string
		f int
	}{{"cm", -2}, {"mm", -3}, {"um", -6}, {"nm", -9}, {"km", 3}, {"cmetre", -2}, {"cmeter", -2}} {
		out[l.n] = Unit{Length, l.f}
	}
	for p, f := range prefixes {
		out[p+"Ohm"] = Unit{Resistance, f}
	}
	return out
}

// LookupUnit returns the unit with the given name ("ms", "mV", "nS",
// "MOhm", "kHz", "msecond", "um", ...).
func LookupUnit(name string) (Unit, bool) {
	u, ok := units[name]
	return u, ok
}

// Quantity is a value in engine units with its dimension.
type Quantity struct {
	Value float64
	Dim   Dim
}

// String renders q in engine units, e.g. "20 ms".
func (q Quantity) String() string {
	if q.Dim.IsDimensionless() {
		return fmt.Sprint(q.Value)
	}
	return fmt.Sprintf("%g %s", q.Value, q.Dim)
}

var leadingNumber = regexp.MustCompile(`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`)

// ParseQuantity parses a value with an optional unit: "20 ms", "-70 mV",
// "0.5 nA", "10 nS", "100 MOhm", "4/ms", "0.04/mV/ms", "2*mV", or a plain
// number, which is in engine units and dimensionless. Any constant
// expression of numbers and units is accepted ("(13 + 2)*mV"). The value
// returned is in engine units.
func ParseQuantity(s string) (Quantity, error) {
	src, at := s, -1
	if m := leadingNumber.FindStringIndex(s); m != nil {
		rest := strings.TrimSpace(s[m[1]:])
		if rest != "" && (isLetter(rest[0]) || rest[0] == '(') {
			src, at = s[:m[1]]+"*"+s[m[1]:], m[1]
		}
	}
	e, err := ParseExpr(src)
	var q Quantity
	if err == nil {
		q, err = constQuantity(e, src)
	}
	if err != nil {
		// Offsets into s, not into src with its inserted "*".
		if pe, ok := err.(*Error); ok && at >= 0 {
			if pe.Off > at {
				pe.Off--
			}
			pe.Line, pe.Col = LineCol(s, pe.Off)
		}
		return Quantity{}, err
	}
	return q, nil
}

// ParseUnit parses a unit expression such as "mV", "1", "1/ms", "nA/ms",
// "um**2" and returns its dimension and size in engine units.
func ParseUnit(s string) (Dim, float64, error) {
	e, err := ParseExpr(s)
	if err != nil {
		return Dim{}, 0, err
	}
	q, err := constQuantity(e, s)
	if err != nil {
		return Dim{}, 0, err
	}
	return q.Dim, q.Value, nil
}

func isLetter(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
