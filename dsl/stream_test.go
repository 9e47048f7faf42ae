package dsl_test

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
)

// TestMonitorStream checks the monitor block's stream attribute: a bool,
// false by default; anything else is an error at its range.
func TestMonitorStream(t *testing.T) {
	tests := []struct {
		name, attr string
		want       bool
		err        string
	}{
		{"default", "", false, ""},
		{"true", "stream = true", true, ""},
		{"false", "stream = false", false, ""},
		{"string", `stream = "yes"`, false, "True or false is required"},
		{"number", "stream = 2", false, "True or false is required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "net.hcl")
			src := "population \"p\" {\n  model = \"lif\"\n  n = 2\n}\n\nmonitor \"m\" {\n  target = population.p\n  " + tc.attr + "\n}\n"
			require.NoError(t, writeFile(path, src))
			net, diags := dsl.Load(path, dsl.Options{})
			if tc.err != "" {
				require.True(t, diags.HasErrors())
				assert.Contains(t, diags[0].Detail, tc.err)
				require.NotNil(t, diags[0].Subject)
				assert.Equal(t, hcl.Pos{Line: 8, Column: 12, Byte: diags[0].Subject.Start.Byte}, diags[0].Subject.Start)
				return
			}
			require.False(t, diags.HasErrors(), "%v", diags)
			require.Len(t, net.Monitors, 1)
			assert.Equal(t, tc.want, net.Monitors[0].Stream)
		})
	}
}
