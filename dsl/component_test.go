package dsl_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

const twoPops = `
population "a" {
  model = "lif"
  n     = 20
}
population "b" {
  model = "lif"
  n     = 10
}
`

func edge(body string) string {
	return twoPops + `
synapse "ab" {
  from = population.a
  to   = population.b
` + body + `
}`
}

// TestSubBlockFormIsTheFlatForm checks that connect "x" { ... } and
// kernel "x" { ... } build the same edges as the flat attributes, down to
// the drawn synapses.
func TestSubBlockFormIsTheFlatForm(t *testing.T) {
	for _, tc := range []struct{ name, flat, block string }{
		{"random exponential", `connect = "random"
  p = 0.3
  autapses = true
  kernel = "exponential"
  tau = 3`, `connect "random" {
    p        = 0.3
    autapses = true
  }
  kernel "exponential" {
    tau = 3
  }`},
		{"fixed_indegree conductance", `connect = "fixed_indegree"
  k = 4
  kernel = "conductance"
  e_rev = -70`, `connect "fixed_indegree" { k = 4 }
  kernel "conductance" { e_rev = -70 }`},
		{"list", `connect = "list"
  pre = [0, 1, 2]
  post = [2, 1, 0]
  weight = [0.1, 0.2, 0.3]`, `connect "list" {
    pre  = [0, 1, 2]
    post = [2, 1, 0]
  }
  weight = [0.1, 0.2, 0.3]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var edges []*synapses.Synapse
			for _, body := range []string{tc.flat, tc.block} {
				net, diags := loadSource(t, edge(body), dsl.Options{})
				require.False(t, diags.HasErrors(), diags.Error())
				assert.Empty(t, diags, "no warnings")
				sim, diags := net.Compile()
				require.False(t, diags.HasErrors(), diags.Error())
				edges = append(edges, sim.Synapse("ab"))
			}
			assert.Equal(t, edges[0].Connect, edges[1].Connect)
			assert.Equal(t, edges[0].Kernel.Kind(), edges[1].Kernel.Kind())
			assert.Equal(t, edges[0].PostIdx, edges[1].PostIdx)
			assert.Equal(t, edges[0].W, edges[1].W)
			assert.NotEmpty(t, edges[0].W)
		})
	}
}

func TestComponentDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		severity   hcl.DiagnosticSeverity
		summary    string
		detail     string
		line       int // of the diagnostic's start, in the synapse block (1: its first attribute)
	}{
		{"tau on delta", `tau = 5`, hcl.DiagWarning, `Unused argument "tau"`, `"tau" has no effect with kernel = "delta".`, 1},
		{"p on dense", `connect = "dense"
  p = 0.1`, hcl.DiagWarning, `Unused argument "p"`, `"p" has no effect with connect = "dense".`, 2},
		{"e_rev on exponential", `kernel = "exponential"
  e_rev = 0`, hcl.DiagWarning, `Unused argument "e_rev"`, `with kernel = "exponential"`, 2},
		{"flat param next to a block", `connect "random" { p = 0.1 }
  p = 0.2`, hcl.DiagWarning, `Unused argument "p"`, `go in its block`, 2},
		{"both forms", `connect = "random"
  connect "random" { p = 0.1 }`, hcl.DiagError, `Conflicting "connect"`, "not both", 1},
		{"unknown in block", `kernel "exponental" {}`, hcl.DiagError, "Unknown kernel", `Did you mean "exponential"?`, 1},
		{"unknown flat", `kernel = "exponental"`, hcl.DiagError, `Invalid value for "kernel"`, `Did you mean "exponential"?`, 1},
		{"misspelt param in block", `connect "random" { q = 0.1 }`, hcl.DiagError, "Unsupported argument", "", 1},
		{"missing in block", `connect "random" {}`, hcl.DiagError, `Missing "p"`, `connect "random" { ... } needs p: connection probability of each pair.`, 1},
		{"missing flat", `connect = "random"`, hcl.DiagError, `Missing "p"`, `connect = "random" needs p: connection probability of each pair.`, -1},
		{"range in block", `connect "random" { p = 2 }`, hcl.DiagError, `Invalid value for "p"`, "P must be in [0, 1], not 2.", 1},
		{"range flat", `kernel = "exponential"
  tau = -1`, hcl.DiagError, `Invalid value for "tau"`, "Tau must be greater than 0, not -1 ms.", 2},
		{"two blocks", `kernel "delta" {}
  kernel "delta" {}`, hcl.DiagError, `Duplicate kernel block`, "at most one kernel block", 2},
		{"pool2d weight", `connect = "pool2d"
  kernel_size = 2
  weight = -1`, hcl.DiagError, `Invalid value for "weight"`, "A pooling weight must be positive, not -1.", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := loadSource(t, edge("  "+tc.body), dsl.Options{})
			found := checkDiag(t, diags, tc.severity, tc.summary, tc.detail)
			const first = 14 // line of the synapse block's first body line
			if tc.line > 0 {
				assert.Equal(t, first+tc.line-1, found.Subject.Start.Line)
			} else {
				assert.Equal(t, first-3, found.Subject.Start.Line, "at the block")
			}
		})
	}
}

// every is a model with a parameter of every settable Go type.
type every struct {
	*neurons.LIF
	I64  int64          `param:"i64" min:"-5"`
	U8   uint8          `param:"u8"`
	I32  int32          `param:"i32"`
	F32  float32        `param:"f32"`
	Opt  *float64       `param:"opt"`
	Ints []int          `param:"ints"`
	Strs []string       `param:"strs" enum:"x|y"`
	Mode string         `param:"mode" enum:"fast|slow"`
	Meth neurons.Method `param:"integrator"`
}

func (*every) Kind() string { return "every" }

// TestEveryListedTypeIsSettable registers a model with a parameter of
// each Go type netrun models lists, and sets each from HCL (an int64
// parameter used to be listed but not settable).
func TestEveryListedTypeIsSettable(t *testing.T) {
	reg := component.Default()
	require.NoError(t, reg.RegisterModel("", func() neurons.Model { return &every{LIF: neurons.NewLIF()} }))
	net, diags := loadSource(t, `
population "p" {
  model      = "every"
  n          = 2
  i64        = 9007199254740991
  u8         = 255
  i32        = -7
  f32        = 0.5
  opt        = -70
  ints       = [1, 2]
  strs       = ["y", "x"]
  mode       = "slow"
  integrator = "exact"
}`, dsl.Options{Registry: reg})
	require.False(t, diags.HasErrors(), diags.Error())
	m := net.Populations()[0].Model.(*every)
	assert.Equal(t, int64(9007199254740991), m.I64)
	assert.Equal(t, uint8(255), m.U8)
	assert.Equal(t, int32(-7), m.I32)
	assert.Equal(t, float32(0.5), m.F32)
	require.NotNil(t, m.Opt)
	assert.Equal(t, -70.0, *m.Opt)
	assert.Equal(t, []int{1, 2}, m.Ints)
	assert.Equal(t, []string{"y", "x"}, m.Strs)
	assert.Equal(t, "slow", m.Mode)
	assert.Equal(t, neurons.Exact, m.Meth)

	for _, tc := range []struct{ attr, value, detail string }{
		{"u8", "256", "U8 must be a whole number from 0 to 255, not 256."},
		{"u8", "-1", "U8 must be a whole number from 0 to 255, not -1."},
		{"i64", "-6", "I64 must be at least -5, not -6."},
		{"i64", "1.5", "A whole number is required, not 1.5."},
		{"mode", `"medium"`, `Mode must be "fast" or "slow", not "medium".`},
		{"strs", `["z"]`, `Strs must be "x" or "y", not "z".`},
		{"integrator", `"rk4"`, `Integrator must be "euler" or "exact", not "rk4".`},
	} {
		_, diags := loadSource(t, `
population "p" {
  model = "every"
  n     = 2
  `+tc.attr+` = `+tc.value+`
}`, dsl.Options{Registry: reg})
		require.True(t, diags.HasErrors(), tc.attr)
		assert.Equal(t, `Invalid value for "`+tc.attr+`"`, diags[0].Summary)
		assert.Equal(t, tc.detail, diags[0].Detail)
		assert.Equal(t, 5, diags[0].Subject.Start.Line)
	}
}

// shadowing has a parameter named like a population attribute.
type shadowing struct {
	*neurons.LIF
	Learning bool `param:"learning"`
}

func (*shadowing) Kind() string { return "shadowing" }

// TestParamNamedLikeAPopulationAttribute checks both guards: the shared
// registry refuses the model, and a model registered in a plain
// neurons.Registry (Options.Models) is refused where it is used.
func TestParamNamedLikeAPopulationAttribute(t *testing.T) {
	newModel := func() neurons.Model { return &shadowing{LIF: neurons.NewLIF()} }
	err := component.Default().RegisterModel("", newModel)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `parameter "learning"`)

	models := neurons.Builtin()
	require.NoError(t, models.Register(newModel))
	_, diags := loadSource(t, `
population "p" {
  model    = "shadowing"
  n        = 2
  learning = false
}`, dsl.Options{Models: models})
	require.True(t, diags.HasErrors())
	assert.Equal(t, "Invalid neuron model", diags[0].Summary)
	assert.Contains(t, diags[0].Detail, `parameter "learning"`)
	assert.Equal(t, 3, diags[0].Subject.Start.Line, "at the model attribute")
}

// skip connects source i to target i+Shift (mod n), for the custom
// connector test.
type skip struct {
	Shift int `param:"shift" min:"0" required:"true" doc:"offset of the target"`
}

func (c *skip) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	for i := range min(nPre, nPost) {
		add(i, (i+c.Shift)%nPost)
	}
	return nil
}

func (c *skip) String() string { return "skip" }

// TestCustomConnectorNeedsNoDSLChange registers a connector from Go and
// uses it in both forms.
func TestCustomConnectorNeedsNoDSLChange(t *testing.T) {
	reg := component.Default()
	require.NoError(t, reg.RegisterConnector("skip", "i to i+shift", func() synapses.Connector { return &skip{} }))
	for _, body := range []string{"connect = \"skip\"\n  shift = 3", `connect "skip" { shift = 3 }`} {
		net, diags := loadSource(t, edge("  "+body), dsl.Options{Registry: reg})
		require.False(t, diags.HasErrors(), diags.Error())
		assert.Empty(t, diags)
		sim, diags := net.Compile()
		require.False(t, diags.HasErrors(), diags.Error())
		s := sim.Synapse("ab")
		assert.Equal(t, 10, s.Len())
		assert.Equal(t, int32(3), s.PostIdx[0])
	}
	_, diags := loadSource(t, edge(`  connect = "skip"`), dsl.Options{Registry: reg})
	require.True(t, diags.HasErrors())
	assert.Equal(t, `Missing "shift"`, diags[0].Summary)
	// The default registry does not know it, and says which it knows.
	_, diags = loadSource(t, edge(`  connect = "skip"`), dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.True(t, strings.Contains(diags[0].Detail, "dense"), diags[0].Detail)
}

func TestStimulusComponents(t *testing.T) {
	for _, tc := range []struct{ body, summary, detail string }{
		{`current = 1
  steps = []`, "Invalid stimulus", `"current" (current: constant input current`},
		{``, "Invalid stimulus", `"steps" (steps: current steps`},
		{`current = [1, 2, 3]`, `Invalid value for "current"`, "Current has 3 values for 20 neurons: give one value, or one per neuron."},
		{`steps = [{ start = 5, stop = 1, amplitude = 1 }]`, `Invalid value for "steps"`, "Step 0: want 0 <= start <= stop, have start 5, stop 1."},
		{`steps = [{ start = 5, amplitude = 1 }]`, `Invalid value for "steps"`, `Element 0 of steps has no "stop".`},
		{`steps = [{ start = -1, stop = 1, amplitude = 1 }]`, `Invalid value for "steps"`, `Start of element 0 of steps: start must be at least 0, not -1 ms.`},
		{`steps = [{ start = 0, stop = 1, amplitud = 1 }]`, `Invalid value for "steps"`, `Did you mean "amplitude"?`},
		{`steps = 3`, `Invalid value for "steps"`, `Steps must be a list of objects {start, stop, amplitude}.`},
	} {
		_, diags := loadSource(t, twoPops+`
stimulus "s" {
  target = population.a
  `+tc.body+`
}`, dsl.Options{})
		require.True(t, diags.HasErrors(), tc.body)
		assert.Equal(t, tc.summary, diags[0].Summary, tc.body)
		assert.Contains(t, diags[0].Detail, tc.detail, tc.body)
	}
	net, diags := loadSource(t, twoPops+`
stimulus "c" {
  target  = population.a
  current = 1.5
}
stimulus "s" {
  target = population.b
  steps  = [{ start = 1, stop = 2, amplitude = 3 }, { start = 4, stop = 5, amplitude = -1 }]
}`, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	require.Len(t, net.Stimuli(), 2)
	assert.Equal(t, &graph.Current{Pop: net.Populations()[0], Amp: neurons.Param{1.5}}, net.Stimuli()[0])
	assert.Equal(t, &graph.Pulses{Pop: net.Populations()[1], Pulses: []graph.Pulse{{Start: 1, Stop: 2, Amplitude: 3}, {Start: 4, Stop: 5, Amplitude: -1}}}, net.Stimuli()[1])
}

// TestUnknownValuesDoNotPanic writes values that depend on a failed
// simulation setting into every kind of parameter: the blocks that read
// it are skipped (TestCodecUnknownValues feeds unknown values to the codec
// itself).
func TestUnknownValuesDoNotPanic(t *testing.T) {
	_, diags := loadSource(t, `
simulation {
  dt = -1
}
population "a" {
  model = "lif"
  n     = 2
  tau_m = simulation.dt
}
population "b" {
  model       = "spike_generator"
  n           = 1
  spike_times = [[simulation.dt]]
}
synapse "ab" {
  from    = population.a
  to      = population.b
  connect = simulation.dt
  p       = simulation.dt
  weight  = [simulation.dt]
}
synapse "ba" {
  from = population.b
  to   = population.a
  connect "list" {
    pre  = [simulation.dt]
    post = [0]
  }
  kernel "exponential" {
    tau = simulation.dt
  }
}
stimulus "s" {
  target = population.a
  steps  = [{ start = simulation.dt, stop = 1, amplitude = 1 }]
}
stimulus "t" {
  target = population.a
  steps  = simulation.dt
}
`, dsl.Options{})
	require.True(t, diags.HasErrors())
	// The blocks that read the failed setting are skipped (their values
	// would be unknown): the one error is the setting's.
	require.Len(t, diags.Errs(), 1, "%v", diags)
	assert.Contains(t, diags.Errs()[0].Error(), "dt")
}
