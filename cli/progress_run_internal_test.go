package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/component"
)

// TestRunTextProgress: netrun run with a stderr that is no terminal (a
// batch log) writes periodic lines, one per tenth of the run, with the
// simulated time, the speed, the elapsed time and the time left (but in
// the last, at the end); no bar and no escape codes.
func TestRunTextProgress(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, reg: component.Default(), name: "netrun",
		getenv: func(string) string { return "" }, isTerm: func(io.Writer) bool { return false },
		textEvery: time.Nanosecond}
	code := runCmd(context.Background(), e, []string{"-no-figures", "-duration", "50", "-out", t.TempDir(), filepath.Join("testdata", "lif.hcl")})
	require.Equal(t, ExitOK, code, stderr.String())
	var lines []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, "progress: ") {
			lines = append(lines, l)
		}
	}
	require.Len(t, lines, 10, "a line per tenth of the 50 steps, the last at the end:\n%s", stderr.String())
	re := regexp.MustCompile(`^progress: (\d+) / 50 ms \((\d+)%\), [0-9.e+]+x real time, elapsed [0-9.]+s(, ETA [0-9.]+s)?$`)
	for i, l := range lines {
		m := re.FindStringSubmatch(l)
		require.NotNil(t, m, "line %d: %q", i, l)
		assert.Equal(t, []string{"5", "10", "15", "20", "25", "30", "35", "40", "45", "50"}[i], m[1], l)
		assert.Equal(t, i < 9, m[3] != "", "ETA until the run is done: %q", l)
	}
	assert.NotContains(t, stderr.String(), "\r")
	assert.NotContains(t, stderr.String(), "\x1b[")
}

// TestRunBarOnTerminal: on a terminal the progress is a bar redrawn in
// place, not lines.
func TestRunBarOnTerminal(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, reg: component.Default(), name: "netrun",
		getenv: func(string) string { return "" }, isTerm: func(w io.Writer) bool { return w == &stderr }}
	code := runCmd(context.Background(), e, []string{"-no-figures", "-duration", "50", "-out", t.TempDir(), filepath.Join("testdata", "lif.hcl")})
	require.Equal(t, ExitOK, code, stderr.String())
	assert.Contains(t, stderr.String(), "\r[")
	assert.Contains(t, stderr.String(), "/ 50 ms 100%")
	assert.NotContains(t, stderr.String(), "progress: ")
}
