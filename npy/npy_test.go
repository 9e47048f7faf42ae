package npy_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/npy"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		data  []float64
	}{
		{"vector", []int{3}, []float64{1, -2.5, math.Pi}},
		{"matrix", []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
		{"empty", []int{0, 4}, []float64{}},
		{"scalar", []int{}, []float64{7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, npy.Write(&b, tt.shape, tt.data))
			assert.Zero(t, (b.Len()-len(tt.data)*8)%64, "data starts 64-byte aligned")
			shape, data, err := npy.Read(&b)
			require.NoError(t, err)
			assert.Equal(t, len(tt.shape), len(shape))
			if len(tt.shape) > 0 {
				assert.Equal(t, tt.shape, shape)
			}
			assert.Equal(t, tt.data, data)
		})
	}
}

// TestHeaderBytes checks the exact bytes numpy.save writes for a (2,)
// float64 array: magic, version 1.0, header length, dict, padding.
func TestHeaderBytes(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, npy.Write(&b, []int{2}, []float64{1, 2}))
	raw := b.Bytes()
	assert.Equal(t, "\x93NUMPY\x01\x00", string(raw[:8]))
	hlen := int(binary.LittleEndian.Uint16(raw[8:10]))
	header := string(raw[10 : 10+hlen])
	assert.Equal(t, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", header[:57])
	assert.Equal(t, byte('\n'), header[len(header)-1])
	assert.Equal(t, 1.0, math.Float64frombits(binary.LittleEndian.Uint64(raw[10+hlen:])))
}

// npyFile builds an .npy file by hand with the given header and data.
func npyFile(header string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&b, binary.LittleEndian, uint16(len(header)))
	b.WriteString(header)
	b.Write(data)
	return b.Bytes()
}

func TestReadTypes(t *testing.T) {
	i32 := make([]byte, 8)
	binary.LittleEndian.PutUint32(i32, uint32(0xFFFFFFFF)) // -1
	binary.LittleEndian.PutUint32(i32[4:], 7)
	f4 := make([]byte, 4)
	binary.BigEndian.PutUint32(f4, math.Float32bits(1.5))
	tests := []struct {
		name string
		file []byte
		want []float64
	}{
		{"int32", npyFile("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n", i32), []float64{-1, 7}},
		{"uint8", npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }\n", []byte{0, 128, 255}), []float64{0, 128, 255}},
		{"big-endian float32", npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n", f4), []float64{1.5}},
		{"fortran order", npyFile("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }\n", []byte{1, 4, 2, 5, 3, 6}), []float64{1, 2, 3, 4, 5, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, data, err := npy.Read(bytes.NewReader(tt.file))
			require.NoError(t, err)
			assert.Equal(t, tt.want, data)
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, want string
		file       []byte
	}{
		{"not npy", "bad magic", []byte("hello world, not numpy")},
		{"object dtype", "unsupported dtype", npyFile("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }\n", nil)},
		{"truncated", "data", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }\n", make([]byte, 8))},
		{"garbled header", "cannot parse", npyFile("{nonsense}\n", nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := npy.Read(bytes.NewReader(tt.file))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
