//go:build !amd64

package fused

// cpuLevel is levelGo: there is no assembly kernel on this architecture.
const cpuLevel = levelGo

func step2AVX512(m *LIF, k1, k2 *Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}

func stepInputAVX512(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}

func stepNAVX512(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}

func stepNAVX2(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}

func stepInputAVX2(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}
