package dsl

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Options control how a network file is loaded.
type Options struct {
	// Vars sets input variables from the command line (-var name=value).
	// A value is read as an HCL expression ("10", "[1, 2]", "\"x\"") and,
	// if it is not one, as a plain string.
	Vars map[string]string
	// VarFiles are files of name = value lines read before Vars
	// (-var-file), in order.
	VarFiles []string
	// Models looks up neuron models by kind (nil for neurons.Builtin()
	// with the data model of package encoding).
	Models *neurons.Registry
	// Rules looks up learning rules by kind (nil for learning.Builtin()).
	Rules *learning.Registry
}

// Simulation is the simulation block: how to run the network.
type Simulation struct {
	// Dt is the time step in ms (default 0.1).
	Dt float64
	// Duration is the simulated time in ms (default 100).
	Duration float64
	// Seed is the master seed (default 0).
	Seed uint64
	// Workers is the number of workers (default 0: all cores).
	Workers int
	// TauD is the decay time constant of dopamine in ms (default 200).
	TauD float64
}

// Monitor is a monitor block: what it records of which population.
type Monitor struct {
	// Name is the block's label (with an instance key for repeated blocks).
	Name string
	// Target is the recorded population.
	Target *neurons.Population
	// Variables lists what is recorded, as written: "s" for spikes, or
	// state variable names.
	Variables []string
	// Every is the recording period in steps.
	Every int
	// Stream is the block's stream attribute: netrun keeps the records in
	// temporary files in the output directory rather than in memory (it
	// does so as well when they would take much memory). The Go API
	// leaves streaming to the caller (see monitors.Spool).
	Stream bool
	// Spikes records spikes (nil unless Variables has "s"); Rate records
	// the population rate along with the spikes.
	Spikes *monitors.SpikeMonitor
	Rate   *monitors.RateMonitor
	// State records the state variables (nil if there are none).
	State *monitors.StateMonitor
	// Signals record network signals ("dopamine", "reward"), by name.
	Signals map[string]*monitors.SignalMonitor
	// Synapse is the recorded edge, for a monitor whose target is a
	// synapse (then State records its weights or kernel variables).
	Synapse *synapses.Synapse
	// Range is the block's definition range, for diagnostics.
	Range hcl.Range
}

// Network is a loaded network file: the simulation settings and the
// engine objects the blocks describe, assembled into Graph (not yet
// compiled).
type Network struct {
	Simulation  Simulation
	Populations []*neurons.Population
	Synapses    []*synapses.Synapse
	Stimuli     []graph.Stimulus
	Monitors    []*Monitor
	Rewards     []graph.Reward
	Decisions   []graph.Decision
	// SaveWeights lists the edges whose weights are saved after a run
	// (save_weights = true).
	SaveWeights []*synapses.Synapse
	// Graph holds all of the above; compile it with Compile.
	Graph *graph.Network
	// Files maps file names to parsed files, for rendering diagnostics.
	Files map[string]*hcl.File

	ranges map[string]hcl.Range // "population/x", "synapse/x", "synapse/x/delay", ... → source range
}
