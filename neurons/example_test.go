package neurons_test

import (
	"fmt"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// ExampleNewLIF drives one LIF neuron with a constant current, without a
// network. With R*x = 20 mV the Euler potential reaches the threshold,
// 10 mV above rest, after ceil(ln(0.5)/ln(0.99)) = 69 steps of 0.1 ms;
// with the 50 refractory steps the neuron spikes every 119 steps, first in
// step 68, so 8 times in 100 ms (the closed form gives 1/(5 + 10*ln 2) ms,
// 83.8 Hz).
func ExampleNewLIF() {
	p := neurons.New("cell", 1, neurons.NewLIF())
	if err := p.Init(0.1, 1, 0); err != nil { // dt 0.1 ms, seed 1
		fmt.Println(err)
		return
	}
	x := []float64{1} // input current; R*x = 20 mV
	var first int
	for k := range 1000 { // 100 ms
		for c := range p.NumChunks() {
			if err := p.Step(p.Chunk(c, k), x); err != nil {
				fmt.Println(err)
				return
			}
		}
		p.Collect()
		if len(p.Fired) > 0 && p.Spikes == 1 {
			first = k
		}
	}
	fmt.Println("first spike in step", first)
	fmt.Println("spikes in 100 ms:", p.Spikes)
	// Output:
	// first spike in step 68
	// spikes in 100 ms: 8
}

// ExampleDescribe lists a few parameters of the LIF model with their units
// and defaults.
func ExampleDescribe() {
	for _, p := range neurons.Describe(neurons.NewLIF()) {
		switch p.Name {
		case "threshold", "tau_m", "refrac_length", "tau_s", "method":
			fmt.Printf("%-14s %-3s %-6s %s\n", p.Name, p.Unit, p.Default, p.Field)
		}
	}
	// Output:
	// threshold      mV  -52    Membrane.Threshold
	// refrac_length  ms  5      Membrane.RefracLength
	// tau_m          ms  10     Membrane.TauM
	// tau_s          ms  10     Trace.TauS
	// method             euler  Method
}
