package encoding

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/npy"
)

// maxFuzzInput bounds the inputs the fuzz targets try, and
// fuzzMaxPixels the images they decode (the readers take any size up to
// maxImagePixels; a smaller bound keeps every execution fast).
const (
	maxFuzzInput  = 64 << 10
	fuzzMaxPixels = 1 << 16
)

// fuzzSeedImages returns small PNG, GIF and JPEG files, gray and colour, and
// the images of the examples.
func fuzzSeedImages(f *testing.F) [][]byte {
	gray := image.NewGray(image.Rect(0, 0, 3, 2))
	rgba := image.NewRGBA(image.Rect(0, 0, 2, 2))
	pal := image.NewPaletted(image.Rect(0, 0, 4, 3), palette.Plan9)
	g16 := image.NewGray16(image.Rect(0, 0, 2, 1))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(40 * i)
	}
	rgba.Set(0, 0, color.RGBA{R: 255, A: 255})
	rgba.Set(1, 1, color.RGBA{G: 128, B: 64, A: 128})
	pal.SetColorIndex(1, 1, 7)
	g16.SetGray16(1, 0, color.Gray16{Y: 0xffff})
	var out [][]byte
	for _, img := range []image.Image{gray, rgba, pal, g16} {
		var b bytes.Buffer
		require.NoError(f, png.Encode(&b, img))
		out = append(out, b.Bytes())
		b = bytes.Buffer{}
		require.NoError(f, gif.Encode(&b, img, nil))
		out = append(out, b.Bytes())
		b = bytes.Buffer{}
		require.NoError(f, jpeg.Encode(&b, img, &jpeg.Options{Quality: 50}))
		out = append(out, b.Bytes())
	}
	files, err := filepath.Glob("../examples/*/*.png")
	require.NoError(f, err)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		out = append(out, b)
	}
	return out
}

// fuzzCheckSample checks what an image reader returned without error.
func fuzzCheckSample(t *testing.T, s Sample) {
	require.Len(t, s.Shape, 2)
	require.Len(t, s.Data, s.Shape[0]*s.Shape[1], "values of shape %v", s.Shape)
	for i, v := range s.Data {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("pixel %d = %v, want a value in [0, 1]", i, v)
		}
	}
}

// FuzzReadImage decodes arbitrary bytes as a PNG, GIF or JPEG sample
// (image.Decode sniffs the format): an error, or a [height, width] sample
// of values in [0, 1].
func FuzzReadImage(f *testing.F) {
	for _, b := range fuzzSeedImages(f) {
		f.Add(b)
	}
	f.Add(fuzzPNGClaiming(f, 100000, 100000))
	f.Fuzz(func(t *testing.T, file []byte) {
		if len(file) > maxFuzzInput {
			t.Skip("input too large")
		}
		s, err := readImage(bytes.NewReader(file), false, fuzzMaxPixels)
		if err == nil {
			fuzzCheckSample(t, s)
		}
	})
}

// FuzzReadPGM reads arbitrary bytes as a PGM image (P2 or P5).
func FuzzReadPGM(f *testing.F) {
	for _, s := range []string{
		"P2\n# comment\n3 2\n255\n0 51 255\n102 204 1\n",
		"P5 3 2 255\n" + string([]byte{0, 51, 255, 102, 204, 1}),
		"P5 2 1 1000\n" + string([]byte{0x01, 0xf4, 0x03, 0xe8}),
		"P5\n#c\n1 1\n#d\n65535\n\xff\xff",
		"P2 2 2 7 0 7 3 8",
		"P5 4294967296 4294967296 255\n\x00",
		"P5 3037000500 3037000500 255\n\x00",
		"P5 100000 100000 255\n\x00\x00",
		"P6 1 1 255\nxxx",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		if len(file) > maxFuzzInput {
			t.Skip("input too large")
		}
		s, err := readImage(bytes.NewReader(file), true, fuzzMaxPixels)
		if err == nil {
			fuzzCheckSample(t, s)
		}
	})
}

// FuzzLoadArray reads arbitrary bytes as a CSV or .npy sample file,
// whole or stacked, with arbitrary bytes as its labels file (none if
// empty), through Load: an error, or samples whose values match their
// shapes.
func FuzzLoadArray(f *testing.F) {
	var m bytes.Buffer
	require.NoError(f, npy.Write(&m, []int{3, 2, 2}, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
	for _, tt := range []struct {
		file, labels   []byte
		isNPY, stacked bool
	}{
		{[]byte("a,b,c\n1,2,3\n4,5,6\n"), nil, false, false},
		{[]byte("# c\n1, 2\n3,4\n"), []byte("0\n1\n"), false, true},
		{[]byte("1,2\n3\n"), nil, false, false},
		{[]byte("x\n"), nil, false, false},
		{[]byte("\"1\",\"2e3\"\n-Inf,NaN\n"), []byte("file,label\n3_x.csv[0],1\n3_x.csv[1],2\n"), false, true},
		{m.Bytes(), []byte("3_x.npy,4\n"), true, false},
		{m.Bytes(), []byte("label\n1\n2\n3\n"), true, true},
		{m.Bytes(), []byte("1,2,3\n"), true, true},
	} {
		f.Add(tt.file, tt.labels, tt.isNPY, tt.stacked)
	}
	f.Fuzz(func(t *testing.T, file, labels []byte, isNPY, stacked bool) {
		if len(file)+len(labels) > maxFuzzInput {
			t.Skip("input too large")
		}
		dir := t.TempDir()
		name := filepath.Join(dir, "3_x.csv")
		if isNPY {
			name = filepath.Join(dir, "3_x.npy")
		}
		require.NoError(t, os.WriteFile(name, file, 0o644))
		labelsPath := ""
		if len(labels) > 0 {
			labelsPath = filepath.Join(dir, "labels.csv")
			require.NoError(t, os.WriteFile(labelsPath, labels, 0o644))
		}
		samples, err := Load(name, labelsPath, stacked)
		if err != nil {
			assert.Nil(t, samples)
			return
		}
		require.NotEmpty(t, samples)
		for _, s := range samples {
			size := 1
			for _, d := range s.Shape {
				size *= d
			}
			require.Len(t, s.Data, size, "values of sample %s of shape %v", s.Name, s.Shape)
		}
	})
}

// fuzzPNGClaiming returns a 1 x 1 PNG whose header claims w x h pixels.
func fuzzPNGClaiming(tb testing.TB, w, h uint32) []byte {
	var b bytes.Buffer
	require.NoError(tb, png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))))
	p := b.Bytes()
	// The IHDR chunk follows the 8-byte signature: length (4), "IHDR",
	// width (4), height (4), 5 more bytes, CRC of type and data (4).
	binary.BigEndian.PutUint32(p[16:], w)
	binary.BigEndian.PutUint32(p[20:], h)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

// TestReadImageRefusesHugeClaims is the regression test for crashers of
// the image readers found with their fuzz targets' seeds: a PGM header
// of 3037000500 x 3037000500 pixels overflowed w*h into a negative
// makeslice (a panic), and one of 4294967296 x 4294967296 into 0 (a
// sample of that shape holding no values); a PGM header claiming 10^10
// pixels made the reader allocate 80 GB (a fatal out of memory), and a
// PNG one 10 GB for the decoded image, before finding the file short. Now the claim is checked against the
// limit first, and PGM memory grows with the pixels actually read.
func TestReadImageRefusesHugeClaims(t *testing.T) {
	tests := []struct {
		name, file, want string
		content          []byte
	}{
		{"pgm overflow", "a.pgm", "larger than the limit", []byte("P5 3037000500 3037000500 255\n\x00")},
		{"pgm wrap to 0", "a0.pgm", "larger than the limit", []byte("P5 4294967296 4294967296 255\n\x00")},
		{"pgm huge", "b.pgm", "larger than the limit", []byte("P2 100000 100000 255\n0 1")},
		{"pgm short", "c.pgm", "pixels: unexpected EOF", []byte("P5 8000 8000 255\n\x00\x00")},
		{"pgm short ascii", "d.pgm", "pixel 2: EOF", []byte("P2 8000 8000 255\n0 1")},
		{"png huge", "e.png", "larger than the limit", fuzzPNGClaiming(t, 100000, 100000)},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			require.NoError(t, os.WriteFile(path, tt.content, 0o644))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := ReadImage(path)
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), path, "the error names the file")
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "bytes allocated")
		})
	}
}

// TestCheckPixels pins the limit's arithmetic at its edges.
func TestCheckPixels(t *testing.T) {
	tests := []struct {
		w, h, max int
		ok        bool
	}{
		{0, 0, 1, true},
		{4, 4, 16, true},
		{4, 5, 16, false},
		{16, 1, 16, true},
		{math.MaxInt, 2, 16, false},
		{2, math.MaxInt, 16, false},
		{-1, 1, 16, false},
	}
	for _, tt := range tests {
		err := checkPixels(tt.w, tt.h, tt.max)
		assert.Equal(t, tt.ok, err == nil, "%d x %d, limit %d: %v", tt.w, tt.h, tt.max, err)
	}
}
