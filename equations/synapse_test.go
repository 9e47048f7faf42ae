package equations_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// The equation forms of the built-in rules, written from their
// documented semantics (package learning): traces per synapse, advanced
// exactly between events; at an arrival the depression reads the
// postsynaptic trace before the presynaptic trace jumps; at a post spike
// the potentiation reads the presynaptic trace (this step's arrivals
// included) before the postsynaptic trace jumps.
var (
	stdpSpec = equations.SynapseSpec{Name: "stdp_eq",
		Equations: `
			w : 1
			dapre/dt  = -apre/tau_pre   : 1 (event-driven)
			dapost/dt = -apost/tau_post : 1 (event-driven)`,
		OnPre:  "w = clip(w - ltd*apost, w_min, w_max); apre += 1",
		OnPost: "w = clip(w + ltp*apre, w_min, w_max); apost += 1",
		Params: map[string]string{"tau_pre": "20 ms", "tau_post": "15 ms", "ltd": "0.01", "ltp": "0.012", "w_min": "0", "w_max": "10"},
	}
	stdpNearestSpec = equations.SynapseSpec{Name: "stdp_nearest_eq",
		Equations: stdpSpec.Equations,
		OnPre:     "w = clip(w - ltd*apost, w_min, w_max); apre = 1",
		OnPost:    "w = clip(w + ltp*apre, w_min, w_max); apost = 1",
		Params:    stdpSpec.Params,
	}
	tripletSpec = equations.SynapseSpec{Name: "triplet_eq",
		Equations: `
			w : 1
			dr1/dt = -r1/tau_plus  : 1 (event-driven)
			dr2/dt = -r2/tau_x     : 1 (event-driven)
			do1/dt = -o1/tau_minus : 1 (event-driven)
			do2/dt = -o2/tau_y     : 1 (event-driven)`,
		OnPre:  "w = clip(w - o1*(a2_minus + a3_minus*r2), w_min, w_max); r1 += 1; r2 += 1",
		OnPost: "w = clip(w + r1*(a2_plus + a3_plus*o2), w_min, w_max); o1 += 1; o2 += 1",
		// visual_cortex_all_to_all of Pfister and Gerstner (2006).
		Params: map[string]string{"a2_plus": "5e-10", "a3_plus": "6.2e-3", "a2_minus": "7e-3", "a3_minus": "2.3e-4",
			"tau_plus": "16.8 ms", "tau_minus": "33.7 ms", "tau_x": "101 ms", "tau_y": "125 ms", "w_min": "0", "w_max": "10"},
	}
	vogelsSpec = equations.SynapseSpec{Name: "vogels_eq",
		Equations: `
			w : 1
			dx/dt = -x/tau : 1 (event-driven)
			dy/dt = -y/tau : 1 (event-driven)
			alpha = 2*rho0*tau : 1`,
		OnPre:  "w = clip(w + eta*(y - alpha), w_min, w_max); x += 1",
		OnPost: "w = clip(w + eta*x, w_min, w_max); y += 1",
		Params: map[string]string{"eta": "0.01", "rho0": "5 Hz", "tau": "20 ms", "w_min": "0", "w_max": "10"},
	}
	rstdpSpec = equations.SynapseSpec{Name: "rstdp_eq",
		Equations: `
			w : 1
			dc/dt     = -c/tau_c        : 1 (clock-driven)
			dapre/dt  = -apre/tau_pre   : 1 (event-driven)
			dapost/dt = -apost/tau_post : 1 (event-driven)`,
		OnPre:  "c -= ltd*apost; apre += 1",
		OnPost: "c += ltp*apre; apost += 1",
		OnStep: "w = clip(w + (dt/ms)*c*dopamine, w_min, w_max)",
		Params: map[string]string{"tau_pre": "20 ms", "tau_post": "15 ms", "tau_c": "1000 ms", "ltd": "0.01", "ltp": "0.012", "w_min": "0", "w_max": "10"},
	}
)

func builtinSTDP(nearest bool) learning.Rule {
	r := learning.NewSTDP()
	r.TauPre, r.TauPost, r.Nearest, r.LR = 20, 15, nearest, []float64{0.01, 0.012}
	return r
}

func builtinRSTDP() learning.Rule {
	r := learning.NewRSTDP()
	r.TauPre, r.TauPost, r.LR = 20, 15, []float64{0.01, 0.012}
	return r
}

// net is a network of two spike generators joined by one edge.
type net struct {
	sim *graph.Sim
	syn *synapses.Synapse
}

// newNet joins spike generators of the given spike times (ms) with a
// random edge of per-synapse delays in [0, 3] ms and weights in [0, 10],
// carrying rule. An equation rule gets its kernel.
func newNet(t *testing.T, rule learning.Rule, pre, post [][]float64, conn synapses.Connector, delay dist.Dist, rewards []graph.Reward) *net {
	t.Helper()
	n := graph.New(3)
	a := neurons.New("pre", len(pre), neurons.NewSpikeGenerator(pre))
	b := neurons.New("post", len(post), neurons.NewSpikeGenerator(post))
	n.AddPopulation(a, b)
	s := synapses.New("syn", a, b)
	s.Connect, s.Delay = conn, delay
	s.Weight = dist.Uniform{Min: 2, Max: 8}
	s.WMax = 10
	s.Rule = rule
	if r, ok := rule.(*equations.SynapseRule); ok {
		s.Kernel = &equations.SynapseKernel{}
		r.Name = "syn"
	}
	n.AddSynapse(s)
	n.AddReward(rewards...)
	sim, err := n.Compile()
	require.NoError(t, err)
	return &net{sim: sim, syn: s}
}

func eqRule(t *testing.T, spec equations.SynapseSpec) *equations.SynapseRule {
	t.Helper()
	d, err := equations.CompileSynapse(spec)
	require.NoError(t, err)
	return d.NewRule()
}

// poissonTimes draws spike times on the grid of dt for n neurons.
func poissonTimes(r *rand.Rand, n int, rate, dt, dur float64) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		for k := 0; float64(k)*dt < dur; k++ {
			if r.Float64() < rate*dt/1000 {
				out[i] = append(out[i], float64(k)*dt)
			}
		}
	}
	return out
}

// pairing returns pre and post spike times of a pairing protocol: n pairs
// at 1/period, post lag ms after pre (negative: before).
func pairing(n int, period, lag float64) (pre, post [][]float64) {
	pre, post = [][]float64{nil}, [][]float64{nil}
	for i := range n {
		t0 := 50 + float64(i)*period
		pre[0] = append(pre[0], t0)
		post[0] = append(post[0], t0+lag)
	}
	return pre, post
}

// TestSynapseEquationsMatchBuiltins runs each built-in rule and its
// equation form side by side on pairing protocols and on random spikes,
// and compares the weights.
func TestSynapseEquationsMatchBuiltins(t *testing.T) {
	rules := []struct {
		name    string
		builtin func() learning.Rule
		spec    equations.SynapseSpec
		reward  bool
	}{
		{"stdp", func() learning.Rule { return builtinSTDP(false) }, stdpSpec, false},
		{"stdp_nearest", func() learning.Rule { return builtinSTDP(true) }, stdpNearestSpec, false},
		{"triplet_stdp", func() learning.Rule { return learning.NewTripletSTDP() }, tripletSpec, false},
		{"vogels_istdp", func() learning.Rule { return learning.NewVogelsISTDP() }, vogelsSpec, false},
		{"rstdp", builtinRSTDP, rstdpSpec, true},
	}
	type protocol struct {
		name      string
		pre, post [][]float64
		conn      synapses.Connector
		delay     dist.Dist
		ms        float64
	}
	var protos []protocol
	for _, lag := range []float64{-30, -10, -2, 0, 2, 10, 30} {
		for _, period := range []float64{10, 50, 200} {
			pre, post := pairing(20, period, lag)
			protos = append(protos, protocol{name: "pairing", pre: pre, post: post, conn: synapses.Dense{}, delay: dist.Const(1), ms: 60 + 20*period})
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	protos = append(protos, protocol{name: "random", pre: poissonTimes(r, 30, 30, 0.1, 500), post: poissonTimes(r, 12, 20, 0.1, 500),
		conn: synapses.Random{P: 0.4}, delay: dist.Uniform{Min: 0, Max: 3}, ms: 500})
	for _, rule := range rules {
		t.Run(rule.name, func(t *testing.T) {
			for _, p := range protos {
				var rewards []graph.Reward
				if rule.reward {
					rewards = []graph.Reward{&graph.Schedule{Times: []float64{40, 120, 300, 420}, Amounts: []float64{1, -0.5, 2, 1}}}
				}
				b := newNet(t, rule.builtin(), p.pre, p.post, p.conn, p.delay, rewards)
				if rule.reward {
					rewards = []graph.Reward{&graph.Schedule{Times: []float64{40, 120, 300, 420}, Amounts: []float64{1, -0.5, 2, 1}}}
				}
				e := newNet(t, eqRule(t, rule.spec), p.pre, p.post, p.conn, p.delay, rewards)
				require.NoError(t, b.sim.Run(context.Background(), p.ms))
				require.NoError(t, e.sim.Run(context.Background(), p.ms))
				w0, w1 := b.syn.W, e.syn.W
				require.Equal(t, len(w0), len(w1))
				w00 := newNet(t, rule.builtin(), p.pre, p.post, p.conn, p.delay, nil).syn.W
				changed := 0.0
				for s := range w0 {
					require.InDelta(t, w0[s], w1[s], 1e-12, "%s: synapse %d", p.name, s)
					changed = math.Max(changed, math.Abs(w0[s]-w00[s]))
				}
				if p.name == "random" || rule.name != "rstdp" {
					require.Greater(t, changed, 1e-4, "%s: the weights must change", p.name)
				}
			}
		})
	}
}

// TestSynapsePostDelay: with a backpropagation delay of d, on_post runs d
// after the target's spike, so pair STDP written with post_delay gives the
// weights of the built-in rule on post spikes shifted by d.
func TestSynapsePostDelay(t *testing.T) {
	spec := stdpSpec
	spec.PostDelay = "1.5 ms"
	r := rand.New(rand.NewPCG(5, 6))
	pre, post := poissonTimes(r, 20, 30, 0.1, 400), poissonTimes(r, 8, 20, 0.1, 400)
	shifted := make([][]float64, len(post))
	for i, ts := range post {
		for _, x := range ts {
			shifted[i] = append(shifted[i], x+1.5)
		}
	}
	b := newNet(t, builtinSTDP(false), pre, shifted, synapses.Random{P: 0.5}, dist.Uniform{Min: 0, Max: 2}, nil)
	e := newNet(t, eqRule(t, spec), pre, post, synapses.Random{P: 0.5}, dist.Uniform{Min: 0, Max: 2}, nil)
	require.NoError(t, b.sim.Run(context.Background(), 410))
	require.NoError(t, e.sim.Run(context.Background(), 410))
	for s := range b.syn.W {
		require.InDelta(t, b.syn.W[s], e.syn.W[s], 1e-12, "synapse %d", s)
	}
	// Without the delay the weights differ: the delay is what matches.
	u := newNet(t, eqRule(t, stdpSpec), pre, post, synapses.Random{P: 0.5}, dist.Uniform{Min: 0, Max: 2}, nil)
	require.NoError(t, u.sim.Run(context.Background(), 410))
	diff := 0.0
	for s := range b.syn.W {
		diff = math.Max(diff, math.Abs(b.syn.W[s]-u.syn.W[s]))
	}
	require.Greater(t, diff, 1e-4)
	_, err := equations.CompileSynapse(equations.SynapseSpec{Name: "bad", Equations: "w : 1", PostDelay: "2 mV"})
	require.ErrorContains(t, err, "expected a duration")
}
