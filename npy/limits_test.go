package npy_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/npy"
)

// header returns a version 1.0 .npy header for shape (a tuple's text).
func header(shape string) []byte {
	h := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%s), }", shape)
	h += strings.Repeat(" ", 63-(10+len(h))%64) + "\n"
	return append([]byte{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, byte(len(h)), byte(len(h) >> 8)}, h...)
}

// TestReadLimits checks that an array beyond npy.MaxValues, or one whose
// header announces more than the data hold, is refused without
// allocating what the header announces.
func TestReadLimits(t *testing.T) {
	t.Run("too many values", func(t *testing.T) {
		_, _, err := npy.Read(bytes.NewReader(header("100000, 100000")))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "more than 134217728 values")
	})
	t.Run("overflowing shape", func(t *testing.T) {
		_, _, err := npy.Read(bytes.NewReader(header("4294967296, 4294967296, 4294967296")))
		require.Error(t, err)
	})
	t.Run("short stream", func(t *testing.T) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, err := npy.Read(bytes.NewReader(append(header("10000, 10000"), make([]byte, 80)...)))
		runtime.ReadMemStats(&after)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "want 100000000 values, read 10")
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(10<<20), "allocated as the data arrive")
	})
	t.Run("short file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "w.npy")
		require.NoError(t, os.WriteFile(path, append(header("10000, 10000"), make([]byte, 80)...), 0o644))
		_, _, err := npy.ReadFile(path)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "the header announces 100000000 values (800000000 bytes), the file holds 80 bytes of data")
	})
	t.Run("device", func(t *testing.T) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero")
		}
		_, _, err := npy.ReadFile("/dev/zero")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not a regular file")
	})
}

// TestReadInChunks checks an array larger than one read chunk.
func TestReadInChunks(t *testing.T) {
	data := make([]float64, 100003)
	for i := range data {
		data[i] = float64(i) / 3
	}
	var b bytes.Buffer
	require.NoError(t, npy.Write(&b, []int{100003}, data))
	shape, got, err := npy.Read(&b)
	require.NoError(t, err)
	assert.Equal(t, []int{100003}, shape)
	assert.Equal(t, data, got)
}

func TestReadShape(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.npy")
	require.NoError(t, npy.WriteFile(path, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}))
	shape, err := npy.ReadShape(path)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, shape)
	require.NoError(t, os.WriteFile(path, append(header("10000, 10000"), 1, 2), 0o644))
	_, err = npy.ReadShape(path)
	assert.ErrorContains(t, err, "the header announces")
}
