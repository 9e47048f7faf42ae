package learning_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/learning"
)

// TestPairSTDP checks one pre and one post spike against the closed form:
// post after pre's arrival by Δ gives +lr[1]*exp(-Δ/tau_pre); pre arriving
// after post by Δ gives -lr[0]*exp(-Δ/tau_post). The pre spike at t_pre
// arrives one delay later.
func TestPairSTDP(t *testing.T) {
	const w0, ltd, ltp, tauPre, tauPost = 0.5, 0.01, 0.02, 20.0, 10.0
	tests := []struct {
		name             string
		pre, post, delay float64
	}{
		{"post 5 ms after arrival", 10, 15.1, 0.1},
		{"post 20 ms after arrival", 10, 30.1, 0.1},
		{"same step as arrival", 10, 10.1, 0.1},
		{"pre arrives 5 ms after post", 15, 10.1, 0.1},
		{"pre arrives 30 ms after post", 40, 10.1, 0.1},
		{"delay 3 ms, post 2 ms after arrival", 10, 15, 3},
		{"delay 3 ms, post before arrival", 10, 12, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learning.NewSTDP()
			r.LR = []float64{ltd, ltp}
			r.TauPre, r.TauPost = tauPre, tauPost
			p := newPair(t, r, []float64{tt.pre}, []float64{tt.post}, w0, tt.delay)
			p.run(t, 100)
			lag := tt.post - (tt.pre + tt.delay) // post time minus arrival time
			want := w0 + ltp*math.Exp(-lag/tauPre)
			if lag < 0 {
				want = w0 - ltd*math.Exp(lag/tauPost)
			}
			assert.InDelta(t, want, p.w(), 1e-12)
		})
	}
}

// TestPairSTDPBothTerms: pre, post, pre — both depression and
// potentiation apply and add (the seed overwrote one with the other).
func TestPairSTDPBothTerms(t *testing.T) {
	r := learning.NewSTDP()
	r.LR = []float64{0.01, 0.02}
	p := newPair(t, r, []float64{10, 30}, []float64{20.1}, 0.5, 0.1)
	p.run(t, 100)
	// arrival 10.1, post 20.1 (LTP, lag 10), arrival 30.1 (LTD, lag 10).
	want := 0.5 + 0.02*math.Exp(-10.0/20) - 0.01*math.Exp(-10.0/20)
	assert.InDelta(t, want, p.w(), 1e-12)
}

func TestBounds(t *testing.T) {
	tests := []struct {
		name  string
		bound string
		w0    float64
		want  float64
	}{
		// One pair at lag 0: dw = ltp = 0.3.
		{"hard clips at w_max", "hard", 0.9, 1},
		{"hard inside", "hard", 0.5, 0.8},
		{"soft scales by (w_max - w)", "soft", 0.5, 0.5 + 0.3*0.5},
		{"soft near w_max", "soft", 0.9, 0.9 + 0.3*0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learning.NewSTDP()
			r.LR = []float64{0, 0.3}
			r.Bound = tt.bound
			r.WMax = []float64{1}
			p := newPair(t, r, []float64{10}, []float64{10.1}, tt.w0, 0.1)
			p.run(t, 20)
			assert.InDelta(t, tt.want, p.w(), 1e-12)
		})
	}
}

// TestWeightDecayIndependentOfDt: the same biological time gives the same
// decay at any dt.
func TestWeightDecayIndependentOfDt(t *testing.T) {
	for _, dt := range []float64{0.1, 0.25, 1} {
		r := learning.NewNoop()
		r.WeightDecay = 0.01 // per ms
		p := newPairDt(t, r, nil, nil, 0.8, dt, dt)
		p.run(t, 100)
		assert.InDelta(t, 0.8*math.Exp(-0.01*100), p.w(), 1e-9, "dt %g", dt)
	}
}

// TestLearningSwitches: no change in eval mode, with the target's
// learning flag off, or with the rule's own flag off.
func TestLearningSwitches(t *testing.T) {
	for _, off := range []string{"eval", "population", "rule"} {
		t.Run(off, func(t *testing.T) {
			r := learning.NewSTDP()
			r.LR = []float64{0.01, 0.02}
			p := newPair(t, r, []float64{10}, []float64{15}, 0.5, 0.1)
			switch off {
			case "eval":
				p.sim.SetTrain(false)
			case "population":
				p.post.Learning = false
			case "rule":
				r.Learning = false
			}
			p.run(t, 50)
			assert.Equal(t, 0.5, p.w())
		})
	}
}
