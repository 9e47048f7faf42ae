package encoding_test

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/npy"
)

// writePNG writes an 8-bit grayscale PNG whose pixel (x, y) is pix[y][x].
func writePNG(t *testing.T, path string, pix [][]uint8) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, len(pix[0]), len(pix)))
	for y, row := range pix {
		for x, v := range row {
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, png.Encode(f, img))
	require.NoError(t, f.Close())
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func TestReadImage(t *testing.T) {
	dir := t.TempDir()
	// 2 rows x 3 columns: shape [2, 3], value = gray/255.
	writePNG(t, filepath.Join(dir, "a.png"), [][]uint8{{0, 51, 255}, {102, 204, 1}})
	want := []float64{0, 0.2, 1, 0.4, 0.8, 1.0 / 255}

	// The same image as PGM, ASCII (with a comment) and binary.
	writeFile(t, filepath.Join(dir, "a2.pgm"), "P2\n# comment\n3 2\n255\n0 51 255\n102 204 1\n")
	writeFile(t, filepath.Join(dir, "a5.pgm"), "P5 3 2 255\n"+string([]byte{0, 51, 255, 102, 204, 1}))
	// 16-bit binary PGM with maxval 1000: two bytes per pixel, MSB first.
	writeFile(t, filepath.Join(dir, "b.pgm"), "P5 2 1 1000\n"+string([]byte{0x01, 0xf4, 0x03, 0xe8}))

	for _, name := range []string{"a.png", "a2.pgm", "a5.pgm"} {
		t.Run(name, func(t *testing.T) {
			s, err := encoding.ReadImage(filepath.Join(dir, name))
			require.NoError(t, err)
			assert.Equal(t, []int{2, 3}, s.Shape)
			require.Len(t, s.Data, 6)
			for i := range want {
				assert.InDelta(t, want[i], s.Data[i], 1e-12, "pixel %d", i)
			}
		})
	}
	s, err := encoding.ReadImage(filepath.Join(dir, "b.pgm"))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, s.Shape)
	assert.InDeltaSlice(t, []float64{0.5, 1}, s.Data, 1e-12)

	writeFile(t, filepath.Join(dir, "bad.pgm"), "P6 1 1 255\nxxx")
	_, err = encoding.ReadImage(filepath.Join(dir, "bad.pgm"))
	assert.ErrorContains(t, err, "not a PGM")
}

func TestReadColourImageIsLuma(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	f, err := os.Create(filepath.Join(dir, "red.png"))
	require.NoError(t, err)
	require.NoError(t, png.Encode(f, img))
	require.NoError(t, f.Close())
	s, err := encoding.ReadImage(filepath.Join(dir, "red.png"))
	require.NoError(t, err)
	// BT.601 luma of pure red: 0.299.
	assert.InDelta(t, 0.299, s.Data[0], 1e-3)
}

func TestReadArray(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "m.csv"), "a,b,c\n1,2,3\n4,5,6\n")
	shape, data, err := encoding.ReadArray(filepath.Join(dir, "m.csv"))
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, shape)
	assert.Equal(t, []float64{1, 2, 3, 4, 5, 6}, data)

	writeFile(t, filepath.Join(dir, "ragged.csv"), "1,2\n3\n")
	_, _, err = encoding.ReadArray(filepath.Join(dir, "ragged.csv"))
	assert.Error(t, err)

	require.NoError(t, npy.WriteFile(filepath.Join(dir, "x.npy"), []int{3, 2, 2}, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
	one, err := encoding.ReadFile(filepath.Join(dir, "x.npy"), false)
	require.NoError(t, err)
	require.Len(t, one, 1)
	assert.Equal(t, []int{3, 2, 2}, one[0].Shape)

	stacked, err := encoding.ReadFile(filepath.Join(dir, "x.npy"), true)
	require.NoError(t, err)
	require.Len(t, stacked, 3)
	for i, s := range stacked {
		assert.Equal(t, []int{2, 2}, s.Shape)
		assert.Equal(t, float64(4*i), s.Data[0])
		assert.Equal(t, "x.npy["+string(rune('0'+i))+"]", s.Name)
	}
}

func TestLabelOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		want int
	}{
		{"3_foo.png", 3},
		{"12-bar.png", 12},
		{"7.png", 7},
		{"foo.png", -1},
		{"x3_foo.png", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, encoding.LabelOf(tc.name))
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	px := [][]uint8{{10, 20}}
	writePNG(t, filepath.Join(dir, "flat", "2_b.png"), px)
	writePNG(t, filepath.Join(dir, "flat", "1_a.png"), px)
	writeFile(t, filepath.Join(dir, "flat", "notes.txt"), "ignored")
	writePNG(t, filepath.Join(dir, "classes", "cat", "x.png"), px)
	writePNG(t, filepath.Join(dir, "classes", "dog", "y.png"), px)
	writePNG(t, filepath.Join(dir, "classes", "dog", "z.png"), px)
	writePNG(t, filepath.Join(dir, "numbered", "7", "x.png"), px)

	t.Run("directory, labels from names", func(t *testing.T) {
		s, err := encoding.Load(filepath.Join(dir, "flat"), "", false)
		require.NoError(t, err)
		require.Len(t, s, 2)
		assert.Equal(t, "1_a.png", s[0].Name)
		assert.Equal(t, []int{1, 2}, []int{s[0].Label, s[1].Label})
	})
	t.Run("class directories", func(t *testing.T) {
		s, err := encoding.Load(filepath.Join(dir, "classes"), "", false)
		require.NoError(t, err)
		require.Len(t, s, 3)
		assert.Equal(t, []string{"cat/x.png", "dog/y.png", "dog/z.png"}, []string{s[0].Name, s[1].Name, s[2].Name})
		assert.Equal(t, []int{0, 1, 1}, []int{s[0].Label, s[1].Label, s[2].Label})
		n, err := encoding.Load(filepath.Join(dir, "numbered"), "", false)
		require.NoError(t, err)
		assert.Equal(t, 7, n[0].Label)
	})
	t.Run("glob", func(t *testing.T) {
		s, err := encoding.Load(filepath.Join(dir, "flat", "2_*.png"), "", false)
		require.NoError(t, err)
		require.Len(t, s, 1)
		assert.Equal(t, 2, s[0].Label)
	})
	t.Run("labels csv by file", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "l.csv"), "file,label\n1_a.png,5\ndog/y.png,8\ncat/x.png,9\ndog/z.png,8\n")
		s, err := encoding.Load(filepath.Join(dir, "classes"), filepath.Join(dir, "l.csv"), false)
		require.NoError(t, err)
		assert.Equal(t, []int{9, 8, 8}, []int{s[0].Label, s[1].Label, s[2].Label})
	})
	t.Run("labels csv in order", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "o.csv"), "4\n6\n")
		s, err := encoding.Load(filepath.Join(dir, "flat"), filepath.Join(dir, "o.csv"), false)
		require.NoError(t, err)
		assert.Equal(t, []int{4, 6}, []int{s[0].Label, s[1].Label})
		writeFile(t, filepath.Join(dir, "short.csv"), "4\n")
		_, err = encoding.Load(filepath.Join(dir, "flat"), filepath.Join(dir, "short.csv"), false)
		assert.ErrorContains(t, err, "1 labels for 2 samples")
	})
	t.Run("errors", func(t *testing.T) {
		_, err := encoding.Load(filepath.Join(dir, "missing"), "", false)
		assert.Error(t, err)
		_, err = encoding.Load(filepath.Join(dir, "flat", "*.jpg"), "", false)
		assert.ErrorContains(t, err, "matches no sample files")
	})
}
