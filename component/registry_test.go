package component_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestDefaultHasEveryKindAndPassesCheck(t *testing.T) {
	reg := component.Default()
	want := map[component.Kind][]string{
		component.Neuron:    {"lif", "data", "poisson"},
		component.Rule:      {"stdp", "rstdp"},
		component.Connector: {"dense", "random", "fixed_indegree", "one_to_one", "list", "fixed_outdegree", "fixed_total", "distance", "conv2d", "pool2d", "local2d"},
		component.Kernel:    {"delta", "current_pulse", "exponential", "conductance", "alpha", "biexp", "alpha_cond", "biexp_cond"},
		component.Encoder:   {"poisson", "bernoulli", "ttfs", "rank_order", "position", "repeat"},
		component.Stimulus:  {"current", "steps"},
		component.Monitor:   {"spikes", "rate", "state", "signals", "weights"},
	}
	for _, kind := range component.Kinds() {
		names := reg.Names(kind)
		assert.Subset(t, names, want[kind], "kind %s", kind)
		for _, name := range names {
			x, ok := reg.New(kind, name)
			require.True(t, ok)
			assert.NoError(t, component.Check(kind, x), "%s %s", kind, name)
			assert.True(t, reg.Has(kind, name))
		}
	}
	assert.False(t, reg.Has(component.Kernel, "my_alpha"))
	_, ok := reg.New(component.Connector, "nope")
	assert.False(t, ok)
}

// tagged exercises every tag and type.
type tagged struct {
	P     float64       `param:"p" min:"0" max:"1" doc:"probability"`
	Tau   float64       `param:"tau" unit:"ms" gt:"0"`
	Frac  float64       `param:"frac" gt:"0" lt:"1"`
	N     int64         `param:"n" min:"1" required:"true"`
	Small int8          `param:"small"`
	U     uint32        `param:"u"`
	Mode  string        `param:"mode" enum:"a|b|c"`
	E     *float64      `param:"e" unit:"mV"`
	W     neurons.Param `param:"w" max:"10"`
	Ints  []int         `param:"ints" min:"0"`
	Steps []struct {
		At float64 `param:"at" required:"true"`
	} `param:"steps"`
	M neurons.Method `param:"method"`

	Untagged float64 // not a parameter
}

func params(t *testing.T, x any) map[string]component.Param {
	t.Helper()
	ps, err := component.Describe(x)
	require.NoError(t, err)
	out := make(map[string]component.Param)
	for _, p := range ps {
		out[p.Name] = p
	}
	return out
}

func TestDescribe(t *testing.T) {
	x := &tagged{P: 0.5, Tau: 5, Mode: "a"}
	ps := params(t, x)
	for _, tc := range []struct {
		name, typ, rng, def string
	}{
		{"p", "number", "[0, 1]", "0.5"},
		{"tau", "number", "> 0", "5"},
		{"frac", "number", "(0, 1)", "0"},
		{"n", "integer", ">= 1", ""},
		{"small", "integer", "", "0"},
		{"u", "integer", "", "0"},
		{"mode", "string", "a|b|c", "a"},
		{"e", "number", "", "unset"},
		{"w", "number|list", "<= 10", "unset"},
		{"ints", "list of integers", ">= 0", "unset"},
		{"steps", "list of objects", "", "unset"},
		{"method", "string", "euler|exact", ""},
	} {
		p, ok := ps[tc.name]
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.typ, p.Type.String(), tc.name)
		assert.Equal(t, tc.rng, p.Range(), tc.name)
		assert.Equal(t, tc.def, p.Default, tc.name)
	}
	assert.True(t, ps["n"].Required)
	assert.Equal(t, "ms", ps["tau"].Unit)
	assert.Equal(t, "probability", ps["p"].Doc)
	require.Len(t, ps["steps"].Elem, 1)
	assert.Equal(t, "at", ps["steps"].Elem[0].Name)
	assert.Len(t, ps, 12, "untagged fields are no parameters")
}

func TestSetChecksRangesAndKinds(t *testing.T) {
	x := &tagged{}
	ps := params(t, x)
	for _, tc := range []struct {
		param string
		v     any
		err   string
	}{
		{"p", 1.5, "p must be in [0, 1], not 1.5"},
		{"p", -0.1, "p must be in [0, 1], not -0.1"},
		{"tau", 0.0, "tau must be greater than 0, not 0 ms"},
		{"frac", 1.0, "frac must be in (0, 1), not 1"},
		{"n", int64(0), "n must be at least 1, not 0"},
		{"small", int64(300), "small must be a whole number from -128 to 127, not 300"},
		{"u", int64(-1), "u must be a whole number from 0 to 4294967295, not -1"},
		{"mode", "d", `mode must be "a", "b" or "c", not "d"`},
		{"w", []float64{1, 11}, "w must be at most 10, not 11"},
		{"ints", []int{0, -1}, "ints must be at least 0, not -1"},
	} {
		err := ps[tc.param].Set(x, tc.v)
		if assert.Error(t, err, tc.param) {
			assert.Equal(t, tc.err, err.Error())
		}
	}
	require.NoError(t, ps["p"].Set(x, 1.0), "bounds are inclusive")
	require.NoError(t, ps["n"].Set(x, int64(1<<40)))
	require.NoError(t, ps["small"].Set(x, int64(-128)))
	require.NoError(t, ps["u"].Set(x, int64(7)))
	require.NoError(t, ps["e"].Set(x, -70.0))
	require.NoError(t, ps["w"].Set(x, []float64{1, 2}))
	require.NoError(t, ps["mode"].Set(x, "c"))
	assert.Equal(t, &tagged{P: 1, N: 1 << 40, Small: -128, U: 7, E: ptr(-70), W: neurons.Param{1, 2}, Mode: "c"}, x)
}

func ptr(f float64) *float64 { return &f }

func TestDescribeRefusesWhatCannotBeSet(t *testing.T) {
	for _, tc := range []struct {
		x   any
		err string
	}{
		{&struct {
			M map[string]int `param:"m"`
		}{}, "parameter m has Go type map[string]int, which the language cannot set"},
		{&struct {
			F float64 `param:"f" min:"x"`
		}{}, `parameter f: min:"x" is not a number`},
		{&struct {
			S string `param:"s" min:"0"`
		}{}, "bounds need a numeric parameter"},
		{&struct {
			F float64 `param:"f" enum:"a|b"`
		}{}, "enum needs a string parameter"},
		{&struct {
			F float64 `param:"f" min:"2" max:"1"`
		}{}, "lower bound 2 is above the upper bound 1"},
		{&struct {
			F float64 `param:"f" min:"0" gt:"0"`
		}{}, "two lower or two upper bounds"},
		{&struct {
			A float64 `param:"a"`
			B float64 `param:"a"`
		}{}, `parameter "a" is declared twice`},
	} {
		_, err := component.Describe(tc.x)
		if assert.Error(t, err) {
			assert.Contains(t, err.Error(), tc.err)
		}
	}
}

// shadow is a model with a parameter named like a population attribute.
type shadow struct {
	*neurons.LIF
	Learn bool `param:"learning"`
}

func (shadow) Kind() string { return "shadow" }

// ring connects neuron i to neurons i+1 ... i+K (mod n).
type ring struct {
	K int `param:"k" min:"1"`
}

func (r ring) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	for i := range nPre {
		for d := 1; d <= r.K; d++ {
			add(i, (i+d)%nPost)
		}
	}
	return nil
}

func (r ring) String() string { return "ring" }

// weighty is a connector whose parameter takes an edge attribute's name.
type weighty struct {
	synapses.Dense
	W float64 `param:"weight"`
}

func TestAddChecks(t *testing.T) {
	reg := component.Default()
	err := reg.RegisterModel("", func() neurons.Model { return &shadow{LIF: neurons.NewLIF()} })
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), `parameter "learning"`)
		assert.Contains(t, err.Error(), "named like an attribute")
	}
	assert.False(t, reg.Has(component.Neuron, "shadow"), "refused models are not registered")
	err = reg.RegisterConnector("weighty", "", func() synapses.Connector { return &weighty{} })
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), `parameter "weight"`)
	}

	require.NoError(t, reg.RegisterConnector("ring", "a ring", func() synapses.Connector { return ring{K: 1} }))
	assert.Contains(t, reg.Names(component.Connector), "ring")
	assert.Equal(t, "a ring", reg.Doc(component.Connector, "ring"))
	assert.Error(t, reg.RegisterConnector("ring", "", func() synapses.Connector { return ring{} }), "twice")
	assert.Error(t, reg.RegisterConnector("", "", func() synapses.Connector { return ring{} }), "no name")
	assert.Error(t, reg.Add(component.Spec{Kind: component.Kernel, Name: "ring", New: func() any { return ring{} }}), "not a kernel")
	assert.Error(t, reg.Add(component.Spec{Kind: component.Kernel, Name: "expo", New: func() any { return &synapses.Exponential{} }}),
		"a kernel's name is its Kind")
	assert.Error(t, reg.Add(component.Spec{Kind: "widget", Name: "w", New: func() any { return ring{} }}))

	// A model registered through the shared registry is in Models too.
	require.NoError(t, reg.RegisterModel("", func() neurons.Model { return &renamed{LIF: neurons.NewLIF()} }))
	_, ok := reg.Models().New("lif2")
	assert.True(t, ok)
}

type renamed struct{ *neurons.LIF }

func (renamed) Kind() string { return "lif2" }

func TestWithRegistries(t *testing.T) {
	var models neurons.Registry
	require.NoError(t, models.Register(func() neurons.Model { return neurons.NewELIF() }))
	reg := component.Default().WithRegistries(&models, nil)
	assert.Equal(t, []string{"elif"}, reg.Names(component.Neuron))
	assert.Contains(t, reg.Names(component.Rule), "stdp", "rules kept")
	assert.Contains(t, reg.Names(component.Kernel), "exponential", "the rest kept")
}

func TestParamsIsTheUnion(t *testing.T) {
	reg := component.Default()
	assert.Equal(t, []string{"autapses", "channels_out", "dilation", "extent", "k", "kernel_size", "multapses", "n", "p", "p0", "padding", "periodic", "pool", "positions", "post", "pre", "sigma", "stride"},
		reg.Params(component.Connector))
	assert.Equal(t, []string{"e_rev", "tau", "tau_decay", "tau_rise"}, reg.Params(component.Kernel))
}

func TestAddressable(t *testing.T) {
	ptr, copied := component.Addressable(synapses.Random{P: 0.2})
	require.True(t, copied)
	ps := params(t, ptr)
	require.NoError(t, ps["p"].Set(ptr, 0.3))
	assert.Equal(t, synapses.Random{P: 0.3}, component.Deref(ptr))
	k := &synapses.Exponential{}
	same, copied := component.Addressable(k)
	assert.False(t, copied)
	assert.Equal(t, reflect.ValueOf(k).Pointer(), reflect.ValueOf(same).Pointer())
}

// TestEncoders checks that the built-in encoders are real encoders, that
// the data model's default encoder is the registry's poisson, and that
// an encoder may not take a parameter named like one of the data model.
func TestEncoders(t *testing.T) {
	reg := component.Default()
	assert.Equal(t, []string{"bernoulli", "poisson", "position", "rank_order", "repeat", "ttfs"}, reg.Names(component.Encoder))
	for _, name := range reg.Names(component.Encoder) {
		x, _ := reg.New(component.Encoder, name)
		e, ok := x.(encoding.Encoder)
		require.True(t, ok, name)
		assert.Equal(t, name, e.Kind())
	}
	def, _ := reg.New(component.Encoder, "poisson")
	assert.Equal(t, def, encoding.NewData().Encoder)
	assert.ErrorContains(t, reg.RegisterEncoder("clash", func() encoding.Encoder { return &clashEncoder{} }), `"present"`)
	assert.ErrorContains(t, reg.Add(component.Spec{Kind: component.Encoder, Name: "other", New: func() any { return &encoding.PoissonEncoder{} }}), "Kind method")
	assert.ErrorContains(t, reg.Add(component.Spec{Kind: component.Encoder, Name: "x", New: func() any { return &struct{}{} }}), "encoding.Encoder")
}

// clashEncoder has a parameter named like one of the data model.
type clashEncoder struct {
	encoding.PoissonEncoder
	Present float64 `param:"present"`
}

func (*clashEncoder) Kind() string { return "clash" }
