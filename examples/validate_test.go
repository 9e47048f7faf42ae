package examples_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestEveryExampleValidatesWithoutWarning validates every example network
// (each directory of .hcl files, as the examples' tests run them) with
// -strict: no error and no warning may be printed.
func TestEveryExampleValidatesWithoutWarning(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("*", "*.hcl"))
	require.NoError(t, err)
	dirs := make(map[string]bool)
	for _, f := range files {
		dirs[filepath.Dir(f)] = true
	}
	require.GreaterOrEqual(t, len(dirs), 13, "every example: %v", dirs)
	for dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			cfg := cli.Config{Rules: rules(t)}
			if dir == "custom_model" {
				cfg.Models = models(t)
			}
			var stdout, stderr bytes.Buffer
			code := cli.Main(context.Background(), []string{"validate", "-strict", dir}, &stdout, &stderr, cfg)
			assert.Equal(t, cli.ExitOK, code, stderr.String())
			assert.Empty(t, stderr.String(), "no diagnostic at all")
			assert.Contains(t, stdout.String(), "ok: ")
		})
	}
}
