// Package monitors records what a spiking network does while it runs:
// spikes, population rates, state variables and weights. It plays the part
// of Brian2's SpikeMonitor, PopulationRateMonitor and StateMonitor and of
// NEST's spike_recorder and multimeter.
//
//	SpikeMonitor  (time, neuron) of every spike of a population, or of a
//	              subset of its neurons; counts and per-neuron trains
//	RateMonitor   population rate in Hz in every step, raw or smoothed
//	StateMonitor  state variables of a population ("v", "w", "traces", ...)
//	              or of a synapse edge ("w", kernel "i" or "g"), for all
//	              indices or a subset, every step or every few steps
//	NewWeightMonitor, Matrix
//	              an edge's weights over time, or a snapshot as a matrix
//
// Create monitors with the New functions, giving each a name that is
// unique in the network, and add them with graph.Network.AddMonitor. The
// network owns the rest of their life: it calls Init once when it
// compiles (after building populations and synapses, so Init can check
// variable names and indices), Record after every step, Reset when the
// simulation is reset, and, for monitors that stream, Flush at the end of
// every run.
//
// # What is recorded when
//
// Time advances in steps of dt ms; step k is stamped t_k = k*dt (see the
// step contract in package neurons). After step k has been taken, and
// after learning, the network calls Record(k): a spike found in step k is
// recorded with time t_k, and a state variable is recorded as it is at the
// end of step k, also stamped t_k. So the first record of a StateMonitor
// holds the state after one step, not the initial state (unless
// RecordInitial is set: then a first record, also stamped 0, holds the
// state before step 0, as Brian2 records t = 0), and a neuron that
// spikes in step k shows its reset potential in the record stamped t_k.
// A StateMonitor with Every = n records the steps k that are multiples of
// n: t = 0, n*dt, 2n*dt, .... Steps keep counting across runs; after a
// reset they start again from 0. Time stamps are computed as k/(1/dt) when
// 1/dt is a whole number, so that with dt = 0.1 ms step 3 is stamped 0.3
// rather than 0.30000000000000004.
//
// # Reading records
//
// Reading never consumes a record: Spikes, Times, Get and the rest return
// copies, and calling them twice gives the same answer. StateMonitor.Get
// returns a *mat.Dense with one row per record and one column per recorded
// index. Reset empties a monitor and keeps its settings.
//
// # Memory and streaming
//
// Monitors hold their records in memory by default: a SpikeMonitor 12
// bytes per spike, a RateMonitor 16 bytes per step, a StateMonitor 8 bytes
// per recorded value plus 8 per record (it preallocates up to 1024
// records, or Capacity, then grows in blocks without copying), a
// SignalMonitor 16 bytes per record. For long runs of large networks
// there are two ways to keep memory from growing with the run:
//
//   - Spool: give a monitor a Spool (NewSpool, a temporary file) before
//     the network runs. The records go to the file as fixed-size binary
//     rows, through a 64 KiB buffer, and the monitor's Each method (EachVar
//     for states, EachSmoothedGaussian for rates) reads them back in
//     order with exactly the values memory would hold. Reset empties the
//     spool; Close removes its file. netrun uses spools for its stream
//     attribute and for monitors it estimates to be large.
//   - W: set W on a SpikeMonitor, RateMonitor or StateMonitor to an
//     io.Writer: the records are then written to it as CSV rows (spikes:
//     "time_ms,neuron"; rates: "time_ms,rate_hz"; states: "time_ms" and
//     one column per index) through a buffer instead of being kept. They
//     are not read back. Reset does not rewind a stream.
//
// Either way the network flushes the buffer at the end of every run, and
// a streaming monitor still keeps its spike counts (and a RateMonitor its
// mean). CSVWriter writes the CSV: numbers in the shortest form that
// parses back to the same float64, neuron indices as integers.
package monitors
