package cli_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/internal/fuzzguard"
	"github.com/synapticflow/synapticflow-go/npy"
)

// fuzzVarNames are the variables of testdata/fuzzvars.hcl, and one it
// does not declare.
var fuzzVarNames = []string{"n", "rate", "thr", "model", "inhibitory", "w", "pulses", "connect", "undeclared"}

// FuzzVars gives a fixed network (testdata/fuzzvars.hcl, one variable of
// each kind) an arbitrary -var value and an arbitrary -var-file:
// netrun validate must accept them or explain why (exit 1 with a
// message), never panic, hang or take them for a usage error.
func FuzzVars(f *testing.F) {
	for _, tt := range []struct {
		name     uint8
		value    string
		varFile  string
		withFile bool
	}{
		{0, "10", "", false},
		{1, "40000", "", false},
		{2, "-49", "", false},
		{2, "[-50, -51]", "n = 4\n", true},
		{3, `"elif"`, "", false},
		{3, "raf", "", false},
		{4, "true", "inhibitory = true\n", true},
		{5, "{ mean = 1, sd = 0 }", "", false},
		{5, "{ mean = 1 }", "w = { mean = 0.2, sd = 0.01 }\n", true},
		{6, "[{ start = 0, stop = 9, amplitude = 1e3 }]", "", false},
		{7, "fixed_indegree", "", false},
		{8, "1", "undeclared = 2\n", true},
		{0, "", "n = \n", true},
		{1, "[", "rate = {\n", true},
		{2, "${", "thr = [for x in range(3) : x]\n", true},
	} {
		f.Add(tt.name, tt.value, []byte(tt.varFile), tt.withFile)
	}
	net, err := filepath.Abs(testdata("fuzzvars.hcl"))
	require.NoError(f, err)
	dir := f.TempDir()
	varFile := filepath.Join(dir, "vars.hcl")
	f.Fuzz(func(t *testing.T, name uint8, value string, file []byte, withFile bool) {
		if reason := fuzzguard.SkipSource([]byte(value)); reason != "" {
			t.Skip(reason)
		}
		if reason := fuzzguard.SkipSource(file); reason != "" {
			t.Skip(reason)
		}
		args := []string{"validate", "-var", fuzzVarNames[int(name)%len(fuzzVarNames)] + "=" + value}
		if withFile {
			require.NoError(t, os.WriteFile(varFile, file, 0o644))
			args = append(args, "-var-file", varFile)
		}
		args = append(args, net)
		fuzzguard.Guard(t, 20*time.Second, func() error {
			var stdout, stderr bytes.Buffer
			code := cli.Main(context.Background(), args, &stdout, &stderr, cli.Config{})
			switch code {
			case cli.ExitOK:
				if !strings.HasPrefix(stdout.String(), "ok: ") {
					return fmt.Errorf("exit 0 without ok: stdout %q", stdout.String())
				}
			case cli.ExitConfig:
				if strings.TrimSpace(stderr.String()) == "" {
					return errors.New("exit 1 without a message")
				}
			default:
				return fmt.Errorf("%q: exit %d, stderr:\n%s", args, code, stderr.String())
			}
			return nil
		})
	})
}

// fuzzSeedSources returns every network of the examples and the cli test
// data, by name.
func fuzzSeedSources(tb testing.TB) map[string][]byte {
	tb.Helper()
	out := make(map[string][]byte)
	for _, root := range []string{"../examples", "testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".hcl" {
				return err
			}
			b, err := os.ReadFile(path)
			out[path] = b
			return err
		})
		require.NoError(tb, err)
	}
	return out
}

// FuzzRun is the run path on small networks: arbitrary bytes as one
// network file that loads within small bounds (at most 2000 neurons,
// about 10^5 synapses) are run with netrun run for at most 50 steps,
// with figures and .npy outputs or without. The run must end with exit 0
// and a summary.json, or exit 1 (configuration) or 3 (runtime fault)
// with a message, never panic or hang.
func FuzzRun(f *testing.F) {
	sources := fuzzSeedSources(f)
	for _, name := range slices.Sorted(maps.Keys(sources)) {
		f.Add(sources[name], uint8(0))
		f.Add(sources[name], uint8(1))
		if strings.Contains(name, "elif") || strings.Contains(name, "chain") || strings.Contains(name, "nan") {
			f.Add(sources[name], uint8(2))
		}
	}
	dir := f.TempDir()
	for _, name := range []string{"encoding/image.png", "filters/scene.png"} {
		b, err := os.ReadFile(filepath.Join("../examples", name))
		require.NoError(f, err)
		require.NoError(f, os.WriteFile(filepath.Join(dir, filepath.Base(name)), b, 0o644))
	}
	require.NoError(f, npy.WriteFile(filepath.Join(dir, "w.npy"), []int{2, 3}, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}))
	require.NoError(f, os.WriteFile(filepath.Join(dir, "w.csv"), []byte("0.1,0.2\n0.3,0.4\n"), 0o644))
	path := filepath.Join(dir, "net.hcl")
	f.Fuzz(func(t *testing.T, src []byte, mode uint8) {
		if reason := fuzzguard.SkipSource(src); reason != "" {
			t.Skip(reason)
		}
		require.NoError(t, os.WriteFile(path, src, 0o644))
		var skip string
		var steps, dt float64
		fuzzguard.Guard(t, 20*time.Second, func() error {
			net, diags := dsl.Load(path, dsl.Options{})
			switch {
			case diags.HasErrors():
				skip = "does not load"
			default:
				skip = fuzzguard.RunBounds.TooLarge(net)
				dt = net.Simulation.Dt
				steps = net.Simulation.Duration / dt
			}
			return nil
		})
		if skip != "" {
			t.Skip(skip)
		}
		out := t.TempDir()
		args := []string{"run", "-quiet", "-workers", "1", "-out", out}
		if !(steps <= 50) {
			args = append(args, "-duration", strconv.FormatFloat(50*dt, 'g', -1, 64))
		}
		if mode&1 == 0 {
			args = append(args, "-no-figures")
		}
		if mode&2 != 0 {
			args = append(args, "-format", "both")
		}
		args = append(args, path)
		fuzzguard.Guard(t, 30*time.Second, func() error {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			code := cli.Main(ctx, args, &stdout, &stderr, cli.Config{})
			if ctx.Err() != nil {
				return fmt.Errorf("run of at most 50 steps still running after 20 s (exit %d)", code)
			}
			switch code {
			case cli.ExitOK:
				if _, err := os.Stat(filepath.Join(out, "summary.json")); err != nil {
					return fmt.Errorf("exit 0 without summary.json: %v", err)
				}
			case cli.ExitConfig, cli.ExitFault:
				if strings.TrimSpace(stderr.String()) == "" {
					return fmt.Errorf("exit %d without a message", code)
				}
			default:
				return fmt.Errorf("%q: exit %d, stderr:\n%s", args, code, stderr.String())
			}
			return nil
		})
	})
}
