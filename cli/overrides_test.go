package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestRunFlagsSeenByExpressions: -seed, -workers and -duration apply
// before evaluation, so expressions reading simulation.* see them.
func TestRunFlagsSeenByExpressions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.hcl")
	require.NoError(t, os.WriteFile(path, []byte(`
simulation {
  duration = 50
  seed     = 3
}
population "p" {
  model = "poisson"
  n     = simulation.duration / 10 + simulation.seed + simulation.workers
  rate  = 0
}
`), 0o644))
	tests := []struct {
		name  string
		flags []string
		n     int
		seed  uint64
	}{
		{"file", nil, 8, 3},
		{"flags", []string{"-duration", "20", "-seed", "9", "-workers", "1"}, 12, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := append(append([]string{"run"}, tt.flags...), "-quiet", "-no-figures", "-out", out, path)
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, args...)
			require.Equal(t, cli.ExitOK, code, stderr)
			s := readSummary(t, out)
			assert.Equal(t, tt.n, s.Populations["p"].N)
			assert.Equal(t, tt.seed, s.Seed)
		})
	}
}
