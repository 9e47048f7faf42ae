package equations_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/synapticflow/synapticflow-go/equations"
)

var adex = equations.Spec{
	Name: "adex",
	Equations: `
dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) - R*w + R*I) / tau_m : mV (unless refractory)
dw/dt = (a*(v - E_L) - w) / tau_w : nA
`,
	Threshold:  "v > V_T + 5*delta_T",
	Reset:      "v = V_r; w += b",
	Refractory: "2 ms",
	Method:     "auto",
	Params: map[string]string{"tau_m": "20 ms", "E_L": "-70 mV", "V_T": "-50 mV", "delta_T": "2 mV",
		"R": "100 MOhm", "tau_w": "100 ms", "a": "0.002 uS", "b": "0.05 nA", "V_r": "-58 mV"},
}

// TestErrors checks each error of a spec: the string it is in, the message
// and the exact range of the offending term.
func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(s *equations.Spec)
		field string
		msg   string
		term  string // the text of the error's range, if it has one
		line  int
	}{
		{"term dimension", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "- R*w", "- a*w", 1)
		}, "equations", `dv/dt: term "a*w" has dimension`, "a*w", 2},
		{"term dimension message", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "- R*w", "- w", 1)
		}, "equations", `dv/dt: term "w" has dimension nA/ms, expected mV/ms`, "w", 2},
		{"rhs dimension", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "/ tau_w : nA", "* tau_w : nA", 1)
		}, "equations", `dw/dt: right-hand side`, "(a*(v - E_L) - w) * tau_w", 3},
		{"undefined name", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "/ tau_m", "/ tau_n", 1)
		}, "equations", `undefined name "tau_n" (did you mean "tau_m"?)`, "tau_n", 2},
		{"defined twice", func(s *equations.Spec) {
			s.Equations += "dw/dt = -w/tau_w : nA\n"
		}, "equations", `"w" is defined twice (first by "dw/dt = (a*(v - E_L) - w) / tau_w")`, "dw/dt", 4},
		{"cycle", func(s *equations.Spec) {
			s.Equations += "x = y + 1 : 1\ny = 2*x : 1\n"
		}, "equations", "cycle: x -> y -> x", "x", 4},
		{"exact on nonlinear", func(s *equations.Spec) { s.Method = "exact" }, "method",
			`method "exact" needs equations linear in the state variables with constant coefficients: dv/dt = `, "", 0},
		{"exponential euler on nonlinear", func(s *equations.Spec) { s.Method = "exponential_euler" }, "method",
			"not linear in v", "", 0},
		{"unknown method", func(s *equations.Spec) { s.Method = "rk5" }, "method", `unknown method "rk5"`, "", 0},
		{"threshold not a condition", func(s *equations.Spec) { s.Threshold = "v + 5*mV" }, "threshold",
			`"v + 5*mV" is a number of dimension mV`, "v + 5*mV", 1},
		{"threshold dimension", func(s *equations.Spec) { s.Threshold = "v > V_T + 5*tau_m" }, "threshold",
			`term "5*tau_m" has dimension ms, expected mV`, "5*tau_m", 1},
		{"reset dimension", func(s *equations.Spec) { s.Reset = "v = V_r; w += 2*mV" }, "reset",
			`reset w +=: "2*mV" has dimension mV, expected nA`, "2*mV", 1},
		{"reset unknown variable", func(s *equations.Spec) { s.Reset = "v = V_r; ww += b" }, "reset",
			`"ww" is not a state variable (did you mean "w"?)`, "ww", 1},
		{"parameter dimension", func(s *equations.Spec) {
			s.Equations += "tau_w : ms\n"
			s.Params["tau_w"] = "100 mV"
		}, "parameters", "declared in ms in the equations", "", 0},
		{"bad parameter unit", func(s *equations.Spec) { s.Params["tau_w"] = "100 mss" }, "parameters", `unknown unit "mss"`, "mss", 1},
		{"unknown unit", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, ": nA", ": nAA", 1)
		}, "equations", `unknown unit "nAA" (did you mean "nA"?)`, "nAA", 3},
		{"function argument", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "exp((v - V_T)/delta_T)", "exp(v - V_T)", 1)
		}, "equations", `dv/dt: argument "v - V_T" of exp has dimension mV, expected 1`, "v - V_T", 2},
		{"syntax", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "/ tau_w :", "/ :", 1)
		}, "equations", "expected a number, a name or \"(\", found end of expression", "", 3},
		{"noise outside a differential equation", func(s *equations.Spec) { s.Threshold = "v > V_T + xi*mV*ms**0.5" }, "threshold",
			"white noise xi is only allowed in differential equations", "xi", 1},
		{"missing threshold", func(s *equations.Spec) { s.Threshold = "" }, "threshold", "missing", "", 0},
		{"refractory dimension", func(s *equations.Spec) { s.Refractory = "2 mV" }, "refractory", `"2 mV" has dimension mV, expected a duration`, "", 0},
		{"refractory uses state", func(s *equations.Spec) { s.Refractory = "tau_m + v/mV*ms" }, "refractory", "may depend only on parameters", "", 0},
		{"unknown flag", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, "unless refractory", "unles refractory", 1)
		}, "equations", `unknown flag "unles refractory"`, "unles refractory", 2},
		{"unit as variable", func(s *equations.Spec) { s.Equations += "dmV/dt = -mV/ms : mV\n" }, "equations", `"mV" is a unit`, "dmV/dt", 4},
		{"input defined", func(s *equations.Spec) { s.Equations += "I = 2*nA : nA\n" }, "equations", "is the model's input", "I", 4},
		{"state as parameter", func(s *equations.Spec) { s.Params["w"] = "1 nA" }, "parameters", "w is a state variable", "", 0},
		{"init of unknown", func(s *equations.Spec) { s.Init = map[string]string{"vv": "-70 mV"} }, "init", `"vv" is not a state variable (did you mean "v"?)`, "", 0},
		{"init dimension", func(s *equations.Spec) { s.Init = map[string]string{"v": "-70 nA"} }, "init", "has dimension nA, but v is in mV", "", 0},
		{"multiplicative noise with euler", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, ": nA", "+ w*xi*ms**0.5/ms : nA", 1)
			s.Method = "euler"
		}, "method", "needs additive noise", "", 0},
		{"exact with noise", func(s *equations.Spec) {
			s.Equations = strings.Replace(s.Equations, ": nA", "+ nA*xi/ms**0.5 : nA", 1)
			s.Method = "exact"
		}, "method", "stochastic (xi)", "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := adex
			s.Params = maps.Clone(adex.Params)
			c.edit(&s)
			_, err := equations.Compile(s)
			if err == nil {
				t.Fatal("no error")
			}
			var errs equations.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error %T %v, want Errors", err, err)
			}
			e := errs[0]
			if e.Field != c.field || !strings.Contains(e.Error(), c.msg) {
				t.Fatalf("error %q in %s, want %q in %s", e.Error(), e.Field, c.msg, c.field)
			}
			if c.line == 0 {
				return
			}
			if e.Err == nil {
				t.Fatalf("error %q has no range", e.Error())
			}
			srcs := map[string]string{"equations": s.Equations, "threshold": s.Threshold, "reset": s.Reset, "refractory": s.Refractory}
			src := srcs[e.Field]
			if e.Field == "parameters" {
				src = s.Params[e.Key]
			}
			if c.term != "" {
				if got := src[e.Err.Off : e.Err.Off+e.Err.Len]; got != c.term {
					t.Errorf("range %q, want %q", got, c.term)
				}
			}
			if e.Err.Line != c.line {
				t.Errorf("line %d, want %d", e.Err.Line, c.line)
			}
			if l, col := equations.LineCol(src, e.Err.Off); l != e.Err.Line || col != e.Err.Col {
				t.Errorf("line:col %d:%d, LineCol says %d:%d", e.Err.Line, e.Err.Col, l, col)
			}
		})
	}
}

func TestAdexCompiles(t *testing.T) {
	d, err := equations.Compile(adex)
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != "rk4" {
		t.Errorf("auto chose %q for AdEx, want rk4", d.Method)
	}
	if p, _ := d.Param("R"); p.Default != 100 || p.Dim != equations.Resistance {
		t.Errorf("R = %v", p)
	}
	if p, _ := d.Param("a"); p.Default != 0.002 {
		t.Errorf("a = %v", p)
	}
}
