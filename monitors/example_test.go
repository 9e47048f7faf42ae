package monitors_test

import (
	"context"
	"fmt"
	"log"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// Record the spikes of three LIF neurons driven by constant currents: the
// drives R*I = 20 and 15 mV cross the 10 mV gap to threshold, 8 mV does
// not.
func ExampleSpikeMonitor() {
	pop := neurons.New("lif", 3, neurons.NewLIF())
	spikes := monitors.NewSpikeMonitor("spikes", pop)

	net := graph.New(1) // dt 0.1 ms
	net.AddPopulation(pop)
	net.AddStimulus(&graph.Current{Pop: pop, Amp: neurons.Param{1, 0.75, 0.4}})
	net.AddMonitor(spikes)
	sim, err := net.Compile()
	if err != nil {
		log.Fatal(err)
	}
	if err := sim.Run(context.Background(), 30); err != nil {
		log.Fatal(err)
	}

	for _, s := range spikes.Spikes()[:2] {
		fmt.Printf("t = %g ms: neuron %d\n", s.Time, s.Neuron)
	}
	for i, train := range spikes.Trains() {
		fmt.Printf("neuron %d: %v ms\n", i, train)
	}
	// Output:
	// t = 6.8 ms: neuron 0
	// t = 10.9 ms: neuron 1
	// neuron 0: [6.8 18.7] ms
	// neuron 1: [10.9 26.9] ms
	// neuron 2: [] ms
}

// Record the membrane potential of one LIF neuron every 2 ms. After step k
// (Euler, from rest) v = -62 + 8*(1 - 0.99^(k+1)) mV.
func ExampleStateMonitor() {
	pop := neurons.New("lif", 1, neurons.NewLIF())
	v := monitors.NewStateMonitor("v", pop, "v")
	v.Every = 20 // steps of 0.1 ms

	net := graph.New(1)
	net.AddPopulation(pop)
	net.AddStimulus(&graph.Current{Pop: pop, Amp: neurons.Param{0.4}})
	net.AddMonitor(v)
	sim, err := net.Compile()
	if err != nil {
		log.Fatal(err)
	}
	if err := sim.Run(context.Background(), 10); err != nil {
		log.Fatal(err)
	}

	m := v.Get("v") // one row per record, one column per neuron
	for j, t := range v.Times() {
		fmt.Printf("t = %g ms: v = %.3f mV\n", t, m.At(j, 0))
	}
	// Output:
	// t = 0 ms: v = -61.920 mV
	// t = 2 ms: v = -60.478 mV
	// t = 4 ms: v = -59.298 mV
	// t = 6 ms: v = -58.333 mV
	// t = 8 ms: v = -57.544 mV
}
