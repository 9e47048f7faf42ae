package graph_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// freeLIF returns a LIF population that never spikes (threshold far
// above) with tau_m 20 ms.
func freeLIF(name string, n int) *neurons.Population {
	m := neurons.NewLIF()
	m.Threshold = neurons.Param{1e9}
	m.TauM = neurons.Param{20}
	return neurons.New(name, n, m)
}

// TestPoissonInputJumps checks the per-step jump of a PoissonInput
// against the Poisson count it is: mean n*r*dt*w and variance
// n*r*dt*w^2 (r in spikes per ms).
func TestPoissonInputJumps(t *testing.T) {
	for _, tc := range []struct {
		n       int
		rate, w float64
	}{
		{1000, 40, 0.1},    // lambda 4: gonum's direct method
		{1000, 200, -0.05}, // lambda 20: its rejection method
		{1, 10, 1},         // lambda 0.001: rare counts
	} {
		p := freeLIF("p", 1000)
		net := graph.New(3)
		net.AddPopulation(p)
		in := &graph.PoissonInput{Pop: p, N: tc.n, Rate: tc.rate, Weight: tc.w}
		net.AddStimulus(in)
		_, err := net.Compile()
		require.NoError(t, err)
		dv := make([]float64, p.Len())
		var xs []float64
		steps := 400
		if tc.n == 1 {
			steps = 20000
		}
		for k := range steps {
			clear(dv)
			for c := range p.NumChunks() {
				ch := p.Chunk(c, k)
				in.AddJumps(k, dv, ch.Lo, ch.Hi)
			}
			xs = append(xs, dv...)
		}
		lambda := float64(tc.n) * tc.rate * 0.1 / 1000
		mean, variance := stat.MeanVariance(xs, nil)
		wantMean, wantVar := lambda*tc.w, lambda*tc.w*tc.w
		se := math.Sqrt(wantVar / float64(len(xs)))
		require.InDelta(t, wantMean, mean, 5*se, "mean jump, n=%d rate=%g", tc.n, tc.rate)
		// Var of the sample variance of a Poisson count: (lambda + 2 lambda^2) w^4 / N.
		seVar := math.Sqrt((lambda + 2*lambda*lambda) / float64(len(xs)))
		require.InDelta(t, wantVar, variance, 5*seVar*tc.w*tc.w, "variance of the jump, n=%d rate=%g", tc.n, tc.rate)
	}
}

// runFree runs a free LIF population of n neurons, starting at vInit,
// under poisson_input {1000, 40 Hz, 0.1 mV} for steps steps after a
// transient of skip steps, and returns the final v and the time average
// of the population mean of v (sampled every 10 steps).
func runFree(t *testing.T, n, workers, skip, steps int, vInit float64) ([]float64, float64) {
	t.Helper()
	p := freeLIF("p", n)
	p.Model.(*neurons.LIF).VInit = dist.Const(vInit)
	net := graph.New(7)
	net.Workers = workers
	net.AddPopulation(p)
	net.AddStimulus(&graph.PoissonInput{Pop: p, Name: "bg", N: 1000, Rate: 40, Weight: 0.1})
	sim, err := net.Compile()
	require.NoError(t, err)
	if workers > 1 {
		require.Equal(t, []bool{true}, graph.ParallelStages(sim), "the test must exercise the parallel path")
	}
	ctx := context.Background()
	require.NoError(t, sim.RunSteps(ctx, skip))
	sum, count := 0.0, 0
	for range steps / 10 {
		require.NoError(t, sim.RunSteps(ctx, 10))
		sum += stat.Mean(p.Var("v"), nil)
		count++
	}
	return append([]float64(nil), p.Var("v")...), sum / float64(count)
}

// TestPoissonInputFreeMembrane checks a free membrane's mean
// depolarisation under Poisson input against the closed form rest +
// n*r*w*tau_m (Campbell's theorem: 80 mV here) and its stationary spread,
// and that runs with 1 and 2 workers are bit-identical.
func TestPoissonInputFreeMembrane(t *testing.T) {
	// 17000 neurons are enough work for the parallel path.
	v1, _ := runFree(t, 17000, 1, 0, 300, -62)
	v2, _ := runFree(t, 17000, 2, 0, 300, -62)
	require.Equal(t, v1, v2, "bit-identical for 1 and 2 workers")
	// Start at the expected mean; 50 ms (2.5 tau_m) settle the spread.
	v, mean := runFree(t, 1000, 1, 500, 10000, 18)
	// 1000 sources * 0.04 spikes/ms * 0.1 mV * 20 ms = 80 mV above rest.
	require.InDelta(t, -62+80, mean, 0.05)
	// The stationary spread: sd^2 = n*r*w^2*tau_m/2 = 4 mV^2 (Euler: 4.01).
	require.InDelta(t, 2.0, stat.StdDev(v, nil), 0.15)
}

// TestPoissonInputBeforeThreshold checks that a jump takes effect before
// the threshold test of the same step (NEST's order): a neuron at rest
// with threshold 0.5 mV above rest and one source of a huge rate spikes
// in step 0.
func TestPoissonInputBeforeThreshold(t *testing.T) {
	m := neurons.NewLIF()
	m.Threshold = neurons.Param{-61.5}
	p := neurons.New("p", 1, m)
	net := graph.New(1)
	net.AddPopulation(p)
	net.AddStimulus(&graph.PoissonInput{Pop: p, N: 1, Rate: 1e6, Weight: 1}) // lambda 100
	rec := newRecorder("r", p)
	net.AddMonitor(rec)
	sim, err := net.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.RunSteps(context.Background(), 1))
	require.Equal(t, 0, rec.firstSpike("p", 0))
}

// TestPoissonInputNeedsMembrane checks the error for a target without v.
func TestPoissonInputNeedsMembrane(t *testing.T) {
	p := neurons.New("src", 3, neurons.NewPoisson(10))
	net := graph.New(1)
	net.AddPopulation(p)
	net.AddStimulus(&graph.PoissonInput{Pop: p, N: 1, Rate: 1, Weight: 1})
	_, err := net.Compile()
	require.ErrorContains(t, err, "no membrane potential")
}

// TestPoissonInputReset checks that Reset repeats the draws.
func TestPoissonInputReset(t *testing.T) {
	p := freeLIF("p", 50)
	net := graph.New(2)
	net.AddPopulation(p)
	net.AddStimulus(&graph.PoissonInput{Pop: p, N: 100, Rate: 10, Weight: 0.5},
		&graph.OUCurrent{Pop: p, Mean: 1, Sigma: 0.5, Tau: 5})
	sim, err := net.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.RunSteps(context.Background(), 100))
	first := append([]float64(nil), p.Var("v")...)
	require.NoError(t, sim.Reset())
	require.NoError(t, sim.RunSteps(context.Background(), 100))
	require.Equal(t, first, p.Var("v"))
}

// TestOUCurrent checks the stationary mean, variance and one-step
// autocorrelation exp(-dt/tau) of the OU current against theory.
func TestOUCurrent(t *testing.T) {
	p := freeLIF("p", 2000)
	ou := &graph.OUCurrent{Pop: p, Name: "noise", Mean: 0.5, Sigma: 0.2, Tau: 10}
	net := graph.New(11)
	net.AddPopulation(p)
	net.AddStimulus(ou)
	_, err := net.Compile()
	require.NoError(t, err)
	x := make([]float64, p.Len())
	var xs, prev, next []float64
	for k := range 300 {
		clear(x)
		ou.Add(k, x, 0, p.Len())
		if k%100 == 0 { // samples 10 tau apart are nearly independent
			xs = append(xs, x...)
		}
		if k == 200 {
			prev = append(prev, x...)
		}
		if k == 201 {
			next = append(next, x...)
		}
	}
	mean, variance := stat.MeanVariance(xs, nil)
	N := float64(len(xs))
	require.InDelta(t, 0.5, mean, 5*0.2/math.Sqrt(N))
	require.InDelta(t, 0.04, variance, 5*0.04*math.Sqrt(2/N))
	rho := stat.Correlation(prev, next, nil)
	require.InDelta(t, math.Exp(-0.1/10), rho, 0.005)
}

// TestCurrentShapes checks the exact values of sine, ramp and timed
// currents at given steps (dt 0.1 ms).
func TestCurrentShapes(t *testing.T) {
	p := freeLIF("p", 2)
	sine := &graph.SineCurrent{Pop: p, Amplitude: 2, Frequency: 10, Phase: math.Pi / 2, Offset: 1}
	ramp := &graph.RampCurrent{Pop: p, Start: 1, Stop: 2, From: 0, To: 5}
	shared := &graph.TimedCurrent{Pop: p, Dt: 0.3, Values: [][]float64{{1}, {2}, {3}}}
	each := &graph.TimedCurrent{Pop: p, Dt: 1, Values: [][]float64{{1, 10}, {2, 20}}}
	net := graph.New(1)
	net.AddPopulation(p)
	net.AddStimulus(sine, ramp, shared, each)
	_, err := net.Compile()
	require.NoError(t, err)
	at := func(s graph.Stimulus, k int) []float64 {
		x := make([]float64, 2)
		s.Add(k, x, 0, 2)
		return x
	}
	for _, tc := range []struct {
		name string
		s    graph.Stimulus
		k    int
		want []float64
	}{
		{"sine at 0", sine, 0, []float64{3, 3}},          // 1 + 2 sin(pi/2)
		{"sine at 25 ms", sine, 250, []float64{1, 1}},    // 10 Hz: a quarter period later, cos(pi/2) = 0
		{"sine at 50 ms", sine, 500, []float64{-1, -1}},  // half a period
		{"ramp before", ramp, 9, []float64{0, 0}},        // t = 0.9 ms
		{"ramp start", ramp, 10, []float64{0, 0}},        // from
		{"ramp middle", ramp, 15, []float64{2.5, 2.5}},   // t = 1.5 ms
		{"ramp last", ramp, 19, []float64{4.5, 4.5}},     // t = 1.9 ms
		{"ramp after", ramp, 20, []float64{0, 0}},        // stop: zero
		{"timed bin 0", shared, 2, []float64{1, 1}},      // 0.2 ms
		{"timed bin 1", shared, 3, []float64{2, 2}},      // 0.3 ms: exactly the second bin
		{"timed bin 2", shared, 8, []float64{3, 3}},      // 0.8 ms
		{"timed holds", shared, 100, []float64{3, 3}},    // past the end: the last value
		{"per neuron 0", each, 9, []float64{1, 10}},      // 0.9 ms
		{"per neuron 1", each, 10, []float64{2, 20}},     // 1 ms
		{"per neuron holds", each, 50, []float64{2, 20}}, // 5 ms
	} {
		got := at(tc.s, tc.k)
		require.InDeltaSlice(t, tc.want, got, 1e-12, tc.name)
	}
}

// TestCurrentShapeErrors checks that bad parameters are refused at Init.
func TestCurrentShapeErrors(t *testing.T) {
	for _, tc := range []struct {
		s    func(p *neurons.Population) graph.Stimulus
		want string
	}{
		{func(p *neurons.Population) graph.Stimulus {
			return &graph.TimedCurrent{Pop: p, Dt: 0, Values: [][]float64{{1}}}
		}, "bin width"},
		{func(p *neurons.Population) graph.Stimulus {
			return &graph.TimedCurrent{Pop: p, Dt: 1, Values: [][]float64{{1, 2, 3}}}
		}, "3 values for 2 neurons"},
		{func(p *neurons.Population) graph.Stimulus {
			return &graph.TimedCurrent{Pop: p, Dt: 1, Values: [][]float64{{1}, {1, 2}}}
		}, "bin 1 has 2 values"},
		{func(p *neurons.Population) graph.Stimulus { return &graph.RampCurrent{Pop: p, Start: 2, Stop: 1} }, "start < stop"},
		{func(p *neurons.Population) graph.Stimulus { return &graph.OUCurrent{Pop: p, Sigma: 1, Tau: 0} }, "tau > 0"},
		{func(p *neurons.Population) graph.Stimulus { return &graph.SineCurrent{Pop: p, Amplitude: math.NaN()} }, "finite"},
		{func(p *neurons.Population) graph.Stimulus { return &graph.PoissonInput{Pop: p, N: -1} }, "n = -1"},
	} {
		p := freeLIF("p", 2)
		net := graph.New(1)
		net.AddPopulation(p)
		net.AddStimulus(tc.s(p))
		_, err := net.Compile()
		require.ErrorContains(t, err, tc.want)
	}
}
