package prefetch

import (
	"testing"
	"unsafe"
)

// TestLine checks that Line and Lines can be called on any address of a
// slice
// (it must neither fault nor change memory).
func TestLine(t *testing.T) {
	b := make([]int32, 1000)
	for i := range b {
		b[i] = int32(i)
	}
	for i := range b {
		Line(unsafe.Pointer(&b[i]))
	}
	Lines(unsafe.Pointer(&b[0]), len(b)*4/64)
	Lines(unsafe.Pointer(&b[0]), 0)
	for i := range b {
		if b[i] != int32(i) {
			t.Fatalf("b[%d] = %d after Line", i, b[i])
		}
	}
}
