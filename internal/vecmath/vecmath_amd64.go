//go:build !purego

package vecmath

import "golang.org/x/sys/cpu"

// hasAVX512 is set once from the CPU's features (cpu checks that the OS
// saves the AVX-512 state).
var hasAVX512 = cpu.X86.HasAVX512F

//go:noescape
func expAVX512(dst, src *float64, n int)

//go:noescape
func exprelAVX512(dst, src *float64, n int)

//go:noescape
func expEulerAVX512(dst, x, a, b *float64, n int, dt float64)
