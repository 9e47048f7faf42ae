// Package cuba builds the CUBA benchmark network of Brette et al. (2007),
// "Simulation of networks of spiking neurons: a review of tools and
// strategies", J. Comput. Neurosci. 23:349-398, benchmark 2, in the form
// of Brian2's CUBA example (examples/CUBA.py): 4000 leaky
// integrate-and-fire neurons (3200 excitatory, 800 inhibitory) randomly
// connected with probability 0.02, with exponentially decaying synaptic
// currents.
//
// The membrane equation is
//
//	tau_m dv/dt = -(v - rest) + ge + gi
//
// with ge and gi the exponentially decaying currents of the excitatory
// (tau 5 ms) and inhibitory (tau 10 ms) synapses, expressed in mV (R = 1).
// A spike of an excitatory neuron makes ge of each of its targets jump by
// 1.62 mV, one of an inhibitory neuron makes gi jump by -9 mV, one step
// (0.1 ms) later.
package cuba

import (
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// The CUBA parameters: times in ms, potentials in mV.
const (
	// NExc and NInh are the sizes of the excitatory and inhibitory
	// populations; N is their sum.
	NExc, NInh, N = 3200, 800, 4000
	// P is the connection probability of every pair of neurons.
	P = 0.02
	// TauM is the membrane time constant, TauE and TauI the decay time
	// constants of the excitatory and inhibitory synaptic currents.
	TauM, TauE, TauI = 20.0, 5.0, 10.0
	// Threshold, Reset and Rest are the spike threshold, the reset
	// potential and the resting potential.
	Threshold, Reset, Rest = -50.0, -60.0, -49.0
	// Refractory is the refractory period.
	Refractory = 5.0
	// WE and WI are the magnitudes of the excitatory and inhibitory
	// weights: the jump of the synaptic current per spike.
	WE, WI = 1.62, 9.0
	// Dt is the time step.
	Dt = 0.1
)

// Build returns the CUBA network, not yet compiled, with time step Dt, the
// given master seed and Workers 0 (all cores); set Workers before
// compiling to change it. The populations are named "exc" and "inh", the
// edges "ee", "ei", "ie" and "ii" (source then target). Initial potentials
// are drawn uniformly in [Reset, Threshold), as in Brian2's example. The
// membrane is integrated exactly over each step (Brian2's method 'exact'),
// and no spike traces are kept.
func Build(seed uint64) *graph.Network { return build(seed, NExc, NInh) }

func build(seed uint64, nExc, nInh int) *graph.Network {
	net := graph.New(seed)
	net.Dt = Dt
	exc := neurons.New("exc", nExc, lif())
	inh := neurons.New("inh", nInh, lif())
	inh.IsInhibitory = true
	net.AddPopulation(exc, inh)
	for _, pre := range []*neurons.Population{exc, inh} {
		w, tau := WE, TauE
		if pre.IsInhibitory {
			w, tau = WI, TauI
		}
		for _, post := range []*neurons.Population{exc, inh} {
			e := synapses.New(pre.Name[:1]+post.Name[:1], pre, post)
			e.Connect = synapses.Random{P: P}
			e.Weight = dist.Const(w)
			e.Kernel = &synapses.Exponential{Tau: tau}
			net.AddSynapse(e)
		}
	}
	return net
}

func lif() *neurons.LIF {
	m := neurons.NewLIF()
	m.Threshold = neurons.Param{Threshold}
	m.RestPot = neurons.Param{Rest}
	m.ResetPot = neurons.Param{Reset}
	m.RefracLength = neurons.Param{Refractory}
	m.TauM = neurons.Param{TauM}
	m.R = neurons.Param{1}
	m.VInit = dist.Uniform{Min: Reset, Max: Threshold}
	m.Method = neurons.Exact
	m.SpikeTrace = false
	return m
}

// BuildN returns the CUBA network scaled to n neurons (n*4/5 excitatory,
// the rest inhibitory) with the connection probability P kept, so that it
// has about P*n^2 synapses (8*10^6 for n = 20 000); the weights are those
// of Build (the activity is not the same as CUBA 4000's). Build(seed) is
// BuildN(seed, N).
func BuildN(seed uint64, n int) *graph.Network {
	return build(seed, n*4/5, n-n*4/5)
}
