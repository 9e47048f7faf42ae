package synapses

import (
	"fmt"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
	"math/rand/v2"
	"slices"
	"unsafe"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/internal/prefetch"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// Synapse is an edge of synapses from one population to another: its
// topology, weights, delays, kernel and learning rule. Create one with New,
// set its fields, add it to a network; the network calls Init, Deliver and
// Emit.
//
// Synapses are stored in compressed sparse row form grouped by source
// neuron: the targets of source neuron i are PostIdx[RowPtr[i]:RowPtr[i+1]]
// with weights W[RowPtr[i]:RowPtr[i+1]].
type Synapse struct {
	// Name identifies the edge in the network, in errors and in outputs.
	Name string
	// Pre and Post are the source and target populations.
	Pre, Post *neurons.Population
	// Connect is the topology (default Dense).
	Connect Connector
	// Weight draws each synapse's weight (default uniform(0, 1), the
	// seed's). Weights are magnitudes: an inhibitory source delivers them
	// negated. Drawn weights are clipped to [WMin, WMax].
	Weight dist.Dist
	// WeightMatrix, if set, gives the weights instead: the synapse from i
	// to j gets WeightMatrix[i*NumPost()+j] (a NumPre x NumPost row-major
	// matrix, as Dense returns and netrun saves). It is still clipped to
	// [WMin, WMax].
	WeightMatrix []float64
	// Inhibitory makes the edge deliver negative currents whatever its
	// source population (for lateral inhibition within an excitatory
	// population; see Lateral).
	Inhibitory bool
	// WMin and WMax bound the weights (default 0 and +Inf).
	WMin, WMax float64
	// Norm, if > 0, scales the weights after they are drawn, clipped and
	// masked so that the absolute weights arriving at each target neuron
	// sum to Norm (the seed's normalize). The scaled weights are not
	// clipped again.
	Norm float64
	// Delay draws each synapse's transmission delay in ms, rounded to whole
	// steps (default: one step). A constant gives every synapse the same
	// delay.
	Delay dist.Dist
	// Kernel is what an arriving spike does to the target (default Delta).
	Kernel Kernel
	// Mask, if set, marks synapses whose weight is held at zero (the
	// seed's masks): Mask(i, j) true for the synapse from i to j.
	Mask func(pre, post int) bool
	// Rule is the learning rule (nil for none).
	Rule learning.Rule
	// BuildWorkers bounds the goroutines that Init may use to draw a
	// random (Bernoulli) topology (0 or 1: the calling one only). The
	// synapses are the same for any number.
	BuildWorkers int

	// RowPtr, PostIdx and W hold the synapses (see the type doc); D holds
	// per-synapse delays in steps (nil when all share delay DelaySteps).
	// W is nil while every synapse has the same weight (a dist.Const
	// weight, no learning rule, mask or norm): the weight is then stored
	// once (see SharedWeight), and Weights, Row and Var("w") build W on
	// first use.
	RowPtr     []int
	PostIdx    []int32
	W          []float64
	D          []int32
	DelaySteps int

	masked   []int
	ring     [][]float64
	sign     float64
	events   int64
	dt       float64
	inhib    bool
	postV    bool
	maxDelay int

	// wConst is every synapse's weight while W is nil.
	wConst float64
	// sortedRows: the targets of every row ascend (see Splittable).
	sortedRows bool
	// parts, bounds and split are the parts of the targets of
	// SplitTargets: part p is targets [bounds[p], bounds[p+1]), and the
	// synapses of row i in part p (p > 0) start at RowPtr[i] +
	// split[i*(parts-1)+p-1].
	parts  int
	bounds []int
	split  []int32

	plastic // what learning rules need: spike history, column index
}

// New returns an edge named name from pre to post with the defaults: dense,
// weights uniform in [0, 1), bounds [0, +Inf), one-step delay, delta
// kernel, no learning.
func New(name string, pre, post *neurons.Population) *Synapse {
	return &Synapse{Name: name, Pre: pre, Post: post, WMin: 0, WMax: math.Inf(1)}
}

// Lateral returns an edge of lateral inhibition within p: every neuron
// inhibits every other (not itself) with weight w, delivered with a delay
// of one step whatever p's sign (the seed's phase-10 helper), as a
// one-step input current (CurrentPulse, the seed's delta kernel).
func Lateral(name string, p *neurons.Population, w float64) *Synapse {
	s := New(name, p, p)
	s.Connect = Random{P: 1}
	s.Weight, s.Kernel = dist.Const(w), &CurrentPulse{}
	s.Inhibitory = true
	return s
}

// Len returns the number of synapses (after Init).
func (s *Synapse) Len() int { return len(s.PostIdx) }

// SharedWeight returns the weight of every synapse and true while the
// edge stores one weight for all (W nil), else 0 and false.
func (s *Synapse) SharedWeight() (float64, bool) {
	if s.W == nil && s.PostIdx != nil {
		return s.wConst, true
	}
	return 0, false
}

// WeightValues returns the weights in CSR order without giving the edge
// its own copy: W when the synapses have their own weights, else a new
// slice of the shared weight (for outputs; rules use Weights).
func (s *Synapse) WeightValues() []float64 {
	if s.W != nil {
		return s.W
	}
	w := make([]float64, len(s.PostIdx))
	for at := range w {
		w[at] = s.wConst
	}
	return w
}

// weight returns the weight of synapse at.
func (s *Synapse) weight(at int) float64 {
	if s.W == nil {
		return s.wConst
	}
	return s.W[at]
}

// ownWeights gives every synapse its own weight in W (the shared one)
// if they share one.
func (s *Synapse) ownWeights() {
	if s.W != nil || s.PostIdx == nil {
		return
	}
	s.W = make([]float64, len(s.PostIdx))
	for at := range s.W {
		s.W[at] = s.wConst
	}
}

// Events returns the number of synaptic events (spikes transmitted through
// one synapse) since Init or the last Reset.
func (s *Synapse) Events() int64 { return s.events }

// MinDelay returns the shortest delay in steps (after Init).
func (s *Synapse) MinDelay() int {
	if s.D == nil {
		return s.DelaySteps
	}
	m := math.MaxInt
	for _, d := range s.D {
		m = min(m, int(d))
	}
	if m == math.MaxInt {
		return s.DelaySteps
	}
	return m
}

// Init builds the synapses for time step dt (ms), drawing topology, weights
// and delays from streams derived from seed and the edge's name. It
// reports the first problem it finds.
func (s *Synapse) Init(dt float64, seed uint64) error {
	if s.Pre == nil || s.Post == nil {
		return fmt.Errorf("synapse %q: missing source or target population", s.Name)
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return fmt.Errorf("synapse %q: time step %g ms, want a positive number", s.Name, dt)
	}
	if s.Connect == nil {
		s.Connect = Dense{}
	}
	if s.Kernel == nil {
		s.Kernel = &Delta{}
	}
	if math.IsNaN(s.WMin) || math.IsNaN(s.WMax) || s.WMin > s.WMax {
		return paramerr.Errorf("w_max", -1, "synapse %q: weight bounds [%g, %g] are empty", s.Name, s.WMin, s.WMax)
	}
	if !(s.Norm >= 0) || math.IsInf(s.Norm, 0) {
		return paramerr.Errorf("norm", -1, "synapse %q: norm %g, want a finite number >= 0", s.Name, s.Norm)
	}
	s.dt = dt
	nPre, nPost := s.Pre.Len(), s.Post.Len()
	spatial, _ := s.Connect.(Spatial)
	if sd, ok := s.Connect.(seeder); ok {
		sd.setSeed(seed)
	}
	if spatial != nil {
		if err := spatial.Layout(s.Pre, s.Post); err != nil {
			return fmt.Errorf("synapse %q: %w", s.Name, err)
		}
	}
	order, err := s.connect(nPre, nPost, seed)
	if err != nil {
		return fmt.Errorf("synapse %q (%v): %w", s.Name, s.Connect, err)
	}
	if err := s.initWeights(seed, order); err != nil {
		return fmt.Errorf("synapse %q: %w", s.Name, err)
	}
	if spatial != nil {
		switch spatial.(type) {
		case *Conv2D, *Local2D: // they write each synapse's weight
			s.ownWeights()
		}
		if err := spatial.Bind(s, seed); err != nil {
			return fmt.Errorf("synapse %q: %w", s.Name, err)
		}
	}
	if err := s.initDelays(seed, order); err != nil {
		return fmt.Errorf("synapse %q: %w", s.Name, err)
	}
	s.inhib = s.Pre.IsInhibitory || s.Inhibitory
	if err := s.Kernel.Init(nPost, dt, s.inhib); err != nil {
		return fmt.Errorf("synapse %q: %w", s.Name, err)
	}
	if b, ok := s.Kernel.(TargetBinder); ok {
		if err := b.BindTarget(s.Post); err != nil {
			return fmt.Errorf("synapse %q: %w", s.Name, err)
		}
	}
	s.sign = 1
	if s.inhib && s.Kernel.Signed() {
		s.sign = -1
	}
	s.postV = s.Kernel.NeedsV()
	if s.postV && s.Post.Var("v") == nil {
		return fmt.Errorf("synapse %q: the %s kernel needs the membrane potential v, and population %q (%s) has none", s.Name, s.Kernel.Kind(), s.Post.Name, s.Post.Model.Kind())
	}
	// Mask before normalising, so that the masked (zero) weights do not
	// count in each target's sum.
	s.SetMask(s.Mask)
	if s.Norm > 0 {
		s.Normalize()
	}
	s.ring = make([][]float64, s.maxDelay+1)
	for k := range s.ring {
		s.ring[k] = make([]float64, nPost)
	}
	s.events = 0
	if s.Rule != nil {
		s.ownWeights()
		s.initPlastic()
		if err := s.Rule.Init(s, dt); err != nil {
			return fmt.Errorf("synapse %q: learning rule: %w", s.Name, paramerr.In("learning", err))
		}
	}
	return nil
}

// connect draws the synapses and stores them in CSR form. It returns
// order: order[s] is the index in the connector's sequence of CSR synapse
// s, or nil when the connector made them in CSR order (sources
// ascending), which most do; the synapses are then stored as they come,
// without the connector's list of pairs or a sort.
func (s *Synapse) connect(nPre, nPost int, seed uint64) ([]int, error) {
	src := dist.StreamSource(seed, "synapse/"+s.Name+"/connect", 0)
	b := csrBuilder{rowPtr: make([]int, nPre+1), sorted: true, last: -1}
	if _, slow := s.Connect.(*Distance); !slow {
		if e, ok := s.Connect.(Estimator); ok {
			b.reserve(e, nPre, nPost, s.Pre == s.Post)
		}
	}
	if c, ok := s.Connect.(Random); ok && c.P > 0 && c.P < 1 && float64(nPre)*float64(nPost) < 1<<53 {
		connectRandom(c, nPre, nPost, s.Pre == s.Post, src, s.BuildWorkers, &b)
	} else if err := s.Connect.Connect(nPre, nPost, s.Pre == s.Post, rand.New(src), b.add); err != nil {
		return nil, err
	}
	if b.pre == nil {
		for i := range nPre {
			b.rowPtr[i+1] += b.rowPtr[i]
		}
		s.RowPtr, s.PostIdx, s.sortedRows = b.rowPtr, b.post, b.sorted
		if s.PostIdx == nil {
			s.PostIdx = []int32{}
		}
		return nil, nil
	}
	order := s.buildCSR(nPre, b.pre, b.post)
	s.sortedRows = true
	for i := range nPre {
		row := s.PostIdx[s.RowPtr[i]:s.RowPtr[i+1]]
		for at := 1; at < len(row); at++ {
			if row[at] < row[at-1] {
				s.sortedRows = false
				break
			}
		}
	}
	return order, nil
}

// csrBuilder takes the connector's synapses. While their sources ascend
// it stores only the targets and counts each row (rowPtr[i+1]); at the
// first source out of order it starts keeping the sources too (pre), for
// buildCSR to sort.
type csrBuilder struct {
	rowPtr []int
	post   []int32
	pre    []int32
	last   int  // source of the last synapse
	lastJ  int  // its target
	sorted bool // targets ascend within every row so far
}

// reserve sizes the target list for the connector's estimate (the
// expected number plus six standard deviations for a random one), so that
// it is not grown by copying.
func (b *csrBuilder) reserve(e Estimator, nPre, nPost int, same bool) {
	n, exact := e.EstimateSynapses(nPre, nPost, same)
	if !exact {
		n += 6*int64(math.Sqrt(float64(n))) + 64
	}
	if n > 0 && n <= 1<<31 {
		b.post = make([]int32, 0, n)
	}
}

func (b *csrBuilder) add(i, j int) {
	if b.pre != nil {
		b.pre, b.post = append(b.pre, int32(i)), append(b.post, int32(j))
		return
	}
	if i < b.last {
		// Out of CSR order: keep the sources of the synapses so far.
		b.pre = make([]int32, len(b.post), cap(b.post))
		at := 0
		for r := range len(b.rowPtr) - 1 {
			for range b.rowPtr[r+1] {
				b.pre[at] = int32(r)
				at++
			}
		}
		clear(b.rowPtr)
		b.pre, b.post = append(b.pre, int32(i)), append(b.post, int32(j))
		return
	}
	if i == b.last && j < b.lastJ {
		b.sorted = false
	}
	b.last, b.lastJ = i, j
	b.rowPtr[i+1]++
	b.post = append(b.post, int32(j))
}

// buildCSR sorts the synapses by source neuron (stably, so that the order
// of targets within a row is the order the connector gave) and returns
// order: order[s] is the index in the connector's sequence of CSR synapse s.
func (s *Synapse) buildCSR(nPre int, pre, post []int32) []int {
	s.RowPtr = make([]int, nPre+1)
	for _, i := range pre {
		s.RowPtr[i+1]++
	}
	for i := range nPre {
		s.RowPtr[i+1] += s.RowPtr[i]
	}
	next := append([]int(nil), s.RowPtr[:nPre]...)
	s.PostIdx = make([]int32, len(pre))
	order := make([]int, len(pre))
	for k, i := range pre {
		at := next[i]
		next[i]++
		s.PostIdx[at] = post[k]
		order[at] = k
	}
	return order
}

// initWeights gives the synapses their weights: one shared weight (W
// nil) for a constant distribution, else one each, drawn in the
// connector's order (order nil: the CSR order is the connector's).
func (s *Synapse) initWeights(seed uint64, order []int) error {
	n := len(s.PostIdx)
	s.W = nil
	if m := s.WeightMatrix; m != nil {
		s.W = make([]float64, n)
		nPost := s.Post.Len()
		if len(m) != s.Pre.Len()*nPost {
			return paramerr.Errorf("weight", -1, "weight matrix has %d values for %d x %d neurons", len(m), s.Pre.Len(), nPost)
		}
		for i := range len(s.RowPtr) - 1 {
			for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
				s.W[at] = m[i*nPost+int(s.PostIdx[at])]
			}
		}
	} else if l, ok := asList(s.Connect); ok && l.Weight != nil {
		s.W = make([]float64, n)
		if order == nil {
			copy(s.W, l.Weight)
		} else {
			for at, k := range order {
				s.W[at] = l.Weight[k]
			}
		}
	} else {
		d, err := s.weightDist()
		if err != nil {
			return err
		}
		if c, ok := d.(dist.Const); ok {
			s.wConst = float64(c)
			if math.IsNaN(s.wConst) || math.IsInf(s.wConst, 0) {
				if n > 0 {
					return paramerr.Errorf("weight", -1, "weight of synapse %d is %g", 0, s.wConst)
				}
				s.wConst = 0
			}
			s.wConst = math.Min(math.Max(s.wConst, s.WMin), s.WMax)
			return nil
		}
		// Draw in the connector's order so that weights do not depend on
		// the storage layout.
		r := dist.Stream(seed, "synapse/"+s.Name+"/weight", 0)
		s.W = make([]float64, n)
		if order == nil {
			for k := range s.W {
				s.W[k] = d.Sample(r)
			}
		} else {
			drawn := make([]float64, n)
			for k := range drawn {
				drawn[k] = d.Sample(r)
			}
			for at, k := range order {
				s.W[at] = drawn[k]
			}
		}
	}
	for k, w := range s.W {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return paramerr.Errorf("weight", -1, "weight of synapse %d is %g", k, w)
		}
		s.W[k] = math.Min(math.Max(w, s.WMin), s.WMax)
	}
	return nil
}

func (s *Synapse) initDelays(seed uint64, order []int) error {
	s.D, s.DelaySteps = nil, 1
	n := len(s.PostIdx)
	// perSyn(k) is the delay (ms) of the connector's synapse k.
	var perSyn func(k int) float64
	switch d := s.Delay.(type) {
	case nil:
	case dist.Const:
		steps, err := s.steps(float64(d))
		if err != nil {
			return err
		}
		s.DelaySteps = steps
	default:
		if err := d.Validate(); err != nil {
			return paramerr.Errorf("delay", -1, "delay: %w", err)
		}
		r := dist.Stream(seed, "synapse/"+s.Name+"/delay", 0)
		if order == nil {
			// Drawn in the connector's order, which is the CSR order.
			perSyn = func(int) float64 { return d.Sample(r) }
		} else {
			drawn := make([]float64, n)
			for k := range drawn {
				drawn[k] = d.Sample(r)
			}
			perSyn = func(k int) float64 { return drawn[k] }
		}
	}
	if l, ok := asList(s.Connect); ok && l.Delay != nil {
		perSyn = func(k int) float64 { return l.Delay[k] }
	}
	s.maxDelay = s.DelaySteps
	if perSyn != nil {
		s.D = make([]int32, n)
		s.maxDelay = 0
		for at := range s.D {
			k := at
			if order != nil {
				k = order[at]
			}
			steps, err := s.steps(perSyn(k))
			if err != nil {
				return err
			}
			s.D[at] = int32(steps)
			s.maxDelay = max(s.maxDelay, steps)
		}
	}
	return nil
}

// steps converts a delay in ms to whole steps.
func (s *Synapse) steps(ms float64) (int, error) {
	if !(ms >= 0) || math.IsInf(ms, 0) {
		return 0, paramerr.Errorf("delay", -1, "delay %g ms, want a finite delay >= 0", ms)
	}
	steps := math.Round(ms / s.dt)
	if steps > 1<<20 {
		return 0, paramerr.Errorf("delay", -1, "delay %g ms is more than 2^20 steps of %g ms", ms, s.dt)
	}
	return int(steps), nil
}

// SetMask sets the mask of synapses held at zero (nil clears it; weights
// zeroed before stay zero until changed).
func (s *Synapse) SetMask(mask func(pre, post int) bool) {
	s.Mask, s.masked = mask, nil
	if mask == nil {
		return
	}
	for i := range len(s.RowPtr) - 1 {
		for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
			if mask(i, int(s.PostIdx[at])) {
				s.masked = append(s.masked, at)
				s.ownWeights()
				s.W[at] = 0
			}
		}
	}
}

// ApplyMask sets the masked weights back to zero; the network calls it
// after learning.
func (s *Synapse) ApplyMask() {
	for _, at := range s.masked {
		s.W[at] = 0
	}
}

// Tie makes shared weights equal again after learning changed them (see
// Shared; nothing for other connectors). The network calls it after every
// learning step, after ApplyMask.
func (s *Synapse) Tie() {
	if sh, ok := s.Connect.(Shared); ok {
		sh.Tie(s)
	}
}

// Normalize scales the weights so that the absolute weights arriving at
// each target neuron sum to Norm (nothing if Norm is 0).
func (s *Synapse) Normalize() {
	if s.Norm > 0 {
		s.NormalizeTo(s.Norm)
	}
}

// NormalizeTo scales the weights so that the absolute weights arriving at
// each target neuron sum to total (targets with no weight are left alone).
func (s *Synapse) NormalizeTo(total float64) {
	s.ownWeights()
	sum := make([]float64, s.Post.Len())
	for at, j := range s.PostIdx {
		sum[j] += math.Abs(s.W[at])
	}
	for at, j := range s.PostIdx {
		if sum[j] > 0 {
			s.W[at] *= total / sum[j]
		}
	}
}

// Deliver adds this edge's input current for step k to x[j], for target
// neurons j in [lo, hi), and clears the delay buffer it read (the kernel
// consumes it). It may run in parallel for disjoint ranges.
func (s *Synapse) Deliver(k int, x []float64, lo, hi int) {
	var v []float64
	if s.postV {
		v = s.Post.Var("v")
	}
	s.Kernel.Deliver(s.arrivals(k), x, v, lo, hi)
}

// arrivals returns the delay buffer of the spikes that arrive in step k.
func (s *Synapse) arrivals(k int) []float64 { return s.ring[k%len(s.ring)] }

// DeliverAll sets x[j], for target neurons j in [lo, hi), to the sum of
// the input currents of edges (which all target the same population) for
// step k: the same sum, added in the same order, as clearing x and calling
// Deliver for each edge in turn, with fewer passes over the neurons. Two
// exponential kernels in a row are delivered in one pass, and the first
// exponential kernel writes x instead of adding to it. It may run in
// parallel for disjoint ranges.
func DeliverAll(edges []*Synapse, k int, x []float64, lo, hi int) {
	set := true // x[lo:hi] holds no term of the sum yet
	for i := 0; i < len(edges); i++ {
		e := edges[i]
		k1, ok := e.Kernel.(*Exponential)
		if !ok {
			if set {
				clear(x[lo:hi])
				set = false
			}
			e.Deliver(k, x, lo, hi)
			continue
		}
		if i+1 < len(edges) {
			if k2, ok := edges[i+1].Kernel.(*Exponential); ok {
				deliverExponentials(k1, k2, e.arrivals(k), edges[i+1].arrivals(k), x, lo, hi, set)
				set = false
				i++
				continue
			}
		}
		k1.deliver(e.arrivals(k), x, lo, hi, set)
		set = false
	}
	if set {
		clear(x[lo:hi])
	}
}

// Emit sends the spikes that the source neurons in fired (indices,
// ascending) emitted in step k into the delay buffers. A synapse of delay d
// delivers in step k+d. It is EmitStart followed by EmitRange over every
// target neuron.
func (s *Synapse) Emit(k int, fired []int32) {
	s.EmitStart(k, fired)
	s.EmitRange(k, fired, 0, len(s.ring[0]))
}

// EmitStart does the part of emitting the spikes fired in step k that is
// not split by target: it records them for the learning rule and counts
// the synaptic events, which it returns. Call it once per step, before
// EmitRange.
func (s *Synapse) EmitStart(k int, fired []int32) int {
	if s.hist != nil {
		s.remember(k, fired)
	}
	var events int
	for _, i := range fired {
		events += s.RowPtr[i+1] - s.RowPtr[i]
	}
	s.events += int64(events)
	return events
}

// Splittable reports whether EmitRange may be called for parts of the
// target neurons: the targets of every row are in ascending order (so
// that a part of a row is found by binary search), which the connectors
// that walk the pairs in order (dense, random, fixed_indegree, one_to_one,
// distance) give. Otherwise EmitRange must be given every target.
func (s *Synapse) Splittable() bool { return s.sortedRows }

// EmitRange adds the weights of the synapses of the source neurons in
// fired (step k) whose targets lie in [lo, hi) into the delay buffers.
// Each target's sum takes its terms in the same order (source neurons
// ascending, then the row's order) whatever the range, so calls for
// disjoint ranges, which may run in parallel, give the same bits as one
// call for all targets. On an edge that is not Splittable a part of the
// targets costs a test of every synapse of the spikes' rows.
func (s *Synapse) EmitRange(k int, fired []int32, lo, hi int) {
	whole := lo <= 0 && hi >= len(s.ring[0])
	base := k % len(s.ring)
	if !whole && !s.sortedRows {
		// Rows out of order: test every synapse's target.
		n := len(s.ring)
		for _, i := range fired {
			for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
				if j := int(s.PostIdx[at]); j >= lo && j < hi {
					r := base + s.DelaySteps
					if s.D != nil {
						r = base + int(s.D[at])
					}
					s.ring[r%n][j] += s.sign * s.weight(at)
				}
			}
		}
		return
	}
	for n, i := range fired {
		a, b := s.RowPtr[i], s.RowPtr[i+1]
		if !whole {
			a, b = s.searchRow(a, b, lo), s.searchRow(a, b, hi)
		}
		if n+2 < len(fired) {
			next := fired[n+2]
			s.prefetchRow(s.RowPtr[next], s.RowPtr[next+1])
		}
		if n == 0 && len(fired) > 1 {
			s.prefetchRow(s.RowPtr[fired[1]], s.RowPtr[fired[1]+1])
		}
		s.scatter(base, a, b)
	}
}

// prefetchSynapses is the most synapses of a row that prefetchRow asks
// for: rows of Brunel's size (1000) are asked for whole.
const prefetchSynapses = 1024

// prefetchRow asks for the cache lines of synapses [a, b) (at most
// prefetchSynapses of them): their targets, and their weights and delays
// if they have their own (see package internal/prefetch).
func (s *Synapse) prefetchRow(a, b int) {
	n := min(b-a, prefetchSynapses)
	if n <= 0 {
		return
	}
	lines := func(bytes int) int { return (bytes+63)/64 + 1 } // +1: the first may be cut
	prefetch.Lines(unsafe.Pointer(&s.PostIdx[a]), lines(4*n))
	if s.W != nil {
		prefetch.Lines(unsafe.Pointer(&s.W[a]), lines(8*n))
	}
	if s.D != nil {
		prefetch.Lines(unsafe.Pointer(&s.D[a]), lines(4*n))
	}
}

// searchRow returns the first synapse in [a, b) (a sorted row) whose
// target is at least j, or b.
func (s *Synapse) searchRow(a, b, j int) int {
	t := int32(j)
	for a < b {
		m := int(uint(a+b) >> 1)
		if s.PostIdx[m] < t {
			a = m + 1
		} else {
			b = m
		}
	}
	return a
}

// SplitTargets divides the target neurons into parts contiguous ranges of
// (nearly) equal size for EmitPart (see SplitTargetsAt).
func (s *Synapse) SplitTargets(parts int) {
	n := s.Post.Len()
	parts = max(1, min(parts, n))
	bounds := make([]int, parts+1)
	for p := range bounds {
		bounds[p] = p * n / parts
	}
	s.SplitTargetsAt(bounds)
}

// SplitTargetsAt divides the target neurons into the parts [bounds[p],
// bounds[p+1]) for EmitPart (bounds ascending from 0 to the number of
// targets), and finds where each row crosses from one part to the next
// (4 bytes per source neuron and part beyond the first). An edge that is
// not Splittable gets one part, whatever bounds.
func (s *Synapse) SplitTargetsAt(bounds []int) {
	n := s.Post.Len()
	if !s.sortedRows || len(bounds) < 3 {
		bounds = []int{0, n}
	}
	parts := len(bounds) - 1
	s.parts, s.bounds, s.split = parts, slices.Clone(bounds), nil
	if parts == 1 {
		return
	}
	nPre := len(s.RowPtr) - 1
	s.split = make([]int32, nPre*(parts-1))
	for i := range nPre {
		a, b := s.RowPtr[i], s.RowPtr[i+1]
		for p := 1; p < parts; p++ {
			s.split[i*(parts-1)+p-1] = int32(s.searchRow(a, b, s.bounds[p]) - a)
		}
	}
}

// Parts returns the number of parts of SplitTargets (1 before).
func (s *Synapse) Parts() int { return max(s.parts, 1) }

// PartBounds returns the target neurons [lo, hi) of part p of
// SplitTargets.
func (s *Synapse) PartBounds(p int) (lo, hi int) {
	if s.parts <= 1 {
		return 0, s.Post.Len()
	}
	return s.bounds[p], s.bounds[p+1]
}

// RowPart returns the synapses [lo, hi) of source neuron i whose targets
// lie in part p of SplitTargets.
func (s *Synapse) RowPart(i, p int) (lo, hi int) {
	lo, hi = s.RowPtr[i], s.RowPtr[i+1]
	if s.parts <= 1 {
		return lo, hi
	}
	q, row := s.parts-1, i*(s.parts-1)
	first := lo
	if p > 0 {
		lo = first + int(s.split[row+p-1])
	}
	if p < q {
		hi = first + int(s.split[row+p])
	}
	return lo, hi
}

// EmitPart is EmitRange over part p of the targets of SplitTargets,
// without searching the rows.
func (s *Synapse) EmitPart(k int, fired []int32, p int) {
	if s.parts <= 1 {
		s.EmitRange(k, fired, 0, len(s.ring[0]))
		return
	}
	q := s.parts - 1
	n := len(s.ring)
	base := k % n
	part := func(i int32) (a, b int) {
		a, b = s.RowPtr[i], s.RowPtr[i+1]
		row := int(i) * q
		if p > 0 {
			a = s.RowPtr[i] + int(s.split[row+p-1])
		}
		if p < q {
			b = s.RowPtr[i] + int(s.split[row+p])
		}
		return a, b
	}
	for n, i := range fired {
		a, b := part(i)
		if n+2 < len(fired) {
			s.prefetchRow(part(fired[n+2]))
		}
		if n == 0 && len(fired) > 1 {
			s.prefetchRow(part(fired[1]))
		}
		s.scatter(base, a, b)
	}
}

// scatter adds the weights of synapses [a, b) into the delay buffers of
// step base + delay.
func (s *Synapse) scatter(base, a, b int) {
	if a >= b {
		return
	}
	n := len(s.ring)
	post := s.PostIdx[a:b]
	if s.D == nil {
		slot := s.ring[(base+s.DelaySteps)%n]
		if s.W == nil {
			sw := s.sign * s.wConst
			for _, j := range post {
				slot[j] += sw
			}
			return
		}
		w := s.W[a:b]
		for at, j := range post {
			slot[j] += s.sign * w[at]
		}
		return
	}
	d := s.D[a:b]
	for at, j := range post {
		r := base + int(d[at])
		if r >= n {
			r -= n
		}
		s.ring[r][j] += s.sign * s.weight(a+at)
	}
}

// Reset clears the delay buffers, the kernel state, the event count and
// the rule's state. Weights are kept.
func (s *Synapse) Reset() {
	for _, slot := range s.ring {
		clear(slot)
	}
	s.Kernel.Reset()
	s.events = 0
	if s.Rule != nil {
		s.resetPlastic()
		s.Rule.Reset()
	}
}

// Var returns a state variable of the edge by name: "w" (the weights, in
// CSR order) or a kernel variable ("i", "g", one per target neuron).
func (s *Synapse) Var(name string) []float64 {
	if name == "w" {
		s.ownWeights()
		return s.W
	}
	return s.Kernel.Var(name)
}

// NumPre implements learning.Edge.
func (s *Synapse) NumPre() int { return s.Pre.Len() }

// NumPost implements learning.Edge.
func (s *Synapse) NumPost() int { return s.Post.Len() }

// Row implements learning.Edge.
func (s *Synapse) Row(i int) ([]int32, []float64) {
	s.ownWeights()
	lo, hi := s.RowPtr[i], s.RowPtr[i+1]
	return s.PostIdx[lo:hi], s.W[lo:hi]
}

// Bounds implements learning.Edge.
func (s *Synapse) Bounds() (float64, float64) { return s.WMin, s.WMax }

// Dense returns the weights as a NumPre x NumPost row-major matrix (zero
// where there is no synapse; parallel synapses add).
func (s *Synapse) Dense() []float64 {
	nPost := s.Post.Len()
	out := make([]float64, s.Pre.Len()*nPost)
	for i := range len(s.RowPtr) - 1 {
		for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
			out[i*nPost+int(s.PostIdx[at])] += s.weight(at)
		}
	}
	return out
}

var _ learning.Edge = (*Synapse)(nil)
