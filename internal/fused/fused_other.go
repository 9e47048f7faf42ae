//go:build !amd64

package fused

// useAVX512 is false: there is no assembly kernel on this architecture.
const useAVX512 = false

func step2AVX512(m *LIF, k1, k2 *Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}

func stepInputAVX512(m *LIF, v, ref, x []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}

func stepNAVX512(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool) {
	panic("fused: no assembly kernel on this architecture")
}
