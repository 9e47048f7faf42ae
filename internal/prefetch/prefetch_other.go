//go:build !amd64 || purego

package prefetch

import "unsafe"

// Line asks for the cache line that holds p to be loaded into every level
// of the cache; on this architecture it does nothing.
func Line(p unsafe.Pointer) {}

// Lines asks for the n cache lines from the one that holds p on (64
// bytes apart); on this architecture it does nothing.
func Lines(p unsafe.Pointer, n int) {}
