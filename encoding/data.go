package encoding

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"

	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Filters returns the filters a Data population accepts (besides "", none).
func Filters() []string { return []string{"dog_on", "dog_off", "dog", "gabor"} }

// tol absorbs rounding in the spike-time formulas: a time that is a whole
// number of steps up to rounding falls in that step.
const tol = 1e-9

// Data is a population whose spikes encode data samples: images or
// arrays, presented one after another. It is the model of kind "data".
//
// # Schedule
//
// Sample after sample is presented for present ms and followed by rest ms
// of silence; the whole set is shown epochs times, in file order or, with
// shuffle, in an order drawn afresh for every epoch from the population's
// seeded stream (the network seed and the population name). Sample slot
// m (0, 1, ...) starts at step m*(P+R), P = round(present/dt) and R =
// round(rest/dt) steps; after the last epoch the population is silent.
// The variables "sample" and "label" hold, in every neuron, the index (in
// file order) and label of the sample being presented or rested after
// (-1 when none is left), for monitors; Go code may call SampleAt.
//
// # Intensities
//
// Images are read as gray values in [0, 1] (see ReadImage); arrays as
// they are. normalize divides each sample by its largest value. A filter
// ("dog_on", "dog_off", "dog", "gabor"; see Filter.Apply) replaces each
// sample by its rectified, normalised response. Encoders take intensities
// v in [0, 1]; Init reports values outside.
//
// # Encoders
//
// The Encoder makes the spikes during presentations (an Encoder
// implementation; encoder = NAME in the network language selects a
// registered one). The built-in encoders, with t the step since the
// sample's onset (0 <= t < P), dt in ms, and v_i the intensity of neuron
// i:
//
//   - poisson (PoissonEncoder, the default): neuron i spikes in each
//     step with probability p_i = v_i*max_rate*dt/1000 (rate
//     v_i*max_rate Hz), drawn from the chunk's seeded stream.
//   - bernoulli (BernoulliEncoder): probability p_i = v_i*max_prob per step.
//   - ttfs (TTFSEncoder, time to first spike): one spike at t_i =
//     window*(1 - v_i) ms after onset, in step floor(t_i/dt) (at most W-1, W =
//     round(window/dt)): the larger the value the earlier. Values <=
//     threshold stay silent (by default zeros; a negative threshold lets
//     zeros fire at the end of the window).
//   - rank_order (RankOrderEncoder): one spike, in step floor(W*r_i/M),
//     where r_i is the number of values of the sample larger than v_i and M the number of
//     values above threshold (those below stay silent): only the order of
//     the values matters; the largest fire at onset, equal values together.
//   - position (PositionEncoder, Gaussian population coding): each value
//     drives position_neurons neurons (a trailing dimension of the population's
//     shape) whose tuning curves are Gaussians centred on μ_k = k/(K-1),
//     k = 0..K-1, of width σ = position_sigma (default 1/(K-1)); neuron
//     (i, k) is Poisson with rate max_rate*exp(-(v_i - μ_k)²/(2σ²)) Hz: the
//     neurons preferring values near v_i fire most.
//   - repeat (RepeatEncoder): the sample as a constant current I_i =
//     v_i*max_rate held for the presentation and integrated by a perfect integrate-and-fire
//     unit from 0 at onset (u += I_i*dt/1000, a spike each time u reaches
//     a whole number): a regular spike train of exactly v_i*max_rate Hz,
//     the deterministic twin of poisson. The Go stimulus Current injects
//     the current itself into another population instead.
//
// The window of ttfs and rank_order (default: present) must not exceed
// present.
type Data struct {
	neurons.Trace
	Source      string  `param:"source" doc:"sample file (.png .jpg .gif .pgm .npy .csv), directory of them (subdirectories: one per class) or glob pattern, relative to the network file"`
	Labels      string  `param:"labels" doc:"CSV file of labels (\"file,label\" rows, or one label per row in sample order); unset: labels from file names such as 3_x.png"`
	Stacked     bool    `param:"stacked" doc:"a .npy or .csv source holds many samples along its first axis (rows)"`
	Normalize   bool    `param:"normalize" doc:"divide each sample by its largest value"`
	Filter      string  `param:"filter" doc:"filter applied before encoding: \"dog_on\", \"dog_off\", \"dog\" (both, 2 channels), \"gabor\" or unset"`
	FilterSize  int     `param:"filter_size" unit:"px" doc:"filter kernel size (odd)"`
	Sigma1      float64 `param:"sigma1" unit:"px" doc:"DoG centre width"`
	Sigma2      float64 `param:"sigma2" unit:"px" doc:"DoG surround width (> sigma1)"`
	Orientation float64 `param:"orientation" unit:"deg" doc:"Gabor orientation: 0 prefers vertical bars, 90 horizontal"`
	Wavelength  float64 `param:"wavelength" unit:"px" doc:"Gabor wavelength"`
	Sigma       float64 `param:"sigma" unit:"px" doc:"Gabor envelope width"`
	Aspect      float64 `param:"aspect" doc:"Gabor aspect ratio"`
	Phase       float64 `param:"phase" unit:"deg" doc:"Gabor phase (0: even, bar detector; 90: odd, edge detector)"`
	Present     float64 `param:"present" unit:"ms" doc:"presentation time of each sample"`
	Rest        float64 `param:"rest" unit:"ms" doc:"silence after each sample"`
	Epochs      int     `param:"epochs" doc:"number of passes over the samples"`
	Shuffle     bool    `param:"shuffle" doc:"present the samples in a new seeded random order every epoch"`

	// Encoder turns the intensities into spikes (by default poisson at
	// up to 100 Hz). The network language sets it from encoder = NAME
	// and its parameters (SetEncoder).
	Encoder Encoder

	// Samples, if set, are the data instead of Source's files (for use
	// from Go). Their shapes must agree.
	Samples []Sample

	baseDir string
	key     string // what the samples in vals were prepared from
	names   []string
	vals    [][]float64 // intensities per sample, after filter and normalisation (all in memory)
	labels  []int
	shape   []int // a sample's shape after the filter

	enc                 Encoder // the encoder Init prepared
	pSteps, period      int
	slots               int
	order               [][]int32
	k                   int // neurons per value (position), else 1
	sampleVar, labelVar []float64
}

// NewData returns a Data model with the defaults: Poisson encoding at up
// to 100 Hz, samples presented for 100 ms with no rest, one epoch in file
// order; DoG 7 px with sigma1 1 and sigma2 2; Gabor sigma 2, wavelength
// 4, aspect 0.5; the additive trace of input
// populations (tau_s 10 ms).
func NewData() *Data {
	return &Data{
		Trace:      neurons.Trace{SpikeTrace: true, AdditiveSpikeTrace: true, TauS: neurons.Param{10}, TraceScale: neurons.Param{1}},
		Encoder:    &PoissonEncoder{MaxRate: DefaultMaxRate},
		FilterSize: 7, Sigma1: 1, Sigma2: 2,
		Wavelength: 4, Sigma: 2, Aspect: 0.5,
		Present: 100, Epochs: 1,
	}
}

// SetEncoder sets the encoder; the network language calls it with the
// encoder that encoder = NAME selects.
func (m *Data) SetEncoder(e Encoder) { m.Encoder = e }

// Kind returns "data".
func (m *Data) Kind() string { return "data" }

// IgnoresInput returns true: the spikes encode the data, not the input.
func (m *Data) IgnoresInput() bool { return true }

// SetBaseDir sets the directory a relative Source or Labels path is
// resolved in; the network language sets it to the network file's
// directory.
func (m *Data) SetBaseDir(dir string) { m.baseDir = dir }

// DataShape returns the population shape the data call for: a sample's
// shape (after the filter), or the shape an encoder that is a Reshaper
// makes of it (position: a trailing dimension of position_neurons). It
// reads the samples.
func (m *Data) DataShape() ([]int, error) {
	if err := m.prepare(); err != nil {
		return nil, err
	}
	return m.popShape(), nil
}

// popShape returns the population shape of the prepared samples.
func (m *Data) popShape() []int {
	if r, ok := m.Encoder.(Reshaper); ok {
		return r.Shape(slices.Clone(m.shape))
	}
	return slices.Clone(m.shape)
}

// Len returns the number of samples (once read by Init or DataShape).
func (m *Data) Len() int { return len(m.vals) }

// Names returns the samples' names (files) in index order.
func (m *Data) Names() []string { return m.names }

// SampleLabels returns the samples' labels in index order (-1: none).
func (m *Data) SampleLabels() []int { return m.labels }

// Duration returns the time in ms the schedule takes: epochs x samples x
// (present + rest), once the samples are read.
func (m *Data) Duration() float64 {
	return float64(m.Epochs*len(m.vals)) * (m.Present + m.Rest)
}

// path resolves a relative path against the base directory.
func (m *Data) path(p string) string {
	if p == "" || filepath.IsAbs(p) || m.baseDir == "" {
		return p
	}
	return filepath.Join(m.baseDir, p)
}

// prepare reads, filters, normalises and checks the samples, unless they
// were already prepared from the same settings.
func (m *Data) prepare() error {
	f := Filter{Kind: m.Filter, Size: m.FilterSize, Sigma1: m.Sigma1, Sigma2: m.Sigma2,
		Orientation: m.Orientation, Wavelength: m.Wavelength, Sigma: m.Sigma, Aspect: m.Aspect, Phase: m.Phase}
	key := fmt.Sprintf("%q %q %q %v %v %+v", m.baseDir, m.Source, m.Labels, m.Stacked, m.Normalize, f)
	if m.Samples != nil {
		key += fmt.Sprintf(" go %p %d", &m.Samples[0], len(m.Samples))
	}
	if key == m.key {
		return nil
	}
	if m.Filter != "" && !slices.Contains(Filters(), m.Filter) {
		return paramerr.Errorf("filter", -1, "filter %q: want one of %s, or none", m.Filter, strings.Join(Filters(), ", "))
	}
	samples := m.Samples
	if samples == nil {
		if m.Source == "" {
			return paramerr.Errorf("source", -1, "parameter source is not set: give a sample file, a directory or a pattern")
		}
		var err error
		samples, err = Load(m.path(m.Source), m.path(m.Labels), m.Stacked)
		if err != nil {
			return err
		}
	} else if len(samples) == 0 {
		return fmt.Errorf("no samples")
	}
	m.names, m.vals, m.labels, m.shape, m.key = nil, nil, nil, nil, ""
	for i, s := range samples {
		if len(s.Shape) == 0 || prod(s.Shape) != len(s.Data) {
			return fmt.Errorf("sample %d (%s): shape %v holds %d values, have %d", i, s.Name, s.Shape, prod(s.Shape), len(s.Data))
		}
		if m.Normalize {
			peak := 0.0
			for _, v := range s.Data {
				peak = max(peak, v)
			}
			if peak > 0 {
				d := make([]float64, len(s.Data))
				for j, v := range s.Data {
					d[j] = v / peak
				}
				s.Data = d
			}
		}
		if m.Filter != "" {
			var err error
			if s, err = f.Apply(s); err != nil {
				return fmt.Errorf("sample %s: %w", s.Name, err)
			}
		}
		if i == 0 {
			m.shape = slices.Clone(s.Shape)
		} else if !slices.Equal(s.Shape, m.shape) {
			return fmt.Errorf("sample %s has shape %s, the first sample %s", s.Name, dims(s.Shape), dims(m.shape))
		}
		for j, x := range s.Data {
			if !(x >= 0 && x <= 1) {
				return fmt.Errorf("sample %s has value %g at index %d; encoders take intensities in [0, 1] (set normalize = true or rescale the data)", s.Name, x, j)
			}
		}
		v := slices.Clone(s.Data)
		m.names, m.vals, m.labels = append(m.names, s.Name), append(m.vals, v), append(m.labels, s.Label)
	}
	m.key = key
	return nil
}

// Init implements neurons.Model: it reads the samples (once), checks the
// parameters and the population size, and draws the presentation orders
// from r.
func (m *Data) Init(n int, dt float64, r *rand.Rand) error {
	if m.Encoder == nil {
		return paramerr.Errorf("encoder", -1, "no encoder is set")
	}
	if err := m.prepare(); err != nil {
		return err
	}
	if !(m.Present > 0) || math.IsInf(m.Present, 0) || !(m.Rest >= 0) || math.IsInf(m.Rest, 0) {
		return paramerr.Errorf("present", -1, "parameters present = %g ms and rest = %g ms: want present > 0 and rest >= 0", m.Present, m.Rest)
	}
	m.pSteps = int(math.Round(m.Present / dt))
	if m.pSteps < 1 {
		return paramerr.Errorf("present", -1, "parameter present is %g ms, less than one step of %g ms", m.Present, dt)
	}
	m.period = m.pSteps + int(math.Round(m.Rest/dt))
	if m.Epochs < 1 {
		return paramerr.Errorf("epochs", -1, "parameter epochs is %d, want at least 1", m.Epochs)
	}
	m.slots = m.Epochs * len(m.vals)
	popShape := m.popShape()
	size := prod(popShape)
	if n != size {
		what := dims(m.shape)
		if !slices.Equal(popShape, m.shape) {
			what += fmt.Sprintf(" encoded as %s by %s", dims(popShape), m.Encoder.Kind())
		}
		return fmt.Errorf("the samples are %s (%d neurons), the population has %d neurons: leave out n and shape to take the data's", what, size, n)
	}
	if size%len(m.vals[0]) != 0 {
		return fmt.Errorf("encoder %s makes %d neurons of %d values: want a whole number of neurons per value", m.Encoder.Kind(), size, len(m.vals[0]))
	}
	m.k = size / len(m.vals[0])
	if err := m.Encoder.Init(Setup{N: n, Samples: m.vals, Shape: slices.Clone(m.shape), Dt: dt, Present: m.Present, Steps: m.pSteps}); err != nil {
		return err
	}
	m.enc = m.Encoder
	m.order = nil
	if m.Shuffle {
		base := r.Uint64()
		m.order = make([][]int32, m.Epochs)
		for e := range m.order {
			perm := rand.New(rand.NewPCG(base, uint64(e))).Perm(len(m.vals))
			m.order[e] = make([]int32, len(perm))
			for i, p := range perm {
				m.order[e][i] = int32(p)
			}
		}
	}
	m.sampleVar, m.labelVar = make([]float64, n), make([]float64, n)
	idx, _ := m.at(0)
	for i := range n {
		m.sampleVar[i], m.labelVar[i] = float64(idx), float64(m.labels[idx])
	}
	return nil
}

// at returns the index of the sample of step k (-1 after the last) and the
// number of steps since its onset.
func (m *Data) at(k int) (idx, t int) {
	slot := k / m.period
	if k < 0 || slot >= m.slots {
		return -1, 0
	}
	n := len(m.vals)
	e, pos := slot/n, slot%n
	if m.order != nil {
		return int(m.order[e][pos]), k % m.period
	}
	return pos, k % m.period
}

// SampleAt returns the index (in file order) and label of the sample
// presented, or rested after, in step k; -1, -1 once every epoch is done.
// It is valid after Init.
func (m *Data) SampleAt(k int) (index, label int) {
	idx, _ := m.at(k)
	if idx < 0 {
		return -1, -1
	}
	return idx, m.labels[idx]
}

// Status describes the presentation of step k for people, e.g. "sample
// 3/24 of epoch 2/20: 1_045deg_0.png (label 1)". It is valid after Init.
func (m *Data) Status(k int) string {
	idx, _ := m.at(k)
	if idx < 0 {
		return fmt.Sprintf("all %d samples presented", len(m.vals))
	}
	slot := k / m.period
	n := len(m.vals)
	out := fmt.Sprintf("sample %d/%d of epoch %d/%d: %s", slot%n+1, n, slot/n+1, m.Epochs, m.names[idx])
	if m.labels[idx] >= 0 {
		out += fmt.Sprintf(" (label %d)", m.labels[idx])
	}
	return out
}

// Intensity returns the intensity neuron j encodes in step k: its value of
// the sample being presented (for position, the value its group encodes),
// or 0 outside presentations. It is valid after Init.
func (m *Data) Intensity(k, j int) float64 {
	idx, t := m.at(k)
	if idx < 0 || t >= m.pSteps {
		return 0
	}
	return m.vals[idx][j/m.k]
}

// Step implements neurons.Model: the input x is ignored.
func (m *Data) Step(c neurons.Chunk, _ []float64, s []bool) {
	idx, t := m.at(c.Step)
	sv, lv := -1.0, -1.0
	if idx >= 0 {
		sv, lv = float64(idx), float64(m.labels[idx])
	}
	for i := c.Lo; i < c.Hi; i++ {
		m.sampleVar[i], m.labelVar[i] = sv, lv
	}
	out := s[c.Lo:c.Hi]
	if idx < 0 || t >= m.pSteps {
		clear(out)
		return
	}
	m.enc.Encode(c, Frame{Sample: idx, Values: m.vals[idx], Step: t}, s)
}

// Vars implements neurons.Model.
func (m *Data) Vars() []string { return []string{"sample", "label"} }

// Var implements neurons.Model: "sample" and "label" hold, in every
// neuron, the index and label of the current sample (-1 when none).
func (m *Data) Var(name string) []float64 {
	switch name {
	case "sample":
		return m.sampleVar
	case "label":
		return m.labelVar
	}
	return nil
}

func prod(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// dims formats a shape as 28x28x1.
func dims(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "x")
}
