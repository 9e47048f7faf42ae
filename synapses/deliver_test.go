package synapses_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestDeltaArrival checks that a spike emitted in step k through a synapse
// of delay d adds its weight to x in step k+d and in no other step.
func TestDeltaArrival(t *testing.T) {
	const dt, w, fireAt, n = 0.5, 0.4, 2, 14
	for _, d := range []int{0, 1, 3, 7} {
		t.Run(fmt.Sprintf("delay %d", d), func(t *testing.T) {
			pre, post := inputPop(t, "pre", 2, dt), inputPop(t, "post", 3, dt)
			s := synapses.New("e", pre, post)
			s.Weight, s.Delay = dist.Const(w), dist.Const(float64(d)*dt)
			require.NoError(t, s.Init(dt, seed))
			require.Equal(t, d, s.DelaySteps)

			xs := steps(s, n, map[int][]int32{fireAt: {1}}, d == 0)
			for k, x := range xs {
				want := 0.0
				if k == fireAt+d {
					want = w
				}
				assert.Equal(t, []float64{want, want, want}, x, "delay %d, step %d", d, k)
			}
		})
	}
}

// TestDeltaRepeated checks the ring buffer over many wraps: neuron 0
// fires every step, neuron 1 every third step, with delay 4 steps.
func TestDeltaRepeated(t *testing.T) {
	const d, n = 4, 40
	pre, post := inputPop(t, "pre", 2, 1), inputPop(t, "post", 1, 1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.List{Pre: []int{0, 1}, Post: []int{0, 0}, Weight: []float64{1, 10}}
	s.Delay = dist.Const(d)
	require.NoError(t, s.Init(1, seed))

	fire := map[int][]int32{}
	for k := range n {
		fire[k] = []int32{0}
		if k%3 == 0 {
			fire[k] = []int32{0, 1}
		}
	}
	for k, x := range steps(s, n, fire, false) {
		want := 0.0
		if k >= d {
			want = 1
			if (k-d)%3 == 0 {
				want = 11
			}
		}
		assert.Equal(t, want, x[0], "step %d", k)
	}
}

// TestDeliverRange checks that Deliver touches only [lo, hi), so that the
// network can deliver chunk by chunk.
func TestDeliverRange(t *testing.T) {
	pre, post := inputPop(t, "pre", 1, 1), inputPop(t, "post", 4, 1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.List{Pre: []int{0, 0, 0, 0}, Post: []int{0, 1, 2, 3}, Weight: []float64{1, 2, 3, 4}}
	require.NoError(t, s.Init(1, seed))

	s.Emit(0, []int32{0})
	x := []float64{-1, -1, -1, -1}
	s.Deliver(1, x, 1, 3)
	assert.Equal(t, []float64{-1, 1, 2, -1}, x)
	s.Deliver(1, x, 3, 4)
	s.Deliver(1, x, 0, 1)
	assert.Equal(t, []float64{0, 1, 2, 3}, x)
	// The buffer of step 1 is consumed: it is empty when the ring comes
	// back to it.
	x = make([]float64, 4)
	s.Deliver(3, x, 0, 4)
	assert.Equal(t, []float64{0, 0, 0, 0}, x)
}

// TestDale checks the sign an inhibitory source gives: negative for the
// current kernels, none for the conductance kernel (whose reversal
// potential gives the sign).
func TestDale(t *testing.T) {
	const w = 0.5
	tests := []struct {
		name       string
		inhibitory bool
		kernel     synapses.Kernel
		want       float64 // x in the arrival step, target at v = -70 mV
	}{
		{"current_pulse excitatory", false, &synapses.CurrentPulse{}, w},
		{"current_pulse inhibitory", true, &synapses.CurrentPulse{}, -w},
		// delta: the input that moves v by w: w/g, g = R*dt/tau_m.
		{"delta excitatory", false, &synapses.Delta{}, -1},
		{"delta inhibitory", true, &synapses.Delta{}, -1},
		{"exponential excitatory", false, &synapses.Exponential{Tau: 5}, w},
		{"exponential inhibitory", true, &synapses.Exponential{Tau: 5}, -w},
		{"conductance excitatory, E_rev 0 mV", false, &synapses.Conductance{Tau: 5}, w * (0 - -70)},
		{"conductance inhibitory, E_rev -80 mV", true, &synapses.Conductance{Tau: 5}, w * (-80 - -70)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre, post := inputPop(t, "pre", 1, 1), lifPop(t, "post", 1, 1, -70)
			pre.IsInhibitory = tc.inhibitory
			s := synapses.New("e", pre, post)
			s.Weight, s.Kernel = dist.Const(w), tc.kernel
			require.NoError(t, s.Init(1, seed))
			xs := steps(s, 2, map[int][]int32{0: {0}}, false)
			want := tc.want
			if _, ok := tc.kernel.(*synapses.Delta); ok {
				want = w / post.Model.(neurons.InputGainer).InputGain()[0]
				if tc.inhibitory {
					want = -want
				}
			}
			assert.InDelta(t, want, xs[1][0], 1e-12)
			if g := s.Var("g"); g != nil {
				assert.InDelta(t, w, g[0], 1e-12, "conductance is positive")
			}
		})
	}
}

// TestExponentialKernel checks i <- i*exp(-dt/tau) + a, x += i against
// the closed form: a spike of weight w arriving in step a gives
// x_k = w*exp(-(k-a)*dt/tau) for k >= a, and spikes superpose.
func TestExponentialKernel(t *testing.T) {
	const dt, tau, w, n = 0.5, 2.0, 0.8, 12
	pre, post := inputPop(t, "pre", 1, dt), inputPop(t, "post", 2, dt)
	s := synapses.New("e", pre, post)
	s.Weight, s.Kernel = dist.Const(w), &synapses.Exponential{Tau: tau}
	require.NoError(t, s.Init(dt, seed))

	// Spikes in steps 0 and 3, delay one step: arrivals in steps 1 and 4.
	xs := steps(s, n, map[int][]int32{0: {0}, 3: {0}}, false)
	for k, x := range xs {
		want := 0.0
		for _, a := range []int{1, 4} {
			if k >= a {
				want += w * math.Exp(-float64(k-a)*dt/tau)
			}
		}
		assert.InDelta(t, want, x[0], 1e-12, "step %d", k)
		assert.InDelta(t, want, x[1], 1e-12, "step %d", k)
	}
	assert.InDelta(t, xs[n-1][0], s.Var("i")[0], 1e-15, "the current is the state i")
	assert.InDelta(t, w*math.Exp(-0.25), xs[2][0], 1e-15, "second step of one spike")
}

// TestConductanceKernel checks g <- g*exp(-dt/tau) + a and
// x += g*(E_rev - v), with v read from the target in each step.
func TestConductanceKernel(t *testing.T) {
	const dt, tau, w = 1.0, 4.0, 0.5
	decay := math.Exp(-dt / tau)
	tests := []struct {
		name string
		eRev *float64
		want float64 // reversal potential in use
	}{
		{"default excitatory", nil, 0},
		{"given", ptr(-65.0), -65},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre, post := inputPop(t, "pre", 1, dt), lifPop(t, "post", 2, dt, -70)
			s := synapses.New("e", pre, post)
			s.Weight, s.Kernel = dist.Const(w), &synapses.Conductance{Tau: tau, ERev: tc.eRev}
			require.NoError(t, s.Init(dt, seed))
			v := post.Var("v")

			s.Emit(0, []int32{0})
			x := make([]float64, 2)
			s.Deliver(1, x, 0, 2) // arrival: g = w
			assert.InDelta(t, w*(tc.want+70), x[0], 1e-12)
			assert.InDelta(t, w, s.Var("g")[1], 1e-12)

			// The target's potential moves (as the neuron model would
			// move it); the kernel reads the new value in the next step.
			v[0], v[1] = -50, -90
			x = make([]float64, 2)
			s.Deliver(2, x, 0, 2)
			g := w * decay
			assert.InDelta(t, g*(tc.want+50), x[0], 1e-12)
			assert.InDelta(t, g*(tc.want+90), x[1], 1e-12)
			assert.InDelta(t, g, s.Var("g")[0], 1e-12)
		})
	}
}

// TestPerSynapseDelays checks that synapses of one source with different
// delays deliver in different steps, also onto the same target.
func TestPerSynapseDelays(t *testing.T) {
	pre, post := inputPop(t, "pre", 1, 1), inputPop(t, "post", 3, 1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.List{
		Pre: []int{0, 0, 0, 0}, Post: []int{0, 1, 2, 0},
		Weight: []float64{0.1, 0.2, 0.3, 0.4}, Delay: []float64{1, 2, 3, 5},
	}
	require.NoError(t, s.Init(1, seed))
	xs := steps(s, 8, map[int][]int32{0: {0}}, false)
	want := [][]float64{
		{0, 0, 0},
		{0.1, 0, 0},
		{0, 0.2, 0},
		{0, 0, 0.3},
		{0, 0, 0},
		{0.4, 0, 0},
		{0, 0, 0},
		{0, 0, 0},
	}
	assert.Equal(t, want, xs)
}

func TestEvents(t *testing.T) {
	pre, post := inputPop(t, "pre", 4, 1), inputPop(t, "post", 3, 1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.List{Pre: []int{0, 0, 2, 3, 3, 3}, Post: []int{0, 1, 2, 0, 1, 2}}
	require.NoError(t, s.Init(1, seed))
	require.Zero(t, s.Events())

	s.Emit(0, []int32{0, 1, 3}) // 2 + 0 + 3 synapses
	assert.Equal(t, int64(5), s.Events())
	s.Emit(1, []int32{2})
	assert.Equal(t, int64(6), s.Events())
	s.Emit(2, nil)
	assert.Equal(t, int64(6), s.Events())
}

func TestReset(t *testing.T) {
	pre, post := inputPop(t, "pre", 2, 1), inputPop(t, "post", 2, 1)
	s := synapses.New("e", pre, post)
	s.Weight, s.Delay, s.Kernel = dist.Const(1), dist.Const(3), &synapses.Exponential{Tau: 10}
	require.NoError(t, s.Init(1, seed))
	w := append([]float64(nil), s.Weights()...)

	// Spikes in steps 0 and 1 arrive in steps 3 and 4; stop after step 3,
	// with the second arrival still in the delay buffers.
	xs := steps(s, 4, map[int][]int32{0: {0, 1}, 1: {0}}, false)
	require.Equal(t, []float64{2, 2}, xs[3], "first arrival before the reset")
	require.Equal(t, int64(6), s.Events())

	s.Reset()
	assert.Zero(t, s.Events())
	assert.Equal(t, []float64{0, 0}, s.Var("i"))
	assert.Equal(t, w, s.Weights(), "weights are kept")
	for k := range 8 {
		x := make([]float64, 2)
		s.Deliver(k, x, 0, 2)
		assert.Equal(t, []float64{0, 0}, x, "step %d after the reset", k)
	}
}

func TestMask(t *testing.T) {
	pre, post := inputPop(t, "pre", 3, 1), inputPop(t, "post", 3, 1)
	s := synapses.New("e", pre, post)
	s.Weight = dist.Const(1)
	s.Mask = func(i, j int) bool { return i == j }
	require.NoError(t, s.Init(1, seed))

	assert.Equal(t, []float64{0, 1, 1, 1, 0, 1, 1, 1, 0}, s.Dense())
	xs := steps(s, 2, map[int][]int32{0: {1}}, false)
	assert.Equal(t, []float64{1, 0, 1}, xs[1], "no current through a masked synapse")

	// A learning rule changes every weight; ApplyMask zeroes the masked
	// ones again.
	for at := range s.Weights() {
		s.Weights()[at] = 2
	}
	s.ApplyMask()
	assert.Equal(t, []float64{0, 2, 2, 2, 0, 2, 2, 2, 0}, s.Dense())

	// A new mask zeroes its synapses; the old ones keep their zero.
	s.SetMask(func(i, j int) bool { return i == 0 && j == 2 })
	assert.Equal(t, []float64{0, 2, 0, 2, 0, 2, 2, 2, 0}, s.Dense())
	s.Weights()[0] = 5
	s.ApplyMask()
	assert.Equal(t, []float64{5, 2, 0, 2, 0, 2, 2, 2, 0}, s.Dense())

	// Without a mask nothing is held.
	s.SetMask(nil)
	s.Weights()[2] = 7
	s.ApplyMask()
	assert.Equal(t, []float64{5, 2, 7, 2, 0, 2, 2, 2, 0}, s.Dense())
}

func TestDenseMatrix(t *testing.T) {
	pre, post := inputPop(t, "pre", 3, 1), inputPop(t, "post", 2, 1)
	s := synapses.New("e", pre, post)
	// Parallel synapses 0 -> 1 add up; source 1 has none.
	s.Connect = synapses.List{Pre: []int{0, 2, 0, 2}, Post: []int{1, 0, 1, 1}, Weight: []float64{0.1, 0.2, 0.3, 0.4}}
	require.NoError(t, s.Init(1, seed))
	assert.InDeltaSlice(t, []float64{0, 0.4, 0, 0, 0.2, 0.4}, s.Dense(), 1e-15)
}

// TestEdge checks what a learning rule sees: rows alias the weights.
func TestEdge(t *testing.T) {
	pre, post := inputPop(t, "pre", 3, 1), inputPop(t, "post", 2, 1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.List{Pre: []int{2, 0, 2}, Post: []int{1, 1, 0}, Weight: []float64{0.3, 0.7, 0.9}}
	s.WMin, s.WMax = 0.1, 2
	require.NoError(t, s.Init(1, seed))

	assert.Equal(t, 3, s.NumPre())
	assert.Equal(t, 2, s.NumPost())
	lo, hi := s.Bounds()
	assert.Equal(t, [2]float64{0.1, 2}, [2]float64{lo, hi})

	post2, w2 := s.Row(2)
	assert.Equal(t, []int32{1, 0}, post2)
	assert.Equal(t, []float64{0.3, 0.9}, w2)
	post1, _ := s.Row(1)
	assert.Empty(t, post1)

	w2[1] = 1.5
	assert.Equal(t, 1.5, s.Dense()[2*2+0], "Row's weights alias the edge")
	assert.Equal(t, s.Weights(), s.Var("w"))
	assert.Nil(t, s.Var("i"), "a delta kernel has no current")
}
