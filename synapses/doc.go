// Package synapses connects neuron populations: an edge (Synapse) holds
// the synapses from a source population to a target population, their
// weights and delays, the kernel that turns arriving spikes into input
// current, an optional mask and an optional learning rule.
//
// # Storage
//
// An edge stores its synapses in compressed sparse row (CSR) form with one
// row per presynaptic (source) neuron: the synapses of source neuron i are
// at positions RowPtr[i] to RowPtr[i+1]-1, with targets PostIdx[at] and
// weights W[at]. Within a row the synapses keep the order in which the
// connector made them. A spike of neuron i therefore walks one contiguous
// row. Each synapse costs 12 bytes (an int32 target and a float64 weight),
// or 4 bytes when the synapses share one weight (a constant weight, no
// learning rule, mask or norm: W is nil and the weight is stored once,
// see SharedWeight; Weights and Var("w") give the edge its own weights on
// first use), plus 4 bytes when delays differ per synapse (D), plus 12
// bytes when the edge has a learning rule (its source and a by-target
// index), plus 8 bytes per source neuron for RowPtr: a random edge of
// 10^7 synapses keeps about 120 MB, or 40 MB with a constant weight.
//
// Connectors that make their synapses source by source (dense, random,
// fixed_outdegree, fixed_total, one_to_one, distance, a list sorted by
// source) are stored as they come, into a target list sized from the
// connector's estimate, so building takes no more than the edge keeps.
// Others (fixed_indegree, convolutions, unsorted lists) are sorted into
// rows afterwards, which takes about three times the final size at the
// peak, transiently. The Bernoulli connector (random) draws its synapses
// on up to BuildWorkers goroutines, each jumping ahead to its own block
// of the edge's stream, with the same synapses as one serial pass.
//
// Where the targets of every row ascend (Splittable: every connector
// above but fixed_outdegree and unsorted lists) the network splits the
// targets into parts (SplitTargets, SplitTargetsAt: the segments of the
// target population that the workers own) and each worker adds a step's
// spikes into its own part of the delay buffers (EmitPart), so that
// emission runs in parallel with the same sums. While it scatters one
// spike's synapses it asks the CPU for the rows of the spike after next
// (package internal/prefetch).
//
// # Connectivity
//
// The Connect field chooses the topology:
//
//   - Dense: every source to every target (all-to-all), the default.
//   - Random{P, Autapses}: each pair independently with probability P
//     (Bernoulli, as Brian2's connect(p=...)); self-connections i -> i of a
//     population onto itself are left out unless Autapses is set. The cost
//     is proportional to the number of synapses made, not to nPre*nPost.
//   - FixedInDegree{K, Autapses}: every target gets exactly K distinct
//     sources, drawn uniformly (NEST's fixed_indegree without multapses).
//   - FixedOutDegree{K, Autapses}: every source gets exactly K distinct
//     targets, drawn uniformly (NEST's fixed_outdegree without multapses).
//   - FixedTotal{N, Autapses, Multapses}: exactly N synapses, pairs drawn
//     uniformly, distinct unless Multapses (PyNN's
//     FixedTotalNumberConnector).
//   - Distance{P0, Sigma, Extent, Periodic, Autapses}: each pair with
//     probability P0*exp(-d^2/(2 Sigma^2)), d the distance of the neurons'
//     grid positions (PyNN's DistanceDependentProbabilityConnector, NEST's
//     spatial pairwise_bernoulli); a Spatial connector, laid out from the
//     populations' shapes.
//   - OneToOne: source i to target i; both populations have the same size.
//   - List{Pre, Post, Weight, Delay}: explicit synapses, optionally with
//     their own weights and delays (ms).
//
// Every random choice of an edge is drawn from its own streams, derived
// with dist.Stream from the network's seed and the edge's name:
// "synapse/NAME/connect", "synapse/NAME/weight" and "synapse/NAME/delay".
// The same seed and name give the same topology, weights and delays;
// adding, removing or reordering other populations or edges changes
// nothing; and renaming an edge gives it an independent draw.
//
// # Weights
//
// Weight is a dist.Dist drawn once per synapse (dist.Const for a constant
// weight); List.Weight, when given, overrides it. Every weight is then
// clipped to [WMin, WMax]. New sets the defaults: weights uniform in
// [0, 1) (the seed's draw) and bounds [0, +Inf). The seed's w_max = 1 was a
// default bound that also clipped every explicitly given weight and the
// learning updates at 1; with an open upper bound a weight given as 5 stays
// 5, and learning rules are bounded only where the user asks. A NaN or
// infinite weight is an error. If Norm > 0, the weights are then scaled so
// that the absolute weights arriving at each target neuron sum to Norm
// (the seed's normalize; masked synapses count as zero and the scaled
// weights are not clipped again). Call Normalize to renormalise later.
//
// Weights are magnitudes. Dale's law comes from the source population: if
// Pre.IsInhibitory, the delta and exponential kernels deliver -w instead
// of w (with WMin < 0 a weight may be negative, and then its sign flips
// too). Conductance kernels deliver the positive conductance w and take
// the sign from the reversal potential instead: E_rev defaults to 0 mV for
// an excitatory source and -80 mV for an inhibitory one.
//
// # Delays
//
// Delay is a dist.Dist of delays in ms, rounded to whole steps of dt
// (1.5 ms at dt = 0.1 ms is 15 steps; 0.04 ms is 0 steps). The default is
// one step. A dist.Const gives the whole edge one delay (DelaySteps);
// any other distribution, or List.Delay, gives each synapse its own delay
// (D). A spike that source neuron i emits in step k reaches the target in
// step k + d. A negative, NaN or infinite delay is an error; use
// dist.Clipped to keep a distribution's draws non-negative. A delay of 0
// delivers in the same step, which is only possible where it closes no
// cycle: the network orders the populations of zero-delay chains into
// stages and rejects zero-delay loops (MinDelay reports an edge's shortest
// delay).
//
// # Kernels
//
// Emit adds each synapse's signed weight into a ring of delay buffers, so
// that a[j] is the sum of the weights arriving at target j in a step.
// Deliver then hands a to the kernel, which adds the current to the
// target's input x:
//
//   - Delta (default, "delta"): the target's membrane potential v jumps
//     by a (mV) in the arrival step, as NEST's iaf_psc_delta and Brian2's
//     on_pre='v += w', whatever dt: x += a/g, with g the target model's
//     one-step input gain (neurons.InputGainer), so the jump lands after
//     the step's integration and before its threshold check; a refractory
//     target ignores it. Targets without an input gain get x += a.
//   - CurrentPulse ("current_pulse", the seed's delta): x += a; the spike
//     acts in its arrival step only, moving a LIF's v by R*a*dt/tau_m.
//   - Exponential{Tau}: i <- i*exp(-dt/Tau) + a, then x += i; a spike of
//     weight w gives the current w, w*exp(-dt/Tau), w*exp(-2dt/Tau), ...
//     in its arrival step and the steps after.
//   - Conductance{Tau, ERev}: g <- g*exp(-dt/Tau) + a, then
//     x += g*(ERev - v), with v the target's membrane potential at the
//     start of the step. The target must have a potential "v".
//   - Alpha{Tau}, BiExp{TauRise, TauDecay} ("alpha", "biexp"): currents
//     w*(t/Tau)*exp(1 - t/Tau) and w*N*(exp(-t/TauDecay) - exp(-t/TauRise)),
//     normalised so that w is the peak (NEST's iaf_psc_alpha convention);
//     AlphaCond and BiExpCond ("alpha_cond", "biexp_cond") are the same
//     time courses as conductances, with x += g*(ERev - v) and ERev per
//     edge as Conductance's. Each is two exponential states advanced by
//     their exact propagators, so the value m steps after the arrival
//     step is the closed form at t = m*dt (0 in the arrival step).
//
// A kernel that implements TargetBinder is bound to the target population
// by Init (Delta reads its input gain there). docs/language.md gives the
// PSP (peak amplitude and time to peak) of every kernel on a LIF.
//
// A Kernel value keeps the state of one edge: give every edge its own.
//
// # Masks
//
// Mask(i, j), if set, marks synapses whose weight is held at zero (the
// seed's masks). Init zeroes them; ApplyMask, which the network calls after
// each learning update, zeroes them again; SetMask changes the mask.
//
// # State
//
// Var gives monitors and rules the edge's variables: "w" (the weights in
// CSR order; Dense returns them as a pre x post matrix), "i" (exponential
// kernel) and "g" (conductance kernel), one per target neuron. Events
// counts the spikes transmitted through single synapses. Reset clears the
// delay buffers, the kernel state and the count, and keeps the weights.
//
// # Differences from the seed
//
// The seed (synapticflow) stored a dense pre x post weight matrix w and
// gave each target the input sum_i s_i*w_ij in the step of the spike.
// This package fixes its bugs:
//
//   - Its RandomConnection was a dense matrix of random weights; Random
//     here is a random topology. Its SparseConnection built a wrong mask
//     (at most min(pre, post) synapses, or an index error) and reseeded the
//     global random generator; Random and FixedInDegree draw from the
//     edge's own stream.
//   - Its compute ignored is_inhibitory, delays and masks; here inhibitory
//     sources deliver negative currents, delays are exact to the step, and
//     masks hold weights at zero. Its bias b (added to every step's
//     input, and printed) is not kept: use a constant current stimulus
//     (graph.Current) instead.
//   - Its delays defaulted to uniform(0, 100) ms and were never applied;
//     here the default is one step.
//   - Its connections were keyed by "pre_to_post", so parallel connections
//     between the same populations collided; here every edge has its own
//     name.
//   - Synaptic dynamics (exponential, alpha, biexp and conductance
//     kernels) are new: the seed only had the delta kernel, a one-step
//     current that is current_pulse here; delta is now a jump of v.
package synapses
