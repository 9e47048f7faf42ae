package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/learning"
)

// buggy is a learning rule with a bug: it panics in Init if initPanics,
// else in the Update of step 5.
type buggy struct{ initPanics bool }

func (buggy) Kind() string { return "buggy" }
func (b buggy) Init(learning.Edge, float64) error {
	if b.initPanics {
		panic("buggy init")
	}
	return nil
}
func (buggy) Reset() {}
func (buggy) Update(_ learning.Edge, c *learning.Context) {
	if c.Step == 5 {
		var m map[string]int
		m["x"]++ // a nil map: a runtime error
	}
}

func buggyConfig(t *testing.T, initPanics bool) cli.Config {
	t.Helper()
	var reg learning.Registry
	require.NoError(t, reg.Register(func() learning.Rule { return buggy{initPanics: initPanics} }))
	return cli.Config{Rules: &reg}
}

func buggyNet(t *testing.T) string {
	t.Helper()
	return writeNet(t, map[string]string{"net.hcl": strings.Replace(pairNet, `learning "stdp" {
    lr = [0.01, 0.02]
  }`, `learning "buggy" {}`, 1)})
}

// TestPanicWhileRunning checks that a panic during the simulation (a bug)
// is reported as an internal error with its stack, exits with 4, and
// still writes the outputs of what was simulated, with a manifest.
func TestPanicWhileRunning(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := netrun(t, context.Background(), buggyConfig(t, false), "run", buggyNet(t), "-out", out, "-quiet", "-workers", "1")
	assert.Equal(t, cli.ExitInternal, code)
	assert.Contains(t, stderr, "internal error: assignment to entry in nil map (please report)")
	assert.Contains(t, stderr, "goroutine ", "the stack")
	assert.Contains(t, stderr, "buggy.Update")
	s := readSummary(t, out)
	assert.Contains(t, s.Fault, "internal error")
	assert.Equal(t, 5, s.Steps, "steps 0 to 4 were simulated")
	names := requireManifest(t, out)
	assert.Contains(t, names, "w.w.csv")
}

// TestPanicWhileLoading checks that a panic outside a simulation is
// caught by the command dispatcher: exit 4, nothing written.
func TestPanicWhileLoading(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := netrun(t, context.Background(), buggyConfig(t, true), "run", buggyNet(t), "-out", out, "-quiet")
	assert.Equal(t, cli.ExitInternal, code)
	assert.Contains(t, stderr, "internal error: buggy init (please report)")
	_, err := os.Stat(out)
	assert.ErrorIs(t, err, os.ErrNotExist)
}
