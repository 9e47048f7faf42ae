package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/component"
)

// TestGraphBinaryToTerminal: a Graphviz format is not written to a
// terminal; -o or a redirection is needed.
func TestGraphBinaryToTerminal(t *testing.T) {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	require.NoError(t, os.WriteFile(filepath.Join(bin, "dot"), []byte("#!/bin/sh\nexec /bin/cat\n"), 0o755))
	var tty, stderr bytes.Buffer // tty stands for a terminal
	e := &env{stdout: &tty, stderr: &stderr, reg: component.Default(), name: "netrun", getenv: func(string) string { return "" },
		isTerm: func(w io.Writer) bool { return w == &tty }}
	code := graphCmd(context.Background(), e, []string{"-format", "png", filepath.Join("testdata", "graph", "net.hcl")})
	assert.Equal(t, ExitUsage, code)
	assert.Empty(t, tty.String())
	assert.Equal(t, "netrun graph: -format png writes binary data; give -o FILE or redirect standard output, not a terminal\n", stderr.String())

	// -o is fine, and so is svg (text) on a terminal.
	stderr.Reset()
	out := filepath.Join(t.TempDir(), "net.png")
	require.Equal(t, ExitOK, graphCmd(context.Background(), e, []string{"-format", "png", "-o", out, filepath.Join("testdata", "graph", "net.hcl")}), stderr.String())
	assert.FileExists(t, out)
	require.Equal(t, ExitOK, graphCmd(context.Background(), e, []string{"-format", "svg", filepath.Join("testdata", "graph", "net.hcl")}), stderr.String())
	assert.Contains(t, tty.String(), "<svg ")
}
