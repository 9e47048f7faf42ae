package synapses

import (
	"math"
	"math/rand/v2"
	"sync"

	"github.com/synapticflow/synapticflow-go/dist"
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

// connectRandom adds the synapses of c (0 < c.P < 1) between nPre and
// nPost neurons to b, drawing from src (left unchanged) with up to
// workers goroutines.
func connectRandom(c Random, nPre, nPost int, same bool, src *rand.PCG, workers int, b *csrBuilder) {
	total := nPre * nPost
	if total == 0 {
		return
	}
	logq := math.Log1p(-c.P)
	hi0, lo0 := dist.PCGState(src)
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
		hi, lo := dist.PCGAdvance(hi0, lo0, block*size)
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
