//go:build !amd64 || purego

package vecmath

const hasAVX512, hasAVX512BW = false, false

func expAVX512(dst, src *float64, n int)                        { panic("vecmath: no AVX-512 kernel") }
func exprelAVX512(dst, src *float64, n int)                     { panic("vecmath: no AVX-512 kernel") }
func expEulerAVX512(dst, x, a, b *float64, n int, dt float64)   { panic("vecmath: no AVX-512 kernel") }
func addAVX512(dst, a, b, c *float64, n int, s, t float64)      { panic("vecmath: no AVX-512 kernel") }
func subAVX512(dst, a, b, c *float64, n int, s, t float64)      { panic("vecmath: no AVX-512 kernel") }
func mulAVX512(dst, a, b, c *float64, n int, s, t float64)      { panic("vecmath: no AVX-512 kernel") }
func divAVX512(dst, a, b, c *float64, n int, s, t float64)      { panic("vecmath: no AVX-512 kernel") }
func addSAVX512(dst, a, b, c *float64, n int, s, t float64)     { panic("vecmath: no AVX-512 kernel") }
func subSAVX512(dst, a, b, c *float64, n int, s, t float64)     { panic("vecmath: no AVX-512 kernel") }
func mulSAVX512(dst, a, b, c *float64, n int, s, t float64)     { panic("vecmath: no AVX-512 kernel") }
func sSubAVX512(dst, a, b, c *float64, n int, s, t float64)     { panic("vecmath: no AVX-512 kernel") }
func sDivAVX512(dst, a, b, c *float64, n int, s, t float64)     { panic("vecmath: no AVX-512 kernel") }
func negAVX512(dst, a, b, c *float64, n int, s, t float64)      { panic("vecmath: no AVX-512 kernel") }
func mulAddAVX512(dst, a, b, c *float64, n int, s, t float64)   { panic("vecmath: no AVX-512 kernel") }
func mulSAddAVX512(dst, a, b, c *float64, n int, s, t float64)  { panic("vecmath: no AVX-512 kernel") }
func mulSAddSAVX512(dst, a, b, c *float64, n int, s, t float64) { panic("vecmath: no AVX-512 kernel") }
func mulSubAVX512(dst, a, b, c *float64, n int, s, t float64)   { panic("vecmath: no AVX-512 kernel") }
func addAddAVX512(dst, a, b, c *float64, n int, s, t float64)   { panic("vecmath: no AVX-512 kernel") }
func addSubAVX512(dst, a, b, c *float64, n int, s, t float64)   { panic("vecmath: no AVX-512 kernel") }
func subAddAVX512(dst, a, b, c *float64, n int, s, t float64)   { panic("vecmath: no AVX-512 kernel") }
func subSubAVX512(dst, a, b, c *float64, n int, s, t float64)   { panic("vecmath: no AVX-512 kernel") }
func finiteAVX512(a *float64, n int) bool                       { panic("vecmath: no AVX-512 kernel") }
func thresholdAVX512(spk *bool, v *float64, ref *bool, n int, c float64, ge bool) bool {
	panic("vecmath: no AVX-512 kernel")
}
func countdownAVX512(ref *bool, rc *float64, n int)        { panic("vecmath: no AVX-512 kernel") }
func gtSAVX512(dst, a, b, c *float64, n int, s, t float64) { panic("vecmath: no AVX-512 kernel") }
func geSAVX512(dst, a, b, c *float64, n int, s, t float64) { panic("vecmath: no AVX-512 kernel") }
func ltSAVX512(dst, a, b, c *float64, n int, s, t float64) { panic("vecmath: no AVX-512 kernel") }
func leSAVX512(dst, a, b, c *float64, n int, s, t float64) { panic("vecmath: no AVX-512 kernel") }
