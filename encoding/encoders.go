package encoding

import (
	"math"
	"slices"

	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Encoder turns the intensities of the sample being presented into the
// spikes of a data population (Data): it is the component of kind
// "encoder" that encoder = NAME selects in a population with model =
// "data". Its parameters are tagged fields (see package component), set
// from the population block's attributes or from an encoder "NAME" { ...
// } block; register one with component.Registry.RegisterEncoder. An
// encoder serves one population.
type Encoder interface {
	// Kind is the encoder's name in the network language, e.g. "poisson".
	Kind() string
	// Init checks the parameters and prepares the encoder for the
	// samples of s; a paramerr.Error names the parameter at fault.
	Init(s Setup) error
	// Encode sets s[i] for the neurons i of the chunk, c.Lo <= i < c.Hi,
	// in step f.Step of the presentation of a sample. Random draws must
	// come from c.Rand, the chunk's seeded stream, so that the spikes are
	// the same for any number of workers. Chunks are encoded
	// concurrently: an encoder with state keeps it per neuron, and resets
	// it when f.Step is 0 (the sample's onset).
	Encode(c neurons.Chunk, f Frame, s []bool)
}

// Reshaper is implemented by encoders that drive more than one neuron per
// value (position): Shape returns the population's shape for samples of
// the given shape, the sample's shape followed by further dimensions.
type Reshaper interface {
	Shape(sample []int) []int
}

// Setup is what an encoder is prepared for (Encoder.Init).
type Setup struct {
	// N is the number of neurons of the population: the number of
	// values of a sample, or the product of the Shape of a Reshaper.
	N int
	// Samples holds the intensities, in [0, 1], of every sample in file
	// order; all have the same shape, Shape.
	Samples [][]float64
	Shape   []int
	// Dt is the time step and Present the presentation time in ms; Steps
	// = round(Present/Dt) >= 1 is the number of steps of a presentation.
	Dt, Present float64
	Steps       int
}

// Frame is one step of the presentation of a sample (Encoder.Encode).
type Frame struct {
	// Sample is the index of the sample in file order, Values its
	// intensities (Setup.Samples[Sample]).
	Sample int
	Values []float64
	// Step is the number of steps since the sample's onset, 0 <= Step <
	// Setup.Steps.
	Step int
}

// DefaultMaxRate is the default max_rate of the built-in encoders, in Hz.
const DefaultMaxRate = 100

// rateScale returns the spike probability per step of max_rate Hz,
// checking that it is at most 1.
func rateScale(maxRate, dt float64) (float64, error) {
	scale := maxRate * dt / 1000
	if !(scale >= 0 && scale <= 1) {
		return 0, paramerr.Errorf("max_rate", -1, "parameter max_rate is %g Hz, want 0 to one spike per step (%g Hz)", maxRate, 1000/dt)
	}
	return scale, nil
}

// PoissonEncoder is the poisson encoder: neuron i spikes in each step
// with probability v_i*max_rate*dt/1000.
type PoissonEncoder struct {
	MaxRate float64 `param:"max_rate" unit:"Hz" min:"0" doc:"rate of intensity 1: spike with probability v*max_rate*dt/1000 per step"`
	scale   float64
}

// Kind returns "poisson".
func (e *PoissonEncoder) Kind() string { return "poisson" }

// Init implements Encoder.
func (e *PoissonEncoder) Init(s Setup) (err error) {
	e.scale, err = rateScale(e.MaxRate, s.Dt)
	return err
}

// Encode implements Encoder.
func (e *PoissonEncoder) Encode(c neurons.Chunk, f Frame, s []bool) {
	bernoulli(c, f.Values, e.scale, s)
}

// bernoulli draws s[i] with probability v[i]*scale.
func bernoulli(c neurons.Chunk, v []float64, scale float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		s[i] = c.Rand.Float64() < v[i]*scale
	}
}

// BernoulliEncoder is the bernoulli encoder: neuron i spikes in each step
// with probability v_i*max_prob.
type BernoulliEncoder struct {
	MaxProb float64 `param:"max_prob" min:"0" max:"1" doc:"spike probability per step of intensity 1"`
}

// Kind returns "bernoulli".
func (e *BernoulliEncoder) Kind() string { return "bernoulli" }

// Init implements Encoder.
func (e *BernoulliEncoder) Init(Setup) error {
	if !(e.MaxProb >= 0 && e.MaxProb <= 1) {
		return paramerr.Errorf("max_prob", -1, "parameter max_prob is %g, want a probability in [0, 1]", e.MaxProb)
	}
	return nil
}

// Encode implements Encoder.
func (e *BernoulliEncoder) Encode(c neurons.Chunk, f Frame, s []bool) {
	bernoulli(c, f.Values, e.MaxProb, s)
}

// Latency holds the parameters of the ttfs and rank_order encoders: one
// spike per value within a window after the onset.
type Latency struct {
	Window    float64 `param:"window" unit:"ms" min:"0" doc:"coding window; 0 for present"`
	Threshold float64 `param:"threshold" doc:"values <= threshold stay silent"`
	windowMs  float64
	wSteps    int
}

// init checks the window against the presentation.
func (l *Latency) init(s Setup) error {
	l.windowMs = l.Window
	if l.windowMs == 0 {
		l.windowMs = s.Present
	}
	l.wSteps = int(math.Round(l.windowMs / s.Dt))
	if l.wSteps < 1 || l.wSteps > s.Steps {
		return paramerr.Errorf("window", -1, "parameter window is %g ms, want at least one step (%g ms) and at most present (%g ms)", l.Window, s.Dt, s.Present)
	}
	if math.IsNaN(l.Threshold) || math.IsInf(l.Threshold, 0) {
		return paramerr.Errorf("threshold", -1, "parameter threshold is %g, want a finite number", l.Threshold)
	}
	return nil
}

// TTFSEncoder is the ttfs (time to first spike) encoder: one spike at
// window*(1 - v_i) ms after the onset.
type TTFSEncoder struct {
	Latency
	dt float64
}

// Kind returns "ttfs".
func (e *TTFSEncoder) Kind() string { return "ttfs" }

// Init implements Encoder.
func (e *TTFSEncoder) Init(s Setup) error {
	e.dt = s.Dt
	return e.init(s)
}

// Encode implements Encoder.
func (e *TTFSEncoder) Encode(c neurons.Chunk, f Frame, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		x := f.Values[i]
		s[i] = x > e.Threshold && ttfsStep(x, e.windowMs, e.dt, e.wSteps) == f.Step
	}
}

// ttfsStep returns the step after onset of the TTFS spike of value x:
// floor(window*(1-x)/dt), at most w-1.
func ttfsStep(x, window, dt float64, w int) int {
	return min(int(math.Floor(window*(1-x)/dt+tol)), w-1)
}

// RankOrderEncoder is the rank_order encoder: one spike per value, in the
// order of the values.
type RankOrderEncoder struct {
	Latency
	rank [][]int32 // spike step per sample and value, -1 for none
}

// Kind returns "rank_order".
func (e *RankOrderEncoder) Kind() string { return "rank_order" }

// Init implements Encoder: it ranks the values of every sample.
func (e *RankOrderEncoder) Init(s Setup) error {
	if err := e.init(s); err != nil {
		return err
	}
	e.rank = make([][]int32, len(s.Samples))
	for i, v := range s.Samples {
		e.rank[i] = rankSteps(v, e.Threshold, e.wSteps)
	}
	return nil
}

// Encode implements Encoder.
func (e *RankOrderEncoder) Encode(c neurons.Chunk, f Frame, s []bool) {
	r := e.rank[f.Sample]
	for i := c.Lo; i < c.Hi; i++ {
		s[i] = int(r[i]) == f.Step
	}
}

// PositionEncoder is the position (Gaussian population) encoder: each
// value drives position_neurons Poisson neurons with Gaussian tuning
// curves.
type PositionEncoder struct {
	PosNeurons    int     `param:"position_neurons" min:"2" doc:"neurons per value (a trailing dimension of the shape)"`
	PosSigma      float64 `param:"position_sigma" min:"0" doc:"width of the tuning curves; 0 for 1/(position_neurons-1)"`
	MaxRate       float64 `param:"max_rate" unit:"Hz" min:"0" doc:"rate at the centre of a tuning curve"`
	scale, sigma2 float64
}

// Kind returns "position".
func (e *PositionEncoder) Kind() string { return "position" }

// Shape implements Reshaper: a trailing dimension of position_neurons.
func (e *PositionEncoder) Shape(sample []int) []int {
	return append(append([]int(nil), sample...), e.PosNeurons)
}

// Init implements Encoder.
func (e *PositionEncoder) Init(s Setup) error {
	if e.PosNeurons < 2 {
		return paramerr.Errorf("position_neurons", -1, "parameter position_neurons is %d, want at least 2", e.PosNeurons)
	}
	sig := e.PosSigma
	if sig == 0 {
		sig = 1 / float64(e.PosNeurons-1)
	}
	if !(sig > 0) || math.IsInf(sig, 0) {
		return paramerr.Errorf("position_sigma", -1, "parameter position_sigma is %g, want a positive width", e.PosSigma)
	}
	e.sigma2 = 2 * sig * sig
	var err error
	e.scale, err = rateScale(e.MaxRate, s.Dt)
	return err
}

// Encode implements Encoder.
func (e *PositionEncoder) Encode(c neurons.Chunk, f Frame, s []bool) {
	k := e.PosNeurons
	for i := c.Lo; i < c.Hi; i++ {
		d := f.Values[i/k] - float64(i%k)/float64(k-1)
		s[i] = c.Rand.Float64() < e.scale*math.Exp(-d*d/e.sigma2)
	}
}

// RepeatEncoder is the repeat encoder: a regular train of v_i*max_rate Hz
// from a perfect integrator of the constant current v_i*max_rate.
type RepeatEncoder struct {
	MaxRate float64 `param:"max_rate" unit:"Hz" min:"0" doc:"rate of intensity 1: a regular train of v*max_rate Hz"`
	scale   float64
}

// Kind returns "repeat".
func (e *RepeatEncoder) Kind() string { return "repeat" }

// Init implements Encoder.
func (e *RepeatEncoder) Init(s Setup) (err error) {
	e.scale, err = rateScale(e.MaxRate, s.Dt)
	return err
}

// Encode implements Encoder.
func (e *RepeatEncoder) Encode(c neurons.Chunk, f Frame, s []bool) {
	t := float64(f.Step)
	for i := c.Lo; i < c.Hi; i++ {
		a := f.Values[i] * e.scale
		s[i] = math.Floor(a*(t+1)+tol) > math.Floor(a*t+tol)
	}
}

// rankSteps returns the rank-order spike step of each value: floor(w*r/M)
// with r the number of larger values and M the number above threshold;
// -1 for values at or below threshold.
func rankSteps(v []float64, threshold float64, w int) []int32 {
	idx := make([]int, 0, len(v))
	for i, x := range v {
		if x > threshold {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case v[a] > v[b]:
			return -1
		case v[a] < v[b]:
			return 1
		}
		return 0
	})
	out := make([]int32, len(v))
	for i := range out {
		out[i] = -1
	}
	m := len(idx)
	rank := 0
	for pos, i := range idx {
		if pos > 0 && v[i] < v[idx[pos-1]] {
			rank = pos
		}
		out[i] = int32(w * rank / m)
	}
	return out
}
