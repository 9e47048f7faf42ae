package learning_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/learning"
)

const (
	mDt, mW0, mTauD = 0.1, 5.0, 200.0 // ms, weight, ms (the network's default tau_d)
	mTotal          = 3000            // steps run
)

// runModulated runs rule on a pair (arrival and post steps), sets the
// dopamine to A before step k0 and returns the weight change.
func runModulated(t *testing.T, rule learning.Rule, arrivals, post []int, k0 int, A float64) float64 {
	t.Helper()
	p := newStepPair(t, rule, arrivals, post, mW0, mDt)
	require.NoError(t, p.sim.RunSteps(ctx(), k0))
	p.sim.SetDopamine(A)
	require.NoError(t, p.sim.RunSteps(ctx(), mTotal-k0))
	return p.w() - mW0
}

// dopamine returns the dopamine level in step k after it was set to A
// before step k0: A*g^(k-k0+1), g = exp(-dt/tau_d), and 0 before k0.
func dopamine(k, k0 int, A float64) float64 {
	if k < k0 {
		return 0
	}
	return A * pow(math.Exp(-mDt/mTauD), k-k0+1)
}

// TestMSTDP: the point eligibility of a pair, zeta = lr[1]*a_plus*
// exp(-lag/tc_plus) at the post spike or lr[0]*a_minus*exp(-lag/tc_minus)
// at the late arrival, is turned into dw = dopamine*zeta by the dopamine
// of the next step, and by no other step.
func TestMSTDP(t *testing.T) {
	const ltd, ltp, tcPlus, tcMinus, aPlus, aMinus = 0.01, 0.02, 20.0, 10.0, 1.5, -0.5
	ltpAt := func(lag int) float64 { return ltp * aPlus * math.Exp(-float64(lag)*mDt/tcPlus) }
	ltdAt := func(lag int) float64 { return ltd * aMinus * math.Exp(-float64(lag)*mDt/tcMinus) }
	tests := []struct {
		name           string
		arrivals, post []int
		k0             int
		A              float64
		want           float64
	}{
		{"no dopamine", []int{100}, []int{150}, 0, 0, 0},
		{"post 50 steps after arrival", []int{100}, []int{150}, 0, 1, dopamine(151, 0, 1) * ltpAt(50)},
		{"same step", []int{100}, []int{100}, 0, 1, dopamine(101, 0, 1) * ltpAt(0)},
		{"dopamine set just before the step after", []int{100}, []int{150}, 151, 2, dopamine(151, 151, 2) * ltpAt(50)},
		{"dopamine two steps late: nothing", []int{100}, []int{150}, 152, 2, 0},
		{"arrival 30 steps after post", []int{130}, []int{100}, 0, 1, dopamine(131, 0, 1) * ltdAt(30)},
		{"negative reward after depression", []int{130}, []int{100}, 0, -1, dopamine(131, 0, -1) * ltdAt(30)},
		{"pre, post, pre", []int{100, 180}, []int{150}, 0, 1,
			dopamine(151, 0, 1)*ltpAt(50) + dopamine(181, 0, 1)*ltdAt(30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learning.NewMSTDP()
			r.LR = []float64{ltd, ltp}
			r.TcPlus, r.TcMinus, r.APlus, r.AMinus = tcPlus, tcMinus, aPlus, aMinus
			dw := runModulated(t, r, tt.arrivals, tt.post, tt.k0, tt.A)
			assert.InDelta(t, tt.want, dw, 1e-14)
			if tt.want != 0 {
				assert.NotZero(t, dw)
			}
		})
	}
}

// TestMSTDPET: the point eligibility zeta of the post spike in step p
// enters the trace z in step p+1 as zeta/tc_e_trace and decays from there,
// z_k = zeta/tc_e*e^(k-p-1) (e = exp(-dt/tc_e)); the weight changes by
// the sum over steps of dt*D_k*z_k.
func TestMSTDPET(t *testing.T) {
	const ltp, tcPlus, tcE = 0.02, 20.0, 25.0
	const arrival, post = 100, 150
	zeta := ltp * math.Exp(-float64(post-arrival)*mDt/tcPlus)
	e, g := math.Exp(-mDt/tcE), math.Exp(-mDt/mTauD)
	closed := func(k0 int, A float64) float64 {
		k1 := max(k0, post+1)
		n := mTotal - k1
		return mDt * A * zeta / tcE * pow(g, k1-k0+1) * pow(e, k1-post-1) * (1 - pow(g*e, n)) / (1 - g*e)
	}
	run := func(t *testing.T, k0 int, A float64) float64 {
		r := learning.NewMSTDPET()
		r.LR = []float64{0, ltp}
		r.TcPlus, r.TcETrace = tcPlus, tcE
		return runModulated(t, r, []int{arrival}, []int{post}, k0, A)
	}
	tests := []struct {
		name string
		k0   int
		A    float64
	}{
		{"no dopamine", 0, 0},
		{"dopamine from the start", 0, 1},
		{"dopamine 10 ms after the pair", post + 100, 1},
		{"negative dopamine", post + 100, -3},
		{"dopamine 2 tc_e_trace after the pair", post + 500, 1},
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
		one, two := run(t, post+100, 1), run(t, post+100, 2)
		require.Greater(t, one, 0.0)
		assert.InDelta(t, 2, two/one, 1e-9)
	})
	t.Run("almost none after 6 tc_e_trace", func(t *testing.T) {
		soon, late := run(t, post+10, 1), run(t, post+6*250, 1)
		require.Greater(t, soon, 0.0)
		assert.Less(t, late/soon, 0.01)
	})
}
