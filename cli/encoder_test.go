package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// onset is a custom encoder: one spike at Delay steps after the onset in
// every neuron whose value exceeds Level.
type onset struct {
	Level float64 `param:"level" min:"0" max:"1" doc:"values above fire"`
	Delay int     `param:"delay_steps" min:"0" doc:"steps after the onset"`
}

func (*onset) Kind() string { return "onset" }

func (e *onset) Init(s encoding.Setup) error {
	if e.Delay >= s.Steps {
		return paramerr.Errorf("delay_steps", -1, "delay_steps is past the presentation")
	}
	return nil
}

func (e *onset) Encode(c neurons.Chunk, f encoding.Frame, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		s[i] = f.Step == e.Delay && f.Values[i] > e.Level
	}
}

// TestCustomEncoder registers an encoder from Go: models -json lists it
// with its parameters, and a data population uses it in both forms.
func TestCustomEncoder(t *testing.T) {
	reg := component.Default()
	require.NoError(t, reg.RegisterEncoder("one spike at onset + delay_steps", func() encoding.Encoder { return &onset{Level: 0.5} }))
	cfg := cli.Config{Registry: reg}

	l := modelsJSON(t, cfg, "onset")
	require.Len(t, l.Components, 1)
	assert.Equal(t, "encoder", l.Components[0].Kind)
	assert.Equal(t, "one spike at onset + delay_steps", l.Components[0].Doc)
	assert.Equal(t, []param{
		{Name: "level", Type: "number", Doc: "values above fire", Default: "0.5", Min: f64(0), Max: f64(1)},
		{Name: "delay_steps", Type: "integer", Doc: "steps after the onset", Default: "0", Min: f64(0)},
	}, l.Components[0].Params)

	net := writeNet(t, map[string]string{"data.csv": "0.2,0.6,0.9,0.4\n", "net.hcl": `
simulation {
  dt       = 1
  duration = 20
}
population "flat" {
  model       = "data"
  source      = "data.csv"
  present     = 10
  encoder     = "onset"
  delay_steps = 3
}
population "block" {
  model   = "data"
  source  = "data.csv"
  present = 10
  encoder "onset" {
    level       = 0.8
    delay_steps = 5
  }
}
monitor "flat" {
  target = population.flat
}
monitor "block" {
  target = population.block
}`})
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := netrun(t, context.Background(), cfg, "run", net, "-out", out, "-quiet")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Empty(t, stderr)
	for name, want := range map[string]string{
		"flat":  "time_ms,neuron\n3,1\n3,2\n",
		"block": "time_ms,neuron\n5,2\n",
	} {
		b, err := os.ReadFile(filepath.Join(out, name+".spikes.csv"))
		require.NoError(t, err)
		assert.Equal(t, want, string(b), name)
	}

	// netrun graph shows it with its parameters.
	code, stdout, stderr := netrun(t, context.Background(), cfg, "graph", net)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, `data, n=4 [1 4]\nonset, level 0.5, delay_steps 3"`)
	assert.Contains(t, stdout, `data, n=4 [1 4]\nonset, level 0.8, delay_steps 5"`)

	// Its Init error points at the parameter.
	bad := writeNet(t, map[string]string{"data.csv": "0.2,0.6\n", "net.hcl": `
population "d" {
  model       = "data"
  source      = "data.csv"
  present     = 10
  encoder     = "onset"
  delay_steps = 200
}`})
	code, _, stderr = netrun(t, context.Background(), cfg, "validate", bad)
	assert.NotEqual(t, cli.ExitOK, code)
	assert.True(t, strings.Contains(stderr, "net.hcl:7:17: error: Invalid value for \"delay_steps\""), stderr)
	assert.Contains(t, stderr, "delay_steps is past the presentation")
}
