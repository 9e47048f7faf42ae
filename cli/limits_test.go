package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

const onePop = `population "a" {
  model = "lif"
  n     = 1
}
`

// TestLimitsCLI runs netrun on networks refused by the size, step and
// name checks, and checks the exit code, the diagnostic and that the
// refusal is quick.
func TestLimitsCLI(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		args   []string
		code   int
		stderr []string
	}{
		{"n 1e8 above -max-memory", "population \"a\" {\n  model = \"lif\"\n  n     = 1e8\n}\n", []string{"validate", "-max-memory", "1GB"}, cli.ExitConfig,
			[]string{"net.hcl:1:1: error: Not enough memory", `population "a": 10^8 neurons x 14 values, about 11.3 GB`, "more than the limit of 1 GB (set with -max-memory)"}},
		{"-max-memory none", onePop, []string{"validate", "-max-memory", "none"}, cli.ExitOK, nil},
		{"-max-memory with an unknown unit", onePop, []string{"validate", "-max-memory", "4XB"}, cli.ExitUsage,
			[]string{`invalid value "4XB" for flag -max-memory`}},
		{"p 1 on 10^6", "population \"a\" {\n  model = \"lif\"\n  n     = 1e6\n}\nsynapse \"ee\" {\n  from    = population.a\n  to      = population.a\n  connect = \"random\"\n  p       = 1\n}\n",
			[]string{"run", "-quiet"}, cli.ExitConfig,
			[]string{"net.hcl:5:1: error: Not enough memory", `synapse "ee": p = 1 on 10^6 x 10^6 neurons is 10^12 synapses, about 12 TB`}},
		{"dt above duration", "simulation {\n  dt       = 2\n  duration = 1\n}\n" + onePop, []string{"run", "-quiet"}, cli.ExitConfig,
			[]string{"net.hcl:3:3: error: Nothing to simulate", "Duration 1 ms is shorter than one step dt = 2 ms."}},
		{"-duration shorter than dt", "simulation {\n  dt = 1\n}\n" + onePop, []string{"run", "-quiet", "-duration", "0.5"}, cli.ExitConfig,
			[]string{"error: Nothing to simulate", "Duration 0.5 ms is shorter than one step dt = 1 ms."}},
		{"-duration not whole", onePop, []string{"run", "-quiet", "-duration", "1.05"}, cli.ExitOK,
			[]string{"warning: Duration is not a whole number of steps", "the run takes 11 steps (1.1 ms)"}},
		{"dt 1e-300", "simulation {\n  dt = 1e-300\n}\n" + onePop, []string{"run", "-quiet"}, cli.ExitConfig,
			[]string{"net.hcl:2:3: error: Too many steps"}},
		{"empty file", "", []string{"validate"}, cli.ExitConfig, []string{"net.hcl:1:1: error: Empty network"}},
		{"comment-only file", "# nothing\n", []string{"run", "-quiet"}, cli.ExitConfig, []string{"net.hcl:1:1: error: Empty network"}},
		{"colliding monitors", onePop + "monitor \"x\" {\n  count  = 1\n  target = population.a\n}\nmonitor \"x_0\" {\n  target = population.a\n}\n",
			[]string{"run", "-quiet"}, cli.ExitConfig, []string{"net.hcl:9:1: error: Conflicting output files"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "net.hcl")
			require.NoError(t, os.WriteFile(path, []byte(tt.src), 0o644))
			args := append(append([]string{}, tt.args...), path)
			if tt.args[0] == "run" {
				args = append(args, "-out", filepath.Join(dir, "out"), "-no-figures")
			}
			start := time.Now()
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, args...)
			assert.Less(t, time.Since(start), 5*time.Second)
			assert.Equal(t, tt.code, code, stderr)
			for _, want := range tt.stderr {
				assert.Contains(t, stderr, want)
			}
		})
	}
}
