package dsl_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
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
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

var update = flag.Bool("update", false, "rewrite golden files")

// loadAndCompile loads and compiles path (checks what loaded, if Load
// failed), returning all diagnostics.
func loadAndCompile(t *testing.T, path string, opts dsl.Options) (*dsl.Network, hcl.Diagnostics) {
	t.Helper()
	net, diags := dsl.Load(path, opts)
	if diags.HasErrors() {
		return net, append(diags, net.Check()...)
	}
	_, d := net.Compile()
	return net, append(diags, d...)
}

var marker = regexp.MustCompile(`#\s*(ERROR|WARNING):\s*(.+?)\s*$`)

// fixtures lists the diagnostic fixtures: the .hcl files and the
// directories (networks of several files) in testdata/errors.
func fixtures(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata/errors")
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".hcl") {
			out = append(out, filepath.Join("testdata/errors", e.Name()))
		}
	}
	require.NotEmpty(t, out)
	return out
}

// markers reads the "# ERROR: summary" and "# WARNING: summary" markers
// of the .hcl files of a fixture, as "file:line" -> ["error: summary"].
func markers(t *testing.T, fixture string) map[string][]string {
	t.Helper()
	files := []string{fixture}
	if info, err := os.Stat(fixture); err == nil && info.IsDir() {
		files, err = filepath.Glob(filepath.Join(fixture, "*.hcl"))
		require.NoError(t, err)
	}
	want := make(map[string][]string)
	for _, path := range files {
		f, err := os.Open(path)
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := marker.FindStringSubmatch(sc.Text()); m != nil {
				at := fmt.Sprintf("%s:%d", path, line)
				want[at] = append(want[at], strings.ToLower(m[1])+": "+m[2])
			}
		}
		f.Close()
	}
	return want
}

// TestErrorFixtures checks each fixture in testdata/errors (a file, or a
// directory of files forming one network): every line marked
// "# ERROR: summary" or "# WARNING: summary" gets a diagnostic of that
// severity and summary whose range starts on that line, and there are no
// other diagnostics. Load and Compile run as netrun validate runs them:
// Compile checks what loaded even if Load failed. The rendering
// (WriteDiagnostics) must match NAME.golden (go test ./dsl -update
// rewrites the golden files).
func TestErrorFixtures(t *testing.T) {
	for _, path := range fixtures(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".hcl")
		t.Run(name, func(t *testing.T) {
			want := markers(t, path)
			require.NotEmpty(t, want, "fixture has no ERROR or WARNING marker")

			// A fixed memory limit: the goldens do not depend on the machine.
			net, diags := loadAndCompile(t, path, dsl.Options{MaxMemory: 16 << 30})
			got := make(map[string][]string)
			for _, d := range diags {
				sev := "error"
				if d.Severity == hcl.DiagWarning {
					sev = "warning"
				}
				require.NotNil(t, d.Subject, "diagnostic %q has no source range", d.Summary)
				assert.True(t, strings.HasPrefix(d.Subject.Filename, path), "%s is not in %s", d.Subject.Filename, path)
				at := fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)
				got[at] = append(got[at], sev+": "+d.Summary)
			}
			for _, m := range []map[string][]string{want, got} {
				for _, v := range m {
					slices.Sort(v)
				}
			}
			rendered := render(diags, net.Files)
			assert.Equal(t, want, got, "rendered:\n%s", rendered)

			golden := filepath.Join("testdata/errors", name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(rendered), 0o644))
			}
			wantText, err := os.ReadFile(golden)
			require.NoError(t, err, "no golden rendering: run go test ./dsl -update")
			assert.Equal(t, string(wantText), rendered)
			// Every diagnostic line starts with file:line:col.
			for _, line := range strings.Split(rendered, "\n") {
				if strings.Contains(line, ": error: ") || strings.Contains(line, ": warning: ") {
					assert.Regexp(t, `^`+regexp.QuoteMeta(path)+`[^:]*:\d+:\d+: (error|warning): `, line)
				}
			}
		})
	}
}

func render(diags hcl.Diagnostics, files map[string]*hcl.File) string {
	var b bytes.Buffer
	_ = dsl.WriteDiagnostics(&b, diags, files, false)
	return b.String()
}

// TestSuggestions checks the "did you mean" hints for misspelt names:
// given when a valid name is close, and only then.
func TestSuggestions(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string
		notWant []string
	}{
		{"unknown_attribute.hcl", []string{`Did you mean "threshold"?`}, nil},
		{"unknown_reference.hcl", []string{`Did you mean "exc"?`}, nil},
		{"unknown_model.hcl", []string{`Did you mean "elif"?`}, nil},
		{"unknown_model_custom.hcl", []string{"examples/custom_model", "docs/netrun.md"}, []string{"Did you mean"}},
		{"unknown_monitor_variable.hcl", []string{`Did you mean "refrac_count"?`}, nil},
		{"monitor_variable_case.hcl", []string{`Did you mean "v"?`}, []string{`"s"?`}},
		{"bad_connect.hcl", []string{`Did you mean "random"?`}, nil},
		{"unknown_attribute_short.hcl", nil, []string{"Did you mean"}}, // hcl alone suggests "R" for "V"
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			_, diags := loadAndCompile(t, filepath.Join("testdata/errors", tt.fixture), dsl.Options{})
			require.True(t, diags.HasErrors())
			for _, w := range tt.want {
				assert.Contains(t, diags.Error(), w)
			}
			for _, w := range tt.notWant {
				assert.NotContains(t, diags.Error(), w)
			}
		})
	}
}

// TestIssueExample loads the language example of the issue and checks
// that every value reached the engine.
func TestIssueExample(t *testing.T) {
	net, diags := dsl.Load("testdata/ok/issue.hcl", dsl.Options{})
	require.False(t, diags.HasErrors(), render(diags, nil))
	assert.Equal(t, dsl.Simulation{Dt: 0.1, Duration: 200, Seed: 7, Workers: 0, TauD: 200}, net.Simulation)

	pops := make(map[string]*neurons.Population)
	for _, p := range net.Populations() {
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
	for _, x := range net.Synapses() {
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

// TestOnceNotPerElement: a bad -var value used in a for expression gives
// one diagnostic, not one per element (issue 8: 42 repeats).
func TestOnceNotPerElement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "net.hcl")
	require.NoError(t, writeFile(path, `
variable "thr" {
  default = [-50, -50, -50]
}

locals {
  thresholds = [for i in range(42) : var.thr[i % 3]]
}

population "exc" {
  model     = "lif"
  n         = 42
  threshold = local.thresholds
}
`))
	_, diags := loadAndCompile(t, path, dsl.Options{})
	require.False(t, diags.HasErrors(), render(diags, nil))
	_, diags = loadAndCompile(t, path, dsl.Options{Vars: map[string]string{"thr": "-49"}})
	require.True(t, diags.HasErrors())
	seen := make(map[string]bool)
	for _, d := range diags {
		s := dsl.ShortDiagnostic(d)
		assert.False(t, seen[s], "repeated: %s", s)
		seen[s] = true
	}
	assert.Len(t, diags, 1, render(diags, nil))
}

// TestCheck: Check checks what loaded of a failed Load (and nothing of a
// network that loaded); Compile refuses a failed Load.
func TestCheck(t *testing.T) {
	net, diags := dsl.Load("testdata/errors/multi", dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Len(t, diags, 2, "the load errors: locals and the monitor's reference")
	check := net.Check()
	assert.Len(t, check, 3, "the engine's: tau_m, k and lr\n%s", render(check, net.Files))
	sim, d := net.Compile()
	assert.Nil(t, sim)
	require.True(t, d.HasErrors())
	assert.Equal(t, "Network not loaded", d[0].Summary)

	net, diags = dsl.Load("testdata/ok/issue.hcl", dsl.Options{})
	require.False(t, diags.HasErrors())
	assert.Nil(t, net.Check())
}

// TestUnnamedNodeRange: an engine error of a stimulus (a node without a
// name, addressed by its index) points at its block.
func TestUnnamedNodeRange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "net.hcl")
	require.NoError(t, writeFile(path, `
population "a" {
  model = "lif"
  n     = 3
}

stimulus "drive" {
  target  = population.a
  current = 1
}

stimulus "drive2" {
  target  = population.a
  current = 2
}
`))
	net, diags := dsl.Load(path, dsl.Options{})
	require.False(t, diags.HasErrors(), render(diags, nil))
	require.Len(t, net.Stimuli(), 2)
	net.Stimuli()[1].(*graph.Current).Amp = neurons.Param{1, 2} // as a bug in a loader would
	_, diags = net.Compile()
	require.Len(t, diags, 1)
	require.NotNil(t, diags[0].Subject, render(diags, net.Files))
	assert.Equal(t, 12, diags[0].Subject.Start.Line, "the second stimulus block")
}
