package dsl_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

var update = flag.Bool("update", false, "rewrite golden files")

// loadAndCompile loads path and, if that worked, compiles it, returning
// all diagnostics.
func loadAndCompile(t *testing.T, path string, opts dsl.Options) (*dsl.Network, hcl.Diagnostics) {
	t.Helper()
	net, diags := dsl.Load(path, opts)
	if diags.HasErrors() {
		return net, diags
	}
	_, d := net.Compile()
	return net, append(diags, d...)
}

var marker = regexp.MustCompile(`#\s*ERROR:\s*(.+?)\s*$`)

// TestErrorFixtures checks each fixture in testdata/errors: every line
// marked "# ERROR: summary" gets an error diagnostic with that summary
// whose range starts on that line, and there are no other errors.
func TestErrorFixtures(t *testing.T) {
	paths, err := filepath.Glob("testdata/errors/*.hcl")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want := make(map[int][]string)
			f, err := os.Open(path)
			require.NoError(t, err)
			sc := bufio.NewScanner(f)
			for line := 1; sc.Scan(); line++ {
				if m := marker.FindStringSubmatch(sc.Text()); m != nil {
					want[line] = append(want[line], m[1])
				}
			}
			f.Close()
			require.NotEmpty(t, want, "fixture has no ERROR marker")

			_, diags := loadAndCompile(t, path, dsl.Options{})
			got := make(map[int][]string)
			for _, d := range diags {
				if d.Severity != hcl.DiagError {
					continue
				}
				require.NotNil(t, d.Subject, "diagnostic %q has no source range", d.Summary)
				assert.Equal(t, path, d.Subject.Filename)
				got[d.Subject.Start.Line] = append(got[d.Subject.Start.Line], d.Summary)
			}
			for _, m := range []map[int][]string{want, got} {
				for _, v := range m {
					slices.Sort(v)
				}
			}
			assert.Equal(t, want, got, "rendered:\n%s", render(diags, nil))
		})
	}
}

func render(diags hcl.Diagnostics, files map[string]*hcl.File) string {
	var b bytes.Buffer
	_ = dsl.WriteDiagnostics(&b, diags, files, false)
	return b.String()
}

// TestSuggestions checks the "did you mean" hints for misspelt names.
func TestSuggestions(t *testing.T) {
	tests := []struct {
		fixture, want string
	}{
		{"unknown_attribute.hcl", `Did you mean "threshold"?`},
		{"unknown_reference.hcl", `Did you mean "exc"?`},
		{"unknown_model.hcl", `Did you mean "elif"?`},
		{"unknown_monitor_variable.hcl", `Did you mean "w"?`},
		{"bad_connect.hcl", `Did you mean "random"?`},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			_, diags := loadAndCompile(t, filepath.Join("testdata/errors", tt.fixture), dsl.Options{})
			require.True(t, diags.HasErrors())
			assert.Contains(t, diags.Error(), tt.want)
		})
	}
}

// TestRenderGolden checks the compiler-style rendering of several
// diagnostics against a golden file (go test ./dsl -update rewrites it).
func TestRenderGolden(t *testing.T) {
	path := "testdata/errors/many.hcl"
	net, diags := loadAndCompile(t, path, dsl.Options{})
	got := render(diags, net.Files)
	golden := "testdata/many.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
	// Every error line starts with file:line:col.
	for _, line := range strings.Split(got, "\n") {
		if strings.Contains(line, ": error: ") {
			assert.Regexp(t, `^testdata/errors/many\.hcl:\d+:\d+: error: `, line)
		}
	}
}

// TestIssueExample loads the language example of the issue and checks
// that every value reached the engine.
func TestIssueExample(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/issue.hcl", dsl.Options{})
	require.False(t, diags.HasErrors(), render(diags, nil))
	assert.Equal(t, dsl.Simulation{Dt: 0.1, Duration: 200, Seed: 7, Workers: 0, TauD: 200}, net.Simulation)

	pops := make(map[string]*neurons.Population)
	for _, p := range net.Populations {
		pops[p.Name] = p
	}
	require.Len(t, pops, 4)
	exc := pops["exc"]
	require.IsType(t, &neurons.ELIF{}, exc.Model)
	m := exc.Model.(*neurons.ELIF)
	assert.Equal(t, 10, exc.Len())
	assert.Equal(t, neurons.Param{-52}, m.Threshold)
	assert.Equal(t, neurons.Param{-60}, m.ThetaRh)
	assert.Equal(t, neurons.Param{5}, m.RefracLength)
	assert.Equal(t, dist.Uniform{Min: -62, Max: -55}, m.VInit)
	assert.True(t, exc.Learning)
	assert.False(t, exc.IsInhibitory)
	assert.Equal(t, 2, pops["inh"].Len(), "floor(local.n_inh) = floor(10 / 4)")
	assert.True(t, pops["inh"].IsInhibitory)
	assert.Equal(t, neurons.Param{20}, pops["noise"].Model.(*neurons.Poisson).Rate)
	assert.Equal(t, [][]float64{{10, 20.5}, {15}}, pops["cue"].Model.(*neurons.SpikeGenerator).Times)

	var s *synapses.Synapse
	for _, x := range net.Synapses {
		if x.Name == "noise_exc" {
			s = x
		}
	}
	require.NotNil(t, s)
	assert.Equal(t, synapses.Random{P: 0.1}, s.Connect)
	assert.Equal(t, dist.Uniform{Min: 0, Max: 0.5}, s.Weight)
	assert.Equal(t, dist.Const(1.5), s.Delay)
	assert.Equal(t, &synapses.Exponential{Tau: 5}, s.Kernel)
	require.Len(t, net.Monitors, 1)
	assert.Equal(t, []string{"s", "v"}, net.Monitors[0].Variables)

	sim, d := net.Compile()
	require.False(t, d.HasErrors(), render(d, nil))
	assert.Equal(t, 15, s.DelaySteps, "1.5 ms at dt 0.1 is 15 steps")
	require.NoError(t, sim.Run(context.Background(), net.Simulation.Duration))
	assert.Equal(t, 2000, sim.Steps())
	assert.Positive(t, exc.Spikes, "drive 0.6 + noise makes the ELIF neurons fire")
}
