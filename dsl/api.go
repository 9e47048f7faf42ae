package dsl

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/component"

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
	// if it is not one, as a plain string; the value of a variable of
	// type string is taken literally, and a typed value is converted to
	// the variable's type.
	Vars map[string]string
	// VarFiles are files of name = value lines read before Vars
	// (-var-file), in order.
	VarFiles []string
	// Registry holds the components networks may use: neuron models,
	// learning rules, connectors, kernels, encoders, stimuli and monitors
	// (nil for component.Default(), the built-ins with the data model).
	// A custom build starts from component.Default() and adds its own.
	Registry *component.Registry
	// Models, if set, replaces the Registry's neuron models.
	//
	// Deprecated: register models in Registry (Registry.RegisterModel).
	Models *neurons.Registry
	// Rules, if set, replaces the Registry's learning rules.
	//
	// Deprecated: register rules in Registry (Registry.RegisterRule).
	Rules *learning.Registry
	// MaxMemory is the memory in bytes the network may need (see
	// Network.MaxMemory): 0 for the memory available, negative for no
	// limit.
	MaxMemory int64
	// Overrides replace settings of the simulation block before any
	// expression reads them (netrun run -duration, -seed, -workers).
	Overrides Overrides
}

// Overrides are simulation settings given outside the network file; a nil
// field keeps the file's value (or the default). Expressions that read
// simulation.NAME see the override.
type Overrides struct {
	// Duration replaces simulation.duration (ms).
	Duration *float64
	// Seed replaces simulation.seed.
	Seed *uint64
	// Workers replaces simulation.workers.
	Workers *int
}

// Simulation is the simulation block: how to run the network. Load
// copies Dt, Seed, Workers and TauD into Network.Graph (which runs with
// those), so a change to them after Load is to be made there too;
// Duration is read from here.
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
// compiled). Graph holds the populations, synapses, stimuli, rewards and
// decisions; the methods of those names read them from it.
type Network struct {
	// Simulation is the simulation block's settings, overrides applied.
	Simulation Simulation
	// Monitors are the monitor blocks; Graph holds the engine monitors
	// they make.
	Monitors []*Monitor
	// SaveWeights lists the edges whose weights are saved after a run
	// (save_weights = true).
	SaveWeights []*synapses.Synapse
	// Graph holds the engine objects; compile it with Compile. It is nil
	// for the Network of a Load that failed.
	Graph *graph.Network
	// Files maps file names to parsed files, for rendering diagnostics.
	Files map[string]*hcl.File
	// MaxMemory is the memory in bytes Compile lets the network need, by
	// the estimate of graph.Network.Estimate for a run of
	// Simulation.Duration: 0 for the memory available
	// (graph.AvailableMemory), negative for no limit. Load sets it from
	// Options.
	MaxMemory int64

	fileDuration       float64 // Simulation.Duration after Load
	durationOverridden bool    // Options.Overrides.Duration replaced the file's

	ranges map[string]hcl.Range      // "population/x", "synapse/x", "synapse/x/delay", ... → source range
	exprs  map[string]hcl.Expression // "population/x/tau_m", ... → the attribute's expression

	// partial is what loaded of a network whose Load failed, and
	// loadDiags are Load's diagnostics: Check checks partial. extents
	// maps the definition range of each block to the block's whole range.
	partial   *Network
	loadDiags hcl.Diagnostics
	extents   map[hcl.Range]hcl.Range

	stimBlocks map[int]StimulusBlock // the block of Stimuli()[i], for stimuli of stimulus blocks
}

// StimulusBlock names the stimulus block a stimulus comes from.
type StimulusBlock struct {
	// Name is the block's label (with an instance key for repeated blocks).
	Name string
	// Kind is the stimulus kind the block's parameters chose ("current",
	// "poisson_input", ...).
	Kind string
}

// StimulusBlock returns the block the stimulus Stimuli()[i] was loaded
// from, and false for a stimulus of no block (one the caller added to
// Graph).
func (n *Network) StimulusBlock(i int) (StimulusBlock, bool) {
	b, ok := n.stimBlocks[i]
	return b, ok
}

func (n *Network) addStimulusBlock(i int, name, kind string) {
	if n.stimBlocks == nil {
		n.stimBlocks = make(map[int]StimulusBlock)
	}
	n.stimBlocks[i] = StimulusBlock{Name: name, Kind: kind}
}

// Populations returns the network's populations, in the order loaded
// (none if Graph is nil). The slice is Graph's: callers must not modify
// it.
func (n *Network) Populations() []*neurons.Population { return n.graph().Populations() }

// Synapses returns the network's synapse edges, in the order loaded,
// population lateral_inhibition edges among them (none if Graph is nil).
// The slice is Graph's: callers must not modify it.
func (n *Network) Synapses() []*synapses.Synapse { return n.graph().Synapses() }

// Stimuli returns the network's stimuli, in the order loaded (none if
// Graph is nil). The slice is Graph's: callers must not modify it.
func (n *Network) Stimuli() []graph.Stimulus { return n.graph().Stimuli() }

// Rewards returns the network's rewards, in the order loaded (none if
// Graph is nil). The slice is Graph's: callers must not modify it.
func (n *Network) Rewards() []graph.Reward { return n.graph().Rewards() }

// Decisions returns the network's decisions (k_winners), in the order
// loaded (none if Graph is nil). The slice is Graph's: callers must not
// modify it.
func (n *Network) Decisions() []graph.Decision { return n.graph().Decisions() }

// graph returns Graph, or an empty graph for a Network that has none.
func (n *Network) graph() *graph.Network {
	if n.Graph == nil {
		return &graph.Network{}
	}
	return n.Graph
}
