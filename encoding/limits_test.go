package encoding_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/npy"
)

// TestDataFileLimits checks that devices, files beyond
// encoding.MaxFileBytes and images announcing more than
// encoding.MaxPixels are refused quickly.
func TestDataFileLimits(t *testing.T) {
	dir := t.TempDir()
	large := filepath.Join(dir, "large.csv")
	f, err := os.Create(large)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(encoding.MaxFileBytes+1)) // sparse: costs no disk
	require.NoError(t, f.Close())
	huge := filepath.Join(dir, "huge.pgm")
	require.NoError(t, os.WriteFile(huge, []byte("P5 100000 100000 255\n\x00"), 0o644))
	tests := []struct{ name, path, want string }{
		{"large csv", large, "more than the limit of 256 MiB"},
		{"huge image", huge, "image of 100000 x 100000 pixels"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		for _, ext := range []string{".csv", ".png", ".pgm"} {
			link := filepath.Join(dir, "zero"+ext)
			require.NoError(t, os.Symlink("/dev/zero", link))
			tests = append(tests, struct{ name, path, want string }{"/dev/zero as " + ext, link, "is not a regular file"})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := encoding.ReadFile(tt.path, false)
			assert.Less(t, time.Since(start), time.Second)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestOpenDataCutsOff checks that a reader fails, rather than ends, past
// its limit, and that a file of exactly the limit reads whole.
func TestOpenDataCutsOff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.csv")
	require.NoError(t, os.WriteFile(path, []byte("1,2,3\n"), 0o644))
	r, err := encoding.OpenData(path, 6)
	require.NoError(t, err)
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "1,2,3\n", string(b))
	require.NoError(t, r.Close())

	_, err = encoding.OpenData(path, 5)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has 6 bytes")
}

// TestOpenDataGrowing checks that a file that grows while it is read (as
// a pipe may without end) is cut off with an error.
func TestOpenDataGrowing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.csv")
	require.NoError(t, os.WriteFile(path, []byte("1,2,3\n"), 0o644))
	r, err := encoding.OpenData(path, 6)
	require.NoError(t, err)
	defer r.Close()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("4,5,6\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	_, err = io.ReadAll(r)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is longer than the limit of 6 bytes")
}

// TestDataModelBytes checks that the memory of a data model's samples is
// estimated from the files' headers before they are read, and equals what
// reading them keeps.
func TestDataModelBytes(t *testing.T) {
	dir := t.TempDir()
	pix := [][]uint8{{0, 255, 0}, {255, 0, 255}}
	for _, name := range []string{"0_a.png", "1_b.png", "2_c.png"} {
		writePNG(t, filepath.Join(dir, "img", name), pix)
	}
	data := make([]float64, 4*5)
	require.NoError(t, npy.WriteFile(filepath.Join(dir, "stack.npy"), []int{4, 5}, data))
	for _, tt := range []struct {
		source  string
		stacked bool
		values  int64
	}{{"img", false, 3 * 6}, {"stack.npy", true, 20}} {
		m := encoding.NewData()
		m.Source, m.Stacked = tt.source, tt.stacked
		m.SetBaseDir(dir)
		before, peak := m.ModelBytes(0)
		assert.Equal(t, 8*tt.values, before, tt.source)
		assert.GreaterOrEqual(t, peak, before)
		_, err := m.DataShape()
		require.NoError(t, err)
		after, _ := m.ModelBytes(0)
		assert.Equal(t, before, after, tt.source)
	}
}
