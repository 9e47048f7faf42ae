package cli_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"image"
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// netrun runs cli.Main with args and returns the exit code and outputs.
func netrun(t *testing.T, ctx context.Context, cfg cli.Config, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(ctx, args, &stdout, &stderr, cfg)
	return code, stdout.String(), stderr.String()
}

func testdata(name string) string { return filepath.Join("testdata", name) }

// summary is the part of summary.json the tests read.
type summary struct {
	Steps                   int     `json:"steps"`
	DtMs                    float64 `json:"dt_ms"`
	DurationMs              float64 `json:"duration_ms"`
	RequestedDurationMs     float64 `json:"requested_duration_ms"`
	Seed                    uint64  `json:"seed"`
	Workers                 int     `json:"workers"`
	WallSeconds             float64 `json:"wall_seconds"`
	SimSeconds              float64 `json:"sim_seconds"`
	SimCPUSeconds           float64 `json:"sim_cpu_seconds"`
	BuildSeconds            float64 `json:"build_seconds"`
	NeuronUpdatesPerSecond  float64 `json:"neuron_updates_per_second"`
	SynapticEvents          int64   `json:"synaptic_events"`
	SynapticEventsPerSecond float64 `json:"synaptic_events_per_second"`
	Interrupted             bool    `json:"interrupted"`
	Fault                   string  `json:"fault"`
	Populations             map[string]struct {
		N      int     `json:"n"`
		Spikes int64   `json:"spikes"`
		RateHz float64 `json:"rate_hz"`
	} `json:"populations"`
}

func readSummary(t *testing.T, dir string) summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	var s summary
	require.NoError(t, json.Unmarshal(b, &s))
	return s
}

// readCSV returns the header and the rows of a CSV file of numbers.
func readCSV(t *testing.T, path string) ([]string, [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs, "a header")
	var rows [][]float64
	for _, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for i, s := range rec {
			row[i], err = strconv.ParseFloat(s, 64)
			require.NoError(t, err)
		}
		rows = append(rows, row)
	}
	return recs[0], rows
}

// readNPY parses a .npy file of '<f8' values in C order.
func readNPY(t *testing.T, path string) ([]int, []float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(b, []byte("\x93NUMPY\x01\x00")), "magic string and version 1.0")
	hlen := int(binary.LittleEndian.Uint16(b[8:10]))
	header := string(b[10 : 10+hlen])
	assert.Zero(t, (10+hlen)%16, "data aligned")
	assert.True(t, strings.HasSuffix(header, "\n"))
	assert.Contains(t, header, "'descr': '<f8'")
	assert.Contains(t, header, "'fortran_order': False")
	m := regexp.MustCompile(`'shape': \(([0-9, ]*)\)`).FindStringSubmatch(header)
	require.NotNil(t, m, "shape in %q", header)
	var shape []int
	size := 1
	for _, f := range strings.Split(m[1], ",") {
		if f = strings.TrimSpace(f); f != "" {
			d, err := strconv.Atoi(f)
			require.NoError(t, err)
			shape = append(shape, d)
			size *= d
		}
	}
	data := b[10+hlen:]
	require.Len(t, data, 8*size)
	vals := make([]float64, size)
	for i := range vals {
		vals[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
	}
	return shape, vals
}

// noTempFiles checks that no temporary file is left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), "."), "temporary file %s left behind", e.Name())
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "missing command"},
		{"unknown command", []string{"runn"}, `did you mean "run"?`},
		{"run without file", []string{"run"}, "missing FILE|DIR"},
		{"two files", []string{"run", "a.hcl", "b.hcl"}, "want one FILE|DIR"},
		{"unknown flag", []string{"run", "-bogus", testdata("lif.hcl")}, "flag provided but not defined: -bogus"},
		{"bad format", []string{"run", "-format", "xml", testdata("lif.hcl")}, `-format "xml"`},
		{"negative duration", []string{"run", "-duration", "-5", testdata("lif.hcl")}, "-duration -5"},
		{"negative workers", []string{"run", "-workers", "-1", testdata("lif.hcl")}, "-workers -1"},
		{"bad var", []string{"run", "-var", "novalue", testdata("lif.hcl")}, "want name=value"},
		{"validate without file", []string{"validate"}, "missing FILE|DIR"},
		{"graph without file", []string{"graph"}, "missing FILE|DIR"},
		{"models with two kinds", []string{"models", "lif", "elif"}, "at most one KIND"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, tc.args...)
			assert.Equal(t, cli.ExitUsage, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
		})
	}
}

func TestHelp(t *testing.T) {
	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "help")
	assert.Equal(t, cli.ExitOK, code)
	for _, c := range []string{"run", "validate", "fmt", "graph", "models"} {
		assert.Contains(t, stdout, "\n  "+c+" ")
	}
	code, _, stderr := netrun(t, context.Background(), cli.Config{Name: "mynet"}, "run", "-h")
	assert.Equal(t, cli.ExitOK, code)
	assert.Contains(t, stderr, "Usage: mynet run FILE|DIR")
	assert.Contains(t, stderr, "summary.json")
	assert.Contains(t, stderr, "-no-figures")
}

// TestRunLIF checks the outputs of a run against a neuron followed by
// hand: v' = 0.9*v + 2 from v = 0 gives 2, 3.8, 5.42, 6.878, 8.1902,
// 9.37118 and 10.434062 >= 10 in the 7th step (step 6, t = 6 ms), when v
// is reset to 0 and the cycle repeats: spikes at 6, 13, ..., 48 ms.
func TestRunLIF(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-format", "both")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Empty(t, stderr, "no progress bar when stderr is not a terminal")

	s := readSummary(t, out)
	assert.Equal(t, 50, s.Steps)
	assert.InDelta(t, 1.0, s.DtMs, 1e-12)
	assert.InDelta(t, 50.0, s.DurationMs, 1e-12)
	assert.Equal(t, uint64(2), s.Seed)
	assert.False(t, s.Interrupted)
	assert.Empty(t, s.Fault)
	assert.GreaterOrEqual(t, s.WallSeconds, s.SimSeconds)
	assert.Positive(t, s.SimSeconds)
	assert.GreaterOrEqual(t, s.SimCPUSeconds, 0.0) // the loop's CPU time, measured
	assert.Positive(t, s.BuildSeconds)
	assert.GreaterOrEqual(t, s.WallSeconds, s.BuildSeconds+s.SimSeconds)
	assert.InDelta(t, 50/s.SimSeconds, s.NeuronUpdatesPerSecond, 1e-6*s.NeuronUpdatesPerSecond)
	require.Contains(t, s.Populations, "cell")
	assert.Equal(t, 1, s.Populations["cell"].N)
	assert.Equal(t, int64(7), s.Populations["cell"].Spikes)
	assert.InDelta(t, 7/0.050, s.Populations["cell"].RateHz, 1e-9)

	wantSpikes := []float64{6, 13, 20, 27, 34, 41, 48}
	header, rows := readCSV(t, filepath.Join(out, "cell.spikes.csv"))
	assert.Equal(t, []string{"time_ms", "neuron"}, header)
	require.Len(t, rows, len(wantSpikes))
	for i, row := range rows {
		assert.Equal(t, []float64{wantSpikes[i], 0}, row)
	}

	// v after each step, by hand.
	v, want := 0.0, make([]float64, 50)
	for k := range want {
		v = 0.9*v + 2
		if v >= 10 {
			v = 0
		}
		want[k] = v
	}
	header, rows = readCSV(t, filepath.Join(out, "cell.v.csv"))
	assert.Equal(t, []string{"time_ms", "0"}, header)
	require.Len(t, rows, 50)
	for k, row := range rows {
		assert.InDelta(t, float64(k), row[0], 1e-12)
		assert.InDelta(t, want[k], row[1], 1e-9, "v after step %d", k)
	}
	assert.InDelta(t, 2.0, rows[0][1], 1e-9)
	assert.InDelta(t, 3.8, rows[1][1], 1e-9)

	// The same data as NumPy arrays.
	shape, data := readNPY(t, filepath.Join(out, "cell.spikes.npy"))
	assert.Equal(t, []int{7, 2}, shape)
	for i, tm := range wantSpikes {
		assert.Equal(t, []float64{tm, 0}, data[2*i:2*i+2])
	}
	shape, data = readNPY(t, filepath.Join(out, "cell.v.npy"))
	assert.Equal(t, []int{50, 1}, shape)
	assert.InDeltaSlice(t, want, data, 1e-9)
	shape, data = readNPY(t, filepath.Join(out, "cell.times.npy"))
	assert.Equal(t, []int{50}, shape)
	assert.InDelta(t, 49.0, data[49], 1e-12)
	shape, data = readNPY(t, filepath.Join(out, "cell.rate.npy"))
	assert.Equal(t, []int{50, 2}, shape)
	assert.InDelta(t, 1000.0, data[2*6+1], 1e-9, "one spike of one neuron in a 1 ms step is 1000 Hz")
	assert.InDelta(t, 0.0, data[2*5+1], 1e-9)

	for _, fig := range []string{"cell.raster.png", "cell.rate.png", "cell.v.png"} {
		f, err := os.Open(filepath.Join(out, fig))
		require.NoError(t, err)
		_, format, err := image.Decode(f)
		f.Close()
		assert.NoError(t, err, fig)
		assert.Equal(t, "png", format)
	}
	noTempFiles(t, out)

	assert.Contains(t, stdout, "Simulated 50 ms (50 steps of 1 ms)")
	assert.Contains(t, stdout, "cell 140 Hz (1 neuron, 7 spikes)")
	assert.Contains(t, stdout, "Outputs in "+out)
}

func TestRunFormatsAndFigures(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		present []string
		absent  []string
	}{
		{"csv", nil, []string{"cell.spikes.csv", "cell.v.csv", "cell.rate.csv", "cell.v.png"}, []string{"cell.spikes.npy", "cell.v.npy"}},
		{"npy", []string{"-format", "npy"}, []string{"cell.spikes.npy", "cell.v.npy", "cell.times.npy"}, []string{"cell.spikes.csv", "cell.v.csv"}},
		{"no figures", []string{"-no-figures"}, []string{"cell.spikes.csv"}, []string{"cell.raster.png", "cell.v.png", "cell.rate.png"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"run", testdata("lif.hcl"), "-quiet", "-out", out}, tc.args...)
			code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, args...)
			require.Equal(t, cli.ExitOK, code, stderr)
			assert.Empty(t, stdout, "-quiet prints no summary")
			for _, f := range append(tc.present, "summary.json") {
				assert.FileExists(t, filepath.Join(out, f))
			}
			for _, f := range tc.absent {
				assert.NoFileExists(t, filepath.Join(out, f))
			}
		})
	}
}

func TestRunFlagsOverrideSimulation(t *testing.T) {
	out := t.TempDir()
	// Flags may follow the file.
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"),
		"-seed", "9", "-workers", "1", "-duration", "20", "-quiet", "-out", out)
	require.Equal(t, cli.ExitOK, code, stderr)
	s := readSummary(t, out)
	assert.Equal(t, 20, s.Steps)
	assert.InDelta(t, 20.0, s.DurationMs, 1e-12)
	assert.Equal(t, uint64(9), s.Seed)
	assert.Equal(t, 1, s.Workers)
	assert.Equal(t, int64(2), s.Populations["cell"].Spikes, "spikes at 6 and 13 ms")
}

func TestRunVariables(t *testing.T) {
	dir := t.TempDir()
	varFile := filepath.Join(dir, "vars.hcl")
	require.NoError(t, os.WriteFile(varFile, []byte("n = 4\nrate = 50\n"), 0o644))
	tests := []struct {
		name  string
		args  []string
		wantN int
	}{
		{"default", nil, 2},
		{"var", []string{"-var", "n=7"}, 7},
		{"var file", []string{"-var-file", varFile}, 4},
		{"var beats var file", []string{"-var-file", varFile, "-var", "n=3"}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"run", testdata("vars.hcl"), "-quiet", "-no-figures", "-out", out}, tc.args...)
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, args...)
			require.Equal(t, cli.ExitOK, code, stderr)
			assert.Equal(t, tc.wantN, readSummary(t, out).Populations["noise"].N)
		})
	}
}

func TestRunDefaultOutputDirectory(t *testing.T) {
	src, err := filepath.Abs(testdata("lif.hcl"))
	require.NoError(t, err)
	t.Chdir(t.TempDir())
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-no-figures", src)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.FileExists(t, filepath.Join("out", "lif", "summary.json"))
	assert.FileExists(t, filepath.Join("out", "lif", "cell.spikes.csv"))
}

func TestRunConfigurationErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown parameter", []string{testdata("bad.hcl")}, []string{"bad.hcl:4:3: error: Unsupported argument", "theshold = -50", `Did you mean "threshold"?`}},
		{"missing file", []string{testdata("nope.hcl")}, []string{"nope.hcl"}},
		{"undeclared variable", []string{testdata("vars.hcl"), "-var", "size=3"}, []string{`"size"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, append([]string{"run", "-out", out}, tc.args...)...)
			assert.Equal(t, cli.ExitConfig, code)
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
			assert.NoFileExists(t, filepath.Join(out, "summary.json"), "nothing is run")
		})
	}
}

// stepContext is a context that is cancelled once Err has been asked
// more than n times: the Sim asks once per step, so it stops after a
// known, deterministic part of the run.
type stepContext struct {
	context.Context
	n int
}

func (c *stepContext) Err() error {
	if c.n <= 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

func TestRunInterrupted(t *testing.T) {
	out := t.TempDir()
	ctx := &stepContext{Context: context.Background(), n: 25}
	code, stdout, stderr := netrun(t, ctx, cli.Config{}, "run", testdata("lif.hcl"), "-out", out)
	assert.Equal(t, cli.ExitFault, code)
	assert.Contains(t, stderr, "interrupted")
	assert.Contains(t, stdout, "Interrupted after")

	s := readSummary(t, out)
	assert.True(t, s.Interrupted)
	assert.Greater(t, s.Steps, 0)
	assert.Less(t, s.Steps, 50)
	assert.InDelta(t, float64(s.Steps), s.DurationMs, 1e-9, "duration_ms is the simulated time")
	assert.InDelta(t, 50.0, s.RequestedDurationMs, 1e-12)

	// The outputs are complete for what was simulated.
	_, spikes := readCSV(t, filepath.Join(out, "cell.spikes.csv"))
	for _, row := range spikes {
		assert.Less(t, row[0], s.DurationMs)
	}
	assert.Len(t, spikes, int(s.Populations["cell"].Spikes))
	_, vs := readCSV(t, filepath.Join(out, "cell.v.csv"))
	assert.Len(t, vs, s.Steps)
	assert.FileExists(t, filepath.Join(out, "cell.raster.png"))
	noTempFiles(t, out)
}

func TestRunFault(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("nan.hcl"), "-out", out, "-quiet")
	assert.Equal(t, cli.ExitFault, code)
	for _, w := range []string{`population "cell"`, "neuron 0", "step 0", "-Inf"} {
		assert.Contains(t, stderr, w)
	}
	s := readSummary(t, out)
	assert.Contains(t, s.Fault, `population "cell"`)
	assert.False(t, s.Interrupted)
	assert.Equal(t, 0, s.Steps)
	header, rows := readCSV(t, filepath.Join(out, "cell.spikes.csv"))
	assert.Equal(t, []string{"time_ms", "neuron"}, header)
	assert.Empty(t, rows)
}

func TestValidate(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "validate", testdata("chain.hcl"))
	assert.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, "ok: 3 populations, 3 synapses, 0 monitors\n", stdout)

	code, stdout, _ = netrun(t, context.Background(), cli.Config{}, "validate", testdata("lif.hcl"))
	assert.Equal(t, cli.ExitOK, code)
	assert.Equal(t, "ok: 1 population, 0 synapses, 1 monitor\n", stdout)

	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "validate", testdata("bad.hcl"))
	assert.Equal(t, cli.ExitConfig, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, filepath.Join("testdata", "bad.hcl")+":4:3: error: Unsupported argument")
	assert.NotContains(t, stderr, "\x1b[", "no color when stderr is not a terminal")

	// A problem found when compiling (a zero-delay loop) is reported too.
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.hcl")
	require.NoError(t, os.WriteFile(loop, []byte(`population "a" {
  model = "lif"
  n     = 2
}

population "b" {
  model = "lif"
  n     = 2
}

synapse "ab" {
  from  = population.a
  to    = population.b
  delay = 0
}

synapse "ba" {
  from  = population.b
  to    = population.a
  delay = 0
}
`), 0o644))
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "validate", loop)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, "loop.hcl:14:11: error: Zero-delay cycle")
	assert.Contains(t, stderr, "loop.hcl:20:11: error: Zero-delay cycle")
}

// TestValidateAll: one validate reports the problems of every stage, of
// both files of a network (the engine's too, for what did load).
func TestValidateAll(t *testing.T) {
	dir := filepath.Join("..", "dsl", "testdata", "errors", "multi")
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "validate", dir)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Empty(t, stdout)
	for _, want := range []string{
		"a.hcl:3:11: error: Invalid operand",
		"a.hcl:14:11: error: Invalid value for \"tau_m\"",
		"b.hcl:11:13: error: Invalid value for \"k\"",
		"b.hcl:18:10: error: Invalid value for \"lr\"",
		"b.hcl:23:22: error: Reference to undeclared population",
	} {
		assert.Contains(t, stderr, want)
	}
	assert.Equal(t, 5, strings.Count(stderr, ": error: "), stderr)
}

// TestStrict: warnings are printed and do not fail validate or run,
// unless -strict.
func TestStrict(t *testing.T) {
	path := testdata("warning.hcl")
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "validate", path)
	assert.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, "ok: 2 populations, 1 synapse, 0 monitors\n", stdout)
	assert.Contains(t, stderr, "warning.hcl:20:10: warning: Synapse input is ignored")

	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "validate", "-strict", path)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "warning: Synapse input is ignored")
	assert.Contains(t, stderr, "1 warning, and -strict makes warnings errors")

	out := t.TempDir()
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "run", path, "-quiet", "-out", out)
	assert.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stderr, "warning: Synapse input is ignored")
	code, _, _ = netrun(t, context.Background(), cli.Config{}, "run", path, "-quiet", "-strict", "-out", out)
	assert.Equal(t, cli.ExitConfig, code)
}

func TestFmt(t *testing.T) {
	src, err := os.ReadFile(testdata("unformatted.hcl"))
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "net.hcl")
	require.NoError(t, os.WriteFile(path, src, 0o640))

	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "fmt", "-check", dir)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Equal(t, path+"\n", stdout)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, src, got, "-check changes nothing")

	code, stdout, _ = netrun(t, context.Background(), cli.Config{}, "fmt", path)
	assert.Equal(t, cli.ExitOK, code)
	assert.Equal(t, path+"\n", stdout)
	got, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "population \"cell\" {\n  model     = \"lif\"\n  n         = 3\n  threshold = -50\n}\n", string(got))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm(), "the file keeps its mode")
	noTempFiles(t, dir)

	code, stdout, _ = netrun(t, context.Background(), cli.Config{}, "fmt", "-check", path)
	assert.Equal(t, cli.ExitOK, code)
	assert.Empty(t, stdout)

	broken := filepath.Join(dir, "broken.hcl")
	require.NoError(t, os.WriteFile(broken, []byte("population \"x\" {\n  n = \n"), 0o644))
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "fmt", broken)
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, "broken.hcl:")
	got, err = os.ReadFile(broken)
	require.NoError(t, err)
	assert.Equal(t, "population \"x\" {\n  n = \n", string(got), "a file that does not parse is left alone")
}

func TestGraph(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "graph", testdata("chain.hcl"))
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "digraph network {\n"))
	assert.True(t, strings.HasSuffix(stdout, "}\n"))
	// mid is reached from src by a zero-delay synapse: a later stage.
	stage0 := stdout[strings.Index(stdout, "cluster_stage0"):strings.Index(stdout, "cluster_stage1")]
	stage1 := stdout[strings.Index(stdout, "cluster_stage1"):]
	assert.Contains(t, stage0, `"src" [label="src\npoisson, n=5"]`)
	assert.Contains(t, stage0, `"inh" [label="inh\nlif, n=2\ninhibitory"]`)
	assert.Contains(t, stage1, `"mid" [label="mid\nlif, n=3"]`)
	assert.Contains(t, stdout, `"src" -> "mid" [label="src_mid\ndense, delta\ndelay 0 ms (0 steps)\n15 synapses"];`)
	assert.Contains(t, stdout, `"mid" -> "inh" [label="mid_inh\ndense, delta\ndelay 1 ms (10 steps)\n6 synapses"];`)
	assert.Regexp(t, `"inh" -> "mid" \[label="inh_mid\\ndense, delta\\ndelay 1.5 ms \(15 steps\)\\n6 synapses", color="#c0392b".*arrowhead=tee\];`, stdout)
	assert.Equal(t, 1, strings.Count(stdout, "arrowhead=tee"), "only the inhibitory edge")
}

func TestModels(t *testing.T) {
	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "models")
	assert.Equal(t, cli.ExitOK, code)
	for _, kind := range neurons.Builtin().Kinds() {
		assert.Contains(t, "\n"+stdout, "\n"+kind+"\n  variables: s", "model %s", kind)
	}

	code, stdout, _ = netrun(t, context.Background(), cli.Config{}, "models", "lif")
	assert.Equal(t, cli.ExitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "lif\n  variables: s, v, refrac_count\n"))
	assert.Regexp(t, `\n  threshold +number\|list +mV +-52 +- +spike threshold`, stdout)
	assert.Regexp(t, `\n  tau_m +number\|list +ms +10 `, stdout)
	assert.Regexp(t, `\n  v_init +number\|dist +mV +unset `, stdout)
	assert.Regexp(t, `\n  method +string +- +euler +euler\|exact `, stdout)
	assert.NotContains(t, stdout, "\nelif\n")

	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "models", "elfi")
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, `unknown component "elfi" (did you mean "elif"?)`)
}

// TestCustomRegistry checks that Main uses the models it is given.
func TestCustomRegistry(t *testing.T) {
	var reg neurons.Registry
	require.NoError(t, reg.Register(func() neurons.Model { return neurons.NewELIF() }))
	code, stdout, _ := netrun(t, context.Background(), cli.Config{Models: &reg}, "models")
	assert.Equal(t, cli.ExitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "elif\n"))
	assert.NotContains(t, stdout, "\nlif\n")

	// lif.hcl uses "lif", which this registry lacks.
	code, _, stderr := netrun(t, context.Background(), cli.Config{Models: &reg}, "validate", testdata("lif.hcl"))
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, `"lif"`)
}

func TestRunStateMonitorIndicesAndEvery(t *testing.T) {
	dir := t.TempDir()
	net := filepath.Join(dir, "net.hcl")
	require.NoError(t, os.WriteFile(net, []byte(`simulation {
  dt       = 1
  duration = 20
}

population "cells" {
  model     = "lif"
  n         = 3
  rest_pot  = 0
  reset_pot = 0
  threshold = 100
  tau_m     = 10
  R         = 1
  v_init    = 0
}

stimulus "drive" {
  target  = population.cells
  current = [10, 20, 30]
}

monitor "cells" {
  target    = population.cells
  variables = ["v"]
  indices   = [2, 0]
  every     = 5
}
`), 0o644))
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-quiet", "-out", out, "-format", "both")
	require.Equal(t, cli.ExitOK, code, stderr)

	// v' = 0.9*v + 0.1*I from 0: after step k, v = I*(1 - 0.9^(k+1)).
	header, rows := readCSV(t, filepath.Join(out, "cells.v.csv"))
	assert.Equal(t, []string{"time_ms", "2", "0"}, header)
	require.Len(t, rows, 4)
	for j, row := range rows {
		k := 5 * j
		assert.InDelta(t, float64(k), row[0], 1e-12)
		assert.InDelta(t, 30*(1-math.Pow(0.9, float64(k+1))), row[1], 1e-9, "neuron 2 after step %d", k)
		assert.InDelta(t, 10*(1-math.Pow(0.9, float64(k+1))), row[2], 1e-9, "neuron 0 after step %d", k)
	}
	shape, data := readNPY(t, filepath.Join(out, "cells.v.npy"))
	assert.Equal(t, []int{4, 2}, shape)
	assert.InDelta(t, rows[3][1], data[6], 1e-12)
	assert.InDelta(t, rows[3][2], data[7], 1e-12)
	shape, data = readNPY(t, filepath.Join(out, "cells.times.npy"))
	assert.Equal(t, []int{4}, shape)
	assert.Equal(t, []float64{0, 5, 10, 15}, data)
	assert.NoFileExists(t, filepath.Join(out, "cells.spikes.csv"), "no spike monitor")
	assert.FileExists(t, filepath.Join(out, "cells.v.png"))
}

// The summary counts in words: one step and one neuron are singular.
func TestRunSummarySingular(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-no-figures", "-duration", "1", "-out", t.TempDir(), testdata("lif.hcl"))
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "Simulated 1 ms (1 step of 1 ms)")
	assert.Contains(t, stdout, "(1 neuron, 0 spikes)")
}
