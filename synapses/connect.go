package synapses

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Connector decides which synapses an edge has.
type Connector interface {
	// Connect calls add(pre, post) once for each synapse of an edge from
	// nPre to nPost neurons, drawing from r where the topology is random.
	// same reports that source and target are the same population, where
	// i == j is a self-connection (autapse). It reports an error if the
	// topology is impossible for these sizes.
	Connect(nPre, nPost int, same bool, r *rand.Rand, add func(pre, post int)) error
	// String names the topology, e.g. "random(p=0.1)".
	String() string
}

// Dense connects every source neuron to every target neuron (all-to-all,
// the seed's Connection), self-connections included.
type Dense struct{}

// Connect implements Connector.
func (Dense) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	for i := range nPre {
		for j := range nPost {
			add(i, j)
		}
	}
	return nil
}

func (Dense) String() string { return "dense" }

// Random connects each pair independently with probability P (a fixed
// connection probability, Brian2's connect(p=...) and NEST's pairwise
// Bernoulli). Self-connections are left out unless Autapses is set.
type Random struct {
	P        float64 `param:"p" min:"0" max:"1" required:"true" doc:"connection probability of each pair"`
	Autapses bool    `param:"autapses" doc:"allow self-connections (i -> i) when source and target are the same population"`
}

// Connect implements Connector. It draws the gaps between successive
// synapses from the geometric distribution, so the cost is proportional to
// the number of synapses made, not to nPre*nPost.
func (c Random) Connect(nPre, nPost int, same bool, r *rand.Rand, add func(int, int)) error {
	if !(c.P >= 0 && c.P <= 1) {
		return paramerr.Errorf("p", -1, "connection probability p = %g, want a number in [0, 1]", c.P)
	}
	if c.P == 0 {
		return nil
	}
	total := nPre * nPost
	logq := math.Log1p(-c.P)
	for k := -1; ; {
		// skip is the number of pairs left out before the next synapse;
		// compare it as a float so that a huge gap cannot overflow k.
		skip := 0.0
		if c.P < 1 {
			skip = math.Floor(math.Log(1-r.Float64()) / logq)
		}
		if skip >= float64(total-k-1) {
			return nil
		}
		k += 1 + int(skip)
		i, j := k/nPost, k%nPost
		if same && i == j && !c.Autapses {
			continue
		}
		add(i, j)
	}
}

func (c Random) String() string { return fmt.Sprintf("random(p=%g)", c.P) }

// FixedInDegree gives every target neuron exactly K synapses from distinct
// source neurons chosen at random (NEST's fixed_indegree without
// multapses). Self-connections are left out unless Autapses is set.
type FixedInDegree struct {
	K        int  `param:"k" min:"0" required:"true" doc:"number of inputs of each target neuron, from distinct source neurons"`
	Autapses bool `param:"autapses" doc:"allow self-connections (i -> i) when source and target are the same population"`
}

// Connect implements Connector.
func (c FixedInDegree) Connect(nPre, nPost int, same bool, r *rand.Rand, add func(int, int)) error {
	avail := nPre
	if same && !c.Autapses {
		avail--
	}
	if c.K < 0 || c.K > avail {
		return paramerr.Errorf("k", -1, "fixed in-degree k = %d, want 0 <= k <= %d (the available source neurons)", c.K, avail)
	}
	idx := make([]int, nPre)
	for i := range idx {
		idx[i] = i
	}
	picked := make([]int, c.K)
	for j := range nPost {
		pool := idx
		last := len(pool) - 1
		if same && !c.Autapses {
			pool[j], pool[last] = pool[last], pool[j]
			pool = pool[:last]
		}
		// Partial Fisher-Yates: the first K entries become a uniform sample.
		for m := range c.K {
			s := m + r.IntN(len(pool)-m)
			picked[m] = s
			pool[m], pool[s] = pool[s], pool[m]
			add(pool[m], j)
		}
		// Undo the swaps in reverse order, so that idx is the identity
		// again at O(K) cost instead of O(nPre).
		for m := c.K - 1; m >= 0; m-- {
			s := picked[m]
			pool[m], pool[s] = pool[s], pool[m]
		}
		if same && !c.Autapses {
			idx[j], idx[last] = idx[last], idx[j]
		}
	}
	return nil
}

func (c FixedInDegree) String() string { return fmt.Sprintf("fixed_indegree(k=%d)", c.K) }

// OneToOne connects source neuron i to target neuron i. Both populations
// must have the same size.
type OneToOne struct{}

// Connect implements Connector.
func (OneToOne) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	if nPre != nPost {
		return fmt.Errorf("one_to_one needs populations of equal size, have %d and %d", nPre, nPost)
	}
	for i := range nPre {
		add(i, i)
	}
	return nil
}

func (OneToOne) String() string { return "one_to_one" }

// List gives the synapses explicitly: synapse s goes from Pre[s] to
// Post[s]. Weight and Delay (ms), if not nil, give each synapse its weight
// and delay and override the edge's Weight and Delay.
type List struct {
	Pre           []int `param:"pre" min:"0" required:"true" doc:"source neuron of each synapse"`
	Post          []int `param:"post" min:"0" required:"true" doc:"target neuron of each synapse"`
	Weight, Delay []float64
}

// Connect implements Connector.
func (l List) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	if len(l.Pre) != len(l.Post) {
		return paramerr.Errorf("post", -1, "list has %d sources and %d targets", len(l.Pre), len(l.Post))
	}
	if l.Weight != nil && len(l.Weight) != len(l.Pre) {
		return paramerr.Errorf("weight", -1, "list has %d weights for %d synapses", len(l.Weight), len(l.Pre))
	}
	if l.Delay != nil && len(l.Delay) != len(l.Pre) {
		return paramerr.Errorf("delay", -1, "list has %d delays for %d synapses", len(l.Delay), len(l.Pre))
	}
	for s := range l.Pre {
		if l.Pre[s] < 0 || l.Pre[s] >= nPre || l.Post[s] < 0 || l.Post[s] >= nPost {
			return paramerr.Errorf("pre", -1, "list synapse %d (%d -> %d) is out of range for %d -> %d neurons", s, l.Pre[s], l.Post[s], nPre, nPost)
		}
	}
	for s := range l.Pre {
		add(l.Pre[s], l.Post[s])
	}
	return nil
}

func (l List) String() string { return fmt.Sprintf("list(%d synapses)", len(l.Pre)) }
