// Package brunel builds the sparsely connected network of excitatory and
// inhibitory integrate-and-fire neurons of Brunel (2000), "Dynamics of
// sparsely connected networks of excitatory and inhibitory spiking
// neurons", J. Comput. Neurosci. 8:183-208, in the form of Brian2's
// example frompapers/Brunel_2000.py (figure 8B: g = 6, nu_ext/nu_thr = 4):
// 10 000 LIF neurons (8000 excitatory, 2000 inhibitory) connected with
// probability 0.1 (about 10^7 synapses), every spike a jump of the
// target's membrane potential (J = 0.1 mV excitatory, -g*J inhibitory)
// 1.5 ms after the spike, and a Poisson background of 1000 sources of
// 40 Hz per neuron (poisson_input, Brian2's PoissonInput) whose spikes
// are jumps of J.
package brunel

import (
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// The parameters: times in ms, potentials in mV, rates in Hz.
const (
	// NExc and NInh are the sizes of the excitatory and inhibitory
	// populations; N is their sum.
	NExc, NInh, N = 8000, 2000, 10000
	// P is the connection probability of every ordered pair (epsilon).
	P = 0.1
	// J is the excitatory weight, G the relative strength of inhibition
	// (inhibitory weight -G*J).
	J, G = 0.1, 6.0
	// Delay is the transmission delay of every synapse.
	Delay = 1.5
	// TauM, Threshold, Reset and Refractory are the membrane time
	// constant, the threshold, the reset potential and the refractory
	// period; rest is 0.
	TauM, Threshold, Reset, Refractory = 20.0, 20.0, 10.0, 2.0
	// CExt and RateExt are the number of external Poisson sources per
	// neuron and their rate (nu_ext = 4 nu_thr, nu_thr = theta/(J CExt
	// tau) = 10 Hz).
	CExt, RateExt = 1000, 40.0
	// Dt is the time step.
	Dt = 0.1
)

// Build returns the Brunel network, not yet compiled, with time step Dt,
// the given master seed and Workers 0 (all cores). The populations are
// named "exc" and "inh", the edges "ee", "ei", "ie" and "ii" (source then
// target), the background stimuli "bg_exc" and "bg_inh". Autapses are left
// out. Initial potentials are 0 (Brian2's default).
func Build(seed uint64) *graph.Network {
	net := graph.New(seed)
	net.Dt = Dt
	exc := neurons.New("exc", NExc, lif())
	inh := neurons.New("inh", NInh, lif())
	inh.IsInhibitory = true
	net.AddPopulation(exc, inh)
	for _, pre := range []*neurons.Population{exc, inh} {
		w := J
		if pre.IsInhibitory {
			w = G * J
		}
		for _, post := range []*neurons.Population{exc, inh} {
			e := synapses.New(pre.Name[:1]+post.Name[:1], pre, post)
			e.Connect = synapses.Random{P: P}
			e.Weight = dist.Const(w)
			e.Delay = dist.Const(Delay)
			e.Kernel = &synapses.Delta{}
			net.AddSynapse(e)
		}
	}
	for _, p := range []*neurons.Population{exc, inh} {
		net.AddStimulus(&graph.PoissonInput{Pop: p, Name: "bg_" + p.Name, N: CExt, Rate: RateExt, Weight: J})
	}
	return net
}

func lif() *neurons.LIF {
	m := neurons.NewLIF()
	m.Threshold = neurons.Param{Threshold}
	m.RestPot = neurons.Param{0}
	m.ResetPot = neurons.Param{Reset}
	m.RefracLength = neurons.Param{Refractory}
	m.TauM = neurons.Param{TauM}
	m.R = neurons.Param{1}
	m.VInit = dist.Const(0)
	m.Method = neurons.Exact
	m.SpikeTrace = false
	return m
}
