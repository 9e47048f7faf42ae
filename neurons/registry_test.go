package neurons_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestBuiltin checks that Builtin holds the 14 built-in kinds and that each
// constructor makes a model of its kind that initialises with defaults.
func TestBuiltin(t *testing.T) {
	reg := neurons.Builtin()
	want := []string{"aelif", "alif", "aqlif", "blif", "clif", "elif", "if", "input", "izhikevich",
		"lif", "poisson", "qlif", "spike_generator", "srm0"}
	assert.Equal(t, want, reg.Kinds())
	for _, kind := range want {
		t.Run(kind, func(t *testing.T) {
			m, ok := reg.New(kind)
			require.True(t, ok)
			assert.Equal(t, kind, m.Kind())
			p := neurons.New("p", 3, m)
			require.NoError(t, p.Init(0.1, 1, 0))
			for _, v := range m.Vars() {
				assert.Len(t, m.Var(v), 3, "variable %q", v)
			}
			assert.Nil(t, m.Var("no_such_variable"))
			m2, _ := reg.New(kind)
			assert.NotSame(t, m, m2, "each call makes a new model")
		})
	}
	_, ok := reg.New("hodgkin_huxley")
	assert.False(t, ok)
}

// TestDescribe checks parameter names, units, defaults and Go fields.
func TestDescribe(t *testing.T) {
	byName := func(m neurons.Model) map[string]neurons.ParamInfo {
		out := map[string]neurons.ParamInfo{}
		for _, p := range neurons.Describe(m) {
			_, dup := out[p.Name]
			require.False(t, dup, "parameter %q listed twice", p.Name)
			out[p.Name] = p
		}
		return out
	}
	for _, tc := range []struct {
		m                        neurons.Model
		name, unit, deflt, field string
	}{
		{neurons.NewLIF(), "threshold", "mV", "-52", "Membrane.Threshold"},
		{neurons.NewLIF(), "tau_m", "ms", "10", "Membrane.TauM"},
		{neurons.NewLIF(), "refrac_length", "ms", "5", "Membrane.RefracLength"},
		{neurons.NewLIF(), "lower_bound", "mV", "unset", "Membrane.LowerBound"},
		{neurons.NewLIF(), "v_init", "mV", "unset", "Membrane.VInit"},
		{neurons.NewLIF(), "tau_s", "ms", "10", "Trace.TauS"},
		{neurons.NewLIF(), "spike_trace", "", "true", "Trace.SpikeTrace"},
		{neurons.NewLIF(), "additive_spike_trace", "", "false", "Trace.AdditiveSpikeTrace"},
		{neurons.NewLIF(), "method", "", "euler", "Method"},
		{neurons.NewBLIF(), "threshold", "mV", "40", "Membrane.Threshold"},
		{neurons.NewALIF(), "tau_m", "ms", "4", "Membrane.TauM"},
		{neurons.NewALIF(), "b", "", "2", "Adaptation.B"},
		{neurons.NewAELIF(), "R", "MΩ", "4", "Membrane.R"},
		{neurons.NewAELIF(), "theta_rh", "mV", "-60", "Exponential.ThetaRh"},
		{neurons.NewQLIF(), "critical_pot", "mV", "-54", "CriticalPot"},
		{neurons.NewCLIF(), "tc_i_decay", "ms", "2", "TcIDecay"},
		{neurons.NewCLIF(), "rest_pot", "mV", "-65", "Membrane.RestPot"},
		{neurons.NewSRM0(), "d_thresh", "mV", "5", "DThresh"},
		{neurons.NewIzhikevich(), "d", "mV/ms", "8", "D"},
		{neurons.NewPoisson(20), "rate", "Hz", "20", "Rate"},
		{neurons.NewSpikeGenerator(nil), "spike_times", "ms", "unset", "Times"},
	} {
		t.Run(tc.m.Kind()+"/"+tc.name, func(t *testing.T) {
			p, ok := byName(tc.m)[tc.name]
			require.True(t, ok, "no parameter %q", tc.name)
			assert.Equal(t, tc.unit, p.Unit)
			assert.Equal(t, tc.deflt, p.Default)
			assert.Equal(t, tc.field, p.Field)
			assert.NotEmpty(t, p.Doc)
		})
	}
	t.Run("current values", func(t *testing.T) {
		m := neurons.NewLIF()
		m.Threshold = neurons.Param{-50, -49}
		assert.Equal(t, "[-50 -49]", byName(m)["threshold"].Default)
	})
	t.Run("every membrane model", func(t *testing.T) {
		for _, kind := range []string{"if", "lif", "blif", "alif", "elif", "aelif", "qlif", "aqlif", "clif", "srm0"} {
			m, _ := neurons.Builtin().New(kind)
			ps := byName(m)
			for _, name := range []string{"threshold", "rest_pot", "reset_pot", "refrac_length", "tau_m", "R",
				"lower_bound", "v_init", "spike_trace", "additive_spike_trace", "tau_s", "trace_scale"} {
				assert.Contains(t, ps, name, "%s lacks %s", kind, name)
			}
		}
	})
}

// mp is the seed's McCulloch-Pitts neuron, as a user-defined model: v = x,
// a spike where v >= threshold.
type mp struct {
	neurons.Trace
	Threshold neurons.Param `param:"threshold" doc:"spike when x >= threshold"`

	V, th []float64
}

func (m *mp) Kind() string { return "mcculloch_pitts" }

func (m *mp) Init(n int, _ float64, _ *rand.Rand) error {
	if len(m.Threshold) != 1 {
		return errors.New("threshold: want one value")
	}
	m.V, m.th = make([]float64, n), make([]float64, n)
	for i := range m.th {
		m.th[i] = m.Threshold[0]
	}
	return nil
}

func (m *mp) Step(c neurons.Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		m.V[i] = x[i]
		s[i] = m.V[i] >= m.th[i]
	}
}

func (m *mp) Vars() []string { return []string{"v"} }

func (m *mp) Var(name string) []float64 {
	if name == "v" {
		return m.V
	}
	return nil
}

func newMP() neurons.Model {
	return &mp{Trace: neurons.Trace{SpikeTrace: true, TauS: neurons.Param{10}, TraceScale: neurons.Param{1}}, Threshold: neurons.Param{1}}
}

// TestCustomModel registers a user-defined model and runs it.
func TestCustomModel(t *testing.T) {
	reg := neurons.Builtin()
	require.NoError(t, reg.Register(newMP))
	assert.Contains(t, reg.Kinds(), "mcculloch_pitts")
	assert.ErrorContains(t, reg.Register(newMP), `"mcculloch_pitts" registered twice`)
	assert.ErrorContains(t, reg.Register(func() neurons.Model { return neurons.NewLIF() }), `"lif" registered twice`)
	assert.ErrorContains(t, reg.Register(func() neurons.Model { return &noKind{} }), "empty kind")

	var zero neurons.Registry // the zero Registry is ready to use
	require.NoError(t, zero.Register(newMP))
	m, ok := zero.New("mcculloch_pitts")
	require.True(t, ok)
	params := neurons.Describe(m)
	require.Len(t, params, 5) // four trace parameters and threshold
	assert.Equal(t, "threshold", params[4].Name)
	assert.Equal(t, "1", params[4].Default)

	d := newDriver(t, 3, m, 0.1)
	assert.Equal(t, []bool{false, true, true}, d.step(t, 0.5, 1, 2))
	assert.Equal(t, []float64{0.5, 1, 2}, d.p.Var("v"))
	assert.InDelta(t, 1.0, d.v(t, "traces", 2), 0)
}

// noKind is a model with an empty kind, which a Registry refuses.
type noKind struct{ mp }

func (*noKind) Kind() string { return "" }
