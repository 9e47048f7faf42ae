package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/component"
)

// TestBuildKeepsTheDataModel checks that this build has the resonate-and-
// fire model and keeps every default component, the data model of
// package encoding included (a build from neurons.Builtin() lost it).
func TestBuildKeepsTheDataModel(t *testing.T) {
	reg := component.Default()
	require.NoError(t, register(reg))
	for _, name := range []string{"raf", "data", "lif"} {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), []string{"models", name}, &stdout, &stderr, cli.Config{Registry: reg})
		require.Equal(t, cli.ExitOK, code, stderr.String())
		assert.Contains(t, stdout.String(), name+"\n  variables: s")
	}
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"validate", "net.hcl"}, &stdout, &stderr, cli.Config{Registry: reg})
	require.Equal(t, cli.ExitOK, code, stderr.String())
}
