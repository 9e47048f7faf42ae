//go:build !purego

package vecmath

import "golang.org/x/sys/cpu"

// hasAVX512 is set once from the CPU's features (cpu checks that the OS
// saves the AVX-512 state).
var hasAVX512 = cpu.X86.HasAVX512F

// hasAVX512BW adds the byte instructions of the kernels that write bools.
var hasAVX512BW = cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VL

//go:noescape
func expAVX512(dst, src *float64, n int)

//go:noescape
func exprelAVX512(dst, src *float64, n int)

//go:noescape
func expEulerAVX512(dst, x, a, b *float64, n int, dt float64)

// The kernels of arith_amd64.s (see gen_arith.py).

//go:noescape
func gtSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func geSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func ltSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func leSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func divAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func sSubAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func sDivAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func negAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulAddAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSAddAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSAddSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSubAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addAddAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addSubAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subAddAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subSubAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func finiteAVX512(a *float64, n int) bool

//go:noescape
func thresholdAVX512(spk *bool, v *float64, ref *bool, n int, c float64, ge bool) bool

//go:noescape
func countdownAVX512(ref *bool, rc *float64, n int)
