package dsl

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/npy"
)

// FuzzReadMatrix reads arbitrary bytes as a weight file of load(), CSV or
// .npy: an error, or a rows x cols matrix holding rows*cols values.
func FuzzReadMatrix(f *testing.F) {
	var m bytes.Buffer
	require.NoError(f, npy.Write(&m, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}))
	f.Add(m.Bytes(), true)
	m.Reset()
	require.NoError(f, npy.Write(&m, []int{4}, []float64{1, 2, 3, 4}))
	f.Add(m.Bytes(), true)
	m.Reset()
	require.NoError(f, npy.Write(&m, []int{1, 2, 2}, []float64{1, 2, 3, 4}))
	f.Add(m.Bytes(), true)
	w, err := os.ReadFile("testdata/ok/learn/w.csv")
	require.NoError(f, err)
	f.Add(w, false)
	for _, s := range []string{"a,b\n1,2\n3,4\n", "# c\n1\n", "1,2\n3\n", "x\n", "1,\"2\"\n", "\n\n", " 1e3 , -Inf\nNaN,0x10\n"} {
		f.Add([]byte(s), false)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, file []byte, isNPY bool) {
		if len(file) > 64<<10 {
			t.Skip("input too large")
		}
		path := filepath.Join(dir, "w.csv")
		if isNPY {
			path = filepath.Join(dir, "w.npy")
		}
		require.NoError(t, os.WriteFile(path, file, 0o644))
		rows, cols, data, err := readMatrix(path)
		if err != nil {
			return
		}
		require.GreaterOrEqual(t, rows, 0)
		require.GreaterOrEqual(t, cols, 0)
		require.Len(t, data, rows*cols, "values of a %d x %d matrix", rows, cols)
	})
}
