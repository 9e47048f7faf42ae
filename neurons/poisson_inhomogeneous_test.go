package neurons_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// countsPerWindow runs a Poisson population at dt 0.1 ms and returns its
// spike count in each window of w steps, and per neuron.
func countsPerWindow(t *testing.T, m *neurons.Poisson, n, steps, w int) (windows []float64, perNeuron []float64) {
	t.Helper()
	p := neurons.New("p", n, m)
	require.NoError(t, p.Init(0.1, 5, 0))
	spikes := spikeStepsOf(t, p, steps)
	windows = make([]float64, steps/w)
	perNeuron = make([]float64, n)
	for i, ks := range spikes {
		for _, k := range ks {
			windows[k/w]++
			perNeuron[i]++
		}
	}
	return windows, perNeuron
}

// TestPoissonRateTimed checks the rate in every bin of a timed rate (and
// that the last bin holds) against the expected count, within five
// standard deviations.
func TestPoissonRateTimed(t *testing.T) {
	m := neurons.NewPoisson(0)
	m.RateTimed = &neurons.RateTimed{Dt: 10, Values: [][]float64{{10}, {100}, {0}, {40}}}
	n := 1000
	windows, _ := countsPerWindow(t, m, n, 600, 100) // 6 windows of 10 ms
	for b, rate := range []float64{10, 100, 0, 40, 40, 40} {
		want := rate * 10 / 1000 * float64(n)
		require.InDelta(t, want, windows[b], 5*math.Sqrt(want)+1e-9, "bin %d at %g Hz", b, rate)
	}
	// One rate per neuron: neuron 0 silent, neuron 1 at 500 Hz.
	m = neurons.NewPoisson(0)
	m.RateTimed = &neurons.RateTimed{Dt: 5, Values: [][]float64{{0, 500}}}
	_, per := countsPerWindow(t, m, 2, 20000, 20000) // 2 s
	require.Zero(t, per[0])
	require.InDelta(t, 1000, per[1], 5*math.Sqrt(1000))
}

// TestPoissonRateSine checks the counts of a sinusoidally modulated rate
// in each half period against the integral of the rate: rate +- 2*A/pi.
func TestPoissonRateSine(t *testing.T) {
	m := neurons.NewPoisson(50)
	m.RateSine = &neurons.RateSine{Amplitude: 50, Frequency: 10}
	n := 400
	windows, _ := countsPerWindow(t, m, n, 10000, 500) // 1 s in half periods of 50 ms
	for i, c := range windows {
		rate := 50 + 100/math.Pi
		if i%2 == 1 {
			rate = 50 - 100/math.Pi
		}
		want := rate * 0.05 * float64(n)
		require.InDelta(t, want, c, 5*math.Sqrt(want), "half period %d", i)
	}
}

// TestPoissonRateErrors checks the refusals of rate_timed and rate_sine.
func TestPoissonRateErrors(t *testing.T) {
	for _, tc := range []struct {
		set  func(m *neurons.Poisson)
		want string
	}{
		{func(m *neurons.Poisson) { m.RateTimed = &neurons.RateTimed{Dt: 0, Values: [][]float64{{1}}} }, "positive bin width"},
		{func(m *neurons.Poisson) { m.RateTimed = &neurons.RateTimed{Dt: 1, Values: [][]float64{{1, 2, 3}}} }, "3 rates for 2 neurons"},
		{func(m *neurons.Poisson) { m.RateTimed = &neurons.RateTimed{Dt: 1, Values: [][]float64{{-1}}} }, "rate -1 Hz in bin 0"},
		{func(m *neurons.Poisson) { m.RateTimed = &neurons.RateTimed{Dt: 1, Values: [][]float64{{20000}}} }, "exceeds one spike per step"},
		{func(m *neurons.Poisson) { m.RateSine = &neurons.RateSine{Amplitude: 20, Frequency: 1} }, "would become negative"},
		{func(m *neurons.Poisson) {
			m.RateSine = &neurons.RateSine{Amplitude: 1, Frequency: 1}
			m.RateTimed = &neurons.RateTimed{Dt: 1, Values: [][]float64{{1}}}
		}, "give at most one"},
	} {
		m := neurons.NewPoisson(10)
		tc.set(m)
		p := neurons.New("p", 2, m)
		require.ErrorContains(t, p.Init(0.1, 1, 0), tc.want)
	}
}

// TestParamDists checks parameters drawn per neuron: reproducible for a
// seed, repeated by Reset, and refused for a name that is not a
// per-neuron parameter.
func TestParamDists(t *testing.T) {
	draw := func(seed uint64) []float64 {
		m := neurons.NewLIF()
		p := neurons.New("p", 100, m)
		p.ParamDists = map[string]dist.Dist{"threshold": dist.Uniform{Min: -55, Max: -50}, "tau_m": dist.Gamma{K: 20, Theta: 1}}
		require.NoError(t, p.Init(0.1, seed, 0))
		th := append([]float64(nil), m.Threshold...)
		require.Len(t, th, 100)
		require.Len(t, m.TauM, 100)
		require.NoError(t, p.Reset())
		require.Equal(t, th, []float64(m.Threshold))
		return th
	}
	require.Equal(t, draw(1), draw(1))
	require.NotEqual(t, draw(1), draw(2))
	for _, name := range []string{"nonsense", "v_init", "method"} {
		p := neurons.New("p", 2, neurons.NewLIF())
		p.ParamDists = map[string]dist.Dist{name: dist.Const(1)}
		require.ErrorContains(t, p.Init(0.1, 1, 0), "cannot be drawn from a distribution", name)
	}
}
