//go:build !amd64 || purego

package vecmath

const hasAVX512 = false

func expAVX512(dst, src *float64, n int)                      { panic("vecmath: no AVX-512 kernel") }
func exprelAVX512(dst, src *float64, n int)                   { panic("vecmath: no AVX-512 kernel") }
func expEulerAVX512(dst, x, a, b *float64, n int, dt float64) { panic("vecmath: no AVX-512 kernel") }
