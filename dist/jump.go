package dist

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
)

// PCGState returns the 128-bit state (hi, lo) of a PCG generator.
func PCGState(p *rand.PCG) (hi, lo uint64) {
	b, _ := p.MarshalBinary() // "pcg:" then hi and lo, big-endian
	return binary.BigEndian.Uint64(b[4:]), binary.BigEndian.Uint64(b[12:])
}

// PCGAdvance returns the state of a PCG generator in state (hi, lo) after
// n draws (rand.PCG.Uint64 calls): each draw is state = state*mul + inc
// modulo 2^128, so n of them are state*mul^n + inc*(mul^(n-1) + ... + 1),
// computed by squaring in log2(n) steps. rand.NewPCG(PCGAdvance(hi, lo,
// n)) continues the sequence n draws on, so that workers can each draw
// their own block of one stream.
func PCGAdvance(hi, lo, n uint64) (uint64, uint64) {
	const (
		mulHi = 2549297995355413924
		mulLo = 4865540595714422341
		incHi = 6364136223846793005
		incLo = 1442695040888963407
	)
	mul := func(ah, al, bh, bl uint64) (uint64, uint64) {
		h, l := bits.Mul64(al, bl)
		return h + ah*bl + al*bh, l
	}
	add := func(ah, al, bh, bl uint64) (uint64, uint64) {
		l, c := bits.Add64(al, bl, 0)
		h, _ := bits.Add64(ah, bh, c)
		return h, l
	}
	accMh, accMl, accPh, accPl := uint64(0), uint64(1), uint64(0), uint64(0)
	curMh, curMl, curPh, curPl := uint64(mulHi), uint64(mulLo), uint64(incHi), uint64(incLo)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			accMh, accMl = mul(accMh, accMl, curMh, curMl)
			accPh, accPl = mul(accPh, accPl, curMh, curMl)
			accPh, accPl = add(accPh, accPl, curPh, curPl)
		}
		// cur_plus = (cur_mult + 1) * cur_plus; cur_mult = cur_mult^2.
		m1h, m1l := add(curMh, curMl, 0, 1)
		curPh, curPl = mul(m1h, m1l, curPh, curPl)
		curMh, curMl = mul(curMh, curMl, curMh, curMl)
	}
	h, l := mul(accMh, accMl, hi, lo)
	return add(h, l, accPh, accPl)
}
