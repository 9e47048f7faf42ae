package equations_test

import (
	"math/rand/v2"
	"testing"

	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/graph"
)

// Equation models tell the runner their cost and whether their chunks may
// be split.
var (
	_ graph.StepCoster   = (*equations.Model)(nil)
	_ graph.RangeStepper = (*equations.Model)(nil)
)

func TestStepCostAndDraws(t *testing.T) {
	lif := equivalents[0].spec
	lif.Method = "exact"
	noisy := equations.Spec{Name: "noisy", Equations: "dv/dt = -v/(10*ms) + mV*xi/ms**0.5 : mV", Threshold: "v > 10*mV", Method: "euler"}
	randReset := equations.Spec{Name: "rr", Equations: "dv/dt = -v/(10*ms) + I*MOhm/ms : mV", Threshold: "v > 10*mV", Reset: "v = rand()*mV", Method: "euler"}
	tests := []struct {
		name         string
		spec         equations.Spec
		minCost      float64
		maxCost      float64
		drawsNothing bool
	}{
		{"Hodgkin-Huxley", cobahh, 10, 40, true},
		{"fused LIF", lif, 2, 2, true},
		{"white noise", noisy, 2, 20, false},
		{"rand() in the reset", randReset, 1, 10, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := equations.Compile(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			m := d.New()
			if err := m.Init(10, 0.1, rand.New(rand.NewPCG(1, 1))); err != nil {
				t.Fatal(err)
			}
			if c := m.StepCost(); c < tt.minCost || c > tt.maxCost {
				t.Errorf("StepCost() = %v ns, want %v to %v", c, tt.minCost, tt.maxCost)
			}
			if got := m.StepDrawsNothing(); got != tt.drawsNothing {
				t.Errorf("StepDrawsNothing() = %v, want %v", got, tt.drawsNothing)
			}
		})
	}
}
