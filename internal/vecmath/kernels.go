package vecmath

// kernelSet is one implementation of the kernels: AVX-512 (8 lanes),
// AVX2 with FMA (4 lanes), or none (width 0, every kernel nil: the
// references run). A nil kernel means the reference loop does the work.
// The sets are fixed at start-up; best is the widest this CPU runs.
type kernelSet struct {
	name                                                                                                                                         string
	width                                                                                                                                        int
	add, sub, mul, div, addS, subS, mulS, sSub, sDiv, neg, gtS, geS, ltS, leS, mulAdd, mulSAdd, mulSAddS, mulSub, addAdd, addSub, subAdd, subSub kernel
	exp, exprel                                                                                                                                  func(dst, src *float64, n int)
	expEuler                                                                                                                                     func(dst, x, a, b *float64, n int, dt float64)
	finite                                                                                                                                       func(a *float64, n int) bool
	threshold                                                                                                                                    func(spk *bool, v *float64, ref *bool, n int, c float64, ge bool) bool
	countdown                                                                                                                                    func(ref *bool, rc *float64, n int)
}

// generic runs the pure-Go references alone.
var generic = &kernelSet{name: "generic"}

// best is the kernel set the exported functions use.
var best = pick()

// Path names the kernels the exported functions run on this CPU:
// "avx512", "avx2" or "generic" (the results are the same on all).
func Path() string { return best.name }
