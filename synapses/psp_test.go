package synapses_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// The PSP tests drive a passive membrane (a LIF with exact integration
// and its threshold out of reach: tau_m dv/dt = -(v - rest) + R*x) with
// one spike of weight w and compare the peak of v - rest and its time
// with the closed forms of docs/language.md.
const (
	pspTauM = 10.0 // ms
	pspR    = 2.0  // MΩ
	pspRest = -70.0
)

// psp runs one spike through kernel k at time step dt and returns v - rest
// after each step, the first value being that of the arrival step (the
// spike is emitted in step 0 with a delay of one step). A negative w is
// the weight -w from an inhibitory source.
func psp(t *testing.T, k synapses.Kernel, w, dt, dur float64) []float64 {
	t.Helper()
	pre := inputPop(t, "pre", 1, dt)
	if w < 0 { // an inhibitory source delivers -|w|
		pre.IsInhibitory, w = true, -w
	}
	m := neurons.NewLIF()
	m.Method = neurons.Exact
	m.TauM, m.R, m.RestPot, m.ResetPot, m.Threshold = neurons.Param{pspTauM}, neurons.Param{pspR}, neurons.Param{pspRest}, neurons.Param{pspRest}, neurons.Param{1e9}
	m.VInit = dist.Const(pspRest)
	post := neurons.New("post", 1, m)
	require.NoError(t, post.Init(dt, seed, 0))
	s := synapses.New("e", pre, post)
	s.Weight, s.Kernel = dist.Const(w), k
	require.NoError(t, s.Init(dt, seed))
	n := int(math.Round(dur / dt))
	out := make([]float64, 0, n)
	for step := range n + 1 {
		x := []float64{0}
		s.Deliver(step, x, 0, 1)
		if step == 0 {
			s.Emit(0, []int32{0})
		}
		require.NoError(t, post.Step(post.Chunk(0, step), x))
		post.Collect()
		if step >= 1 {
			out = append(out, post.Var("v")[0]-pspRest)
		}
	}
	return out
}

// peakOf returns the extremum of v and its index.
func peakOf(v []float64) (float64, int) {
	best, at := 0.0, -1
	for i, x := range v {
		if math.Abs(x) > math.Abs(best) {
			best, at = x, i
		}
	}
	return best, at
}

// maxOf returns the extremum of f on (0, T] and its time, by a fine scan.
func maxOf(f func(float64) float64, T float64) (float64, float64) {
	best, at := 0.0, 0.0
	const n = 200000
	for i := 1; i <= n; i++ {
		tm := T * float64(i) / n
		if y := f(tm); math.Abs(y) > math.Abs(best) {
			best, at = y, tm
		}
	}
	return best, at
}

// currentPSP is the membrane's response to a current kernel
// w*N*(exp(-t/td) - exp(-t/tr)) (tr = 0: w*exp(-t/td)), from the closed form
// A(tau) = tau/(tau - tau_m)*(exp(-t/tau) - exp(-t/tau_m)).
func currentPSP(w, norm, tr, td float64) func(float64) float64 {
	A := func(tau, t float64) float64 {
		return tau / (tau - pspTauM) * (math.Exp(-t/tau) - math.Exp(-t/pspTauM))
	}
	return func(t float64) float64 {
		v := A(td, t)
		if tr > 0 {
			v -= A(tr, t)
		}
		return pspR * w * norm * v
	}
}

// alphaPSP is the response to w*(t/tau)*exp(1 - t/tau):
// R*w*e/(tau*tau_m)*exp(-t/tau_m)*(exp(a*t)*(a*t - 1) + 1)/a^2, a = 1/tau_m - 1/tau.
func alphaPSP(w, tau float64) func(float64) float64 {
	a := 1/pspTauM - 1/tau
	return func(t float64) float64 {
		return pspR * w * math.E / (tau * pspTauM) * math.Exp(-t/pspTauM) * (math.Exp(a*t)*(a*t-1) + 1) / (a * a)
	}
}

// condPSP integrates tau_m dv/dt = -(v - rest) + R*g(t)*(E - v) by RK4
// with a step of 1 µs and returns v - rest on a grid of that step.
func condPSP(g func(float64) float64, e, T float64) func(float64) float64 {
	const h = 0.001
	n := int(T / h)
	vs := make([]float64, n+1)
	f := func(t, v float64) float64 { return (-v + pspR*g(t)*(e-pspRest-v)) / pspTauM }
	for i := range n {
		t, v := float64(i)*h, vs[i]
		k1 := f(t, v)
		k2 := f(t+h/2, v+h/2*k1)
		k3 := f(t+h/2, v+h/2*k2)
		k4 := f(t+h, v+h*k3)
		vs[i+1] = v + h/6*(k1+2*k2+2*k3+k4)
	}
	return func(t float64) float64 { return vs[min(n, int(math.Round(t/h)))] }
}

func biexpNorm(tr, td float64) (float64, float64) {
	tp := tr * td / (td - tr) * math.Log(td/tr)
	return 1 / (math.Exp(-tp/td) - math.Exp(-tp/tr)), tp
}

// TestPSPAgainstClosedForm checks the peak amplitude and time to peak of
// every kernel's PSP at dt = 0.1 and 0.01 ms. The kernels are exact at the
// steps; the membrane holds each step's input constant, so the PSP of a
// continuous kernel carries an O(dt) error: the tolerance is relative,
// 1.2*dt/tau_min for the amplitude, and dt for the time to peak.
func TestPSPAgainstClosedForm(t *testing.T) {
	erev := 0.0
	nBi, _ := biexpNorm(1, 5)
	gAlpha := func(t float64) float64 { return 0.01 * t / 2 * math.Exp(1-t/2) }
	gBi := func(t float64) float64 { return 0.01 * nBi * (math.Exp(-t/5) - math.Exp(-t/1)) }
	gExp := func(t float64) float64 { return 0.01 * math.Exp(-t/5) }
	tests := []struct {
		name   string
		kernel func() synapses.Kernel
		w      float64
		want   func(float64) float64
		tauMin float64 // the fastest time constant of the kernel
	}{
		{"exponential", func() synapses.Kernel { return &synapses.Exponential{Tau: 5} }, 1, currentPSP(1, 1, 0, 5), 5},
		{"alpha", func() synapses.Kernel { return &synapses.Alpha{Tau: 2} }, 1, alphaPSP(1, 2), 2},
		{"biexp", func() synapses.Kernel { return &synapses.BiExp{TauRise: 1, TauDecay: 5} }, 1, currentPSP(1, nBi, 1, 5), 1},
		{"conductance", func() synapses.Kernel { return &synapses.Conductance{Tau: 5, ERev: &erev} }, 0.01, condPSP(gExp, erev, 60), 5},
		{"alpha_cond", func() synapses.Kernel { return &synapses.AlphaCond{Tau: 2, ERev: &erev} }, 0.01, condPSP(gAlpha, erev, 60), 2},
		{"biexp_cond", func() synapses.Kernel { return &synapses.BiExpCond{TauRise: 1, TauDecay: 5, ERev: &erev} }, 0.01, condPSP(gBi, erev, 60), 1},
	}
	for _, tc := range tests {
		wantPeak, wantT := maxOf(tc.want, 59)
		for _, dt := range []float64{0.1, 0.01} {
			t.Run(fmt.Sprintf("%s/dt=%g", tc.name, dt), func(t *testing.T) {
				v := psp(t, tc.kernel(), tc.w, dt, 60)
				peak, at := peakOf(v)
				tPeak := float64(at+1) * dt // v after the m-th step since arrival is v((m+1)*dt)
				relErr := math.Abs(peak-wantPeak) / math.Abs(wantPeak)
				t.Logf("peak %.6g mV (closed form %.6g, rel. error %.2g), at %.3g ms (closed form %.4g)", peak, wantPeak, relErr, tPeak, wantT)
				assert.Less(t, relErr, 1.2*dt/tc.tauMin, "peak amplitude")
				assert.InDelta(t, wantT, tPeak, dt+1e-9, "time to peak")
			})
		}
	}
}

// TestDeltaJumpIndependentOfDt: the delta kernel makes v jump by exactly w
// in the arrival step at any dt, then v decays as w*exp(-t/tau_m); the
// seed's current_pulse moves v by R*w*(1 - exp(-dt/tau_m)) instead.
func TestDeltaJumpIndependentOfDt(t *testing.T) {
	for _, w := range []float64{0.1, 2, -1.5} {
		for _, dt := range []float64{0.1, 0.01} {
			v := psp(t, &synapses.Delta{}, w, dt, 20)
			assert.InDelta(t, w, v[0], 1e-12*math.Abs(w)+1e-13, "w %g, dt %g: the jump", w, dt)
			m := int(math.Round(10 / dt))
			assert.InDelta(t, w*math.Exp(-10/pspTauM), v[m], 1e-9, "w %g, dt %g: v at 10 ms after the jump", w, dt)
			p := psp(t, &synapses.CurrentPulse{}, w, dt, 1)
			assert.InDelta(t, pspR*w*(1-math.Exp(-dt/pspTauM)), p[0], 1e-12, "current_pulse scales with dt")
		}
	}
}

func TestShapedKernelsRejectBadParams(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		k     synapses.Kernel
		param string
	}{
		{&synapses.Alpha{Tau: 0}, "tau"},
		{&synapses.AlphaCond{Tau: inf}, "tau"},
		{&synapses.BiExp{TauRise: 0, TauDecay: 5}, "tau_rise"},
		{&synapses.BiExp{TauRise: 5, TauDecay: 5}, "tau_decay"},
		{&synapses.BiExpCond{TauRise: 2, TauDecay: 1}, "tau_decay"},
		{&synapses.BiExpCond{TauRise: 1, TauDecay: 5, ERev: &nan}, "e_rev"},
		{&synapses.AlphaCond{Tau: 2, ERev: &inf}, "e_rev"},
	}
	for _, tc := range tests {
		err := tc.k.Init(1, 0.1, false)
		var pe *paramerr.Error
		require.ErrorAs(t, err, &pe, "%s", tc.k.Kind())
		assert.Equal(t, tc.param, pe.Param, "%s: %v", tc.k.Kind(), err)
	}
}

// TestShapedKernelsStateAndReset: the alpha and biexp kernels deliver 0 in
// the arrival step and their closed form after it, expose "i" or "g",
// default e_rev by the source's sign, and Reset clears them.
func TestShapedKernelsStateAndReset(t *testing.T) {
	const dt, w = 0.1, 0.7
	nBi, _ := biexpNorm(1, 5)
	for _, tc := range []struct {
		k    synapses.Kernel
		v    string
		want func(float64) float64
	}{
		{&synapses.Alpha{Tau: 2}, "i", func(t float64) float64 { return w * t / 2 * math.Exp(1-t/2) }},
		{&synapses.BiExp{TauRise: 1, TauDecay: 5}, "i", func(t float64) float64 { return w * nBi * (math.Exp(-t/5) - math.Exp(-t)) }},
		{&synapses.AlphaCond{Tau: 2}, "g", func(t float64) float64 { return w * t / 2 * math.Exp(1-t/2) }},
		{&synapses.BiExpCond{TauRise: 1, TauDecay: 5}, "g", func(t float64) float64 { return w * nBi * (math.Exp(-t/5) - math.Exp(-t)) }},
	} {
		require.NoError(t, tc.k.Init(1, dt, true))
		a, x, v := []float64{w}, []float64{0}, []float64{-80}
		for m := range 100 {
			tc.k.Deliver(a, x, v, 0, 1)
			assert.InDelta(t, tc.want(float64(m)*dt), tc.k.Var(tc.v)[0], 1e-12, "%s step %d", tc.k.Kind(), m)
			assert.Zero(t, a[0])
		}
		if tc.v == "g" {
			assert.Zero(t, x[0], "%s: inhibitory default e_rev = -80 mV = v drives nothing", tc.k.Kind())
		}
		assert.Nil(t, tc.k.Var("w"))
		tc.k.Reset()
		tc.k.Deliver([]float64{0}, x, v, 0, 1)
		assert.Zero(t, tc.k.Var(tc.v)[0], "%s: Reset clears the state", tc.k.Kind())
	}
}
