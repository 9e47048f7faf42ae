package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// ckptNet is the network of the checkpoint tests: Poisson and data
// populations, poisson_input and OU stimuli, delays, STDP, R-STDP with a
// reward schedule, an equation model, an equation-defined synapse model
// (event-driven, clock-driven and summed variables, on_step with rand(),
// post_delay), a streamed monitor.
func ckptNet(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"net.hcl", "samples.csv"} {
		b, err := os.ReadFile(testdata(filepath.Join("ckpt", name)))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	return filepath.Join(dir, "net.hcl")
}

// sameOutputs asserts that every file of want is in got with the same
// bytes, but summary.json (timings) and the checkpoint files, and that
// got has no other file but checkpoint.sfck and resume.json. It returns
// the names compared.
func sameOutputs(t *testing.T, want, got string) []string {
	t.Helper()
	entries, err := os.ReadDir(want)
	require.NoError(t, err)
	var compared []string
	skip := []string{"summary.json", "checkpoint.sfck", "resume.json"}
	for _, en := range entries {
		if slices.Contains(skip, en.Name()) {
			continue
		}
		a, err := os.ReadFile(filepath.Join(want, en.Name()))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(got, en.Name()))
		require.NoError(t, err, "%s is missing", en.Name())
		require.True(t, bytes.Equal(a, b), "%s differs", en.Name())
		compared = append(compared, en.Name())
	}
	gotEntries, err := os.ReadDir(got)
	require.NoError(t, err)
	for _, en := range gotEntries {
		_, err := os.Stat(filepath.Join(want, en.Name()))
		if err != nil && !slices.Contains(skip, en.Name()) {
			t.Errorf("%s only in %s", en.Name(), got)
		}
	}
	return compared
}

// TestRunResumeByteForByte is the acceptance test: a run of
// 100 ms checkpointed every 50 ms, resumed (in a fresh load, with other
// workers) up to 200 ms, leaves the same spike, state, rate, signal and
// weight files (CSV, .npy, .npz) and figures, byte for byte, as a run of
// 200 ms in one go.
func TestRunResumeByteForByte(t *testing.T) {
	net := ckptNet(t)
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "A"), filepath.Join(tmp, "B")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-format", "both", "-workers", "2", "-duration", "200", "-out", a, net)
	require.Equal(t, cli.ExitOK, code, stderr)
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-format", "both", "-workers", "1", "-duration", "100", "-checkpoint-every", "50", "-out", b, net)
	require.Equal(t, cli.ExitOK, code, stderr)
	require.FileExists(t, filepath.Join(b, "checkpoint.sfck"))
	require.Equal(t, 1000, readSummary(t, b).Steps)

	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-resume", b, "-duration", "200", "-workers", "3")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "Simulated 200 ms")
	compared := sameOutputs(t, a, b)
	for _, want := range []string{"exc.spikes.csv", "exc.spikes.npz", "exc.v.csv", "exc.v.npy", "inh.w.csv", "eq.v.csv",
		"data.spikes.csv", "data_inh.weights.npy", "data_inh.weights.npz", "w.w.csv", "da.dopamine.csv", "exc.counts.csv", "exc.rate.csv",
		"cond.spikes.csv", "cond.ge.csv", "wc.w.csv"} {
		assert.Contains(t, compared, want)
	}
	sa, sb := readSummary(t, a), readSummary(t, b)
	assert.Equal(t, sa.Steps, sb.Steps)
	assert.Equal(t, sa.SynapticEvents, sb.SynapticEvents)
	assert.Equal(t, sa.Populations, sb.Populations)
	noTempFiles(t, b)

	// The end of the resumed run is a checkpoint too: resuming it again
	// changes nothing.
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-resume", b, "-duration", "200")
	require.Equal(t, cli.ExitOK, code, stderr)
	sameOutputs(t, a, b)
}

// TestRunInterruptedResumes: an interrupted run writes a checkpoint
// (without -checkpoint-every), and resuming it completes the run exactly.
func TestRunInterruptedResumes(t *testing.T) {
	net := ckptNet(t)
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "A"), filepath.Join(tmp, "B")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-duration", "60", "-out", a, net)
	require.Equal(t, cli.ExitOK, code, stderr)
	ctx := &stepContext{Context: context.Background(), n: 333}
	code, _, _ = netrun(t, ctx, cli.Config{}, "run", "-quiet", "-duration", "60", "-out", b, net)
	require.Equal(t, cli.ExitFault, code)
	require.True(t, readSummary(t, b).Interrupted)
	require.Equal(t, 333, readSummary(t, b).Steps)
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-resume", b, "-duration", "60")
	require.Equal(t, cli.ExitOK, code, stderr)
	require.False(t, readSummary(t, b).Interrupted)
	sameOutputs(t, a, b)
}

func TestRunResumeErrors(t *testing.T) {
	net := ckptNet(t)
	b := filepath.Join(t.TempDir(), "B")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-no-figures", "-duration", "20", "-checkpoint-every", "10", "-out", b, net)
	require.Equal(t, cli.ExitOK, code, stderr)
	var info struct {
		Network    string `json:"network"`
		Checkpoint struct {
			Steps int `json:"steps"`
		} `json:"checkpoint"`
	}
	raw, err := os.ReadFile(filepath.Join(b, "resume.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &info))
	assert.Equal(t, 200, info.Checkpoint.Steps)
	assert.Equal(t, net, info.Network)

	run := func(args ...string) (int, string) {
		code, _, stderr := netrun(t, context.Background(), cli.Config{}, append([]string{"run", "-quiet"}, args...)...)
		return code, stderr
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"flag of the run", []string{"-resume", b, "-seed", "3"}, cli.ExitUsage, "-seed is the run's own"},
		{"a file too", []string{"-resume", b, net}, cli.ExitUsage, "-resume takes the network from DIR"},
		{"bad period", []string{"-checkpoint-every", "-1", net}, cli.ExitUsage, "-checkpoint-every -1"},
		{"no checkpoint", []string{"-resume", t.TempDir()}, cli.ExitConfig, "no resume.json"},
		{"shorter", []string{"-resume", b, "-duration", "10"}, cli.ExitConfig, "past the duration of 10 ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stderr := run(tc.args...)
			assert.Equal(t, tc.code, code, stderr)
			assert.Contains(t, stderr, tc.msg)
		})
	}

	t.Run("corrupt", func(t *testing.T) {
		path := filepath.Join(b, "checkpoint.sfck")
		good, err := os.ReadFile(path)
		require.NoError(t, err)
		bad := bytes.Clone(good)
		bad[len(bad)/2] ^= 0x40
		require.NoError(t, os.WriteFile(path, bad, 0o644))
		defer os.WriteFile(path, good, 0o644)
		code, stderr := run("-resume", b, "-duration", "30")
		assert.Equal(t, cli.ExitConfig, code)
		assert.Contains(t, stderr, "corrupt checkpoint: section \"")
		assert.Contains(t, stderr, "checksum mismatch")
	})

	t.Run("changed network", func(t *testing.T) {
		src, err := os.ReadFile(net)
		require.NoError(t, err)
		defer os.WriteFile(net, src, 0o644)
		require.NoError(t, os.WriteFile(net, []byte(strings.Replace(string(src), "tau_m         = 20", "tau_m         = 21", 1)), 0o644))
		code, stderr := run("-resume", b, "-duration", "30")
		assert.Equal(t, cli.ExitConfig, code)
		assert.Contains(t, stderr, "changed since the checkpoint was written")
	})

	t.Run("changed data", func(t *testing.T) {
		// The network file is the same, the samples it reads are not: the
		// fingerprint refuses.
		csv := filepath.Join(filepath.Dir(net), "samples.csv")
		src, err := os.ReadFile(csv)
		require.NoError(t, err)
		defer os.WriteFile(csv, src, 0o644)
		require.NoError(t, os.WriteFile(csv, bytes.Replace(src, []byte("0."), []byte("0.9"), 1), 0o644))
		code, stderr := run("-resume", b, "-duration", "30")
		assert.Equal(t, cli.ExitConfig, code)
		assert.Contains(t, stderr, "checkpoint of another network")
	})

	code, stderr = run("-resume", b, "-duration", "30", "-json", "-no-color", "-no-figures", "-workers", "2", "-checkpoint-every", "5")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, 300, readSummary(t, b).Steps)
}

// TestRunContinue: the same command line with -continue starts a run,
// and after an interruption continues it (a Slurm job and its requeue).
func TestRunContinue(t *testing.T) {
	net := ckptNet(t)
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "A"), filepath.Join(tmp, "B")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-format", "npy", "-duration", "60", "-out", a, net)
	require.Equal(t, cli.ExitOK, code, stderr)
	args := []string{"run", "-quiet", "-format", "npy", "-duration", "60", "-continue", "-checkpoint-every", "25", "-out", b, net}
	code, _, stderr = netrun(t, &stepContext{Context: context.Background(), n: 410}, cli.Config{}, args...)
	require.Equal(t, cli.ExitFault, code, stderr)
	assert.NotContains(t, stderr, "continuing")
	require.Equal(t, 410, readSummary(t, b).Steps)
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, args...)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stderr, "continuing from the checkpoint in "+b+" (t = 41 ms)")
	sameOutputs(t, a, b)

	other := filepath.Join(tmp, "other.hcl")
	src, err := os.ReadFile(net)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(other, src, 0o644))
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-continue", "-out", b, other)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, "holds a checkpoint of "+net)
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-continue", "-resume", b)
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, stderr, "-continue and -resume")
}
