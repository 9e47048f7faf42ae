package examples_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/examples/custom_kernel/alpha"
	"github.com/synapticflow/synapticflow-go/examples/custom_model/raf"
	"github.com/synapticflow/synapticflow-go/examples/custom_rule/oja"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
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
	require.GreaterOrEqual(t, len(dirs), 14, "every example: %v", dirs)
	// One build with every example's own component.
	reg := component.Default()
	require.NoError(t, reg.RegisterModel("resonate-and-fire", func() neurons.Model { return raf.New() }))
	require.NoError(t, reg.RegisterRule("Oja", func() learning.Rule { return oja.New() }))
	require.NoError(t, reg.RegisterKernel("alpha function", func() synapses.Kernel { return alpha.New() }))
	cfg := cli.Config{Registry: reg}
	for dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := cli.Main(context.Background(), []string{"validate", "-strict", dir}, &stdout, &stderr, cfg)
			assert.Equal(t, cli.ExitOK, code, stderr.String())
			assert.Empty(t, stderr.String(), "no diagnostic at all")
			assert.Contains(t, stdout.String(), "ok: ")
		})
	}
}
