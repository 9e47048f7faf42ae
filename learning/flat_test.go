package learning_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestFlatSTDPPairs: every pair of an arrival and a post spike at most
// window_steps steps apart changes w by lr[1] (post not before the
// arrival) or -lr[0] (arrival after post); pairs farther apart do nothing.
func TestFlatSTDPPairs(t *testing.T) {
	const w0, ltd, ltp, dt = 5.0, 0.01, 0.02, 0.1
	tests := []struct {
		name           string
		window         int
		arrivals, post []int // steps
		nLTP, nLTD     int   // pairs, counted by hand
	}{
		{"same step", 10, []int{100}, []int{100}, 1, 0},
		{"post 10 steps after: edge of window", 10, []int{100}, []int{110}, 1, 0},
		{"post 11 steps after: outside", 10, []int{100}, []int{111}, 0, 0},
		{"arrival 1 step after post", 10, []int{101}, []int{100}, 0, 1},
		{"arrival 10 steps after post", 10, []int{110}, []int{100}, 0, 1},
		{"arrival 11 steps after post", 10, []int{111}, []int{100}, 0, 0},
		{"three arrivals then post: all-to-all", 10, []int{100, 103, 106}, []int{108}, 3, 0},
		{"two posts then arrival", 10, []int{108}, []int{100, 104}, 0, 2},
		{"arrival, post, arrival", 10, []int{100, 110}, []int{105}, 1, 1},
		{"post, arrival, post", 10, []int{105}, []int{100, 110}, 1, 1},
		{"pairs across windows", 4, []int{100, 200}, []int{103, 198, 205}, 1, 1},
		{"window 0: same step only", 0, []int{100, 120}, []int{100, 121}, 1, 0},
		{"window 150 (several words): lag 130", 150, []int{100}, []int{230}, 1, 0},
		{"window 150: lag 151", 150, []int{100}, []int{251}, 0, 0},
		{"window 150: arrival 150 after post", 150, []int{400}, []int{250}, 0, 1},
		{"window 63 (one word, full)", 63, []int{100}, []int{163}, 1, 0},
		{"window 64 (two words)", 64, []int{100, 300}, []int{164, 236}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learning.NewFlatSTDP()
			r.LR = []float64{ltd, ltp}
			r.WindowSteps = tt.window
			p := newStepPair(t, r, tt.arrivals, tt.post, w0, dt)
			p.run(t, 60)
			want := w0 + float64(tt.nLTP)*ltp - float64(tt.nLTD)*ltd
			assert.InDelta(t, want, p.w(), 1e-12)
		})
	}
}

// TestFlatSTDPDtIndependent: the change per pair does not scale with dt
// (the seed multiplied it by dt).
func TestFlatSTDPDtIndependent(t *testing.T) {
	for _, dt := range []float64{0.1, 0.5, 1} {
		r := learning.NewFlatSTDP()
		r.LR = []float64{0, 0.25}
		p := newStepPair(t, r, []int{20}, []int{25}, 1, dt)
		p.run(t, 100)
		assert.InDelta(t, 1.25, p.w(), 1e-12, "dt %g", dt)
	}
}

// randomTrains draws n spike trains of distinct steps in [1, steps) with
// about count spikes each.
func randomTrains(rng *rand.Rand, n, count, steps int) [][]int {
	out := make([][]int, n)
	for i := range out {
		seen := map[int]bool{}
		for range count {
			seen[1+rng.IntN(steps-1)] = true
		}
		for k := range seen {
			out[i] = append(out[i], k)
		}
		slices.Sort(out[i])
	}
	return out
}

// TestFlatSTDPNetworkPairs checks Flat-STDP on dense and sparse edges with
// per-synapse delays against a direct count of the pairs of arrival and
// post steps of every synapse.
func TestFlatSTDPNetworkPairs(t *testing.T) {
	const dt, w0, ltd, ltp, window = 0.1, 5.0, 0.003, 0.002, 25
	rng := newRand(1, 2)
	pre := randomTrains(rng, 8, 12, 1500)
	post := randomTrains(rng, 6, 12, 1500)
	for _, conn := range []synapses.Connector{synapses.Dense{}, synapses.Random{P: 0.5}} {
		t.Run(conn.String(), func(t *testing.T) {
			r := learning.NewFlatSTDP()
			r.LR = []float64{ltd, ltp}
			r.WindowSteps = window
			p := newSpikeNet(t, r, trainsMs(pre, dt), trainsMs(post, dt), conn, dist.Uniform{Min: 0.1, Max: 3}, w0, dt)
			p.run(t, 200)
			require.NotNil(t, p.syn.D, "per-synapse delays")
			arr := arrivalSteps(p, pre)
			changed := 0
			for s := range p.syn.Len() {
				nLTP, nLTD := 0, 0
				for _, a := range arr[s] {
					for _, q := range post[p.syn.Target(s)] {
						switch {
						case q >= a && q-a <= window:
							nLTP++
						case q < a && a-q <= window:
							nLTD++
						}
					}
				}
				want := w0 + float64(nLTP)*ltp - float64(nLTD)*ltd
				assert.InDelta(t, want, p.syn.W[s], 1e-12, "synapse %d", s)
				if nLTP+nLTD > 0 {
					changed++
				}
			}
			assert.Greater(t, changed, p.syn.Len()/2, "most synapses see pairs")
		})
	}
}

// newRand returns a seeded random stream.
func newRand(a, b uint64) *rand.Rand { return rand.New(rand.NewPCG(a, b)) }

func trainsMs(trains [][]int, dt float64) [][]float64 {
	out := make([][]float64, len(trains))
	for i, tr := range trains {
		out[i] = at(dt, tr...)
	}
	return out
}

// TestFlatRSTDP: the flat-window change goes into the eligibility c and
// reaches the weight only through dopamine: dw = sum over steps of
// dt*c_k*D_k, with c_k = lr[1]*exp(-(k-p)*dt/tau_c) after a pair whose
// post spike is in step p, and D_k = A*g^(k-k0+1) after the dopamine is
// set to A before step k0 (g = exp(-dt/tau_d)).
func TestFlatRSTDP(t *testing.T) {
	const dt, w0, ltp, tauC, tauD = 0.1, 5.0, 0.02, 50.0, 200.0
	const post, total = 105, 4000 // steps
	q, g := math.Exp(-dt/tauC), math.Exp(-dt/tauD)
	run := func(t *testing.T, k0 int, A float64) float64 {
		r := learning.NewFlatRSTDP()
		r.LR = []float64{0, ltp}
		r.TauC = tauC
		p := newStepPair(t, r, []int{100}, []int{post}, w0, dt)
		require.NoError(t, p.sim.RunSteps(ctx(), k0))
		p.sim.SetDopamine(A)
		require.NoError(t, p.sim.RunSteps(ctx(), total-k0))
		return p.w() - w0
	}
	closed := func(k0 int, A float64) float64 {
		// sum_{k=k0}^{total-1} dt*ltp*q^(k-post)*A*g^(k-k0+1)
		n := total - k0
		return dt * ltp * A * g * pow(q, k0-post) * (1 - pow(q*g, n)) / (1 - q*g)
	}
	tests := []struct {
		name string
		k0   int
		A    float64
	}{
		{"no dopamine", 200, 0},
		{"dopamine 10 ms after the pair", 200, 1},
		{"twice the dopamine", 200, 2},
		{"negative dopamine", 200, -1},
		{"dopamine 1 tau_c later", 105 + 500, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dw := run(t, tt.k0, tt.A)
			// thousands of additions to a weight of 5: rounding ~1e-13
			assert.InDelta(t, closed(tt.k0, tt.A), dw, 1e-11)
			if tt.A == 0 {
				assert.Equal(t, 0.0, dw)
			}
		})
	}
	t.Run("proportional to dopamine", func(t *testing.T) {
		one, two := run(t, 200, 1), run(t, 200, 2)
		require.Greater(t, one, 0.0)
		assert.InDelta(t, 2, two/one, 1e-9)
	})
	t.Run("almost none after 6 tau_c", func(t *testing.T) {
		soon, late := run(t, 200, 1), run(t, post+6*500, 1)
		require.Greater(t, soon, 0.0)
		assert.Less(t, late/soon, 0.01)
	})
}
