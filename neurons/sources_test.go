package neurons_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestPoissonRate checks that the spike count of a Poisson population is
// Binomial(neurons*steps, p) with p = rate*dt/1000, within 5 standard
// deviations, for several rates, time steps and per-neuron rates.
func TestPoissonRate(t *testing.T) {
	for _, tc := range []struct {
		rates     []float64 // cycled over the neurons
		dt        float64
		n, steps  int
		chunkSize int
	}{
		{[]float64{50}, 1, 1000, 200, 0},
		{[]float64{50}, 0.1, 200, 2000, 64},
		{[]float64{0, 100, 400}, 0.5, 300, 1000, 0},
		{[]float64{5}, 1, 1000, 1000, 0},
	} {
		t.Run(fmt.Sprintf("%v Hz/dt=%g", tc.rates, tc.dt), func(t *testing.T) {
			rate := make(neurons.Param, tc.n)
			for i := range rate {
				rate[i] = tc.rates[i%len(tc.rates)]
			}
			m := neurons.NewPoisson(0)
			m.Rate = rate
			p := neurons.New("src", tc.n, m)
			require.NoError(t, p.Init(tc.dt, 11, tc.chunkSize))
			d := &driver{p: p, x: make([]float64, tc.n)}
			counts := make([]int, len(tc.rates))
			for range tc.steps {
				for i, s := range d.step(t) {
					if s {
						counts[i%len(tc.rates)]++
					}
				}
			}
			for j, r := range tc.rates {
				pr := r * tc.dt / 1000
				trials := float64(tc.steps * tc.n / len(tc.rates))
				mean, sd := trials*pr, math.Sqrt(trials*pr*(1-pr))
				assert.InDelta(t, mean, float64(counts[j]), 5*sd+1e-9, "rate %g Hz: %d spikes, expected %g ± %g", r, counts[j], mean, sd)
			}
		})
	}
}

// TestPoissonLimits checks rate 0 (silent), p = 1 (a spike every step) and
// p > 1 (an error).
func TestPoissonLimits(t *testing.T) {
	d := newDriver(t, 100, neurons.NewPoisson(0), 1)
	for range 100 {
		d.step(t)
	}
	assert.Zero(t, d.p.Spikes, "rate 0")

	d = newDriver(t, 10, neurons.NewPoisson(1000), 1)
	for range 10 {
		d.step(t)
	}
	assert.EqualValues(t, 100, d.p.Spikes, "1000 Hz at dt 1 ms is one spike per step")

	err := neurons.New("src", 2, neurons.NewPoisson(2000)).Init(1, 1, 0)
	assert.ErrorContains(t, err, "rate 2000 Hz of neuron 0 exceeds one spike per step of 1 ms")
	assert.NoError(t, neurons.New("src", 2, neurons.NewPoisson(2000)).Init(0.5, 1, 0))
}

// TestPoissonIgnoresInput checks that the input does not change the draws.
func TestPoissonIgnoresInput(t *testing.T) {
	a, b := newDriver(t, 50, neurons.NewPoisson(100), 1), newDriver(t, 50, neurons.NewPoisson(100), 1)
	for k := range 50 {
		require.Equal(t, a.step(t, 0), b.step(t, 1e6), "step %d", k)
	}
}

// TestSpikeGenerator checks that time t spikes in step round(t/dt), that
// several times in one step give one spike, that unsorted lists work and
// that neurons without a list stay silent.
func TestSpikeGenerator(t *testing.T) {
	times := [][]float64{
		{1.0, 0.1, 0.12, 0.3, 0.26}, // steps 10, 1, 1, 3, 3
		{},
		{0, 1.54}, // steps 0, 15
	}
	d := newDriver(t, 4, neurons.NewSpikeGenerator(times), 0.1)
	want := [][]int{{1, 3, 10}, nil, {0, 15}, nil}
	got := make([][]int, 4)
	for k := range 20 {
		for i, s := range d.step(t) {
			if s {
				got[i] = append(got[i], k)
			}
		}
		if k == 1 {
			assert.InDelta(t, 1.0, d.v(t, "traces", 0), 0, "two times in step 1 are one spike")
		}
	}
	assert.Equal(t, want, got)

	require.NoError(t, d.p.Reset())
	d.k = 0
	assert.Equal(t, []bool{false, false, true, false}, d.step(t), "Reset replays the spikes")
	assert.Equal(t, []bool{true, false, false, false}, d.step(t))
}

// TestSpikeGeneratorErrors checks the checks of the spike times.
func TestSpikeGeneratorErrors(t *testing.T) {
	for _, tc := range []struct {
		times [][]float64
		want  string
	}{
		{[][]float64{{1, -0.5}}, "spike time -0.5 ms of neuron 0"},
		{[][]float64{{}, {math.NaN()}}, "spike time NaN ms of neuron 1"},
		{[][]float64{{math.Inf(1)}}, "want a finite time >= 0"},
		{[][]float64{{}, {}, {}}, "3 lists for 2 neurons"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			assert.ErrorContains(t, neurons.New("gen", 2, neurons.NewSpikeGenerator(tc.times)).Init(0.1, 1, 0), tc.want)
		})
	}
}
