package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
	"github.com/synapticflow/synapticflow-go/npy"
)

// numpyPython returns a Python with numpy (Debian's /usr/bin/python3
// first, then python3 in PATH), or skips the test saying how to get one.
func numpyPython(t *testing.T) string {
	t.Helper()
	var tried []string
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil || slices.Contains(tried, path) {
			continue
		}
		tried = append(tried, path)
		if exec.Command(path, "-c", "import numpy").Run() == nil {
			return path
		}
	}
	t.Skipf("no python3 with numpy (tried %v): the numpy round trips are skipped; install it with apt-get install -y python3-numpy", tried)
	return ""
}

// runPython runs script with python, the arguments after it, and returns
// its standard output.
func runPython(t *testing.T, python, script string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(python, append([]string{"-c", script}, args...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	return stdout.Bytes()
}

// numpyArray is an array as numpy read it.
type numpyArray struct {
	Dtype string    `json:"dtype"`
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

// dumpScript prints every .npy and .npz file of a directory as numpy
// loads it: {"f.npy": {"": array}, "g.npz": {"i": array, ...}}, the data
// flattened in C order. json's floats are exact (repr round-trips).
const dumpScript = `
import json, os, sys
import numpy as np
def arr(a):
    return {"dtype": a.dtype.str, "shape": list(a.shape), "data": a.ravel(order="C").astype(float).tolist()}
out = {}
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    p = os.path.join(d, f)
    if f.endswith(".npy"):
        out[f] = {"": arr(np.load(p))}
    elif f.endswith(".npz"):
        with np.load(p) as z:
            out[f] = {k: arr(z[k]) for k in z.files}
print(json.dumps(out))
`

// goArrays reads the arrays of an .npy or .npz file with package npy.
func goArrays(t *testing.T, path string) map[string]numpyArray {
	t.Helper()
	out := map[string]numpyArray{}
	if strings.HasSuffix(path, ".npy") {
		shape, data, err := npy.ReadFile(path)
		require.NoError(t, err)
		out[""] = numpyArray{Shape: shape, Data: data}
		return out
	}
	z, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer z.Close()
	for _, f := range z.File {
		r, err := f.Open()
		require.NoError(t, err)
		raw, err := io.ReadAll(r)
		require.NoError(t, err)
		r.Close()
		shape, data, err := npy.Read(bytes.NewReader(raw))
		require.NoError(t, err, f.Name)
		out[strings.TrimSuffix(f.Name, ".npy")] = numpyArray{Shape: shape, Data: data}
	}
	return out
}

// TestNumpyReadsOutputs: every .npy and .npz file of a run (spikes, the
// state of an indices subset, rates, sparse weights with per-synapse
// delays) loads in numpy with the shapes, dtypes and values netrun
// wrote; the spike indices are integers of the recorded neurons.
func TestNumpyReadsOutputs(t *testing.T) {
	python := numpyPython(t)
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("numpy.hcl"), "-out", out, "-quiet", "-no-figures", "-format", "npy")
	require.Equal(t, cli.ExitOK, code, stderr)
	var got map[string]map[string]numpyArray
	require.NoError(t, json.Unmarshal(runPython(t, python, dumpScript, out), &got))

	for _, f := range []string{"cell.spikes.npz", "cell.v.npy", "cell.indices.npy", "cell.times.npy", "cell.rate.npy",
		"in.spikes.npz", "in_cell.weights.npz", "in_cell.weights.npy"} {
		assert.Contains(t, got, f)
	}
	for file, arrays := range got {
		want := goArrays(t, filepath.Join(out, file))
		assert.Len(t, arrays, len(want), file)
		for name, a := range arrays {
			w, ok := want[name]
			if !assert.True(t, ok, "%s: %s", file, name) {
				continue
			}
			if len(w.Shape) == 0 {
				w.Shape = []int{}
			}
			assert.Equal(t, w.Shape, a.Shape, "%s %s: shape", file, name)
			assert.Equal(t, w.Data, a.Data, "%s %s: values", file, name)
		}
	}
	spikes := got["cell.spikes.npz"]
	assert.Equal(t, "<i8", spikes["i"].Dtype, "integer neuron indices, as Brian2's SpikeMonitor.i")
	assert.Equal(t, "<f8", spikes["t"].Dtype)
	require.NotEmpty(t, spikes["i"].Data, "the cells spike")
	for _, i := range spikes["i"].Data {
		assert.Contains(t, []float64{1, 4, 7}, i, "a recorded neuron")
	}
	assert.True(t, slices.IsSorted(spikes["t"].Data), "spikes in time order")
	assert.Equal(t, []float64{1, 4, 7}, got["cell.indices.npy"][""].Data)
	assert.Equal(t, "<i8", got["cell.indices.npy"][""].Dtype)
	assert.Equal(t, []int{300, 3}, got["cell.v.npy"][""].Shape, "steps x recorded neurons")
	// The rate of a monitor with indices is that of its recorded
	// neurons: summed over the steps (columns t, rate in Hz), the spikes
	// of 3 neurons.
	rate := got["cell.rate.npy"][""]
	require.Equal(t, []int{300, 2}, rate.Shape)
	sum := 0.0
	for k := range 300 {
		sum += rate.Data[2*k+1]
	}
	assert.InDelta(t, float64(len(spikes["i"].Data)), sum*0.1/1000*3, 1e-9, "rate of the recorded neurons")

	w := got["in_cell.weights.npz"]
	for _, k := range []string{"i", "j", "shape"} {
		assert.Equal(t, "<i8", w[k].Dtype, k)
	}
	assert.Equal(t, []float64{20, 10}, w["shape"].Data)
	n := len(w["i"].Data)
	require.Positive(t, n)
	for _, k := range []string{"j", "w", "delay"} {
		assert.Len(t, w[k].Data, n, k)
	}
	dense := got["in_cell.weights.npy"][""]
	for s := range n {
		i, j := int(w["i"].Data[s]), int(w["j"].Data[s])
		assert.Equal(t, 4.0, w["w"].Data[s])
		assert.Equal(t, w["w"].Data[s], dense.Data[i*10+j], "the dense matrix agrees")
		d := w["delay"].Data[s]
		assert.True(t, d >= 0.5 && d <= 2, "delay %g ms in [0.5, 2]", d)
	}
}

// writeScript writes weight files with numpy, as a user would: a float32
// Fortran-ordered matrix, a big-endian one, an int matrix, and sparse
// (i, j, w, shape) archives, plain and compressed, with int32 indices.
const writeScript = `
import sys, os
import numpy as np
d = sys.argv[1]
m = np.array([[0.125, 0, 0.375], [0.5, 0.625, 0.75]])
np.save(os.path.join(d, "f4_fortran.npy"), np.asfortranarray(m.astype("<f4")))
np.save(os.path.join(d, "be.npy"), m.astype(">f8"))
np.save(os.path.join(d, "ints.npy"), np.array([[1, 0, 3], [4, 5, 6]], dtype="<i4"))
i = np.array([0, 1, 1, 0], dtype=np.int32)
j = np.array([2, 0, 1, 0], dtype=np.int32)
w = np.array([0.375, 0.5, 0.625, 0.0])
np.savez(os.path.join(d, "sparse.npz"), i=i, j=j, w=w, shape=np.array([2, 3]))
np.savez_compressed(os.path.join(d, "sparse_c.npz"), i=i, j=j, w=w, shape=np.array([2, 3]))
`

// TestNumpyWrittenWeightsLoad: weight files numpy writes load (load())
// with their values: dtypes converted, Fortran order and byte order
// respected, sparse archives (compressed or not) placed in the matrix;
// the weights netrun saves match.
func TestNumpyWrittenWeightsLoad(t *testing.T) {
	python := numpyPython(t)
	dir := t.TempDir()
	runPython(t, python, writeScript, dir)
	dense := []float64{0.125, 0, 0.375, 0.5, 0.625, 0.75}
	for _, tc := range []struct {
		file string
		want []float64
	}{
		{"f4_fortran.npy", dense},
		{"be.npy", dense},
		{"ints.npy", []float64{1, 0, 3, 4, 5, 6}},
		{"sparse.npz", []float64{0, 0, 0.375, 0.5, 0.625, 0}},
		{"sparse_c.npz", []float64{0, 0, 0.375, 0.5, 0.625, 0}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			net := filepath.Join(dir, "net.hcl")
			require.NoError(t, os.WriteFile(net, []byte(`simulation {
  dt       = 0.5
  duration = 1
}

population "a" {
  model = "poisson"
  n     = 2
  rate  = 10
}

population "b" {
  model = "lif"
  n     = 3
}

synapse "ab" {
  from         = population.a
  to           = population.b
  connect      = "dense"
  weight       = load("`+tc.file+`")
  save_weights = true
}
`), 0o644))
			out := t.TempDir()
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", net, "-out", out, "-quiet", "-no-figures")
			require.Equal(t, cli.ExitOK, code, stderr)
			shape, w, err := npy.ReadFile(filepath.Join(out, "ab.weights.npy"))
			require.NoError(t, err)
			assert.Equal(t, []int{2, 3}, shape)
			assert.Equal(t, tc.want, w)
		})
	}
}
