package graph

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// RandomStimulus is a Stimulus that draws random numbers. Compile calls
// Seed before Init with the network's seed and the stimulus's position
// among the network's stimuli; the stimulus draws from streams derived
// from the seed and its name (or, unnamed, its position), one per chunk
// of its target, so its draws do not depend on the number of workers.
// Sim.Reset calls Reset, which must restore the state after Init with
// fresh streams.
type RandomStimulus interface {
	Stimulus
	// SetName names the stimulus's streams (stimulus/NAME); the network
	// language gives the stimulus block's label.
	SetName(name string)
	Seed(seed uint64, index int)
	Reset()
}

// JumpStimulus is a Stimulus that moves the target's membrane potential
// directly. In every step, after the target's input current is summed
// and before the model's step, the Sim clears the target's jump buffer
// (neurons.Population.Jumps) for the chunk and calls AddJumps, which adds
// the voltage jumps (mV) of step k to dv[j] for j in [lo, hi). The model
// adds them to v right after integration and before the threshold test
// (see neurons.Jumper). The target's model must be a neurons.Jumper.
type JumpStimulus interface {
	Stimulus
	AddJumps(k int, dv []float64, lo, hi int)
}

// chunkStreams are a stimulus's random streams, one per chunk of its
// target, found by the chunk's first neuron.
type chunkStreams struct {
	seed uint64
	key  string
	los  []int
	rs   []*rand.Rand
	// start holds each stream's initial PCG state (hi, lo), for draws
	// found by their position in the stream (see at).
	start [][2]uint64
}

// init derives one stream per chunk of p from seed and key.
func (c *chunkStreams) init(p *neurons.Population) {
	n := p.NumChunks()
	c.los, c.rs, c.start = make([]int, n), make([]*rand.Rand, n), make([][2]uint64, n)
	for i := range n {
		c.los[i] = p.Chunk(i, 0).Lo
		src := dist.StreamSource(c.seed, c.key, uint64(i))
		c.start[i][0], c.start[i][1] = dist.PCGState(src)
		c.rs[i] = rand.New(src)
	}
}

// chunkOf returns the chunk that holds neuron lo and its first neuron.
func (c *chunkStreams) chunkOf(lo int) (int, int) {
	i := sort.SearchInts(c.los, lo)
	if i == len(c.los) || c.los[i] != lo {
		i = max(0, i-1)
	}
	return i, c.los[i]
}

// at returns the stream of the chunk that starts at neuron lo.
func (c *chunkStreams) at(lo int) *rand.Rand {
	i := sort.SearchInts(c.los, lo)
	if i == len(c.los) || c.los[i] != lo {
		i = max(0, i-1) // lo inside a chunk: a caller that does not follow the chunking
	}
	return c.rs[i]
}

// streamKey is the stream name of a stimulus: its name, or its position.
func streamKey(name string, index int) string {
	if name == "" {
		name = fmt.Sprintf("#%d", index)
	}
	return "stimulus/" + name
}

// PoissonInput is Brian2's PoissonInput and NEST's poisson_generator
// with a multiplicity: every neuron of Pop receives N independent Poisson
// sources of Rate Hz, each spike a jump of Weight mV in v. No synapses
// are stored: the number of source spikes a neuron receives in a step is
// drawn as one Poisson count with mean lambda = N*Rate*dt/1000 (the
// superposition of N Poisson processes is a Poisson process of rate
// N*Rate, so this is exact, not the binomial approximation), from the
// stream of the neuron's chunk: for lambda >= 10 with gonum's
// distuv.Poisson, below by inversion of the cumulative distribution
// (one uniform draw per neuron and step, against a table computed at
// Init, its search started by a guide table indexed by the draw's top
// bits), which is exact and about 15 times faster than gonum's direct
// method (3.3 against 51 ns a draw at lambda 4). v jumps by count*Weight
// right after the integration of the step and before the threshold
// test, as NEST delivers spikes to iaf_psc_delta (refractory neurons
// ignore them).
type PoissonInput struct {
	Pop *neurons.Population
	// Name names the stimulus's random stream (stimulus/NAME).
	Name string
	// N is the number of sources per neuron, Rate their rate (Hz) and
	// Weight the jump of v per source spike (mV; negative inhibits).
	N      int
	Rate   float64
	Weight float64

	lambda float64
	cdf    []float64 // P(count <= k) for lambda < 10
	guide  []uint8   // guide[m]: where the search of u in [m, m+1)/len starts
	jump   []float64 // jump[k] = k*Weight for k < len(cdf)
	str    chunkStreams
	sizes  []int // neurons per chunk of Pop
}

// Target implements Stimulus.
func (p *PoissonInput) Target() *neurons.Population { return p.Pop }

// SetName implements RandomStimulus.
func (p *PoissonInput) SetName(name string) { p.Name = name }

// Seed implements RandomStimulus.
func (p *PoissonInput) Seed(seed uint64, index int) {
	p.str.seed, p.str.key = seed, streamKey(p.Name, index)
}

// Init implements Stimulus.
func (p *PoissonInput) Init(dt float64) error {
	if p.N < 0 {
		return fmt.Errorf("poisson_input: n = %d sources, want 0 or more", p.N)
	}
	if !(p.Rate >= 0) || math.IsInf(p.Rate, 0) {
		return fmt.Errorf("poisson_input: rate %g Hz, want a finite rate >= 0", p.Rate)
	}
	if math.IsNaN(p.Weight) || math.IsInf(p.Weight, 0) {
		return fmt.Errorf("poisson_input: weight %g mV, want a finite number", p.Weight)
	}
	if _, err := p.Pop.Jumps(); err != nil {
		return fmt.Errorf("poisson_input: %w", err)
	}
	p.lambda = float64(p.N) * p.Rate * dt / 1000
	p.cdf, p.guide, p.jump = nil, nil, nil
	if p.lambda < 10 {
		p.cdf = poissonCDF(p.lambda)
		p.guide = poissonGuide(p.cdf)
		p.jump = make([]float64, len(p.cdf))
		for k := range p.jump {
			p.jump[k] = float64(k) * p.Weight
		}
	}
	p.str.init(p.Pop)
	p.sizes = make([]int, p.Pop.NumChunks())
	for c := range p.sizes {
		ch := p.Pop.Chunk(c, 0)
		p.sizes[c] = ch.Hi - ch.Lo
	}
	return nil
}

// piecewise reports whether AddJumps may be called for parts of a chunk
// in parallel (the runner's pieces): below mean 10 every neuron takes
// exactly one draw per step, so the draw of neuron j in step k is the
// (k*size + j - lo)-th of its chunk's stream, found by jumping ahead.
func (p *PoissonInput) piecewise() bool { return p.cdf != nil }

// Reset implements RandomStimulus.
func (p *PoissonInput) Reset() { p.str.init(p.Pop) }

// Add implements Stimulus: a PoissonInput injects no current.
func (p *PoissonInput) Add(int, []float64, int, int) {}

// AddJumps implements JumpStimulus.
func (p *PoissonInput) AddJumps(step int, dv []float64, lo, hi int) {
	if p.lambda == 0 || p.Weight == 0 {
		return
	}
	if p.lambda >= 10 {
		r := p.str.at(lo)
		d := distuv.Poisson{Lambda: p.lambda, Src: r}
		for j := lo; j < hi; j++ {
			dv[j] += d.Rand() * p.Weight
		}
		return
	}
	// One draw per neuron and step: start at this range's place in the
	// chunk's stream, so that parts of a chunk can draw in parallel. The
	// draws are those of reading the stream neuron by neuron, step by
	// step.
	c, first := p.str.chunkOf(lo)
	hi0, lo0 := dist.PCGAdvance(p.str.start[c][0], p.str.start[c][1], uint64(step)*uint64(p.sizes[c])+uint64(lo-first))
	p.drawJumps(hi0, lo0, dv[lo:hi])
}

// drawJumps adds the jumps of one draw each to dv from the PCG stream in
// state (hi, lo): the draws of rand.PCG.Uint64 made into rand.Rand's
// Float64 u, and the count the smallest k with u < cdf[k] (poissonTail
// beyond the table). The guide table gives where the search starts: u
// in [m, m+1)/len(guide) has a count of at least guide[m], the number of
// table entries <= m/len(guide); the top bits of the draw are m.
func (p *PoissonInput) drawJumps(hi, lo uint64, dv []float64) {
	const (
		mulHi    = 2549297995355413924
		mulLo    = 4865540595714422341
		incHi    = 6364136223846793005
		incLo    = 1442695040888963407
		cheapMul = 0xda942042e4dd58b5
	)
	cdf, jump := p.cdf, p.jump
	guide := (*[guideLen]uint8)(p.guide)
	for j := range dv {
		// rand.PCG.Uint64: state = state*mul + inc, then the DXSM output.
		h, l := bits.Mul64(lo, mulLo)
		h += hi*mulLo + lo*mulHi
		l, c := bits.Add64(l, incLo, 0)
		h, _ = bits.Add64(h, incHi, c)
		hi, lo = h, l
		h ^= h >> 32
		h *= cheapMul
		h ^= h >> 48
		h *= l | 1
		x := h << 11 >> 11
		u := float64(x) / (1 << 53) // rand.Rand.Float64
		k := int(guide[x>>(53-guideBits)])
		for k < len(cdf) && u >= cdf[k] {
			k++
		}
		if k < len(jump) {
			dv[j] += jump[k]
			continue
		}
		k = poissonTail(u, p.lambda, len(cdf)-1, cdf[len(cdf)-1])
		dv[j] += float64(k) * p.Weight
	}
}

// guideBits is the number of top bits of a uniform draw that index the
// guide table of the inversion.
const (
	guideBits = 10
	guideLen  = 1 << guideBits
)

// poissonGuide returns the guide table of the inversion by cdf: entry m
// is the number of entries of cdf at most m/guideLen (exact in floating
// point), where the search for a u >= m/guideLen may start.
func poissonGuide(cdf []float64) []uint8 {
	g := make([]uint8, guideLen)
	k := 0
	for m := range g {
		for k < len(cdf) && cdf[k] <= float64(m)/guideLen {
			k++
		}
		g[m] = uint8(min(k, 255))
	}
	return g
}

// poissonCDF returns the cumulative probabilities P(X <= k) of a Poisson
// count of mean lambda for k = 0, 1, ... past the mean until P(X = k)
// falls below 1e-17 (beyond that poissonTail continues).
func poissonCDF(lambda float64) []float64 {
	pk := math.Exp(-lambda)
	cdf := []float64{pk}
	for k := 1; float64(k) <= lambda || pk > 1e-17; k++ {
		pk *= lambda / float64(k)
		cdf = append(cdf, cdf[len(cdf)-1]+pk)
	}
	return cdf
}

// poissonTail continues the inversion beyond the table: the smallest k >
// last with P(X <= k) > u, from P(X <= last) = c.
func poissonTail(u, lambda float64, last int, c float64) int {
	pk := math.Exp(-lambda)
	for k := 1; k <= last; k++ {
		pk *= lambda / float64(k)
	}
	k := last
	for c <= u && pk > 0 {
		k++
		pk *= lambda / float64(k)
		c += pk
	}
	return k
}

// TimedCurrent is Brian2's TimedArray as a current: bin b of Values holds
// the current from b*Dt to (b+1)*Dt ms, and step k (at t = k*dt) takes
// bin floor(t/Dt); after the last bin the last value holds. Values has
// one row per time bin with one value shared by every neuron or one per
// neuron (Brian2's values[time, neuron]).
type TimedCurrent struct {
	Pop    *neurons.Population
	Dt     float64
	Values [][]float64

	dt float64
}

// Target implements Stimulus.
func (t *TimedCurrent) Target() *neurons.Population { return t.Pop }

// Init implements Stimulus.
func (t *TimedCurrent) Init(dt float64) error {
	if !(t.Dt > 0) || math.IsInf(t.Dt, 0) {
		return fmt.Errorf("timed: dt = %g ms, want a positive bin width", t.Dt)
	}
	if len(t.Values) == 0 {
		return fmt.Errorf("timed: no values")
	}
	n := t.Pop.Len()
	width := len(t.Values[0])
	if width != 1 && width != n {
		return fmt.Errorf("timed: bin 0 has %d values for %d neurons (want 1 or %d)", width, n, n)
	}
	for b, row := range t.Values {
		if len(row) != width {
			return fmt.Errorf("timed: bin %d has %d values, bin 0 has %d (every bin needs as many)", b, len(row), width)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("timed: value %d of bin %d is %g", j, b, v)
			}
		}
	}
	t.dt = dt
	return nil
}

// Bin returns the bin of step k.
func (t *TimedCurrent) Bin(k int) int {
	// The small relative slack keeps k*dt that is a whole number of bins
	// up to rounding (0.3/0.1) in that bin.
	b := int(math.Floor(float64(k) * t.dt / t.Dt * (1 + 1e-12)))
	return min(b, len(t.Values)-1)
}

// Add implements Stimulus.
func (t *TimedCurrent) Add(k int, x []float64, lo, hi int) {
	row := t.Values[t.Bin(k)]
	if len(row) == 1 {
		for j := lo; j < hi; j++ {
			x[j] += row[0]
		}
		return
	}
	for j := lo; j < hi; j++ {
		x[j] += row[j]
	}
}

// SineCurrent injects Offset + Amplitude*sin(2*pi*Frequency*t/1000 +
// Phase) into every neuron in step k, t = k*dt ms, Frequency in Hz and
// Phase in radians.
type SineCurrent struct {
	Pop                                 *neurons.Population
	Amplitude, Frequency, Phase, Offset float64

	dt float64
}

// Target implements Stimulus.
func (s *SineCurrent) Target() *neurons.Population { return s.Pop }

// Init implements Stimulus.
func (s *SineCurrent) Init(dt float64) error {
	for _, v := range []float64{s.Amplitude, s.Frequency, s.Phase, s.Offset} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("sine: amplitude %g, frequency %g, phase %g, offset %g: want finite values", s.Amplitude, s.Frequency, s.Phase, s.Offset)
		}
	}
	s.dt = dt
	return nil
}

// At returns the current of step k.
func (s *SineCurrent) At(k int) float64 {
	t := float64(k) * s.dt
	return s.Offset + s.Amplitude*math.Sin(2*math.Pi*s.Frequency*t/1000+s.Phase)
}

// Add implements Stimulus.
func (s *SineCurrent) Add(k int, x []float64, lo, hi int) {
	a := s.At(k)
	for j := lo; j < hi; j++ {
		x[j] += a
	}
}

// RampCurrent injects a current that rises (or falls) linearly from From
// at Start to To at Stop (ms): in the steps k with Start <= k*dt < Stop
// (boundaries rounded to whole steps) the current is From +
// (To-From)*(k*dt-Start)/(Stop-Start); outside them it is zero.
type RampCurrent struct {
	Pop                   *neurons.Population
	Start, Stop, From, To float64
	dt                    float64
	first, end            int
}

// Target implements Stimulus.
func (r *RampCurrent) Target() *neurons.Population { return r.Pop }

// Init implements Stimulus.
func (r *RampCurrent) Init(dt float64) error {
	if !(r.Start >= 0) || !(r.Stop > r.Start) || math.IsInf(r.Stop, 0) || math.IsNaN(r.From) || math.IsInf(r.From, 0) || math.IsNaN(r.To) || math.IsInf(r.To, 0) {
		return fmt.Errorf("ramp (start %g, stop %g, from %g, to %g): want 0 <= start < stop and finite values", r.Start, r.Stop, r.From, r.To)
	}
	r.dt = dt
	r.first, r.end = int(math.Round(r.Start/dt)), int(math.Round(r.Stop/dt))
	return nil
}

// At returns the current of step k.
func (r *RampCurrent) At(k int) float64 {
	if k < r.first || k >= r.end {
		return 0
	}
	return r.From + (r.To-r.From)*(float64(k)*r.dt-r.Start)/(r.Stop-r.Start)
}

// Add implements Stimulus.
func (r *RampCurrent) Add(k int, x []float64, lo, hi int) {
	a := r.At(k)
	if a == 0 {
		return
	}
	for j := lo; j < hi; j++ {
		x[j] += a
	}
}

// OUCurrent is an Ornstein-Uhlenbeck current, independent in every
// neuron: tau dI/dt = mean - I + sigma*sqrt(2*tau)*xi(t), with
// stationary mean Mean and standard deviation Sigma. It starts in the
// stationary distribution, I(0) ~ N(Mean, Sigma^2), and advances with the
// exact update
//
//	I += (Mean - I)*(1 - exp(-dt/Tau)) + Sigma*sqrt(1 - exp(-2*dt/Tau))*N(0, 1)
//
// after step k used I; the normal draws come from the stream of the
// neuron's chunk.
type OUCurrent struct {
	Pop *neurons.Population
	// Name names the stimulus's random stream (stimulus/NAME).
	Name             string
	Mean, Sigma, Tau float64

	a, b float64
	i    []float64
	str  chunkStreams
}

// Target implements Stimulus.
func (o *OUCurrent) Target() *neurons.Population { return o.Pop }

// SetName implements RandomStimulus.
func (o *OUCurrent) SetName(name string) { o.Name = name }

// Seed implements RandomStimulus.
func (o *OUCurrent) Seed(seed uint64, index int) {
	o.str.seed, o.str.key = seed, streamKey(o.Name, index)
}

// Init implements Stimulus.
func (o *OUCurrent) Init(dt float64) error {
	if math.IsNaN(o.Mean) || math.IsInf(o.Mean, 0) || !(o.Sigma >= 0) || math.IsInf(o.Sigma, 0) || !(o.Tau > 0) || math.IsInf(o.Tau, 0) {
		return fmt.Errorf("ou (mean %g, sigma %g, tau %g): want a finite mean, sigma >= 0 and tau > 0", o.Mean, o.Sigma, o.Tau)
	}
	o.a = -math.Expm1(-dt / o.Tau)
	o.b = o.Sigma * math.Sqrt(-math.Expm1(-2*dt/o.Tau))
	o.Reset()
	return nil
}

// Reset implements RandomStimulus.
func (o *OUCurrent) Reset() {
	o.str.init(o.Pop)
	o.i = make([]float64, o.Pop.Len())
	for c := range o.str.los {
		ch := o.Pop.Chunk(c, 0)
		r := o.str.rs[c]
		for j := ch.Lo; j < ch.Hi; j++ {
			o.i[j] = o.Mean + o.Sigma*r.NormFloat64()
		}
	}
}

// State returns the current of every neuron for the next step.
func (o *OUCurrent) State() []float64 { return o.i }

// Add implements Stimulus: it adds I and advances I by one step.
func (o *OUCurrent) Add(_ int, x []float64, lo, hi int) {
	r := o.str.at(lo)
	for j := lo; j < hi; j++ {
		x[j] += o.i[j]
		o.i[j] += (o.Mean-o.i[j])*o.a + o.b*r.NormFloat64()
	}
}
