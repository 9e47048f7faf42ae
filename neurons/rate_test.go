package neurons_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// LIF defaults used below: threshold - rest_pot = 10 mV, reset_pot =
// rest_pot, tau_m 10 ms, R 20, refrac_length 5 ms.
const (
	lifGap  = 10.0
	lifTau  = 10.0
	lifR    = 20.0
	lifTRef = 5.0
)

// lifT is the continuous time from reset to threshold of a default LIF
// under a constant drive R*x = ri > lifGap: T = tau_m*ln(ri/(ri - gap)).
// The closed-form rate is f = 1/(t_ref + T).
func lifT(ri float64) float64 { return lifTau * math.Log(ri/(ri-lifGap)) }

// TestLIFRateEuler compares the firing rate of the Euler-integrated LIF
// under constant input with the closed form f = 1/(t_ref + T).
//
// Tolerance. With h = dt/tau_m the Euler potential after n steps from
// reset is v_inf + (reset - v_inf)*(1 - h)^n, so the number of integrating
// steps to threshold is ceil(N), N = (T/dt)*h/(-ln(1 - h)). Since
// h <= -ln(1 - h) <= h + h²/(2(1 - h)), N*dt lies in
// [T*(1 - h/(2(1 - h))), T]: Euler reaches threshold slightly early. The
// spike can only fall on a step, which adds [0, dt), and the refractory
// period is exactly round(t_ref/dt) steps (t_ref/dt is a whole number
// here). So every inter-spike interval lies in
// [t_ref + T - T*h/(2(1 - h)), t_ref + T + dt).
func TestLIFRateEuler(t *testing.T) {
	for _, dt := range []float64{0.01, 0.1} {
		for _, ri := range []float64{12, 15, 20, 40} {
			t.Run(fmt.Sprintf("dt=%g/RI=%g", dt, ri), func(t *testing.T) {
				d := newDriver(t, 1, neurons.NewLIF(), dt)
				const duration = 300.0 // ms: at least 13 spikes
				spikes := d.spikeSteps(t, int(math.Round(duration/dt)), ri/lifR)
				require.GreaterOrEqual(t, len(spikes), 10)

				T, h := lifT(ri), dt/lifTau
				isi := lifTRef + T
				lo, hi := isi-T*h/(2*(1-h)), isi+dt
				for j := 1; j < len(spikes); j++ {
					got := float64(spikes[j]-spikes[j-1]) * dt
					assert.True(t, got >= lo-1e-9 && got < hi, "ISI %d = %g ms, want in [%g, %g)", j, got, lo, hi)
				}
				rate := 1000 * float64(len(spikes)-1) / (float64(spikes[len(spikes)-1]-spikes[0]) * dt)
				assert.InDelta(t, 1000/isi, rate, 1000/isi*(dt+T*h)/isi, "rate in Hz")
			})
		}
	}
}

// TestLIFRateExact checks that with the Exact integrator the LIF spikes
// exactly every round(t_ref/dt) + ceil(T/dt) steps: the exact potential
// reaches threshold in the first step that ends at or after T, and the
// first spike (from v(0) = rest_pot = reset_pot) comes in step
// ceil(T/dt) - 1.
func TestLIFRateExact(t *testing.T) {
	for _, dt := range []float64{0.01, 0.1, 1} {
		for _, ri := range []float64{12, 15, 20, 40} {
			t.Run(fmt.Sprintf("dt=%g/RI=%g", dt, ri), func(t *testing.T) {
				T := lifT(ri)
				frac := T/dt - math.Floor(T/dt)
				require.True(t, frac > 1e-6 && frac < 1-1e-6, "T/dt = %g is too close to a whole number to test", T/dt)
				m := neurons.NewLIF()
				m.Method = neurons.Exact
				d := newDriver(t, 1, m, dt)
				spikes := d.spikeSteps(t, int(math.Round(300/dt)), ri/lifR)
				require.GreaterOrEqual(t, len(spikes), 10)

				n := int(math.Ceil(T / dt))
				period := int(math.Round(lifTRef/dt)) + n
				assert.Equal(t, n-1, spikes[0], "first spike step")
				for j := 1; j < len(spikes); j++ {
					assert.Equal(t, period, spikes[j]-spikes[j-1], "ISI %d in steps", j)
				}
			})
		}
	}
}

// TestLIFRheobase checks that a LIF is silent just below the rheobase
// R*x = threshold - rest_pot (v tends to rest + R*x < threshold and both
// integrators approach it monotonically) and fires just above it.
func TestLIFRheobase(t *testing.T) {
	for _, method := range []neurons.Method{neurons.Euler, neurons.Exact} {
		for _, tc := range []struct {
			scale float64
			fires bool
		}{{0.999, false}, {1.01, true}} {
			t.Run(fmt.Sprintf("%s/%g", method, tc.scale), func(t *testing.T) {
				m := neurons.NewLIF()
				m.Method = method
				d := newDriver(t, 1, m, 0.1)
				spikes := d.spikeSteps(t, 20000, tc.scale*lifGap/lifR) // 2 s
				assert.Equal(t, tc.fires, len(spikes) > 0, "spikes: %d", len(spikes))
				if !tc.fires {
					assert.InDelta(t, -62+tc.scale*lifGap, d.v(t, "v", 0), 1e-6, "v settles at rest + R*x")
				}
			})
		}
	}
}

// TestELIFRheobase checks the rheobase of the exponential LIF:
// f(v) = -(v - rest) + delta_t*exp((v - theta_rh)/delta_t) + R*x has its
// minimum at v = theta_rh, where f = rest - theta_rh + delta_t + R*x, so a
// fixed point exists (and the neuron is silent) iff R*x <= theta_rh -
// rest_pot - delta_t = 1 mV with the defaults. The threshold (-52 mV) lies
// 8*delta_t above theta_rh: the linear part alone would settle near -61 mV,
// so only the exponential runaway can reach it.
func TestELIFRheobase(t *testing.T) {
	const dt, rhI = 0.01, 1.0 // R*I_rh in mV
	for _, tc := range []struct {
		scale float64
		fires bool
	}{{0.98, false}, {1.05, true}} {
		t.Run(fmt.Sprint(tc.scale), func(t *testing.T) {
			d := newDriver(t, 1, neurons.NewELIF(), dt)
			// Just above the rheobase v crawls past theta_rh in about
			// tau_m*pi/sqrt(0.05/2) = 200 ms; run 2 s.
			spikes := d.spikeSteps(t, int(2000/dt), tc.scale*rhI/20)
			assert.Equal(t, tc.fires, len(spikes) > 0, "spikes: %d", len(spikes))
			if !tc.fires {
				v := d.v(t, "v", 0)
				assert.Less(t, v, -60.0, "v settles below theta_rh")
				// At the stable fixed point f(v) = 0.
				assert.InDelta(t, 0, -(v+62)+math.Exp(v+60)+tc.scale*rhI, 1e-6)
			}
		})
	}
}

// TestLIFExactClosedForm checks that the exact LIF potential equals the
// closed form v(t) = v_inf + (v0 - v_inf)*exp(-t/tau_m), v_inf = rest +
// R*x, after every step, at any dt; and that Euler converges to it.
func TestLIFExactClosedForm(t *testing.T) {
	const x, v0 = 0.4, -70.0 // v_inf = -62 + 8 = -54, below threshold
	vAt := func(tm float64) float64 { return -54 + (v0+54)*math.Exp(-tm/lifTau) }
	for _, dt := range []float64{0.01, 0.1, 1, 2.5} {
		t.Run(fmt.Sprint(dt), func(t *testing.T) {
			m := neurons.NewLIF()
			m.Method, m.VInit = neurons.Exact, dist.Const(v0)
			d := newDriver(t, 1, m, dt)
			for k := 1; float64(k)*dt <= 50; k++ {
				d.step(t, x)
				require.InDelta(t, vAt(float64(k)*dt), d.v(t, "v", 0), 1e-9, "after %d steps", k)
			}
		})
	}
	// Euler's global error is first order: about dt/2*|dv/dt| integrated,
	// far below 0.01 mV at dt = 0.01 ms.
	m := neurons.NewLIF()
	m.VInit = dist.Const(v0)
	d := newDriver(t, 1, m, 0.01)
	for k := 1; k <= 2000; k++ {
		d.step(t, x)
	}
	assert.InDelta(t, vAt(20), d.v(t, "v", 0), 0.01)
}

// clifPulse is the closed-form CLIF potential tau after a current I0
// appears, from v = rest: tau_m dv/dt = -(v - rest) + R*I0*exp(-t/tau_i).
// Where tau_i is within 1e-9 of tau_m it uses the limit tau_i = tau_m,
// whose error there (about 1e-9 relative) is below the test's tolerance,
// while the general formula would lose digits to cancellation.
func clifPulse(rest, r, i0, tauM, tauI, tau float64) float64 {
	if math.Abs(tauI-tauM) < 1e-9*tauM {
		return rest + r*i0*tau/tauM*math.Exp(-tau/tauM)
	}
	return rest + r*i0*tauI/(tauI-tauM)*(math.Exp(-tau/tauI)-math.Exp(-tau/tauM))
}

// TestCLIFExact checks the exact CLIF integrator against the closed-form
// response to a current pulse (x = I0 in step 0 only: after step 0, i = I0
// and v = rest, and each later step advances the pair by dt), and against
// a fine Euler run of the same pulse.
func TestCLIFExact(t *testing.T) {
	const i0 = 1.0
	for _, tc := range []struct {
		dt, tauI float64
	}{{0.1, 2}, {0.5, 2}, {2, 2}, {0.5, 10}, {0.25, 30}, {0.5, 10 * (1 + 1e-11)}, {0.5, 10 * (1 - 1e-13)}} {
		t.Run(fmt.Sprintf("dt=%g/tau_i=%.14g", tc.dt, tc.tauI), func(t *testing.T) {
			m := neurons.NewCLIF()
			m.Method, m.TcIDecay, m.Threshold = neurons.Exact, neurons.Param{tc.tauI}, neurons.Param{100}
			d := newDriver(t, 1, m, tc.dt)
			d.step(t, i0)
			assert.InDelta(t, -65.0, d.v(t, "v", 0), 0)
			for k := 1; float64(k)*tc.dt <= 40; k++ {
				d.step(t, 0)
				require.InDelta(t, clifPulse(-65, 20, i0, 10, tc.tauI, float64(k)*tc.dt), d.v(t, "v", 0), 1e-9, "after step %d", k)
				require.InDelta(t, i0*math.Exp(-float64(k)*tc.dt/tc.tauI), d.v(t, "i", 0), 1e-12)
			}
		})
	}
	t.Run("vs fine Euler", func(t *testing.T) {
		const coarse, fine = 0.5, 0.001
		ex := neurons.NewCLIF()
		ex.Method, ex.Threshold = neurons.Exact, neurons.Param{100}
		eu := neurons.NewCLIF()
		eu.Threshold = neurons.Param{100}
		de, du := newDriver(t, 1, ex, coarse), newDriver(t, 1, eu, fine)
		de.step(t, i0)
		du.step(t, i0)
		per := int(math.Round(coarse / fine))
		for k := 1; k <= 40; k++ {
			de.step(t, 0)
			for range per {
				du.step(t, 0)
			}
			// First-order Euler with the start-of-step current: the error
			// is O(fine) ~ fine*R*I0/tau_m = 0.002 mV at most.
			assert.InDelta(t, de.v(t, "v", 0), du.v(t, "v", 0), 0.005, "at %g ms", float64(k)*coarse)
		}
		assert.Greater(t, de.v(t, "v", 0)+65, 0.1, "the pulse moved v")
	})
}
