package dsl_test

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// loadData loads a network of one data population "d" whose body is
// body, with a sample file data.csv of four values next to it.
func loadData(t *testing.T, body string) (*dsl.Network, hcl.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, writeFile(filepath.Join(dir, "data.csv"), "0.2,0.6,0.9,0.4\n"))
	path := filepath.Join(dir, "net.hcl")
	require.NoError(t, writeFile(path, `population "d" {
  model   = "data"
  source  = "data.csv"
  present = 10
`+body+`
}`))
	return dsl.Load(path, dsl.Options{})
}

// population compiles net and returns its population name.
func population(t *testing.T, net *dsl.Network, name string) *neurons.Population {
	t.Helper()
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	p := sim.Population(name)
	require.NotNil(t, p, name)
	return p
}

// spikes steps a data population for steps steps of dt ms in one chunk
// and returns the spiking neurons of each step.
func spikes(t *testing.T, p *neurons.Population, dt float64, steps int) [][]int32 {
	t.Helper()
	require.NoError(t, p.Init(dt, 7, 0))
	x := make([]float64, p.Len())
	var out [][]int32
	for k := range steps {
		for c := range p.NumChunks() {
			require.NoError(t, p.Step(p.Chunk(c, k), x))
		}
		p.Collect()
		out = append(out, append([]int32(nil), p.Fired...))
	}
	return out
}

// TestEncoderBlockIsTheFlatForm checks that encoder "x" { ... } gives the
// encoder, and the spikes, of the flat attributes.
func TestEncoderBlockIsTheFlatForm(t *testing.T) {
	for _, tc := range []struct{ name, flat, block string }{
		{"poisson by default", `max_rate = 400`, `encoder "poisson" { max_rate = 400 }`},
		{"ttfs", "encoder = \"ttfs\"\n  window = 8\n  threshold = 0.3", "encoder \"ttfs\" {\n    window    = 8\n    threshold = 0.3\n  }"},
		{"position", "encoder = \"position\"\n  position_neurons = 3", `encoder "position" { position_neurons = 3 }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var encs []encoding.Encoder
			var fired [][][]int32
			for _, body := range []string{tc.flat, tc.block} {
				net, diags := loadData(t, "  "+body)
				require.False(t, diags.HasErrors(), diags.Error())
				assert.Empty(t, diags, "no warnings")
				p := population(t, net, "d")
				encs = append(encs, p.Model.(*encoding.Data).Encoder)
				fired = append(fired, spikes(t, p, 1, 10))
			}
			assert.Equal(t, encs[0], encs[1])
			assert.Equal(t, fired[0], fired[1])
			assert.NotEmpty(t, fired[0])
		})
	}
	net, diags := loadData(t, "  encoder \"position\" { position_neurons = 3 }")
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, []int{1, 4, 3}, population(t, net, "d").Shape, "the position encoder's trailing dimension")
}

func TestEncoderDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		severity   hcl.DiagnosticSeverity
		summary    string
		detail     string
		line       int // of the diagnostic's start (5: the body's first line)
	}{
		{"max_prob with poisson", `max_prob = 0.5`, hcl.DiagWarning, `Unused argument "max_prob"`, `"max_prob" has no effect with encoder = "poisson".`, 5},
		{"window with repeat", "encoder = \"repeat\"\n  window = 5", hcl.DiagWarning, `Unused argument "window"`, `with encoder = "repeat"`, 6},
		{"flat param next to a block", "encoder \"ttfs\" { window = 5 }\n  window = 4", hcl.DiagWarning, `Unused argument "window"`, "go in its block", 6},
		{"both forms", "encoder = \"ttfs\"\n  encoder \"ttfs\" {}", hcl.DiagError, `Conflicting "encoder"`, "not both", 5},
		{"two blocks", "encoder \"ttfs\" {}\n  encoder \"ttfs\" {}", hcl.DiagError, "Duplicate encoder block", "A population has at most one encoder block", 6},
		{"unknown flat", `encoder = "possion"`, hcl.DiagError, `Invalid value for "encoder"`, `Did you mean "poisson"?`, 5},
		{"unknown in block", `encoder "tffs" {}`, hcl.DiagError, "Unknown encoder", `Did you mean "ttfs"?`, 5},
		{"misspelt param in block", `encoder "ttfs" { widow = 5 }`, hcl.DiagError, "Unsupported argument", `Did you mean "window"?`, 5},
		{"range flat", "encoder = \"bernoulli\"\n  max_prob = 2", hcl.DiagError, `Invalid value for "max_prob"`, "Max_prob must be in [0, 1], not 2.", 6},
		{"range in block", `encoder "position" { position_neurons = 1 }`, hcl.DiagError, `Invalid value for "position_neurons"`, "Position_neurons must be at least 2, not 1.", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := loadData(t, "  "+tc.body)
			found := checkDiag(t, diags, tc.severity, tc.summary, tc.detail)
			assert.Equal(t, tc.line, found.Subject.Start.Line)
		})
	}
}

// TestEncoderInitErrorInBlock checks that an encoder's Init error (window
// longer than present) points at the attribute, in either form.
func TestEncoderInitErrorInBlock(t *testing.T) {
	for body, line := range map[string]int{
		"encoder = \"ttfs\"\n  window = 20":        6,
		"encoder \"ttfs\" {\n    window = 20\n  }": 6,
	} {
		net, diags := loadData(t, "  "+body)
		require.False(t, diags.HasErrors(), diags.Error())
		_, diags = net.Compile()
		require.True(t, diags.HasErrors(), body)
		assert.Equal(t, `Invalid value for "window"`, diags[0].Summary)
		assert.Contains(t, diags[0].Detail, "parameter window is 20 ms")
		assert.Equal(t, line, diags[0].Subject.Start.Line, body)
	}
}

// TestEncoderParamsOnlyOnData checks that an encoder's parameter is not
// an attribute of other populations.
func TestEncoderParamsOnlyOnData(t *testing.T) {
	_, diags := loadSource(t, `
population "p" {
  model    = "lif"
  n        = 2
  max_rate = 10
}`, dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Equal(t, "Unsupported argument", diags[0].Summary)
}

// checkDiag finds the diagnostic of diags with the summary and checks
// its severity and detail, that it has a subject, and that a warning
// comes alone.
func checkDiag(t *testing.T, diags hcl.Diagnostics, severity hcl.DiagnosticSeverity, summary, detail string) *hcl.Diagnostic {
	t.Helper()
	var found *hcl.Diagnostic
	for _, d := range diags {
		if d.Summary == summary {
			found = d
		}
	}
	require.NotNil(t, found, "want %q, have %v", summary, diags)
	assert.Equal(t, severity, found.Severity)
	assert.Contains(t, found.Detail, detail)
	require.NotNil(t, found.Subject)
	if severity == hcl.DiagWarning {
		assert.False(t, diags.HasErrors(), "a warning only: %v", diags)
	}
	return found
}
