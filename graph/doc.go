// Package graph assembles populations, synapse edges, stimuli and monitors
// into a network and runs it.
//
// # Building a network
//
// A Network is built from Go in a few calls:
//
//	net := graph.New(seed)             // dt 0.1 ms
//	net.AddPopulation(input, exc, inh) // *neurons.Population
//	net.AddSynapse(inputExc, excInh)   // *synapses.Synapse
//	net.AddStimulus(&graph.Current{Pop: exc, Amp: neurons.Param{0.5}})
//	net.AddMonitor(mon)                // monitors.Monitor
//	sim, err := net.Compile()
//	err = sim.Run(ctx, 1000) // ms
//
// Compile checks everything, builds the synapses (topology, weights and
// delays) and schedules the step; it returns a Sim. Run advances the Sim
// by a duration in ms and RunSteps by a number of steps; Reset returns it
// to its initial state; SetTrain switches learning on and off; Stats
// counts steps, neuron updates, spikes and synaptic events.
//
// # The step
//
// Step k (time k*dt) does, in this order:
//
//  1. deliver: each population's input current x is the sum of what its
//     incoming synapses deliver for step k (spikes whose delay ends in
//     step k, through the edge's kernel) plus its stimuli;
//  2. advance: the population's neuron model takes one step with x, in
//     chunks of ChunkSize neurons, which run in parallel on up to Workers
//     goroutines when the stage has enough work to pay for it; clamps,
//     traces and fault checks follow. In such a stage each worker owns a
//     segment of every population for the whole run (owners.go): one
//     nth of the neurons of a population whose draws do not depend on the
//     order of its neurons (a built-in deterministic model, or an
//     equation model that draws nothing; no random stimulus, or a
//     poisson_input below mean 10, which finds each draw by its place in
//     its chunk's stream), whole chunks of the others;
//  3. emit: the population's spikes go into the delay buffers of its
//     outgoing synapses, to be delivered d steps later for a delay of d
//     steps. Each worker adds them into the part of an edge's target
//     neurons it owns, walking the spikes in the same order, so that a
//     neuron's state, input and buffer entries stay in one core's cache;
//     a population's spikes are emitted as soon as it has advanced, while
//     the workers still advance the stage's other populations;
//  4. learning: in train mode, the learning rule of every edge whose
//     target population has Learning set updates the weights;
//  5. monitors: every monitor records step k.
//
// A population of a model that takes the fused form of a LIF
// (neurons.FusedLinear: the built-in LIF with shared parameters, an
// equation LIF) whose inputs are all exponential kernels, with no
// stimuli, takes steps 1 and 2 in one pass over its neurons
// (neurons.Population.StepFused, package internal/fused: the kernels'
// decay and arrivals, the sum, the membrane update and the threshold;
// eight neurons at a time on CPUs with AVX-512). It performs the same
// operations in the same order as the two steps apart, so results are
// bit-identical either way.
//
// Steps 1 to 3 are taken stage by stage. A synapse whose delay is zero
// steps delivers in the step it was emitted, so its target must advance
// after its source: the populations are ordered into stages by the
// zero-delay synapses between them (gonum's topo.SortStabilized), a
// population's stage being the length of the longest zero-delay chain
// leading to it. Sim.Stages lists them. With only delayed synapses every
// population is in stage 0. A cycle of zero-delay synapses (including a
// zero-delay synapse from a population to itself) cannot be ordered and
// is a compile error naming every synapse of the loop.
//
// # Determinism
//
// Results are bit-identical for any number of Workers, and identical from
// run to run with the same Seed:
//
//   - chunking is fixed by ChunkSize, never by the number of workers, and
//     each chunk draws from its own stream;
//   - every random component (a population's initial state and chunks, an
//     edge's connectivity, weights and delays) has its own stream derived
//     from the Seed and the component's name (see package dist), so adding
//     or removing a component leaves the others' draws unchanged;
//   - every sum is taken in a fixed order: each worker writes only its
//     own chunk or its own part of an edge's buffers (each target's
//     arrivals are summed source by source, synapse by synapse, whatever
//     the parts), and inputs are added edge by edge in the order the
//     edges were added.
//
// ChunkSize is part of the model: changing it changes the draws of
// stochastic models. Workers is not.
//
// # Run control
//
// Runs continue where the last one stopped: running 50 ms twice is the
// same as running 100 ms once. Reset returns to step 0 with the same
// initial draws and fresh random streams, so the next run repeats the
// first one; weights, train mode and clamps are kept. SetTrain(false)
// (eval mode) stops every learning rule; setting a population's Learning
// to false stops the rules of the edges into it. Population.Clamp forces
// neurons to spike in every step and Population.Unclamp keeps them silent,
// until cleared with nil. Run and RunSteps check their context before each
// step: a cancelled run stops after a whole step, with the context's
// error, and Steps reports the steps taken. Sim.Progress, if set, is
// called after each step with the steps done and the total of the run.
//
// # Errors
//
// Compile reports every problem it finds at once, as Errors: one *Error
// per problem, each naming its node (population, synapse, stimulus,
// monitor or the network). Use errors.As to get the Errors or one *Error.
// When a component reports a bad parameter with a *paramerr.Error, the
// Error carries its address: Attr (the parameter as written in a network
// file, "learning/lr" for one of a synapse's learning rule) and Neuron;
// unnamed nodes (stimuli, decisions, rewards) carry their Index. The
// network language maps these to source ranges, without reading messages.
//
// A state variable that becomes NaN or infinite stops the run with a
// *neurons.FaultError naming the population, the neuron, the variable and
// the step (the first fault in population and chunk order, for any
// number of workers). The Sim then refuses to run, returning ErrFailed,
// until Reset.
package graph
