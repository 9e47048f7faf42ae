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

// TestTraceDecay checks the spike trace: after a spike it is 1
// (non-additive) or grows by trace_scale (additive), and in each step it
// decays by exactly exp(-dt/tau_s).
func TestTraceDecay(t *testing.T) {
	const dt, tauS, scale = 0.1, 7.0, 0.5
	dec := math.Exp(-dt / tauS)
	for _, additive := range []bool{false, true} {
		t.Run(fmt.Sprint("additive=", additive), func(t *testing.T) {
			m := neurons.NewInput()
			m.AdditiveSpikeTrace, m.TauS, m.TraceScale = additive, neurons.Param{tauS}, neurons.Param{scale}
			d := newDriver(t, 1, m, dt)
			d.step(t, 1)
			d.step(t, 1)
			// Two spikes: non-additive sets the trace to 1 each time;
			// additive gives scale*dec + scale.
			want := 1.0
			if additive {
				want = scale*dec + scale
			}
			assert.InDelta(t, want, d.v(t, "traces", 0), 1e-15)
			for k := 1; k <= 100; k++ {
				d.step(t, 0)
				require.InDelta(t, want*math.Pow(dec, float64(k)), d.v(t, "traces", 0), 1e-14, "%d steps after the spike", k)
			}
		})
	}
	t.Run("per-neuron tau_s", func(t *testing.T) {
		m := neurons.NewLIF()
		m.TauS = neurons.Param{5, 20}
		p := neurons.New("p", 2, m)
		require.NoError(t, p.Init(dt, 1, 0))
		require.NoError(t, p.Clamp([]bool{true, true}))
		d := &driver{p: p, x: make([]float64, 2)}
		d.step(t)
		require.NoError(t, p.Clamp(nil))
		d.step(t)
		assert.InDelta(t, math.Exp(-dt/5), d.v(t, "traces", 0), 1e-15)
		assert.InDelta(t, math.Exp(-dt/20), d.v(t, "traces", 1), 1e-15)
	})
	t.Run("no trace", func(t *testing.T) {
		m := neurons.NewLIF()
		m.SpikeTrace = false
		d := newDriver(t, 1, m, dt)
		assert.Nil(t, d.p.Var("traces"))
		assert.NotContains(t, d.p.Vars(), "traces")
	})
}

// TestRefractoryLength checks that after a spike in step k the neuron
// holds v for exactly round(refrac_length/dt) steps: a drive strong enough
// to spike in every integrating step (R*x = 2000 mV) then spikes in steps
// 0, held+1, 2*(held+1), ...
func TestRefractoryLength(t *testing.T) {
	for _, tc := range []struct {
		length, dt float64
		held       int
	}{
		{5, 0.1, 50},
		{2, 0.25, 8},
		{0.3, 0.1, 3}, // 0.3/0.1 = 2.9999999999999996 in floating point
		{1.04, 0.1, 10},
		{1.06, 0.1, 11},
		{0, 0.1, 0},
	} {
		t.Run(fmt.Sprintf("%g/%g", tc.length, tc.dt), func(t *testing.T) {
			m := neurons.NewLIF()
			m.RefracLength = neurons.Param{tc.length}
			d := newDriver(t, 1, m, tc.dt)
			require.True(t, d.step(t, 100)[0], "spike in step 0")
			assert.InDelta(t, float64(tc.held), d.v(t, "refrac_count", 0), 0)
			for k := 1; k <= tc.held; k++ {
				require.False(t, d.step(t, 100)[0], "step %d is refractory", k)
				assert.InDelta(t, -62.0, d.v(t, "v", 0), 0, "v held at reset in step %d", k)
			}
			assert.True(t, d.step(t, 100)[0], "step %d integrates and spikes", tc.held+1)
		})
	}
}

// TestLowerBound checks that lower_bound clamps v after a step that would
// take it lower, in the models that settle v through different code.
func TestLowerBound(t *testing.T) {
	lif := neurons.NewLIF()
	lif.LowerBound = neurons.Param{-70}
	hetero := neurons.NewLIF()
	hetero.LowerBound, hetero.Threshold = neurons.Param{-70}, neurons.Param{-52, -52}
	srm := neurons.NewSRM0()
	srm.LowerBound, srm.Rho0 = neurons.Param{-70}, neurons.Param{0}
	elif := neurons.NewELIF()
	elif.LowerBound = neurons.Param{-70}
	for _, tc := range []struct {
		name   string
		m      neurons.Model
		n      int
		x, one float64 // input, and v after one step without the bound
	}{
		{"lif", lif, 1, -1, -62 + 0.01*(-20)},
		{"lif per-neuron", hetero, 2, -1, -62 + 0.01*(-20)},
		{"srm0", srm, 1, -0.1, -62 - 2},
		{"elif", elif, 1, -1, -62 + 0.01*(math.Exp(-2)-20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, tc.n, tc.m, 0.1)
			d.step(t, tc.x)
			assert.InDelta(t, tc.one, d.v(t, "v", 0), 1e-12, "above the bound v is free")
			for range 200 {
				d.step(t, tc.x*10)
			}
			for i := range tc.n {
				assert.InDelta(t, -70.0, d.v(t, "v", i), 0, "v clamped at lower_bound")
			}
		})
	}
}

// TestHeterogeneous checks per-neuron parameters: three LIF neurons with
// thresholds -61.9, -61.5 and -52 under R*x = 20 mV. v after k steps is
// -62 + 20*(1 - 0.99^k): -61.8, -61.602, -61.40598, ...
func TestHeterogeneous(t *testing.T) {
	m := neurons.NewLIF()
	m.Threshold = neurons.Param{-61.9, -61.5, -52}
	m.ResetPot = neurons.Param{-62, -65, -62}
	d := newDriver(t, 3, m, 0.1)
	assert.Equal(t, []bool{true, false, false}, d.step(t, 1))  // -61.8
	assert.Equal(t, []bool{false, false, false}, d.step(t, 1)) // neuron 0 held
	assert.Equal(t, []bool{false, true, false}, d.step(t, 1))  // -61.40598 >= -61.5
	assert.InDelta(t, -65.0, d.v(t, "v", 1), 0, "neuron 1 resets to its own reset_pot")
	assert.InDelta(t, -62+20*(1-math.Pow(0.99, 3)), d.v(t, "v", 2), 1e-12)
}

// TestParamErrors checks that Init rejects bad parameters with a message
// naming the population and the parameter.
func TestParamErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		m    func() neurons.Model
		want []string
	}{
		{"wrong length", 3, func() neurons.Model {
			m := neurons.NewLIF()
			m.Threshold = neurons.Param{-52, -50}
			return m
		}, []string{`population "pop" (lif)`, "threshold has 2 values for 3 neurons"}},
		{"unset", 1, func() neurons.Model {
			m := neurons.NewALIF()
			m.B = nil
			return m
		}, []string{"(alif)", "parameter b is not set"}},
		{"NaN", 2, func() neurons.Model {
			m := neurons.NewELIF()
			m.R = neurons.Param{20, math.NaN()}
			return m
		}, []string{"parameter R of neuron 1 is NaN"}},
		{"infinite", 1, func() neurons.Model {
			m := neurons.NewIzhikevich()
			m.D = neurons.Param{math.Inf(1)}
			return m
		}, []string{"parameter d of neuron 0 is +Inf"}},
		{"negative tau_m", 2, func() neurons.Model {
			m := neurons.NewLIF()
			m.TauM = neurons.Param{10, -1}
			return m
		}, []string{"parameter tau_m of neuron 1 is -1, want a positive number"}},
		{"zero tau_w", 1, func() neurons.Model {
			m := neurons.NewAQLIF()
			m.TauW = neurons.Param{0}
			return m
		}, []string{"tau_w", "positive"}},
		{"zero tc_i_decay", 1, func() neurons.Model {
			m := neurons.NewCLIF()
			m.TcIDecay = neurons.Param{0}
			return m
		}, []string{"tc_i_decay", "positive"}},
		{"negative refrac_length", 1, func() neurons.Model {
			m := neurons.NewIF()
			m.RefracLength = neurons.Param{-1}
			return m
		}, []string{"refrac_length", "non-negative"}},
		{"negative tau_s", 1, func() neurons.Model {
			m := neurons.NewQLIF()
			m.TauS = neurons.Param{-3}
			return m
		}, []string{`population "pop"`, "tau_s", "positive"}},
		{"negative delta_t", 1, func() neurons.Model {
			m := neurons.NewAELIF()
			m.DeltaT = neurons.Param{-1}
			return m
		}, []string{"delta_t", "positive"}},
		{"negative d_thresh", 1, func() neurons.Model {
			m := neurons.NewSRM0()
			m.DThresh = neurons.Param{-5}
			return m
		}, []string{"d_thresh", "positive"}},
		{"bad method", 1, func() neurons.Model {
			m := neurons.NewLIF()
			m.Method = "rk4"
			return m
		}, []string{`method "rk4"`}},
		{"bad v_init", 1, func() neurons.Model {
			m := neurons.NewLIF()
			m.VInit = dist.Uniform{Min: 1, Max: 0}
			return m
		}, []string{"v_init"}},
		{"negative rate", 1, func() neurons.Model { return neurons.NewPoisson(-1) }, []string{"rate", "non-negative"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := neurons.New("pop", tc.n, tc.m())
			err := p.Init(0.1, 1, 0)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
	t.Run("population", func(t *testing.T) {
		assert.ErrorContains(t, neurons.New("p", 1, nil).Init(0.1, 1, 0), "no model")
		assert.ErrorContains(t, neurons.NewShaped("p", []int{2, 0}, neurons.NewLIF()).Init(0.1, 1, 0), "dimension")
		assert.ErrorContains(t, neurons.New("p", 1, neurons.NewLIF()).Init(0, 1, 0), "time step")
		assert.ErrorContains(t, neurons.New("p", 1, neurons.NewLIF()).Init(math.NaN(), 1, 0), "time step")
	})
}

// TestShape checks that a shaped population has the product of its shape
// as its size.
func TestShape(t *testing.T) {
	p := neurons.NewShaped("img", []int{4, 7}, neurons.NewLIF())
	require.NoError(t, p.Init(0.1, 1, 0))
	assert.Equal(t, 28, p.Len())
	assert.Len(t, p.S, 28)
	assert.Len(t, p.Var("v"), 28)
}

// TestVInit checks random initial potentials: within the distribution's
// range, different for each neuron, the same for the same seed and name,
// different for another seed, with the right moments, and drawn again
// identically by Reset.
func TestVInit(t *testing.T) {
	const n = 2000
	initV := func(seed uint64, d dist.Dist) []float64 {
		m := neurons.NewALIF()
		m.VInit = d
		p := neurons.New("exc", n, m)
		require.NoError(t, p.Init(0.1, seed, 100)) // several chunks
		return append([]float64(nil), p.Var("v")...)
	}
	for _, tc := range []struct {
		d         dist.Dist
		mean, std float64
	}{
		{dist.Uniform{Min: -70, Max: -60}, -65, 10 / math.Sqrt(12)},
		{dist.Normal{Mean: -65, Std: 2}, -65, 2},
	} {
		t.Run(tc.d.String(), func(t *testing.T) {
			v := initV(7, tc.d)
			assert.Equal(t, v, initV(7, tc.d), "same seed, same draws")
			assert.NotEqual(t, v, initV(8, tc.d), "another seed, other draws")
			distinct := map[float64]bool{}
			var sum, sq float64
			for _, x := range v {
				distinct[x] = true
				sum += x
				sq += x * x
			}
			assert.Len(t, distinct, n, "one draw per neuron")
			mean := sum / n
			std := math.Sqrt(sq/n - mean*mean)
			assert.InDelta(t, tc.mean, mean, 5*tc.std/math.Sqrt(n))
			assert.InDelta(t, tc.std, std, 0.1*tc.std)
			if u, ok := tc.d.(dist.Uniform); ok {
				for _, x := range v {
					require.True(t, x >= u.Min && x < u.Max, "%g outside [%g, %g)", x, u.Min, u.Max)
				}
			}
		})
	}
	t.Run("const", func(t *testing.T) {
		for _, x := range initV(1, dist.Const(-58)) {
			require.InDelta(t, -58.0, x, 0)
		}
	})
}

// TestReset checks that Population.Reset restores the state after Init:
// the same initial draws, w and i back to 0 (the seed never reset them),
// no spikes, zero traces, sums and counts, and the same random stream.
func TestReset(t *testing.T) {
	t.Run("alif", func(t *testing.T) {
		m := neurons.NewALIF()
		m.VInit = dist.Uniform{Min: -65, Max: -55}
		p := neurons.New("p", 50, m)
		p.SumInput = true
		require.NoError(t, p.Init(0.1, 3, 0))
		v0 := append([]float64(nil), p.Var("v")...)
		d := &driver{p: p, x: make([]float64, 50)}
		for range 300 {
			d.step(t, 1.5)
		}
		require.Positive(t, p.Spikes)
		require.NotZero(t, p.Var("w")[0])

		require.NoError(t, p.Reset())
		assert.Equal(t, v0, p.Var("v"))
		for name, want := range map[string]float64{"w": 0, "refrac_count": 0, "traces": 0, "summed": 0} {
			for i, x := range p.Var(name) {
				require.InDelta(t, want, x, 0, "%s of neuron %d", name, i)
			}
		}
		assert.Zero(t, p.Spikes)
		assert.Empty(t, p.Fired)
		assert.NotContains(t, p.S, true)
	})
	t.Run("clif", func(t *testing.T) {
		d := newDriver(t, 1, neurons.NewCLIF(), 0.1)
		d.step(t, 5)
		require.InDelta(t, 5.0, d.v(t, "i", 0), 0)
		require.NoError(t, d.p.Reset())
		assert.InDelta(t, 0.0, d.v(t, "i", 0), 0)
		assert.InDelta(t, -65.0, d.v(t, "v", 0), 0)
	})
	t.Run("random stream", func(t *testing.T) {
		d := newDriver(t, 500, neurons.NewPoisson(200), 1)
		var first [][]bool
		for range 20 {
			first = append(first, d.step(t))
		}
		require.NoError(t, d.p.Reset())
		d.k = 0
		for k := range 20 {
			require.Equal(t, first[k], d.step(t), "step %d", k)
		}
	})
}

// TestFault checks that a state variable turning NaN is reported with the
// population, neuron, variable and step.
func TestFault(t *testing.T) {
	for _, tc := range []struct {
		m    neurons.Model
		v    string
		kind string
	}{
		{neurons.NewLIF(), "v", "lif"},
		{neurons.NewALIF(), "v", "alif"}, // w advances from the old v: still finite
		{neurons.NewCLIF(), "i", "clif"}, // v advances with the old i: still finite
	} {
		t.Run(tc.kind, func(t *testing.T) {
			p := neurons.New("exc", 5, tc.m)
			require.NoError(t, p.Init(0.1, 1, 2)) // chunks of 2: neuron 3 is in chunk 1
			x := []float64{0, 0, 0, math.NaN(), 0}
			for c := range p.NumChunks() {
				require.NoError(t, p.Step(p.Chunk(c, 6), []float64{0, 0, 0, 0, 0}))
			}
			require.NoError(t, p.Step(p.Chunk(0, 7), x))
			err := p.Step(p.Chunk(1, 7), x)
			var fe *neurons.FaultError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "exc", fe.Population)
			assert.Equal(t, 3, fe.Neuron)
			assert.Equal(t, tc.v, fe.Var)
			assert.Equal(t, 7, fe.Step)
			assert.True(t, math.IsNaN(fe.Value))
			assert.Contains(t, err.Error(), `population "exc"`)
			assert.Contains(t, err.Error(), "neuron 3")
			assert.Contains(t, err.Error(), "step 7")
		})
	}
}

// TestClamp checks Clamp (forced spikes) and Unclamp (forced silence).
func TestClamp(t *testing.T) {
	d := newDriver(t, 3, neurons.NewLIF(), 0.1)
	require.NoError(t, d.p.Clamp([]bool{false, true, false}))
	require.NoError(t, d.p.Unclamp([]bool{false, false, true}))
	// Neurons 0 and 2 would spike (R*x = 2000 mV); 2 is unclamped.
	assert.Equal(t, []bool{true, true, false}, d.step(t, 100, 0, 100))
	assert.Equal(t, []int32{0, 1}, d.p.Fired)
	assert.InDelta(t, 1.0, d.v(t, "traces", 1), 0, "a forced spike updates the trace")
	assert.InDelta(t, 0.0, d.v(t, "traces", 2), 0, "a suppressed spike does not")
	assert.Equal(t, []bool{false, true, false}, d.step(t, 0))

	require.NoError(t, d.p.Clamp(nil))
	require.NoError(t, d.p.Unclamp(nil))
	assert.Equal(t, []bool{false, false, false}, d.step(t, 0))
	assert.EqualValues(t, 3, d.p.Spikes)

	assert.ErrorContains(t, d.p.Clamp([]bool{true}), "clamp mask has 1 entries for 3 neurons")
	assert.ErrorContains(t, d.p.Unclamp([]bool{true, true}), "unclamp mask has 2 entries")
}

// TestSumInput checks the running input sum.
func TestSumInput(t *testing.T) {
	p := neurons.New("p", 2, neurons.NewLIF())
	p.SumInput = true
	require.NoError(t, p.Init(0.1, 1, 0))
	d := &driver{p: p, x: make([]float64, 2)}
	d.step(t, 0.5, -1)
	d.step(t, 0.25, 3)
	assert.Equal(t, []float64{0.75, 2}, p.Var("summed"))
	assert.Contains(t, p.Vars(), "summed")
}
