package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteNPYFile checks the bytes of the .npy files netrun writes: the
// magic string, version 1.0, the header dictionary padded so that the data
// starts at a multiple of 64 bytes, then little-endian float64 values.
func TestWriteNPYFile(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		data  []float64
		dict  string
	}{
		{"vector", []int{3}, []float64{1, 2, 3}, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"},
		{"matrix", []int{2, 2}, []float64{1, 2, 3, 4}, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }"},
		{"empty", []int{0, 2}, nil, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 2), }"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.npy")
			require.NoError(t, writeNPYFile(path, tc.shape, tc.data))
			out, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, "\x93NUMPY\x01\x00", string(out[:8]))
			hlen := int(out[8]) | int(out[9])<<8
			header := string(out[10 : 10+hlen])
			assert.Equal(t, tc.dict, strings.TrimRight(header, " \n"))
			assert.True(t, strings.HasSuffix(header, "\n"))
			assert.Zero(t, (10+hlen)%64, "the data starts at a multiple of 64 bytes")
			assert.Len(t, out, 10+hlen+8*len(tc.data))
			if len(tc.data) > 0 {
				// 1.0 is 0x3FF0000000000000, little-endian.
				assert.Equal(t, []byte{0, 0, 0, 0, 0, 0, 0xf0, 0x3f}, out[10+hlen:10+hlen+8])
			}
		})
	}
	path := filepath.Join(t.TempDir(), "bad.npy")
	assert.Error(t, writeNPYFile(path, []int{2, 2}, []float64{1}), "shape and data disagree")
	assert.NoFileExists(t, path)
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.csv")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))

	// A failing write leaves the old file and no temporary file.
	err := writeFileAtomic(path, 0o644, func(w io.Writer) error {
		if _, err := w.Write([]byte("half a")); err != nil {
			return err
		}
		return errors.New("interrupted")
	})
	require.Error(t, err)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)

	require.NoError(t, writeFileAtomic(path, 0o600, func(w io.Writer) error {
		_, err := w.Write([]byte("new"))
		return err
	}))
	got, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, 0.1)
	p.draw(250, 1000, 2*time.Second)
	// 25 ms of 100 ms simulated in 2 s: 0.0125 times real time.
	assert.Equal(t, "\r[=======                       ] 25 / 100 ms  25%  0.0125x real time  elapsed 2.0s  ETA 6.0s\x1b[K", b.String())
	p.finish()
	assert.True(t, strings.HasSuffix(b.String(), "\n"))

	// update draws the last step even within the redraw interval.
	b.Reset()
	p = newProgress(&b, 1)
	p.interval = time.Hour
	p.update(1, 10)
	assert.Empty(t, b.String(), "not redrawn within the interval")
	p.update(10, 10)
	assert.Contains(t, b.String(), "10 / 10 ms 100%")
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"exc":       "exc",
		"exc[0]":    "exc_0",
		`exc["a"]`:  "exc_a",
		"a b/c":     "a_b_c",
		"e-i.state": "e-i.state",
	} {
		assert.Equal(t, want, fileName(in), in)
	}
}

func TestDidYouMean(t *testing.T) {
	names := []string{"run", "validate", "fmt", "graph", "models"}
	assert.Equal(t, ` (did you mean "validate"?)`, didYouMean("valdate", names))
	assert.Equal(t, ` (did you mean "graph"?)`, didYouMean("grpah", names))
	assert.Equal(t, "", didYouMean("simulate", names))
}
