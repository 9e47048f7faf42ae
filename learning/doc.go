// Package learning holds the plasticity rules of synapse edges.
//
// A Rule is attached to one edge (synapses.Synapse.Rule). In each step of a
// run in train mode, after every population has advanced and emitted its
// spikes and the dopamine signal has been updated, the network calls the
// rule's Update with a Context (the step, dt, the target's spikes, the
// dopamine level and reward); the rule changes weights through the Edge.
// Rules run only while the network is in train mode, the target
// population's Learning flag is on (the seed's "learning") and the rule's
// own Learning switch is on.
//
// Presynaptic spikes count when they arrive (Edge.Arrivals), so delays are
// respected. The built-in rules keep event-driven traces: one presynaptic
// trace per synapse, driven by arrivals, and one postsynaptic trace per
// target neuron, each decayed exactly and lazily when read. A pre arrival
// and a post spike in the same step count as pre before post, as in
// Brian2.
//
// Every built-in rule embeds Base: learning rates lr = [ltd, ltp] in the
// seed's order, hard (clip) or soft (weight-dependent) bounds, weight decay
// per ms (independent of dt) and periodic normalisation.
//
// Rules: noop (decay and normalisation only), stdp (pair STDP), rstdp
// (reward-modulated STDP with an eligibility trace). See each type's
// documentation for its equations, parameters and defaults.
//
// Write your own rule by implementing Rule (see Edge for what it may read
// and write) and register it in a Registry: the network language then knows
// it by its Kind.
package learning
