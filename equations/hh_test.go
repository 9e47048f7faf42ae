package equations_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// cobahh is the neuron of Brian2's examples/COBAHH.py (Traub-Miles
// Hodgkin-Huxley) without its synapses, driven by the input I, written as
// in Brian2.
var cobahh = equations.Spec{
	Name: "hh",
	Equations: `
		dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
		dm/dt = alpha_m*(1-m)-beta_m*m : 1
		dn/dt = alpha_n*(1-n)-beta_n*n : 1
		dh/dt = alpha_h*(1-h)-beta_h*h : 1
		alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
		beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
		alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
		beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
		alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
		beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
	`,
	Threshold:  "v > -20*mV",
	Refractory: "v > -20*mV",
	Method:     "exponential_euler",
	Params: map[string]string{
		"Cm": "(1*ufarad*cm**-2) * 20000*umetre**2",
		"gl": "(5e-5*siemens*cm**-2) * 20000*umetre**2",
		"El": "-60 mV", "EK": "-90 mV", "ENa": "50 mV",
		"g_na": "(100*msiemens*cm**-2) * 20000*umetre**2",
		"g_kd": "(30*msiemens*cm**-2) * 20000*umetre**2",
		"VT":   "-63 mV",
	},
	Init: map[string]string{"v": "-65 mV", "m": "0.05", "h": "0.6", "n": "0.32"},
}

// TestHodgkinHuxleyBrian2 compares the spike times of the COBAHH neuron
// under constant currents with those Brian2 2.5.1 computes with the same
// method and dt (testdata/hh_brian2.py made testdata/hh_brian2.json).
func TestHodgkinHuxleyBrian2(t *testing.T) {
	raw, err := os.ReadFile("testdata/hh_brian2.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Dt       float64     `json:"dt_ms"`
		Duration float64     `json:"duration_ms"`
		Currents []float64   `json:"currents_nA"`
		Spikes   [][]float64 `json:"spike_times_ms"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	d, err := equations.Compile(cobahh)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := d.Param("Cm"); math.Abs(p.Default-0.2) > 1e-15 {
		t.Fatalf("Cm = %v nF, want 0.2", p.Default)
	}
	m := d.New()
	n := len(ref.Currents)
	if err := m.Init(n, ref.Dt, rand.New(rand.NewPCG(1, 1))); err != nil {
		t.Fatal(err)
	}
	s := make([]bool, n)
	got := make([][]float64, n)
	steps := int(math.Round(ref.Duration / ref.Dt))
	for k := range steps {
		m.Step(neurons.Chunk{Lo: 0, Hi: n, Step: k}, ref.Currents, s)
		for i, f := range s {
			if f {
				got[i] = append(got[i], float64(k)*ref.Dt)
			}
		}
	}
	total := 0
	for i := range n {
		if len(got[i]) != len(ref.Spikes[i]) {
			t.Errorf("I = %g nA: %d spikes, Brian2 %d (%v vs %v)", ref.Currents[i], len(got[i]), len(ref.Spikes[i]), got[i], ref.Spikes[i])
			continue
		}
		for j := range got[i] {
			if math.Abs(got[i][j]-ref.Spikes[i][j]) > ref.Dt/2 {
				t.Errorf("I = %g nA: spike %d at %g ms, Brian2 %g ms", ref.Currents[i], j, got[i][j], ref.Spikes[i][j])
			}
		}
		total += len(got[i])
	}
	if total == 0 {
		t.Error("no spikes")
	}
	t.Logf("%d spikes match Brian2's", total)
}

var _ = dist.Const(0)
