package cli_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/npy"
)

// TestUsageErrorIsOneLine checks that a usage error prints one line and a
// hint to -h, not the whole help.
func TestUsageErrorIsOneLine(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"run", "-bogus", testdata("lif.hcl")}, "netrun run: flag provided but not defined: -bogus"},
		{"negative seed", []string{"run", "-seed", "-1", testdata("lif.hcl")}, "a seed is an integer from 0 to 2^64-1"},
		{"seed too big", []string{"run", "-seed", "18446744073709551616", testdata("lif.hcl")}, "a seed is an integer from 0 to 2^64-1"},
		{"bad bool", []string{"validate", "-strict=maybe", testdata("lif.hcl")}, "-strict"},
		{"no command", nil, "netrun: missing command"},
		{"version with argument", []string{"version", "x"}, "takes no arguments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, tc.args...)
			assert.Equal(t, cli.ExitUsage, code)
			assert.Empty(t, stdout)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			require.Len(t, lines, 2, stderr)
			assert.Contains(t, lines[0], tc.want)
			assert.Regexp(t, `^Run 'netrun( \w+)? -h' for usage\.$`, lines[1])
		})
	}
}

func TestSeedFlagTakesTheWholeRange(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-no-figures", "-seed", "18446744073709551615")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, uint64(18446744073709551615), readSummary(t, out).Seed)
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "version")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Regexp(t, `^netrun \S+ \(github.com/synapticflow/synapticflow-go, commit .*go1\.\d+.*\)\n$`, stdout)

	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "version", "-json")
	require.Equal(t, cli.ExitOK, code, stderr)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &v))
	assert.Equal(t, "github.com/synapticflow/synapticflow-go", v["module"])
	assert.NotEmpty(t, v["version"])
	assert.Contains(t, v["go_version"], "go1.")
}

// TestJSONDiagnostics checks -json: one object a line, with the
// severity, summary and the exact range of the construct.
func TestJSONDiagnostics(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"run", "-out", t.TempDir()}} {
		t.Run(args[0], func(t *testing.T) {
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, append(args, "-json", testdata("bad.hcl"))...)
			assert.Equal(t, cli.ExitConfig, code)
			sc := bufio.NewScanner(strings.NewReader(stderr))
			n := 0
			for sc.Scan() {
				var d struct {
					Severity string `json:"severity"`
					Summary  string `json:"summary"`
					Detail   string `json:"detail"`
					Range    *struct {
						Filename string `json:"filename"`
						Start    struct{ Line, Column, Byte int }
						End      struct{ Line, Column, Byte int }
					} `json:"range"`
				}
				require.NoError(t, json.Unmarshal(sc.Bytes(), &d), "line %q", sc.Text())
				assert.Contains(t, []string{"error", "warning"}, d.Severity)
				assert.NotEmpty(t, d.Summary)
				if d.Range != nil {
					assert.Equal(t, testdata("bad.hcl"), d.Range.Filename)
					if strings.Contains(d.Summary, "Unsupported argument") {
						// "theshold" at line 4, column 3: byte 20+19+15+2.
						assert.Equal(t, 4, d.Range.Start.Line)
						assert.Equal(t, 3, d.Range.Start.Column)
						assert.Equal(t, 56, d.Range.Start.Byte)
						assert.Equal(t, 4, d.Range.End.Line)
					}
					assert.GreaterOrEqual(t, d.Range.End.Byte, d.Range.Start.Byte)
				}
				n++
			}
			assert.Positive(t, n)
		})
	}
}

// TestFmtFlags checks fmt's -diff, -recursive, and the current directory
// by default.
func TestFmtFlags(t *testing.T) {
	src, err := os.ReadFile(testdata("unformatted.hcl"))
	require.NoError(t, err)
	formatted := "population \"cell\" {\n  model     = \"lif\"\n  n         = 3\n  threshold = -50\n}\n"
	setup := func(t *testing.T) (dir, top, sub, hidden string) {
		dir = t.TempDir()
		top = filepath.Join(dir, "net.hcl")
		sub = filepath.Join(dir, "sub", "deeper", "net.hcl")
		hidden = filepath.Join(dir, ".git", "x.hcl")
		for _, p := range []string{top, sub, hidden} {
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, src, 0o644))
		}
		return
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		return string(b)
	}

	t.Run("check diff", func(t *testing.T) {
		_, top, _, _ := setup(t)
		code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "fmt", "-check", "-diff", top)
		assert.Equal(t, cli.ExitConfig, code)
		slash := filepath.ToSlash(top)
		assert.Equal(t, top+"\n--- a/"+slash+"\n+++ b/"+slash+"\n@@ -1,5 +1,5 @@\n population \"cell\" {\n"+
			"-model = \"lif\"\n-    n = 3\n-  threshold= -50\n+  model     = \"lif\"\n+  n         = 3\n+  threshold = -50\n }\n", stdout)
		assert.Equal(t, string(src), read(top), "-check -diff changes nothing")
	})
	t.Run("recursive", func(t *testing.T) {
		dir, top, sub, hidden := setup(t)
		code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "fmt", "-check", dir)
		assert.Equal(t, cli.ExitConfig, code)
		assert.Equal(t, top+"\n", stdout, "without -recursive: the directory's own files")
		code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "fmt", "-recursive", dir)
		require.Equal(t, cli.ExitOK, code, stderr)
		assert.Equal(t, top+"\n"+sub+"\n", stdout)
		assert.Equal(t, formatted, read(top))
		assert.Equal(t, formatted, read(sub))
		assert.Equal(t, string(src), read(hidden), "dot directories are skipped")
	})
	t.Run("json diagnostics", func(t *testing.T) {
		broken := filepath.Join(t.TempDir(), "broken.hcl")
		require.NoError(t, os.WriteFile(broken, []byte("population \"x\" {\n  n = \n"), 0o644))
		code, _, stderr := netrun(t, context.Background(), cli.Config{}, "fmt", "-json", broken)
		assert.Equal(t, cli.ExitConfig, code)
		var d map[string]any
		require.NoError(t, json.Unmarshal([]byte(strings.SplitN(stderr, "\n", 2)[0]), &d), stderr)
		assert.Equal(t, "error", d["severity"])
		assert.Equal(t, broken, d["range"].(map[string]any)["filename"])
	})
	t.Run("current directory", func(t *testing.T) {
		dir, top, sub, _ := setup(t)
		t.Chdir(dir)
		code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "fmt")
		require.Equal(t, cli.ExitOK, code, stderr)
		assert.Equal(t, "net.hcl\n", stdout)
		assert.Equal(t, formatted, read(top))
		assert.Equal(t, string(src), read(sub))
	})
}

// readNPZ reads every array of an .npz file (a zip of .npy files, as
// numpy.savez writes) with its shape.
func readNPZ(t *testing.T, path string) (map[string][]float64, map[string][]int, map[string]string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer z.Close()
	arrays, shapes, types := map[string][]float64{}, map[string][]int{}, map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		require.NoError(t, err)
		raw, err := io.ReadAll(r)
		require.NoError(t, err)
		r.Close()
		shape, v, err := npy.Read(bytes.NewReader(raw))
		require.NoError(t, err, f.Name)
		name := strings.TrimSuffix(f.Name, ".npy")
		arrays[name], shapes[name] = v, shape
		types[name] = regexp.MustCompile(`'descr': '([^']*)'`).FindStringSubmatch(string(raw))[1]
	}
	return arrays, shapes, types
}

// TestSpikesNPZ checks MON.spikes.npz (integer i and float t, as Brian2's
// SpikeMonitor.i and .t) and the indices of the state arrays.
func TestSpikesNPZ(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-no-figures", "-format", "npy")
	require.Equal(t, cli.ExitOK, code, stderr)
	a, shapes, types := readNPZ(t, filepath.Join(out, "cell.spikes.npz"))
	assert.Equal(t, []float64{0, 0, 0, 0, 0, 0, 0}, a["i"])
	assert.Equal(t, []float64{6, 13, 20, 27, 34, 41, 48}, a["t"])
	assert.Equal(t, []int{7}, shapes["i"])
	assert.Equal(t, "<i8", types["i"])
	assert.Equal(t, "<f8", types["t"])

	shape, ids, err := npy.ReadFile(filepath.Join(out, "cell.indices.npy"))
	require.NoError(t, err)
	assert.Equal(t, []int{1}, shape)
	assert.Equal(t, []float64{0}, ids)
}

// TestSparseWeights checks SYN.weights.npz: one (i, j, w, delay) entry
// per synapse, a zero weight included, and that load() reads it back.
func TestSparseWeights(t *testing.T) {
	src := func(file string) string {
		return `simulation {
  dt       = 0.5
  duration = 5
}

population "a" {
  model = "poisson"
  n     = 2
  rate  = 100
}

population "b" {
  model = "lif"
  n     = 3
}

synapse "ab" {
  from         = population.a
  to           = population.b
  connect      = "dense"
  delay        = 1.5
  weight       = load("` + file + `")
  save_weights = true
}
`
	}
	net := writeNet(t, map[string]string{
		"net.hcl": src("w.csv"),
		"w.csv":   "0.1,0,0.3\n0.4,0.5,0.6\n",
	})
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-quiet", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	a, _, types := readNPZ(t, filepath.Join(out, "ab.weights.npz"))
	assert.Equal(t, []float64{0, 0, 0, 1, 1, 1}, a["i"])
	assert.Equal(t, []float64{0, 1, 2, 0, 1, 2}, a["j"])
	assert.Equal(t, []float64{0.1, 0, 0.3, 0.4, 0.5, 0.6}, a["w"], "the zero weight is a synapse")
	assert.Equal(t, []float64{1.5, 1.5, 1.5, 1.5, 1.5, 1.5}, a["delay"])
	assert.Equal(t, []float64{2, 3}, a["shape"])
	assert.Equal(t, "<i8", types["i"])

	saved, err := os.ReadFile(filepath.Join(out, "ab.weights.npz"))
	require.NoError(t, err)
	net = writeNet(t, map[string]string{"net.hcl": src("w.npz"), "w.npz": string(saved)})
	out = t.TempDir()
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-quiet", "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	shape, w, err := npy.ReadFile(filepath.Join(out, "ab.weights.npy"))
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, shape)
	assert.Equal(t, []float64{0.1, 0, 0.3, 0.4, 0.5, 0.6}, w)

	// A sparse file of the wrong shape is refused with the shapes.
	bad := writeNet(t, map[string]string{"net.hcl": strings.Replace(src("w.npz"), "n     = 3", "n     = 4", 1), "w.npz": string(saved)})
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "validate", bad)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, "holds a 2 x 3 matrix; this synapse needs 2 x 4")
}

// TestSummaryStatistics checks the spike statistics of summary.json and
// POP.counts.csv for one regular neuron (spikes every 7 ms: ISI CV 0),
// and the note for a population without a spike monitor.
func TestSummaryStatistics(t *testing.T) {
	src, err := os.ReadFile(testdata("lif.hcl"))
	require.NoError(t, err)
	net := writeNet(t, map[string]string{"net.hcl": string(src) + `
population "quiet" {
  model = "lif"
  n     = 2
}
`})
	out := t.TempDir()
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-no-figures")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "Spike statistics: cell: rate 140 ± 0 Hz over 1 neuron, 0% silent, ISI CV 0, synchrony chi 1.")
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s struct {
		Populations map[string]struct {
			Statistics *struct {
				Monitor        string   `json:"monitor"`
				Neurons        int      `json:"neurons"`
				RateMeanHz     float64  `json:"rate_mean_hz"`
				RateStdHz      float64  `json:"rate_std_hz"`
				SilentFraction float64  `json:"silent_fraction"`
				ISICV          *float64 `json:"isi_cv"`
				Fano           *float64 `json:"fano_factor"`
				FanoWindowMs   float64  `json:"fano_window_ms"`
				Chi            *float64 `json:"synchrony_chi"`
			} `json:"statistics"`
			Note string `json:"statistics_note"`
		} `json:"populations"`
	}
	require.NoError(t, json.Unmarshal(b, &s))
	st := s.Populations["cell"].Statistics
	require.NotNil(t, st)
	assert.Equal(t, "cell", st.Monitor)
	assert.Equal(t, 1, st.Neurons)
	assert.InDelta(t, 140, st.RateMeanHz, 1e-9)
	assert.Zero(t, st.RateStdHz)
	require.NotNil(t, st.ISICV)
	assert.InDelta(t, 0, *st.ISICV, 1e-12)
	assert.Nil(t, st.Fano, "50 ms hold no two windows of 100 ms")
	assert.Equal(t, 100.0, st.FanoWindowMs)
	assert.Nil(t, s.Populations["quiet"].Statistics)
	assert.Contains(t, s.Populations["quiet"].Note, "no spike monitor")

	counts, err := os.ReadFile(filepath.Join(out, "cell.counts.csv"))
	require.NoError(t, err)
	assert.Equal(t, "neuron,count\n0,7\n", string(counts))
	assert.NoFileExists(t, filepath.Join(out, "quiet.counts.csv"))
}

// TestSynapsePairs checks MON.synapses.csv and .npz: the synapse, source
// and target neuron of each recorded column of a weight monitor.
func TestSynapsePairs(t *testing.T) {
	src, err := os.ReadFile(testdata("static_monitor.hcl"))
	require.NoError(t, err)
	net := writeNet(t, map[string]string{"net.hcl": strings.Replace(string(src), "target = synapse.s", "target  = synapse.s\n  indices = [1, 5, 11]", 1)})
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-quiet", "-no-figures", "-format", "both")
	require.Equal(t, cli.ExitOK, code, stderr)
	// Dense 4 x 3 in storage order: synapse k goes from k/3 to k%3.
	b, err := os.ReadFile(filepath.Join(out, "m.synapses.csv"))
	require.NoError(t, err)
	assert.Equal(t, "synapse,pre,post\n1,0,1\n5,1,2\n11,3,2\n", string(b))
	a, _, _ := readNPZ(t, filepath.Join(out, "m.synapses.npz"))
	assert.Equal(t, []float64{1, 5, 11}, a["synapse"])
	assert.Equal(t, []float64{0, 1, 3}, a["pre"])
	assert.Equal(t, []float64{1, 2, 2}, a["post"])
	_, ids, err := npy.ReadFile(filepath.Join(out, "m.indices.npy"))
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 5, 11}, ids)
}

// TestStatisticsOfStreamedMonitors checks that the spike statistics of a
// streamed monitor (read back from its spool) are those of one in memory.
func TestStatisticsOfStreamedMonitors(t *testing.T) {
	pops := map[string]map[string]any{}
	for _, stream := range []string{"false", "true"} {
		dir := t.TempDir()
		code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-no-figures",
			"-var", "stream="+stream, "-out", dir, testdata("stream.hcl"))
		require.Equal(t, cli.ExitOK, code, stderr)
		b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		require.NoError(t, err)
		var s struct {
			Populations map[string]any `json:"populations"`
		}
		require.NoError(t, json.Unmarshal(b, &s))
		pops[stream] = s.Populations
	}
	assert.Equal(t, pops["false"], pops["true"])
	src := pops["true"]["src"].(map[string]any)["statistics"].(map[string]any)
	// 20 Poisson neurons at 80 Hz for 200 ms: irregular, not synchronous.
	assert.InDelta(t, 80, src["rate_mean_hz"], 25)
	assert.InDelta(t, 1, src["isi_cv"], 0.35)
	assert.Less(t, src["synchrony_chi"], 0.6)
}
