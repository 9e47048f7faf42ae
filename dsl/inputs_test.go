package dsl_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/npy"
)

// TestPoissonInputAsWritten loads the poisson_input block as
// written, runs it and checks the mean depolarisation it causes.
func TestPoissonInputAsWritten(t *testing.T) {
	net, diags := loadSource(t, `
simulation {
  dt = 0.1
}
population "p" {
  model     = "lif"
  n         = 200
  threshold = 1000
  tau_m     = 20
  v_init    = 18
}
stimulus "bg" {
  target        = population.p
  poisson_input = { n = 1000, rate = 40, weight = 0.1 }
}
`, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	require.Len(t, net.Stimuli(), 1)
	in, ok := net.Stimuli()[0].(*graph.PoissonInput)
	require.True(t, ok, "%T", net.Stimuli()[0])
	assert.Equal(t, graph.PoissonInput{Pop: net.Populations()[0], Name: "bg", N: 1000, Rate: 40, Weight: 0.1}, *in)
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	p := sim.Population("p")
	sum := 0.0
	for range 500 {
		require.NoError(t, sim.RunSteps(context.Background(), 10))
		for _, v := range p.Var("v") {
			sum += v
		}
	}
	// rest + n*r*w*tau_m = -62 + 1000*0.04*0.1*20 = 18 mV.
	assert.InDelta(t, 18, sum/500/200, 0.1)
}

// TestCurrentStimulusKinds loads each time-varying current form.
func TestCurrentStimulusKinds(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, npy.WriteFile(filepath.Join(dir, "i.npy"), []int{3}, []float64{1, 2, 3}))
	require.NoError(t, npy.WriteFile(filepath.Join(dir, "m.npy"), []int{2, 20}, make([]float64, 40)))
	require.NoError(t, writeFile(filepath.Join(dir, "i.csv"), "i\n0.5\n1.5\n"))
	for _, tc := range []struct {
		body string
		want graph.Stimulus
	}{
		{`timed = { dt = 1, values = [1, 2, 3] }`, &graph.TimedCurrent{Dt: 1, Values: [][]float64{{1}, {2}, {3}}}},
		{`timed = { dt = 0.5, values = [[1, 2], [3, 4]] }`, nil}, // 2 per bin for 20 neurons: refused below
		{`timed = { dt = 1, values = load("` + filepath.Join(dir, "i.npy") + `") }`, &graph.TimedCurrent{Dt: 1, Values: [][]float64{{1}, {2}, {3}}}},
		{`timed = { dt = 1, values = load("` + filepath.Join(dir, "i.csv") + `") }`, &graph.TimedCurrent{Dt: 1, Values: [][]float64{{0.5}, {1.5}}}},
		{`timed = { dt = 1, values = load("` + filepath.Join(dir, "m.npy") + `") }`, &graph.TimedCurrent{Dt: 1, Values: [][]float64{make([]float64, 20), make([]float64, 20)}}},
		{`sine = { amplitude = 2, frequency = 10 }`, &graph.SineCurrent{Amplitude: 2, Frequency: 10}},
		{`sine = { amplitude = 2, frequency = 10, phase = 1, offset = 0.5 }`, &graph.SineCurrent{Amplitude: 2, Frequency: 10, Phase: 1, Offset: 0.5}},
		{`ramp = { start = 10, stop = 20, to = 2 }`, &graph.RampCurrent{Start: 10, Stop: 20, To: 2}},
		{`ou = { mean = 1, sigma = 0.5, tau = 5 }`, &graph.OUCurrent{Name: "s", Mean: 1, Sigma: 0.5, Tau: 5}},
	} {
		net, diags := loadSource(t, twoPops+`
stimulus "s" {
  target = population.a
  `+tc.body+`
}`, dsl.Options{})
		if tc.want == nil {
			require.True(t, diags.HasErrors(), tc.body)
			continue
		}
		require.False(t, diags.HasErrors(), "%s: %s", tc.body, diags.Error())
		require.Len(t, net.Stimuli(), 1)
		got := net.Stimuli()[0]
		switch w := tc.want.(type) {
		case *graph.TimedCurrent:
			w.Pop = got.Target()
		case *graph.SineCurrent:
			w.Pop = got.Target()
		case *graph.RampCurrent:
			w.Pop = got.Target()
		case *graph.OUCurrent:
			w.Pop = got.Target()
		}
		assert.Equal(t, tc.want, got, tc.body)
		_, diags = net.Compile()
		require.False(t, diags.HasErrors(), "%s: %s", tc.body, diags.Error())
	}
}

// TestInputStimulusErrors checks the diagnostics of bad input stimuli:
// each on its attribute.
func TestInputStimulusErrors(t *testing.T) {
	for _, tc := range []struct{ target, body, summary, detail string }{
		{"a", `poisson_input = { n = 10, rate = 5 }`, `Invalid value for "poisson_input"`, `Poisson_input has no "weight".`},
		{"a", `poisson_input = { n = -1, rate = 5, weight = 1 }`, `Invalid value for "poisson_input"`, `at least 0`},
		{"a", `poisson_input = { n = 1, rate = 5, weight = 1, w = 2 }`, `Invalid value for "poisson_input"`, `"w", which is not one of {n, rate, weight}`},
		{"src", `poisson_input = { n = 1, rate = 5, weight = 1 }`, `Invalid value for "poisson_input"`, `no membrane potential v to jump`},
		{"a", `timed = { dt = 1, values = [[1, 2]] }`, `Invalid value for "timed"`, `bin 0 has 2 values for 20 neurons`},
		{"a", `timed = { dt = 0, values = [1] }`, `Invalid value for "timed"`, `greater than 0`},
		{"a", `ramp = { start = 5, stop = 1, to = 1 }`, `Invalid value for "ramp"`, `want start < stop`},
		{"a", `ou = { sigma = 1, tau = -1 }`, `Invalid value for "ou"`, `greater than 0`},
		{"a", `sine = 1`, `Invalid value for "sine"`, `Sine must be an object {amplitude, frequency, phase, offset}.`},
	} {
		head := twoPops + `
population "src" {
  model = "poisson"
  n     = 2
  rate  = 5
}
stimulus "s" {
  target = population.` + tc.target + `
  `
		_, diags := loadSource(t, head+tc.body+"\n}", dsl.Options{})
		require.True(t, diags.HasErrors(), tc.body)
		assert.Equal(t, tc.summary, diags[0].Summary, tc.body)
		assert.Contains(t, diags[0].Detail, tc.detail, tc.body)
		require.NotNil(t, diags[0].Subject, tc.body)
		assert.Equal(t, strings.Count(head, "\n")+1, diags[0].Subject.Start.Line, "%s: the diagnostic points at the attribute", tc.body)
	}
}

// TestPoissonRateForms loads rate_timed and rate_sine populations.
func TestPoissonRateForms(t *testing.T) {
	net, diags := loadSource(t, `
population "a" {
  model      = "poisson"
  n          = 2
  rate_timed = { dt = 10, values = [[5, 0], [10, 20]] }
}
population "b" {
  model     = "poisson"
  n         = 3
  rate      = 20
  rate_sine = { amplitude = 10, frequency = 4 }
}
`, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	a := net.Populations()[0].Model.(*neurons.Poisson)
	assert.Equal(t, &neurons.RateTimed{Dt: 10, Values: [][]float64{{5, 0}, {10, 20}}}, a.RateTimed)
	b := net.Populations()[1].Model.(*neurons.Poisson)
	assert.Equal(t, &neurons.RateSine{Amplitude: 10, Frequency: 4}, b.RateSine)
	_, diags = net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())

	net, diags = loadSource(t, `
population "a" {
  model     = "poisson"
  n         = 2
  rate      = 5
  rate_sine = { amplitude = 10, frequency = 4 }
}
`, dsl.Options{})
	if !diags.HasErrors() {
		_, diags = net.Compile()
	}
	require.True(t, diags.HasErrors())
	assert.Contains(t, diags[0].Detail, "would become negative")
	require.NotNil(t, diags[0].Subject)
	assert.Equal(t, 6, diags[0].Subject.Start.Line, "at rate_sine")
}

// TestInitialValueLists checks v_init lists: one value per neuron is
// accepted, another length refused at the attribute.
func TestInitialValueLists(t *testing.T) {
	net, diags := loadSource(t, `
population "a" {
  model  = "lif"
  n      = 2
  v_init = [0, 1]
}
population "z" {
  model  = "izhikevich"
  n      = 3
  v_init = [-70, -65, -60]
}
`, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, []float64{0, 1}, sim.Population("a").Var("v"))
	assert.Equal(t, []float64{-70, -65, -60}, sim.Population("z").Var("v"))
	assert.Equal(t, []float64{0.2 * -70, 0.2 * -65, 0.2 * -60}, sim.Population("z").Var("u"))

	for _, tc := range []struct{ value, detail string }{
		{"[0, 1, 2]", "V_init has 3 values for 2 neurons"},
		{"[]", "V_init has 0 values for 2 neurons"},
		{`["a", 1]`, "number"},
	} {
		_, diags := loadSource(t, "population \"a\" {\n  model  = \"lif\"\n  n      = 2\n  v_init = "+tc.value+"\n}\n", dsl.Options{})
		require.True(t, diags.HasErrors(), tc.value)
		assert.Equal(t, `Invalid value for "v_init"`, diags[0].Summary, tc.value)
		assert.Contains(t, diags[0].Detail, tc.detail, tc.value)
		require.NotNil(t, diags[0].Subject)
		assert.Equal(t, 4, diags[0].Subject.Start.Line, tc.value)
	}
}

// TestHeterogeneousParams checks parameters drawn from distributions:
// per neuron, within range, with the moments of the distribution,
// repeatable for a seed and by Reset, different for another seed.
func TestHeterogeneousParams(t *testing.T) {
	src := `
simulation {
  seed = %d
}
population "a" {
  model     = "lif"
  n         = 1000
  threshold = uniform(-55, -50)
  tau_m     = normal(20, 2)
  R         = lognormal(3, 0.1)
  rest_pot  = [for i in range(1000) : -62 - i %% 2]
}
`
	thresholds := func(seed int) ([]float64, []float64, []float64) {
		net, diags := loadSource(t, fmt.Sprintf(src, seed), dsl.Options{})
		require.False(t, diags.HasErrors(), diags.Error())
		sim, diags := net.Compile()
		require.False(t, diags.HasErrors(), diags.Error())
		m := sim.Population("a").Model.(*neurons.LIF)
		th := append([]float64(nil), m.Threshold...)
		require.NoError(t, sim.Reset())
		require.Equal(t, th, []float64(m.Threshold), "Reset draws the same values")
		return th, m.TauM, m.R
	}
	th, tau, r := thresholds(1)
	require.Len(t, th, 1000)
	for _, x := range th {
		require.True(t, x >= -55 && x < -50, "threshold %g", x)
	}
	n := float64(len(th))
	mean, variance := stat.MeanVariance(th, nil)
	assert.InDelta(t, -52.5, mean, 5*math.Sqrt(25.0/12/n))
	assert.InDelta(t, 25.0/12, variance, 0.15*25/12)
	mean, variance = stat.MeanVariance(tau, nil)
	assert.InDelta(t, 20, mean, 5*2/math.Sqrt(n))
	assert.InDelta(t, 4, variance, 0.6)
	mean = stat.Mean(r, nil)
	assert.InDelta(t, math.Exp(3+0.005), mean, 5*math.Exp(3)*0.1/math.Sqrt(n))
	th1, _, _ := thresholds(1)
	assert.Equal(t, th, th1, "the same seed draws the same values")
	th2, _, _ := thresholds(2)
	assert.NotEqual(t, th, th2, "another seed draws other values")

	// A draw the model refuses is reported at the attribute.
	net, diags := loadSource(t, "population \"a\" {\n  model = \"lif\"\n  n     = 100\n  tau_m = normal(0, 1)\n}\n", dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	_, diags = net.Compile()
	require.True(t, diags.HasErrors())
	assert.Contains(t, diags[0].Detail, "tau_m")
	require.NotNil(t, diags[0].Subject)
	assert.Equal(t, 4, diags[0].Subject.Start.Line)
}

// TestNewDistributionFunctions checks lognormal, exponential and gamma
// in the language and their refusals.
func TestNewDistributionFunctions(t *testing.T) {
	net, diags := loadSource(t, `
population "a" {
  model  = "lif"
  n      = 3
  v_init = clip(gamma(2, 3), 0, 10)
}
population "b" {
  model  = "lif"
  n      = 3
  v_init = exponential(2)
}
population "c" {
  model  = "lif"
  n      = 3
  v_init = lognormal(0, 1)
}
`, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, dist.Clipped{D: dist.Gamma{K: 2, Theta: 3}, Min: 0, Max: 10}, net.Populations()[0].Model.(*neurons.LIF).VInit)
	assert.Equal(t, dist.Exponential{Mean: 2}, net.Populations()[1].Model.(*neurons.LIF).VInit)
	assert.Equal(t, dist.LogNormal{Mu: 0, Sigma: 1}, net.Populations()[2].Model.(*neurons.LIF).VInit)
	for _, tc := range []struct{ expr, detail string }{
		{"exponential(0)", "mean must be > 0"},
		{"gamma(-1, 1)", "shape and scale must be > 0"},
		{"lognormal(0, 0)", "sigma must be > 0"},
	} {
		_, diags := loadSource(t, "population \"a\" {\n  model  = \"lif\"\n  n      = 2\n  v_init = "+tc.expr+"\n}\n", dsl.Options{})
		require.True(t, diags.HasErrors(), tc.expr)
		assert.Contains(t, diags[0].Detail, tc.detail, tc.expr)
	}
}
