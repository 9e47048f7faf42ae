package graph

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	gonum "gonum.org/v1/gonum/graph"

	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Network is a spiking network under construction: populations, synapse
// edges, stimuli and monitors. Build one with New and the Add methods, then
// Compile it into a Sim. The zero Network is not usable; call New.
type Network struct {
	// Dt is the time step in ms (default 0.1).
	Dt float64
	// Seed is the master seed every random stream derives from.
	Seed uint64
	// Workers bounds the goroutines that advance the network in parallel
	// (0 for runtime.GOMAXPROCS(0), 1 to run serially). Results do not
	// depend on it.
	Workers int
	// ChunkSize is the number of neurons one worker advances at a time
	// (0 for neurons.DefaultChunkSize). Unlike Workers, it is part of the
	// model: changing it changes the random draws of stochastic models.
	ChunkSize int

	// TauD is the decay time constant of the dopamine signal in ms
	// (default 200).
	TauD float64
	// MaxMemory, if > 0, is the memory in bytes the populations and
	// synapses may need (see Estimate): Compile refuses a network that
	// needs more before it allocates anything. Population sizes are
	// checked for overflow whatever it is.
	MaxMemory int64

	rewards   []Reward
	decisions []Decision
	pops      []*neurons.Population
	syns      []*synapses.Synapse
	stims     []Stimulus
	mons      []monitors.Monitor
}

// New returns an empty network with time step 0.1 ms and the given seed.
func New(seed uint64) *Network { return &Network{Dt: 0.1, Seed: seed} }

// AddPopulation adds populations to the network.
func (n *Network) AddPopulation(ps ...*neurons.Population) { n.pops = append(n.pops, ps...) }

// AddSynapse adds synapse edges to the network.
func (n *Network) AddSynapse(ss ...*synapses.Synapse) { n.syns = append(n.syns, ss...) }

// AddStimulus adds stimuli to the network.
func (n *Network) AddStimulus(ss ...Stimulus) { n.stims = append(n.stims, ss...) }

// AddReward adds rewards that feed the dopamine signal.
func (n *Network) AddReward(rs ...Reward) { n.rewards = append(n.rewards, rs...) }

// AddDecision adds decisions (k-winners-take-all, ...) to the network.
func (n *Network) AddDecision(ds ...Decision) { n.decisions = append(n.decisions, ds...) }

// AddMonitor adds monitors to the network.
func (n *Network) AddMonitor(ms ...monitors.Monitor) { n.mons = append(n.mons, ms...) }

// Populations returns the network's populations in the order added. The
// slice is the network's own: callers must not modify it.
func (n *Network) Populations() []*neurons.Population { return n.pops }

// Synapses returns the network's synapse edges in the order added. The
// slice is the network's own: callers must not modify it.
func (n *Network) Synapses() []*synapses.Synapse { return n.syns }

// Stimuli returns the network's stimuli in the order added. The slice is
// the network's own: callers must not modify it.
func (n *Network) Stimuli() []Stimulus { return n.stims }

// Rewards returns the network's rewards in the order added. The slice is
// the network's own: callers must not modify it.
func (n *Network) Rewards() []Reward { return n.rewards }

// Decisions returns the network's decisions in the order added. The slice
// is the network's own: callers must not modify it.
func (n *Network) Decisions() []Decision { return n.decisions }

// Monitors returns the network's monitors in the order added. The slice
// is the network's own: callers must not modify it.
func (n *Network) Monitors() []monitors.Monitor { return n.mons }

// Compile checks the network, builds its synapses and schedules its step.
// It returns every problem it finds at once, as Errors. Compile may be
// called once per Network: it initialises the populations and synapses it
// holds.
func (n *Network) Compile() (*Sim, error) {
	var errs Errors
	if !(n.Dt > 0) || math.IsInf(n.Dt, 0) {
		errs.add("network", "", fmt.Errorf("time step dt = %g ms, want a positive number", n.Dt))
		return nil, errs
	}
	if n.Workers < 0 {
		errs.add("network", "", fmt.Errorf("workers = %d, want 0 (all cores) or more", n.Workers))
	}
	before := len(errs)
	if n.checkSizes(&errs); len(errs) > before {
		return nil, errs // nothing may be allocated
	}
	workers := n.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	popIndex := make(map[*neurons.Population]int)
	broken := make(map[*neurons.Population]bool) // failed Init
	names := make(map[string]bool)
	for i, p := range n.pops {
		if p == nil {
			errs.add("network", "", fmt.Errorf("population %d is nil", i))
			continue
		}
		if _, dup := popIndex[p]; dup {
			errs.add("population", p.Name, fmt.Errorf("added twice"))
			continue
		}
		if err := checkName(names, p.Name); err != nil {
			errs.add("population", p.Name, err)
		}
		popIndex[p] = i
		if err := p.Init(n.Dt, n.Seed, n.ChunkSize); err != nil {
			errs.add("population", p.Name, err)
			broken[p] = true
		}
	}
	names = make(map[string]bool)
	for i, s := range n.syns {
		if s == nil {
			errs.add("network", "", fmt.Errorf("synapse %d is nil", i))
			continue
		}
		if err := checkName(names, s.Name); err != nil {
			errs.add("synapse", s.Name, err)
		}
		bad := false
		for _, end := range []struct {
			role string
			p    *neurons.Population
		}{{"source", s.Pre}, {"target", s.Post}} {
			if end.p == nil {
				errs.add("synapse", s.Name, fmt.Errorf("no %s population", end.role))
				bad = true
			} else if _, ok := popIndex[end.p]; !ok {
				errs.add("synapse", s.Name, fmt.Errorf("%s population %q is not in the network", end.role, end.p.Name))
				bad = true
			}
		}
		if bad || broken[s.Pre] || broken[s.Post] {
			continue // a broken end is reported already; Init could crash on it
		}
		s.BuildWorkers = workers // the same synapses for any number
		if err := s.Init(n.Dt, n.Seed); err != nil {
			errs.add("synapse", s.Name, err)
		}
	}
	for i, st := range n.stims {
		name := fmt.Sprintf("#%d", i)
		if st == nil || st.Target() == nil {
			errs.addAt("stimulus", name, i, fmt.Errorf("no target population"))
			continue
		}
		if _, ok := popIndex[st.Target()]; !ok {
			errs.addAt("stimulus", name, i, fmt.Errorf("target population %q is not in the network", st.Target().Name))
			continue
		}
		if rs, ok := st.(RandomStimulus); ok {
			rs.Seed(n.Seed, i)
		}
		if err := st.Init(n.Dt); err != nil {
			errs.addAt("stimulus", name+" of "+st.Target().Name, i, err)
		}
	}
	names = make(map[string]bool)
	for i, m := range n.mons {
		if m == nil {
			errs.add("network", "", fmt.Errorf("monitor %d is nil", i))
			continue
		}
		if err := checkName(names, m.Name()); err != nil {
			errs.add("monitor", m.Name(), err)
		}
		if err := m.Init(n.Dt); err != nil {
			errs.add("monitor", m.Name(), err)
		}
	}
	if n.TauD < 0 || math.IsNaN(n.TauD) || math.IsInf(n.TauD, 0) {
		errs.add("network", "", fmt.Errorf("dopamine tau_d = %g ms, want a positive number (0 for the default)", n.TauD))
	}
	for i, d := range n.decisions {
		switch {
		case d == nil || d.Target() == nil:
			errs.addAt("decision", fmt.Sprintf("#%d", i), i, fmt.Errorf("no target population"))
		case !inNetwork(popIndex, d.Target()):
			errs.addAt("decision", fmt.Sprintf("#%d", i), i, fmt.Errorf("target population %q is not in the network", d.Target().Name))
		default:
			if err := d.Init(n.Dt); err != nil {
				errs.addAt("decision", fmt.Sprintf("#%d of %s", i, d.Target().Name), i, err)
			}
		}
	}
	for i, r := range n.rewards {
		if r == nil {
			errs.add("network", "", fmt.Errorf("reward %d is nil", i))
		} else if err := r.Init(n.Dt); err != nil {
			errs.addAt("reward", fmt.Sprintf("#%d", i), i, err)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	stages, err := n.schedule()
	if err != nil {
		return nil, err
	}
	return newSim(n, workers, stages), nil
}

func checkName(seen map[string]bool, name string) error {
	if name == "" {
		return fmt.Errorf("empty name")
	}
	if seen[name] {
		return fmt.Errorf("name used twice")
	}
	seen[name] = true
	return nil
}

// schedule orders the populations into stages: a population's stage is
// the longest chain of zero-delay synapses leading to it. Populations of
// one stage do not depend on each other within a step. A zero-delay cycle
// is an error naming every synapse of the loop.
func (n *Network) schedule() ([][]int, error) {
	g := simple.NewDirectedGraph()
	for i := range n.pops {
		g.AddNode(simple.Node(i))
	}
	idx := make(map[*neurons.Population]int)
	for i, p := range n.pops {
		idx[p] = i
	}
	var errs Errors
	var zero []*synapses.Synapse
	for _, s := range n.syns {
		if s.MinDelay() > 0 {
			continue
		}
		zero = append(zero, s)
		from, to := idx[s.Pre], idx[s.Post]
		if from == to {
			errs = append(errs, &Error{Kind: "synapse", Name: s.Name, Nodes: []string{s.Name}, Attr: "delay", Neuron: -1, Index: -1,
				Err: fmt.Errorf("zero-delay cycle: the synapse connects population %q to itself with delay 0; give it a delay of at least one step", s.Pre.Name)})
			continue
		}
		g.SetEdge(g.NewEdge(simple.Node(from), simple.Node(to)))
	}
	order, err := topo.SortStabilized(g, func(ns []gonum.Node) {
		slices.SortFunc(ns, func(a, b gonum.Node) int { return int(a.ID() - b.ID()) })
	})
	if err != nil {
		cycles, _ := err.(topo.Unorderable)
		for _, scc := range cycles {
			in := make(map[int]bool)
			for _, node := range scc {
				in[int(node.ID())] = true
			}
			var loop, pops []string
			for _, s := range zero {
				if in[idx[s.Pre]] && in[idx[s.Post]] && s.Pre != s.Post {
					loop = append(loop, s.Name)
				}
			}
			for i := range n.pops {
				if in[i] {
					pops = append(pops, n.pops[i].Name)
				}
			}
			errs = append(errs, &Error{Kind: "network", Nodes: loop, Attr: "delay", Neuron: -1, Index: -1,
				Err: fmt.Errorf("zero-delay cycle through populations %s: synapses %s all have delay 0; give one of them a delay of at least one step",
					strings.Join(pops, ", "), strings.Join(loop, ", "))})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	depth := make([]int, len(n.pops))
	maxDepth := 0
	for _, node := range order {
		i := int(node.ID())
		to := g.From(node.ID())
		for to.Next() {
			j := int(to.Node().ID())
			depth[j] = max(depth[j], depth[i]+1)
			maxDepth = max(maxDepth, depth[j])
		}
	}
	stages := make([][]int, maxDepth+1)
	for i := range n.pops {
		stages[depth[i]] = append(stages[depth[i]], i)
	}
	return stages, nil
}

func inNetwork(idx map[*neurons.Population]int, p *neurons.Population) bool {
	_, ok := idx[p]
	return ok
}
