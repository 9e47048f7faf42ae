package equations_test

import (
	"errors"
	"math"
	"testing"

	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestFaultFound checks that a state variable of an equation model that
// becomes infinite, in one neuron of a chunk past the first vector of
// eight, is reported by the population with its neuron and variable
// (StepCheck reports the chunk suspect).
func TestFaultFound(t *testing.T) {
	d, err := equations.Compile(equations.Spec{
		Name:      "blowup",
		Equations: "dv/dt = v*I/(nA*ms) : mV\ndw/dt = -w/ms : 1",
		Threshold: "v > 1e308*mV",
		Method:    "euler",
		Init:      map[string]string{"v": "1 mV"},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := neurons.New("pop", 40, d.New())
	if err := p.Init(0.1, 1, 0); err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 40)
	x[29] = 1e4 // v grows by 1e3 per step: overflows after ~103 steps
	for k := range 200 {
		err = p.Step(p.Chunk(0, k), x)
		if err != nil {
			break
		}
	}
	var fe *neurons.FaultError
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a FaultError", err)
	}
	if fe.Neuron != 29 || fe.Var != "v" || !math.IsInf(fe.Value, 0) && !math.IsNaN(fe.Value) {
		t.Errorf("fault %+v, want neuron 29, v non-finite", fe)
	}
}
