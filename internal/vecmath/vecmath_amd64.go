//go:build !purego

package vecmath

import "golang.org/x/sys/cpu"

// The kernel sets of this CPU (cpu checks that the OS saves the vector
// state): AVX-512 F (with BW and VL for the kernels that write bools), or
// AVX2 with FMA.
var (
	hasAVX512   = cpu.X86.HasAVX512F
	hasAVX512BW = hasAVX512 && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VL
	hasAVX2     = cpu.X86.HasAVX2 && cpu.X86.HasFMA
)

func pick() *kernelSet {
	switch {
	case hasAVX512:
		return avx512Set()
	case hasAVX2:
		return avx2Set()
	}
	return generic
}

// sets returns every kernel set this CPU runs, best first, for the tests.
func sets() []*kernelSet {
	var s []*kernelSet
	if hasAVX512 {
		s = append(s, avx512Set())
	}
	if hasAVX2 {
		s = append(s, avx2Set())
	}
	return append(s, generic)
}

func avx512Set() *kernelSet {
	ks := &kernelSet{name: "avx512", width: 8,
		add:      addAVX512,
		sub:      subAVX512,
		mul:      mulAVX512,
		div:      divAVX512,
		addS:     addSAVX512,
		subS:     subSAVX512,
		mulS:     mulSAVX512,
		sSub:     sSubAVX512,
		sDiv:     sDivAVX512,
		neg:      negAVX512,
		gtS:      gtSAVX512,
		geS:      geSAVX512,
		ltS:      ltSAVX512,
		leS:      leSAVX512,
		mulAdd:   mulAddAVX512,
		mulSAdd:  mulSAddAVX512,
		mulSAddS: mulSAddSAVX512,
		mulSub:   mulSubAVX512,
		addAdd:   addAddAVX512,
		addSub:   addSubAVX512,
		subAdd:   subAddAVX512,
		subSub:   subSubAVX512,
		exp:      expAVX512, exprel: exprelAVX512, expEuler: expEulerAVX512, finite: finiteAVX512}
	if hasAVX512BW {
		ks.threshold, ks.countdown = thresholdAVX512, countdownAVX512
	}
	return ks
}

func avx2Set() *kernelSet {
	return &kernelSet{name: "avx2", width: 4,
		add:      addAVX2,
		sub:      subAVX2,
		mul:      mulAVX2,
		div:      divAVX2,
		addS:     addSAVX2,
		subS:     subSAVX2,
		mulS:     mulSAVX2,
		sSub:     sSubAVX2,
		sDiv:     sDivAVX2,
		neg:      negAVX2,
		gtS:      gtSAVX2,
		geS:      geSAVX2,
		ltS:      ltSAVX2,
		leS:      leSAVX2,
		mulAdd:   mulAddAVX2,
		mulSAdd:  mulSAddAVX2,
		mulSAddS: mulSAddSAVX2,
		mulSub:   mulSubAVX2,
		addAdd:   addAddAVX2,
		addSub:   addSubAVX2,
		subAdd:   subAddAVX2,
		subSub:   subSubAVX2,
		exp:      expAVX2, exprel: exprelAVX2, expEuler: expEulerAVX2, finite: finiteAVX2}
}

// The kernels of vecmath_amd64.s, spikes_amd64.s and arith_amd64.s.

//go:noescape
func expAVX512(dst, src *float64, n int)

//go:noescape
func exprelAVX512(dst, src *float64, n int)

//go:noescape
func expEulerAVX512(dst, x, a, b *float64, n int, dt float64)

//go:noescape
func finiteAVX512(a *float64, n int) bool

//go:noescape
func thresholdAVX512(spk *bool, v *float64, ref *bool, n int, c float64, ge bool) bool

//go:noescape
func countdownAVX512(ref *bool, rc *float64, n int)

//go:noescape
func expAVX2(dst, src *float64, n int)

//go:noescape
func exprelAVX2(dst, src *float64, n int)

//go:noescape
func expEulerAVX2(dst, x, a, b *float64, n int, dt float64)

//go:noescape
func finiteAVX2(a *float64, n int) bool

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
func gtSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func geSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func ltSAVX512(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func leSAVX512(dst, a, b, c *float64, n int, s, t float64)

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
func addAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func divAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func sSubAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func sDivAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func negAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func gtSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func geSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func ltSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func leSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulAddAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSAddAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSAddSAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func mulSubAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addAddAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func addSubAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subAddAVX2(dst, a, b, c *float64, n int, s, t float64)

//go:noescape
func subSubAVX2(dst, a, b, c *float64, n int, s, t float64)
