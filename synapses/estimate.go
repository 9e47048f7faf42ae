package synapses

import (
	"math"

	"github.com/synapticflow/synapticflow-go/dist"
)

// Bytes per synapse, measured with runtime.ReadMemStats on edges of 10^7
// to 10^8 synapses (see TestEstimateMatchesMemory):
const (
	// BytesPerSynapse is what a built synapse keeps: an int32 target and
	// a float64 weight (row pointers come on top, 8 bytes per source
	// neuron).
	BytesPerSynapse = 12
	// SharedBytesPerSynapse is what a synapse keeps on an edge whose
	// synapses share one weight (a constant weight, no learning rule,
	// mask or norm): its int32 target.
	SharedBytesPerSynapse = 4
	// BuildBytesPerSynapse is the peak while an edge is built by a
	// connector that does not make its synapses in storage order (the
	// connector's source and target lists, the sort order and the drawn
	// weights live beside the final arrays for a moment): 28 to 37 bytes
	// were measured for fixed_indegree edges. Connectors that make them in
	// order (dense, random, one_to_one, fixed_outdegree, fixed_total,
	// distance, a list sorted by source) build in place: their peak is
	// what they keep (fixed_total adds its sorted draws, 8 bytes each).
	BuildBytesPerSynapse = 40
	// DelayBytesPerSynapse is what per-synapse delays add kept (an int32
	// each); BuildDelayBytesPerSynapse what they add at the peak of a
	// build out of storage order.
	DelayBytesPerSynapse      = 4
	BuildDelayBytesPerSynapse = 12
	// PlasticBytesPerSynapse is what a learning rule's index adds (source,
	// column index and the column's sources, int32 each).
	PlasticBytesPerSynapse = 12
)

// Estimator is a Connector that can tell how many synapses it will make
// before it makes them, so that a network can be refused before it runs
// out of memory. All the connectors of this package implement it.
type Estimator interface {
	// EstimateSynapses returns the number of synapses between nPre and
	// nPost neurons (same: source and target are one population), or an
	// estimate (exact false: the expected number of a random topology, or
	// an upper bound). It saturates at math.MaxInt64 and never allocates.
	EstimateSynapses(nPre, nPost int, same bool) (n int64, exact bool)
}

// satMul multiplies non-negative numbers, saturating at math.MaxInt64.
func satMul(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}

// satFloat converts a non-negative float to int64, saturating.
func satFloat(x float64) int64 {
	if !(x > 0) {
		return 0
	}
	if x >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(math.Round(x))
}

// EstimateSynapses implements Estimator: nPre x nPost, exactly.
func (Dense) EstimateSynapses(nPre, nPost int, _ bool) (int64, bool) {
	return satMul(int64(nPre), int64(nPost)), true
}

// EstimateSynapses implements Estimator: the expected number, p times the
// pairs (autapses left out unless allowed), exact for p = 0 and p = 1.
func (c Random) EstimateSynapses(nPre, nPost int, same bool) (int64, bool) {
	pairs := float64(nPre) * float64(nPost)
	if same && !c.Autapses {
		pairs -= float64(min(nPre, nPost))
	}
	return satFloat(c.P * pairs), c.P == 0 || c.P == 1
}

// EstimateSynapses implements Estimator: K per target neuron, exactly
// (whether K is possible is Connect's to check).
func (c FixedInDegree) EstimateSynapses(_, nPost int, _ bool) (int64, bool) {
	return satMul(int64(max(c.K, 0)), int64(nPost)), true
}

// EstimateSynapses implements Estimator: one per neuron, exactly.
func (OneToOne) EstimateSynapses(nPre, nPost int, _ bool) (int64, bool) {
	return int64(min(nPre, nPost)), nPre == nPost
}

// EstimateSynapses implements Estimator: the length of the list.
func (l List) EstimateSynapses(int, int, bool) (int64, bool) {
	return int64(len(l.Pre)), true
}

// windowSynapses bounds the synapses of a sliding window: every target
// neuron reads at most k*k positions of cin channels. It is exact
// without padding. Before Layout it falls back to nPre x nPost.
func windowSynapses(w window, k, pad, nPre, nPost int) (int64, bool) {
	if w.k == 0 {
		return satMul(int64(nPre), int64(nPost)), false
	}
	cin := int64(1)
	if w.full {
		cin = int64(w.in[2])
	}
	n := satMul(satMul(satMul(int64(nPost), int64(k)), int64(k)), cin)
	return n, pad == 0
}

// EstimateSynapses implements Estimator, once Layout has read the shapes
// (before, it returns the upper bound nPre x nPost).
func (c *Conv2D) EstimateSynapses(nPre, nPost int, _ bool) (int64, bool) {
	return windowSynapses(c.win, c.KernelSize, c.Padding, nPre, nPost)
}

// EstimateSynapses implements Estimator, once Layout has read the shapes.
func (l *Local2D) EstimateSynapses(nPre, nPost int, _ bool) (int64, bool) {
	return windowSynapses(l.win, l.KernelSize, l.Padding, nPre, nPost)
}

// EstimateSynapses implements Estimator, once Layout has read the shapes.
func (p *Pool2D) EstimateSynapses(nPre, nPost int, _ bool) (int64, bool) {
	return windowSynapses(p.win, p.KernelSize, 0, nPre, nPost)
}

// Memory is an edge's estimated memory.
type Memory struct {
	// Synapses is the number of synapses (or its estimate, see Exact).
	Synapses int64
	// Exact reports whether Synapses is the number that will be built.
	Exact bool
	// Kept is what the built edge keeps, in bytes: synapses, row
	// pointers, delay buffers and learning indices.
	Kept int64
	// Peak is the most it holds while it is built, in bytes (>= Kept).
	Peak int64
}

// EstimateMemory estimates, without building anything, how many synapses
// the edge has and the memory it needs with time step dt (ms). It calls
// the Layout of a spatial connector (which Init calls again). For a
// connector that is not an Estimator the synapses are unknown: Synapses
// is 0 and Exact false, and only the row pointers and delay buffers are
// counted (so that a sparse custom topology is never refused as dense).
func (s *Synapse) EstimateMemory(dt float64) Memory {
	if s.Pre == nil || s.Post == nil {
		return Memory{Exact: true}
	}
	nPre, nPost := s.Pre.Len(), s.Post.Len()
	var c Connector = Dense{}
	if s.Connect != nil {
		c = s.Connect
	}
	if sp, ok := c.(Spatial); ok {
		_ = sp.Layout(s.Pre, s.Post) // Init reports the error
	}
	var m Memory
	if e, ok := c.(Estimator); ok {
		m.Synapses, m.Exact = e.EstimateSynapses(nPre, nPost, s.Pre == s.Post)
	}
	perSyn, buildPerSyn := int64(BytesPerSynapse), int64(BuildBytesPerSynapse)
	if s.sharesWeight(c) {
		perSyn = SharedBytesPerSynapse
	}
	_, isConst := s.Delay.(dist.Const)
	l, isList := asList(c)
	if (s.Delay != nil && !isConst) || (isList && l.Delay != nil) {
		perSyn += DelayBytesPerSynapse
		buildPerSyn += BuildDelayBytesPerSynapse
	}
	if s.Rule != nil {
		perSyn += PlasticBytesPerSynapse
	}
	if _, ok := c.(*Conv2D); ok {
		perSyn += 4 // the kernel entry of each synapse
	}
	if inOrder(c) {
		// Built in place; a random topology's target list is reserved
		// for six standard deviations above the expected number.
		buildPerSyn = perSyn
		if _, ok := c.(FixedTotal); ok {
			buildPerSyn += 8 // its sorted draws
		}
	}
	// The delay ring: one float64 per target neuron and delay step.
	slots := int64(1)
	if steps, ok := maxDelaySteps(s.Delay, dt); ok {
		slots += steps
	}
	fixed := satAdd(satMul(int64(nPre)+1, 8), satMul(satMul(slots, int64(nPost)), 8))
	if s.Rule != nil {
		fixed = satAdd(fixed, satMul(int64(nPost)+1, 8))
	}
	// A weight matrix from a file is kept beside the synapses.
	fixed = satAdd(fixed, satMul(int64(len(s.WeightMatrix)), 8))
	m.Kept = satAdd(satMul(m.Synapses, perSyn), fixed)
	m.Peak = max(m.Kept, satAdd(satMul(m.Synapses, buildPerSyn), fixed))
	return m
}

// sharesWeight reports whether the edge will store one weight for all
// its synapses (see Synapse.W).
func (s *Synapse) sharesWeight(c Connector) bool {
	if _, ok := s.Weight.(dist.Const); !ok || s.WeightMatrix != nil || s.Rule != nil || s.Mask != nil || s.Norm > 0 {
		return false
	}
	if l, ok := asList(c); ok {
		return l.Weight == nil
	}
	switch c.(type) {
	case *Conv2D, *Local2D:
		return false
	}
	return true
}

// inOrder reports whether a connector makes its synapses in storage
// (CSR) order, sources ascending, so that the edge is built in place.
func inOrder(c Connector) bool {
	switch c := c.(type) {
	case Dense, Random, OneToOne, FixedOutDegree, FixedTotal, *Distance:
		return true
	case List, *List:
		l, _ := asList(c)
		for k := 1; k < len(l.Pre); k++ {
			if l.Pre[k] < l.Pre[k-1] {
				return false
			}
		}
		return true
	}
	return false
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// maxDelaySteps returns the longest delay a distribution can draw, in
// steps of dt, where it is bounded (Init refuses delays beyond 2^20
// steps).
func maxDelaySteps(d dist.Dist, dt float64) (int64, bool) {
	if !(dt > 0) {
		return 0, false
	}
	var hi float64
	switch d := d.(type) {
	case nil:
		return 1, true
	case dist.Const:
		hi = float64(d)
	case dist.Uniform:
		hi = d.Max
	case dist.Clipped:
		hi = d.Max
	default:
		return 0, false
	}
	steps := math.Round(hi / dt)
	if !(steps >= 0) {
		return 0, false
	}
	return int64(min(steps, 1<<20)), true
}
