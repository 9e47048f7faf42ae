//go:build unix

package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// waitFile waits until path exists.
func waitFile(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s did not appear", path)
}

// TestRunResumeAfterSignal runs netrun as a process, stops it with
// SIGTERM (what Slurm sends at the time limit) or kills it with SIGKILL
// after its first periodic checkpoint, and resumes it in a new process:
// the outputs are those of a run never stopped.
func TestRunResumeAfterSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs netrun processes")
	}
	bin := netrunBin(t)
	net := ckptNet(t)
	tmp := t.TempDir()
	flags := []string{"-quiet", "-no-figures", "-duration", "600"}
	a := filepath.Join(tmp, "A")
	out, err := exec.Command(bin, append([]string{"run", "-out", a, net}, flags...)...).CombinedOutput()
	require.NoError(t, err, "%s", out)

	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			b := filepath.Join(tmp, "B"+sig.String())
			cmd := exec.Command(bin, append([]string{"run", "-out", b, "-checkpoint-every", "20", net}, flags...)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			waitFile(t, filepath.Join(b, "resume.json")) // after the first checkpoint
			require.NoError(t, cmd.Process.Signal(sig))
			code := exitCode(t, cmd)
			if sig == syscall.SIGTERM {
				require.Equal(t, cli.ExitFault, code, stderr.String())
				require.True(t, readSummary(t, b).Interrupted)
				require.Less(t, readSummary(t, b).Steps, 6000, "the signal came before the end")
			} else {
				require.Equal(t, -1, code)
				require.NoFileExists(t, filepath.Join(b, "summary.json"), "killed before the end: only the periodic checkpoint is there")
			}
			out, err := exec.Command(bin, "run", "-quiet", "-resume", b, "-duration", "600").CombinedOutput()
			require.NoError(t, err, "%s", out)
			sameOutputs(t, a, b)
			require.False(t, readSummary(t, b).Interrupted)
		})
	}
}
