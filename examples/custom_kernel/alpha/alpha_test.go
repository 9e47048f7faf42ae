package alpha_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/examples/custom_kernel/alpha"
)

// TestPSCMatchesClosedForm delivers one spike of weight w and compares
// the current of every step with w*(t/tau)*exp(1 - t/tau).
func TestPSCMatchesClosedForm(t *testing.T) {
	for _, tc := range []struct{ tau, dt, w float64 }{{2, 0.1, 1}, {5, 0.05, -0.3}, {0.5, 0.1, 2}} {
		k := &alpha.Kernel{Tau: tc.tau}
		require.NoError(t, k.Init(1, tc.dt, false))
		a, x := []float64{tc.w}, []float64{0}
		peak, peakStep := 0.0, 0
		for step := range int(10 * tc.tau / tc.dt) {
			x[0] = 0
			k.Deliver(a, x, nil, 0, 1)
			tm := float64(step) * tc.dt
			want := tc.w * tm / tc.tau * math.Exp(1-tm/tc.tau)
			require.InDelta(t, want, x[0], 1e-12*math.Abs(tc.w), "tau %g, step %d", tc.tau, step)
			assert.Zero(t, a[0], "arrivals are consumed")
			if math.Abs(x[0]) > math.Abs(peak) {
				peak, peakStep = x[0], step
			}
		}
		assert.InDelta(t, tc.w, peak, 1e-3*math.Abs(tc.w), "peak w")
		assert.InDelta(t, tc.tau, float64(peakStep)*tc.dt, tc.dt, "at t = tau")
		k.Reset()
		x[0] = 0
		k.Deliver([]float64{0}, x, nil, 0, 1)
		assert.Zero(t, x[0], "Reset clears the state")
	}
}

func TestInitRejectsBadTau(t *testing.T) {
	for _, tau := range []float64{0, -1, math.Inf(1), math.NaN()} {
		assert.Error(t, (&alpha.Kernel{Tau: tau}).Init(1, 0.1, false), "tau %g", tau)
	}
}
