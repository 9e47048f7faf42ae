// Package learning defines how plasticity rules plug into synapse edges.
//
// A Rule is attached to one edge (synapses.Synapse.Rule). In each step of a
// run in train mode, after every population has advanced and emitted its
// spikes, the network calls the rule's Update with a Context holding the
// step's pre- and postsynaptic spikes and traces and the dopamine level; the
// rule changes weights through the Edge it was given. Rules run only while
// the network is in train mode and the target population's Learning flag is
// on (the seed's "learning").
//
// The concrete rules of the seed (STDP, Flat-STDP, R-STDP, MSTDP, triplet
// STDP, ...) are not implemented yet: this package fixes only the contract.
package learning
