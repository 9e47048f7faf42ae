package checkpoint

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPortableCodec: the value-by-value path (big-endian machines, 32-bit
// ints) writes and reads the same bytes as the memory copy.
func TestPortableCodec(t *testing.T) {
	enc := func() []byte {
		var e Encoder
		e.Floats([]float64{1.5, -2, 3e300})
		e.Ints([]int{-1, 1 << 40, 7})
		e.Int32s([]int32{-5, 9})
		return e.Bytes()
	}
	saved := native
	defer func() { native = saved }()
	native = true
	fast := enc()
	native = false
	require.Equal(t, fast, enc())
	for _, nat := range []bool{true, false} {
		native = nat
		d := NewDecoder("x", fast)
		require.Equal(t, []float64{1.5, -2, 3e300}, d.Floats(nil))
		require.Equal(t, []int{-1, 1 << 40, 7}, d.Ints(nil))
		require.Equal(t, []int32{-5, 9}, d.Int32s(nil))
		require.NoError(t, d.Done())
	}
}
