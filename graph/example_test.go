package graph_test

import (
	"context"
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// A Poisson input drives an excitatory LIF population, which drives an
// inhibitory one through a zero-delay synapse; the inhibitory population
// feeds back with the default one-step delay. The zero-delay edge puts the
// inhibitory population in a stage after the excitatory one.
func ExampleNetwork() {
	net := graph.New(42)
	input := neurons.New("input", 100, neurons.NewPoisson(20))
	exc := neurons.New("exc", 80, neurons.NewLIF())
	inh := neurons.New("inh", 20, neurons.NewLIF())
	inh.IsInhibitory = true
	net.AddPopulation(input, exc, inh)

	inputExc := synapses.New("input_exc", input, exc)
	inputExc.Connect = synapses.Random{P: 0.1}
	excInh := synapses.New("exc_inh", exc, inh)
	excInh.Delay = dist.Const(0)
	net.AddSynapse(inputExc, excInh, synapses.New("inh_exc", inh, exc))

	sim, err := net.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sim.Stages())
	// Output: [[input exc] [inh]]
}

// A LIF neuron under a constant current I, integrated exactly, reaches
// threshold after T = tau_m*ln(R*I/(R*I - (threshold - rest_pot))), then
// stays refractory for refrac_length: in a run of length L it spikes
// floor((L - T)/(T + refrac_length)) + 1 times.
func ExampleSim_Run() {
	net := graph.New(1)
	lif := neurons.NewLIF() // threshold -52, rest -62, tau_m 10, R 20, refractory 5 ms
	lif.Method = neurons.Exact
	cell := neurons.New("cell", 1, lif)
	net.AddPopulation(cell)
	net.AddStimulus(&graph.Current{Pop: cell, Amp: neurons.Param{1}}) // R*I = 20 mV
	sim, err := net.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := sim.Run(context.Background(), 100); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("spikes in 100 ms:", sim.Stats().Spikes["cell"])

	const L, tauM, rI, gap, refrac = 100.0, 10.0, 20.0, 10.0, 5.0
	T := tauM * math.Log(rI/(rI-gap))
	fmt.Println("closed form:", math.Floor((L-T)/(T+refrac))+1)
	// Output:
	// spikes in 100 ms: 8
	// closed form: 8
}
