package neurons_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// stepCase is a model, a time step and its first steps.
type stepCase struct {
	name  string
	model func() neurons.Model
	dt    float64
	steps []stepWant
}

// stepWant is the input of one step and what the step must produce.
type stepWant struct {
	x     float64
	spike bool
	vars  map[string]float64
}

// TestFirstSteps checks the first steps of every model against values
// computed by hand from the model's equation (see the package
// documentation), including a spike, the reset, the refractory hold, the
// adaptation jump w += b and w (or i, or u) evolving while v is held.
func TestFirstSteps(t *testing.T) {
	e := math.Exp
	tests := []stepCase{
		{
			// tau_m dv/dt = R*x: dv = dt/tau_m*R*x = 0.1/10*20*1 = 0.2 per step.
			name: "if",
			model: func() neurons.Model {
				m := neurons.NewIF()
				m.Threshold, m.ResetPot, m.RefracLength = neurons.Param{-61.5}, neurons.Param{-63}, neurons.Param{0.1}
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				{x: 1, vars: map[string]float64{"v": -61.8, "refrac_count": 0}},
				{x: 1, vars: map[string]float64{"v": -61.6}},
				{x: 1, spike: true, vars: map[string]float64{"v": -63, "refrac_count": 1}}, // -61.4 >= -61.5
				{x: 1, vars: map[string]float64{"v": -63, "refrac_count": 0}},              // held
				{x: 1, vars: map[string]float64{"v": -62.8}},
			},
		},
		{
			// v += dt/tau_m*(-(v - rest) + R*x) with dt/tau_m = 0.01, R*x = 20.
			name: "lif",
			model: func() neurons.Model {
				m := neurons.NewLIF()
				m.Threshold, m.ResetPot, m.RefracLength = neurons.Param{-61.7}, neurons.Param{-63}, neurons.Param{0.2}
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				{x: 1, vars: map[string]float64{"v": -62 + 0.01*(0+20)}},                            // -61.8
				{x: 1, spike: true, vars: map[string]float64{"v": -63, "refrac_count": 2}},          // -61.8 + 0.01*19.8 = -61.602
				{x: 1, vars: map[string]float64{"v": -63, "refrac_count": 1}},                       // held
				{x: 1, vars: map[string]float64{"v": -63, "refrac_count": 0}},                       // held
				{x: 1, vars: map[string]float64{"v": -63 + 0.01*(-(-63+62)+20), "refrac_count": 0}}, // -62.79
				{x: 1, vars: map[string]float64{"v": -62.5821}},                                     // -62.79 + 0.01*(0.79 + 20)
				{x: 0, vars: map[string]float64{"v": -62.576279}},                                   // leak only: + 0.01*0.5821
				{x: -1, vars: map[string]float64{"v": -62.77051621}},                                // + 0.01*(0.576279 - 20)
			},
		},
		{
			// Exact: v = rest + (v - rest)*p + R*x*(1 - p), p = exp(-dt/tau_m).
			name: "lif exact",
			model: func() neurons.Model {
				m := neurons.NewLIF()
				m.Method = neurons.Exact
				m.Threshold, m.RefracLength = neurons.Param{-61.7}, neurons.Param{0.1}
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				{x: 1, vars: map[string]float64{"v": -62 + 20*(1-e(-0.01))}},               // -61.800997
				{x: 1, spike: true, vars: map[string]float64{"v": -62, "refrac_count": 1}}, // -62 + 20*(1-e(-0.02)) = -61.604
				{x: 1, vars: map[string]float64{"v": -62}},
				{x: 1, vars: map[string]float64{"v": -62 + 20*(1-e(-0.01))}},
			},
		},
		{
			// BLIF: rest = reset = 0, threshold 40; v += 0.01*(-v + 20*x).
			name: "blif",
			model: func() neurons.Model {
				m := neurons.NewBLIF()
				m.VInit, m.RefracLength = dist.Const(39.5), neurons.Param{0.1}
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				{x: 10, spike: true, vars: map[string]float64{"v": 0}}, // 39.5 + 0.01*(200 - 39.5) = 41.105
				{x: 10, vars: map[string]float64{"v": 0}},              // held
				{x: 10, vars: map[string]float64{"v": 2}},              // 0.01*200
				{x: 10, vars: map[string]float64{"v": 2 + 0.01*(200-2)}},
			},
		},
		alifCase(),
		elifCase(),
		{
			// ELIF from the default initial potential reset_pot (here -63):
			// v += 0.01*(-(v + 62) + exp(v + 60) + 20*x).
			name: "elif subthreshold",
			model: func() neurons.Model {
				m := neurons.NewELIF()
				m.ResetPot = neurons.Param{-63}
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				{x: 0.1, vars: map[string]float64{"v": -63 + 0.01*(1+e(-3)+2)}},
				{x: 0.1, vars: map[string]float64{"v": func() float64 {
					v := -63 + 0.01*(1+e(-3)+2)
					return v + 0.01*(-(v+62)+e(v+60)+2)
				}()}},
			},
		},
		aelifCase(),
		{
			// QLIF, dt 1 ms: v += (1/30)*((v + 62)*(v + 54) + 1*x); v(0) = reset_pot = -61.
			name: "qlif",
			model: func() neurons.Model {
				m := neurons.NewQLIF()
				m.ResetPot, m.Threshold, m.RefracLength = neurons.Param{-61}, neurons.Param{-60.3}, neurons.Param{1}
				return m
			},
			dt: 1,
			steps: []stepWant{
				{x: 20, vars: map[string]float64{"v": -61 + (1*(-7)+20)/30.0}}, // -60.5667
				// -60.5667 + ((1.4333)*(-6.5667) + 20)/30 = -60.2137 >= -60.3
				{x: 20, spike: true, vars: map[string]float64{"v": -61, "refrac_count": 1}},
				{x: 20, vars: map[string]float64{"v": -61}},
				{x: 20, vars: map[string]float64{"v": -61 + 13/30.0}},
			},
		},
		{
			// QLIF at dt 0.1 ms: v += (0.1/30)*((v + 62)*(v + 54) + x) from
			// v(0) = reset_pot = -62 (the seed's step had no dt).
			name:  "qlif dt=0.1",
			model: func() neurons.Model { return neurons.NewQLIF() },
			dt:    0.1,
			steps: []stepWant{
				{x: 6, vars: map[string]float64{"v": -62 + 0.1/30*6}},                 // -61.98
				{x: 6, vars: map[string]float64{"v": -61.98 + 0.1/30*(0.02*-7.98+6)}}, // -61.9605320
			},
		},
		aqlifCase(),
		clifCase(),
		{
			// SRM0 with rho_0 = 0 never spikes, even above threshold:
			// v = -62 + (v + 62)*exp(-0.01) + 1*20*x.
			name: "srm0 rho0=0",
			model: func() neurons.Model {
				m := neurons.NewSRM0()
				m.Rho0, m.VInit = neurons.Param{0}, dist.Const(-40)
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				{x: 0.1, vars: map[string]float64{"v": -62 + 22*e(-0.01) + 2}},
				{x: 0.1, vars: map[string]float64{"v": -62 + (22*e(-0.01)+2)*e(-0.01) + 2}},
				{x: 0, vars: map[string]float64{"v": -62 + ((22*e(-0.01)+2)*e(-0.01)+2)*e(-0.01)}},
			},
		},
		izhikevichCase(),
		{
			// Izhikevich spike from v(0) = 29, u(0) = b*v(0) = 5.8.
			name: "izhikevich spike",
			model: func() neurons.Model {
				m := neurons.NewIzhikevich()
				m.VInit, m.RefracLength = dist.Const(29), neurons.Param{0.1}
				return m
			},
			dt: 0.1,
			steps: []stepWant{
				// v = 29 + 0.1*(0.04*841 + 145 + 140 - 5.8 + 10) = 61.284 >= 30;
				// u = 5.8 + 0.1*0.02*(0.2*29 - 5.8) + d.
				{x: 10, spike: true, vars: map[string]float64{"v": -65, "u": 13.8, "refrac_count": 1}},
				// held; u = 13.8 + 0.002*(0.2*(-65) - 13.8).
				{x: 10, vars: map[string]float64{"v": -65, "u": 13.7464}},
				// v = -65 + 0.1*(169 - 325 + 140 - 13.7464 + 10)
				{x: 10, vars: map[string]float64{"v": -66.97464, "u": 13.7464 + 0.002*(-13-13.7464)}},
			},
		},
		{
			// Input spikes where x != 0; additive trace, tau_s 10 ms.
			name:  "input",
			model: func() neurons.Model { return neurons.NewInput() },
			dt:    0.1,
			steps: []stepWant{
				{x: 0, vars: map[string]float64{"traces": 0}},
				{x: 2, spike: true, vars: map[string]float64{"traces": 1}},
				{x: -0.5, spike: true, vars: map[string]float64{"traces": e(-0.01) + 1}},
				{x: 0, vars: map[string]float64{"traces": (e(-0.01) + 1) * e(-0.01)}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, 1, tt.model(), tt.dt)
			for k, st := range tt.steps {
				s := d.step(t, st.x)
				assert.Equal(t, st.spike, s[0], "spike in step %d", k)
				for name, want := range st.vars {
					assert.InDelta(t, want, d.v(t, name, 0), 1e-9, "%s after step %d", name, k)
				}
			}
		})
	}
}

// alifCase: tau_m 4, tau_w 20, a0 1, b 2, R 20, dt 0.1, so v += 0.025*(...)
// and w += 0.005*(...); reset_pot -63 differs from rest_pot -62 so that w
// relaxes towards a0*(reset - rest) = -1 while v is held.
func alifCase() (c stepCase) {
	c.name, c.dt = "alif", 0.1
	c.model = func() neurons.Model {
		m := neurons.NewALIF()
		m.Threshold, m.ResetPot, m.RefracLength = neurons.Param{-61.2}, neurons.Param{-63}, neurons.Param{0.2}
		return m
	}
	const h, g = 0.025, 0.005
	// step 0 from v = -62, w = 0: w = 0, v = -62 + 0.025*20 = -61.5.
	// step 1: w = 0.005*0.5 = 0.0025, v = -61.5 + 0.025*(-0.5 + 20) = -61.0125
	// >= -61.2: spike, v = -63, w = 0.0025 + b.
	w2 := 0.0025 + 2
	w3 := w2 + g*(-1-w2) // held
	w4 := w3 + g*(-1-w3) // held
	w5 := w4 + g*(-1-w4)
	v5 := -63 + h*(1-20*w4+20)
	c.steps = []stepWant{
		{x: 1, vars: map[string]float64{"v": -61.5, "w": 0}},
		{x: 1, spike: true, vars: map[string]float64{"v": -63, "w": w2, "refrac_count": 2}},
		{x: 1, vars: map[string]float64{"v": -63, "w": w3}},
		{x: 1, vars: map[string]float64{"v": -63, "w": w4}},
		{x: 1, vars: map[string]float64{"v": v5, "w": w5}},
	}
	return c
}

// elifCase: v += 0.01*(-(v + 62) + exp(v + 60) + 20*x) from v(0) = -52.5:
// the exponential term exp(7.5) = 1808 drives v far above threshold.
func elifCase() (c stepCase) {
	c.name, c.dt = "elif", 0.1
	c.model = func() neurons.Model {
		m := neurons.NewELIF()
		m.VInit, m.ResetPot, m.RefracLength = dist.Const(-52.5), neurons.Param{-63}, neurons.Param{0.1}
		return m
	}
	v3 := -63 + 0.01*(1+math.Exp(-3)+2)
	c.steps = []stepWant{
		{x: 0.1, spike: true, vars: map[string]float64{"v": -63}}, // -52.5 + 0.01*(-9.5 + 1808.04 + 2) = -34.57
		{x: 0.1, vars: map[string]float64{"v": -63}},
		{x: 0.1, vars: map[string]float64{"v": v3}},
		{x: 0.1, vars: map[string]float64{"v": v3 + 0.01*(-(v3+62)+math.Exp(v3+60)+2)}},
	}
	return c
}

// aelifCase: tau_m 10, tau_w 20, R 4, a0 1, b 2, dt 0.1; x = 0.5 gives
// R*x = 2 (the seed would have added x = 0.5 without R).
func aelifCase() (c stepCase) {
	c.name, c.dt = "aelif", 0.1
	c.model = func() neurons.Model {
		m := neurons.NewAELIF()
		m.VInit, m.ResetPot, m.RefracLength = dist.Const(-52.5), neurons.Param{-63}, neurons.Param{0.2}
		return m
	}
	const g = 0.005
	// step 0: w = 0 + 0.005*(-52.5 + 62) = 0.0475, then + b at the spike;
	// v = -52.5 + 0.01*(-9.5 + exp(7.5) - 4*0 + 2) = -34.57 >= -52.
	w1 := 0.0475 + 2
	w2 := w1 + g*(-1-w1) // held at v = -63
	w3 := w2 + g*(-1-w2) // held
	w4 := w3 + g*(-1-w3)
	v4 := -63 + 0.01*(1+math.Exp(-3)-4*w3+2)
	c.steps = []stepWant{
		{x: 0.5, spike: true, vars: map[string]float64{"v": -63, "w": w1, "refrac_count": 2}},
		{x: 0.5, vars: map[string]float64{"v": -63, "w": w2}},
		{x: 0.5, vars: map[string]float64{"v": -63, "w": w3}},
		{x: 0.5, vars: map[string]float64{"v": v4, "w": w4}},
	}
	return c
}

// aqlifCase: tau_m = tau_w = 4, a0 1, b 2, R 1, critical_pot -54, dt 0.1:
// v += 0.025*((v + 62)*(v + 54) - w + x), w += 0.025*((v + 62) - w), from
// v(0) = reset_pot = -63.
func aqlifCase() (c stepCase) {
	c.name, c.dt = "aqlif", 0.1
	c.model = func() neurons.Model {
		m := neurons.NewAQLIF()
		m.ResetPot, m.Threshold, m.RefracLength = neurons.Param{-63}, neurons.Param{-62}, neurons.Param{0.1}
		return m
	}
	const h = 0.025
	// step 0: w = 0.025*(-1) = -0.025; v = -63 + 0.025*((-1)*(-9) + 20) = -62.275.
	// step 1: w = -0.025 + 0.025*(-0.275 + 0.025) = -0.03125;
	// v = -62.275 + 0.025*((-0.275)*(-8.275) + 0.025 + 20) = -61.7175 >= -62.
	w2 := -0.03125 + 2
	w3 := w2 + h*(-1-w2) // held
	w4 := w3 + h*(-1-w3)
	v4 := -63 + h*(9-w3+20)
	c.steps = []stepWant{
		{x: 20, vars: map[string]float64{"v": -62.275, "w": -0.025}},
		{x: 20, spike: true, vars: map[string]float64{"v": -63, "w": w2}},
		{x: 20, vars: map[string]float64{"v": -63, "w": w3}},
		{x: 20, vars: map[string]float64{"v": v4, "w": w4}},
	}
	return c
}

// clifCase: tau_m 10, R 20, tc_i_decay 2, dt 0.1; v advances with the
// start-of-step current, i = i*exp(-0.05) + x. reset_pot -70 differs from
// rest_pot -65 (the seed reset to rest_pot).
func clifCase() (c stepCase) {
	c.name, c.dt = "clif", 0.1
	c.model = func() neurons.Model {
		m := neurons.NewCLIF()
		m.ResetPot, m.Threshold, m.RefracLength = neurons.Param{-70}, neurons.Param{-63.5}, neurons.Param{0.1}
		return m
	}
	d := math.Exp(-0.05)
	c.steps = []stepWant{
		{x: 10, vars: map[string]float64{"v": -65, "i": 10}},                               // x reaches v one step later
		{x: 0, spike: true, vars: map[string]float64{"v": -70, "i": 10 * d}},               // -65 + 0.01*20*10 = -63
		{x: 0, vars: map[string]float64{"v": -70, "i": 10 * d * d}},                        // held, i decays
		{x: 0, vars: map[string]float64{"v": -70 + 0.01*(5+200*d*d), "i": 10 * d * d * d}}, // i of the start of the step
	}
	return c
}

// izhikevichCase: dt 0.1, x 10, from v(0) = c = -65, u(0) = b*c = -13.
func izhikevichCase() (c stepCase) {
	c.name, c.dt = "izhikevich", 0.1
	c.model = func() neurons.Model { return neurons.NewIzhikevich() }
	// step 0: u = -13 + 0.002*(0.2*(-65) + 13) = -13;
	// v = -65 + 0.1*(0.04*4225 - 325 + 140 + 13 + 10) = -64.3.
	// step 1: u = -13 + 0.002*(0.2*(-64.3) + 13) = -12.99972;
	// v = -64.3 + 0.1*(0.04*4134.49 - 321.5 + 140 + 13 + 10) = -63.61204.
	c.steps = []stepWant{
		{x: 10, vars: map[string]float64{"v": -64.3, "u": -13}},
		{x: 10, vars: map[string]float64{"v": -63.61204, "u": -12.99972}},
	}
	return c
}

// TestSRM0EscapeNoise checks the escape rate against its formula: with v
// held at rest_pot (no input, reset at rest, no refractory period) every
// step spikes with probability 1 - exp(-rho_0*exp((rest - threshold)/d_thresh)*dt).
// The seed's formula, dividing by the threshold, gives a rate that falls as
// v rises; here it rises.
func TestSRM0EscapeNoise(t *testing.T) {
	const n, steps, dt = 2000, 100, 0.1
	for _, rest := range []float64{-62, -57, -52} {
		t.Run(fmt.Sprint(rest), func(t *testing.T) {
			m := neurons.NewSRM0()
			m.RestPot, m.ResetPot, m.RefracLength = neurons.Param{rest}, neurons.Param{rest}, neurons.Param{0}
			d := newDriver(t, n, m, dt)
			for range steps {
				d.step(t, 0)
			}
			p := 1 - math.Exp(-1*math.Exp((rest+52)/5)*dt)
			mean := n * steps * p
			sd := math.Sqrt(mean * (1 - p))
			assert.InDelta(t, mean, float64(d.p.Spikes), 5*sd, "p = %g per step", p)
		})
	}
}

// TestSRM0Refractory checks that a neuron that would spike in every step
// (huge rho_0) spikes only every round(refrac_length/dt) + 1 steps: the
// seed let refractory SRM0 neurons spike.
func TestSRM0Refractory(t *testing.T) {
	m := neurons.NewSRM0()
	m.Rho0, m.RefracLength, m.ResetPot = neurons.Param{1e9}, neurons.Param{0.3}, neurons.Param{-63}
	d := newDriver(t, 1, m, 0.1)
	assert.Equal(t, []int{0, 4, 8, 12, 16}, d.spikeSteps(t, 20, 0))
	assert.InDelta(t, -63.0, d.v(t, "v", 0), 0, "v held at reset_pot")
}
