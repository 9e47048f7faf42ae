package cli_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// decay is a custom kernel for TestModelsJSONListsCustomComponents: a
// current that decays by Factor every step.
type decay struct {
	Tau    float64 `param:"tau_decay" unit:"ms" gt:"0" doc:"decay time constant"`
	Factor float64 `param:"factor" min:"0" max:"1" doc:"fraction kept per step"`

	i []float64
}

func (*decay) Kind() string { return "decay" }
func (k *decay) Init(n int, _ float64, _ bool) error {
	k.i = make([]float64, n)
	return nil
}
func (*decay) Signed() bool { return true }
func (*decay) NeedsV() bool { return false }
func (k *decay) Deliver(a, x, _ []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		k.i[j] = k.i[j]*k.Factor + a[j]
		x[j] += k.i[j]
		a[j] = 0
	}
}
func (k *decay) Var(name string) []float64 {
	if name == "i" {
		return k.i
	}
	return nil
}
func (k *decay) Reset() { clear(k.i) }

// band is a custom connector: source i to targets i-Width ... i+Width.
type band struct {
	Width int    `param:"width" min:"0" required:"true" doc:"half width of the band"`
	Wrap  string `param:"edges" enum:"clip|wrap" doc:"what happens at the ends"`
}

func (b band) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	for i := range nPre {
		for j := i - b.Width; j <= i+b.Width; j++ {
			switch {
			case j >= 0 && j < nPost:
				add(i, j)
			case b.Wrap == "wrap":
				add(i, (j%nPost+nPost)%nPost)
			}
		}
	}
	return nil
}

func (b band) String() string { return "band" }

// param is the JSON of one parameter, as documented in docs/netrun.md.
type param struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Unit         string   `json:"unit"`
	Doc          string   `json:"doc"`
	Default      string   `json:"default"`
	Min          *float64 `json:"min"`
	Max          *float64 `json:"max"`
	MinExclusive bool     `json:"min_exclusive"`
	Enum         []string `json:"enum"`
	Required     bool     `json:"required"`
}

type listing struct {
	Components []struct {
		Kind      string   `json:"kind"`
		Name      string   `json:"name"`
		Doc       string   `json:"doc"`
		Variables []string `json:"variables"`
		Params    []param  `json:"params"`
	} `json:"components"`
}

func modelsJSON(t *testing.T, cfg cli.Config, args ...string) listing {
	t.Helper()
	code, stdout, stderr := netrun(t, context.Background(), cfg, append([]string{"models", "-json"}, args...)...)
	require.Equal(t, cli.ExitOK, code, stderr)
	var l listing
	require.NoError(t, json.Unmarshal([]byte(stdout), &l), stdout)
	return l
}

func f64(x float64) *float64 { return &x }

// TestModelsJSONListsCustomComponents registers a kernel and a connector
// from Go and finds them, with their parameters, in models -json.
func TestModelsJSONListsCustomComponents(t *testing.T) {
	reg := component.Default()
	require.NoError(t, reg.RegisterKernel("decays by factor per step", func() synapses.Kernel { return &decay{Tau: 5, Factor: 0.9} }))
	require.NoError(t, reg.RegisterConnector("band", "a band around the diagonal", func() synapses.Connector { return band{Wrap: "clip"} }))
	cfg := cli.Config{Registry: reg}

	l := modelsJSON(t, cfg)
	byName := make(map[string][]param)
	kinds := make(map[string]int)
	for _, c := range l.Components {
		kinds[c.Kind]++
		byName[c.Kind+"/"+c.Name] = c.Params
	}
	for _, kind := range component.Kinds() {
		assert.Positive(t, kinds[string(kind)], "kind %s listed", kind)
	}
	assert.Equal(t, []param{
		{Name: "tau_decay", Type: "number", Unit: "ms", Doc: "decay time constant", Default: "5", Min: f64(0), MinExclusive: true},
		{Name: "factor", Type: "number", Doc: "fraction kept per step", Default: "0.9", Min: f64(0), Max: f64(1)},
	}, byName["kernel/decay"])
	assert.Equal(t, []param{
		{Name: "width", Type: "integer", Doc: "half width of the band", Min: f64(0), Required: true},
		{Name: "edges", Type: "string", Doc: "what happens at the ends", Default: "clip", Enum: []string{"clip", "wrap"}},
	}, byName["connector/band"])

	// One name alone; a name of two kinds gives both.
	l = modelsJSON(t, cfg, "band")
	require.Len(t, l.Components, 1)
	assert.Equal(t, "connector", l.Components[0].Kind)
	assert.Equal(t, "a band around the diagonal", l.Components[0].Doc)
	l = modelsJSON(t, cfg, "poisson")
	require.Len(t, l.Components, 2)
	assert.Equal(t, "neuron", l.Components[0].Kind)
	assert.Equal(t, []string{"s"}, l.Components[0].Variables)
	assert.Equal(t, "encoder", l.Components[1].Kind)

	// The text listing has them too, with the range.
	code, stdout, _ := netrun(t, context.Background(), cfg, "models", "decay")
	require.Equal(t, cli.ExitOK, code)
	assert.Regexp(t, `\n  factor +number +- +0.9 +\[0, 1\] +fraction kept per step`, stdout)

	// And they work in a network, flat and in sub-blocks.
	net := writeNet(t, map[string]string{"net.hcl": `
simulation {
  duration = 5
}
population "a" {
  model = "poisson"
  n     = 4
  rate  = 500
}
population "b" {
  model = "lif"
  n     = 4
}
synapse "flat" {
  from      = population.a
  to        = population.b
  connect   = "band"
  width     = 1
  kernel    = "decay"
  factor    = 0.5
}
synapse "blocks" {
  from = population.a
  to   = population.b
  connect "band" {
    width = 1
    edges = "wrap"
  }
  kernel "decay" {
    tau_decay = 2
  }
}`})
	code, stdout, stderr := netrun(t, context.Background(), cfg, "graph", net)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, `flat\nband, decay, tau_decay 5 ms, factor 0.5\n`)
	assert.Contains(t, stdout, `blocks\nband, decay, tau_decay 2 ms, factor 0.9\n`)
	assert.Contains(t, stdout, `\n10 synapses"`, "clipped band")
	assert.Contains(t, stdout, `\n12 synapses"`, "wrapped band")
}
