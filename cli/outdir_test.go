package cli_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/internal/atomicfs"
)

// manifestEntry is one entry of "files" in summary.json.
type manifestEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// checkManifest checks that the summary.json of dir lists exactly the
// files beside it, each with its size and SHA-256, and returns the names.
// It returns an error message instead of failing, so that the kill test
// can report the iteration.
func checkManifest(dir string) ([]string, string) {
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, err.Error()
	}
	var s struct {
		Files []manifestEntry `json:"files"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, "summary.json: " + err.Error()
	}
	listed := make(map[string]bool)
	var names []string
	for _, f := range s.Files {
		listed[f.Name] = true
		names = append(names, f.Name)
		data, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			return nil, "listed file: " + err.Error()
		}
		if int64(len(data)) != f.Size {
			return nil, f.Name + ": size differs from summary.json"
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			return nil, f.Name + ": sha256 differs from summary.json"
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err.Error()
	}
	for _, e := range entries {
		if e.Name() != "summary.json" && !listed[e.Name()] {
			return nil, "unlisted file " + e.Name()
		}
	}
	return names, ""
}

// requireManifest is checkManifest for a test.
func requireManifest(t *testing.T, dir string) []string {
	t.Helper()
	names, msg := checkManifest(dir)
	require.Empty(t, msg, dir)
	return names
}

// siblings returns the names beside dir other than dir itself and its
// lock file.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) && e.Name() != "."+filepath.Base(dir)+".lock" {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestRunManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "lif")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-format", "both")
	require.Equal(t, cli.ExitOK, code, stderr)
	names := requireManifest(t, out)
	assert.Contains(t, names, "cell.spikes.csv")
	assert.Contains(t, names, "cell.v.npy")
	assert.Contains(t, names, "cell.raster.png")
	assert.NotContains(t, names, "summary.json", "summary.json does not list itself")
	assert.True(t, slices.IsSorted(names))
	assert.Empty(t, siblings(t, out), "no staging directory left beside the outputs")
}

// TestRunReplacesPreviousRun checks that a run replaces the whole
// directory: the files of an earlier run it does not write are gone.
func TestRunReplacesPreviousRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "lif")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-format", "both")
	require.Equal(t, cli.ExitOK, code, stderr)
	require.FileExists(t, filepath.Join(out, "cell.v.npy"))

	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, []string{"cell.counts.csv", "cell.rate.csv", "cell.spikes.csv", "cell.v.csv"}, requireManifest(t, out))
	assert.Empty(t, siblings(t, out))
}

// TestRunStaticSynapseMonitor is the regression test of a monitor of a
// synapse edge without a learning rule, which panicked after the run.
func TestRunStaticSynapseMonitor(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("static_monitor.hcl"), "-out", out, "-quiet")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.NotContains(t, stderr, "internal error")
	names := requireManifest(t, out)
	for _, f := range []string{"m.w.csv", "m.w.png", "m.matrix.png", "m.hist.png"} {
		assert.Contains(t, names, f)
	}
	header, rows := readCSV(t, filepath.Join(out, "m.w.csv"))
	assert.Len(t, header, 1+12, "time and the 4 x 3 synapses")
	require.NotEmpty(t, rows)
	for _, row := range rows {
		for _, w := range row[1:] {
			assert.Equal(t, 0.5, w, "the static weights, recorded")
		}
	}
}

func TestRunOutputDirRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  string
	}{
		{"foreign files", func(t *testing.T, out string) {
			require.NoError(t, os.WriteFile(filepath.Join(out, "a.png"), []byte("x"), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644))
		}, "holds notes.txt and no summary.json"},
		{"subdirectory", func(t *testing.T, out string) {
			require.NoError(t, os.WriteFile(filepath.Join(out, "summary.json"), []byte("{}"), 0o644))
			require.NoError(t, os.Mkdir(filepath.Join(out, "elif"), 0o755))
		}, "holds elif, which is not a file a run writes"},
		{"locked", func(t *testing.T, out string) {
			l, err := atomicfs.Lock(out)
			require.NoError(t, err)
			t.Cleanup(func() { l.Unlock() })
		}, "another run is writing into it"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			require.NoError(t, os.Mkdir(out, 0o755))
			tc.setup(t, out)
			before := dirContents(t, out)
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet")
			assert.Equal(t, cli.ExitConfig, code)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, before, dirContents(t, out), "the directory is untouched")
			assert.Empty(t, siblings(t, out))
		})
	}
}

// dirContents returns the names and contents of the files in dir ("/"
// after a directory).
func dirContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	m := make(map[string]string)
	for _, e := range entries {
		if e.IsDir() {
			m[e.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		m[e.Name()] = string(b)
	}
	return m
}

// TestRunCleansLeftovers checks that a run removes what killed runs left
// beside its output directory, and only that.
func TestRunCleansLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "lif")
	for _, d := range []string{".lif.staging-1-1", ".lif.old-1-1", ".other.staging-1-1"} {
		require.NoError(t, os.MkdirAll(filepath.Join(parent, d), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(parent, d, "cell.v.csv"), []byte("partial"), 0o644))
	}
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet")
	require.Equal(t, cli.ExitOK, code, stderr)
	requireManifest(t, out)
	assert.Equal(t, []string{".other.staging-1-1"}, siblings(t, out))
}

// TestRunLegacyOutputDir checks that a directory written by an earlier
// netrun (summary.json without a manifest, temporary files of killed
// writes) is replaced.
func TestRunLegacyOutputDir(t *testing.T) {
	out := t.TempDir()
	for _, f := range []string{"summary.json", "old.spikes.csv", ".old.v.csv.tmp-123", "notes.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(out, f), []byte("{}"), 0o644))
	}
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	names := requireManifest(t, out)
	assert.False(t, slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "old") || strings.HasPrefix(n, ".") }), names)

	// Outputs of another program (the figures of examples/conv_features
	// in out/conv_features) are replaced as well.
	out = t.TempDir()
	for _, f := range []string{"kernels.png", "selectivity.csv"} {
		require.NoError(t, os.WriteFile(filepath.Join(out, f), []byte("x"), 0o644))
	}
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, []string{"cell.counts.csv", "cell.rate.csv", "cell.spikes.csv", "cell.v.csv"}, requireManifest(t, out))
}
