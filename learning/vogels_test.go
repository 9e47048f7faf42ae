package learning_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestVogelsEvents checks single events against the rule: an arrival
// changes w by eta*(y - alpha), a post spike by eta*x, with traces that
// jump by 1 and decay with tau, alpha = 2*rho0*tau/1000.
func TestVogelsEvents(t *testing.T) {
	const eta, rho0, tau, w0 = 0.01, 5.0, 20.0, 1.0
	alpha := 2 * rho0 * tau / 1000 // 0.2
	x := func(ms float64) float64 { return math.Exp(-ms / tau) }
	tests := []struct {
		name           string
		arrivals, post []int // steps of 0.1 ms
		want           float64
	}{
		{"arrival alone", []int{100}, nil, -eta * alpha},
		{"post alone", nil, []int{100}, 0},
		{"pre, post 5 ms later", []int{100}, []int{150}, -eta*alpha + eta*x(5)},
		{"post, pre 5 ms later", []int{150}, []int{100}, eta * (x(5) - alpha)},
		{"same step", []int{100}, []int{100}, -eta*alpha + eta},
		{"two posts, then pre", []int{300}, []int{100, 200}, eta * (x(20) + x(10) - alpha)},
		{"two arrivals, then post", []int{100, 200}, []int{300}, -2*eta*alpha + eta*(x(20)+x(10))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learning.NewVogelsISTDP()
			r.Eta, r.Rho0, r.Tau = eta, rho0, tau
			p := newStepPair(t, r, tt.arrivals, tt.post, w0, 0.1)
			p.run(t, 50)
			assert.InDelta(t, tt.want, p.w()-w0, 1e-15)
		})
	}
}

func TestVogelsAlphaUnits(t *testing.T) {
	r := learning.NewVogelsISTDP()
	assert.InDelta(t, 2*5*0.020, r.Alpha(), 1e-15, "defaults: 5 Hz, 20 ms")
	r.Rho0, r.Tau = 10, 50
	assert.InDelta(t, 2*10*0.050, r.Alpha(), 1e-15, "10 Hz, 50 ms: 2*rho0*tau in spikes")
}

func TestVogelsRejectsLR(t *testing.T) {
	r := learning.NewVogelsISTDP()
	r.LR = []float64{0.1}
	err := compileErr(r)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "eta")
}

// TestVogelsHomeostasis: LIF neurons driven well above the target rate by
// a constant current receive Poisson inhibition through plastic synapses
// that start at zero. Inhibition grows until the neurons fire near rho0
// (62 Hz without inhibition, 10 Hz target).
func TestVogelsHomeostasis(t *testing.T) {
	const rho0, nPost = 10.0, 20
	build := func(eta float64) (*graph.Sim, *neurons.Population) {
		net := graph.New(3)
		inh := neurons.New("inh", 100, neurons.NewPoisson(20))
		inh.IsInhibitory = true
		post := neurons.New("post", nPost, neurons.NewLIF())
		net.AddPopulation(inh, post)
		s := synapses.New("inh_post", inh, post)
		s.Weight = dist.Const(0)
		s.WMax = 100
		r := learning.NewVogelsISTDP()
		r.Eta, r.Rho0 = eta, rho0
		s.Rule = r
		net.AddSynapse(s)
		net.AddStimulus(&graph.Current{Pop: post, Amp: neurons.Param{0.75}})
		sim, err := net.Compile()
		require.NoError(t, err)
		return sim, post
	}
	rate := func(sim *graph.Sim, post *neurons.Population, ms float64) float64 {
		before := post.Spikes
		require.NoError(t, sim.Run(ctx(), ms))
		return float64(post.Spikes-before) / nPost / (ms / 1000)
	}
	sim, post := build(0)
	static := rate(sim, post, 500)
	require.Greater(t, static, 4*rho0, "without plasticity the neurons fire far above rho0")

	sim, post = build(0.05)
	require.NoError(t, sim.Run(ctx(), 2000)) // learn
	learned := rate(sim, post, 2000)
	// The fixed point is rho0 for uncorrelated spikes; each inhibitory
	// spike delays the next post spike, which shifts it slightly upwards.
	assert.GreaterOrEqual(t, learned, 0.8*rho0, "rate after learning (static %.1f Hz)", static)
	assert.LessOrEqual(t, learned, 1.5*rho0, "rate after learning (static %.1f Hz)", static)
}
