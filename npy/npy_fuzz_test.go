package npy_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/npy"
)

// maxFuzzInput bounds the inputs FuzzRead tries (the reader itself takes
// files of any size).
const maxFuzzInput = 64 << 10

// FuzzRead reads arbitrary bytes as an .npy file: Read must return an
// error or an array whose size matches its shape, and an array it reads
// must survive Write and Read unchanged (bit for bit, NaNs included).
func FuzzRead(f *testing.F) {
	var b bytes.Buffer
	for _, tt := range []struct {
		shape []int
		data  []float64
	}{
		{[]int{3}, []float64{1, -2.5, math.Pi}},
		{[]int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
		{[]int{0, 4}, nil},
		{[]int{}, []float64{7}},
		{[]int{2, 1, 2}, []float64{math.NaN(), math.Inf(1), -0.0, 1e-300}},
	} {
		b.Reset()
		require.NoError(f, npy.Write(&b, tt.shape, tt.data))
		f.Add(bytes.Clone(b.Bytes()))
	}
	for _, descr := range []string{"<f4", ">f8", "<i8", "<i4", "<i2", "|i1", "|u1", "<u2", ">u4", "<u8", "|b1"} {
		f.Add(npyFile("{'descr': '"+descr+"', 'fortran_order': False, 'shape': (2, 2), }\n", make([]byte, 32)))
		f.Add(npyFile("{'descr': '"+descr+"', 'fortran_order': True, 'shape': (2, 2), }\n", bytes.Repeat([]byte{1, 2, 3, 4}, 8)))
	}
	v2 := []byte("\x93NUMPY\x02\x00")
	hdr := "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 2, 1), }\n"
	v2 = binary.LittleEndian.AppendUint32(v2, uint32(len(hdr)))
	v2 = append(append(v2, hdr...), make([]byte, 16)...)
	f.Add(v2)
	f.Add(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647,), }\n", make([]byte, 8)))
	f.Add([]byte("\x93NUMPY\x03\x00\xff\xff\xff\x00"))

	f.Fuzz(func(t *testing.T, file []byte) {
		if len(file) > maxFuzzInput {
			t.Skip("input too large")
		}
		shape, data, err := npy.Read(bytes.NewReader(file))
		if err != nil {
			assert.Nil(t, data, "no data with an error")
			return
		}
		size := 1
		for _, d := range shape {
			require.GreaterOrEqual(t, d, 0, "dimension of shape %v", shape)
			size *= d
		}
		require.Len(t, data, size, "values of shape %v", shape)

		var out bytes.Buffer
		require.NoError(t, npy.Write(&out, shape, data))
		shape2, data2, err := npy.Read(&out)
		require.NoError(t, err, "reading back what Write wrote")
		assert.Equal(t, len(shape), len(shape2))
		if len(shape) > 0 {
			assert.Equal(t, shape, shape2)
		}
		require.Len(t, data2, len(data))
		for i := range data {
			if math.Float64bits(data[i]) != math.Float64bits(data2[i]) {
				t.Fatalf("value %d: %v, read back as %v", i, data[i], data2[i])
			}
		}
	})
}

// TestReadHugeClaimsAllocateLittle is the regression test for a bug
// found with FuzzRead's seeds: a header claiming a huge shape (or a
// version 2 header claiming 16 MB) over a few bytes of file made Read
// allocate the whole claim (16 GB for shape (2147483647,) of '<f8', a
// fatal out of memory on a smaller machine) before finding the file
// short. Now memory follows the bytes actually read.
func TestReadHugeClaimsAllocateLittle(t *testing.T) {
	tests := []struct {
		name, want string
		file       []byte
	}{
		{"huge shape", "data", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000,), }\n", make([]byte, 8))},
		{"huge 2-D shape (beyond MaxValues)", "more than", npyFile("{'descr': '<i1', 'fortran_order': True, 'shape': (46340, 46340), }\n", nil)},
		{"huge header", "header", []byte("\x93NUMPY\x02\x00\x00\x00\x00\x01{'descr'")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _, err := npy.Read(bytes.NewReader(tt.file))
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated")
		})
	}
}
