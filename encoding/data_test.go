package encoding_test

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// record runs a data population of the given shape for steps steps and
// returns the neurons that fired in each step, and the "sample" and
// "label" variables of neuron 0 in each step.
func record(t *testing.T, name string, m *encoding.Data, shape []int, dt float64, seed uint64, steps int) (fired [][]int, sample, label []float64) {
	t.Helper()
	p := neurons.NewShaped(name, shape, m)
	require.NoError(t, p.Init(dt, seed, 0))
	x := make([]float64, p.Len())
	for k := range steps {
		for c := range p.NumChunks() {
			require.NoError(t, p.Step(p.Chunk(c, k), x))
		}
		p.Collect()
		var f []int
		for _, i := range p.Fired {
			f = append(f, int(i))
		}
		fired = append(fired, f)
		sample = append(sample, p.Var("sample")[0])
		label = append(label, p.Var("label")[0])
	}
	return fired, sample, label
}

// firstSpike returns the first step each of n neurons fired in (-1: never).
func firstSpike(fired [][]int, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	for k := len(fired) - 1; k >= 0; k-- {
		for _, i := range fired[k] {
			out[i] = k
		}
	}
	return out
}

func counts(fired [][]int, n int) []int {
	out := make([]int, n)
	for _, f := range fired {
		for _, i := range f {
			out[i]++
		}
	}
	return out
}

func samples(vals ...[]float64) []encoding.Sample {
	var out []encoding.Sample
	for i, v := range vals {
		out = append(out, encoding.Sample{Name: string(rune('a' + i)), Shape: []int{1, len(v)}, Data: v, Label: 10 + i})
	}
	return out
}

func TestTTFS(t *testing.T) {
	// window 8 ms, dt 1 ms: t = 8*(1 - v) ms, one spike each; zero silent.
	m := encoding.NewData()
	m.Samples = samples([]float64{1, 0.75, 0.5, 0.25, 0, 0.01})
	m.Encoder, m.Present = &encoding.TTFSEncoder{Latency: encoding.Latency{Window: 8}}, 10
	fired, _, _ := record(t, "ttfs", m, []int{1, 6}, 1, 1, 10)
	// 8*(1-0.01) = 7.92 -> step 7.
	assert.Equal(t, []int{0, 2, 4, 6, -1, 7}, firstSpike(fired, 6))
	assert.Equal(t, []int{1, 1, 1, 1, 0, 1}, counts(fired, 6), "one spike each")

	// A negative threshold lets zeros fire at the end of the window.
	m = encoding.NewData()
	m.Samples = samples([]float64{0, 1})
	m.Encoder, m.Present = &encoding.TTFSEncoder{Latency: encoding.Latency{Window: 8, Threshold: -1}}, 10
	fired, _, _ = record(t, "ttfs0", m, []int{1, 2}, 1, 1, 10)
	assert.Equal(t, []int{7, 0}, firstSpike(fired, 2))

	// dt 0.5: t = 4*(1 - 0.4) = 2.4 ms -> step floor(4.8) = 4.
	m = encoding.NewData()
	m.Samples = samples([]float64{0.4})
	m.Encoder, m.Present = &encoding.TTFSEncoder{}, 4
	fired, _, _ = record(t, "ttfs_dt", m, []int{1, 1}, 0.5, 1, 8)
	assert.Equal(t, []int{4}, firstSpike(fired, 1))
}

func TestRankOrder(t *testing.T) {
	// Values 0.2, 0.9, 0.5, 0.5, 0: M = 4 non-zero values, ranks 3, 0, 1,
	// 1; window W = 8 steps: steps floor(8*r/4) = 6, 0, 2, 2; zero silent.
	m := encoding.NewData()
	m.Samples = samples([]float64{0.2, 0.9, 0.5, 0.5, 0})
	m.Encoder, m.Present = &encoding.RankOrderEncoder{Latency: encoding.Latency{Window: 8}}, 8
	fired, _, _ := record(t, "rank", m, []int{1, 5}, 1, 1, 8)
	assert.Equal(t, []int{6, 0, 2, 2, -1}, firstSpike(fired, 5))
	assert.Equal(t, []int{1, 1, 1, 1, 0}, counts(fired, 5))
}

func TestRepeat(t *testing.T) {
	// a = v*max_rate*dt/1000 per step; u = a*(t+1) crosses whole numbers.
	// v = 1, 100 Hz, dt 1: a = 0.1, spikes at t = 9, 19, ..., 99: 10 in
	// 100 ms. v = 0.3: a = 0.03, spikes at t = 33, 66, 99.
	m := encoding.NewData()
	m.Samples = samples([]float64{1, 0.3, 0})
	m.Encoder, m.Present, m.Rest = &encoding.RepeatEncoder{MaxRate: 100}, 100, 50
	fired, _, _ := record(t, "repeat", m, []int{1, 3}, 1, 1, 150)
	var times [3][]int
	for k, f := range fired {
		for _, i := range f {
			times[i] = append(times[i], k)
		}
	}
	assert.Equal(t, []int{9, 19, 29, 39, 49, 59, 69, 79, 89, 99}, times[0])
	assert.Equal(t, []int{33, 66, 99}, times[1])
	assert.Empty(t, times[2])
}

// binomialCheck asserts that count successes of trials with probability p
// lie within 5 standard deviations of the mean.
func binomialCheck(t *testing.T, count, trials int, p float64, msg string) {
	t.Helper()
	mean := float64(trials) * p
	sd := math.Sqrt(float64(trials) * p * (1 - p))
	assert.InDelta(t, mean, float64(count), 5*sd+1e-9, msg)
}

func TestPoissonAndBernoulli(t *testing.T) {
	const n, steps = 100, 2000
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = []float64{0, 0.25, 0.5, 1}[i%4]
	}
	for _, tc := range []struct {
		encoder string
		enc     encoding.Encoder
		scale   float64 // probability per step of intensity 1
	}{{"poisson", &encoding.PoissonEncoder{MaxRate: 200}, 200 * 0.5 / 1000}, {"bernoulli", &encoding.BernoulliEncoder{MaxProb: 0.3}, 0.3}} {
		t.Run(tc.encoder, func(t *testing.T) {
			m := encoding.NewData()
			m.Samples = []encoding.Sample{{Shape: []int{n}, Data: vals, Label: -1}}
			m.Encoder, m.Present = tc.enc, steps*0.5
			fired, _, _ := record(t, tc.encoder, m, []int{n}, 0.5, 3, steps)
			c := counts(fired, n)
			byLevel := make([]int, 4)
			for i, x := range c {
				byLevel[i%4] += x
			}
			assert.Zero(t, byLevel[0], "zero intensity is silent")
			for l, v := range []float64{0, 0.25, 0.5, 1} {
				binomialCheck(t, byLevel[l], steps*n/4, v*tc.scale, tc.encoder)
			}
			// Seeded: the same seed gives the same spikes, another seed others.
			again, _, _ := record(t, tc.encoder, m, []int{n}, 0.5, 3, steps)
			assert.Equal(t, fired, again)
			other, _, _ := record(t, tc.encoder, m, []int{n}, 0.5, 4, steps)
			assert.NotEqual(t, fired, other)
		})
	}
}

func TestPosition(t *testing.T) {
	// Two values, 5 neurons each, preferred values 0, .25, .5, .75, 1,
	// sigma 0.25: neuron (i, k) fires with probability
	// a*exp(-(v_i - k/4)²/(2*0.25²)), a = 400 Hz * 1 ms.
	const k, steps = 5, 4000
	m := encoding.NewData()
	m.Samples = []encoding.Sample{{Shape: []int{2}, Data: []float64{0.5, 1}, Label: -1}}
	m.Encoder, m.Present = &encoding.PositionEncoder{MaxRate: 400, PosNeurons: k}, steps
	shape, err := m.DataShape()
	require.NoError(t, err)
	require.Equal(t, []int{2, k}, shape)
	fired, _, _ := record(t, "pos", m, shape, 1, 5, steps)
	c := counts(fired, 2*k)
	for i, v := range []float64{0.5, 1} {
		for j := range k {
			d := v - float64(j)/(k-1)
			binomialCheck(t, c[i*k+j], steps, 0.4*math.Exp(-d*d/(2*0.25*0.25)), "position")
		}
	}
	assert.Equal(t, 2, slices.Index(c[:k], slices.Max(c[:k])), "0.5 excites the neuron preferring 0.5 most")
	assert.Equal(t, k-1, slices.Index(c[k:], slices.Max(c[k:])))
}

func TestSchedule(t *testing.T) {
	// Three samples, present 3 steps, rest 2 steps, 2 epochs.
	m := encoding.NewData()
	m.Samples = samples([]float64{1}, []float64{1}, []float64{1})
	m.Encoder, m.Present, m.Rest, m.Epochs = &encoding.TTFSEncoder{}, 3, 2, 2
	fired, sample, label := record(t, "sched", m, []int{1, 1}, 1, 1, 32)
	assert.Equal(t, 30.0, m.Duration())
	var spikeSteps []int
	for k, f := range fired {
		if len(f) > 0 {
			spikeSteps = append(spikeSteps, k)
		}
	}
	// v = 1 fires at each onset: steps 0, 5, ..., 25.
	assert.Equal(t, []int{0, 5, 10, 15, 20, 25}, spikeSteps)
	wantSample := []float64{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2}
	assert.Equal(t, wantSample, sample[:15])
	assert.Equal(t, wantSample, sample[15:30], "second epoch, same order")
	assert.Equal(t, []float64{-1, -1}, sample[30:], "done")
	assert.Equal(t, []float64{10, 11, 12}, []float64{label[0], label[5], label[10]})
	assert.Equal(t, -1.0, label[31])
	idx, lab := m.SampleAt(7)
	assert.Equal(t, []int{1, 11}, []int{idx, lab})
	assert.Equal(t, "sample 2/3 of epoch 1/2: b (label 11)", m.Status(7))
	assert.Equal(t, "sample 1/3 of epoch 2/2: a (label 10)", m.Status(15))
	assert.Equal(t, "all 3 samples presented", m.Status(30))
}

func TestShuffle(t *testing.T) {
	const n, epochs = 8, 3
	vals := make([][]float64, n)
	for i := range vals {
		vals[i] = []float64{1}
	}
	order := func(name string, seed uint64) [][]int {
		m := encoding.NewData()
		m.Samples = samples(vals...)
		m.Encoder, m.Present, m.Epochs, m.Shuffle = &encoding.TTFSEncoder{}, 1, epochs, true
		_, sample, _ := record(t, name, m, []int{1, 1}, 1, seed, n*epochs)
		out := make([][]int, epochs)
		for k, s := range sample {
			out[k/n] = append(out[k/n], int(s))
		}
		return out
	}
	a := order("shuf", 1)
	for e, o := range a {
		sorted := slices.Sorted(slices.Values(o))
		assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7}, sorted, "epoch %d is a permutation", e)
	}
	assert.NotEqual(t, a[0], a[1], "a new order every epoch")
	assert.Equal(t, a, order("shuf", 1), "reproducible")
	assert.NotEqual(t, a, order("shuf", 2), "depends on the seed")
	assert.NotEqual(t, a, order("other", 1), "depends on the population name")
}

func TestDataFromFiles(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "imgs", "1_a.png"), [][]uint8{{255, 0, 51}, {0, 0, 0}})
	writePNG(t, filepath.Join(dir, "imgs", "2_b.png"), [][]uint8{{0, 255, 0}, {0, 0, 0}})
	m := encoding.NewData()
	m.Source, m.Encoder, m.Present = "imgs", &encoding.TTFSEncoder{}, 5
	m.SetBaseDir(dir)
	shape, err := m.DataShape()
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, shape)
	assert.Equal(t, 2, m.Len())
	assert.Equal(t, []string{"1_a.png", "2_b.png"}, m.Names())
	assert.Equal(t, []int{1, 2}, m.SampleLabels())
	fired, _, label := record(t, "img", m, shape, 1, 1, 10)
	// 51/255 = 0.2: t = 5*0.8 = 4 ms.
	assert.Equal(t, [][]int{{0}, nil, nil, nil, {2}, {1}, nil, nil, nil, nil}, fired)
	assert.Equal(t, 1.0, label[0])
	assert.Equal(t, 2.0, label[5])

	// The population takes the data's size.
	p := neurons.NewShaped("wrong", []int{4}, m)
	assert.ErrorContains(t, p.Init(1, 1, 0), "the samples are 2x3 (6 neurons), the population has 4 neurons")
}

func TestDataErrors(t *testing.T) {
	ok := func() *encoding.Data {
		m := encoding.NewData()
		m.Samples = samples([]float64{0.5, 1})
		return m
	}
	for _, tc := range []struct {
		name string
		set  func(m *encoding.Data)
		want string
	}{
		{"encoder", func(m *encoding.Data) { m.Encoder = nil }, "no encoder"},
		{"window", func(m *encoding.Data) { m.Encoder = &encoding.TTFSEncoder{Latency: encoding.Latency{Window: 200}} }, "parameter window"},
		{"rate", func(m *encoding.Data) { m.Encoder = &encoding.PoissonEncoder{MaxRate: 2000} }, "parameter max_rate"},
		{"prob", func(m *encoding.Data) { m.Encoder = &encoding.BernoulliEncoder{MaxProb: 1.5} }, "parameter max_prob"},
		{"epochs", func(m *encoding.Data) { m.Epochs = 0 }, "parameter epochs"},
		{"present", func(m *encoding.Data) { m.Present = 0 }, "present"},
		{"range", func(m *encoding.Data) { m.Samples = samples([]float64{0.5, 255}) }, "value 255 at index 1"},
		{"filter", func(m *encoding.Data) { m.Filter = "blur" }, `filter "blur"`},
		{"shapes", func(m *encoding.Data) { m.Samples = samples([]float64{1, 1}, []float64{1}) }, "has shape 1x1, the first sample 1x2"},
		{"source", func(m *encoding.Data) { m.Samples = nil }, "parameter source"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := ok()
			tc.set(m)
			p := neurons.NewShaped("d", []int{1, 2}, m)
			assert.ErrorContains(t, p.Init(1, 1, 0), tc.want)
		})
	}
	// Normalising makes out-of-range data usable.
	m := ok()
	m.Samples = samples([]float64{0, 255})
	m.Normalize = true
	p := neurons.NewShaped("d", []int{1, 2}, m)
	require.NoError(t, p.Init(1, 1, 0))
	assert.Equal(t, 1.0, m.Intensity(0, 1))
}

func TestCurrent(t *testing.T) {
	m := encoding.NewData()
	m.Samples = samples([]float64{0.5, 1})
	m.Present, m.Rest = 2, 1
	data := neurons.NewShaped("d", []int{1, 2}, m)
	require.NoError(t, data.Init(1, 1, 0))
	target := neurons.New("t", 2, neurons.NewLIF())
	c := &encoding.Current{Data: data, Pop: target, Scale: 3}
	require.NoError(t, c.Init(1))
	for k, want := range [][]float64{{1.5, 3}, {1.5, 3}, {0, 0}, {-1, -1}} {
		x := []float64{-1, -1}
		c.Add(k, x, 0, 2)
		if k < 3 {
			assert.Equal(t, []float64{want[0] - 1, want[1] - 1}, x, "step %d", k)
		} else {
			assert.Equal(t, []float64{-1, -1}, x, "after the schedule")
		}
	}
	bad := &encoding.Current{Data: data, Pop: neurons.New("t3", 3, neurons.NewLIF())}
	assert.ErrorContains(t, bad.Init(1), "has 3 neurons")
}

func TestRegister(t *testing.T) {
	r := neurons.Builtin()
	require.NoError(t, encoding.Register(r))
	m, ok := r.New("data")
	require.True(t, ok)
	var names []string
	for _, p := range neurons.Describe(m) {
		names = append(names, p.Name)
	}
	for _, want := range []string{"source", "present", "rest", "epochs", "shuffle", "filter"} {
		assert.Contains(t, names, want)
	}
	for _, encoders := range []string{"encoder", "max_rate", "window", "position_neurons"} {
		assert.NotContains(t, names, encoders, "the encoder's parameters are its own")
	}
	assert.Error(t, encoding.Register(r), "twice")
}
