package dsl

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/npy"
)

// writeTestNPZ writes arrays (float64 .npy members) as an .npz file.
func writeTestNPZ(t *testing.T, arrays map[string][]float64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.npz")
	f, err := os.Create(path)
	require.NoError(t, err)
	z := zip.NewWriter(f)
	for name, v := range arrays {
		w, err := z.Create(name + ".npy")
		require.NoError(t, err)
		require.NoError(t, npy.Write(w, []int{len(v)}, v))
	}
	require.NoError(t, z.Close())
	require.NoError(t, f.Close())
	return path
}

func TestReadSparseNPZ(t *testing.T) {
	ok := map[string][]float64{"i": {0, 1}, "j": {2, 0}, "w": {0.5, -1}, "shape": {2, 3}}
	rows, cols, data, err := readMatrix(writeTestNPZ(t, ok))
	require.NoError(t, err)
	assert.Equal(t, 2, rows)
	assert.Equal(t, 3, cols)
	assert.Equal(t, []float64{0, 0, 0.5, -1, 0, 0}, data)

	tests := []struct {
		name   string
		arrays map[string][]float64
		want   string
	}{
		{"no w", map[string][]float64{"i": {0}, "j": {0}, "shape": {1, 1}}, `holds no array "w"`},
		{"index outside", map[string][]float64{"i": {2}, "j": {0}, "w": {1}, "shape": {2, 3}}, "outside the 2 x 3 shape"},
		{"fractional index", map[string][]float64{"i": {0.5}, "j": {0}, "w": {1}, "shape": {2, 3}}, "outside the 2 x 3 shape"},
		{"lengths", map[string][]float64{"i": {0, 1}, "j": {0}, "w": {1}, "shape": {2, 3}}, "want as many"},
		{"bad shape", map[string][]float64{"i": {}, "j": {}, "w": {}, "shape": {2}}, "want [rows, cols]"},
		{"huge shape", map[string][]float64{"i": {}, "j": {}, "w": {}, "shape": {1 << 20, 1 << 20}}, "exceeds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := readMatrix(writeTestNPZ(t, tc.arrays))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, _, _, err = readMatrix(filepath.Join(t.TempDir(), "none.npz"))
	assert.Error(t, err)
}
