package synapses

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// FixedOutDegree gives every source neuron exactly K synapses onto
// distinct target neurons chosen at random (NEST's fixed_outdegree without
// multapses, PyNN's FixedNumberPostConnector). Self-connections are left
// out unless Autapses is set.
type FixedOutDegree struct {
	K        int  `param:"k" min:"0" required:"true" doc:"number of outputs of each source neuron, onto distinct target neurons"`
	Autapses bool `param:"autapses" doc:"allow self-connections (i -> i) when source and target are the same population"`
}

// Connect implements Connector: FixedInDegree with the roles of source and
// target swapped, so each source's K targets are a uniform sample.
func (c FixedOutDegree) Connect(nPre, nPost int, same bool, r *rand.Rand, add func(int, int)) error {
	avail := nPost
	if same && !c.Autapses {
		avail--
	}
	if c.K < 0 || c.K > avail {
		return paramerr.Errorf("k", -1, "fixed out-degree k = %d, want 0 <= k <= %d (the available target neurons)", c.K, avail)
	}
	return FixedInDegree(c).Connect(nPost, nPre, same, r, func(j, i int) { add(i, j) })
}

func (c FixedOutDegree) String() string { return fmt.Sprintf("fixed_outdegree(k=%d)", c.K) }

// EstimateSynapses implements Estimator: K per source neuron, exactly.
func (c FixedOutDegree) EstimateSynapses(nPre, _ int, _ bool) (int64, bool) {
	return satMul(int64(max(c.K, 0)), int64(nPre)), true
}

// FixedTotal makes exactly N synapses drawn uniformly among the pairs
// (PyNN's FixedTotalNumberConnector, NEST's fixed_total_number).
// Self-connections are left out unless Autapses is set; without Multapses
// the N pairs are distinct (N at most the number of pairs), with it they
// are drawn independently, with replacement. The cost is O(N log N).
type FixedTotal struct {
	N         int  `param:"n" min:"0" required:"true" doc:"total number of synapses"`
	Autapses  bool `param:"autapses" doc:"allow self-connections (i -> i) when source and target are the same population"`
	Multapses bool `param:"multapses" doc:"draw the pairs with replacement, so one pair may get several synapses"`
}

// Connect implements Connector. It draws indices into the allowed pairs
// (row-major, self-pairs skipped), sorts them and emits them in order;
// without Multapses it redraws duplicates until N are distinct, or, for N
// above half the pairs, draws the pairs to leave out instead.
func (c FixedTotal) Connect(nPre, nPost int, same bool, r *rand.Rand, add func(int, int)) error {
	noSelf := same && !c.Autapses && nPre == nPost
	m := int64(nPre) * int64(nPost)
	if noSelf {
		m -= int64(nPre)
	}
	if c.N < 0 || (!c.Multapses && int64(c.N) > m) || (c.N > 0 && m == 0) {
		return paramerr.Errorf("n", -1, "fixed total number n = %d, want 0 <= n <= %d (the available pairs; set multapses for more)", c.N, m)
	}
	emit := func(k int64) {
		if noSelf {
			i, rest := k/int64(nPost-1), k%int64(nPost-1)
			j := rest
			if rest >= i {
				j++
			}
			add(int(i), int(j))
			return
		}
		add(int(k/int64(nPost)), int(k%int64(nPost)))
	}
	if c.Multapses {
		idx := make([]int64, c.N)
		for s := range idx {
			idx[s] = r.Int64N(m)
		}
		slices.Sort(idx)
		for _, k := range idx {
			emit(k)
		}
		return nil
	}
	n, invert := int64(c.N), false
	if n > m/2 {
		n, invert = m-n, true
	}
	idx := distinctSorted(n, m, r)
	if !invert {
		for _, k := range idx {
			emit(k)
		}
		return nil
	}
	next := 0
	for k := range m {
		if next < len(idx) && idx[next] == k {
			next++
			continue
		}
		emit(k)
	}
	return nil
}

// distinctSorted returns n distinct uniform draws from [0, m), sorted:
// it draws, sorts, removes duplicates and draws the missing ones again,
// which is rejection of duplicates and so uniform over the n-subsets.
func distinctSorted(n, m int64, r *rand.Rand) []int64 {
	idx := make([]int64, 0, n)
	for int64(len(idx)) < n {
		for int64(len(idx)) < n {
			idx = append(idx, r.Int64N(m))
		}
		slices.Sort(idx)
		idx = slices.Compact(idx)
	}
	return idx
}

func (c FixedTotal) String() string { return fmt.Sprintf("fixed_total(n=%d)", c.N) }

// EstimateSynapses implements Estimator: N, exactly.
func (c FixedTotal) EstimateSynapses(int, int, bool) (int64, bool) {
	return int64(max(c.N, 0)), true
}

// Distance connects each pair independently with a probability that falls
// with the distance d between the neurons' positions,
// p = P0*exp(-d^2/(2*Sigma^2)) (PyNN's DistanceDependentProbabilityConnector
// with a Gaussian profile, NEST's spatial pairwise_bernoulli). Neurons sit
// on their population's grid (its shape, row-major): neuron at grid index
// (c_1, ..., c_D) of a population of shape (n_1, ..., n_D) is at
// (c_d + 0.5)*extent_d/n_d, the centre of its cell in a box of the given
// Extent (one length per dimension, or one for all); the default extent is
// the target's shape, so positions are in the target's grid units and two
// populations of one shape are aligned cell by cell. Periodic wraps every
// dimension with period extent_d (a torus, as NEST's edge_wrap). Source and
// target need shapes of the same number of dimensions. With Positions
// RandomPositions the neurons are drawn uniformly in the box instead, from
// each population's seeded stream (positions.go). The cost is
// O(nPre*nPost).
type Distance struct {
	P0       float64   `param:"p0" min:"0" max:"1" doc:"connection probability at distance 0"`
	Sigma    float64   `param:"sigma" gt:"0" required:"true" doc:"width of the Gaussian profile, in the units of extent (default: the target's grid units)"`
	Extent   []float64 `param:"extent" doc:"side lengths of the space, one per dimension or one for all; unset: the target's shape"`
	Periodic bool      `param:"periodic" doc:"periodic boundaries: every dimension wraps around with period extent"`
	Autapses bool      `param:"autapses" doc:"allow self-connections (i -> i) when source and target are the same population"`
	// Positions is GridPositions (or "") or RandomPositions (positions.go).
	Positions string `param:"positions" enum:"grid|random" doc:"where neurons sit: \"grid\" (their cells' centres) or \"random\" (uniform in the box, from each population's seeded stream)"`

	pre, post [][]float64 // positions, one slice per dimension
	ext       []float64
	seed      uint64 // the network seed, for random positions (Init sets it)
}

// Layout implements Spatial: it places the neurons of both populations.
func (c *Distance) Layout(pre, post *neurons.Population) error {
	if err := c.checkPositions(); err != nil {
		return err
	}
	if c.Positions == RandomPositions {
		return c.layoutRandom(pre, post)
	}
	if len(pre.Shape) != len(post.Shape) {
		return fmt.Errorf("distance: source shape %v and target shape %v have different numbers of dimensions", pre.Shape, post.Shape)
	}
	dims := len(post.Shape)
	ext := make([]float64, dims)
	switch len(c.Extent) {
	case 0:
		for d, n := range post.Shape {
			ext[d] = float64(n)
		}
	case 1:
		for d := range ext {
			ext[d] = c.Extent[0]
		}
	case dims:
		copy(ext, c.Extent)
	default:
		return paramerr.Errorf("extent", -1, "distance: extent has %d lengths for shapes of %d dimensions", len(c.Extent), dims)
	}
	for _, e := range ext {
		if !(e > 0) || math.IsInf(e, 0) {
			return paramerr.Errorf("extent", -1, "distance: extent %v, want positive finite lengths", c.Extent)
		}
	}
	c.ext, c.pre, c.post = ext, positions(pre.Shape, ext), positions(post.Shape, ext)
	return nil
}

// positions returns the cell centres of a grid of the shape in a box of
// side lengths ext: pos[d][i] is coordinate d of neuron i.
func positions(shape []int, ext []float64) [][]float64 {
	n := 1
	for _, s := range shape {
		n *= s
	}
	pos := make([][]float64, len(shape))
	for d := range pos {
		pos[d] = make([]float64, n)
	}
	for i := range n {
		rest := i
		for d := len(shape) - 1; d >= 0; d-- {
			pos[d][i] = (float64(rest%shape[d]) + 0.5) * ext[d] / float64(shape[d])
			rest /= shape[d]
		}
	}
	return pos
}

// Bind implements Spatial; Distance keeps no view of the edge.
func (c *Distance) Bind(*Synapse, uint64) error { return nil }

// dist2 returns the squared distance between source i and target j.
func (c *Distance) dist2(i, j int) float64 {
	sum := 0.0
	for d, e := range c.ext {
		x := math.Abs(c.pre[d][i] - c.post[d][j])
		if c.Periodic {
			x = math.Mod(x, e)
			x = min(x, e-x)
		}
		sum += x * x
	}
	return sum
}

func (c *Distance) check(nPre, nPost int) error {
	if !(c.P0 >= 0 && c.P0 <= 1) {
		return paramerr.Errorf("p0", -1, "distance: p0 = %g, want a number in [0, 1]", c.P0)
	}
	if !(c.Sigma > 0) || math.IsInf(c.Sigma, 0) {
		return paramerr.Errorf("sigma", -1, "distance: sigma = %g, want a positive number", c.Sigma)
	}
	if c.ext == nil || len(c.pre) == 0 || len(c.pre[0]) != nPre || len(c.post[0]) != nPost {
		return fmt.Errorf("distance: positions not laid out for %d -> %d neurons (Layout first)", nPre, nPost)
	}
	return nil
}

// Connect implements Connector: one Bernoulli draw per pair, in row-major
// order, from r.
func (c *Distance) Connect(nPre, nPost int, same bool, r *rand.Rand, add func(int, int)) error {
	if err := c.check(nPre, nPost); err != nil {
		return err
	}
	if c.P0 == 0 {
		return nil
	}
	k := -0.5 / (c.Sigma * c.Sigma)
	for i := range nPre {
		for j := range nPost {
			if same && i == j && !c.Autapses {
				continue
			}
			if r.Float64() < c.P0*math.Exp(k*c.dist2(i, j)) {
				add(i, j)
			}
		}
	}
	return nil
}

// Prob returns the connection probability of source i and target j (after
// Layout).
func (c *Distance) Prob(i, j int) float64 {
	return c.P0 * math.Exp(-c.dist2(i, j)/(2*c.Sigma*c.Sigma))
}

func (c *Distance) String() string {
	s := fmt.Sprintf("distance(p0=%g, sigma=%g", c.P0, c.Sigma)
	if c.Periodic {
		s += ", periodic"
	}
	if c.Positions == RandomPositions {
		s += ", random positions"
	}
	return s + ")"
}

// EstimateSynapses implements Estimator, once Layout has placed the
// neurons: the expected number, the sum of the pairs' probabilities, over
// every target when there are at most 10^7 pairs, else over evenly spaced
// targets and scaled. Before Layout it returns the bound nPre x nPost.
func (c *Distance) EstimateSynapses(nPre, nPost int, same bool) (int64, bool) {
	if c.check(nPre, nPost) != nil {
		return satMul(int64(nPre), int64(nPost)), false
	}
	if c.P0 == 0 {
		return 0, true
	}
	stride := max(1, int(float64(nPre)*float64(nPost)/1e7))
	sum, seen := 0.0, 0
	for j := 0; j < nPost; j += stride {
		for i := range nPre {
			if !(same && i == j && !c.Autapses) {
				sum += c.Prob(i, j)
			}
		}
		seen++
	}
	return satFloat(sum * float64(nPost) / float64(seen)), false
}
