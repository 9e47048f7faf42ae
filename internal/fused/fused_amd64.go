package fused

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// The assembly reads LIF and Kernel at these offsets: the build fails if
// they move.
var (
	_ [0]struct{} = [unsafe.Offsetof(LIF{}.RefSteps) - 48]struct{}{}
	_ [0]struct{} = [unsafe.Offsetof(Kernel{}.A) - 24]struct{}{}
	_ [0]struct{} = [unsafe.Offsetof(Kernel{}.Decay) - 48]struct{}{}
	_ [0]struct{} = [unsafe.Sizeof(Kernel{}) - 56]struct{}{}
)

// cpuLevel is the best kernel this CPU runs: AVX-512 F (eight lanes and
// mask registers) or AVX2 (four lanes), both with BMI2 (PDEP spreads a
// spike mask into bools).
var cpuLevel = func() int {
	switch {
	case cpu.X86.HasAVX512F && cpu.X86.HasBMI2:
		return levelAVX512
	case cpu.X86.HasAVX2 && cpu.X86.HasBMI2:
		return levelAVX2
	}
	return levelGo
}()

// step2AVX512 is stepGo2 for len(v) a multiple of 8 (and > 0), eight
// neurons at a time. It reads len(v) elements of every other slice.
//
//go:noescape
func step2AVX512(m *LIF, k1, k2 *Kernel, v, ref, x []float64, s []bool) (suspect bool)

// stepInputAVX512 is stepInputGo for len(v) a multiple of 8 (and > 0).
//
//go:noescape
func stepInputAVX512(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool)

// stepNAVX512 is stepGoN (any number of kernels, len(ks) >= 1) for len(v)
// a multiple of 8 (and > 0).
//
//go:noescape
func stepNAVX512(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool)

// stepNAVX2 is stepGo for len(v) a multiple of 4 (and > 0), four neurons
// at a time.
//
//go:noescape
func stepNAVX2(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool)

// stepInputAVX2 is stepInputGo for len(v) a multiple of 4 (and > 0).
//
//go:noescape
func stepInputAVX2(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool)
