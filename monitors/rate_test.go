package monitors_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func std(x []float64) float64 {
	m, s := mean(x), 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(x)))
}

func TestRateMonitorPoisson(t *testing.T) {
	const (
		n     = 1000
		hz    = 20.0
		steps = 10000 // 1 s
	)
	pop := neurons.New("poisson", n, neurons.NewPoisson(hz))
	mon := monitors.NewRateMonitor("rate", pop)
	sim := compile(t, []*neurons.Population{pop}, nil, nil, mon)
	run(t, sim, steps)

	rate := mon.Rate()
	require.Len(t, rate, steps)
	// One spike in a step of 0.1 ms among 1000 neurons is 10 Hz.
	quantum := 1 / (n * dt / 1000)
	for k, r := range rate {
		if q := r / quantum; math.Abs(q-math.Round(q)) > 1e-9 {
			t.Fatalf("rate %g Hz of step %d is not a whole number of spikes", r, k)
		}
	}
	// The spike count of a step is binomial(n, p) with p = hz*dt/1000, so
	// the mean rate over the steps has standard deviation
	// quantum*sqrt(n*p*(1-p)/steps) (0.14 Hz).
	p := hz * dt / 1000
	sd := quantum * math.Sqrt(n*p*(1-p)/steps)
	assert.InDelta(t, hz, mon.Mean(), 5*sd)
	assert.InDelta(t, mean(rate), mon.Mean(), 1e-9)
	assert.InDelta(t, float64(pop.Spikes), mean(rate)*steps/quantum, 1e-6, "the rates add up to the population's spikes")

	times := mon.Times()
	require.Len(t, times, steps)
	assert.InDelta(t, 123*dt, times[123], 1e-12)

	// Smoothing over 10 ms (101 steps) keeps the mean, up to edge effects
	// of order 100 steps in 10^4, and shrinks the step-to-step scatter
	// about tenfold.
	for name, s := range map[string][]float64{
		"flat":     mon.Smoothed(10),
		"gaussian": mon.SmoothedGaussian(2.5),
	} {
		t.Run(name, func(t *testing.T) {
			require.Len(t, s, steps)
			assert.InDelta(t, mean(rate), mean(s), 0.01*hz)
			assert.Less(t, std(s), std(rate)/4)
		})
	}
	assert.Equal(t, rate, mon.Rate(), "smoothing leaves the raw rate alone")
}

func TestRateMonitorConstantRate(t *testing.T) {
	// Clamped neurons spike in every step: the rate is 1000/dt Hz, and
	// smoothing keeps it, edges included.
	pop := neurons.New("clamped", 5, neurons.NewPoisson(0))
	require.NoError(t, pop.Clamp([]bool{true, true, true, true, true}))
	mon := monitors.NewRateMonitor("rate", pop)
	sim := compile(t, []*neurons.Population{pop}, nil, nil, mon)
	run(t, sim, 50)

	want := 1000 / dt
	for name, got := range map[string][]float64{
		"raw":      mon.Rate(),
		"flat":     mon.Smoothed(2),
		"gaussian": mon.SmoothedGaussian(1),
		"wide":     mon.Smoothed(1e6),
	} {
		t.Run(name, func(t *testing.T) {
			require.Len(t, got, 50)
			for k, r := range got {
				assert.InDelta(t, want, r, 1e-6, "step %d", k)
			}
		})
	}
}

func TestRateMonitorSmoothingByHand(t *testing.T) {
	// One neuron spiking in steps 0 and 5 of 8: rate 10^4 Hz in those
	// steps, 0 elsewhere.
	pop := neurons.New("gen", 1, neurons.NewSpikeGenerator([][]float64{{0, 0.5}}))
	mon := monitors.NewRateMonitor("rate", pop)
	sim := compile(t, []*neurons.Population{pop}, nil, nil, mon)
	run(t, sim, 8)

	const r = 1e4
	assert.InDeltaSlice(t, []float64{r, 0, 0, 0, 0, r, 0, 0}, mon.Rate(), 1e-9)
	// Width 0.2 ms: windows of 3 steps, of 2 at the ends.
	assert.InDeltaSlice(t, []float64{r / 2, r / 3, 0, 0, r / 3, r / 3, r / 3, 0}, mon.Smoothed(0.2), 1e-9)
	// A width below 2*dt leaves the rate as it is.
	assert.Equal(t, mon.Rate(), mon.Smoothed(0.15))

	// Gaussian, sigma = dt: weights exp(-d^2/2) for offsets |d| <= 4 steps.
	// Step 2 sees offsets -2..4 (steps 0..6), spikes at offsets -2 and 3.
	g := func(d float64) float64 { return math.Exp(-d * d / 2) }
	norm := 0.0
	for d := -2.0; d <= 4; d++ {
		norm += g(d)
	}
	got := mon.SmoothedGaussian(dt)
	assert.InDelta(t, r*(g(-2)+g(3))/norm, got[2], 1e-9)
	// Step 7 sees offsets -4..0 (steps 3..7), a spike at offset -2.
	norm = 0
	for d := -4.0; d <= 0; d++ {
		norm += g(d)
	}
	assert.InDelta(t, r*g(-2)/norm, got[7], 1e-9)
}

func TestRateMonitorReset(t *testing.T) {
	pop := neurons.New("poisson", 100, neurons.NewPoisson(50))
	mon := monitors.NewRateMonitor("rate", pop)
	sim := compile(t, []*neurons.Population{pop}, nil, nil, mon)
	run(t, sim, 100)
	first := mon.Rate()
	require.Equal(t, 100, mon.Len())

	require.NoError(t, sim.Reset())
	assert.Zero(t, mon.Len())
	assert.Empty(t, mon.Rate())
	assert.Empty(t, mon.Smoothed(1))
	assert.Zero(t, mon.Mean())

	// Reset restarts the random streams: the rerun repeats the first run.
	run(t, sim, 100)
	assert.Equal(t, first, mon.Rate())
}

func TestRateMonitorBadWidth(t *testing.T) {
	mon := monitors.NewRateMonitor("rate", neurons.New("p", 1, neurons.NewPoisson(1)))
	for _, w := range []float64{-1, math.NaN(), math.Inf(1)} {
		assert.Panics(t, func() { mon.Smoothed(w) }, "width %g", w)
		assert.Panics(t, func() { mon.SmoothedGaussian(w) }, "sigma %g", w)
	}
}
