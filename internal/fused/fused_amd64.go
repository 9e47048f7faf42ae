package fused

import "golang.org/x/sys/cpu"

// useAVX512 selects the assembly kernel: AVX-512 F for the arithmetic and
// the masks, BMI2 (PDEP) to spread a spike mask into eight bools.
var useAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasBMI2

// step2AVX512 is stepGo2 for len(v) a multiple of 8 (and > 0), eight
// neurons at a time. It reads len(v) elements of every other slice.
//
//go:noescape
func step2AVX512(m *LIF, k1, k2 *Kernel, v, ref, x []float64, s []bool) (suspect bool)

// stepInputAVX512 is stepInputGo for len(v) a multiple of 8 (and > 0).
//
//go:noescape
func stepInputAVX512(m *LIF, v, ref, x []float64, s []bool) (suspect bool)
