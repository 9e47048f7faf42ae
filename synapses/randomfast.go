package synapses

import (
	"encoding/binary"
	"math"
	"math/bits"
	"math/rand/v2"
	"sync"
)

// The Bernoulli connector (Random) draws one uniform number per synapse
// from one PCG stream: the gap to the next synapse is
// floor(log(1-u)/log(1-p)), and the synapses are the pairs k =
// i*nPost+j reached by the running sum of the gaps. connectRandom makes
// the same synapses as Random.Connect from the same stream, but spread
// over workers: the stream is cut into blocks of randomBlock draws, each
// worker jumps ahead to the start of its block (a PCG is a linear
// congruential generator, so jumping n draws costs log2(n) 128-bit
// multiplications) and turns its draws into gaps, and the gaps are then
// summed in order. The draws, and so the synapses, are those of one
// serial pass whatever the number of workers.

// randomBlock is the largest number of draws in a block; an edge expected
// to have n synapses takes blocks of about n/64 draws, at least 1024, so
// that the blocks' buffers stay small beside the edge. The block size
// changes no draw.
const randomBlock = 1 << 15

// pcgState reads the state of a PCG (its 128-bit LCG state, hi and lo).
func pcgState(p *rand.PCG) (hi, lo uint64) {
	b, _ := p.MarshalBinary() // "pcg:" then hi and lo, big-endian
	return binary.BigEndian.Uint64(b[4:]), binary.BigEndian.Uint64(b[12:])
}

// pcgAdvance returns the state of a PCG in state (hi, lo) after n draws:
// each draw is state = state*mul + inc modulo 2^128, and n of them are
// state*mul^n + inc*(mul^(n-1) + ... + 1), computed by squaring.
func pcgAdvance(hi, lo, n uint64) (uint64, uint64) {
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

// connectRandom adds the synapses of c (0 < c.P < 1) between nPre and
// nPost neurons to b, drawing from src (left unchanged) with up to
// workers goroutines.
func connectRandom(c Random, nPre, nPost int, same bool, src *rand.PCG, workers int, b *csrBuilder) {
	total := nPre * nPost
	if total == 0 {
		return
	}
	logq := math.Log1p(-c.P)
	hi0, lo0 := pcgState(src)
	workers = max(1, workers)
	// steps[w] holds the steps (1 + gap) of the w-th block of a round,
	// capped at total (any step that long ends the edge).
	expected := c.P * float64(total)
	size := uint64(min(randomBlock, max(1024, expected/64)))
	steps := make([][]int64, workers)
	for w := range steps {
		steps[w] = make([]int64, size)
	}
	draw := func(block uint64, out []int64) {
		hi, lo := pcgAdvance(hi0, lo0, block*size)
		r := rand.NewPCG(hi, lo)
		lim := float64(total)
		for m := range out {
			u := float64(r.Uint64()<<11>>11) / (1 << 53) // rand.Rand.Float64
			gap := math.Floor(math.Log(1-u) / logq)
			if gap >= lim {
				gap = lim
			}
			out[m] = 1 + int64(gap)
		}
	}
	k := int64(-1) // the last pair reached
	i, rowStart := 0, int64(0)
	t := int64(total)
	for block := uint64(0); ; block += uint64(workers) {
		if workers == 1 {
			draw(block, steps[0])
		} else {
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() { draw(block+uint64(w), steps[w]) })
			}
			wg.Wait()
		}
		for w := range workers {
			for _, step := range steps[w] {
				// As Random.Connect: the gap ends the edge if it reaches
				// past the last pair.
				if step-1 >= t-k-1 {
					return
				}
				k += step
				for k >= rowStart+int64(nPost) {
					i++
					rowStart += int64(nPost)
				}
				j := int(k - rowStart)
				if same && i == j && !c.Autapses {
					continue
				}
				b.rowPtr[i+1]++
				b.post = append(b.post, int32(j))
			}
		}
	}
}
