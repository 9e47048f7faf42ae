package equations

import (
	"math"
	"testing"
)

func TestParseQuantity(t *testing.T) {
	for _, c := range []struct {
		in  string
		val float64
		dim Dim
	}{
		{"20 ms", 20, Time},
		{"0.5 nA", 0.5, Current},
		{"10 nS", 0.01, Conductance},
		{"100 MOhm", 100, Resistance},
		{"-70 mV", -70, Voltage},
		{"4/ms", 4, Frequency},
		{"10 Hz", 0.01, Frequency},
		{"2 kHz", 2, Frequency},
		{"1 s", 1000, Time},
		{"200 pF", 0.2, Capacitance},
		{"1 uF", 1000, Capacitance},
		{"1 GOhm", 1000, Resistance},
		{"0.002 uS", 0.002, Conductance},
		{"3", 3, Dimensionless},
		{"1e-3 V", 1, Voltage},
		{"2*mV", 2, Voltage},
		{"0.04/mV/ms", 0.04, Frequency.Div(Voltage)},
		{"1 msiemens/cm**2", 1e-5, Conductance.Div(Length.Mul(Length))},
		{"20000 um**2", 20000, Length.Mul(Length)},
	} {
		q, err := ParseQuantity(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if math.Abs(q.Value-c.val) > 1e-12*math.Abs(c.val) || q.Dim != c.dim {
			t.Errorf("%q = %v (%v), want %v %v", c.in, q.Value, q.Dim, c.val, c.dim)
		}
	}
	for _, bad := range []string{"20 mss", "1 mV + 1 ms", "", "2 mV mV"} {
		if _, err := ParseQuantity(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := ParseQuantity("20 mS"); err != nil {
		t.Error(err)
	}
	_, err := ParseQuantity("20 mv")
	if err == nil || !contains(err.Error(), `did you mean "mV"`) {
		t.Errorf("20 mv: %v", err)
	}
}

// TestCoherent checks that the engine units are coherent: products and
// quotients of values in engine units are in the engine unit of their
// dimension.
func TestCoherent(t *testing.T) {
	q := func(s string) Quantity {
		x, err := ParseQuantity(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, c := range []struct {
		a, b, want string
		op         byte
	}{
		{"1 mV", "1 MOhm", "1 nA", '/'},
		{"1 nA", "1 MOhm", "1 mV", '*'},
		{"1 uS", "1 mV", "1 nA", '*'},
		{"1 nF", "1 MOhm", "1 ms", '*'},
		{"1 nA", "1 nF", "1 mV/ms", '/'},
		{"1 uS", "1 nF", "1/ms", '/'},
		{"1 ms", "1 kHz", "1", '*'},
	} {
		a, b, w := q(c.a), q(c.b), q(c.want)
		var v float64
		var d Dim
		if c.op == '*' {
			v, d = a.Value*b.Value, a.Dim.Mul(b.Dim)
		} else {
			v, d = a.Value/b.Value, a.Dim.Div(b.Dim)
		}
		if v != 1 || w.Value != 1 || d != w.Dim {
			t.Errorf("%s %c %s = %v %v, want %v %v", c.a, c.op, c.b, v, d, w.Value, w.Dim)
		}
	}
}

func TestDimString(t *testing.T) {
	for _, c := range []struct {
		d    Dim
		want string
	}{
		{Voltage, "mV"},
		{Voltage.Div(Time), "mV/ms"},
		{Current, "nA"},
		{Voltage.Mul(Time), "mV*ms"},
		{Frequency, "1/ms"},
		{Dimensionless, "1"},
		{Noise, "1/ms^0.5"},
		{Dimensionless.Div(Voltage), "1/mV"},
		{Conductance.Div(Length.Mul(Length)), "uS/um^2"},
		{Dim{dimTemperature: 2}, "K"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%v: %q, want %q", c.d, got, c.want)
		}
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub))
}

// TestExprel checks exprel against its series near 0 and the direct form
// elsewhere.
func TestExprel(t *testing.T) {
	for _, x := range []float64{0, 1e-300, -1e-12, 1e-8, 0.3, 0.5, 0.50001, -0.7, 2, 20, -40, 700} {
		want := 1 + x/2 + x*x/6 + x*x*x/24 + x*x*x*x/120
		if math.Abs(x) > 0.01 {
			want = math.Expm1(x) / x
		}
		if x == 0 {
			want = 1
		}
		if got := exprel(x); math.Abs(got-want) > 4e-16*math.Abs(want) {
			t.Errorf("exprel(%g) = %.17g, want %.17g", x, got, want)
		}
	}
}

func TestDimStringNamesCapacitance(t *testing.T) {
	if got := Capacitance.String(); got != "nF" {
		t.Errorf("capacitance is %q, want nF", got)
	}
}
