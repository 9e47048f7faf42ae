//go:build unix

package cli_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// The tests of this file run the netrun binary as a subprocess, to kill and
// interrupt it. outputs.hcl with these flags writes about 7 MB in about
// 1 s (the simulation itself takes 0.06 s), so that signals land during
// the writing; quickRun writes little, for the runs a test only needs as
// the previous outputs.
var (
	bigRun   = []string{"-quiet", "-format", "both", "-var", "duration=600"}
	quickRun = []string{"-quiet", "-no-figures", "-var", "duration=20"}
)

var buildNetrun = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "netrun-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "netrun")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/netrun").CombinedOutput()
	if err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// netrunBin returns the netrun binary, built once per test process (and
// removed at its end by TestMain's caller: it lives in the system temp
// directory).
func netrunBin(t *testing.T) string {
	t.Helper()
	bin, err := buildNetrun()
	require.NoError(t, err)
	return bin
}

// startRun starts "netrun run outputs.hcl -out out -seed seed flags...",
// flags being bigRun if none are given.
func startRun(t *testing.T, out string, seed int, flags ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	if len(flags) == 0 {
		flags = bigRun
	}
	args := append([]string{"run", testdata("outputs.hcl"), "-out", out, "-seed", strconv.Itoa(seed)}, flags...)
	cmd := exec.Command(netrunBin(t), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	return cmd, &stderr
}

// exitCode waits for cmd and returns its exit code (-1 if a signal ended it).
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	if err == nil {
		return 0
	}
	ee, ok := err.(*exec.ExitError)
	require.True(t, ok, "%v", err)
	return ee.ExitCode()
}

// summarySeed returns the seed in the summary.json of out.
func summarySeed(t *testing.T, out string) uint64 {
	t.Helper()
	return readSummary(t, out).Seed
}

// staging returns the staging directories beside out.
func staging(t *testing.T, out string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".staging-*"))
	require.NoError(t, err)
	return m
}

// waitWriting waits until a run into out has started writing its outputs
// (a file in its staging directory).
func waitWriting(t *testing.T, out string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, d := range staging(t, out) {
			if entries, _ := os.ReadDir(d); len(entries) > 0 {
				return
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("the run did not start writing")
}

// runToEnd runs netrun into out with the given flags (bigRun if none),
// requires success and returns how long it took.
func runToEnd(t *testing.T, out string, seed int, flags ...string) time.Duration {
	t.Helper()
	start := time.Now()
	cmd, stderr := startRun(t, out, seed, flags...)
	require.Equal(t, 0, exitCode(t, cmd), stderr.String())
	return time.Since(start)
}

// TestKill kills runs into a directory holding an earlier run with
// SIGKILL at random moments: the directory must always hold one complete
// run (summary.json agreeing with every file beside it, no file it does
// not list), and the next run removes what the killed ones left.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills runs for about 6 s")
	}
	out := filepath.Join(t.TempDir(), "o")
	full := runToEnd(t, out, 1) // how long a whole run takes here
	requireManifest(t, out)

	// Kills at random moments from the start to just after the end (full
	// is lowered when a run ends before its kill: the first run may be
	// slower, its files not yet cached).
	rng := rand.New(rand.NewPCG(9, 9))
	start := time.Now()
	kills, leftovers, replaced := 0, 0, 0
	seed := uint64(1)
	for i := 2; time.Since(start) < 6*time.Second; i++ {
		started := time.Now()
		cmd, _ := startRun(t, out, i)
		time.Sleep(time.Duration(rng.Float64() * 1.1 * float64(full)))
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()
		if cmd.ProcessState.Success() {
			full = min(full, time.Since(started))
		}
		kills++
		names, msg := checkManifest(out)
		require.Empty(t, msg, "after kill %d", kills)
		require.NotEmpty(t, names)
		if s := summarySeed(t, out); s != seed {
			assert.Equal(t, uint64(i), s, "the directory holds the previous run or the killed one")
			seed = s
			replaced++
		}
		if len(staging(t, out)) > 0 {
			leftovers++
		}
	}
	t.Logf("%d kills: %d left a staging directory, %d after the new outputs were in place", kills, leftovers, replaced)
	assert.Positive(t, leftovers, "some kill landed while the outputs were being written")

	runToEnd(t, out, 100, quickRun...)
	requireManifest(t, out)
	assert.Equal(t, uint64(100), summarySeed(t, out))
	assert.Empty(t, siblings(t, out), "the next run removed the leftovers of the killed ones")
}

// TestConcurrentRuns starts a second run into a directory a first run is
// writing: the second is refused, the first completes.
func TestConcurrentRuns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	first, stderr1 := startRun(t, out, 1)
	waitWriting(t, out)
	second, stderr2 := startRun(t, out, 2)
	assert.Equal(t, cli.ExitConfig, exitCode(t, second))
	assert.Contains(t, stderr2.String(), "another run is writing into it")
	require.Equal(t, 0, exitCode(t, first), stderr1.String())
	requireManifest(t, out)
	assert.Equal(t, uint64(1), summarySeed(t, out))
	assert.Empty(t, siblings(t, out))
}

// TestInterruptWhileWriting sends SIGINT while a run writes its outputs:
// the writing finishes. A second SIGINT abandons them, says what is lost,
// exits with 3 and leaves the previous run in place.
func TestInterruptWhileWriting(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	cmd, stderr := startRun(t, out, 1)
	waitWriting(t, out)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	require.Equal(t, 0, exitCode(t, cmd), stderr.String())
	assert.Contains(t, stderr.String(), "finishing writing the outputs")
	requireManifest(t, out)
	s := readSummary(t, out)
	assert.False(t, s.Interrupted, "the simulation was complete")
	assert.Equal(t, 6000, s.Steps)
	before := dirContents(t, out)

	cmd, stderr = startRun(t, out, 2)
	waitWriting(t, out)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	time.Sleep(50 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	assert.Equal(t, cli.ExitFault, exitCode(t, cmd))
	assert.Contains(t, stderr.String(), "Lost: every output of this run")
	assert.Contains(t, stderr.String(), "still holds the previous run")
	assert.Equal(t, before, dirContents(t, out), "the previous run is intact")
}

// TestFullDisk makes the writing fail (a file size limit: EFBIG, as a full
// disk gives ENOSPC): the previous run stays, the staging directory is
// removed, and netrun says why and exits with 1.
func TestFullDisk(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	runToEnd(t, out, 1, quickRun...)
	before := dirContents(t, out)

	args := append([]string{"run", testdata("outputs.hcl"), "-out", out, "-seed", "2"}, bigRun...)
	// ulimit -f counts blocks of 512 or 1024 bytes: 1 MB at most, less than
	// the largest output file.
	cmd := exec.Command("/bin/sh", append([]string{"-c", `ulimit -f 1024 && exec "$0" "$@"`, netrunBin(t)}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	assert.Equal(t, cli.ExitConfig, exitCode(t, cmd), stderr.String())
	assert.Contains(t, stderr.String(), "file too large")
	assert.Contains(t, stderr.String(), "still holds the previous run")
	assert.Equal(t, before, dirContents(t, out), "the previous run is intact")
	assert.Empty(t, siblings(t, out), "no staging directory left")
	assert.False(t, strings.Contains(stderr.String(), "internal error"))
}
